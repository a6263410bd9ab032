"""The audit log's entries about one person, in French, for the answer to a right-of-access
request: who did what, on which part of their record, and which fields (never the values).

The log names actions, records and fields as the code does (« update », « membership »,
« substitute_for »); the person reads every one in French. A field the tables below do not know
yet reads « autre information », never its code name: `tests/store/test_access_journal.py`
fails when a service records a field they miss.
"""

import sqlite3

from comite.kernel.grammar import Gender, gendered
from comite.kernel.i18n import _
from comite.store.charter_models import Side, SignatureMethod

# The audit entries about a person: their record, and the records that hang on it.
PERSON_ENTRIES = (
    "((entity = 'person' AND entity_id = :id) "
    "OR (entity = 'candidate' AND entity_id IN (SELECT id FROM candidates WHERE person_id = :id)) "
    "OR (entity = 'training' AND entity_id IN (SELECT id FROM trainings WHERE person_id = :id)) "
    "OR (entity = 'membership' AND entity_id IN (SELECT id FROM memberships "
    "WHERE person_id = :id)) "
    "OR (entity = 'charter' AND entity_id IN (SELECT id FROM charters WHERE person_id = :id)) "
    "OR (entity = 'involvement_action' AND entity_id IN (SELECT action_id FROM "
    "involvement_participants WHERE person_id = :id)) "
    "OR (entity = 'expense' AND entity_id IN (SELECT id FROM expenses WHERE person_id = :id)))")

ACTIONS = {"create": _("création"), "update": _("modification"), "delete": _("suppression"),
           "move": _("changement d’étape"), "consent": _("accord donné"),
           "withdraw": _("accord retiré"), "reveal": _("note de santé consultée"),
           "export": _("export (droit d’accès)"), "review": _("conservation revue"),
           "sign": _("signature enregistrée"), "unsign": _("signature retirée"),
           "erase": _("effacement")}
ENTITIES = {"person": _("votre fiche"), "candidate": _("candidature"), "training": _("formation"),
            "membership": _("mandat"), "charter": _("charte"),
            "involvement_action": _("action d’implication des usagers"),
            "expense": _("frais")}
# By record: the same code name says another thing on another record (« person » on a
# candidacy is who it is about; on a charter, the side that signs).
FIELDS = {
    "person": {
        "first_name": _("prénom"), "last_name": _("nom"), "email": _("e-mail"),
        "phone": _("téléphone"), "profession": _("profession"), "association": _("association"),
        "note": _("note de l’équipe"), "roles": _("rôles"), "birth_year": _("année de naissance"),
        "sex": _("sexe"), "territory": _("territoire"), "lived_as": _("vécu"),
        "easy_read": _("documents faciles à lire"), "health_note": _("note de santé"),
        "access": _("droit d’accès"), "reviewed_on": _("revue de conservation"),
        "consent.contact": _("accord pour être contacté(e)"),
        "consent.membership": _("accord pour participer au comité"),
        "consent.health": _("accord sur les informations de santé"),
        "consent.photo": _("accord sur la photo et l’image")},
    "candidate": {
        "person": _("personne"), "stage": _("étape"), "role": _("rôle visé"),
        "source": _("origine"), "committee_id": _("comité visé"),
        "next_step": _("prochaine étape"), "next_step_on": _("date de la prochaine étape"),
        "notes": _("notes de l’équipe"), "checks": _("critères"), "opinion": _("avis"),
        "charter_id": _("charte signée"), "membership_id": _("siège"),
        "seat_created": _("siège créé par la candidature")},
    "training": {
        "course": _("formation"), "held_on": _("date"), "hours": _("heures"), "kind": _("type"),
        "organisation": _("organisme"), "certificate_path": _("attestation"),
        "certificate_sha256": _("empreinte de l’attestation")},
    "membership": {
        "seat": _("siège"), "function": _("fonction"),
        "substitute_for": _("titulaire que vous suppléez"),
        "mandate_start": _("début du mandat"), "mandate_end": _("fin du mandat"),
        "designated_by": _("désigné(e) par"), "cdu_seat": _("siège à la commission des usagers"),
        "elected_on": _("date de l’élection"), "act_reference": _("référence de l’acte de désignation"),
        "act_date": _("date de l’acte de désignation")},
    "involvement_action": {
        "title": _("intitulé"), "kind": _("type d’action"), "participation": _("degré de participation"),
        "aci_level": _("niveau de l’ACI"), "started_on": _("début"), "ended_on": _("fin"),
        "other_users": _("autres usagers"), "other_professionals": _("autres professionnels"),
        "note": _("note"), "participants": _("participants"), "evidence": _("preuves")},
    "charter": {
        "template": _("modèle"), "data": _("valeurs"), "pdf_sha256": _("empreinte du PDF"),
        "scan": _("scan de la charte signée"),
        **{side.value: _("signature : {side}").format(side=side.label.lower()) for side in Side},
        **{f"{side.value}.{method.value}": _("signature : {side}, {method}").format(
            side=side.label.lower(), method=method.label.lower())
           for side in Side for method in SignatureMethod}},
    # A CDU's register: about cases filed by the establishment's reference, never a person.
    "complaint": {
        "reference": _("référence du dossier"), "received_on": _("date de réception"),
        "channel": _("canal"), "theme": _("thème"), "kind": _("réclamation ou éloge"),
        "service": _("service"), "mediation": _("médiation"),
        "referred_on": _("saisine du médiateur"), "mediation_on": _("rencontre de médiation"),
        "mediation_report_on": _("compte rendu de médiation"),
        "acknowledged_on": _("accusé de réception"), "answered_on": _("date de la réponse"),
        "outcome": _("suite donnée"), "summary": _("résumé"),
        "examined_in_meeting_id": _("réunion qui l’examine")},
    "meeting_quality": {
        "esatis_scores": _("scores e-Satis"), "adverse_events": _("événements indésirables graves"),
        "actions": _("mesures prises")},
}
FIELDS["expense"] = {
    "meeting_id": _("réunion"), "structure_id": _("structure qui rembourse"),
    "spent_on": _("date"), "km": _("kilomètres"), "km_rate_mills": _("indemnité kilométrique"),
    "other_cents": _("autres frais"), "other_label": _("nature des autres frais"),
    "note": _("note"), "receipt": _("justificatif")}
OTHER_FIELD = _("autre information")
OTHER_ACTION = _("autre action")


def field_label(entity: str, field: str, gender: Gender = None) -> str:
    """A field of the log as the person reads it, agreed with their gender."""
    return gendered(FIELDS.get(entity, {}).get(field, OTHER_FIELD), gender)


def journal(conn: sqlite3.Connection, person_id: int, gender: Gender = None) -> list[dict[str, object]]:
    """Who did what on the person's record and what hangs on it (never the values)."""
    rows = conn.execute("SELECT * FROM audit_log WHERE " + PERSON_ENTRIES + " ORDER BY id",
                        {"id": person_id})
    return [{"le": row["at"], "par": row["actor"],
             "action": ACTIONS.get(row["action"], OTHER_ACTION),
             "objet": ENTITIES.get(row["entity"], OTHER_FIELD),
             "champs": [field_label(row["entity"], f, gender)
                        for f in row["fields"].split(",") if f]} for row in rows]
