"""``member_fit``: are the first listed members in the user's industries, places and roles?

Each of the first twenty members is asked each criterion the user gave and the member's data can
answer; the member scores 1 when every answered criterion matches, else 0:

- industry (:mod:`relevance.industries`, LinkedIn's taxonomy): the member's ``industry`` is a
  wanted one, a family that contains it, or lies within it; a label the taxonomy does not know
  matches when every word (stemmed) of a wanted industry is in it. Without an ``industry``, a
  ``headline`` that names a wanted industry says yes (one that does not says nothing);
- location (:class:`relevance.geo.LocationMatcher`): city, metro area, state, country, region or
  named area; a wanted place that names nothing known is left out (and warned about);
- role (:mod:`relevance.roles`): when the goal names whom it wants to meet ("CTOs", "investors"),
  the member's ``headline`` shows one of those roles.

``member_fit`` is the mean over members with an answer, the first listed weighing most (weight
``1 / (1 + rank / 10)``, since the page lists the most active or connected members first). NaN
when nothing was asked, or no member's data answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np
from numpy.typing import NDArray

from relevance import industries as taxonomy
from relevance.errors import WantedError
from relevance.roles import Role, all_roles, roles_held, roles_in
from relevance.schema import Goal, Group, Member
from relevance.text import TextAnalyzer

if TYPE_CHECKING:
    from relevance.batch import GroupBatch
    from relevance.signals.context import GoalContext, GroupContext

FloatArray = NDArray[np.float64]
Ints = NDArray[np.int64]
LISTED = 20
KEPT_BYTES = 64 * 2**20
"""Memory for the member fits kept per batch, one per set of roles (:meth:`_Answers.fit`)."""

How = taxonomy.Relation | Literal["close"]


@dataclass(frozen=True)
class IndustryMatch:
    """A member's industry that matches a wanted one, and how (see :func:`industries.describe`)."""

    member: str
    wanted: str
    how: How

    def describe(self) -> str:
        return taxonomy.describe(self.member, self.wanted, self.how)


@dataclass
class MemberMatcher:
    """The user's industries and locations, ready to test members against.

    Parameters
    ----------
    industries : sequence of str
        Wanted industries, e.g. ``["Financial Services"]`` (LinkedIn's names, old or new).
    locations : sequence of str
        Wanted places: cities, metro areas, states, countries, regions (``"Europe"``, ``"DACH"``).
    """

    industries: Sequence[str] = ()
    locations: Sequence[str] = ()
    _analyzer: TextAnalyzer = field(default_factory=lambda: TextAnalyzer(ngram_max=1), repr=False)
    # For a label made only of stop words ("IT"): kept words, matched on the industry field only.
    _literal: TextAnalyzer = field(
        default_factory=lambda: TextAnalyzer(ngram_max=1, use_stop_words=False), repr=False
    )

    def __post_init__(self) -> None:
        self._wanted: list[tuple[str, frozenset[str], taxonomy.Industry | None]] = []
        self._literal_wanted: list[tuple[str, frozenset[str]]] = []
        for label in self.industries:
            words = frozenset(self._analyzer.unigrams(label))
            if words:
                self._wanted.append((label, words, taxonomy.find(label)))
                continue
            literal = frozenset(self._literal.unigrams(label))
            if not literal:
                detail = f"{label!r} has no word to match"
                raise WantedError("industries", detail, f"--industry {detail}")
            self._literal_wanted.append((label, literal))
        self._places = None
        if self.locations:
            from relevance.geo import LocationMatcher  # its tables load only when needed

            try:
                self._places = LocationMatcher(list(self.locations))
            except ValueError as error:
                raise WantedError(
                    "locations", str(error), f"--location: {error}", hint="e.g. --location Europe"
                ) from None

    @property
    def active(self) -> bool:
        return bool(self._wanted or self._literal_wanted) or self._places is not None

    @property
    def known_locations(self) -> tuple[str, ...]:
        """The wanted locations that name a known place (the others are left out)."""
        return self._places.known if self._places is not None else ()

    def warnings(self, profile: str | None = None) -> list[str]:
        """One sentence per wanted location that names no known place, with the closest names.

        Parameters
        ----------
        profile : str or None, default=None
            The profile file the locations came from (the sentence names its ``locations``
            key); None names ``--location``.
        """
        named = f"{profile}: locations" if profile else "--location"
        out = []
        for item, close in self._places.unknown if self._places is not None else ():
            hint = f"; did you mean {_or(close)}?" if close else ""
            out.append(
                f"{named} {item!r} is not a place relevance knows, so it is left out of "
                f"member fit{hint}"
            )
        return out

    def roles(self, goal: Goal | str) -> tuple[Role, ...]:
        """The roles a goal wants to meet (see :func:`relevance.roles.roles_in`)."""
        return roles_in(goal.text if isinstance(goal, Goal) else goal)

    def industry_match(self, member: Member) -> IndustryMatch | Literal[False] | None:
        """The wanted industry a member matches, False when none, None when unknown.

        Stop words are dropped on both sides of the word rule ("Information Technology and
        Services" matches "Information Technology & Services"); a label made only of stop words
        ("IT") is matched word for word against the industry field, never a headline, where "it"
        is a pronoun.
        """
        if not (self._wanted or self._literal_wanted):
            return None
        if member.industry:
            return self._industry_field(member.industry) or False
        if member.headline and self._wanted:
            words = frozenset(self._analyzer.unigrams(member.headline))
            for label, wanted, _ in self._wanted:
                if wanted <= words:
                    return IndustryMatch(label, label, "same")
        return None

    def _industry_field(self, industry: str) -> IndustryMatch | None:
        found = taxonomy.find(industry)
        words = frozenset(self._analyzer.unigrams(industry))
        relations = [
            (taxonomy.relation(found, node) if found and node else None, label)
            for label, _, node in self._wanted
        ]
        for wanted_how in ("same", "within", "family"):  # the closest reading first
            for how, label in relations:
                if how == wanted_how and found is not None:
                    return IndustryMatch(industry, label, how)
        for label, wanted, node in self._wanted:
            # Close in name, where the taxonomy cannot tell (a label it does not know).
            if (found is None or node is None) and wanted <= words:
                return IndustryMatch(industry, label, "close")
        literal = frozenset(self._literal.unigrams(industry))
        for label, wanted_literal in self._literal_wanted:
            if wanted_literal <= literal:
                return IndustryMatch(industry, label, "same")
        return None

    def industry(self, member: Member) -> bool | None:
        """Whether a member works in a wanted industry; None when unknown."""
        found = self.industry_match(member)
        return None if found is None else bool(found)

    def location(self, member: Member) -> bool | None:
        """Whether a member is in a wanted place; None when unknown."""
        if self._places is None:
            return None
        return self._places.matches(member.location)

    @staticmethod
    def role(member: Member, roles: Sequence[Role]) -> bool | None:
        """Whether a member's headline shows one of ``roles``; None when unknown."""
        if not roles or not member.headline:
            return None
        held = roles_held(member.headline)
        return any(role.key in held for role in roles)

    def member_score(self, member: Member, roles: Sequence[Role] = ()) -> float | None:
        """1 when every answered criterion matches, 0 when one does not, None when none answers.

        All must hold: a fintech founder in Brazil is not who a user looking for fintech people
        in Europe wants to meet.
        """
        answers = [
            a
            for a in (self.industry(member), self.location(member), self.role(member, roles))
            if a is not None
        ]
        return float(all(answers)) if answers else None

    def group_fit(self, group: Group, roles: Sequence[Role] = ()) -> float:
        """``member_fit`` of one group; NaN when unknown."""
        total = weight_sum = 0.0
        for rank, member in enumerate(group.members[:LISTED]):
            score = self.member_score(member, roles)
            if score is not None:
                weight = 1.0 / (1.0 + rank / 10.0)
                total += weight * score
                weight_sum += weight
        return total / weight_sum if weight_sum else float("nan")


def member_fit(
    groups: Sequence[Group], matcher: MemberMatcher, roles: Sequence[Role] = ()
) -> NDArray[np.float64]:
    """``member_fit`` of every group; all NaN when the matcher has nothing to match."""
    if not (matcher.active or roles):
        return np.full(len(groups), np.nan)
    return np.fromiter(
        (matcher.group_fit(g, roles) for g in groups), dtype=np.float64, count=len(groups)
    )


def goal_member_fit(
    batch: GroupBatch, matcher: MemberMatcher, goals: Sequence[Goal]
) -> NDArray[np.float64] | None:
    """``member_fit`` per (group, goal) when a goal names roles to meet, else None (then the
    goal-independent :func:`member_fit` holds for every goal). The members' answers are found
    once per batch, however many blocks of goals ask them."""
    roles = [matcher.roles(goal) for goal in goals]
    if not any(roles):
        return None
    fits = fits_for_roles(batch, matcher, roles)
    return np.column_stack([fits[wanted] for wanted in roles])


def fits_for_roles(
    batch: GroupBatch, matcher: MemberMatcher, roles: Sequence[tuple[Role, ...]]
) -> dict[tuple[Role, ...], FloatArray]:
    """``member_fit`` of every group for each distinct set of ``roles`` (the goals' roles to
    meet, ``()`` for a goal that names none), as :func:`goal_member_fit` has it, shape (G,)
    each: what a block of goals needs, once per set rather than once per goal."""
    if not isinstance(batch.member_answers, _Answers):
        batch.member_answers = _member_answers(batch.groups, matcher)
    answers = batch.member_answers
    return {wanted: answers.fit(wanted) for wanted in dict.fromkeys(roles)}


@dataclass(frozen=True)
class _Answers:
    """Every listed member of a batch, flattened: its group, rank weight, industry and place
    answers (1 yes, 0 no, -1 unknown) and the roles its headline shows (a bit per role, -1
    without a headline). Found once, then asked of every set of roles the goals name."""

    owner: NDArray[np.int64]
    weight: NDArray[np.float64]
    industry: NDArray[np.int8]
    place: NDArray[np.int8]
    held: NDArray[np.int64]
    n_groups: int
    _fits: dict[tuple[Role, ...], FloatArray] = field(default_factory=dict, repr=False)

    def fit(self, roles: tuple[Role, ...]) -> FloatArray:
        """``member_fit`` of every group for ``roles``, kept for the next block of goals that
        names them (the sets of roles goals name are few; :data:`KEPT_BYTES` of them kept)."""
        found = self._fits.get(roles)
        if found is None:
            if len(self._fits) >= max(1, KEPT_BYTES // (8 * max(self.n_groups, 1))):
                self._fits.pop(next(iter(self._fits)))
            found = self._fits[roles] = _fit_for_roles(self, roles, self.n_groups)
            found.flags.writeable = False
        return found

    @cached_property
    def _asked(self) -> tuple[FloatArray, FloatArray, Ints, FloatArray, Ints]:
        """What every set of roles shares: the fit when no role is asked; with roles, each
        group's weight sum (every member with a headline or an answer counts, whatever the
        roles) and the members that can score 1 (their answers match), with their group,
        weight and roles held (-1: no headline, a yes whatever the roles)."""
        industry_known, place_known = self.industry >= 0, self.place >= 0
        answered = industry_known | place_known
        matches = (~industry_known | (self.industry == 1)) & (~place_known | (self.place == 1))
        plain = _mean(self.owner, np.where(answered, self.weight, 0.0), matches, self.n_groups)
        counts = answered | (self.held >= 0)
        weight_sum = _sums(self.owner, np.where(counts, self.weight, 0.0), self.n_groups)
        can = np.flatnonzero(counts & matches)
        return plain, weight_sum, self.owner[can], self.weight[can], self.held[can]


def _member_answers(groups: Sequence[Group], matcher: MemberMatcher) -> _Answers:
    bit = {role.key: 1 << i for i, role in enumerate(all_roles())}
    owner, weight, industry, place, held = [], [], [], [], []
    for g, group in enumerate(groups):
        for rank, member in enumerate(group.members[:LISTED]):
            owner.append(g)
            weight.append(1.0 / (1.0 + rank / 10.0))
            industry.append(_tri(matcher.industry(member)))
            place.append(_tri(matcher.location(member)))
            keys = roles_held(member.headline) if member.headline else None
            held.append(-1 if keys is None else sum(bit[k] for k in keys))
    return _Answers(
        np.asarray(owner, dtype=np.int64),
        np.asarray(weight, dtype=np.float64),
        np.asarray(industry, dtype=np.int8),
        np.asarray(place, dtype=np.int8),
        np.asarray(held, dtype=np.int64),
        len(groups),
    )


def _tri(answer: bool | None) -> int:
    return -1 if answer is None else int(answer)


def _fit_for_roles(answers: _Answers, roles: Sequence[Role], n_groups: int) -> FloatArray:
    """:meth:`MemberMatcher.group_fit` of every group for ``roles``, from the answers: a member
    scores 1 when every criterion it can answer matches, and counts when it answers one.

    The members that cannot score 1 add 0 to their group's sum, and adding 0 leaves a sum of
    weights as it is: only those that can are summed, in member order, which gives the sums
    of every member bit for bit.
    """
    if n_groups != answers.n_groups:
        raise ValueError(f"answers of {answers.n_groups} groups asked for {n_groups}")
    plain, weight_sum, owner, weight, held = answers._asked
    if not roles:
        return plain.copy()
    wanted = 0
    for role in roles:
        wanted |= 1 << next(i for i, r in enumerate(all_roles()) if r.key == role.key)
    yes = (held < 0) | ((held & wanted) != 0)  # no headline: the role is not asked of it
    return _ratio(_sums(owner[yes], weight[yes], n_groups), weight_sum)


def _mean(
    owner: NDArray[np.int64], weight: FloatArray, ok: NDArray[np.bool_], n_groups: int
) -> FloatArray:
    """Per group, the weighted share of its members that are ``ok`` (NaN: no weight)."""
    return _ratio(_sums(owner, weight * ok, n_groups), _sums(owner, weight, n_groups))


def _sums(owner: NDArray[np.int64], weight: FloatArray, n_groups: int) -> FloatArray:
    """Per group, its members' ``weight`` summed in member order."""
    return np.asarray(np.bincount(owner, weights=weight, minlength=n_groups), dtype=np.float64)


def _ratio(total: FloatArray, weight_sum: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / weight_sum
    out[weight_sum == 0] = np.nan
    return np.asarray(out, dtype=np.float64)


def _or(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def compute(ctx: GroupContext) -> NDArray[np.float64]:
    """``member_fit`` of a batch, the same for every goal (see :mod:`relevance.signals.table`)."""
    return member_fit(ctx.batch.groups, ctx.members)


def compute_for_goals(ctx: GoalContext) -> NDArray[np.float64] | None:
    """``member_fit`` per (group, goal) when a goal of the block names roles, else None."""
    return goal_member_fit(ctx.batch, ctx.group.members, ctx.goals)
