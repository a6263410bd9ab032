"""The retention policy: how long personal data is kept after the last activity."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input

from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.store.privacy_models import RetentionPolicy
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class PolicyForm(FormScreen[RetentionPolicy | None]):
    TITLE_TEXT = _("Durées de conservation")

    def __init__(self, policy: RetentionPolicy) -> None:
        super().__init__()
        self.policy = policy

    def fields(self) -> ComposeResult:
        yield Field(_("Non retenue *"), Input(str(self.policy.not_retained_months),
                                              id="not_retained_months", placeholder=_("ex. 24")),
                    hint=_("mois pendant lesquels une candidature non retenue est gardée avant "
                           "d’être proposée à l’effacement (1 à 240)"))
        yield Field(_("Sans activité *"), Input(str(self.policy.inactive_months),
                                                id="inactive_months", placeholder=_("ex. 36")),
                    hint=_("mois sans activité après lesquels une personne est proposée à "
                           "l’examen (1 à 240)"))

    def submit(self, values: Mapping[str, object]) -> RetentionPolicy:
        months, errors = {}, {}
        for name in ("not_retained_months", "inactive_months"):
            text = str(values[name]).strip()
            if not text.isdigit() or not 1 <= int(text) <= 240:
                errors[name] = _("Un nombre de mois, de 1 à 240.")
            else:
                months[name] = int(text)
        if errors:
            raise ValidationError(errors)
        return self.app.store.privacy.set_policy(**months)
