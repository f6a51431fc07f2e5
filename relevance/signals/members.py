"""``member_fit``: do the first listed members work in the user's industries or places?

Each of the first twenty members is asked each criterion the user gave and the member's data can
answer; the member scores 1 when every answered criterion matches, else 0:

- industry: every word (stemmed) of a wanted industry appears in the member's ``industry``, or,
  when that is absent, in their ``headline`` (a headline that does not mention it says nothing);
- location: :class:`relevance.geo.LocationMatcher` (city, country or region level).

``member_fit`` is the mean over members
with an answer, the first listed weighing most (weight ``1 / (1 + rank / 10)``, since the page
lists the most active or connected members first). NaN when the user gave neither industries nor
locations, or no member's data answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from relevance.errors import UsageError
from relevance.schema import Group, Member
from relevance.text import TextAnalyzer

LISTED = 20


@dataclass
class MemberMatcher:
    """The user's industries and locations, ready to test members against.

    Parameters
    ----------
    industries : sequence of str
        Wanted industries, e.g. ``["Financial Services"]``.
    locations : sequence of str
        Wanted places: cities, countries, regions (``"Europe"``, ``"DACH"``).
    """

    industries: Sequence[str] = ()
    locations: Sequence[str] = ()
    _analyzer: TextAnalyzer = field(default_factory=lambda: TextAnalyzer(ngram_max=1), repr=False)
    # For a label made only of stop words ("IT"): kept words, matched on the industry field only.
    _literal: TextAnalyzer = field(
        default_factory=lambda: TextAnalyzer(ngram_max=1, use_stop_words=False), repr=False
    )

    def __post_init__(self) -> None:
        self._wanted: list[frozenset[str]] = []
        self._literal_wanted: list[frozenset[str]] = []
        for label in self.industries:
            words = frozenset(self._analyzer.unigrams(label))
            if words:
                self._wanted.append(words)
                continue
            literal = frozenset(self._literal.unigrams(label))
            if not literal:
                raise UsageError(f"--industry {label!r} has no word to match")
            self._literal_wanted.append(literal)
        self._places = None
        if self.locations:
            from relevance.geo import LocationMatcher  # its tables load only when needed

            try:
                self._places = LocationMatcher(list(self.locations))
            except ValueError as error:
                raise UsageError(f"--location: {error}", hint="e.g. --location Europe") from None

    @property
    def active(self) -> bool:
        return bool(self._wanted or self._literal_wanted) or self._places is not None

    def industry(self, member: Member) -> bool | None:
        """Whether a member works in a wanted industry; None when unknown.

        Stop words are dropped on both sides ("Information Technology and Services" matches
        "Information Technology & Services"); a label made only of stop words ("IT") is matched
        word for word against the industry field, never a headline, where "it" is a pronoun.
        """
        if not (self._wanted or self._literal_wanted):
            return None
        if member.industry:
            words = frozenset(self._analyzer.unigrams(member.industry))
            literal = frozenset(self._literal.unigrams(member.industry))
            return any(w <= words for w in self._wanted) or any(
                w <= literal for w in self._literal_wanted
            )
        if member.headline and self._wanted:
            words = frozenset(self._analyzer.unigrams(member.headline))
            return True if any(w <= words for w in self._wanted) else None
        return None

    def location(self, member: Member) -> bool | None:
        """Whether a member is in a wanted place; None when unknown."""
        if self._places is None:
            return None
        return self._places.matches(member.location)

    def member_score(self, member: Member) -> float | None:
        """1 when every answered criterion matches, 0 when one does not, None when none answers.

        Both must hold: a fintech founder in Brazil is not who a user looking for fintech people
        in Europe wants to meet.
        """
        answers = [a for a in (self.industry(member), self.location(member)) if a is not None]
        return float(all(answers)) if answers else None

    def group_fit(self, group: Group) -> float:
        """``member_fit`` of one group; NaN when unknown."""
        total = weight_sum = 0.0
        for rank, member in enumerate(group.members[:LISTED]):
            score = self.member_score(member)
            if score is not None:
                weight = 1.0 / (1.0 + rank / 10.0)
                total += weight * score
                weight_sum += weight
        return total / weight_sum if weight_sum else float("nan")


def member_fit(groups: Sequence[Group], matcher: MemberMatcher) -> NDArray[np.float64]:
    """``member_fit`` of every group; all NaN when the matcher has nothing to match."""
    if not matcher.active:
        return np.full(len(groups), np.nan)
    return np.fromiter((matcher.group_fit(g) for g in groups), dtype=np.float64, count=len(groups))
