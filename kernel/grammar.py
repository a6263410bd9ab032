"""How a name or a word joins a French sentence: elision (« d’Amélie », « l’Association »), the
articles and their contractions (« du Centre », « à la Commission », « aux … »), and the « e »
of agreement when the gender is known (« excusée ») or not (« excusé(e) »): `gendered`.

Counts stay in `comite.kernel.plural` (one rule for 0 and 1); this module does the rest of
what a sentence needs around a name. The apostrophe is the typographic one (’), as
everywhere else in the app.
"""

import re
import unicodedata
from typing import Literal

APOSTROPHE = "’"

# The articles a structure or a committee may take: what the store keeps, what a form offers.
ARTICLES = ("le", "la", "l’", "les")
Article = Literal["le", "la", "l’", "les"]
# Known gender of a person or a noun; None when nobody said it.
Gender = Literal["f", "m"] | None

_VOWELS = set("aeiouy")
# Common words whose h is « aspiré »: no elision before them (« le handicap », « de haut »).
# Names are another matter: see `elides`.
_ASPIRATED_H = {"haut", "haute", "hauteur", "hasard", "hall", "halte", "handicap", "hausse",
                "héros", "hiérarchie", "honte", "hors", "huit", "hameau", "hangar", "hêtre"}
# Of + article, to + article: the contractions French writes in one word.
_OF = {"le": "du ", "la": "de la ", "l’": "de l’", "les": "des "}
_TO = {"le": "au ", "la": "à la ", "l’": "à l’", "les": "aux "}


def _bare(letter: str) -> str:
    """The letter without its accent: « É » → « e », « Î » → « i »."""
    return unicodedata.normalize("NFD", letter)[0].lower()


def elides(word: str) -> bool:
    """Whether « de », « le », « la », « que » lose their vowel before `word`.

    On the written first letter: a vowel, accented or not (« d’Élise », « d’Ophélie »).
    Before an h, names elide: French first names nearly all have a mute h (« d’Hélène »,
    « d’Hugo », « d’Hervé »), and the coordinator has nowhere to say otherwise; common words
    elide too except the few with an aspirated h (« le handicap »). A y elides before a
    consonant (« d’Yves ») but not before a vowel, where it is sounded (« de Yann »). Acronyms
    follow their written letter (« de MSP », « d’ESP »), as French writes them.
    """
    word = word.lstrip()
    if not word or not word[0].isalpha():
        return False
    first = _bare(word[0])
    if first == "h":
        return word.split()[0].lower().rstrip(",.;:") not in _ASPIRATED_H
    if first == "y":
        return len(word) > 1 and word[1].isalpha() and _bare(word[1]) not in _VOWELS
    return first in _VOWELS


def de(name: str) -> str:
    """« de Martine », « d’Amélie Roux »: the preposition before a name or a word with no
    article; a place whose name holds « Le » or « Les » contracts with it (« du Havre », « des
    Tilleuls »), « La » and « L’ » do not (« de La Réunion »)."""
    contracted = _contracted(name, _OF)
    if contracted:
        return contracted
    return f"d{APOSTROPHE}{name}" if elides(name) else f"de {name}"


def _contracted(name: str, forms: dict[str, str]) -> str:
    """« Les Tilleuls » after « de » or « à »: « des Tilleuls », « aux Tilleuls »; '' when the
    name does not start with « Le » or « Les »."""
    first, _, rest = name.partition(" ")
    if rest and first in ("Le", "Les"):
        return forms[first.lower()] + rest
    return ""


def article(word: str, *, feminine: bool = False, plural: bool = False) -> Article:
    """The definite article `word` takes: « les » in the plural, « l’ » before a vowel, else
    « la » or « le » by its gender."""
    if plural:
        return "les"
    if elides(word):
        return "l’"
    return "la" if feminine else "le"


def the(article_: str, name: str) -> str:
    """« la MSP du Vieux Port », « l’Association des aidants »: the name after its article
    (none when the article is empty: a name given as it must be written)."""
    if not article_:
        return name
    return f"{article_}{name}" if article_ == "l’" else f"{article_} {name}"


def of_the(article_: str, name: str) -> str:
    """« du Centre hospitalier », « de la MSP », « de l’Association », « des … »: « de » and
    the article in one; « de »/« d’ » alone when the name has no article."""
    if article_ not in _OF:
        return de(name)
    return _OF[article_] + name


def to_the(article_: str, name: str) -> str:
    """« au Comité », « à la Commission des usagers », « à l’Établissement », « aux … »."""
    if article_ not in _TO:
        return _contracted(name, _TO) or f"à {name}"
    return _TO[article_] + name


def gender_of(sex: str) -> Gender:
    """The gender a sentence about a person agrees with, from their recorded sex (the store's
    values 'female', 'male', 'other', ''): none for « autre » or when nothing was said."""
    return {"female": "f", "male": "m"}.get(sex)


# Inclusive endings as the app writes them when the gender is not known, and what each becomes
# once it is: « médiateur(rice) », « actif(ve) », « pharmacien(ne) », « professionnel(le) »,
# « Ce(tte) », « excusé(e)s », « il ou elle ».
_INCLUSIVE = (
    (re.compile(r"teur\(rice\)"), "trice", "teur"),
    (re.compile(r"f\(ve\)"), "ve", "f"),
    (re.compile(r"\((ne|tte|le|e)\)"), r"\1", ""),
    (re.compile(r"\b(i)l ou elle\b"), "elle", r"\1l"),
    (re.compile(r"\b(I)l ou elle\b"), "Elle", r"\1l"),
)


def gendered(text: str, gender: Gender) -> str:
    """`text` about one person, its inclusive endings agreed with their gender: « Léa est
    excusée », « Paul est actif : il siège… »; unchanged when the gender is not known
    (« excusé(e) »). Only for words about that person: « son ou sa titulaire » depends on
    someone else and is left as written."""
    if gender is None:
        return text
    for pattern, feminine, masculine in _INCLUSIVE:
        text = pattern.sub(feminine if gender == "f" else masculine, text)
    return text


# The article a name most likely takes, from its first word: a prefill the coordinator can
# change (a structure's own name may read otherwise).
_FIRST_WORD: dict[str, Article] = {
    "msp": "la", "maison": "la", "commission": "la", "cdu": "la", "cpts": "la", "clinique": "la",
    "fédération": "la", "centre": "le", "cds": "le", "groupe": "le", "comité": "le",
    "copil": "le", "programme": "le", "pôle": "le", "réseau": "le", "cabinet": "le",
    "conseil": "le", "collectif": "le"}


def likely_article(name: str) -> Article:
    """« la » for « MSP du Vieux Port », « le » for « Centre de santé », « l’ » for a name that
    starts with a vowel (« Association… », « Établissement… »); « le » when nothing says."""
    words = name.split()
    if not words:
        return "le"
    known = _FIRST_WORD.get(words[0].lower())
    if known is not None:
        return known
    return "l’" if elides(name) else "le"
