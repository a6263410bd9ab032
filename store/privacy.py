"""The person's rights and the structure's duties: retention policy and purge queue, the access
report (everything held about someone), and erasure that leaves no byte of them behind."""

import json
import re
import sqlite3
import unicodedata
from dataclasses import replace
from datetime import date

from comite.kernel.clock import months_before, utc_now_iso
from comite.kernel.i18n import _
from comite.store.access_journal import PERSON_ENTRIES
from comite.store.access_report import build_report
from comite.store.audit import record
from comite.store.audit_models import AuditEntry
from comite.store.errors import NotFound, Refused
from comite.store.privacy_models import Erasure, RetentionCase, RetentionPolicy, RetentionStanding
from comite.store.retention import Holding, case, standing
from comite.store.service import Service

REDACTED = "[personne effacée]"
LOG_WAIT_MS = 2000
# Tables whose text is never about one person, or is cleaned by its own means (the index, the
# erasure journal: another erasure's sweep, read as written, its row gone once swept).
_NOT_SCANNED = ("audit_log", "charter_templates", "privacy_policy", "erasure_journal")

# The last day the person took part in something: a seat, a meeting, a training, a charter,
# an opinion, a conclusion. Every term is a string, '' when none: SQLite's max() of several
# values is NULL as soon as one is.
_ENGAGED = """max(
    coalesce((SELECT max(substr(m.created_at, 1, 10)) FROM memberships m
              WHERE m.person_id = p.id), ''),
    coalesce((SELECT max(m.mandate_end) FROM memberships m
              WHERE m.person_id = p.id AND m.mandate_end <= :today), ''),
    coalesce((SELECT max(t.held_on) FROM trainings t WHERE t.person_id = p.id), ''),
    coalesce((SELECT max(substr(ch.generated_at, 1, 10)) FROM charters ch
              WHERE ch.person_id = p.id), ''),
    coalesce((SELECT max(substr(s.starts_at, 1, 10)) FROM invitees i
              JOIN slots s ON s.meeting_id = i.meeting_id AND s.status = 'chosen'
              WHERE i.person_id = p.id AND substr(s.starts_at, 1, 10) <= :today), ''),
    coalesce((SELECT max(substr(i.created_at, 1, 10)) FROM invitees i
              WHERE i.person_id = p.id), ''),
    coalesce((SELECT max(o.given_on) FROM opinions o WHERE o.author_id = p.id), ''),
    coalesce((SELECT max(substr(c.updated_at, 1, 10)) FROM conclusions c
              WHERE c.owner_id = p.id), ''))"""

# The last day something happened with or about the person: what they took part in, and their
# record itself (edits, reviews, candidacies, consents).
_LAST_ACTIVITY = f"""max({_ENGAGED}, substr(p.created_at, 1, 10), substr(p.updated_at, 1, 10),
    coalesce(p.reviewed_on, ''),
    coalesce((SELECT max(substr(k.updated_at, 1, 10)) FROM candidates k
              WHERE k.person_id = p.id), ''),
    coalesce((SELECT max(substr(m.updated_at, 1, 10)) FROM memberships m
              WHERE m.person_id = p.id), ''),
    coalesce((SELECT max(coalesce(c.withdrawn_on, c.given_on)) FROM consents c
              WHERE c.person_id = p.id), ''))"""

_HOLDINGS = f"""
    SELECT p.id, trim(p.first_name || ' ' || p.last_name) AS name, {_LAST_ACTIVITY} AS last,
        {_ENGAGED} AS engaged, p.reviewed_on,
        (SELECT max(k.stage_since) FROM candidates k
         WHERE k.person_id = p.id AND k.stage = 'not_retained') AS not_retained_since,
        EXISTS (SELECT 1 FROM candidates k WHERE k.person_id = p.id
                AND k.stage NOT IN ('not_retained', 'left'))
        OR EXISTS (SELECT 1 FROM memberships m JOIN committees c ON c.id = m.committee_id
                   WHERE m.person_id = p.id AND c.archived_at IS NULL
                   AND (m.mandate_end IS NULL OR m.mandate_end >= :today)) AS held
    FROM people p
"""


class PrivacyService(Service):
    # ---- retention ----------------------------------------------------------------------

    def policy(self) -> RetentionPolicy:
        values = dict(self._db.connection().execute("SELECT key, value FROM privacy_policy"))
        return RetentionPolicy(**values)

    def set_policy(self, not_retained_months: int, inactive_months: int) -> RetentionPolicy:
        for months in (not_retained_months, inactive_months):
            if not 1 <= months <= 240:
                raise Refused(_("Une durée de conservation va de 1 à 240 mois."))
        with self._db.write() as conn:
            conn.executemany("UPDATE privacy_policy SET value = ? WHERE key = ?",
                             ((not_retained_months, "not_retained_months"),
                              (inactive_months, "inactive_months")))
            record(conn, self._actor, "update", "privacy_policy", None,
                   ["not_retained_months", "inactive_months"])
        return self.policy()

    def retention_queue(self, today: date) -> list[RetentionCase]:
        """The people the rules bring up today: not retained long enough ago (to erase),
        inactive for long (to review), the oldest first."""
        policy = self.policy()
        cases = []
        # Only someone untouched since the cut-off (or not retained before it) can be due:
        # the last activity is never earlier than the record's own dates.
        sift = (" WHERE (max(substr(p.updated_at, 1, 10), coalesce(p.reviewed_on, '')) <= :idle"
                " OR EXISTS (SELECT 1 FROM candidates k WHERE k.person_id = p.id"
                " AND k.stage = 'not_retained' AND k.stage_since <= :dropped))")
        params = {"today": today.isoformat(),
                  "idle": months_before(today, policy.inactive_months).isoformat(),
                  "dropped": months_before(today, policy.not_retained_months).isoformat()}
        for row in self._db.connection().execute(_HOLDINGS + sift, params):
            if found := case(_holding(row), today, policy):
                cases.append(found)
        return sorted(cases, key=lambda c: (c.since, c.person_name))

    def standing(self, person_id: int, today: date) -> RetentionStanding:
        """Where one person stands with the retention rules: their last activity, whether a
        seat or a candidacy holds them, and the day the queue brings them up."""
        row = self._db.connection().execute(_HOLDINGS + " WHERE p.id = :id",
                                            {"today": today.isoformat(), "id": person_id}).fetchone()
        if row is None:
            raise NotFound(_("Cette personne n’existe plus."))
        return standing(_holding(row), today, self.policy())

    def journal(self, person_id: int) -> list[AuditEntry]:
        """Who did what on the person's record and what hangs on it, newest first."""
        return [AuditEntry(id=row["id"], at=row["at"], actor=row["actor"], action=row["action"],
                           entity=row["entity"], entity_id=row["entity_id"],
                           fields=tuple(f for f in row["fields"].split(",") if f))
                for row in self._db.connection().execute(
                    "SELECT * FROM audit_log WHERE " + PERSON_ENTRIES + " ORDER BY id DESC",
                    {"id": person_id})]

    def keep(self, person_id: int, today: date) -> None:
        """The coordinator reviewed an inactive person and keeps them for another period."""
        with self._db.write() as conn:
            if conn.execute("UPDATE people SET reviewed_on = ? WHERE id = ?",
                            (today.isoformat(), person_id)).rowcount == 0:
                raise NotFound(_("Cette personne n’existe plus."))
            record(conn, self._actor, "review", "person", person_id, ["reviewed_on"])

    # ---- right of access ----------------------------------------------------------------

    def access_report(self, person_id: int, include_health: bool = False) -> dict[str, object]:
        """Everything held about the person, as plain data (French keys and labels). The
        health note only when asked for; the export is written in the audit log."""
        with self._db.write() as conn:
            report = build_report(conn, person_id, include_health)
            record(conn, self._actor, "export", "person", person_id,
                   ["access", *(["health_note"] if include_health else [])])
        return report

    # ---- right to erasure ---------------------------------------------------------------

    def erase(self, person_id: int) -> Erasure:
        """Remove the person everywhere: their records (cascade), their words in the search
        index, every mention of their name, e-mail or phone in free text elsewhere. The audit
        log keeps only the id. Returns what the sweep of the files outside the database needs,
        written in the erasure journal by the same transaction: until `erasure_swept` empties
        that row, the sweep is pending (`pending_erasures`), whatever interrupts it."""
        with self._db.write() as conn:
            person = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
            if person is None:
                raise NotFound(_("Cette personne n’existe plus."))
            pattern = _identifiers(conn, person)
            needles = _needles(person)
            files = [row[0] for row in conn.execute(
                "SELECT s.scan_path FROM charter_signatures s JOIN charters ch "
                "ON ch.id = s.charter_id WHERE ch.person_id = ? AND s.scan_path != '' "
                "UNION SELECT certificate_path FROM trainings WHERE person_id = ? "
                "AND certificate_path != '' UNION SELECT r.path FROM expense_receipts r "
                "JOIN expenses e ON e.id = r.expense_id WHERE e.person_id = ?",
                (person_id, person_id, person_id))]
            charters = [row[0] for row in conn.execute(
                "SELECT uid FROM charters WHERE person_id = ?", (person_id,))]
            invitations = [row[0] for row in conn.execute(
                "SELECT v.file_name FROM invitations v JOIN invitees i ON i.id = v.invitee_id "
                "WHERE i.person_id = ? UNION SELECT file_name FROM cancellations "
                "WHERE person_id = ? AND file_name IS NOT NULL UNION SELECT file_name "
                "FROM minutes_messages WHERE person_id = ? AND channel = 'email'",
                (person_id, person_id, person_id))]
            if person["email"]:
                conn.execute("DELETE FROM replies WHERE lower(attendee) IN (?, ?)",
                             (person["email"].lower(), "mailto:" + person["email"].lower()))
            conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
            redacted = _redact_everywhere(conn, pattern, needles)
            conn.execute("INSERT INTO people_fts(people_fts) VALUES ('optimize')")
            record(conn, self._actor, "erase", "person", person_id)
            erasure = Erasure(person_id=person_id, files=tuple(files),
                              charter_uids=tuple(charters), invitation_files=tuple(invitations),
                              pattern=pattern.pattern, redacted=redacted, person_uid=person["uid"])
            journal_id = conn.execute(
                "INSERT INTO erasure_journal (person_id, person_uid, files, charter_uids,"
                " invitation_files, pattern, redacted, erased_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (person_id, person["uid"], json.dumps(erasure.files),
                 json.dumps(erasure.charter_uids), json.dumps(erasure.invitation_files),
                 erasure.pattern, redacted, utc_now_iso())).lastrowid
        return replace(erasure, journal_id=journal_id)

    def pending_erasures(self) -> list[Erasure]:
        """The erasures whose sweep of the files was not said done (the program was stopped in
        between: a kill, a power cut, a closed lid), the oldest first."""
        return [Erasure(person_id=row["person_id"], files=tuple(json.loads(row["files"])),
                        charter_uids=tuple(json.loads(row["charter_uids"])),
                        invitation_files=tuple(json.loads(row["invitation_files"])),
                        pattern=row["pattern"], redacted=row["redacted"], journal_id=row["id"],
                        person_uid=row["person_uid"])
                for row in self._db.connection().execute(
                    "SELECT * FROM erasure_journal ORDER BY id")]

    def erasure_swept(self, journal_id: int) -> bool:
        """The files are swept: the journal forgets the erasure (its pattern holds the name),
        and the erased pages leave the write-ahead log. False while another program holds the
        log (it empties when that program closes). Saying it twice is harmless."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM erasure_journal WHERE id = ?", (journal_id,))
        return self._empty_log()

    def _empty_log(self) -> bool:
        """Push the erased pages out of the write-ahead log into the file, where secure_delete
        zeroed them. Another reader (comite open elsewhere) may hold the log: wait for it a
        little; False when it still does (the log empties when that reader closes)."""
        from comite.store.db import BUSY_TIMEOUT_MS

        conn = self._db.connection()
        conn.execute(f"PRAGMA busy_timeout = {LOG_WAIT_MS}")
        try:
            busy, _frames, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return not busy


def _holding(row: sqlite3.Row) -> Holding:
    return Holding(person_id=row["id"], person_name=row["name"],
                   last_activity=date.fromisoformat(row["last"]),
                   not_retained_since=date.fromisoformat(row["not_retained_since"])
                   if row["not_retained_since"] else None, held=bool(row["held"]),
                   reviewed_on=date.fromisoformat(row["reviewed_on"]) if row["reviewed_on"] else None,
                   engaged_until=date.fromisoformat(row["engaged"]) if row["engaged"] else None)


def _identifiers(conn: sqlite3.Connection, person: sqlite3.Row) -> re.Pattern[str]:
    """What points at the person in free text: the full name either way round, with or without
    accents, either apostrophe, or as a file name's slug, the e-mail (any case), the phone
    however written; the last name alone, capitalised as names are written, when nobody else
    bears it."""
    first, last = person["first_name"].strip(), person["last_name"].strip()
    # Without a first name, the full name is the last name alone: treated as such below.
    names = {f"{first} {last}", f"{last} {first}"} if first else set()
    names |= {_unaccented(name) for name in names}
    names = _apostrophes(names)
    names |= {_slug(name) for name in names}
    anywhere = {value for value in (*names, person["email"]) if len(value) >= 3}
    alone: set[str] = set()
    if len(last) >= 3 and conn.execute(
            "SELECT count(*) FROM people WHERE lower(last_name) = lower(?) AND id != ?",
            (last, person["id"])).fetchone()[0] == 0:
        alone = _apostrophes({form for name in (last, _unaccented(last))
                              for form in (name, name.upper(), name[:1].upper() + name[1:])})
    choices = [f"(?i:{re.escape(value)})" for value in sorted(anywhere, key=len, reverse=True)]
    choices += [re.escape(value) for value in sorted(alone, key=len, reverse=True)]
    if phone := _phone_pattern(person["phone"]):
        choices.append(phone)
    return re.compile(r"(?<!\w)(?:" + "|".join(choices) + r")(?!\w)")


def _apostrophes(forms: set[str]) -> set[str]:
    """« D’Almeida » is also typed « D'Almeida »."""
    return forms | {form.replace("’", "'") for form in forms} | {
        form.replace("'", "’") for form in forms}


_SEPARATOR = r"[\s.\-]?"


def _phone_pattern(phone: str) -> str:
    """The number however it is written: 06 12 34 56 78, 0612345678, 06.12.34.56.78, or
    +33 6 12 34 56 78 for a French one; any number's digits with or without separators."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return ""
    if len(digits) == 10 and digits.startswith("0"):
        return r"(?:\+33" + _SEPARATOR + r"(?:\(0\))?" + _SEPARATOR + "|0)" + _SEPARATOR.join(
            digits[1:])
    return r"\+?" + _SEPARATOR.join(digits)


def _needles(person: sqlite3.Row) -> list[str]:
    """Strings one of which every mention contains, for SQLite to sift rows with LIKE (which
    folds ASCII case only) before the regular expression reads the few that remain."""
    last = person["last_name"].strip()
    forms = _apostrophes({last, _unaccented(last), last.upper(), _slug(last)})
    forms.add(person["email"])
    digits = re.sub(r"\D", "", person["phone"])
    if len(digits) >= 6:  # the last four digits, as a number is written in pairs or not
        forms |= {digits[-4:], f"{digits[-4:-2]} {digits[-2:]}", f"{digits[-4:-2]}.{digits[-2:]}",
                  f"{digits[-4:-2]}-{digits[-2:]}"}
    unique = {form.lower() if form.isascii() else form: form for form in forms if form}
    return sorted(unique.values())


def _unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _unaccented(text).lower()).strip("-")


# Other people's own identity is theirs: a namesake's e-mail is not a mention.
_KEPT_COLUMNS = {("people", name) for name in ("first_name", "last_name", "sort_key", "email",
                                               "phone")} | {
    # Addresses and file names of other people's messages: a namesake's, not a mention.
    ("replies", "attendee"), ("invitations", "file_name"),
    ("cancellations", "file_name")}
# Columns that cannot hold a name: closed vocabularies (CHECK … IN), dates, keys, hashes.
_NO_TEXT = {"kind", "status", "stage", "role", "source", "seat", "function", "purpose", "method",
            "side", "outcome", "partstat", "answer", "sex", "lived_as", "attendance", "timezone",
            "participation", "opinion", "version", "key", "content_hash", "uid"}
_NO_TEXT_SUFFIXES = ("_at", "_on", "_sha256", "_start", "_end")


def _redact_everywhere(conn: sqlite3.Connection, pattern: re.Pattern[str],
                       needles: list[str]) -> int:
    """Replace every mention in every text column of every table; how many values changed."""
    likes = [_like(needle) for needle in needles]
    conn.create_function("comite_mentions", 1,
                         lambda text: bool(text and pattern.search(text)), deterministic=True)
    conn.create_function("comite_redact", 1,
                         lambda text: pattern.sub(REDACTED, text), deterministic=True)
    changed = 0
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
        "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_fts%'")]
    for table in tables:
        if table in _NOT_SCANNED:
            continue
        columns = [row["name"] for row in conn.execute(f"PRAGMA table_info({table})")
                   if row["type"].upper() == "TEXT" and _may_name(table, row["name"])]
        for column in columns:
            sift = " OR ".join([f"{column} LIKE ? ESCAPE '\\'"] * len(likes))
            changed += conn.execute(
                f"UPDATE {table} SET {column} = comite_redact({column}) "
                f"WHERE ({sift}) AND comite_mentions({column})", likes).rowcount
    return changed


def _may_name(table: str, column: str) -> bool:
    return ((table, column) not in _KEPT_COLUMNS and column not in _NO_TEXT
            and not column.endswith(_NO_TEXT_SUFFIXES))


def _like(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
