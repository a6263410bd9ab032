"""The sentences a person agrees to, one per purpose. A consent records the version and the
exact text it was given on: change a text by adding a new version, never by editing one."""

from comite.kernel.i18n import _
from comite.store.privacy_models import ConsentText, Purpose

_TEXTS: dict[Purpose, tuple[str, str]] = {
    Purpose.CONTACT: ("2026-1", _(
        "J’accepte que la structure garde mon nom et mes coordonnées pour me recontacter au "
        "sujet de la participation des usagers (comité, groupes de travail, projets). Je peux "
        "retirer cet accord à tout moment ; mes coordonnées sont alors effacées.")),
    Purpose.MEMBERSHIP: ("2026-1", _(
        "J’accepte de participer au comité et que mon nom figure sur la liste de ses membres, "
        "les convocations et les comptes rendus. Je peux retirer cet accord à tout moment et "
        "quitter le comité.")),
    Purpose.HEALTH: ("2026-1", _(
        "J’accepte que la structure note, en quelques mots, l’expérience de santé qui fonde ma "
        "participation (ma maladie ou celle d’un proche que j’accompagne). Cette note n’est "
        "visible que par la coordination, sur demande, et ne sort dans aucun document sans mon "
        "accord. Je peux retirer cet accord à tout moment ; la note est alors effacée.")),
    Purpose.PHOTO: ("2026-1", _(
        "J’accepte d’être photographié(e) ou filmé(e) lors des activités du comité et que ces "
        "images servent à présenter le comité (affiches, site, rapport d’activité), sans "
        "mention de ma santé. Je peux retirer cet accord à tout moment pour les usages à "
        "venir.")),
}


def current(purpose: Purpose) -> ConsentText:
    version, text = _TEXTS[Purpose(purpose)]
    return ConsentText(purpose=Purpose(purpose), version=version, text=text)
