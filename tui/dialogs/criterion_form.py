"""A recruitment criterion of the team: its wording, whether it is a deal-breaker, its role."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store.committee_models import USER_ROLES
from comite.store.recruitment_models import Criterion, CriterionKind
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class CriterionForm(FormScreen[int | None]):
    """A criterion's kind and words; the role it is for is chosen when it is written."""

    def __init__(self, committee_id: int, criterion: Criterion | None = None) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.criterion = criterion

    def form_title(self) -> str:
        return _("Modifier le critère") if self.criterion else _("Nouveau critère")

    def fields(self) -> ComposeResult:
        c = self.criterion
        yield Field(_("Type *"), Select(CriterionKind.choices(), id="kind", allow_blank=False,
                                        value=(c.kind if c else CriterionKind.QUALITY).value))
        if c is None:
            yield Field(_("Pour le rôle"), Select([(r.label, r.value) for r in USER_ROLES],
                                                  id="role", prompt=_("— tous les rôles")))
        yield Field(_("Critère *"), Input(c.text if c else "", id="text",
                                          placeholder=_("ex. À l’écoute des autres usagers")))

    def submit(self, values: Mapping[str, object]) -> int:
        recruitment = self.app.store.recruitment
        if self.criterion:
            recruitment.update_criterion(self.criterion.id, str(values["kind"]), str(values["text"]))
            return self.criterion.id
        return recruitment.add_criterion(self.committee_id, str(values["kind"]), str(values["text"]),
                                         role=values["role"] or None).id
