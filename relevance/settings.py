"""Every weight and threshold, and the text-matching constants, in one place, validated there.

A profile's ``[weights]`` and ``[thresholds]`` tables and the command-line options override the
defaults through :meth:`Settings.with_overrides`. The shapes of the size, activity and
return-on-time curves are constants of their own signal modules, each documented beside its
formula; a decision is drawn only from the numbers here.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from relevance.errors import RelevanceError, UsageError
from relevance.signals.table import TABLE

DEFAULT_WEIGHTS: dict[str, float] = {
    signal.name: signal.weight for signal in TABLE if signal.weight
}
"""Exponents of the weighted geometric mean that makes ``overall`` (see recommend.py), from
:data:`relevance.signals.table.TABLE`; ``drift`` is a penalty, ``(1 - drift)`` raised to its
weight's share. ``discussion_relevance`` has none: it enters the topic term under the
``relevance`` weight (``discussion_share``)."""
THRESHOLDS = (
    "join_at",
    "consider_at",
    "join_consistency",
    "join_size_fit",
    "join_drift",
    "promotion_at",
    "leave_below",
    "leave_return_below",
    "stay_return_at",
    "leave_min_hours",
    "drifted_at",
    "misleading_below",
)
"""The settings a decision or a flag is compared with (``explain`` shows each beside the number
it judges); all but ``leave_min_hours`` are scores in [0, 1]."""

_PENALTIES = frozenset(s.name for s in TABLE if s.role == "penalty")
"""Signals that only lower ``overall``: a weight on them alone cannot rank anything."""


@dataclass(frozen=True)
class Settings:
    """Scoring constants. See the README's "How the scores are computed" for each one.

    Parameters
    ----------
    weights : dict of str to float
        Weight of each signal in ``overall``; keys from :data:`DEFAULT_WEIGHTS`, values >= 0.
    size_range : tuple of (int, int), default=(300, 5000)
        Member counts with ``size_fit`` 1.
    k1 : float, default=1.5
        BM25 term-frequency saturation of group texts, >= 0.
    b : float, default=0.75
        BM25 length normalization of group texts, in [0, 1].
    title_weight : float, default=2.0
        How many times a title word counts against a description word, >= 0.
    bigram_weight : float, default=0.25
        Weight of a bigram against a word, >= 0 (its words already count on their own).
    recent_discussions : int, default=10
        How many of the most recent discussions are read, >= 1.
    relevance_scale : float, default=0.15
        Share of the goal's BM25 weight at which ``relevance = 1 - exp(-share / scale)``
        reaches 0.63, > 0.
    discussion_facet : float, default=1.0
        How many of the goal's words' worth a discussion must carry to serve it at 0.63
        (``discussion_relevance``), > 0: a post serves one part of a goal, not all of it.
    misleading_below : float, default=0.5
        ``consistency`` (one minus the recency-weighted off-topic share of the recent
        discussions) below which the title is not borne out: ``misleading``, in [0, 1].
    null_prior : float, default=0.01
        Expected cosine of an unrelated claim and discussion, used where the batch has few
        groups to measure it on, >= 0.
    null_cap : float, default=0.03
        Largest level of unrelated pairs subtracted from a discussion's cosine, >= 0 (a batch
        of groups on one subject inflates the measured level).
    off_topic_coef : tuple of 6 floats
        Default (-0.9166, -3.1947, -10.3040, -5.0573, 0.4479, 0.1408):
        ``(a, b, c, e, d, f)`` of the length-calibrated logistic that gives each discussion's
        off-topic probability, fitted by ``benchmarks/calibrate.py`` (signals/discussions.py).
    off_topic_base_rate : float, default=0.5
        How common off-topic posts are before a post is read, in (0, 1): the calibration saw
        as many unrelated texts as related ones, and its odds are moved to this rate. 0.5
        keeps them; 0.2 flags fewer groups whose short posts share no word with the
        description, and misses more spam written in short posts.
    recency_half_life_days : float, default=90.0
        A discussion this many days older than the group's newest weighs half as much, > 0.
    undated_spacing_days : float, default=7.0
        Undated discussions keep the input's order, each counted this many days older than
        the one before it, >= 0.
    verdict_prior_off : float, default=0.2
        Off-topic share that a group's verdict is shrunk toward, in [0, 1].
    verdict_prior_weight : float, default=0.25
        How many discussions that prior is worth, >= 0: one doubtful post is not a verdict.
    evidence_words : float, default=20.0
        Distinct words from which a discussion counts as one discussion's worth of evidence in
        a verdict, > 0; a shorter one counts its share (a title of eight words: 0.4).
    join_at, consider_at : float, default=0.55, 0.40
        ``overall`` from which a group not joined is JOIN, or CONSIDER.
    join_consistency : float, default=0.6
        ``consistency`` that a group with discussions needs to be JOIN, in [0, 1]: a title the
        discussions bear out with no margin is at best CONSIDER.
    join_drift : float, default=0.35
        ``drift`` from which a group is never JOIN, in [0, 1]: its newer discussions lost about
        a third of what was on purpose in its older ones. Under ``drifted_at`` it is not called
        drifted, but a recommendation to join without a look needs talk that holds its course.
    promotion_at : float, default=0.25
        ``promotion`` (the recency-weighted share of the recent discussions that are
        promotion or spam) from which a group is never JOIN, in [0, 1]: a quarter of what it
        discusses now; one spam post among six honest ones is not a verdict.
    join_size_fit : float, default=0.3
        ``size_fit`` that a group with a known member count needs to be JOIN, in [0, 1]: a
        group too small to meet anyone (60 members against a range from 300: 0.61; 20: 0.15)
        or too big to be heard is at best CONSIDER.
    leave_below : float, default=0.35
        ``overall`` under which a joined group is LEAVE, unless it pays back.
    stay_return_at : float, default=0.5
        ``return_on_time`` from which a joined group pays back and is STAY whatever its
        ``overall`` (0.5: about one connection, or two replies, for every six hours): the
        connections it gives are what a group is for, even when its description has little
        of the goal's words or its talk reads as off its title; not when a quarter of its talk
        is promotion or spam (``promotion_at``).
    leave_return_below : float, default=0.15
        ``return_on_time`` under which a joined group with at least ``leave_min_hours`` is LEAVE.
    leave_min_hours : float, default=10.0
        Hours put in before a poor return decides LEAVE on its own.
    drifted_at : float, default=0.5
        ``drift`` from which a group counts as drifted: its discussions then weigh as for a
        misleading title, and a reason says so.
    misleading_discussion_share : float, default=0.8
        Share of the topic score taken from the discussions when the title is misleading
        (otherwise ``discussion_share``).
    discussion_share : float, default=0.35
        Share of the topic score taken from the discussions for an honest group.
    hours_per_week : float or None, default=None
        The user's time budget for groups; shown in the run's settings.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    size_range: tuple[int, int] = (300, 5000)
    k1: float = 1.5
    b: float = 0.75
    title_weight: float = 2.0
    bigram_weight: float = 0.25
    recent_discussions: int = 10
    relevance_scale: float = 0.15
    discussion_facet: float = 1.0
    misleading_below: float = 0.5
    null_prior: float = 0.01
    null_cap: float = 0.03
    off_topic_coef: tuple[float, ...] = (-0.9166, -3.1947, -10.3040, -5.0573, 0.4479, 0.1408)
    off_topic_base_rate: float = 0.5
    recency_half_life_days: float = 90.0
    undated_spacing_days: float = 7.0
    verdict_prior_off: float = 0.2
    verdict_prior_weight: float = 0.25
    evidence_words: float = 20.0
    join_at: float = 0.55
    join_consistency: float = 0.6
    join_size_fit: float = 0.3
    join_drift: float = 0.35
    promotion_at: float = 0.25
    consider_at: float = 0.40
    leave_below: float = 0.35
    leave_return_below: float = 0.15
    stay_return_at: float = 0.5
    leave_min_hours: float = 10.0
    drifted_at: float = 0.5
    misleading_discussion_share: float = 0.8
    discussion_share: float = 0.35
    hours_per_week: float | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check every constant; raise :class:`UsageError` naming the first one out of range."""
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise UsageError(
                f"unknown weight {sorted(unknown)[0]!r}",
                hint=f"weights are {', '.join(DEFAULT_WEIGHTS)}",
            )
        for name, value in self.weights.items():
            _check(f"weights.{name}", value, 0.0, math.inf)
        if not any(v for k, v in self.weights.items() if k not in _PENALTIES):  # they only lower
            raise UsageError("every weight is 0", hint="give at least one signal a weight above 0")
        size_range(self.size_range)
        _check("k1", self.k1, 0.0, math.inf)
        _check("b", self.b, 0.0, 1.0)
        _check("title_weight", self.title_weight, 0.0, math.inf)
        _check("recent_discussions", self.recent_discussions, 1, 1000, whole=True)
        _check("relevance_scale", self.relevance_scale, 1e-9, math.inf)
        _check("bigram_weight", self.bigram_weight, 0.0, math.inf)
        _check("discussion_facet", self.discussion_facet, 1e-9, math.inf)
        _check("null_prior", self.null_prior, 0.0, 1.0)
        _check("null_cap", self.null_cap, 0.0, 1.0)
        coef = self.off_topic_coef
        if not (isinstance(coef, list | tuple) and len(coef) == 6):
            raise UsageError(f"off_topic_coef must be six numbers, got {coef!r}")
        for i, value in enumerate(coef):
            _check(f"off_topic_coef[{i}]", value, -math.inf, math.inf)
        _check("off_topic_base_rate", self.off_topic_base_rate, 1e-6, 1.0 - 1e-6)
        _check("recency_half_life_days", self.recency_half_life_days, 1e-9, math.inf)
        _check("undated_spacing_days", self.undated_spacing_days, 0.0, 3650.0)
        _check("verdict_prior_off", self.verdict_prior_off, 0.0, 1.0)
        _check("verdict_prior_weight", self.verdict_prior_weight, 0.0, 1000.0)
        _check("evidence_words", self.evidence_words, 1e-9, math.inf)
        for name in THRESHOLDS:
            if name != "leave_min_hours":  # hours; every other threshold is a score
                _check(name, getattr(self, name), 0.0, 1.0)
        if self.consider_at > self.join_at:
            raise UsageError("consider_at must not be above join_at")
        _check("leave_min_hours", self.leave_min_hours, 0.0, math.inf, allow_inf=True)
        _check("misleading_discussion_share", self.misleading_discussion_share, 0.0, 1.0)
        _check("drifted_at", self.drifted_at, 1e-9, 1.0)
        _check("discussion_share", self.discussion_share, 0.0, 1.0)
        if self.hours_per_week is not None:
            _check("hours_per_week", self.hours_per_week, 0.0, 168.0)  # 0: no budget given

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some values replaced; ``weights`` is merged into the current ones."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise UsageError(f"unknown setting {sorted(unknown)[0]!r}")
        if "weights" in changes:
            if not isinstance(changes["weights"], Mapping):
                raise UsageError(f"weights must be a table, got {changes['weights']!r}")
            changes["weights"] = {**self.weights, **dict(changes["weights"])}
        if "size_range" in changes:
            changes["size_range"] = size_range(changes["size_range"])
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, for the ``settings`` of a JSON report."""
        data = dataclasses.asdict(self)
        data["weights"] = dict(self.weights)
        data["size_range"] = list(self.size_range)
        data["off_topic_coef"] = list(self.off_topic_coef)
        return data


def size_range(
    value: Any,
    name: str = "size_range",
    error: type[RelevanceError] = UsageError,
    written: str | None = None,
) -> tuple[int, int]:
    """The one check of a size range: ``[MIN, MAX]``, two whole numbers with 0 <= MIN <= MAX.

    Parameters
    ----------
    value : any
        A list or tuple of two ints.
    name : str, default="size_range"
        What the message calls it (``"me.toml: 'size_range'"`` for a profile).
    error : type of RelevanceError, default=UsageError
        Raised when it is not a size range (a profile file raises ``InputError``).
    written : str or None, default=None
        The text the pair was parsed from, shown instead of the pair.

    Examples
    --------
    >>> size_range([300, 5000])
    (300, 5000)
    """
    if not (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise error(f"{name} must be [MIN, MAX], two whole numbers, got {value!r}")
    low, high = int(value[0]), int(value[1])
    if not 0 <= low <= high:
        if written is not None:
            raise error(f"{name} must have 0 <= MIN <= MAX, got {written!r}")
        raise error(f"{name} must be [MIN, MAX] with 0 <= MIN <= MAX, got {value!r}")
    return low, high


def parse_size_range(text: str, name: str = "--size-range") -> tuple[int, int]:
    """A size range written ``MIN:MAX`` (thousands separators allowed), as the option takes it.

    Examples
    --------
    >>> parse_size_range("1,000:20,000")
    (1000, 20000)
    """
    low, sep, high = text.partition(":")
    try:
        if not sep:
            raise ValueError(text)
        pair = int(low.replace(",", "")), int(high.replace(",", ""))
    except ValueError:
        raise UsageError(f"{name} must look like MIN:MAX (e.g. 300:5000), got {text!r}") from None
    return size_range(pair, name, written=text)


def _check(
    name: str, value: Any, low: float, high: float, whole: bool = False, allow_inf: bool = False
) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise UsageError(f"{name} must be a number, got {value!r}")
    if math.isinf(value) and not allow_inf:
        raise UsageError(f"{name} must be a finite number, got {value!r}")
    if whole and not isinstance(value, int):
        raise UsageError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        if math.isinf(high):  # "between 0.0 and inf" reads as a programmer's range
            least = (
                "0 or more" if low == 0 else "more than 0" if 0 < low < 1e-3 else f"{low:g} or more"
            )
            raise UsageError(f"{name} must be {least}, got {value}")
        raise UsageError(f"{name} must be between {low} and {high}, got {value}")
