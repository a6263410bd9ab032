"""Moving a candidacy along the stages, from the board and from its page alike: the store's
question asked first, the result told."""

import logging
from collections.abc import Callable

from textual.screen import Screen

from comite.kernel.grammar import gendered, to_the
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.recruitment_models import PIPELINE, Candidate, MoveResult, Stage
from comite.tui import wording

log = logging.getLogger("comite.tui.recruitment")


def move_candidate(screen: Screen, candidate: Candidate, stage: Stage,
                   after: Callable[[Candidate], None], *, confirmed: bool = False) -> None:
    """Ask the store; a doubt of the team's is asked to the coordinator, a refusal told, and the
    consequences (a seat given or freed, a charter linked) said in a toast."""
    from comite.store import NeedsConfirmation
    from comite.tui.dialogs.confirm import ConfirmScreen

    app = screen.app
    try:
        result = app.store.recruitment.move(candidate.id, stage, app.today, confirmed=confirmed)
    except NeedsConfirmation as question:
        leaving_seat = candidate.stage is Stage.ACTIVE
        ConfirmScreen.ask(
            app, _("{name} : passer à « {stage} » ?").format(name=candidate.person_name,
                                                        stage=stage.label),
            [question.message], confirm=_("Passer à « {stage} »").format(stage=stage.label),
            cancel=_("Ne rien changer"), danger=leaving_seat or stage.closed,
            then=lambda: move_candidate(screen, candidate, stage, after, confirmed=True))
        return
    except Refused as error:
        app.bell()
        app.notify(error.message, severity="error", timeout=12)
        return
    log.info("candidate %s moved to %s", candidate.id, stage.value)
    app.notify(moved_message(app.store, result), timeout=10)
    after(result.candidate)


def moved_message(store, result: MoveResult) -> str:
    """What the move did, in the coordinator's words."""
    c = result.candidate
    if result.membership_created or result.membership_removed or c.stage is Stage.ACTIVE:
        committee = store.committees.get(c.committee_id)
        at_committee = to_the(committee.article, committee.name)
    if result.membership_created:
        seat = store.memberships.get(c.membership_id)
        if seat.mandate_end:
            return _("{name} siège maintenant {at_committee} (mandat jusqu’au {end}).").format(
                name=c.person_name, at_committee=at_committee, end=wording.day(seat.mandate_end))
        return _("{name} siège maintenant {at_committee}.").format(
            name=c.person_name, at_committee=at_committee)
    if c.stage is Stage.ACTIVE:
        gender = store.people.get(c.person_id).gender
        return gendered(_("{name} est actif(ve) : il ou elle siégeait déjà {at_committee}, son "
                          "siège est gardé."), gender).format(name=c.person_name,
                                                             at_committee=at_committee)
    if result.charter_linked:
        uid = store.charters.get(c.charter_id).uid
        return _("{name} : charte {uid} liée à la candidature.").format(name=c.person_name,
                                                                       uid=uid)
    if result.membership_removed:
        return _("{name} passe à « {stage} » et ne siège plus {at_committee}.").format(
            name=c.person_name, stage=c.stage.label, at_committee=at_committee)
    return _("{name} passe à « {stage} ».").format(name=c.person_name, stage=c.stage.label)


def neighbour(stage: Stage, step: int) -> Stage | None:
    """The next (step 1) or previous (-1) stage on the way forward; None past either end or
    from a closed stage."""
    if stage not in PIPELINE:
        return None
    index = PIPELINE.index(stage) + step
    return PIPELINE[index] if 0 <= index < len(PIPELINE) else None


def no_neighbour_message(stage: Stage, step: int) -> str:
    if stage.closed:
        return _("La candidature est close (« {stage} ») : m pour choisir l’étape où la "
                 "reprendre.").format(stage=stage.label)
    if step > 0:
        return _("« Actif(ve) » est la dernière étape : m pour « Sorti(e) » si la personne "
                 "quitte le comité.")
    return _("« Repéré(e) » est la première étape : m pour « Non retenu(e) ».")
