"""Create or edit a committee: its structure, name, kind, a free description, and what its
suppléant(e)s are told about coming."""

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store.committee_models import Committee, CommitteeKind
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.article_select import ARTICLE_HINT, ArticleSelect
from comite.tui.widgets.field import Field


class CommitteeForm(FormScreen[Committee | None]):
    def __init__(self, committee: Committee | None = None, structure_id: int | None = None) -> None:
        super().__init__()
        self.committee = committee
        self.structure_id = committee.structure_id if committee else structure_id

    def form_title(self) -> str:
        return _("Modifier le comité") if self.committee else _("Nouveau comité")

    def fields(self) -> ComposeResult:
        c = self.committee
        structures = self.app.store.structures.all()
        choices = [(Text(s.name), s.id) for s in structures]
        default = self.structure_id or (structures[0].id if len(structures) == 1 else None)
        yield Field(_("Structure *"), Select(choices, id="structure_id", prompt=_("Choisir…"),
                                             value=default if default else Select.NULL))
        yield Field(_("Nom *"), Input(c.name if c else "", id="name",
                                      placeholder=_("ex. Comité des usagers")))
        yield Field(_("Article"), ArticleSelect(c.article if c else "le", c.name if c else ""),
                    hint=ARTICLE_HINT)
        yield Field(_("Type *"), Select(CommitteeKind.choices(), id="kind", prompt=_("Choisir…"),
                                        value=c.kind.value if c else CommitteeKind.USERS_COMMITTEE.value))
        yield Field(_("Description"), TextArea(c.description if c else "", id="description"))
        yield Field(_("Consigne aux suppléant(e)s"),
                    Input(c.substitute_rule if c else "", id="substitute_rule",
                          placeholder=_("ex. Venez à chaque réunion, même si votre titulaire vient")),
                    hint=_("dans chaque invitation d’un(e) suppléant(e) ; vide : « Venez si "
                           "[titulaire] ne peut pas venir : il ou elle vous préviendra »"))

    @on(Input.Changed, "#name")
    def _named(self, event: Input.Changed) -> None:
        self.query_one(ArticleSelect).follow(event.value)

    def submit(self, values: Mapping[str, object]) -> Committee:
        service = self.app.store.committees
        args = (values["structure_id"], str(values["name"]), values["kind"] or "",
                str(values["description"]))
        kept = {"article": str(values["article"]), "substitute_rule": str(values["substitute_rule"])}
        if self.committee:
            return service.update(self.committee.id, *args, **kept)
        return service.create(*args, **kept)
