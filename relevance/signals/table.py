"""The one list of signals: what each one is, how it enters ``overall``, what data it rests on,
and the function that computes it.

Everything that computes, weighs or shows a signal reads :data:`TABLE`: the scorer
(:mod:`relevance.scoring`) computes a batch into a :class:`relevance.scoring.SignalValues` by
calling each entry's ``compute``; :class:`relevance.schema.Result` takes its signal fields and
their order from it (and with them every output format and the ``--sort`` choices);
:data:`relevance.settings.DEFAULT_WEIGHTS` are its weights; ``explain`` and the reasons walk it,
and say what an unknown signal lacks from ``rests_on``. Adding a signal is a module with a
``compute`` function and one entry here; its reason and its ``explain`` detail are generic until
someone writes better ones.

This module imports nothing heavy (the CLI reads the names for its help): an entry names its
function as ``"module:function"``, imported when a batch is first scored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Literal

Scope = Literal["group", "goal"]
"""``group``: one value per group, whatever the goal (shape (G,)); ``goal``: per (group, goal)
pair (shape (G, K))."""

Role = Literal["topic", "factor", "penalty"]
"""How a signal enters ``overall`` (see :mod:`relevance.recommend`): ``topic`` signals are
blended into the topic term under the ``relevance`` weight; a ``factor`` is one term of the
weighted geometric mean; a ``penalty`` enters as ``1 - value`` and only lowers ``overall``."""


@dataclass(frozen=True)
class Signal:
    """One signal of a result.

    Parameters
    ----------
    name : str
        The field name in every output format (``size_fit``).
    label : str
        The name as a sentence says it ("size fit").
    scope : {"group", "goal"}
        Whether the value depends on the goal.
    role : {"topic", "factor", "penalty"}
        How it enters ``overall``.
    weight : float
        Its default weight in ``overall`` (:data:`relevance.settings.DEFAULT_WEIGHTS`); 0 for a
        topic signal that the topic blend weighs instead.
    rests_on : tuple of str
        The kinds of data (:data:`relevance.schema.EVIDENCE`) it needs besides the title;
        without them it is null, and ``explain`` says which were missing.
    meaning : str
        What a value near 1 says, in one line.
    compute : str
        ``"module:function"`` computing the whole batch: it takes a
        :class:`relevance.scoring.GroupContext` (``scope="group"``) or a
        :class:`relevance.scoring.GoalContext` (``scope="goal"``) and returns float values, NaN
        where unknown.
    per_goal : str or None, default=None
        For a ``group`` signal that some goals refine (``member_fit`` when a goal names roles):
        ``"module:function"`` taking a ``GoalContext`` and returning (G, K) values, or None when
        no goal of the block refines it.
    praise : bool, default=True
        Whether a high value speaks for joining on its own (a reason may open with it);
        ``consistency`` is a condition of trust, not a merit.
    """

    name: str
    label: str
    scope: Scope
    role: Role
    weight: float
    rests_on: tuple[str, ...]
    meaning: str
    compute: str
    per_goal: str | None = None
    praise: bool = True

    def function(self) -> Callable[[Any], Any]:
        """The ``compute`` function, imported on first use."""
        return _load(self.compute)

    def goal_function(self) -> Callable[[Any], Any] | None:
        """The ``per_goal`` function, or None."""
        return None if self.per_goal is None else _load(self.per_goal)


def _load(path: str) -> Callable[[Any], Any]:
    module, _, name = path.partition(":")
    function: Callable[[Any], Any] = getattr(import_module(module), name)
    return function


TABLE: tuple[Signal, ...] = (
    Signal(
        "relevance",
        "relevance",
        "goal",
        "topic",
        0.50,
        (),
        "its title and description serve your goal",
        "relevance.signals.relevance:compute",
    ),
    Signal(
        "discussion_relevance",
        "discussion relevance",
        "goal",
        "topic",
        0.0,
        ("discussions",),
        "its recent discussions serve your goal",
        "relevance.signals.relevance:compute_discussions",
    ),
    Signal(
        "consistency",
        "consistency",
        "group",
        "factor",
        0.15,
        ("discussions",),
        "its recent discussions bear out its title and description",
        "relevance.signals.consistency:compute",
        praise=False,
    ),
    Signal(
        "drift",
        "drift",
        "group",
        "penalty",
        0.10,
        ("discussions", "dates"),
        "its newer discussions left the purpose its older ones kept",
        "relevance.signals.drift:compute",
        praise=False,
    ),
    Signal(
        "promotion",
        "promotion",
        "group",
        "penalty",
        0.10,
        ("discussions",),
        "its recent discussions are promotion or spam (money promised, contact taken off the "
        "platform, tokens, schemes or medicines sold), or the group itself is a pitch",
        "relevance.signals.promotion:compute",
        praise=False,
    ),
    Signal(
        "size_fit",
        "size fit",
        "group",
        "factor",
        0.10,
        ("member_count",),
        "its member count is in your size range",
        "relevance.signals.size:compute",
    ),
    Signal(
        "member_fit",
        "member fit",
        "group",
        "factor",
        0.15,
        ("members",),
        "its listed members work in your industries, places and roles",
        "relevance.signals.members:compute",
        per_goal="relevance.signals.members:compute_for_goals",
    ),
    Signal(
        "activity",
        "activity",
        "group",
        "factor",
        0.10,
        ("discussions",),
        "it talks often, lately, and gets replies",
        "relevance.signals.activity:compute",
    ),
    Signal(
        "return_on_time",
        "return on time",
        "group",
        "factor",
        0.30,
        ("effort",),
        "the hours you put in came back as connections and replies (joined groups)",
        "relevance.signals.return_on_time:compute",
    ),
)
"""Every signal, in the order of the output fields."""

NAMES: tuple[str, ...] = tuple(signal.name for signal in TABLE)
BY_NAME: dict[str, Signal] = {signal.name: signal for signal in TABLE}
