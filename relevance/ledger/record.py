"""``relevance record``: a dated snapshot of each group, with the scores of that day.

The scores come from the public :class:`~relevance.analyzer.Analyzer`, with each joined group's
effort taken from the ledger's log up to the snapshot day, so a snapshot's ``return_on_time``
and STAY/LEAVE are those of that day. The discussions' heaviest terms (BM25 weight of the
model's background corpus) are kept too: comparing them between snapshots tells when a group's
talk moved elsewhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from relevance.errors import InputError
from relevance.ledger.book import GroupRow, Ledger, Snapshot
from relevance.ledger.effort import totals
from relevance.schema import Goal, Group

TOPIC_TERMS = 12
"""Terms kept per snapshot to describe what its discussions are about."""
COMMON_SHARE = 0.05
"""Terms in more than this share of the model's background texts are not topic terms."""


@dataclass(frozen=True)
class Recorded:
    """What one ``record`` did."""

    added: list[str]
    updated: list[str]
    day: date
    effort_logged: list[str] = field(default_factory=list)
    """Joined groups whose file gave more effort than the log held: the rest was logged."""


def record_groups(
    ledger: Ledger, analyzer: Any, groups: Sequence[Group], goals: Sequence[Goal], day: date
) -> Recorded:
    """Score ``groups`` as of ``day`` and keep a snapshot of each, in one transaction.

    Parameters
    ----------
    ledger : Ledger
        The open ledger.
    analyzer : Analyzer
        Scores the groups; its ``today`` should be ``day``.
    groups : sequence of Group
        The groups of the input file (ids must be distinct).
    goals : sequence of Goal
        The goals the scores are for.
    day : date
        The snapshot's day.

    Raises
    ------
    InputError
        When two records of the file share an id.
    """
    _check_unique(groups)
    filled = [_with_logged_effort(ledger, g, day) for g in groups]
    results = analyzer.score(filled, goals=list(goals))
    by_group: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_group.setdefault(result.id, []).append(result.to_dict())
    added: list[str] = []
    updated: list[str] = []
    logged: list[str] = []
    with ledger.writing():
        for group in groups:
            row, new = ledger.upsert_group(group, day)
            ledger.add_snapshot(row.key, day, snapshot_of(group, by_group[group.id], analyzer, day))
            (added if new else updated).append(row.id)
            if _log_file_effort(ledger, row, group, day):
                logged.append(row.id)
    return Recorded(added, updated, day, logged)


def _log_file_effort(ledger: Ledger, row: GroupRow, group: Group, day: date) -> bool:
    """Log what a joined group's file effort (its totals) holds beyond the log's, dated the
    snapshot's day, so that ``review`` and ``plan`` judge the effort ``score`` judged. The file
    gives totals, not days; recording the same file again logs nothing more."""
    effort = group.effort
    if effort is None or group.joined is False or effort.hours is None:
        return False
    from relevance.ledger.book import Entry, new_entry_id

    had = totals(ledger.entries(row.key, day), None)
    more = {
        "hours": effort.hours - had.hours,
        "connections": (effort.connections or 0) - had.connections,
        "replies": (effort.replies or 0) - had.replies,
        "posts": (effort.posts or 0) - had.posts,
        "comments": (effort.comments or 0) - had.comments,
    }
    if not any(value > 0 for value in more.values()):
        return False
    ledger.mark_joined(row, day)
    ledger.log(
        row.key,
        Entry(
            entry=new_entry_id(),
            day=day,
            hours=max(more["hours"], 0.0),
            connections=max(int(more["connections"]), 0),
            replies=max(int(more["replies"]), 0),
            posts=max(int(more["posts"]), 0),
            comments=max(int(more["comments"]), 0),
            note="from the recorded file's effort (its totals beyond the log)",
        ),
    )
    return True


def _check_unique(groups: Sequence[Group]) -> None:
    seen: set[str] = set()
    for group in groups:
        if group.id in seen:
            raise InputError(
                f"the id {group.id!r} is given to two groups; a ledger needs one id per group",
                field="id",
                hint="give every group its own id",
            )
        seen.add(group.id)


def _with_logged_effort(ledger: Ledger, group: Group, day: date) -> Group:
    from dataclasses import replace

    from relevance.schema import Effort

    if group.effort is not None or group.joined is False:
        return group  # the file's own effort wins
    row = ledger.group_by_id_or_url(group.id, group.url)
    if row is None:
        return group
    entries = ledger.entries(row.key, day)
    if not entries:
        return group
    logged = totals(entries, row.joined_on)
    effort = Effort(logged.hours, logged.posts, logged.comments, logged.connections, logged.replies)
    return replace(group, effort=effort, joined=True, joined_on=group.joined_on or logged.joined_on)


def snapshot_of(group: Group, scores: list[dict[str, Any]], analyzer: Any, day: date) -> Snapshot:
    """What is kept of a group on one day."""
    discussions = None
    if group.discussions is not None:
        discussions = [_plain(asdict(d)) for d in group.discussions]
    return Snapshot(
        day=day,
        title=group.title,
        description=group.description,
        member_count=group.member_count,
        members=[_plain(asdict(m)) for m in group.members],
        discussions=discussions,
        scores=scores,
        topics=topic_terms(group, analyzer),
    )


def topic_terms(
    group: Group, analyzer: Any, limit: int = TOPIC_TERMS
) -> list[tuple[str, str, float]]:
    """The heaviest unigram terms of the discussions: (term, word, weight).

    ``weight = n * idf``: ``n`` the discussions the term occurs in (at least two when there are
    three or more), ``idf`` the BM25 ``idf`` of the model's background corpus, so that a
    field's own words weigh most; terms in over :data:`COMMON_SHARE` of the background texts,
    or with digits, are left out.
    """
    texts = [d.text for d in group.discussions or ()]
    if not texts:
        return []
    text = analyzer.text
    # In how many discussions each term occurs: a topic is what several threads are about.
    spread = Counter(term for t in texts for term in set(text.unigrams(t)) if _is_word(term))
    least = 2 if len(texts) >= 3 else 1
    surfaces = text.surfaces(texts)
    n_docs = analyzer.model.n_docs
    df = analyzer.model.df

    def weight(term: str, count: int) -> float:
        d = df.get(term, 0)
        return count * math.log1p((n_docs - d + 0.5) / (d + 0.5))

    common = COMMON_SHARE * n_docs  # words in many background texts say nothing of a topic
    ranked = sorted(
        ((weight(t, c), t) for t, c in spread.items() if c >= least and df.get(t, 0) <= common),
        key=lambda p: (-p[0], p[1]),
    )
    return [(t, text.display(t, surfaces), round(w, 4)) for w, t in ranked[:limit]]


def _is_word(term: str) -> bool:
    return len(term) >= 3 and not any(ch.isdigit() for ch in term)


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in record.items()}
