"""Retention rules, pure: who the purge queue brings up, and why.

A candidacy not retained is kept `not_retained_months` (24 by default) after the decision, to
answer the person and avoid asking them again; then the person is proposed for erasure. Anyone
else with no seat, no candidacy in progress and no activity for `inactive_months` (36) is
proposed for review: keep (for another period) or erase.
"""

from dataclasses import dataclass
from datetime import date

from comite.kernel.clock import months_before
from comite.store.privacy_models import (
    RetentionCase,
    RetentionPolicy,
    RetentionReason,
    RetentionStanding,
)


@dataclass(frozen=True, slots=True)
class Holding:
    """What the database says of one person, as the rules need it."""

    person_id: int
    person_name: str
    last_activity: date
    not_retained_since: date | None
    held: bool  # a seat on an active committee, or a candidacy in progress
    reviewed_on: date | None = None  # the coordinator last decided to keep the record
    engaged_until: date | None = None  # the last day they took part in something


def case(holding: Holding, today: date, policy: RetentionPolicy) -> RetentionCase | None:
    if holding.held:
        return None
    since = _decided(holding)
    # Kept after a review: counted again from that day.
    counted = max(since, holding.reviewed_on) if since and holding.reviewed_on else since
    if counted is not None and counted <= months_before(today, policy.not_retained_months):
        return RetentionCase(holding.person_id, holding.person_name,
                             RetentionReason.NOT_RETAINED, since, policy.not_retained_months)
    if holding.last_activity <= months_before(today, policy.inactive_months):
        return RetentionCase(holding.person_id, holding.person_name, RetentionReason.INACTIVE,
                             holding.last_activity, policy.inactive_months)
    return None


def standing(holding: Holding, today: date, policy: RetentionPolicy) -> RetentionStanding:
    """The day the queue brings the person up, if nothing happens before (None while held),
    and the case when it already does."""
    if holding.held:
        return RetentionStanding(holding.last_activity, True, None, None)
    due = case(holding, today, policy)
    since = _decided(holding)
    if since is not None:
        counted = max(since, holding.reviewed_on) if holding.reviewed_on else since
        return RetentionStanding(holding.last_activity, False, RetentionReason.NOT_RETAINED,
                                 _months_after(counted, policy.not_retained_months), due)
    return RetentionStanding(holding.last_activity, False, RetentionReason.INACTIVE,
                             _months_after(holding.last_activity, policy.inactive_months), due)


def _decided(holding: Holding) -> date | None:
    """The day of the « non retenu » decision, when nothing happened with the person since:
    someone who took part in something after it falls under the inactivity rule instead."""
    since = holding.not_retained_since
    if since is None or (holding.engaged_until is not None and holding.engaged_until > since):
        return None
    return since


def _months_after(day: date, months: int) -> date:
    return months_before(day, -months)
