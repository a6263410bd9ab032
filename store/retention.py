"""Retention rules, pure: who the purge queue brings up, and why.

A candidacy not retained is kept `not_retained_months` (24 by default) after the decision, to
answer the person and avoid asking them again; then the person is proposed for erasure. Anyone
else with no seat, no candidacy in progress and no activity for `inactive_months` (36) is
proposed for review: keep (for another period) or erase.
"""

from dataclasses import dataclass
from datetime import date

from store.clock import months_before
from store.privacy_models import (
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


def case(holding: Holding, today: date, policy: RetentionPolicy) -> RetentionCase | None:
    if holding.held:
        return None
    since = holding.not_retained_since
    if since is not None and since <= months_before(today, policy.not_retained_months):
        return RetentionCase(holding.person_id, holding.person_name,
                             RetentionReason.NOT_RETAINED, since, policy.not_retained_months)
    if holding.last_activity <= months_before(today, policy.inactive_months):
        return RetentionCase(holding.person_id, holding.person_name, RetentionReason.INACTIVE,
                             holding.last_activity, policy.inactive_months)
    return None


def standing(holding: Holding, policy: RetentionPolicy) -> RetentionStanding:
    """The day the queue brings the person up, if nothing happens before (None while held)."""
    if holding.held:
        return RetentionStanding(holding.last_activity, True, None, None)
    if holding.not_retained_since is not None:
        return RetentionStanding(holding.last_activity, False, RetentionReason.NOT_RETAINED,
                                 _months_after(holding.not_retained_since,
                                               policy.not_retained_months))
    return RetentionStanding(holding.last_activity, False, RetentionReason.INACTIVE,
                             _months_after(holding.last_activity, policy.inactive_months))


def _months_after(day: date, months: int) -> date:
    return months_before(day, -months)
