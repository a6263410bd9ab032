"""Actions on a person that leave the page: the access export, the erasure, the deletion —
each confirmed first, run in a worker, told in a toast."""

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen

from comite.kernel.errors import system_reason
from comite.kernel.grammar import de, gendered
from comite.kernel.i18n import _
from comite.store.audit_models import AuditEntry
from comite.store.errors import NotFound, StoreError
from comite.tui.wording import erasure_message, finished_erasure_message, leftover_lines
from comite.tui.workers import run_in_thread


def run_export(screen: Screen, person_id: int, include_health: bool) -> None:
    """Write the access report off the UI thread; a toast names the folder."""
    app = screen.app
    store, settings, today = app.store, app.settings, app.today

    def work():
        from comite.usecases.privacy import export_access

        return export_access(store, settings, person_id, None, include_health, today)

    def exported(written) -> None:
        app.notify(_("Droit d’accès : le JSON et le PDF lisible sont écrits dans {folder} "
                     "({name}.*).").format(folder=written.json_path.parent,
                                           name=written.json_path.stem), timeout=12)
        if screen.is_attached:
            reload = getattr(screen, "reload", None)
            if reload:
                reload()  # the export is in the journal

    app.notify(_("Export des données en cours…"))
    run_in_thread(screen, work, done=exported, refusal=StoreError, group="privacy-export",
                  failed=lambda message: app.notify(message, severity="error", timeout=10),
                  unwritable=lambda error: _("L’export n’a pas pu être écrit : {why}").format(
                      why=system_reason(error)))


def confirm_erasure(screen: Screen, person_id: int, after: Callable[[object], None]) -> None:
    """Say exactly what goes, that it is final; then erase off the UI thread, and report."""
    store = screen.app.store
    try:
        person = store.people.get(person_id)
    except NotFound as error:
        screen.notify(error.message, severity="warning")
        return
    seats = len(store.memberships.of_person(person_id))
    charters = len(store.charters.of_person(person_id))
    trainings = len(store.trainings.of_person(person_id))
    candidacies = len(store.recruitment.of_person(person_id))
    expenses = store.expenses.count_of(person_id)
    lines = [
        _("Tout ce que comite garde sur {name} sera effacé : fiche, coordonnées, profil, accords, "
          "note de santé, candidatures ({candidacies}), formations ({trainings}) et attestations, "
          "sièges ({seats}), chartes ({charters}) avec PDF et scans, frais ({expenses}) et "
          "justificatifs, participations aux actions, invitations et réponses.").format(
              name=person.full_name, candidacies=candidacies, trainings=trainings, seats=seats,
              charters=charters, expenses=expenses),
        _("Ailleurs (comptes rendus, conclusions…), ses nom, e-mail et téléphone deviennent "
          "« [personne effacée] » ; le journal ne garde qu’un numéro."),
        _("Les documents déjà écrits qui la citent seront listés, à refaire."),
        _("C’est définitif. Pour un simple départ du comité, retirez plutôt son siège."),
    ]
    from comite.tui.dialogs.confirm import ConfirmScreen

    ConfirmScreen.ask(screen.app,
                      _("Effacer {name} (droit à l’effacement) ?").format(name=person.full_name),
                      lines, confirm=_("Effacer définitivement"),
                      then=lambda: run_erasure(screen, person_id, after))


def run_erasure(screen: Screen, person_id: int, after: Callable[[object], None]) -> None:
    app = screen.app
    store, settings = app.store, app.settings

    def work():
        from comite.usecases.privacy import erase_person

        return erase_person(store, settings, person_id)

    def erased(summary) -> None:
        app.notify(erasure_message(summary), timeout=15,
                   severity="warning" if summary.not_removed or not summary.log_emptied
                   else "information")
        after(summary)
        if lines := leftover_lines(summary):
            from comite.tui.dialogs.info import InfoScreen

            app.push_screen(InfoScreen(_("Effacement {of_name} : ce qui reste à faire").format(
                of_name=de(summary.name)), lines))

    app.notify(_("Effacement en cours…"))
    run_in_thread(
        screen, work, group="privacy-erase", refusal=StoreError,
        unwritable=lambda error: _("L’effacement n’a pas pu aller au bout : {why}. Si la "
                                   "fiche est encore là, recommencez ; sinon, ses fichiers "
                                   "seront balayés au prochain démarrage de comite.").format(
            why=system_reason(error)),
        unexpected=_("L’effacement a été interrompu par une erreur inattendue (notée dans le "
                     "journal). Rouvrez la fiche : si la personne y est encore, rien n’a été "
                     "effacé ; recommencez. Sinon, ses fichiers seront balayés au prochain "
                     "démarrage de comite."),
        done=erased, failed=lambda message: app.notify(message, severity="error", timeout=12))


def finish_erasures(app: App) -> None:
    """At start: an erasure stopped after the database part (a kill, a power cut) has its files
    swept in a thread (a cheap query when there is none); what was done, and the shared
    documents to make again, are told."""
    store, settings = app.store, app.settings

    def work() -> list:
        if not store.erasures_pending():
            return []
        from comite.usecases.privacy import finish_erasures as finish

        return finish(store, settings)

    def finished(summaries: list) -> None:
        for summary in summaries:
            app.notify(finished_erasure_message(summary), timeout=15, severity="warning")
        told = [(summary, lines) for summary in summaries if (lines := leftover_lines(summary))]
        if not told:
            return
        from comite.tui.dialogs.info import InfoScreen

        if len(told) == 1:
            title = _("Effacement interrompu {of_name}, terminé au démarrage : ce qui reste à "
                      "faire").format(of_name=de(told[0][0].name))
            lines = told[0][1]
        else:
            title = _("Effacements interrompus, terminés au démarrage : ce qui reste à faire")
            lines = [line for summary, some in told
                     for line in (_("{name} :").format(name=summary.name[:1].upper() + summary.name[1:]),
                                  *some)]
        app.push_screen(InfoScreen(title, lines))

    run_in_thread(app, work, done=finished, group="erasures-finished", refusal=StoreError,
                  unwritable=lambda error: _("Un effacement interrompu n’a pas pu être terminé : "
                                             "{why}. Il le sera au prochain démarrage.").format(
                      why=system_reason(error)),
                  unexpected=_("Un effacement interrompu n’a pas pu être terminé (erreur notée "
                               "dans le journal) ; il le sera au prochain démarrage."),
                  failed=lambda message: app.notify(message, severity="error", timeout=15))


def person_journal(store, person_id: int) -> list[AuditEntry]:
    """The audit entries of the person's record and what hangs on it, the newest first."""
    return store.privacy.journal(person_id)


def confirm_deletion(screen: Screen, person_id: int, after: Callable[[], object]) -> None:
    """Say what goes with the person, then delete only if the coordinator confirms."""
    from comite.tui.dialogs.confirm import ConfirmScreen

    store = screen.app.store
    impact = store.people.deletion_impact(person_id)
    name, gender = impact.person.full_name, impact.person.gender
    lines = [_("Sa fiche, ses coordonnées, ses rôles et sa note seront effacés.")]
    if impact.memberships:
        lines.append(gendered(_("Il ou elle sera retiré(e) de : {committees}."), gender).format(
            committees=", ".join(m.committee_name for m in impact.memberships)))
    if impact.substitutes_left_without_titular:
        lines.append(_("Ses suppléant(e)s resteront sans titulaire : {names}.").format(
            names=", ".join(m.person_name for m in impact.substitutes_left_without_titular)))
    lines.append(_("Cette suppression est définitive."))

    def delete() -> None:
        store.people.delete(person_id)
        screen.notify(gendered(_("{name} a été supprimé(e)."), gender).format(name=name))
        after()

    ConfirmScreen.ask(screen.app, _("Supprimer {name} ?").format(name=name), lines,
                      confirm=_("Supprimer définitivement"), then=delete)
