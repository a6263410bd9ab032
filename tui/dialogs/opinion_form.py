"""A team member's opinion on a candidacy: who gives it (a member of the committee, or anyone
found by name), favourable, reserved or unfavourable, and why. One per person: giving it
again replaces it."""

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select, TextArea

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.recruitment_models import Candidate, Opinion, OpinionKind
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.tui.widgets.person_picker import PersonPicker


class OpinionForm(FormScreen[Opinion | None]):
    def __init__(self, candidate: Candidate, opinion: Opinion | None = None) -> None:
        super().__init__()
        self.candidate = candidate
        self.opinion = opinion

    def form_title(self) -> str:
        return _("Avis sur la candidature {of_name}").format(of_name=de(self.candidate.person_name))

    def fields(self) -> ComposeResult:
        o = self.opinion
        yield Field(_("Qui *"), Select(self._team(), id="author_id",
                                       prompt=_("— un membre du comité"),
                                       value=o.author_id if o else Select.NULL),
                    hint=_("Quelqu’un d’autre ? Cherchez-le ci-dessous."))
        yield Field(_("… ou"), PersonPicker(id="other_author"))
        yield Field(_("Avis *"), Select(OpinionKind.choices(), id="opinion", prompt=_("— choisir"),
                                        value=o.opinion.value if o else Select.NULL))
        yield Field(_("Pourquoi"), TextArea(o.comment if o else "", id="comment"),
                    hint=_("quelques mots, relus par l’équipe au moment de décider"))

    def _team(self) -> list[tuple[Text, int]]:
        """The committee's members and the coordinator of its structure (the candidate aside),
        and the author being edited."""
        store, c = self.app.store, self.candidate
        members = store.memberships.of_committee(c.committee_id) if c.committee_id else []
        people = [(m.person_id, m.person_name) for m in members]
        if c.committee_id and (coordinator := store.structures.committee_coordinator(c.committee_id)):
            people.append((coordinator.person_id, coordinator.name))
        team: dict[int, str] = {}
        for person_id, name in people:
            if person_id != c.person_id:
                team.setdefault(person_id, name)
        if self.opinion and self.opinion.author_id not in team:
            team[self.opinion.author_id] = self.opinion.author_name
        return [(Text(name), person_id) for person_id, name in team.items()]

    def submit(self, values: Mapping[str, object]) -> Opinion:
        def author() -> int:
            member, other = values["author_id"], values["other_author"]
            if member and other and member != other:
                raise check.FieldError("other_author", _(
                    "Deux personnes sont choisies : gardez le membre du comité ou la personne "
                    "cherchée, pas les deux."))
            if not (member or other):
                raise check.FieldError("author_id", _(
                    "Qui donne cet avis ? Choisissez un membre du comité ou cherchez la "
                    "personne."))
            return int(other or member)

        def kind() -> str:
            if not values["opinion"]:
                raise check.FieldError("opinion", _("Favorable, réservé ou défavorable ?"))
            return str(values["opinion"])

        author_id, opinion = check.collect(author, kind)
        return self.app.store.recruitment.give_opinion(
            self.candidate.id, author_id, opinion, str(values["comment"]), self.app.today)
