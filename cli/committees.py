"""`comite ls committees` and `comite ls recommendations COMITE`: committees as rows (in JSON,
with what a CDU lacks and this year's meetings quarter by quarter), and the recommendations a
committee made in a year, for its annual report."""

import re
from datetime import date

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.committee_models import Committee, Structure
from comite.store.errors import NotFound, Refused
from comite.store.minutes_models import Conclusion
from comite.store.validation import fold

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def committee_rows(store: Store, archived: bool, today: date,
                   detail: bool = False) -> list[dict[str, object]]:
    """One row per committee; `detail` (the JSON) adds `cdu_gaps` (empty out of a CDU) and
    `quarters`, this year's."""
    rows = []
    coordinators = store.structures.coordinators()
    for s in store.committees.all(include_archived=archived, limit=1_000_000):
        c = s.committee
        coordinator = coordinators.get(c.structure_id)
        row: dict[str, object] = {"id": c.id, "uid": c.uid, "name": c.name, "kind": c.kind.value,
                                  "structure": c.structure_name, "archived": c.archived,
                                  "members": s.members,
                                  "coordinator": coordinator.name if coordinator else ""}
        if detail:
            row["cdu_gaps"] = [{"text": gap.text, "reminder": gap.reminder}
                               for gap in store.committees.cdu_gaps(c.id, today)]
            row["quarters"] = [{"name": q.name, "held": q.held, "planned": q.planned,
                                "current": q.current}
                               for q in store.committees.quarters(c.id, today.year, today)]
        rows.append(row)
    return rows


def resolve_committee(store: Store, text: str) -> Committee:
    """A committee named on a command line: its number, its UID, or its name or a piece of it
    (case and accents aside) — a name given whole wins over the longer names it is a piece of —
    else a piece of its structure's name; archived ones too, their reports stay."""
    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro du comité ou un mot de son nom "
                        "(voir « comite ls committees »)."))
    if text.isdigit():
        try:
            return store.committees.get(int(text))
        except NotFound:
            raise NotFound(_("Aucun comité n° {n} (voir « comite ls committees »).").format(
                n=text[:12])) from None
    every = [s.committee for s in store.committees.all(include_archived=True, limit=1_000_000)]
    if _UUID.fullmatch(text):
        found = [c for c in every if c.uid == text.lower()]
    else:
        wanted = fold(text)
        found = ([c for c in every if fold(c.name) == wanted]
                 or [c for c in every if wanted in fold(c.name)]
                 or [c for c in every if wanted in fold(c.structure_name)])
    if not found:
        raise NotFound(_("Aucun comité ne correspond à « {text} » (voir « comite ls "
                         "committees »).").format(text=text[:60]))
    if len(found) > 1:
        raise Refused(_("Plusieurs comités correspondent à « {text} » : {names}. Donnez son "
                        "numéro.").format(text=text[:60], names=", ".join(
                            f"{c.name} (n° {c.id})" for c in found[:6])))
    return found[0]


def resolve_structure(store: Store, text: str) -> Structure:
    """A structure named on a command line: its number, or its name or a piece of it (case and
    accents aside) — a name given whole wins over the longer names it is a piece of."""
    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro de la structure ou un mot de son nom."))
    if text.isdigit():
        try:
            return store.structures.get(int(text))
        except NotFound:
            raise NotFound(_("Aucune structure n° {n}.").format(n=text[:12])) from None
    every = store.structures.all()
    wanted = fold(text)
    found = ([s for s in every if fold(s.name) == wanted]
             or [s for s in every if wanted in fold(s.name)])
    if not found:
        raise NotFound(_("Aucune structure ne correspond à « {text} » : {names}.").format(
            text=text[:60], names=", ".join(f"{s.name} (n° {s.id})" for s in every[:6])
            or _("la base n’en a aucune")))
    if len(found) > 1:
        raise Refused(_("Plusieurs structures correspondent à « {text} » : {names}. Donnez son "
                        "numéro.").format(text=text[:60], names=", ".join(
                            f"{s.name} (n° {s.id})" for s in found[:6])))
    return found[0]


def recommendation_rows(store: Store, committee: Committee, year: int) -> list[dict[str, object]]:
    return [_recommendation(c) for c in store.conclusions.recommendations(committee.id, year)]


def _recommendation(c: Conclusion) -> dict[str, object]:
    return {"id": c.id, "uid": c.uid, "text": c.text, "owner": c.owner_name,
            "owner_id": c.owner_id, "owner_text": c.owner_text,
            "due_on": c.due_on.isoformat() if c.due_on else None, "status": c.status.value,
            "closed_reason": c.closed_reason,
            "meeting": {"id": c.meeting_id, "title": c.meeting_title,
                        "date": c.meeting_date.date().isoformat() if c.meeting_date else None}}


def print_recommendations(store: Store, committee: Committee, year: int) -> None:
    """For a person: one line each, tab-separated — the meeting's day, the recommendation, who
    answers for it, by when, where it stands — under a line that says whose and which year."""
    found = store.conclusions.recommendations(committee.id, year)
    print(_("{committee} — recommandations {year} : {n}").format(
        committee=committee.name, year=year, n=len(found)))
    for c in found:
        status = c.status.label.lower()
        if c.closed_reason:
            status += f" ({c.closed_reason})"
        print("\t".join((c.meeting_date.strftime("%d/%m/%Y") if c.meeting_date else "",
                         c.text, c.owner_name,
                         c.due_on.strftime("%d/%m/%Y") if c.due_on else _("sans échéance"),
                         status, c.meeting_title)))
