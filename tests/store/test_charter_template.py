"""Charter templates as text: front matter, placeholders checked at load, values escaped."""

import pytest
from markdown_it import MarkdownIt

from comite.store.charter_models import TemplateSource
from comite.store.charter_template import (
    MAX_TEMPLATE_BYTES,
    PLACEHOLDERS,
    TemplateError,
    content_hash,
    decode,
    escape_value,
    fill,
    parse,
    placeholders_used,
)
from comite.store.committee_models import CommitteeKind, Role

HEAD = ("---\nid: essai\ntitle: Charte d’essai\nversion: 2\n"
        "roles: [patient_partner, user_representative]\n---\n")


def template(body: str, head: str = HEAD):
    return parse(head + body, TemplateSource.USER, name="essai.md")


def test_front_matter_is_read_and_the_body_starts_after_it():
    made = parse(HEAD.replace("---\n\n", "") + "# Titre\n\nBonjour {{ person }}.\n")
    assert (made.template_id, made.title, made.version) == ("essai", "Charte d’essai", 2)
    assert made.roles == (Role.PATIENT_PARTNER, Role.USER_REPRESENTATIVE)
    assert made.committee_kinds == ()
    assert made.body_line == 7 and made.body.startswith("# Titre")
    assert made.content_hash == content_hash(made.text) and len(made.content_hash) == 64


def test_committee_kinds_are_optional_and_checked():
    head = HEAD.replace("---\n# ", "") .replace("version: 2\n", "version: 2\ncommittee_kinds: [cdu]\n")
    assert template("x", head).committee_kinds == (CommitteeKind.CDU,)
    with pytest.raises(TemplateError, match=r"essai.md, ligne 5 : valeur inconnue.*hopital"):
        template("x", head.replace("[cdu]", "[hopital]"))


def test_the_hash_ignores_line_endings_and_the_bom_but_not_a_word():
    text = HEAD + "Bonjour {{ person }}.\n"
    assert content_hash("\ufeff" + text.replace("\n", "\r\n")) == content_hash(text)
    assert content_hash(text.replace("Bonjour", "Bonsoir")) != content_hash(text)


def test_every_placeholder_is_known_and_found_in_order():
    made = template("{{ person }} rejoint {{ committee }} ; {{ person }} signe à {{ place }}.")
    assert placeholders_used(made) == ["person", "committee", "place"]
    assert set(placeholders_used(made)) <= PLACEHOLDERS.keys()


def test_an_unknown_placeholder_is_refused_with_its_line():
    with pytest.raises(TemplateError) as refused:
        template("Ligne un\n\nBonjour {{ nom_complet }}.\n")
    assert refused.value.line == 9
    assert refused.value.message.startswith("essai.md, ligne 9 : « {{ nom_complet }} »")


def test_conditions_and_case_filters_are_allowed():
    made = template("{% if structure_city %}À {{ structure_city | upper }}.{% endif %}"
                    "{% if place is defined %} Lieu : {{ place | trim }}{% endif %}")
    assert fill(made, {"structure_city": "Lyon", "place": "ici"}) == "À LYON. Lieu : ici"
    assert fill(made, {"structure_city": "", "place": "ici"}) == " Lieu : ici"


@pytest.mark.parametrize("value", [
    "Dupont & <b>Fils</b> {{7*7}}", "*gras* _penché_ `code` [lien](http://x)", "# Titre", "1. liste",
    "- puce", "> cité", "a\\b", "&amp; &#169;", "| a | b |", "<script>alert(1)</script>",
])
def test_a_value_reads_back_exactly_as_typed(value):
    made = template("Nom : {{ person }}\n")
    html = MarkdownIt("commonmark", {"html": False}).render(fill(made, {"person": value}))
    from html import unescape

    assert unescape(html.removeprefix("<p>").removesuffix("</p>\n")) == "Nom : " + value


def test_a_value_is_one_line():
    assert escape_value("Marie\n\n# Titre\n  suite") == "Marie \\# Titre suite"


def test_a_missing_value_is_refused_naming_the_field_and_its_line():
    made = template("\n\nSigné par {{ team_signatory }}.\n")
    with pytest.raises(TemplateError, match=r"Ligne 9 : le champ « team_signatory » \(qui signe"):
        fill(made, {})


@pytest.mark.parametrize(("body", "what"), [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "un appel de fonction"),
    ("{{ person.__init__ }}", "l’accès à un attribut"),
    ("{{ person['x'] }}", "l’accès à un élément"),
    ("{{ 'a' * 999999999 }}", "la multiplication"),
    ("{{ 9 ** 99999999 }}", "la puissance"),
    ("{% for i in [1, 2] %}{{ person }}{% endfor %}", "une boucle « for »"),
    ("{% set person = 'x' %}", "« set »"),
    ("{{ person | center(999999999) }}", "le filtre « center »"),
    ("{{ person | replace('a', 'b') }}", "le filtre « replace »"),
    ("{% if person is sameas place %}x{% endif %}", "le test « sameas »"),
    ("{% include '/etc/passwd' %}", "l’inclusion d’un autre fichier"),
    ("{% extends 'base' %}", "l’inclusion d’un autre fichier"),
    ("{% import 'x' as y %}", "l’inclusion d’un autre fichier"),
    ("{% from 'x' import y %}", "l’inclusion d’un autre fichier"),
    ("{% macro m() %}x{% endmacro %}", "« macro »"),
])
def test_a_template_does_nothing_but_print_and_test_its_fields(body, what):
    with pytest.raises(TemplateError) as refused:
        template("Bonjour.\n" + body + "\n")
    assert refused.value.line == 8
    assert f"ce modèle utilise {what}" in refused.value.message


def test_lipsum_and_other_globals_are_not_fields():
    with pytest.raises(TemplateError, match="un appel de fonction"):
        template("{{ lipsum(n=99999) }}")
    with pytest.raises(TemplateError, match=r"« \{\{ lipsum \}\} » n’est pas un champ connu"):
        template("{{ lipsum }}")


def test_a_syntax_error_names_its_line():
    with pytest.raises(TemplateError, match=r"essai.md, ligne 8 : le modèle est mal formé"):
        template("Bonjour\n{% if %}\n")


@pytest.mark.parametrize(("head", "line", "why"), [
    ("", 1, "doit commencer par « --- »"),
    ("---\nid: x\n", 1, "pas refermé"),
    ("---\nid: ../../etc/passwd\ntitle: t\nversion: 1\nroles: [patient_partner]\n---\n", 2,
     "identifiant « ../../etc/passwd » refusé"),
    ("---\nid: Modèle\ntitle: t\nversion: 1\nroles: [patient_partner]\n---\n", 2, "refusé"),
    ("---\nid: x\ntitle: t\nversion: un\nroles: [patient_partner]\n---\n", 4, "nombre entier"),
    ("---\nid: x\ntitle: t\nversion: 1\nroles: [docteur]\n---\n", 5, "valeur inconnue"),
    ("---\nid: x\ntitle: t\nversion: 1\nroles: [patient_partner]\nauteur: moi\n---\n", 6,
     "ligne d’en-tête inconnue"),
    ("---\nid: x\nversion: 1\nroles: [patient_partner]\n---\n", 1, "pas de « title: »"),
])
def test_a_bad_front_matter_is_refused_with_its_line(head, line, why):
    with pytest.raises(TemplateError) as refused:
        parse(head + "Texte\n")
    assert refused.value.line == line
    assert why in refused.value.message


def test_decode_refuses_what_is_not_utf8_or_too_big():
    with pytest.raises(TemplateError, match=r"modele.md, ligne 3 : le texte n’est pas en UTF-8"):
        decode(b"---\nid: x\ntitle: caf\xe9\n", "modele.md")
    with pytest.raises(TemplateError, match="trop volumineux"):
        decode(b"x" * (MAX_TEMPLATE_BYTES + 1))
    assert decode("\ufeffa\r\nb".encode()) == "a\nb"
