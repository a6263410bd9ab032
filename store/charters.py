"""Chartes d'engagement réciproque: the template catalogue, one person's charters, signatures.

A charter is made from one template version and a set of values; its reference (`uid`) is
derived from both, so making it again from the same inputs gives the same charter, and the
same PDF bytes (the PDF is rendered outside the store, which records its sha256).
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from comite.kernel.clock import utc_now_iso, years_after
from comite.kernel.french_dates import day_month_year
from comite.kernel.grammar import gendered, likely_article, of_the, the, to_the
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.charter_models import (
    Charter,
    CharterEnding,
    CharterSignature,
    CharterStatus,
    CharterTemplate,
    Engagement,
    Side,
    SignatureMethod,
    TemplateSource,
)
from comite.store.charter_template import PLACEHOLDERS, fill, parse
from comite.store.committee_models import USER_ROLES, CommitteeKind, Letterhead, Role
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.profile import Sex
from comite.store.service import Service

# Left blank, these print as a line of dots to fill in by hand on the printed copy.
HANDWRITTEN = ("place", "signature_date")
BLANK = "………………………"
# The structure's letterhead as it stood when the charter was issued, kept among its values so
# that its reference and the sha256 of its PDF cover it: the charter prints this letterhead
# whatever the structure becomes. The logo is kept as its sha256 (its file in the data folder's
# logos/ bears that name). A charter issued before letterheads has none of these keys, and
# prints without one, as it was signed.
LETTERHEAD_ADDRESS = "letterhead_address"
LETTERHEAD_PHONE = "letterhead_phone"
LETTERHEAD_EMAIL = "letterhead_email"
LETTERHEAD_LOGO = "letterhead_logo"
LETTERHEAD_KEYS = {
    LETTERHEAD_ADDRESS: _("l’adresse de la structure (en-tête)"),
    LETTERHEAD_PHONE: _("le téléphone de la structure (en-tête)"),
    LETTERHEAD_EMAIL: _("l’e-mail de la structure (en-tête)"),
    LETTERHEAD_LOGO: _("l’empreinte (sha256) du logo de la structure (en-tête)"),
}
# The layout the charter's PDF was issued with, kept among its values for the same reason as the
# letterhead: its reference and its PDF's sha256 cover it, and it renders as it was signed. « 2 »:
# the template's proof in small print at the foot, the last article kept with the signatures.
# A charter issued before has no such key: the proof heads its pages.
LAYOUT = "layout"
PROOF_AT_FOOT = "2"
# « 3 »: as « 2 », with an easy-to-read page at the front (what I do, what the team does, how
# to stop, whom to call), for a patient partenaire. Its sentences are the renderer's
# (`exports.pdf.charter_easy`); the contact it prints is kept among the values, like the
# letterhead. Charters issued before keep their layout, and their bytes.
EASY_FIRST = "3"
EASY_CONTACT = "easy_contact"
EASY_PHONE = "easy_phone"
EASY_KEYS = {EASY_CONTACT: _("la personne à contacter (page en facile à lire)"),
             EASY_PHONE: _("son téléphone (page en facile à lire)")}
# Every value a charter keeps beyond its template's fields, said in French (right of access).
RECORDED_KEYS = {**LETTERHEAD_KEYS, **EASY_KEYS,
                 LAYOUT: _("la version de la mise en page de son PDF")}
# Values that the records do not hold: remembered from the structure's last charter.
_REMEMBERED = ("team_signatory", "compensation", "retention")
_DEFAULTS = {
    "compensation": "Les frais de déplacement engagés pour venir aux réunions sont remboursés "
                    "sur justificatif.",
    "retention": "deux ans",
}

_CHARTER = """
    SELECT ch.*, trim(p.first_name || ' ' || p.last_name) AS person_name, c.name AS committee_name,
        t.template_id, t.version, t.title, t.source, t.text, t.content_hash,
        (SELECT cur.text FROM charter_templates cur
         WHERE cur.template_id = t.template_id AND cur.current = 1) AS current_text
    FROM charters ch JOIN people p ON p.id = ch.person_id
    JOIN charter_templates t ON t.id = ch.template_version_id
    LEFT JOIN committees c ON c.id = ch.committee_id
"""


@dataclass(frozen=True, slots=True)
class CharterDraft:
    """A charter ready to be rendered: what it is made of, before it is recorded."""

    uid: str
    person_id: int
    committee_id: int
    template: CharterTemplate
    data: dict[str, str]
    markdown: str


@dataclass(frozen=True, slots=True)
class CatalogChange:
    added: tuple[str, ...]  # template ids seen for the first time
    changed: tuple[str, ...]  # template ids whose text changed
    removed: tuple[str, ...]  # template ids no longer in any folder
    to_resign: int  # signed charters that now need signing again


def reference(template_hash: str, data: Mapping[str, str]) -> str:
    """« CH-XXXXXXXXXX »: the same template version and values always give the same one."""
    canonical = json.dumps(dict(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(f"{template_hash}\n{canonical}".encode()).digest()
    letters = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud from paper
    number = int.from_bytes(digest[:8], "big")
    code = ""
    for _position in range(10):
        number, index = divmod(number, len(letters))
        code += letters[index]
    return f"CH-{code}"


class CharterService(Service):
    # ---- the catalogue ----------------------------------------------------------------

    def sync_catalog(self, templates: Iterable[CharterTemplate], keep: Iterable[str] = ()) -> CatalogChange:
        """Make `templates` the current catalogue; every version ever seen is kept.

        The ids in `keep` (a coordinator's file that does not read just now) keep their current
        version: neither removed nor replaced, so no signed charter changes status meanwhile."""
        templates, keep = list(templates), set(keep)
        ids = [t.template_id for t in templates]
        if len(set(ids)) != len(ids):
            raise Refused(_("Deux modèles portent le même identifiant."))
        wanted = {t.template_id: (t.content_hash, t.source.value) for t in templates
                  if t.template_id not in keep}
        if self._current() == {**self._current(keep), **wanted}:
            return CatalogChange((), (), (), 0)  # every start of the app: no write for nothing
        now = utc_now_iso()
        with self._db.write() as conn:
            before = {row["template_id"]: row["content_hash"] for row in conn.execute(
                "SELECT template_id, content_hash FROM charter_templates WHERE current = 1")}
            for template_id in before.keys() - keep:
                conn.execute("UPDATE charter_templates SET current = 0 WHERE template_id = ?",
                             (template_id,))
            for template in templates:
                if template.template_id in keep:
                    continue
                conn.execute(
                    "INSERT INTO charter_templates (template_id, version, title, source, text, "
                    "content_hash, first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (template_id, content_hash) DO UPDATE SET source = excluded.source",
                    (template.template_id, template.version, template.title, template.source.value,
                     template.text, template.content_hash, now))
                conn.execute("UPDATE charter_templates SET current = 1 WHERE template_id = ? "
                             "AND content_hash = ?", (template.template_id, template.content_hash))
            now_current = {t.template_id: t.content_hash for t in templates if t.template_id not in keep}
            now_current.update({i: before[i] for i in keep if i in before})
            changed = tuple(sorted(i for i in now_current if i in before
                                   and before[i] != now_current[i]))
            change = CatalogChange(
                added=tuple(sorted(now_current.keys() - before.keys())), changed=changed,
                removed=tuple(sorted(before.keys() - now_current.keys())),
                to_resign=self._count_to_resign(conn, {i: before[i] for i in changed
                                                       if _reworded(conn, i, before[i], templates)}))
            if change.added or change.changed or change.removed:
                record(conn, self._actor, "sync", "charter_template", None,
                       [*change.added, *change.changed, *change.removed])
        return change

    def _current(self, only: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """Template id → (hash, source) of the current version (of the ids in `only`, if given)."""
        rows = self._db.connection().execute(
            "SELECT template_id, content_hash, source FROM charter_templates WHERE current = 1")
        return {row["template_id"]: (row["content_hash"], row["source"]) for row in rows
                if only is None or row["template_id"] in only}

    def _count_to_resign(self, conn: sqlite3.Connection, previous: Mapping[str, str]) -> int:
        """Signed charters on the version that was current until now, and still the latest of
        their person and committee: those this change asks to sign again."""
        count = 0
        for template_id, content_hash in previous.items():
            count += conn.execute(
                "SELECT count(*) FROM charters ch JOIN charter_templates t "
                "ON t.id = ch.template_version_id WHERE t.template_id = ? AND t.content_hash = ? "
                "AND (SELECT count(*) FROM charter_signatures s WHERE s.charter_id = ch.id) = 2 "
                "AND ch.id = (SELECT max(o.id) FROM charters o WHERE o.person_id = ch.person_id "
                "AND o.committee_id IS ch.committee_id)",
                (template_id, content_hash)).fetchone()[0]
        return count

    def templates(self) -> list[CharterTemplate]:
        """The current catalogue, by title."""
        rows = self._db.connection().execute(
            "SELECT * FROM charter_templates WHERE current = 1 ORDER BY title, template_id")
        return [_template(row) for row in rows]

    def template(self, template_id: str) -> CharterTemplate:
        row = self._db.connection().execute(
            "SELECT * FROM charter_templates WHERE current = 1 AND template_id = ?",
            (template_id,)).fetchone()
        if row is None:
            raise NotFound(_("Aucun modèle de charte « {id} ». Les modèles : comite charter "
                             "templates.").format(id=template_id[:60]))
        return _template(row)

    def suggested(self, person_id: int, committee_id: int) -> CharterTemplate | None:
        """The template written for this committee's kind and this person's role, if one fits.

        A template fits when it names one of the person's roles: its text speaks to them.
        Among those, the committee's kind decides first, the role second (`_suggestion_rank`):
        a CDU's representative and an MSP comité's are offered different texts."""
        conn = self._db.connection()
        roles = _person_roles(conn, person_id)
        kind = CommitteeKind(_committee(conn, committee_id)["kind"])
        fitting = [t for t in self.templates() if set(t.roles) & set(roles)]
        return min(fitting, key=lambda t: _suggestion_rank(t, kind, roles), default=None)

    # ---- making a charter ---------------------------------------------------------------

    def defaults(self, person_id: int, committee_id: int, today: date) -> dict[str, str]:
        """The values the records give, and those remembered from the structure's last charter."""
        conn = self._db.connection()
        person = conn.execute("SELECT trim(first_name || ' ' || last_name) AS name FROM people "
                              "WHERE id = ?", (person_id,)).fetchone()
        if person is None:
            raise NotFound(_("Cette personne n’existe plus."))
        committee = _committee(conn, committee_id)
        seat = conn.execute("SELECT mandate_start, mandate_end FROM memberships WHERE person_id = ? "
                            "AND committee_id = ?", (person_id, committee_id)).fetchone()
        start = date.fromisoformat(seat["mandate_start"]) if seat and seat["mandate_start"] else today
        end = seat["mandate_end"] if seat else None
        roles = [r for r in _person_roles(conn, person_id) if r in USER_ROLES]
        role = roles[0] if roles else None
        values = {
            "structure": committee["structure_name"], "structure_city": committee["city"],
            "committee": committee["name"], "person": person["name"],
            **_with_articles("structure", committee["structure_article"], committee["structure_name"]),
            **_with_articles("committee", committee["article"], committee["name"]),
            "role": role.in_sentence if role else _("membre"),
            "start_date": day_month_year(start),
            "duration": (_("jusqu’au {day}").format(day=day_month_year(date.fromisoformat(end)))
                         if end else _("trois ans") if role is Role.USER_REPRESENTATIVE
                         else _("un an, renouvelable")),
            "place": committee["city"], "signature_date": "", "team_signatory": "",
            **_DEFAULTS,
        }
        values.update(self._remembered(conn, committee["structure_id"]))
        return values

    def _remembered(self, conn: sqlite3.Connection, structure_id: int) -> dict[str, str]:
        row = conn.execute(
            "SELECT ch.data FROM charters ch JOIN committees c ON c.id = ch.committee_id "
            "WHERE c.structure_id = ? ORDER BY ch.id DESC LIMIT 1", (structure_id,)).fetchone()
        if row is None:
            return {}
        data = json.loads(row["data"])
        return {key: data[key] for key in _REMEMBERED if data.get(key)}

    def draft(self, person_id: int, committee_id: int, template_id: str,
              values: Mapping[str, str], today: date) -> CharterDraft:
        """The charter these values make, refused if a value is missing or too long."""
        template = self.template(template_id)
        merged = {**self.defaults(person_id, committee_id, today), **values}
        conn = self._db.connection()
        committee = _committee(conn, committee_id)
        data = {**_validated(merged, template), **_letterhead_values(committee),
                LAYOUT: PROOF_AT_FOOT}
        if Role.PATIENT_PARTNER in _person_roles(conn, person_id):
            # A new layout, so new bytes anyway: the role also agrees with the person's recorded
            # sex (« patiente ou aidante partenaire »). Other layouts print it as they did.
            sex = conn.execute("SELECT sex FROM people WHERE id = ?", (person_id,)).fetchone()[0]
            data.update({LAYOUT: EASY_FIRST, **_easy_contact(conn, committee),
                         "role": gendered(data["role"], Sex(sex).gender)})
        keys = conn.execute(
            "SELECT p.uid AS person_uid, c.uid AS committee_uid FROM people p, committees c "
            "WHERE p.id = ? AND c.id = ?", (person_id, committee_id)).fetchone()
        shown = {k: (v or BLANK) if k in HANDWRITTEN else v for k, v in data.items()}
        # The records' keys go into the reference, never onto the page.
        uid = reference(template.content_hash, {**data, "person_uid": keys["person_uid"],
                                                "committee_uid": keys["committee_uid"]})
        return CharterDraft(uid=uid, person_id=person_id, committee_id=committee_id,
                            template=template, data=data, markdown=fill(template, shown))

    def record(self, draft: CharterDraft, pdf_sha256: str) -> Charter:
        """Keep what the PDF was made of; the same draft recorded again is the same charter."""
        with self._db.write() as conn:
            existing = conn.execute("SELECT id, pdf_sha256 FROM charters WHERE uid = ?",
                                    (draft.uid,)).fetchone()
            if existing is not None:
                if existing["pdf_sha256"] != pdf_sha256:
                    raise Refused(_("Cette charte a déjà été produite avec un autre contenu de "
                                    "fichier : la mise en page a changé depuis. Rien n’a été "
                                    "enregistré."))
                return self.get(existing["id"])
            version = conn.execute(
                "SELECT id FROM charter_templates WHERE template_id = ? AND content_hash = ?",
                (draft.template.template_id, draft.template.content_hash)).fetchone()
            now = utc_now_iso()
            cursor = conn.execute(
                "INSERT INTO charters (uid, person_id, committee_id, template_version_id, data, "
                "pdf_sha256, generated_at, ends_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.uid, draft.person_id, draft.committee_id, version["id"],
                 json.dumps(draft.data, ensure_ascii=False, sort_keys=True), pdf_sha256,
                 now, _ends_on(conn, draft.person_id, draft.committee_id, now)))
            record(conn, self._actor, "create", "charter", cursor.lastrowid,
                   ["template", "data", "pdf_sha256"])
        return self.get(cursor.lastrowid)

    def redraft(self, charter_id: int) -> CharterDraft:
        """The draft a recorded charter was made from, to render its PDF again."""
        charter = self.get(charter_id)
        shown = {k: (v or BLANK) if k in HANDWRITTEN else v for k, v in charter.data.items()}
        return CharterDraft(uid=charter.uid, person_id=charter.person_id,
                            committee_id=charter.committee_id or 0, template=charter.template,
                            data=charter.data, markdown=fill(charter.template, shown))

    # ---- signatures ---------------------------------------------------------------------

    def sign(self, charter_id: int, side: Side | str, method: SignatureMethod | str, signer: str,
             signed_on: date | str, scan_path: str = "", scan_sha256: str = "") -> Charter:
        """Record one side's signature (a later one for the same side replaces it)."""
        side, method = Side(side), SignatureMethod(method)

        def name() -> str:
            return check.required("signer", signer, _("Le nom du signataire"))

        def day() -> date:
            value = check.parse_date("signed_on", signed_on) if isinstance(signed_on, str) else signed_on
            if value is None:
                raise check.FieldError("signed_on", _("Indiquez la date de signature."))
            return value

        clean_name, clean_day = check.collect(name, day)
        with self._db.write() as conn:
            charter = self.get(charter_id)
            made_on = charter.generated_on
            if clean_day < made_on:
                raise ValidationError({"signed_on": _("La charte a été produite le {day} : elle ne "
                                                      "peut pas avoir été signée avant.").format(
                    day=day_month_year(made_on))})
            conn.execute(
                "INSERT OR REPLACE INTO charter_signatures (charter_id, side, method, signer, "
                "signed_on, scan_path, scan_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (charter_id, side.value, method.value, clean_name, clean_day.isoformat(), scan_path,
                 scan_sha256, utc_now_iso()))
            record(conn, self._actor, "sign", "charter", charter_id,
                   [f"{side.value}.{method.value}", *(["scan"] if scan_path else [])])
        return self.get(charter_id)

    def unsign(self, charter_id: int, side: Side | str) -> Charter:
        """Take back a signature recorded by mistake."""
        side = Side(side)
        with self._db.write() as conn:
            gone = conn.execute("DELETE FROM charter_signatures WHERE charter_id = ? AND side = ?",
                                (charter_id, side.value)).rowcount
            if not gone:
                raise Refused(_("Aucune signature enregistrée de ce côté."))
            record(conn, self._actor, "unsign", "charter", charter_id, [side.value])
        return self.get(charter_id)

    # ---- reading ------------------------------------------------------------------------

    def get(self, charter_id: int) -> Charter:
        return self._one(" WHERE ch.id = ?", (charter_id,))

    def by_uid(self, uid: str) -> Charter:
        return self._one(" WHERE ch.uid = ?", (uid,))

    def knows_uid(self, uid: str) -> bool:
        """A charter of this base has that reference (a PDF that names it is this base's)."""
        return self._db.connection().execute(
            "SELECT 1 FROM charters WHERE uid = ?", (uid,)).fetchone() is not None

    def by_pdf_sha256(self, sha256: str) -> Charter | None:
        try:
            return self._one(" WHERE ch.pdf_sha256 = ?", (sha256,))
        except NotFound:
            return None

    def of_person(self, person_id: int) -> list[Charter]:
        """Newest first, those of ended engagements included."""
        return self._many(" WHERE ch.person_id = ? ORDER BY ch.id DESC", (person_id,))

    def engagements(self, committee_id: int | None = None) -> list[Engagement]:
        """Every user's seat on an active committee, with where its charter stands."""
        conn = self._db.connection()
        where = "c.archived_at IS NULL" + (" AND c.id = ?" if committee_id else "")
        rows = conn.execute(
            f"SELECT m.person_id, m.committee_id, c.name AS committee_name, c.kind, "
            f"trim(p.first_name || ' ' || p.last_name) AS person_name, "
            f"(SELECT max(ch.id) FROM charters ch WHERE ch.person_id = m.person_id "
            f" AND ch.committee_id = m.committee_id) AS charter_id "
            f"FROM memberships m JOIN committees c ON c.id = m.committee_id "
            f"JOIN people p ON p.id = m.person_id WHERE {where} "
            f"AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role IN "
            f"({','.join('?' * len(USER_ROLES))})) ORDER BY c.name, p.sort_key, p.id",
            (*([committee_id] if committee_id else []), *[r.value for r in USER_ROLES]))
        engagements = []
        for row in rows:
            charter = self.get(row["charter_id"]) if row["charter_id"] else None
            roles = [r for r in _person_roles(conn, row["person_id"]) if r in USER_ROLES]
            engagements.append(Engagement(
                person_id=row["person_id"], person_name=row["person_name"],
                committee_id=row["committee_id"], committee_name=row["committee_name"],
                committee_kind=CommitteeKind(row["kind"]), role=roles[0] if roles else None,
                status=charter.status if charter else CharterStatus.TO_GENERATE,
                charter_id=charter.id if charter else None,
                template_id=charter.template.template_id if charter else None))
        return engagements

    def ending_within(self, days: int, today: date) -> list[CharterEnding]:
        """Signed charters, the latest of a seat still held on an active committee, whose
        engagement ends between today and today + days, the nearest first."""
        rows = self._db.connection().execute(
            "SELECT ch.id FROM charters ch JOIN memberships m ON m.person_id = ch.person_id "
            "AND m.committee_id = ch.committee_id JOIN committees c ON c.id = ch.committee_id "
            "WHERE c.archived_at IS NULL AND ch.ends_on BETWEEN ? AND ? "
            "AND ch.id = (SELECT max(o.id) FROM charters o WHERE o.person_id = ch.person_id "
            "AND o.committee_id = ch.committee_id) "
            "AND (SELECT count(*) FROM charter_signatures s WHERE s.charter_id = ch.id) = 2 "
            "ORDER BY ch.ends_on, ch.id",
            (today.isoformat(), (today + timedelta(days=days)).isoformat())).fetchall()
        endings = [self.get(row["id"]) for row in rows]
        return [CharterEnding(c, (c.ends_on - today).days) for c in endings if c.ends_on]

    def _one(self, where: str, params: tuple) -> Charter:
        found = self._many(where, params)
        if not found:
            raise NotFound(_("Cette charte n’existe plus."))
        return found[0]

    def _many(self, where: str, params: tuple) -> list[Charter]:
        conn = self._db.connection()
        rows = conn.execute(_CHARTER + where, params).fetchall()
        signatures: dict[int, list[CharterSignature]] = {}
        if rows:
            marks = ",".join("?" * len(rows))
            for row in conn.execute(f"SELECT * FROM charter_signatures WHERE charter_id IN "
                                    f"({marks}) ORDER BY side DESC", [r["id"] for r in rows]):
                signatures.setdefault(row["charter_id"], []).append(CharterSignature(
                    side=Side(row["side"]), method=SignatureMethod(row["method"]),
                    signer=row["signer"], signed_on=date.fromisoformat(row["signed_on"]),
                    scan_path=row["scan_path"], scan_sha256=row["scan_sha256"]))
        return [_charter(row, tuple(signatures.get(row["id"], ()))) for row in rows]


def _validated(values: Mapping[str, str], template: CharterTemplate) -> dict[str, str]:
    """Every placeholder's value, trimmed; required ones filled, none too long."""
    errors: dict[str, str] = {}
    clean: dict[str, str] = {}
    for key in PLACEHOLDERS:
        raw = values.get(key, "")
        limit = 1000 if key == "compensation" else 200
        text = " ".join(str(raw).split())
        if len(text) > limit:
            errors[key] = _("Trop long ({limit} caractères au plus).").format(limit=limit)
        elif not text and key not in HANDWRITTEN:
            errors[key] = _("À remplir : {what}.").format(what=PLACEHOLDERS[key])
        clean[key] = text
    if errors:
        raise ValidationError(errors)
    return clean


def letterhead_of(data: Mapping[str, str]) -> Letterhead | None:
    """The letterhead a charter's values fixed when it was issued; None for a charter issued
    before letterheads. The logo is found by its sha256 (`data[LETTERHEAD_LOGO]`)."""
    if LETTERHEAD_ADDRESS not in data:
        return None
    return Letterhead(name=data["structure"], city=data["structure_city"],
                      address=data[LETTERHEAD_ADDRESS], phone=data[LETTERHEAD_PHONE],
                      email=data[LETTERHEAD_EMAIL])


def _letterhead_values(committee: sqlite3.Row) -> dict[str, str]:
    """The committee's structure's letterhead, as a charter's values keep it."""
    return {LETTERHEAD_ADDRESS: committee["structure_address"],
            LETTERHEAD_PHONE: committee["structure_phone"],
            LETTERHEAD_EMAIL: committee["structure_email"],
            LETTERHEAD_LOGO: committee["structure_logo"].partition(".")[0]}


def _easy_contact(conn: sqlite3.Connection, committee: sqlite3.Row) -> dict[str, str]:
    """Whom the easy-to-read page says to call: the structure's coordinator and their phone,
    else the structure and its own phone; a phone nobody recorded is left to write by hand."""
    coordinator = conn.execute(
        "SELECT trim(p.first_name || ' ' || p.last_name) AS name, p.phone FROM structures s "
        "JOIN people p ON p.id = s.coordinator_id WHERE s.id = ?",
        (committee["structure_id"],)).fetchone()
    if coordinator is not None and coordinator["name"]:
        return {EASY_CONTACT: coordinator["name"],
                EASY_PHONE: coordinator["phone"] or committee["structure_phone"]}
    return {EASY_CONTACT: the(committee["structure_article"] or likely_article(
                committee["structure_name"]), committee["structure_name"]),
            EASY_PHONE: committee["structure_phone"]}


def _ends_on(conn: sqlite3.Connection, person_id: int, committee_id: int, now: str) -> str:
    """The seat's mandate end, else the default length from today: three years for a RU (their
    mandate), one year otherwise (the charters' « un an, renouvelable »)."""
    seat = conn.execute("SELECT mandate_end FROM memberships WHERE person_id = ? AND "
                        "committee_id = ?", (person_id, committee_id)).fetchone()
    if seat and seat["mandate_end"]:
        return seat["mandate_end"]
    years = 3 if Role.USER_REPRESENTATIVE in _person_roles(conn, person_id) else 1
    return years_after(date.fromisoformat(now[:10]), years).isoformat()


def _reworded(conn: sqlite3.Connection, template_id: str, previous_hash: str,
              templates: list[CharterTemplate]) -> bool:
    """Whether the new current version of `template_id` prints another text than the previous:
    only then are the charters signed on the previous one to be signed again."""
    text = conn.execute("SELECT text, source FROM charter_templates WHERE template_id = ? AND "
                        "content_hash = ?", (template_id, previous_hash)).fetchone()
    new = next(t for t in templates if t.template_id == template_id)
    return _parsed(text["text"], text["source"]).body != new.body


def _suggestion_rank(template: CharterTemplate, kind: CommitteeKind,
                     roles: list[Role]) -> tuple[int, int, int, str]:
    """How closely a fitting template suits a seat: smaller is closer.

    First the committee's kind: a template that names it, then one that names no kind (written
    for any committee), then one written for other kinds. Then the person's role: the first of
    USER_ROLES that the template and the person share. Ties go to the template that names fewer
    roles (written more closely for this one), then to the smaller id, so that the suggestion
    never depends on the order in which the catalogue was read."""
    kind_fit = 0 if kind in template.committee_kinds else 2 if template.committee_kinds else 1
    shared = set(template.roles) & set(roles)
    role_fit = min(USER_ROLES.index(r) if r in USER_ROLES else len(USER_ROLES) for r in shared)
    return kind_fit, role_fit, len(template.roles), template.template_id


def _person_roles(conn: sqlite3.Connection, person_id: int) -> list[Role]:
    found = {row["role"] for row in conn.execute(
        "SELECT role FROM person_roles WHERE person_id = ?", (person_id,))}
    return [role for role in Role if role.value in found]


def _with_articles(prefix: str, article: str, name: str) -> dict[str, str]:
    """A name as a charter's sentence takes it: « la MSP… » (`_le`), « de la MSP… » (`_du`),
    « à la MSP… » (`_au`), with the article chosen, or the one the name suggests."""
    article = article or likely_article(name)
    return {f"{prefix}_le": the(article, name), f"{prefix}_du": of_the(article, name),
            f"{prefix}_au": to_the(article, name)}


def _committee(conn: sqlite3.Connection, committee_id: int) -> sqlite3.Row:
    row = conn.execute(
        "SELECT c.*, s.name AS structure_name, s.article AS structure_article, s.city, "
        "s.address AS structure_address, "
        "s.phone AS structure_phone, s.email AS structure_email, s.logo AS structure_logo "
        "FROM committees c "
        "JOIN structures s ON s.id = c.structure_id WHERE c.id = ?", (committee_id,)).fetchone()
    if row is None:
        raise NotFound(_("Ce comité n’existe plus."))
    return row


def _template(row: sqlite3.Row) -> CharterTemplate:
    return _parsed(row["text"], row["source"])


@lru_cache(maxsize=64)
def _parsed(text: str, source: str) -> CharterTemplate:
    # The text was checked when it entered the catalogue; parsing it again gives the record.
    return parse(text, TemplateSource(source))


def _charter(row: sqlite3.Row, signatures: tuple[CharterSignature, ...]) -> Charter:
    data = json.loads(row["data"])
    return Charter(
        id=row["id"], uid=row["uid"], person_id=row["person_id"], person_name=row["person_name"],
        committee_id=row["committee_id"],
        committee_name=row["committee_name"] or data.get("committee", ""),
        template=_template(row), data=data,
        pdf_sha256=row["pdf_sha256"], generated_at=row["generated_at"],
        current_body=_parsed(row["current_text"], row["source"]).body if row["current_text"] else None,
        signatures=signatures,
        ends_on=date.fromisoformat(row["ends_on"]) if row["ends_on"] else None)
