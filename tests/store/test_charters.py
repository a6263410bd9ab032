"""Charters in the store: the catalogue's versions, making a charter, both sides' signatures,
and the status a coordinator sees (à générer, à signer, signée, à re-signer)."""

from datetime import date
from importlib import resources

import pytest

from comite.store import MembershipInput, PersonInput
from comite.store.charter_models import CharterStatus, Side, SignatureMethod, TemplateSource
from comite.store.charter_template import parse
from comite.store.charters import (
    BLANK,
    LETTERHEAD_ADDRESS,
    LETTERHEAD_EMAIL,
    LETTERHEAD_KEYS,
    LETTERHEAD_LOGO,
    LETTERHEAD_PHONE,
    letterhead_of,
    reference,
)
from comite.store.committee_models import CommitteeKind, Letterhead, Role
from comite.store.errors import NotFound, Refused, ValidationError

TODAY = date(2027, 3, 1)
SHA = "ab" * 32
HEAD = "---\nid: {id}\ntitle: {title}\nversion: {version}\nroles: [{roles}]\n{kinds}---\n"
BODY = ("# Charte\n\n{{ structure }} — {{ committee }}\n\n{{ person }}, {{ role }}, à partir du "
        "{{ start_date }} pour {{ duration }}.\n\nÉquipe : {{ team_signatory }}\n\n"
        "Fait à {{ place }}, le {{ signature_date }}.\n")


def make(template_id="essai", version=1, roles="patient_partner", kinds="", body=BODY,
         title="Charte d’essai", source=TemplateSource.SHIPPED):
    head = HEAD.format(id=template_id, title=title, version=version, roles=roles,
                       kinds=f"committee_kinds: [{kinds}]\n" if kinds else "")
    return parse(head + body, source)


@pytest.fixture
def seated(store, committee, add_person):
    """Marie, patiente partenaire, titulaire of the comité since 1 Feb 2027; a doctor too."""
    marie = add_person("Curie", "Marie", roles=[Role.PATIENT_PARTNER])
    doctor = add_person("Martin", "Paul", roles=[Role.PROFESSIONAL])
    store.memberships.add(committee.id, marie.id, MembershipInput(mandate_start=date(2027, 2, 1)))
    store.memberships.add(committee.id, doctor.id, MembershipInput())
    store.charters.sync_catalog([make()])
    return marie


def charter_for(store, person, committee, **values):
    draft = store.charters.draft(person.id, committee.id, "essai",
                                 {"team_signatory": "Dr Jeanne Roy", **values}, TODAY)
    return draft, store.charters.record(draft, SHA)


def test_sync_keeps_every_version_and_says_what_changed(store):
    first = store.charters.sync_catalog([make(), make("autre", roles="user_representative")])
    assert first.added == ("autre", "essai") and not first.changed
    assert [t.template_id for t in store.charters.templates()] == ["autre", "essai"]  # same title: by id
    again = store.charters.sync_catalog([make(), make("autre", roles="user_representative")])
    assert (again.added, again.changed, again.removed) == ((), (), ())
    newer = make(version=2, body=BODY + "\nUne phrase de plus.\n")
    change = store.charters.sync_catalog([newer])
    assert change.changed == ("essai",) and change.removed == ("autre",)
    assert store.charters.template("essai").version == 2
    with pytest.raises(NotFound, match="Aucun modèle de charte « autre »"):
        store.charters.template("autre")
    versions = store.db.connection().execute(
        "SELECT count(*) FROM charter_templates WHERE template_id = 'essai'").fetchone()[0]
    assert versions == 2, "the older text is kept: charters made from it can be made again"


def test_two_templates_with_one_id_are_refused(store):
    with pytest.raises(Refused, match="même identifiant"):
        store.charters.sync_catalog([make(), make(version=2, body="Autre {{ person }}")])
    assert store.charters.templates() == []


def shipped_templates():
    folder = resources.files("comite.templates.charte")
    return [parse(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".md")]


def test_the_shipped_templates_parse_and_fit_their_roles():
    shipped = shipped_templates()
    assert shipped and all(t.roles for t in shipped)
    assert len({t.template_id for t in shipped}) == len(shipped)


@pytest.mark.parametrize(("kind", "role", "expected"), [
    (CommitteeKind.USERS_COMMITTEE, Role.USER_REPRESENTATIVE, "membre-comite-usagers-msp"),
    (CommitteeKind.USERS_COMMITTEE, Role.PATIENT_PARTNER, "membre-comite-usagers-msp"),
    (CommitteeKind.CDU, Role.USER_REPRESENTATIVE, "representant-usagers"),
    (CommitteeKind.CDU, Role.PATIENT_PARTNER, "patient-partenaire"),
    (CommitteeKind.ETP_PROGRAMME, Role.PATIENT_PARTNER, "patient-partenaire"),
    (CommitteeKind.STEERING, Role.USER_REPRESENTATIVE, "representant-usagers"),
])
def test_the_shipped_template_suggested_goes_by_committee_kind_then_role(
        store, structure, add_person, kind, role, expected):
    """A RU in an MSP comité is not offered the CDU's text (its secrecy is the CDU's); a
    patient partenaire in a CDU is not offered a RU's mandate."""
    store.charters.sync_catalog(shipped_templates())
    committee = store.committees.create(structure.id, "Instance", kind)
    person = add_person("Curie", "Marie", roles=[role])
    store.memberships.add(committee.id, person.id, MembershipInput())
    assert store.charters.suggested(person.id, committee.id).template_id == expected


def test_the_committees_kind_comes_before_the_role(store, structure, seated, committee):
    store.charters.sync_catalog([make(), make("ru", roles="user_representative"),
                                 make("msp", roles="patient_partner, peer_helper",
                                      kinds="comite_usagers"),
                                 make("cdu", roles="patient_partner", kinds="cdu")])
    assert store.charters.suggested(seated.id, committee.id).template_id == "msp"
    cdu = store.committees.create(structure.id, "CDU", CommitteeKind.CDU)
    assert store.charters.suggested(seated.id, cdu.id).template_id == "cdu"
    group = store.committees.create(structure.id, "Groupe", CommitteeKind.WORKING_GROUP)
    assert store.charters.suggested(seated.id, group.id).template_id == "essai", \
        "a template for any committee before one written for other kinds"
    store.people.update(seated.id, PersonInput(last_name="Curie", first_name="Marie", roles=[
        Role.USER_REPRESENTATIVE, Role.PATIENT_PARTNER]))
    assert store.charters.suggested(seated.id, committee.id).template_id == "msp", \
        "the kind first: the RU's own template names no kind"
    assert store.charters.suggested(seated.id, group.id).template_id == "ru", \
        "then the role: a user representative before a patient partenaire"


def test_ties_go_to_the_template_written_for_fewer_roles_then_to_its_id(store, seated, committee):
    store.charters.sync_catalog([make("a-large", roles="patient_partner, peer_helper"),
                                 make("z-close"), make("b-close")])
    assert store.charters.suggested(seated.id, committee.id).template_id == "b-close"


def test_defaults_come_from_the_records(store, seated, committee):
    values = store.charters.defaults(seated.id, committee.id, TODAY)
    assert values["structure"] == "MSP des Tilleuls" and values["committee"] == "Comité des usagers"
    assert values["person"] == "Marie Curie" and values["role"] == "patient(e) ou aidant(e) partenaire"
    assert values["start_date"] == "1er février 2027" and values["place"] == "Valmont-sur-Loire"
    assert values["duration"] == "un an, renouvelable" and values["team_signatory"] == ""


def test_a_template_may_name_the_structure_and_the_committee_with_their_articles(
        store, structure, seated, committee):
    values = store.charters.defaults(seated.id, committee.id, TODAY)
    assert (values["structure_le"], values["structure_du"], values["structure_au"]) == (
        "la MSP des Tilleuls", "de la MSP des Tilleuls", "à la MSP des Tilleuls")
    assert (values["committee_le"], values["committee_du"], values["committee_au"]) == (
        "le Comité des usagers", "du Comité des usagers", "au Comité des usagers")
    store.committees.update(committee.id, structure.id, "Commission des usagers", committee.kind,
                            article="la")
    body = "Bienvenue {{ committee_au }}, {{ structure_du }}."
    store.charters.sync_catalog([make("phrases", body=body)])
    draft = store.charters.draft(seated.id, committee.id, "phrases",
                                 {"team_signatory": "Dr Jeanne Roy"}, TODAY)
    assert "Bienvenue à la Commission des usagers, de la MSP des Tilleuls." in draft.markdown


def test_a_draft_fills_the_template_and_blanks_become_dots(store, seated, committee):
    draft = store.charters.draft(seated.id, committee.id, "essai",
                                 {"team_signatory": "Dr Jeanne Roy", "place": ""}, TODAY)
    assert "Marie Curie, patient\\(e\\) ou aidant\\(e\\) partenaire" in draft.markdown
    assert f"Fait à {BLANK}, le {BLANK}." in draft.markdown
    assert draft.data["place"] == "" and draft.uid.startswith("CH-") and len(draft.uid) == 13


def test_a_missing_team_signatory_is_refused_beside_its_field(store, seated, committee):
    with pytest.raises(ValidationError) as refused:
        store.charters.draft(seated.id, committee.id, "essai", {}, TODAY)
    assert refused.value.errors == {"team_signatory": "À remplir : qui signe pour l’équipe."}


def test_the_same_inputs_give_the_same_charter(store, seated, committee):
    draft, charter = charter_for(store, seated, committee)
    again = store.charters.draft(seated.id, committee.id, "essai", {"team_signatory": "Dr Jeanne Roy"},
                                 TODAY)
    assert again.uid == draft.uid and store.charters.record(again, SHA).id == charter.id
    other = store.charters.draft(seated.id, committee.id, "essai", {"team_signatory": "Dr Roy"}, TODAY)
    assert other.uid != draft.uid
    with pytest.raises(Refused, match="autre contenu"):
        store.charters.record(again, "cd" * 32)
    redrafted = store.charters.redraft(charter.id)
    assert (redrafted.uid, redrafted.markdown, redrafted.data) == (draft.uid, draft.markdown, draft.data)


def test_the_reference_depends_on_the_person_not_only_on_the_text(store, seated, committee, add_person):
    twin = add_person("Curie", "Marie", roles=[Role.PATIENT_PARTNER])
    store.memberships.add(committee.id, twin.id, MembershipInput(mandate_start=date(2027, 2, 1)))
    first, _charter = charter_for(store, seated, committee)
    second, _other = charter_for(store, twin, committee)
    assert first.markdown == second.markdown and first.uid != second.uid
    assert reference("h", {"a": "1"}) == reference("h", {"a": "1"}) != reference("h2", {"a": "1"})


def test_status_goes_from_to_generate_to_signed(store, seated, committee):
    [engagement] = store.charters.engagements()  # the doctor is not a user: no charter
    assert (engagement.person_name, engagement.status) == ("Marie Curie", CharterStatus.TO_GENERATE)
    _draft, charter = charter_for(store, seated, committee)
    assert store.charters.engagements()[0].status is CharterStatus.TO_SIGN
    store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PAPER, "Marie Curie", "03/03/2027")
    assert store.charters.engagements()[0].status is CharterStatus.TO_SIGN, "one side is not enough"
    signed = store.charters.sign(charter.id, Side.STRUCTURE, SignatureMethod.PAPER, "Dr Jeanne Roy",
                                 date(2027, 3, 4), scan_path="/pieces/x.pdf", scan_sha256=SHA)
    assert signed.fully_signed and signed.status is CharterStatus.SIGNED
    assert signed.signature(Side.STRUCTURE).scan_path == "/pieces/x.pdf"
    assert store.charters.engagements()[0].status is CharterStatus.SIGNED


def test_a_new_template_version_asks_for_a_new_signature(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    for side in Side:
        store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", TODAY)
    change = store.charters.sync_catalog([make(version=2, body=BODY + "\nConfidentialité renforcée.\n")])
    assert change.to_resign == 1
    refreshed = store.charters.get(charter.id)
    assert refreshed.status is CharterStatus.TO_RESIGN and refreshed.template.version == 1
    assert store.charters.engagements()[0].status is CharterStatus.TO_RESIGN
    new_draft, new_charter = charter_for(store, seated, committee)
    assert new_draft.template.version == 2 and new_charter.status is CharterStatus.TO_SIGN
    assert store.charters.engagements()[0].charter_id == new_charter.id


def test_a_new_version_that_changes_only_the_front_matter_keeps_the_signature(
        store, seated, committee):
    """Narrowing the committees a template is offered for changes nothing a person signed."""
    _draft, charter = charter_for(store, seated, committee)
    for side in Side:
        store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", TODAY)
    change = store.charters.sync_catalog([make(version=2, kinds="comite_usagers")])
    assert change.changed == ("essai",) and change.to_resign == 0
    kept = store.charters.get(charter.id)
    assert kept.status is CharterStatus.SIGNED and not kept.template_changed
    assert (kept.template.version, kept.template.committee_kinds) == (1, ())
    assert store.charters.redraft(charter.id).template.content_hash == charter.template.content_hash
    assert store.charters.template("essai").version == 2


def test_an_unsigned_charter_on_an_old_version_is_to_generate_again(store, seated, committee):
    charter_for(store, seated, committee)
    store.charters.sync_catalog([make(version=2, body=BODY + "\nAjout.\n")])
    assert store.charters.engagements()[0].status is CharterStatus.TO_GENERATE


def test_a_template_edited_back_is_the_same_version_again(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    for side in Side:
        store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", TODAY)
    store.charters.sync_catalog([make(version=2, body=BODY + "\nAjout.\n")])
    store.charters.sync_catalog([make()])
    assert store.charters.get(charter.id).status is CharterStatus.SIGNED


def test_ending_the_engagement_keeps_the_charter(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    [seat] = [m for m in store.memberships.of_person(seated.id)]
    store.memberships.remove(seat.id)
    assert store.charters.engagements() == []
    [kept] = store.charters.of_person(seated.id)
    assert kept.id == charter.id and kept.committee_name == "Comité des usagers"


def test_a_signature_needs_a_name_and_a_plausible_date(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    with pytest.raises(ValidationError) as refused:
        store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PAPER, " ", "31/02/2027")
    assert set(refused.value.errors) == {"signer", "signed_on"}
    with pytest.raises(ValidationError, match="ne peut pas avoir été signée avant"):
        store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PAPER, "Marie", date(2020, 1, 1))
    assert store.charters.get(charter.id).signatures == ()


def test_a_signature_taken_back_is_gone_and_audited(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PDF, "Marie Curie", TODAY)
    assert store.charters.unsign(charter.id, Side.PERSON).signatures == ()
    with pytest.raises(Refused, match="Aucune signature"):
        store.charters.unsign(charter.id, Side.PERSON)
    actions = [(e.action, e.entity, e.fields) for e in store.audit.recent(5)]
    assert ("unsign", "charter", ("person",)) in actions


def test_the_audit_never_holds_the_values(store, seated, committee):
    charter_for(store, seated, committee)
    logged = " ".join(str(e) for e in store.audit.recent(20))
    assert "Curie" not in logged and "Jeanne Roy" not in logged


def test_a_charter_is_found_by_its_pdf_hash_and_reference(store, seated, committee):
    draft, charter = charter_for(store, seated, committee)
    assert store.charters.by_pdf_sha256(SHA).id == charter.id
    assert store.charters.by_pdf_sha256("00" * 32) is None
    assert store.charters.by_uid(draft.uid).id == charter.id


def test_deleting_the_person_deletes_their_charters(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PAPER, "Marie", TODAY)
    store.people.delete(seated.id)
    assert store.db.connection().execute("SELECT count(*) FROM charters").fetchone()[0] == 0
    assert store.db.connection().execute("SELECT count(*) FROM charter_signatures").fetchone()[0] == 0


def test_a_structure_remembers_its_signatory_and_rules(store, seated, committee, add_person):
    charter_for(store, seated, committee, compensation="Forfait de 30 € par réunion.")
    other = store.people.create(PersonInput(last_name="Roux", first_name="Marc",
                                            roles=[Role.USER_REPRESENTATIVE]))
    store.memberships.add(committee.id, other.id, MembershipInput())
    values = store.charters.defaults(other.id, committee.id, TODAY)
    assert values["team_signatory"] == "Dr Jeanne Roy"
    assert values["compensation"] == "Forfait de 30 € par réunion."
    assert values["duration"] == "trois ans"


def test_a_second_change_does_not_count_the_same_charter_again(store, seated, committee):
    _draft, charter = charter_for(store, seated, committee)
    for side in Side:
        store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", TODAY)
    assert store.charters.sync_catalog([make(version=2, body=BODY + "\nDeux.\n")]).to_resign == 1
    assert store.charters.sync_catalog([make(version=3, body=BODY + "\nTrois.\n")]).to_resign == 0


def test_kept_ids_stay_current_while_their_file_does_not_read(store):
    store.charters.sync_catalog([make(), make("autre", roles="user_representative")])
    change = store.charters.sync_catalog([], keep=["essai"])
    assert change.removed == ("autre",) and change.changed == ()
    assert [t.template_id for t in store.charters.templates()] == ["essai"]


def test_an_unchanged_catalogue_writes_nothing_but_a_new_source_is_recorded(store):
    store.charters.sync_catalog([make()])
    changes = store.db.connection().total_changes
    assert store.charters.sync_catalog([make()]) == store.charters.sync_catalog([make()])
    assert store.db.connection().total_changes == changes, "no write when nothing changed"
    store.charters.sync_catalog([make(source=TemplateSource.USER)])
    assert store.charters.template("essai").source is TemplateSource.USER


def test_a_signed_charter_ends_with_the_mandate_and_comes_up_before(store, seated, committee):
    from datetime import timedelta

    store.memberships.update(store.memberships.of_person(seated.id)[0].id, MembershipInput(
        mandate_start=date(2027, 2, 1), mandate_end=TODAY + timedelta(days=60)))
    _draft, charter = charter_for(store, seated, committee)
    assert charter.ends_on == TODAY + timedelta(days=60)
    assert store.charters.ending_within(90, TODAY) == []  # not signed yet
    for side in Side:
        store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", TODAY)
    [ending] = store.charters.ending_within(90, TODAY)
    assert (ending.charter.id, ending.days_left) == (charter.id, 60)
    assert store.charters.ending_within(30, TODAY) == []


def test_a_draft_fixes_the_structures_letterhead_among_its_values(store, structure, seated,
                                                                  committee):
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            address="12 rue des Tilleuls", phone="04 65 71 20 10",
                            email="accueil@msp.example.org")
    store.structures.set_logo(structure.id, SHA + ".png")
    # A value passed for the letterhead is not the coordinator's to choose: the records win.
    first, charter = charter_for(store, seated, committee, letterhead_address="ailleurs")
    assert {key: first.data[key] for key in LETTERHEAD_KEYS} == {
        LETTERHEAD_ADDRESS: "12 rue des Tilleuls", LETTERHEAD_PHONE: "04 65 71 20 10",
        LETTERHEAD_EMAIL: "accueil@msp.example.org", LETTERHEAD_LOGO: SHA}
    assert letterhead_of(charter.data) == Letterhead(
        name=structure.name, address="12 rue des Tilleuls", city=structure.city,
        phone="04 65 71 20 10", email="accueil@msp.example.org")
    # The reference covers the letterhead: moved, the structure issues another charter.
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            address="3 place du Marché", phone="04 65 71 20 10",
                            email="accueil@msp.example.org")
    moved = store.charters.draft(seated.id, committee.id, "essai",
                                 {"team_signatory": "Dr Jeanne Roy"}, TODAY)
    assert moved.uid != first.uid and moved.data[LETTERHEAD_ADDRESS] == "3 place du Marché"
    assert store.charters.redraft(charter.id).data == first.data  # the one issued keeps its own
