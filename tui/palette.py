"""The command palette's global search: people (FTS5) and committees, opened on Enter."""

from functools import partial

from rich.text import Text
from textual.command import Hit, Hits, Provider

from comite.kernel.i18n import _
from comite.tui.messages import OpenCommittee, OpenPerson


class SearchProvider(Provider):
    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        store = self.app.store
        for committee in store.committees.find(query, limit=5):
            yield Hit(0.9, Text(_("Comité : {name} — {structure}").format(
                name=committee.name, structure=committee.structure_name)),
                partial(self._open_committee, committee.id), help=committee.kind.label)
        for row in store.people.page(query, limit=8).rows:
            yield Hit(0.8, Text(_("Personne : {name}").format(name=row.full_name)),
                      partial(self._open_person, row.id),
                      help=", ".join(role.label for role in row.roles) or None)

    def _open_committee(self, committee_id: int) -> None:
        self.app.post_message(OpenCommittee(committee_id))

    def _open_person(self, person_id: int) -> None:
        self.app.post_message(OpenPerson(person_id))
