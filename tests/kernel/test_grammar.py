"""The French helper, as whole phrases read: each row is what a sentence must say."""

import pytest

from comite.kernel.grammar import article, de, gender_of, gendered, likely_article, of_the, the, to_the
from comite.kernel.plural import count

PHRASES = [
    # de / d’ before a name
    (lambda: f"Candidature {de('Amélie Roux')} notée", "Candidature d’Amélie Roux notée"),
    (lambda: f"Avis {de('Martine')}", "Avis de Martine"),
    (lambda: f"Charte {de('Élise Petit')}", "Charte d’Élise Petit"),
    (lambda: f"Siège {de('Ophélie')}", "Siège d’Ophélie"),
    (lambda: f"Avis {de('Ugo')}", "Avis d’Ugo"),
    (lambda: f"Avis {de('Îris')}", "Avis d’Îris"),
    (lambda: f"Avis {de('Hélène Morel')}", "Avis d’Hélène Morel"),
    (lambda: f"Avis {de('Hugo')}", "Avis d’Hugo"),
    (lambda: f"Avis {de('Yves Leroy')}", "Avis d’Yves Leroy"),
    (lambda: f"Avis {de('Yann Kerbrat')}", "Avis de Yann Kerbrat"),
    (lambda: f"Avis {de('Zoé')}", "Avis de Zoé"),
    (lambda: f"la fiche {de('« Atelier »')}", "la fiche de « Atelier »"),
    (lambda: f"un retard {de('8 jours')}", "un retard de 8 jours"),
    (lambda: f"une question {de('handicap')}", "une question de handicap"),
    (lambda: f"un programme {de('hôpital de jour')}", "un programme d’hôpital de jour"),
    (lambda: f"les données {de('ESP Les Tilleuls')}", "les données d’ESP Les Tilleuls"),
    (lambda: f"les données {de('MSP Nord')}", "les données de MSP Nord"),
    (lambda: f"les patients {de('Les Tilleuls')}", "les patients des Tilleuls"),
    (lambda: f"le port {de('Le Havre')}", "le port du Havre"),
    (lambda: f"l’heure {de('La Réunion')}", "l’heure de La Réunion"),
    (lambda: f"l’heure {de('Anchorage')}", "l’heure d’Anchorage"),
    (lambda: f"Bienvenue {to_the('', 'Les Tilleuls')}", "Bienvenue aux Tilleuls"),
    (lambda: f"Bienvenue {to_the('', 'Le Havre')}", "Bienvenue au Havre"),
    # le / la / l’ / les
    (lambda: the(article("MSP", feminine=True), "MSP du Vieux Port"), "la MSP du Vieux Port"),
    (lambda: the(article("Centre"), "Centre de santé"), "le Centre de santé"),
    (lambda: the(article("Association", feminine=True), "Association des aidants"),
     "l’Association des aidants"),
    (lambda: the(article("hôpital"), "hôpital"), "l’hôpital"),
    (lambda: the(article("handicap"), "handicap"), "le handicap"),
    (lambda: the(article("Tilleuls", plural=True), "Tilleuls"), "les Tilleuls"),
    (lambda: the("", "Les Mimosas"), "Les Mimosas"),
    # du / de la / de l’ / des
    (lambda: f"le rapport {of_the('le', 'Centre hospitalier de Valmont')}",
     "le rapport du Centre hospitalier de Valmont"),
    (lambda: f"les membres {of_the('la', 'MSP du Vieux Port')}", "les membres de la MSP du Vieux Port"),
    (lambda: f"le bureau {of_the('l’', 'Établissement Sainte-Anne')}",
     "le bureau de l’Établissement Sainte-Anne"),
    (lambda: f"la salle {of_the('les', 'Tilleuls')}", "la salle des Tilleuls"),
    (lambda: f"la salle {of_the('', 'Amélie')}", "la salle d’Amélie"),
    # au / à la / à l’ / aux
    (lambda: f"Bienvenue {to_the('la', 'Commission des usagers')}",
     "Bienvenue à la Commission des usagers"),
    (lambda: f"Bienvenue {to_the('le', 'Comité des usagers')}", "Bienvenue au Comité des usagers"),
    (lambda: f"Bienvenue {to_the('l’', 'Association des aidants')}",
     "Bienvenue à l’Association des aidants"),
    (lambda: f"Bienvenue {to_the('les', 'Ateliers du jeudi')}", "Bienvenue aux Ateliers du jeudi"),
    (lambda: f"Bienvenue {to_the('', 'Martine')}", "Bienvenue à Martine"),
    # agreement
    (lambda: gendered("Léa est excusé(e)", "f"), "Léa est excusée"),
    (lambda: gendered("Paul est excusé(e)", "m"), "Paul est excusé"),
    (lambda: gendered("Camille est excusé(e)", None), "Camille est excusé(e)"),
    (lambda: gendered("Léa, membre", "f"), "Léa, membre"),
    (lambda: gendered("Léa est actif(ve) : il ou elle siégeait déjà", "f"),
     "Léa est active : elle siégeait déjà"),
    (lambda: gendered("Paul est actif(ve) : il ou elle siégeait déjà", "m"),
     "Paul est actif : il siégeait déjà"),
    (lambda: gendered("Il ou elle sera retiré(e) du comité.", "f"), "Elle sera retirée du comité."),
    (lambda: gendered("Médiateur(rice), pharmacien(ne)", "f"), "Médiatrice, pharmacienne"),
    (lambda: gendered("Médiateur(rice), pharmacien(ne)", "m"), "Médiateur, pharmacien"),
    (lambda: gendered("Professionnel(le) de santé", "f"), "Professionnelle de santé"),
    (lambda: gendered("Professionnel(le) de santé", "m"), "Professionnel de santé"),
    (lambda: gendered("Ce(tte) titulaire, un(e) suppléant(e)", "f"), "Cette titulaire, une suppléante"),
    (lambda: gendered("Ce(tte) titulaire, un(e) suppléant(e)", "m"), "Ce titulaire, un suppléant"),
    (lambda: gendered("Vous êtes invité(e)s", "f"), "Vous êtes invitées"),
    (lambda: gendered("Né(e) en 1958", "m"), "Né en 1958"),
    # singular / plural with the count rule
    (lambda: f"{count(0, 'champ signalé', 'champs signalés')}", "0 champ signalé"),
    (lambda: f"{count(2, 'personne excusée', 'personnes excusées')}", "2 personnes excusées"),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[e for _, e in PHRASES])
def test_phrase_reads_right(phrase, expected):
    assert phrase() == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("MSP du Vieux Port", "la"), ("Maison de santé des Lilas", "la"), ("Centre de santé", "le"),
    ("Groupe de travail ETP", "le"), ("Association des aidants", "l’"),
    ("Établissement Sainte-Anne", "l’"), ("Commission des usagers", "la"),
    ("Comité des usagers", "le"), ("ESP Les Tilleuls", "l’"), ("", "le"), ("Cabinet Dupont", "le"),
])
def test_likely_article_from_the_first_word(name, expected):
    assert likely_article(name) == expected


@pytest.mark.parametrize(("sex", "expected"), [
    ("female", "Léa est excusée"), ("male", "Léa est excusé"), ("other", "Léa est excusé(e)"),
    ("", "Léa est excusé(e)")])
def test_a_recorded_sex_gives_the_agreement(sex, expected):
    assert gendered("Léa est excusé(e)", gender_of(sex)) == expected
