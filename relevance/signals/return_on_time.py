"""``return_on_time``: for a joined group, what came back per hour put in.

``value = connections + 0.5 * replies`` (a new connection is the point of a group; a reply to
the user's post is half of one), ``rate = value / hours`` and
``return_on_time = 1 - exp(-rate / 0.25)``: one connection per four hours scores 0.63, none 0.
NaN (unknown, never 0) for a group not joined, without ``effort.hours``, or with neither
``connections`` nor ``replies`` recorded (an export with an hours column only says nothing of
what came back); NaN too while nothing came back from fewer than ``leave_min_hours`` hours put
in, unless it already takes half of the user's weekly hours for groups (``hours_per_week``): a
group joined last week that has not paid back yet has not been judged. With 0 hours, 1 if
anything came back.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.recommend import over_budget, weekly_hours
from relevance.schema import Group
from relevance.settings import Settings

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

REPLY_VALUE = 0.5
RATE_SCALE = 0.25


def recorded(group: Group) -> bool:
    """Whether a joined group's effort says what came back (connections or replies)."""
    effort = group.effort
    return effort is not None and (effort.connections is not None or effort.replies is not None)


def group_return(group: Group, min_hours: float = 0.0) -> float:
    """``return_on_time`` of one group (NaN when unknown).

    Parameters
    ----------
    group : Group
        The group; only a joined one with ``effort.hours`` has a value.
    min_hours : float, default=0.0
        Hours put in under which a group that gave nothing back is not judged yet (NaN).
    """
    effort = group.effort
    if not group.joined or effort is None or effort.hours is None or not recorded(group):
        return math.nan
    value = (effort.connections or 0) + REPLY_VALUE * (effort.replies or 0)
    if effort.hours == 0 or (value == 0 and effort.hours < min_hours):
        return 1.0 if value > 0 else math.nan
    return 1.0 - math.exp(-(value / effort.hours) / RATE_SCALE)


def judged_from(group: Group, s: Settings, today: date) -> float:
    """The hours from which a group that gave nothing back is judged: ``leave_min_hours``, or
    none when it takes half of the user's weekly budget for groups or more."""
    hours = group.effort.hours if group.effort else None
    if over_budget(weekly_hours(hours, group.joined_on, today), s):
        return 0.0
    return s.leave_min_hours


def compute(ctx: GroupContext) -> NDArray[np.float64]:
    """``return_on_time`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    groups, s = ctx.batch.groups, ctx.settings
    return np.fromiter(
        (group_return(g, judged_from(g, s, ctx.today)) for g in groups),
        np.float64,
        count=len(groups),
    )
