"""Pure checks of what the coordinator types (store/validation.py)."""

from datetime import date

import pytest

from comite.store import validation as check
from comite.store.errors import ValidationError
from comite.store.validation import FieldError

# --- required / optional text ---------------------------------------------------------------


def test_required_collapses_whitespace():
    assert check.required("last_name", "  Le   Gall \t", "Le nom") == "Le Gall"


@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_required_refuses_blank(value):
    with pytest.raises(FieldError) as caught:
        check.required("last_name", value, "Le nom")
    assert caught.value.field == "last_name"
    assert caught.value.message == "Le nom est obligatoire."


def test_required_refuses_more_than_200_characters():
    assert len(check.required("name", "a" * 200, "Le nom")) == 200
    with pytest.raises(FieldError) as caught:
        check.required("name", "a" * 201, "Le nom")
    assert "trop long" in caught.value.message


def test_optional_text_strips_and_limits():
    assert check.optional_text("note", "  bonjour  ") == "bonjour"
    assert check.optional_text("note", "") == ""
    assert check.optional_text("note", "x" * 5000, limit=5000) == "x" * 5000
    with pytest.raises(FieldError) as caught:
        check.optional_text("note", "x" * 201)
    assert caught.value.field == "note"
    assert "caractères au plus" in caught.value.message


# --- e-mail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("   ", ""),
        ("camille.martin@example.org", "camille.martin@example.org"),
        ("  Camille.Martin@Example.ORG ", "Camille.Martin@example.org"),
        ("ru+cdu@ch-valmont.fr", "ru+cdu@ch-valmont.fr"),
        ("a@b.co", "a@b.co"),
        ("jean-luc.dupont@sous.domaine.example.org", "jean-luc.dupont@sous.domaine.example.org"),
    ],
)
def test_email_accepted(typed, stored):
    assert check.email("email", typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "camille", "camille@", "@example.org", "camille@example", "camille@@example.org",
        "camille martin@example.org", "camille..martin@example.org", "camille@example..org",
        "camille@-example.org", "camille@example.org>", "<camille@example.org>",
        "camille@exa mple.org", "a;b@example.org", "camille@example.org,autre@example.org",
        "x" * 250 + "@example.org",
    ],
)
def test_email_refused_in_french(typed):
    with pytest.raises(FieldError) as caught:
        check.email("email", typed)
    assert caught.value.field == "email"
    assert "n’est pas une adresse e-mail valide" in caught.value.message


# --- telephone ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("0612345678", "06 12 34 56 78"),
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        (" 01 99 00 12 34 ", "01 99 00 12 34"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33612345678", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ("+32 2 123 45 67", "+3221234567"),
        ("+1 (514) 555-0199", "+15145550199"),
        ("+590 690 12 34 56", "+590690123456"),
        ("0032 2 123 45 67", "+3221234567"),
    ],
)
def test_phone_normalised(typed, stored):
    assert check.phone("phone", typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "06 12 34 56", "06 12 34 56 78 9", "6 12 34 56 78", "12 34 56 78 90", "téléphone",
        "06 12 34 56 7a", "+", "+33", "+33 6 12", "+1 234", "06/12/34/56/78",
        "+" + "1" * 16,
    ],
)
def test_phone_refused_in_french(typed):
    with pytest.raises(FieldError) as caught:
        check.phone("phone", typed)
    assert caught.value.field == "phone"
    assert "n’est pas un numéro de téléphone valide" in caught.value.message


def test_french_number_with_too_many_digits_is_refused():
    """'+33' and 10 national digits is no French number, nor an international one.

    (Regression: it was accepted as '+336123456789'.)"""
    with pytest.raises(FieldError):
        check.phone("phone", "+33 6 12 34 56 78 9")


def test_national_number_starting_with_00_is_refused():
    """00 is the international prefix, not the start of a French number.

    (Regression: ten digits starting with 0 were enough.)"""
    with pytest.raises(FieldError):
        check.phone("phone", "00 12 34 56 78")


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("  ", None),
        ("15/03/2026", date(2026, 3, 15)),
        ("5/3/2026", date(2026, 3, 5)),
        ("15.03.2026", date(2026, 3, 15)),
        ("15-03-2026", date(2026, 3, 15)),
        ("2026-03-15", date(2026, 3, 15)),
        ("29/02/2024", date(2024, 2, 29)),
        (" 31/12/2026 ", date(2026, 12, 31)),
    ],
)
def test_dates_parsed(typed, expected):
    assert check.parse_date("mandate_start", typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2026", "29/02/2026", "32/01/2026", "15/13/2026",
                                   "2026-02-30", "00/01/2026"])
def test_impossible_dates_refused(typed):
    with pytest.raises(FieldError) as caught:
        check.parse_date("mandate_end", typed)
    assert caught.value.field == "mandate_end"
    assert "n’existe pas dans le calendrier" in caught.value.message


@pytest.mark.parametrize("typed", ["demain", "15/03/26", "2026/03/15", "2026-3-15", "15 mars 2026",
                                   "15/03/2026 10:00", "03-15"])
def test_malformed_dates_refused(typed):
    with pytest.raises(FieldError) as caught:
        check.parse_date("mandate_start", typed)
    assert "écrivez JJ/MM/AAAA" in caught.value.message


def test_mandate_end_before_start():
    check.mandate("mandate_end", date(2026, 1, 1), date(2026, 1, 1))
    check.mandate("mandate_end", None, date(2020, 1, 1))
    check.mandate("mandate_end", date(2026, 1, 1), None)
    with pytest.raises(FieldError) as caught:
        check.mandate("mandate_end", date(2026, 1, 2), date(2026, 1, 1))
    assert caught.value.field == "mandate_end"
    assert "avant son début" in caught.value.message


# --- sort key -------------------------------------------------------------------------------


def test_sort_key_ignores_case_and_accents():
    assert check.sort_key("Élie", "Zoé") == check.sort_key("elie", "ZOE") == "elie zoe"
    assert check.sort_key("Lefèvre", "Hélène") == "lefevre helene"
    assert check.sort_key("Straße", "") == check.sort_key("STRASSE", "")


def test_sort_key_orders_like_a_french_directory():
    names = [("Zola", "Émile"), ("Émery", "Jean"), ("durand", "Léa"), ("Dupont", "Marc"),
             ("Martinez", "Ana"), ("Martin", "Zoé"), ("Éluard", "Paul")]
    ordered = sorted(names, key=lambda n: check.sort_key(*n))
    assert ordered == [("Dupont", "Marc"), ("durand", "Léa"), ("Éluard", "Paul"),
                       ("Émery", "Jean"), ("Martin", "Zoé"), ("Martinez", "Ana"),
                       ("Zola", "Émile")]


def test_sort_key_puts_orsted_near_the_o():
    """Ø, Œ, Æ have no NFKD decomposition; they must still sort with their letters.

    (Regression: 'ørsted' sorted after every name in Z.)"""
    names = ["Zola", "Ørsted", "Orsini", "Osborne", "Œillet"]
    ordered = sorted(names, key=lambda n: check.sort_key(n, ""))
    assert ordered.index("Orsini") < ordered.index("Ørsted") < ordered.index("Osborne")
    assert ordered[-1] == "Zola"


# --- collect --------------------------------------------------------------------------------


def test_collect_returns_values_in_order():
    assert check.collect(lambda: 1, lambda: "deux", lambda: None) == [1, "deux", None]


def test_collect_gathers_every_field_error_at_once():
    with pytest.raises(ValidationError) as caught:
        check.collect(
            lambda: check.required("last_name", "", "Le nom"),
            lambda: check.email("email", "pas-une-adresse"),
            lambda: "ok",
            lambda: check.phone("phone", "123"),
            lambda: check.parse_date("mandate_end", "31/02/2026"),
        )
    error = caught.value
    assert set(error.errors) == {"last_name", "email", "phone", "mandate_end"}
    assert error.exit_code == 2
    assert "obligatoire" in error.errors["last_name"]
    assert "calendrier" in error.errors["mandate_end"]
    for message in error.errors.values():  # the message says it all, in one sentence each
        assert message in error.message


def test_collect_keeps_the_first_message_of_a_field():
    with pytest.raises(ValidationError) as caught:
        check.collect(
            lambda: check.required("name", "", "Le nom"),
            lambda: check.required("name", "x" * 300, "Le nom"),
        )
    assert caught.value.errors == {"name": "Le nom est obligatoire."}
