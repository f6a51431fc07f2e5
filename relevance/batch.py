"""A chunk of groups turned into sparse term matrices, ready for every text signal.

One :class:`GroupBatch` holds, for a chunk of groups, the weighted and L2-normalized vectors of

- each group's claim (title, weighted ``title_weight`` times, plus description),
- each of its discussions, its recent discussions together, and its older and newer halves,

all over one set of term columns, so that each text signal is one sparse product or one row-wise
dot product for the whole chunk.

Document frequencies come from the model's background corpus plus a sample of the groups being
scored (:class:`IdfSample`): the first chunk, which the analyzer freezes and reuses for every
later chunk, so a chunk's scores do not depend on the chunks around it. A word that no model has
seen still counts: if the sample has it, its weight comes from how rare it is there; if nothing
has it, it gets BM25's largest idf, ``ln(2n + 2)`` for ``n`` documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance import language
from relevance.model import Model
from relevance.schema import Discussion, Goal, Group
from relevance.settings import Settings
from relevance.terms import (
    SHIFT,
    Codes,
    count_matrix,
    df_table,
    distinct,
    encode,
    lookup,
    positions,
    sorted_codes,
    term_of,
)
from relevance.text import TextAnalyzer
from relevance.weighting import bm25_idf, l2_normalize, row_dot, saturate

if TYPE_CHECKING:
    from relevance.scoring import GroupSignals

IntArray = NDArray[np.int64]
NULL_SHRINK = 20.0
"""Pseudo-count of the prior in the null level: worth 20 unrelated groups."""


@dataclass(frozen=True)
class DocumentFrequencies:
    """Document frequencies keyed by sorted term codes."""

    codes: Codes
    df: IntArray
    n_docs: int

    @classmethod
    def of_model(cls, model: Model, analyzer: TextAnalyzer) -> DocumentFrequencies:
        codes, df = df_table(list(model.df), list(model.df.values()), analyzer)
        return cls(codes, df, model.n_docs)

    def of(self, codes: Codes) -> IntArray:
        return lookup(self.codes, self.df, codes)


@dataclass
class IdfSample:
    """Document frequencies and average lengths of the groups being scored, from a first chunk.

    Terms are kept as strings so that the sample can travel to worker processes, whose text
    analyzers number terms in their own order; each analyzer converts it once.
    """

    terms: list[str]
    df: IntArray
    n_docs: int
    lengths: tuple[float, float, float]
    """Average lengths of claims, single discussions and recent discussions together (BM25)."""
    null: NullSums | None = None
    """What unrelated (claim, discussions) pairs of the sample score, for ``consistency``."""
    _by_analyzer: dict[int, tuple[TextAnalyzer, DocumentFrequencies]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def frequencies(self, analyzer: TextAnalyzer) -> DocumentFrequencies:
        """The sample keyed by ``analyzer``'s term codes (converted once per analyzer)."""
        found = self._by_analyzer.get(id(analyzer))
        if found is None:
            codes, df = df_table(self.terms, self.df, analyzer)
            found = self._by_analyzer[id(analyzer)] = (
                analyzer,
                DocumentFrequencies(codes, df, self.n_docs),
            )
        return found[1]

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_by_analyzer"] = {}
        return state


@dataclass
class NullSums:
    """Sums of the unit claim vectors and of the unit discussion vectors of the sample's groups
    that have discussions, by term: ``mean_j cos(claim_g, talk_j) = claim_g . sum_j talk_j / n``,
    so the mean over every unrelated pair costs one dot product per group."""

    terms: list[str]
    claim: NDArray[np.float64]
    talk: NDArray[np.float64]
    n: int
    _by_analyzer: dict[
        int, tuple[TextAnalyzer, Codes, NDArray[np.float64], NDArray[np.float64]]
    ] = field(default_factory=dict, repr=False, compare=False)

    def over(self, analyzer: TextAnalyzer, columns: Codes) -> tuple[NDArray[np.float64], ...]:
        """The two sums over a batch's columns (0 for terms the sample lacks)."""
        found = self._by_analyzer.get(id(analyzer))
        if found is None:
            codes, order = sorted_codes(self.terms, analyzer)
            found = (analyzer, codes, self.claim[order], self.talk[order])
            self._by_analyzer[id(analyzer)] = found
        _, codes, claim, talk = found
        return lookup(codes, claim, columns), lookup(codes, talk, columns)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_by_analyzer"] = {}
        return state


@dataclass(frozen=True)
class GoalTerms:
    """Goals over a batch's columns: their (bigram-weighted) term counts, and for each goal the
    part of its ceiling that comes from terms no group of the batch has."""

    counts: sp.csr_matrix
    unseen: NDArray[np.float64]


@dataclass
class GroupBatch:
    """A vectorized chunk of groups. Build it with :func:`vectorize`."""

    groups: list[Group]
    columns: Codes
    idf: NDArray[np.float64]
    """Column weights: BM25 idf, times ``bigram_weight`` for bigrams."""
    claim_raw: sp.csr_matrix
    """Claims as BM25 term weights (saturated tf times idf), not normalized: for relevance."""
    claim: sp.csr_matrix
    discussions: sp.csr_matrix
    """Each discussion as BM25 term weights, not normalized (for explain)."""
    discussion_owner: IntArray
    discussion_order: list[list[int]]
    recent: sp.csr_matrix
    has_discussions: NDArray[np.bool_]
    discussion_half: NDArray[np.int8]
    """For each discussion row: 1 in its group's older half, 2 in the newer, 0 neither (a group
    needs four dated discussions to be split)."""
    has_drift_split: NDArray[np.bool_]
    discussion_weight: NDArray[np.float64]
    """For each discussion row: its recency weight ``0.5 ** (age / recency_half_life_days)``,
    ``age`` in days before the group's newest discussion; 0 for a discussion with no words or
    beyond the ``recent_discussions`` most recent."""
    discussion_terms: IntArray
    """For each discussion row: its number of distinct words (the length its judgment uses)."""
    claim_terms: IntArray
    """For each group: the number of distinct words of its title and description."""
    recent_terms: IntArray
    """For each group: the number of distinct words of its recent discussions together."""
    halves: tuple[sp.csr_matrix, sp.csr_matrix]
    """Each group's older and newer halves, each as one unit vector (zero rows unsplit)."""
    half_terms_count: tuple[IntArray, IntArray]
    """The number of distinct words of each half."""
    analyzer: TextAnalyzer
    background: DocumentFrequencies
    sample: IdfSample
    settings: Settings
    is_sample: bool
    """True when this batch is the sample itself (its groups are in the null sums)."""
    group_signals: GroupSignals | None = None
    """The analyzer's goal-independent signals of this batch, once computed."""
    _postings: dict[str, sp.csr_matrix] = field(default_factory=dict, repr=False)
    _unit_discussions: sp.csr_matrix | None = field(default=None, repr=False)
    _null_level: NDArray[np.float64] | None = field(default=None, repr=False)
    member_answers: object | None = field(default=None, repr=False)
    """The listed members' answers (:mod:`relevance.signals.members`), found once per batch."""
    languages: list[str] | None = None
    """Each group's language (:func:`relevance.language.of_groups`), None when not detecting."""

    _starts: IntArray | None = field(default=None, repr=False)
    _recent_counts: IntArray | None = field(default=None, repr=False)

    def language(self, g: int) -> str:
        """The language group ``g``'s texts were encoded in."""
        return "en" if self.languages is None else self.languages[g]

    def discussion_rows(self, g: int) -> IntArray:
        """The discussion rows of group ``g`` (consecutive, most recent first)."""
        if self._starts is None:
            sizes = [len(order) for order in self.discussion_order]
            self._starts = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
        return np.arange(self._starts[g], self._starts[g + 1])

    def recent_count(self, g: int) -> int:
        """How many of group ``g``'s discussions are recent and have words (weight above 0)."""
        if self._recent_counts is None:
            recent = (self.discussion_weight > 0).astype(np.int64)
            found = np.bincount(self.discussion_owner, weights=recent, minlength=len(self.groups))
            self._recent_counts = found.astype(np.int64)
        return int(self._recent_counts[g])

    def postings(self, name: str) -> sp.csr_matrix:
        """A term-by-row matrix (``claim_raw`` or ``discussions`` transposed), built once.

        Scoring goals against it (``goals @ postings``) walks only the groups that hold each goal
        term, as an inverted index does, instead of every group's every term.
        """
        found = self._postings.get(name)
        if found is None:
            found = self._postings[name] = sp.csr_matrix(getattr(self, name).T)
        return found

    def term(self, column: int) -> str:
        """The term of a column (stemmed; see ``analyzer.display``)."""
        return term_of(int(self.columns[column]), self.analyzer)

    def goal_counts(self, goals: Sequence[Goal]) -> GoalTerms:
        """The goals' term counts over this batch's columns, and their unseen terms' weight.

        A goal term that no group of the batch has can match nothing, but it still counts in the
        goal's full weight (``ceiling``), so a goal that is half about something else scores
        lower. Bigrams count ``bigram_weight`` as much as words, as on the group side.
        """
        bigrams = self.analyzer.ngram_max == 2
        codes, rows, n_rows = encode(self.analyzer, (g.text for g in goals), bigrams)
        weights = np.where(codes >= SHIFT, self.settings.bigram_weight, 1.0)
        at, found = positions(self.columns, codes)
        counts = sp.csr_matrix(
            (weights[found], (rows[found], at[found])), shape=(n_rows, len(self.columns))
        )
        counts.sum_duplicates()
        unseen = ~found
        unseen_idf = _idf(
            codes[unseen], self.background, self.sample.frequencies(self.analyzer), self.settings
        )
        missing = np.bincount(
            rows[unseen], weights=weights[unseen] * unseen_idf, minlength=n_rows
        ).astype(np.float64)
        return GoalTerms(counts, missing * (self.settings.k1 + 1.0))

    def goal_ceiling(self, goals: GoalTerms) -> NDArray[np.float64]:
        """Each goal's largest possible BM25 score: every term at full saturation, ``k1 + 1``."""
        ceiling = goals.counts @ (self.idf * (self.settings.k1 + 1.0)) + goals.unseen
        return np.maximum(np.asarray(ceiling, dtype=np.float64).ravel(), 1e-12)

    def unit_discussions(self) -> sp.csr_matrix:
        """Each discussion as a unit vector (built once)."""
        if self._unit_discussions is None:
            self._unit_discussions = l2_normalize(sp.csr_matrix(self.discussions))
        return self._unit_discussions

    def null_level(self) -> NDArray[np.float64]:
        """What each group's claim and discussions score against unrelated ones (see
        :mod:`relevance.signals.consistency`); computed once."""
        if self._null_level is None:
            self._null_level = self._compute_null_level()
        return self._null_level

    def _compute_null_level(self) -> NDArray[np.float64]:
        null = self.sample.null
        n_groups = len(self.groups)
        if null is None:
            return np.full(n_groups, 2 * self.settings.null_prior)
        claim_sum, talk_sum = null.over(self.analyzer, self.columns)
        claim_vs_talk = self.claim @ talk_sum
        talk_vs_claim = self.recent @ claim_sum
        others = np.full(n_groups, float(null.n))
        if self.is_sample:  # leave each group's own pair out of its mean
            own = np.where(self.has_discussions, row_dot(self.claim, self.recent), 0.0)
            claim_vs_talk, talk_vs_claim = claim_vs_talk - own, talk_vs_claim - own
            others -= self.has_discussions
        # Shrunk toward a prior, so that a batch of a few groups does not judge by chance.
        k, prior = NULL_SHRINK, self.settings.null_prior
        level = (claim_vs_talk + k * prior) / (others + k) + (talk_vs_claim + k * prior) / (
            others + k
        )
        return np.asarray(level, dtype=np.float64)


def _idf(
    codes: Codes,
    background: DocumentFrequencies,
    sample: DocumentFrequencies,
    settings: Settings,
) -> NDArray[np.float64]:
    """Column weights: BM25 idf over background plus sample, bigrams scaled by
    ``bigram_weight`` (a bigram repeats evidence its two words already gave)."""
    df = background.of(codes) + sample.of(codes)
    idf = bm25_idf(df, background.n_docs + sample.n_docs)
    return np.where(codes >= SHIFT, idf * settings.bigram_weight, idf)


def _by_recency(group: Group) -> list[tuple[int, Discussion]]:
    """Most recent first; undated ones after the dated, in their input order."""
    items = list(enumerate(group.discussions or ()))
    items.sort(key=lambda item: (item[1].date is None, -(item[1].date or date.min).toordinal()))
    return items


@dataclass
class _Layout:
    """Which discussion rows belong to which group, and to which of its parts."""

    owner: list[int] = field(default_factory=list)
    order: list[list[int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    recent: list[int] = field(default_factory=list)
    dated: list[bool] = field(default_factory=list)
    age: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, groups: Sequence[Group], recent_limit: int, spacing: float) -> _Layout:
        layout = cls()
        for g, group in enumerate(groups):
            items = _by_recency(group)
            start = len(layout.texts)
            layout.order.append([original for original, _ in items])
            layout.texts.extend(d.text for _, d in items)
            layout.owner.extend([g] * len(items))
            layout.recent.extend(range(start, start + min(len(items), recent_limit)))
            layout.dated.extend(d.date is not None for _, d in items)
            layout.age.extend(_ages([d.date for _, d in items], spacing))
        return layout


def _ages(dates: Sequence[date | None], spacing: float) -> list[float]:
    """Days before a group's newest discussion, for its discussions most recent first.

    Undated discussions keep the input's order (most recent first, per the input contract):
    each counts ``spacing`` days older than the one before it, after the dated ones.
    """
    known = [d for d in dates if d is not None]
    newest = max(known) if known else None
    ages: list[float] = []
    last = 0.0
    for when in dates:
        if when is not None and newest is not None:
            last = float((newest - when).days)
        else:
            last = last + spacing if ages else 0.0
        ages.append(last)
    return ages


def _halves(owner: IntArray, usable: NDArray[np.bool_], n_groups: int) -> NDArray[np.int8]:
    """Split each group's usable discussions (dated, with words; rows most recent first) into
    the newer half (2) and the older half (1); groups with fewer than four stay unsplit (0)."""
    half = np.zeros(len(owner), dtype=np.int8)
    rows = np.flatnonzero(usable)
    counts = np.bincount(owner[rows], minlength=n_groups)
    # Position of each usable row among its group's usable rows (rows are grouped, in order).
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    position = np.arange(len(rows)) - first[owner[rows]]
    size = counts[owner[rows]]
    split = size >= 4
    half[rows[split]] = np.where(position[split] < size[split] // 2, 2, 1)
    return half


def vectorize(
    groups: Sequence[Group],
    analyzer: TextAnalyzer,
    background: DocumentFrequencies,
    settings: Settings,
    sample: IdfSample | None = None,
) -> tuple[GroupBatch, IdfSample]:
    """Vectorize a chunk of groups.

    Parameters
    ----------
    groups : sequence of Group
        The chunk.
    analyzer : TextAnalyzer
        With the model's text parameters.
    background : DocumentFrequencies
        The model's document frequencies (:meth:`DocumentFrequencies.of_model`).
    settings : Settings
        ``k1``, ``b``, ``title_weight`` and ``recent_discussions`` are used.
    sample : IdfSample or None, default=None
        Document frequencies of an earlier chunk; None makes this chunk the sample.

    Returns
    -------
    batch : GroupBatch
    sample : IdfSample
        The sample used (the one given, or this chunk's).
    """
    groups = list(groups)
    n = len(groups)
    bigrams = analyzer.ngram_max == 2
    layout = _Layout.of(groups, settings.recent_discussions, settings.undated_spacing_days)
    # Each group's texts in its language (relevance.language): its stop words and stemmer.
    langs = language.of_groups(groups) if analyzer.detect_language else None
    parts = [
        encode(analyzer, (g.title for g in groups), bigrams, langs),
        encode(analyzer, (g.description for g in groups), bigrams, langs),
        encode(analyzer, layout.texts, bigrams, langs and [langs[o] for o in layout.owner]),
    ]
    columns = distinct(np.sort(np.concatenate([codes for codes, _, _ in parts])))
    titles, descriptions, discussions = (count_matrix(*part, columns) for part in parts)
    owner = np.asarray(layout.owner, dtype=np.int64)
    claim_counts = titles * settings.title_weight + descriptions
    words = np.diff(discussions.indptr) > 0
    is_recent = np.zeros(len(owner), dtype=bool)
    is_recent[np.asarray(layout.recent, dtype=np.int64)] = True
    age = np.asarray(layout.age, dtype=np.float64)
    weight = np.where(is_recent & words, 0.5 ** (age / settings.recency_half_life_days), 0.0)
    # The recent discussions together, each counted by its recency weight: what the group
    # talks about now weighs more than what it talked about months ago.
    recent_counts = _gather(discussions, owner, layout.recent, n, weight)
    is_sample = sample is None
    if sample is None:
        everything = claim_counts + _gather(discussions, owner, range(len(owner)), n)
        sample = _sample(everything, columns, analyzer, (claim_counts, discussions, recent_counts))
    idf = _idf(columns, background, sample.frequencies(analyzer), settings)
    claim_len, discussion_len, _ = sample.lengths

    def bm25(counts: sp.csr_matrix, avg_len: float) -> sp.csr_matrix:
        tf = saturate(counts, settings.k1, settings.b, avg_len)
        return sp.csr_matrix(tf.multiply(idf[np.newaxis, :]))

    claim_raw = bm25(claim_counts, claim_len)
    discussion_raw = bm25(discussions, discussion_len)
    unit_discussions = l2_normalize(sp.csr_matrix(discussion_raw))
    # Discussions read together: the sum of their unit vectors, each times its recency weight,
    # so that every post counts as one voice however long it is (one long on-topic post cannot
    # drown ten spam posts, nor one long spam post ten short honest ones).
    claim = l2_normalize(claim_raw)
    recent = l2_normalize(_gather(unit_discussions, owner, layout.recent, n, weight))
    has_talk = np.diff(recent_counts.indptr) > 0
    if is_sample:
        sample.null = _null_sums(claim, recent, has_talk, columns, analyzer)

    words_only = np.flatnonzero(columns < SHIFT)
    # Drift reads discussions with a date and at least one word: a dated empty post says nothing.
    usable = np.asarray(layout.dated, dtype=bool) & (np.diff(discussions.indptr) > 0)
    half = _halves(owner, usable, n)
    split = np.zeros(n, dtype=bool)
    split[owner[half == 2]] = True
    halves = []
    for which in (1, 2):
        rows = [int(r) for r in np.flatnonzero(half == which)]
        counts = _gather(discussions, owner, rows, n)
        terms = np.diff(sp.csr_matrix(counts[:, words_only]).indptr).astype(np.int64)
        halves.append((l2_normalize(_gather(unit_discussions, owner, rows, n)), terms))
    n_terms = np.diff(sp.csr_matrix(discussions[:, words_only]).indptr).astype(np.int64)
    claim_terms = np.diff(sp.csr_matrix(claim_counts[:, words_only]).indptr).astype(np.int64)
    recent_terms = np.diff(sp.csr_matrix(recent_counts[:, words_only]).indptr).astype(np.int64)
    batch = GroupBatch(
        groups=groups,
        columns=columns,
        idf=idf,
        claim_raw=claim_raw,
        claim=claim,
        discussions=discussion_raw,
        discussion_owner=owner,
        discussion_order=layout.order,
        recent=recent,
        # Discussions with no words (dates and counts only) give nothing to compare: unknown.
        has_discussions=has_talk,
        discussion_half=half,
        has_drift_split=split,
        discussion_weight=weight,
        discussion_terms=n_terms,
        claim_terms=claim_terms,
        recent_terms=recent_terms,
        halves=(halves[0][0], halves[1][0]),
        half_terms_count=(halves[0][1], halves[1][1]),
        analyzer=analyzer,
        background=background,
        sample=sample,
        settings=settings,
        is_sample=is_sample,
        _unit_discussions=unit_discussions,
        languages=langs,
    )
    return batch, sample


def _gather(
    counts: sp.csr_matrix,
    owner: IntArray,
    rows: Sequence[int],
    n_groups: int,
    weights: NDArray[np.float64] | None = None,
) -> sp.csr_matrix:
    """Sum chosen discussion rows into one row per owning group (each times its weight)."""
    picked = np.asarray(rows, dtype=np.int64)
    groups = owner[picked] if len(picked) else picked
    values = np.ones(len(picked)) if weights is None else weights[picked]
    membership = sp.csr_matrix((values, (groups, picked)), shape=(n_groups, counts.shape[0]))
    return sp.csr_matrix(membership @ counts)


def _sample(
    everything: sp.csr_matrix,
    columns: Codes,
    analyzer: TextAnalyzer,
    for_lengths: tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix],
) -> IdfSample:
    """This chunk as the sample: one document per group (claim and discussions together)."""
    present = np.asarray((everything > 0).sum(axis=0), dtype=np.int64).ravel()
    n_docs = int(np.count_nonzero(np.diff(sp.csr_matrix(everything).indptr)))
    keep = present > 0
    codes, df = columns[keep], present[keep]
    sample = IdfSample(
        [term_of(int(c), analyzer) for c in codes], df, n_docs, _lengths(*for_lengths)
    )
    sample._by_analyzer[id(analyzer)] = (analyzer, DocumentFrequencies(codes, df, n_docs))
    return sample


def _null_sums(
    claim: sp.csr_matrix,
    recent: sp.csr_matrix,
    has_talk: NDArray[np.bool_],
    columns: Codes,
    analyzer: TextAnalyzer,
) -> NullSums:
    claim_sum = np.asarray(claim[has_talk].sum(axis=0)).ravel()
    talk_sum = np.asarray(recent[has_talk].sum(axis=0)).ravel()
    keep = np.flatnonzero((claim_sum != 0) | (talk_sum != 0))
    terms = [term_of(int(c), analyzer) for c in columns[keep]]
    return NullSums(terms, claim_sum[keep], talk_sum[keep], int(has_talk.sum()))


def _lengths(*matrices: sp.csr_matrix) -> tuple[float, float, float]:
    out = []
    for counts in matrices:
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        nonzero = lengths[lengths > 0]
        out.append(float(nonzero.mean()) if len(nonzero) else 1.0)
    return out[0], out[1], out[2]
