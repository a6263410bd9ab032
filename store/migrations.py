"""Ordered schema migrations; `PRAGMA user_version` says how many have been applied.

A migration is a tuple of statements, never edited once released: change the schema by
appending a new one (and a test from the version before it).
"""

import sqlite3

_V1 = (
    "PRAGMA application_id = 1668246889",  # 0x636F6D69, "comi": see store.db.APPLICATION_ID
    """CREATE TABLE structures (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('msp','esp','cds','cpts','etablissement','association')),
        city TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE committees (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        structure_id INTEGER NOT NULL REFERENCES structures(id) ON DELETE RESTRICT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN
            ('comite_usagers','cdu','groupe_travail','copil','programme_etp')),
        description TEXT NOT NULL DEFAULT '',
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX committees_structure ON committees(structure_id)",
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        profession TEXT NOT NULL DEFAULT '',
        association TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX people_sort ON people(sort_key, id)",
    # Covering index: sorting thousands of search hits by name never reads the whole rows.
    "CREATE INDEX people_id_sort ON people(id, sort_key)",
    """CREATE TABLE person_roles (
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user_representative','patient_partner',
            'expert_patient','peer_helper','peer_mediator','professional','coordinator')),
        PRIMARY KEY (person_id, role)
    ) WITHOUT ROWID""",
    # The free note stays out of the index: it may hold what only the person page should show.
    """CREATE VIRTUAL TABLE people_fts USING fts5(
        first_name, last_name, email, profession, association,
        content='people', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    """CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts(rowid, first_name, last_name, email, profession, association)
        VALUES (new.id, new.first_name, new.last_name, new.email, new.profession, new.association);
    END""",
    """CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, first_name, last_name, email, profession,
            association)
        VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.profession,
            old.association);
    END""",
    """CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts(people_fts, rowid, first_name, last_name, email, profession,
            association)
        VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.profession,
            old.association);
        INSERT INTO people_fts(rowid, first_name, last_name, email, profession, association)
        VALUES (new.id, new.first_name, new.last_name, new.email, new.profession, new.association);
    END""",
    """CREATE TABLE memberships (
        id INTEGER PRIMARY KEY,
        committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        seat TEXT NOT NULL CHECK (seat IN ('titulaire','suppleant')),
        substitute_for INTEGER REFERENCES memberships(id) ON DELETE SET NULL,
        function TEXT NOT NULL DEFAULT 'membre'
            CHECK (function IN ('president','vice_president','secretaire','membre','invite')),
        mandate_start TEXT,
        mandate_end TEXT,
        designated_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (committee_id, person_id),
        CHECK (seat = 'suppleant' OR substitute_for IS NULL),
        CHECK (mandate_end IS NULL OR mandate_start IS NULL OR mandate_end >= mandate_start)
    )""",
    "CREATE INDEX memberships_person ON memberships(person_id)",
    "CREATE INDEX memberships_substitute ON memberships(substitute_for)",
    "CREATE INDEX memberships_end ON memberships(mandate_end)",
    # Meetings arrive with their own issue; the table exists now so a committee with
    # meetings can be archived but never deleted (ON DELETE RESTRICT).
    """CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE RESTRICT,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX meetings_committee ON meetings(committee_id)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        fields TEXT NOT NULL DEFAULT ''
    )""",
)

# Meetings, their poll (slots and votes), the calendar replies, and the inbox's memory.
_V2 = (
    "ALTER TABLE meetings ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN "
    "('draft','poll','convened','held','cancelled'))",
    "ALTER TABLE meetings ADD COLUMN place TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN video_url TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 120"
    " CHECK (duration_minutes BETWEEN 5 AND 1440)",
    "ALTER TABLE meetings ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Paris'",
    "ALTER TABLE meetings ADD COLUMN description TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN quorum INTEGER CHECK (quorum IS NULL OR quorum >= 0)",
    "CREATE INDEX meetings_status ON meetings(status)",
    """CREATE TABLE slots (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL,
        local_start TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        sequence INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','chosen','released')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX slots_meeting ON slots(meeting_id, starts_at)",
    """CREATE TABLE invitees (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        seat TEXT NOT NULL CHECK (seat IN ('titulaire','suppleant','invite')),
        seat_key INTEGER,
        required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
        partstat TEXT NOT NULL DEFAULT 'NEEDS-ACTION'
            CHECK (partstat IN ('NEEDS-ACTION','ACCEPTED','TENTATIVE','DECLINED')),
        partstat_sequence INTEGER,
        partstat_stamp TEXT,
        comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (meeting_id, person_id)
    )""",
    "CREATE INDEX invitees_person ON invitees(person_id)",
    """CREATE TABLE votes (
        invitee_id INTEGER NOT NULL REFERENCES invitees(id) ON DELETE CASCADE,
        slot_id INTEGER NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
        answer TEXT NOT NULL CHECK (answer IN ('yes','if_need_be','no')),
        source TEXT NOT NULL CHECK (source IN ('phone','paper','calendar','framadate')),
        sequence INTEGER NOT NULL DEFAULT 0,
        stamp TEXT NOT NULL,
        entered_by TEXT NOT NULL,
        entered_at TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (invitee_id, slot_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX votes_slot ON votes(slot_id)",
    # Every calendar reply received, applied or not: a stale one is kept, never obeyed.
    """CREATE TABLE replies (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        slot_id INTEGER REFERENCES slots(id) ON DELETE CASCADE,
        invitee_id INTEGER REFERENCES invitees(id) ON DELETE CASCADE,
        attendee TEXT NOT NULL,
        partstat TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        sequence INTEGER NOT NULL DEFAULT 0,
        stamp TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('applied','stale','pending','dismissed')),
        received_at TEXT NOT NULL
    )""",
    "CREATE INDEX replies_meeting ON replies(meeting_id, outcome)",
    """CREATE TABLE invitations (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        invitee_id INTEGER NOT NULL REFERENCES invitees(id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('REQUEST','CANCEL')),
        sequence INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        written_at TEXT NOT NULL,
        sent_at TEXT
    )""",
    "CREATE INDEX invitations_meeting ON invitations(meeting_id, invitee_id)",
    """CREATE TABLE inbox_files (
        sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('processed','quarantined')),
        reason TEXT NOT NULL DEFAULT '',
        meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        received_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX inbox_files_received ON inbox_files(received_at)",
)

# Agenda, minutes, conclusions and the live séance.
_PURPOSE = "('information','consultation','decision')"
_DEGREE = "('information','consultation','collaboration','partenariat')"
_V3 = (
    # A committee's usual items, copied into each new meeting's agenda.
    f"""CREATE TABLE agenda_templates (
        id INTEGER PRIMARY KEY,
        committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        presenter TEXT NOT NULL DEFAULT '',
        duration_minutes INTEGER NOT NULL DEFAULT 10,
        purpose TEXT NOT NULL CHECK (purpose IN {_PURPOSE}),
        participation TEXT NOT NULL CHECK (participation IN {_DEGREE})
    )""",
    "CREATE INDEX agenda_templates_committee ON agenda_templates(committee_id, position)",
    f"""CREATE TABLE agenda_items (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL DEFAULT 'topic' CHECK (kind IN ('topic','adoption')),
        adopts_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        presenter TEXT NOT NULL DEFAULT '',
        duration_minutes INTEGER NOT NULL DEFAULT 10,
        purpose TEXT NOT NULL CHECK (purpose IN {_PURPOSE}),
        participation TEXT NOT NULL CHECK (participation IN {_DEGREE}),
        notes TEXT NOT NULL DEFAULT '',
        confidential_notes TEXT NOT NULL DEFAULT '',
        spent_seconds INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position)",
    """CREATE TABLE conclusions (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('decision','action')),
        text TEXT NOT NULL,
        owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        due_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','abandoned')),
        closed_reason TEXT NOT NULL DEFAULT '',
        closed_at TEXT,
        closed_in_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX conclusions_meeting ON conclusions(meeting_id)",
    "CREATE INDEX conclusions_open ON conclusions(status, due_on)",
    "CREATE INDEX conclusions_owner ON conclusions(owner_id)",
    # NULL attendance: not yet said; the minutes prefill it from the convocation's answers.
    """ALTER TABLE invitees ADD COLUMN attendance TEXT
        CHECK (attendance IS NULL OR attendance IN ('present','excused','absent','represented'))""",
    "ALTER TABLE invitees ADD COLUMN represented_by INTEGER REFERENCES invitees(id) ON DELETE SET NULL",
    "ALTER TABLE invitees ADD COLUMN arrived_at TEXT",
    """CREATE TABLE minutes (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft','circulated','adopted','signed')),
        remarks_until TEXT,
        circulated_at TEXT,
        adopted_at TEXT,
        adopted_in_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        signed_at TEXT,
        voided_at TEXT,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE minutes_signatures (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        signer TEXT NOT NULL,
        capacity TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        voided_at TEXT
    )""",
    "CREATE INDEX minutes_signatures_meeting ON minutes_signatures(meeting_id)",
    """CREATE TABLE sessions (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        current_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
        item_started_at TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT
    )""",
    """CREATE TABLE speaking_turns (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        invitee_id INTEGER NOT NULL REFERENCES invitees(id) ON DELETE CASCADE,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX speaking_turns_item ON speaking_turns(item_id, invitee_id)",
)

# Charters: every version of every template seen (its text kept, so a charter can be made again
# byte for byte), one person's charters, and the signatures of both sides.
_V4 = (
    """CREATE TABLE charter_templates (
        id INTEGER PRIMARY KEY,
        template_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('shipped','user')),
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        current INTEGER NOT NULL DEFAULT 0,
        first_seen_at TEXT NOT NULL,
        UNIQUE (template_id, content_hash)
    )""",
    "CREATE INDEX charter_templates_current ON charter_templates(current, template_id)",
    """CREATE TABLE charters (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        committee_id INTEGER REFERENCES committees(id) ON DELETE SET NULL,
        template_version_id INTEGER NOT NULL REFERENCES charter_templates(id) ON DELETE RESTRICT,
        data TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        generated_at TEXT NOT NULL
    )""",
    "CREATE INDEX charters_person ON charters(person_id, committee_id)",
    "CREATE INDEX charters_pdf ON charters(pdf_sha256)",
    """CREATE TABLE charter_signatures (
        charter_id INTEGER NOT NULL REFERENCES charters(id) ON DELETE CASCADE,
        side TEXT NOT NULL CHECK (side IN ('structure','person')),
        method TEXT NOT NULL CHECK (method IN ('paper','pdf','pades')),
        signer TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        scan_path TEXT NOT NULL DEFAULT '',
        scan_sha256 TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (charter_id, side)
    ) WITHOUT ROWID""",
)

# Recruitment (candidacies, the team's criteria and opinions, trainings) and privacy (consents,
# the health note kept apart, retention policy); what a composition view needs on people.
_ROLE = ("('user_representative','patient_partner','expert_patient','peer_helper',"
         "'peer_mediator','professional','coordinator')")
_V5 = (
    "ALTER TABLE people ADD COLUMN birth_year INTEGER"
    " CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100)",
    "ALTER TABLE people ADD COLUMN sex TEXT NOT NULL DEFAULT ''"
    " CHECK (sex IN ('','female','male','other'))",
    "ALTER TABLE people ADD COLUMN territory TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE people ADD COLUMN lived_as TEXT NOT NULL DEFAULT ''"
    " CHECK (lived_as IN ('','patient','carer','both'))",
    # The last time the coordinator decided to keep an inactive person's record.
    "ALTER TABLE people ADD COLUMN reviewed_on TEXT",
    f"""CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        committee_id INTEGER REFERENCES committees(id) ON DELETE SET NULL,
        role TEXT NOT NULL CHECK (role IN {_ROLE}),
        source TEXT NOT NULL CHECK (source IN ('waiting_room','patient_list','association',
            'spontaneous','other_structure')),
        stage TEXT NOT NULL CHECK (stage IN ('spotted','contacted','met','training',
            'charter_signed','active','not_retained','left')),
        next_step TEXT NOT NULL DEFAULT '',
        next_step_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        charter_id INTEGER REFERENCES charters(id) ON DELETE SET NULL,
        membership_id INTEGER REFERENCES memberships(id) ON DELETE SET NULL,
        -- 1 when « actif » made the seat: only such a seat goes when the candidacy leaves it.
        seat_created INTEGER NOT NULL DEFAULT 0 CHECK (seat_created IN (0, 1)),
        stage_since TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX candidates_stage ON candidates(stage, next_step_on)",
    "CREATE INDEX candidates_person ON candidates(person_id)",
    """CREATE TABLE candidate_moves (
        id INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX candidate_moves_candidate ON candidate_moves(candidate_id)",
    f"""CREATE TABLE criteria (
        id INTEGER PRIMARY KEY,
        committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        role TEXT CHECK (role IS NULL OR role IN {_ROLE}),
        kind TEXT NOT NULL CHECK (kind IN ('quality','deal_breaker')),
        text TEXT NOT NULL,
        position INTEGER NOT NULL
    )""",
    "CREATE INDEX criteria_committee ON criteria(committee_id, position)",
    """CREATE TABLE candidate_checks (
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
        met INTEGER NOT NULL CHECK (met IN (0, 1)),
        PRIMARY KEY (candidate_id, criterion_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE opinions (
        id INTEGER PRIMARY KEY,
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        author_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        opinion TEXT NOT NULL CHECK (opinion IN ('favourable','reserved','unfavourable')),
        comment TEXT NOT NULL DEFAULT '',
        given_on TEXT NOT NULL,
        UNIQUE (candidate_id, author_id)
    )""",
    "CREATE INDEX opinions_author ON opinions(author_id)",
    """CREATE TABLE trainings (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        course TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('ru_basic','etp_40h','other')),
        organisation TEXT NOT NULL DEFAULT '',
        hours REAL NOT NULL CHECK (hours > 0 AND hours <= 2000),
        held_on TEXT NOT NULL,
        certificate_path TEXT NOT NULL DEFAULT '',
        certificate_sha256 TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX trainings_person ON trainings(person_id)",
    """CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        purpose TEXT NOT NULL CHECK (purpose IN ('contact','membership','health','photo')),
        version TEXT NOT NULL,
        text TEXT NOT NULL,
        given_on TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('paper','oral','email')),
        withdrawn_on TEXT,
        recorded_at TEXT NOT NULL
    )""",
    "CREATE INDEX consents_person ON consents(person_id, purpose)",
    # Kept apart from `people`: nothing that reads a person reads this without asking for it.
    """CREATE TABLE health_notes (
        person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE privacy_policy (
        key TEXT PRIMARY KEY CHECK (key IN ('not_retained_months','inactive_months')),
        value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 240)
    ) WITHOUT ROWID""",
    "INSERT INTO privacy_policy (key, value) VALUES ('not_retained_months', 24),"
    " ('inactive_months', 36)",
    # When a charter's engagement ends, for the reminders: the seat's mandate, else the
    # default length (three years for a RU, one otherwise) from the day it was made.
    "ALTER TABLE charters ADD COLUMN ends_on TEXT",
    """UPDATE charters SET ends_on = coalesce(
        (SELECT m.mandate_end FROM memberships m
         WHERE m.person_id = charters.person_id AND m.committee_id = charters.committee_id),
        date(generated_at, CASE WHEN EXISTS (SELECT 1 FROM person_roles r
            WHERE r.person_id = charters.person_id AND r.role = 'user_representative')
            THEN '+3 years' ELSE '+1 years' END))""",
)

# Someone removed from a meeting whose invitation was already written keeps it in their calendar
# until a CANCEL reaches them (RFC 5546 §3.2.5): one row per UID they hold, written at the next
# outbox write (file_name, written_at) and kept afterwards as the history of their removal.
_V6 = (
    """CREATE TABLE cancellations (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        removed_at TEXT NOT NULL,
        file_name TEXT,
        written_at TEXT,
        sent_at TEXT
    )""",
    "CREATE INDEX cancellations_meeting ON cancellations(meeting_id, person_id)",
)

# The letterhead of a structure's documents; the easy-to-read preference of a person; the
# minutes sent to each member, by e-mail or on paper; an answer « à redemander » said by its
# own column (V6 wrote it as a negative SEQUENCE, -1 minus the one answered).
_V7 = (
    "ALTER TABLE votes ADD COLUMN to_ask_again INTEGER NOT NULL DEFAULT 0 "
    "CHECK (to_ask_again IN (0, 1))",
    "UPDATE votes SET to_ask_again = 1, sequence = -1 - sequence WHERE sequence < 0",
    "ALTER TABLE structures ADD COLUMN address TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE structures ADD COLUMN phone TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE structures ADD COLUMN email TEXT NOT NULL DEFAULT ''",
    # A file name in the data folder's logos/ (named by its sha256), '' for none.
    "ALTER TABLE structures ADD COLUMN logo TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE people ADD COLUMN easy_read INTEGER NOT NULL DEFAULT 0 CHECK (easy_read IN (0, 1))",
    """CREATE TABLE minutes_messages (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('circulated','adopted','signed')),
        channel TEXT NOT NULL CHECK (channel IN ('email','paper')),
        file_name TEXT NOT NULL,
        written_at TEXT NOT NULL,
        sent_at TEXT
    )""",
    "CREATE INDEX minutes_messages_meeting ON minutes_messages(meeting_id, person_id)",
)

# When each participant left the séance (arrival is `arrived_at`): certificates of attendance
# give the hours. The coordinator of a structure is a person of the base (the settings keep
# only a fallback name and e-mail): the ORGANIZER of its invitations, at the table like anyone.
_V8 = (
    "ALTER TABLE invitees ADD COLUMN left_at TEXT",
    "ALTER TABLE structures ADD COLUMN coordinator_id INTEGER "
    "REFERENCES people(id) ON DELETE SET NULL",
)

# The commission des usagers as the law sets it (R. 1112-81 CSP): each seat's category, the
# date a président(e) or vice-président(e) was elected, the act (an ARS arrêté) that
# designated a member; recommendations as a third kind of conclusion, owned by a person or by
# a service named in words. The example's free-text roles are mapped where they say it; the
# composition check names the seats left without a category.
_CDU_SEATS = ("('legal_representative','mediator_doctor','mediator_other','user_representative',"
              "'cme','care_commission','staff','supervisory_board')")
_IN_CDU = "committee_id IN (SELECT id FROM committees WHERE kind = 'cdu')"
_NOTE = "(SELECT p.note || ' ' || memberships.designated_by FROM people p WHERE p.id = person_id)"
_V9 = (
    f"ALTER TABLE memberships ADD COLUMN cdu_seat TEXT CHECK (cdu_seat IS NULL OR cdu_seat IN {_CDU_SEATS})",
    "ALTER TABLE memberships ADD COLUMN elected_on TEXT",
    "ALTER TABLE memberships ADD COLUMN act_reference TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE memberships ADD COLUMN act_date TEXT",
    # The first letter left out: LIKE folds the case of ASCII letters only (« Médiateur »).
    f"""UPDATE memberships SET cdu_seat = 'mediator_other' WHERE {_IN_CDU} AND seat = 'titulaire'
        AND ({_NOTE} LIKE '%édiateur non médical%' OR {_NOTE} LIKE '%édiateur non médecin%'
             OR {_NOTE} LIKE '%édiatrice non médicale%' OR {_NOTE} LIKE '%édiatrice non médecin%')""",
    f"""UPDATE memberships SET cdu_seat = 'mediator_doctor' WHERE {_IN_CDU} AND seat = 'titulaire'
        AND cdu_seat IS NULL
        AND ({_NOTE} LIKE '%édiateur médical%' OR {_NOTE} LIKE '%édiateur médecin%'
             OR {_NOTE} LIKE '%édiatrice médicale%' OR {_NOTE} LIKE '%édiatrice médecin%')""",
    f"""UPDATE memberships SET cdu_seat = 'user_representative' WHERE {_IN_CDU}
        AND seat = 'titulaire' AND cdu_seat IS NULL AND function != 'invite'
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = memberships.person_id
                    AND r.role = 'user_representative')""",
    f"""UPDATE memberships SET cdu_seat = 'cme' WHERE {_IN_CDU} AND seat = 'titulaire'
        AND cdu_seat IS NULL AND designated_by LIKE '%ommission médicale%'""",
    f"""UPDATE memberships SET cdu_seat = 'care_commission' WHERE {_IN_CDU}
        AND seat = 'titulaire' AND cdu_seat IS NULL AND designated_by LIKE '%soins infirmiers%'""",
    f"""UPDATE memberships SET cdu_seat = 'legal_representative' WHERE {_IN_CDU}
        AND seat = 'titulaire' AND cdu_seat IS NULL
        AND (designated_by LIKE 'direction%' OR designated_by LIKE '%eprésentant légal%')
        AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.committee_id = memberships.committee_id
                        AND o.cdu_seat = 'legal_representative')""",
    # A suppléant(e) sits in their titulaire's category.
    f"""UPDATE memberships SET cdu_seat = (SELECT t.cdu_seat FROM memberships t
                                         WHERE t.id = memberships.substitute_for)
        WHERE {_IN_CDU} AND seat = 'suppleant'""",
    """CREATE TABLE conclusions_v9 (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
        kind TEXT NOT NULL CHECK (kind IN ('decision','action','recommendation')),
        text TEXT NOT NULL,
        owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
        owner_text TEXT NOT NULL DEFAULT '',
        due_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','abandoned')),
        closed_reason TEXT NOT NULL DEFAULT '',
        closed_at TEXT,
        closed_in_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (owner_id IS NULL OR owner_text = '')
    )""",
    """INSERT INTO conclusions_v9 (id, uid, meeting_id, item_id, kind, text, owner_id, due_on,
        status, closed_reason, closed_at, closed_in_meeting_id, created_at, updated_at)
       SELECT id, uid, meeting_id, item_id, kind, text, owner_id, due_on, status, closed_reason,
        closed_at, closed_in_meeting_id, created_at, updated_at FROM conclusions""",
    "DROP TABLE conclusions",
    "ALTER TABLE conclusions_v9 RENAME TO conclusions",
    "CREATE INDEX conclusions_meeting ON conclusions(meeting_id)",
    "CREATE INDEX conclusions_open ON conclusions(status, due_on)",
    "CREATE INDEX conclusions_owner ON conclusions(owner_id)",
)

# An erasure is finished outside the database (files swept, shared documents listed to make
# again): what the sweep needs is written in the same transaction as the deletion, and the
# row goes once the sweep is done, so that a kill or a power cut in between is finished at the
# next start. It holds no more than the sweep needs: the files, the charters' and messages'
# names, the pattern of the person's mentions.
_V10 = (
    """CREATE TABLE erasure_journal (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL,
        files TEXT NOT NULL,
        charter_uids TEXT NOT NULL,
        invitation_files TEXT NOT NULL,
        pattern TEXT NOT NULL,
        redacted INTEGER NOT NULL,
        erased_at TEXT NOT NULL
    )""",
)

# Backups: the erasure journal keeps the person's UID (no name), so that the ledger of erasures
# kept outside the backups can name them to a restore; each backup written is noted, for the
# dashboard's « dernière sauvegarde » and the next automatic one.
_V11 = (
    "ALTER TABLE erasure_journal ADD COLUMN person_uid TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE backups (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        folder TEXT NOT NULL,
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        files INTEGER NOT NULL CHECK (files >= 0)
    )""",
    "CREATE INDEX backups_created ON backups(created_at)",
)

# The article a structure's or a committee's name takes in a sentence (« de la MSP », « au
# Centre », « à l’Association »): '' until the coordinator chooses it, read meanwhile as the name
# suggests (`comite.kernel.grammar.likely_article`, one rule in Python rather than a second in SQL).
_V12 = (
    "ALTER TABLE structures ADD COLUMN article TEXT NOT NULL DEFAULT '' "
    "CHECK (article IN ('', 'le', 'la', 'l’', 'les'))",
    "ALTER TABLE committees ADD COLUMN article TEXT NOT NULL DEFAULT '' "
    "CHECK (article IN ('', 'le', 'la', 'l’', 'les'))",
)

# What people receive must say where, how to come, by when to answer and what was decided:
# the way to the premises (floor, bus, parking, accessibility) and the contact for data
# protection on the structure; the rule a committee sets for its suppléant(e)s (« venez si … »;
# '' reads as the usual rule); on a meeting, the answer's deadline (ISO date, '' until a poll
# opens), an address and access notes when it is not held at the structure, the phone dial-in
# beside a video link; on an agenda item, its easy-to-read title ('' reads as the title) and
# what came of it at the séance ('' until the minutes say).
_V13 = (
    "ALTER TABLE structures ADD COLUMN access_notes TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE structures ADD COLUMN dpo_contact TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE committees ADD COLUMN substitute_rule TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN reply_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN address TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN access_notes TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE meetings ADD COLUMN dial_in TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE agenda_items ADD COLUMN easy_title TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE agenda_items ADD COLUMN outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN "
    "('', 'adopted', 'not_adopted', 'decided', 'informed', 'consulted', 'postponed'))",
)

# Replies read from the coordinator's mailbox (IMAP) as well as from the inbox folder: a message is
# applied once, known by its Message-ID as well as by its bytes' sha256 (a server may hand the
# same message back re-encoded); `source` says where it came from ('folder', 'mailbox'). What a
# mailbox's folder was read up to (its UIDVALIDITY and the last UID looked at), so that a
# message left alone is not fetched again at every start.
_V14 = (
    "ALTER TABLE inbox_files ADD COLUMN message_id TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE inbox_files ADD COLUMN source TEXT NOT NULL DEFAULT 'folder' "
    "CHECK (source IN ('folder', 'mailbox'))",
    "CREATE INDEX inbox_files_message ON inbox_files(message_id) WHERE message_id <> ''",
    """CREATE TABLE mailbox_marks (
        mailbox TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL
    ) WITHOUT ROWID""",
)

# What comite published in a shared calendar (CalDAV): per calendar (its URL) and meeting (the
# object's UID, its resource `UID.ics`), the server's ETag as last seen, the sha256 of what was
# sent (its DTSTAMP aside), and why publication of it stopped ('' or a French sentence: a
# colleague changed it on the server). What differs from the meetings as they stand is pending.
_V15 = (
    """CREATE TABLE calendar_resources (
        calendar TEXT NOT NULL,
        meeting_uid TEXT NOT NULL,
        meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        etag TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL DEFAULT '',
        conflict TEXT NOT NULL DEFAULT '',
        published_at TEXT NOT NULL,
        PRIMARY KEY (calendar, meeting_uid)
    ) WITHOUT ROWID""",
)

# The day of the year a structure's committees owe their year's report (to the board, the ARS):
# 'MM-DD', '' when none is set; the dashboard reminds it in the two months before.
_V16 = (
    "ALTER TABLE structures ADD COLUMN report_due TEXT NOT NULL DEFAULT ''",
)

# Three registers the year's documents need (issue 26).
# The actions of user involvement a structure leads, for the ACI indicator « implication des
# usagers » (level 1: inform and consult; level 2: co-construct, co-decide): their degree on the
# continuum, who took part (people of the base, and others only counted, by side) and the
# dated evidence copied beside the database (checked by content, named by nothing personal).
_ACI_KINDS = ("('satisfaction_survey','survey','idea_box','poster','website','information',"
              "'working_group','etp_workshop','users_committee','mediator','other')")
# A CDU's complaints and praise (R. 1112-91 and following), pseudonymised: the establishment's
# own file reference, never a patient's name; the mediation's three dates (referral, meeting
# within eight days, the médiateur's report within eight days of it: R. 1112-93 and -94); the
# meeting that examined it. Per CDU meeting, the quarter's e-Satis scores and serious adverse
# events (EIG) with what was done.
_THEMES = ("('medical_care','nursing_care','information','waiting','rights','records',"
           "'billing','hotel','belongings','discharge','behaviour','other')")
# Expenses of the users who engage (défraiement): per person and meeting (or on a day of their
# own), kilometres at the structure's rate then in force (thousandths of a euro per km, copied
# on the row so that a later rate rewrites no statement), other costs in cents, receipts.
_V17 = (
    f"""CREATE TABLE involvement_actions (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        structure_id INTEGER NOT NULL REFERENCES structures(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN {_ACI_KINDS}),
        participation TEXT NOT NULL CHECK (participation IN
            ('information','consultation','collaboration','partenariat')),
        aci_level INTEGER NOT NULL CHECK (aci_level IN (1, 2)),
        started_on TEXT NOT NULL,
        ended_on TEXT,
        other_users INTEGER NOT NULL DEFAULT 0 CHECK (other_users >= 0),
        other_professionals INTEGER NOT NULL DEFAULT 0 CHECK (other_professionals >= 0),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX involvement_actions_structure ON involvement_actions(structure_id, started_on)",
    """CREATE TABLE involvement_participants (
        action_id INTEGER NOT NULL REFERENCES involvement_actions(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (action_id, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX involvement_participants_person ON involvement_participants(person_id)",
    """CREATE TABLE involvement_evidence (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES involvement_actions(id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        dated_on TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX involvement_evidence_action ON involvement_evidence(action_id)",
    f"""CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        committee_id INTEGER NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint','praise')),
        received_on TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN
            ('letter','email','phone','in_person','online','other')),
        theme TEXT NOT NULL CHECK (theme IN {_THEMES}),
        service TEXT NOT NULL DEFAULT '',
        mediation TEXT NOT NULL DEFAULT 'none' CHECK (mediation IN
            ('none','medical','non_medical','both')),
        referred_on TEXT,
        mediation_on TEXT,
        mediation_report_on TEXT,
        acknowledged_on TEXT,
        answered_on TEXT,
        outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN
            ('open','explained','measure_taken','compensation','litigation','withdrawn')),
        summary TEXT NOT NULL DEFAULT '',
        examined_in_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (committee_id, reference)
    )""",
    "CREATE INDEX complaints_received ON complaints(committee_id, received_on)",
    "CREATE INDEX complaints_meeting ON complaints(examined_in_meeting_id)",
    """CREATE TABLE esatis_scores (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        scope TEXT NOT NULL CHECK (scope IN ('mco_48h','mco_ambulatory','smr','had')),
        score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
        PRIMARY KEY (meeting_id, scope)
    ) WITHOUT ROWID""",
    """CREATE TABLE adverse_events (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        count INTEGER NOT NULL CHECK (count >= 0),
        actions TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""",
    "ALTER TABLE structures ADD COLUMN km_rate_mills INTEGER NOT NULL DEFAULT 0 "
    "CHECK (km_rate_mills >= 0)",
    """CREATE TABLE expenses (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        structure_id INTEGER REFERENCES structures(id) ON DELETE SET NULL,
        spent_on TEXT NOT NULL,
        km REAL NOT NULL DEFAULT 0 CHECK (km >= 0),
        km_rate_mills INTEGER NOT NULL DEFAULT 0 CHECK (km_rate_mills >= 0),
        other_cents INTEGER NOT NULL DEFAULT 0 CHECK (other_cents >= 0),
        other_label TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX expenses_person ON expenses(person_id, spent_on)",
    "CREATE UNIQUE INDEX expenses_meeting_person ON expenses(meeting_id, person_id) "
    "WHERE meeting_id IS NOT NULL",
    """CREATE TABLE expense_receipts (
        id INTEGER PRIMARY KEY,
        expense_id INTEGER NOT NULL REFERENCES expenses(id) ON DELETE CASCADE,
        label TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX expense_receipts_expense ON expense_receipts(expense_id)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11,
                                           _V12, _V13, _V14, _V15, _V16, _V17)
LATEST = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the schema up to `target`, each step in its own transaction; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < target:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return version
