"""The shared calendar and the committees' feeds while the app is open: looked at every few
seconds (a cheap fingerprint of the meetings), published in a worker when something changed or
waits to be sent; the count of what waits in the section bar (« 📅 2 en attente ») while the
server cannot be reached, never an error dialog; a colleague's change said once."""

from textual.app import App

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.tui.workers import run_in_thread

CHECK_EVERY_S = 3.0
RETRY_EVERY_S = 60.0  # while the server cannot be reached


class CalendarKeeper:
    """One per app; `start()` after the settings are known, again when they change."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._seen = ""  # the meetings' fingerprint at the last publication that went through
        self._busy = False
        self._waiting = 0.0  # seconds since the last failed try
        self._said: set[str] = set()  # conflicts and refusals already told
        self._failed = False  # the last try did not go through: tried again now and then
        self._timer = None

    def start(self) -> None:
        self.stop()
        from comite.usecases.settings import calendar_feed_folder, calendar_wanted

        settings = self.app.settings
        self._seen, self._waiting, self._failed = "", 0.0, False
        if self.app.example_open or not (calendar_wanted(settings)
                                         or calendar_feed_folder(settings)):
            self.app.calendar_status = ""
            return
        self._timer = self.app.set_interval(CHECK_EVERY_S, self.check)
        self.check()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def check(self) -> None:
        if self._busy:
            return
        current = self.app.store.calendar.fingerprint()
        if current == self._seen:
            if not self._failed:
                return
            self._waiting += CHECK_EVERY_S
            if self._waiting < RETRY_EVERY_S:
                return
        self._publish(current)

    def _publish(self, fingerprint: str) -> None:
        store, settings = self.app.store, self.app.settings
        self._busy, self._waiting = True, 0.0

        def done(outcome: tuple) -> None:
            publication, refusal, status = outcome
            self._busy, self._seen = False, fingerprint
            self._failed = status.startswith("📅") and publication is None
            self.app.calendar_status = status
            if refusal:  # offline is only a state; a refusal needs the coordinator
                self._tell(refusal, "warning")
            for sentence in (publication.conflicts if publication else []):
                if sentence not in self._said:
                    self.app.refresh_section()  # the meeting's page says it too
                self._tell(sentence, "warning")

        def failed(message: str) -> None:  # this machine's fault (the feed's folder, the base)
            self._busy, self._seen, self._failed = False, fingerprint, True
            self.app.calendar_status = _("📅 en pause")
            self._tell(_("Agenda partagé : {message}").format(message=message), "error")

        run_in_thread(self.app, lambda: _published(store, settings), done=done, failed=failed,
                      group="shared-calendar")

    def publish_now(self) -> None:
        """Publish at once, whatever the fingerprint says (the coordinator chose a version)."""
        if self._timer is not None and not self._busy:
            self._publish(self.app.store.calendar.fingerprint())

    def _tell(self, sentence: str, severity: str) -> None:
        if sentence in self._said:
            return
        self._said.add(sentence)
        self.app.notify(sentence, severity=severity, timeout=15)


def _published(store, settings) -> tuple:
    """On the worker's thread: (the publication or None, the server's refusal or '', the
    section bar's word)."""
    from comite.exports.caldav import CalendarRefused, CalendarUnreachable, Publisher
    from comite.usecases.shared_calendar import calendar_config, publish

    try:
        publication = publish(store, settings)
    except CalendarRefused as refused:
        return None, refused.message, _("📅 à régler (F2)")
    except CalendarUnreachable:
        waiting = Publisher(store, calendar_config(settings)).pending()
        return None, "", _("📅 {count} en attente").format(count=waiting)
    if publication is None or not publication.conflicts:
        return publication, "", ""
    return publication, "", "📅 " + plural.count(len(publication.conflicts), _("conflit"),
                                                 _("conflits"))


def conflict_of(app: App, meeting) -> str:
    """Why the meeting is no longer published (a colleague's change), or ''."""
    from comite.usecases.shared_calendar import calendar_config

    config = calendar_config(app.settings)
    if config is None:
        return ""
    row = app.store.calendar.published(config.url).get(meeting.uid)
    return row.conflict if row is not None else ""


def keep_ours(app: App, meeting) -> None:
    """After a colleague changed the meeting in the shared calendar: put comite's version back,
    once the coordinator agreed that the colleague's change is lost."""
    from comite.tui.dialogs.confirm import ConfirmScreen
    from comite.usecases.shared_calendar import calendar_config

    config = calendar_config(app.settings)
    if config is None or meeting is None:
        app.notify(_("Aucun agenda partagé n’est réglé (F2, « Agenda partagé (CalDAV) »)."))
        return
    row = app.store.calendar.published(config.url).get(meeting.uid)
    if row is None or not row.conflict:
        app.notify(_("« {title} » n’est en conflit avec aucune modification de l’agenda partagé : "
                     "rien à remettre.").format(title=meeting.title))
        return

    def replace() -> None:
        app.store.calendar.replace_theirs(config.url, meeting.uid)
        if app.calendar_keeper is not None:
            app.calendar_keeper.publish_now()
        app.refresh_section()
        app.notify(_("La version de comite de « {title} » part dans l’agenda partagé.").format(
            title=meeting.title))

    def keep_theirs() -> None:
        from comite.exports.caldav import digest

        app.store.calendar.accept_theirs(config.url, meeting.uid,
                                         digest(app.store.meetings.detail(meeting.id)) or "")
        app.calendar_status = ""
        app.refresh_section()
        app.notify(_("La version de l’agenda partagé est gardée ; le prochain changement de "
                     "« {title} » dans comite y sera publié.").format(title=meeting.title))

    ConfirmScreen.ask(app, _("Remettre la version de comite dans l’agenda partagé ?"),
                      [row.conflict, _("Oui : la modification faite dans l’agenda partagé est "
                                       "perdue. Non : elle est gardée, jusqu’au prochain "
                                       "changement de la réunion dans comite.")],
                      confirm=_("Remettre la version de comite"), cancel=_("Garder la leur"),
                      then=replace, cancelled=keep_theirs)
