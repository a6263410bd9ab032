"""Everything the database holds about one person, as plain data for the right of access.

Keys and labels are French: the person reads it. Other people appear only where they are part
of the person's own record (who gave an opinion on their candidacy, the committees' names).
"""

import json
import sqlite3

from comite.kernel.clock import utc_now_iso
from comite.kernel.grammar import Gender, gendered, likely_article
from comite.kernel.i18n import _
from comite.store.access_journal import journal
from comite.store.attendance import as_recorded
from comite.store.attendees import read_attendees
from comite.store.charter_models import Side, SignatureMethod
from comite.store.committee_models import Function, Role, Seat
from comite.store.errors import NotFound
from comite.store.expense_models import euros, km_cents, km_text, rate_text
from comite.store.meeting_models import Answer, MeetingStatus, PartStat
from comite.store.minutes_models import AttendanceStatus, Channel, MinutesStatus
from comite.store.privacy_models import ConsentMethod, Purpose
from comite.store.profile import LivedAs, Sex
from comite.store.recruitment_models import CriterionKind, OpinionKind, Source, Stage, TrainingKind

FORMAT = "comite-droit-d-acces/1"

_CONCLUSION_STATUS = {"open": "ouverte", "done": "faite", "abandoned": "abandonnée"}


def build_report(conn: sqlite3.Connection, person_id: int,
                 include_health: bool) -> dict[str, object]:
    person = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
    if person is None:
        raise NotFound(_("Cette personne n’existe plus."))
    # Every label about the person agrees with their recorded sex (« Suppléante », « présent »);
    # « (e) » stays only when it is not known.
    gender = Sex(person["sex"]).gender
    roles = [gendered(Role(row[0]).label, gender) for row in conn.execute(
        "SELECT role FROM person_roles WHERE person_id = ?", (person_id,))]
    health = conn.execute("SELECT text, updated_at FROM health_notes WHERE person_id = ?",
                          (person_id,)).fetchone()
    return {
        "format": FORMAT,
        "produit_le": utc_now_iso(),
        "personne": {
            "reference": person["uid"], "prenom": person["first_name"],
            "nom": person["last_name"], "email": person["email"], "telephone": person["phone"],
            "profession": person["profession"], "association": person["association"],
            "note": person["note"], "roles": roles, "annee_de_naissance": person["birth_year"],
            "sexe": Sex(person["sex"]).label, "territoire": person["territory"],
            "vecu": gendered(LivedAs(person["lived_as"]).label, gender),
            "documents_faciles_a_lire": bool(person["easy_read"]),
            "fiche_creee_le": person["created_at"],
            "fiche_modifiee_le": person["updated_at"],
        },
        "note_de_sante": {
            "existe": health is not None,
            "incluse": bool(include_health and health),
            "texte": health["text"] if include_health and health else None,
            "mot": None if include_health or health is None else _(
                "Une note existe ; elle est remise sur demande expresse (--sante)."),
        },
        "consentements": _consents(conn, person_id, gender),
        "comites": _memberships(conn, person_id, gender),
        "candidatures": _candidacies(conn, person_id, gender),
        "formations": _trainings(conn, person_id),
        "frais": _expenses(conn, person_id),
        "actions_d_implication": _involvement(conn, person_id),
        "chartes": _charters(conn, person_id),
        "reunions": _meetings(conn, person_id, gender),
        "comptes_rendus_envoyes": _minutes_sent(conn, person_id),
        "conclusions_a_sa_charge": _conclusions(conn, person_id),
        "avis_donnes": [
            {"avis": OpinionKind(row["opinion"]).label, "commentaire": row["comment"],
             "le": row["given_on"]}
            for row in conn.execute("SELECT * FROM opinions WHERE author_id = ? ORDER BY id",
                                    (person_id,))],
        "journal": journal(conn, person_id, gender),
        "structures": _structures(conn, person_id),
    }


def _structures(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    """The structures whose committees hold something of the person's (a seat, a candidacy, a
    charter, an invitation), else the only structure there is: who answers for their data."""
    rows = conn.execute(
        "SELECT DISTINCT s.* FROM structures s JOIN committees c ON c.structure_id = s.id "
        "WHERE c.id IN (SELECT committee_id FROM memberships WHERE person_id = :id "
        "UNION SELECT committee_id FROM candidates WHERE person_id = :id "
        "UNION SELECT committee_id FROM charters WHERE person_id = :id "
        "UNION SELECT m.committee_id FROM invitees i JOIN meetings m ON m.id = i.meeting_id "
        "WHERE i.person_id = :id) ORDER BY s.name COLLATE NOCASE, s.id", {"id": person_id}
    ).fetchall()
    if not rows:
        rows = conn.execute("SELECT * FROM structures LIMIT 2").fetchall()
        rows = rows if len(rows) == 1 else []
    return [{"nom": row["name"], "article": row["article"] or likely_article(row["name"]),
             "telephone": row["phone"], "email": row["email"],
             "contact_donnees_personnelles": row["dpo_contact"]} for row in rows]


def _consents(conn: sqlite3.Connection, person_id: int,
              gender: Gender) -> list[dict[str, object]]:
    return [{"objet": gendered(Purpose(row["purpose"]).label, gender), "version": row["version"],
             "texte": row["text"], "donne_le": row["given_on"],
             "maniere": ConsentMethod(row["method"]).label, "retire_le": row["withdrawn_on"]}
            for row in conn.execute("SELECT * FROM consents WHERE person_id = ? ORDER BY id",
                                    (person_id,))]


def _memberships(conn: sqlite3.Connection, person_id: int,
                 gender: Gender) -> list[dict[str, object]]:
    return [{"comite": row["name"], "siege": gendered(Seat(row["seat"]).label, gender),
             "fonction": gendered(Function(row["function"]).label, gender),
             "debut_mandat": row["mandate_start"],
             "fin_mandat": row["mandate_end"], "designe_par": row["designated_by"]}
            for row in conn.execute(
                "SELECT m.*, c.name FROM memberships m JOIN committees c ON c.id = m.committee_id "
                "WHERE m.person_id = ? ORDER BY c.name", (person_id,))]


def _candidacies(conn: sqlite3.Connection, person_id: int,
                 gender: Gender) -> list[dict[str, object]]:
    found = []
    for row in conn.execute(
            "SELECT k.*, coalesce(c.name, '') AS committee FROM candidates k "
            "LEFT JOIN committees c ON c.id = k.committee_id WHERE k.person_id = ? ORDER BY k.id",
            (person_id,)).fetchall():
        found.append({
            "comite": row["committee"], "role_vise": gendered(Role(row["role"]).label, gender),
            "origine": Source(row["source"]).label, "etape": Stage(row["stage"]).label,
            "depuis_le": row["stage_since"], "prochaine_etape": row["next_step"],
            "prevue_le": row["next_step_on"], "notes": row["notes"],
            "parcours": [{"etape": Stage(m["stage"]).label, "le": m["at"]} for m in conn.execute(
                "SELECT stage, at FROM candidate_moves WHERE candidate_id = ? ORDER BY id",
                (row["id"],))],
            "criteres": [{"critere": c["text"], "nature": CriterionKind(c["kind"]).label,
                          "rempli": bool(c["met"])} for c in conn.execute(
                "SELECT r.text, r.kind, k.met FROM candidate_checks k JOIN criteria r "
                "ON r.id = k.criterion_id WHERE k.candidate_id = ? ORDER BY r.position",
                (row["id"],))],
            "avis_de_l_equipe": [{"de": o["author"], "avis": OpinionKind(o["opinion"]).label,
                                  "commentaire": o["comment"], "le": o["given_on"]}
                                 for o in conn.execute(
                "SELECT o.*, trim(p.first_name || ' ' || p.last_name) AS author FROM opinions o "
                "JOIN people p ON p.id = o.author_id WHERE o.candidate_id = ? ORDER BY o.id",
                (row["id"],))],
        })
    return found


def _trainings(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    return [{"formation": row["course"], "type": TrainingKind(row["kind"]).label,
             "organisme": row["organisation"], "heures": row["hours"], "le": row["held_on"],
             "attestation": bool(row["certificate_path"])}
            for row in conn.execute("SELECT * FROM trainings WHERE person_id = ? ORDER BY held_on",
                                    (person_id,))]


def _expenses(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    """Their expenses (défraiement), as their statement shows them."""
    found = []
    for row in conn.execute(
            "SELECT e.*, coalesce(m.title, '') AS title, coalesce(s.name, '') AS structure, "
            "(SELECT count(*) FROM expense_receipts r WHERE r.expense_id = e.id) AS receipts "
            "FROM expenses e LEFT JOIN meetings m ON m.id = e.meeting_id "
            "LEFT JOIN structures s ON s.id = e.structure_id WHERE e.person_id = ? "
            "ORDER BY e.spent_on, e.id", (person_id,)):
        kilometres = km_cents(row["km"], row["km_rate_mills"])
        found.append({"le": row["spent_on"], "reunion": row["title"], "structure": row["structure"],
                      "kilometres": km_text(row["km"]),
                      "indemnite_par_km": rate_text(row["km_rate_mills"]),
                      "autres_frais": euros(row["other_cents"]),
                      "nature_des_autres_frais": row["other_label"], "note": row["note"],
                      "montant": euros(kilometres + row["other_cents"]),
                      "justificatifs": row["receipts"]})
    return found


def _involvement(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    """The actions of user involvement they took part in (the structure's ACI register)."""
    return [{"action": row["title"], "debut": row["started_on"], "fin": row["ended_on"],
             "structure": row["structure"]}
            for row in conn.execute(
                "SELECT a.title, a.started_on, a.ended_on, s.name AS structure "
                "FROM involvement_participants p JOIN involvement_actions a ON a.id = p.action_id "
                "JOIN structures s ON s.id = a.structure_id WHERE p.person_id = ? "
                "ORDER BY a.started_on, a.id", (person_id,))]


def _charters(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    found = []
    for row in conn.execute(
            "SELECT ch.*, t.template_id, t.version, t.title FROM charters ch "
            "JOIN charter_templates t ON t.id = ch.template_version_id "
            "WHERE ch.person_id = ? ORDER BY ch.id", (person_id,)).fetchall():
        found.append({
            "reference": row["uid"], "modele": f"{row['title']} (v{row['version']})",
            "produite_le": row["generated_at"], "fin_engagement": row["ends_on"],
            "valeurs": json.loads(row["data"]),
            "signatures": [{"cote": Side(s["side"]).label,
                            "maniere": SignatureMethod(s["method"]).label,
                            "signataire": s["signer"], "le": s["signed_on"]}
                           for s in conn.execute(
                               "SELECT * FROM charter_signatures WHERE charter_id = ?",
                               (row["id"],))],
        })
    return found


def _meetings(conn: sqlite3.Connection, person_id: int,
              gender: Gender) -> list[dict[str, object]]:
    found = []
    for row in conn.execute(
            "SELECT i.*, m.title, m.status, c.name AS committee, (SELECT s.local_start FROM slots s "
            "WHERE s.meeting_id = m.id AND s.status = 'chosen') AS day FROM invitees i "
            "JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id "
            "WHERE i.person_id = ? ORDER BY i.id", (person_id,)).fetchall():
        found.append({
            "reunion": row["title"], "comite": row["committee"],
            "etape": MeetingStatus(row["status"]).label, "date": row["day"],
            "ou_vous_en_etes": gendered(_standing(conn, row), gender),
            "commentaire": row["comment"],
            # An answer given before its date moved is kept, marked: it no longer counts.
            "reponses_au_sondage": [{"creneau": v["local_start"],
                                     "reponse": Answer(v["answer"]).label,
                                     "a_redemander": bool(v["to_ask_again"]),
                                     "commentaire": v["comment"]} for v in conn.execute(
                "SELECT v.*, s.local_start FROM votes v JOIN slots s ON s.id = v.slot_id "
                "WHERE v.invitee_id = ? ORDER BY s.starts_at", (row["id"],))],
        })
    return found


# The convocation's answer (iCalendar PARTSTAT), once the date is chosen.
_CONVOCATION = {
    PartStat.ACCEPTED: _("Vous avez répondu à la convocation : vous venez."),
    PartStat.DECLINED: _("Vous avez répondu à la convocation : vous ne venez pas, vous êtes "
                         "excusé(e)."),
    PartStat.TENTATIVE: _("Vous avez répondu à la convocation : peut-être."),
    PartStat.NEEDS_ACTION: _("Vous n’avez pas encore répondu à la convocation."),
}
_HELD = {
    AttendanceStatus.PRESENT: _("Vous étiez présent(e)."),
    AttendanceStatus.EXCUSED: _("Vous étiez excusé(e)."),
    AttendanceStatus.ABSENT: _("Vous étiez absent(e)."),
}


def _standing(conn: sqlite3.Connection, invitee: sqlite3.Row) -> str:
    """One sentence for where the person stands, from the meeting's stage: the poll's answers
    while the date is being chosen, the convocation's once it is, who was there once it is held
    — read as the séance and the minutes read it (`attendees`, `attendance`), so the report
    never says one thing and the minutes another."""
    status = MeetingStatus(invitee["status"])
    if status is MeetingStatus.DRAFT:
        return _("La réunion est en préparation : sa date n’est pas encore proposée.")
    if status is MeetingStatus.CANCELLED:
        return _("La réunion a été annulée.")
    if status is MeetingStatus.POLL:
        if conn.execute("SELECT 1 FROM votes WHERE invitee_id = ?", (invitee["id"],)).fetchone():
            return _("La date n’est pas encore choisie : vos réponses au sondage des dates sont "
                     "ci-dessous.")
        return _("La date n’est pas encore choisie, et vous n’avez pas encore répondu au "
                 "sondage des dates.")
    attendees = read_attendees(conn, invitee["meeting_id"])
    if status is MeetingStatus.HELD:
        attendees = as_recorded(attendees)
    me = next(a for a in attendees if a.invitee_id == invitee["id"])
    if me.status is AttendanceStatus.REPRESENTED:
        return _("Vous aviez donné pouvoir à {name}.").format(name=me.represented_by_name)
    if me.status is AttendanceStatus.SUBSTITUTED:
        return _("{name} a siégé à votre place (suppléance).").format(name=me.represented_by_name)
    if status is MeetingStatus.HELD or me.confirmed:
        return _HELD.get(me.status, _("Vous étiez absent(e)."))
    return _CONVOCATION[me.answer]


def _minutes_sent(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    """The minutes written to them, status by status: by e-mail (sent, or waiting in the
    outbox) or on paper."""
    return [{"reunion": row["title"], "comite": row["committee"],
             "version": MinutesStatus(row["status"]).label, "par": Channel(row["channel"]).label,
             "prepare_le": row["written_at"], "envoye_le": row["sent_at"]}
            for row in conn.execute(
                "SELECT x.*, m.title, c.name AS committee FROM minutes_messages x "
                "JOIN meetings m ON m.id = x.meeting_id JOIN committees c ON c.id = m.committee_id "
                "WHERE x.person_id = ? ORDER BY x.id", (person_id,))]


def _conclusions(conn: sqlite3.Connection, person_id: int) -> list[dict[str, object]]:
    return [{"texte": row["text"], "reunion": row["title"], "echeance": row["due_on"],
             "statut": _CONCLUSION_STATUS[row["status"]]}
            for row in conn.execute(
                "SELECT c.*, m.title FROM conclusions c JOIN meetings m ON m.id = c.meeting_id "
                "WHERE c.owner_id = ? ORDER BY c.id", (person_id,))]
