"""Intents a page posts for the app to carry out. Opening a person's or a committee's page goes
through the app, which alone imports those pages: pages that open each other (a committee and
its members) then never import each other."""

from textual.message import Message


class OpenPerson(Message):
    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id


class OpenCommittee(Message):
    def __init__(self, committee_id: int) -> None:
        super().__init__()
        self.committee_id = committee_id
