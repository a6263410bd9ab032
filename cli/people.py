"""A person named on the command line by their number, for every command that takes one."""

from comite.kernel.i18n import _
from comite.store import NotFound, Store


def person_by_number(store: Store, number: str) -> tuple[int, str]:
    """(id, full name) of person n° `number`; NotFound, in French, when there is none."""
    try:
        person = store.people.get(int(number))
    except NotFound:
        raise NotFound(_("Aucune personne n° {n} (voir « comite ls people »).").format(
            n=number[:12])) from None
    return person.id, person.full_name
