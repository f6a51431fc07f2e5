"""Loaders that map the public evaluation data sets to groups in the product's input schema.

The data lives outside the repository (``../shared/data`` by default; see its ``SOURCES.md``)
and is only read from there. Each loader returns one of two shapes:

- :class:`PairData`: one group per (claim, discussion) pair, labelled related or unrelated,
  for the ``consistency`` signal and the ``misleading`` flag (FNC-1, ARC, Meetup's own versus
  another group's events);
- :class:`RankingData`: goals, groups and the judged-relevant groups of each goal, for the
  ranking by ``relevance`` (SciFact, Meetup topics).

Besides the product's input (``groups``, ``goals``) every shape carries the plain texts that the
baselines (TF-IDF cosine, BM25) are computed on, so that all systems see the same text.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np

Group = dict[str, Any]
Goal = dict[str, str]

#: Seed of every deterministic random choice (ARC folds, Meetup's "other group").
SEED = 0
#: Number of cross-validation folds over ARC bodies.
ARC_FOLDS = 5
#: A Meetup topic is a goal when it tags at least this many groups.
MEETUP_MIN_TAGGED = 10
#: A Meetup group enters the own-versus-other events measure with at least this many events.
MEETUP_MIN_EVENTS = 3


@dataclass(frozen=True)
class PairData:
    """Claim-versus-discussion pairs, one group per pair.

    Attributes
    ----------
    name : str
        Data set name.
    groups : list of dict
        One group per pair, in the product's input schema.
    claims : list of str
        Distinct claim texts (a headline; a group's title and description) for the baselines.
    bodies : list of str
        Every discussion text of the collection (the BM25 index), whether paired or not.
    claim_of, body_of : numpy.ndarray
        For each pair, the index of its claim in ``claims`` and of its body in ``bodies``.
    unrelated : numpy.ndarray
        For each pair, ``True`` when the discussion is unrelated to the claim.
    fold : numpy.ndarray
        For each pair, its fold. A threshold for fold ``f`` is fitted on the pairs of the
        other folds only.
    report_folds : tuple of int
        The folds that metrics are reported on; the other folds only calibrate.
    """

    name: str
    groups: list[Group]
    claims: list[str]
    bodies: list[str]
    claim_of: np.ndarray
    body_of: np.ndarray
    unrelated: np.ndarray
    fold: np.ndarray
    report_folds: tuple[int, ...]

    @property
    def reported(self) -> np.ndarray:
        """Boolean mask of the pairs in a reported fold."""
        return np.isin(self.fold, self.report_folds)


@dataclass(frozen=True)
class RankingData:
    """Goals ranked over one collection of groups.

    Attributes
    ----------
    name : str
        Data set name.
    goals : list of dict
        Goals as ``{"id", "text"}``.
    groups : list of dict
        The groups, in the product's input schema.
    texts : list of str
        For each group, its title and description as plain text (the baselines' documents).
    relevant : list of frozenset of int
        For each goal, the indices in ``groups`` of the judged-relevant groups.
    """

    name: str
    goals: list[Goal]
    groups: list[Group]
    texts: list[str]
    relevant: list[frozenset[int]]


class _TextExtractor(HTMLParser):
    """Collects the text nodes of an HTML fragment, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Strip tags and decode entities, collapsing whitespace.

    Parameters
    ----------
    html : str
        An HTML fragment (plain text passes through unchanged, except whitespace).

    Returns
    -------
    str
        The text content.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file with a header row (quoted fields may span lines).

    Parameters
    ----------
    path : pathlib.Path
        The file.

    Returns
    -------
    list of dict
        One dict per row, keyed by the header.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON Lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _stance_pairs(
    name: str, bodies_csv: Path, stances_csv: Path
) -> tuple[list[str], list[str], list[str], np.ndarray, np.ndarray, np.ndarray, list[Group]]:
    """Map FNC-1-format files (``Body ID,articleBody`` and ``Headline,Body ID,Stance``) to pairs.

    Returns
    -------
    tuple
        Distinct headlines, all body ids (in file order), body texts, per-pair headline index,
        per-pair body index, per-pair ``unrelated`` label, and the groups.
    """
    body_rows = read_csv(bodies_csv)
    body_ids = [row["Body ID"] for row in body_rows]
    bodies = [row["articleBody"] for row in body_rows]
    body_pos = {body_id: i for i, body_id in enumerate(body_ids)}
    stances = read_csv(stances_csv)
    headline_pos: dict[str, int] = {}
    for row in stances:
        headline_pos.setdefault(row["Headline"], len(headline_pos))
    claim_of = np.array([headline_pos[row["Headline"]] for row in stances])
    body_of = np.array([body_pos[row["Body ID"]] for row in stances])
    unrelated = np.array([row["Stance"] == "unrelated" for row in stances])
    groups = [
        {
            "id": f"{name}-{i}",
            "title": row["Headline"],
            "discussions": [{"body": bodies[body_of[i]]}],
        }
        for i, row in enumerate(stances)
    ]
    return list(headline_pos), body_ids, bodies, claim_of, body_of, unrelated, groups


def load_fnc1(root: Path) -> PairData:
    """FNC-1 training set, split by body into calibration (fold 0) and hold-out (fold 1).

    Parameters
    ----------
    root : pathlib.Path
        The data folder holding ``fnc1/``.

    Returns
    -------
    PairData
        49,972 pairs; metrics are reported on the official hold-out bodies
        (``splits/hold_out_ids.txt``), thresholds fitted on ``splits/training_ids.txt``.
    """
    folder = root / "fnc1"
    claims, body_ids, bodies, claim_of, body_of, unrelated, groups = _stance_pairs(
        "fnc1", folder / "train_bodies.csv", folder / "train_stances.csv"
    )
    hold_out = set((folder / "splits" / "hold_out_ids.txt").read_text().split())
    training = set((folder / "splits" / "training_ids.txt").read_text().split())
    if hold_out & training:
        raise ValueError("FNC-1 splits overlap")
    pair_body_ids = np.array(body_ids)[body_of]
    unassigned = ~np.isin(pair_body_ids, sorted(hold_out | training))
    if unassigned.any():
        raise ValueError(f"FNC-1: {int(unassigned.sum())} pairs have a body in no split")
    fold = np.isin(pair_body_ids, sorted(hold_out)).astype(int)
    return PairData("fnc1", groups, claims, bodies, claim_of, body_of, unrelated, fold, (1,))


def body_folds(body_ids: Iterable[str], n_folds: int, seed: int = SEED) -> dict[str, int]:
    """Assign each distinct body id to a fold, deterministically (GroupKFold-like).

    The sorted distinct ids are shuffled with a seeded generator and dealt round-robin,
    so fold sizes in bodies differ by at most one.

    Parameters
    ----------
    body_ids : iterable of str
        Body ids, repeats allowed.
    n_folds : int
        Number of folds.
    seed : int
        Seed of the shuffle.

    Returns
    -------
    dict
        Body id to fold number in ``range(n_folds)``.
    """
    distinct = sorted(set(body_ids))
    order = np.random.default_rng(seed).permutation(len(distinct))
    return {distinct[j]: rank % n_folds for rank, j in enumerate(order)}


def load_arc(root: Path) -> PairData:
    """ARC training pairs with 5-fold cross-validation over bodies.

    Parameters
    ----------
    root : pathlib.Path
        The data folder holding ``arc/``.

    Returns
    -------
    PairData
        14,233 pairs; every fold is reported, each with a threshold fitted on the others.
    """
    folder = root / "arc"
    claims, body_ids, bodies, claim_of, body_of, unrelated, groups = _stance_pairs(
        "arc", folder / "arc_bodies.csv", folder / "arc_stances_train.csv"
    )
    pair_body_ids = [body_ids[i] for i in body_of]
    folds = body_folds(pair_body_ids, ARC_FOLDS)
    fold = np.array([folds[b] for b in pair_body_ids])
    return PairData(
        "arc", groups, claims, bodies, claim_of, body_of, unrelated, fold, tuple(range(ARC_FOLDS))
    )


def load_scifact(root: Path) -> RankingData:
    """SciFact: the queries present as goals, the corpus abstracts as groups.

    Parameters
    ----------
    root : pathlib.Path
        The data folder holding ``scifact/``.

    Returns
    -------
    RankingData
        Goals are the queries of ``queries.jsonl`` that have a judgement in ``qrels.tsv``
        (score > 0); groups are ``{"title": doc title, "description": doc text}``.
    """
    folder = root / "scifact"
    docs = list(read_jsonl(folder / "corpus.jsonl"))
    doc_pos = {doc["_id"]: i for i, doc in enumerate(docs)}
    judged: dict[str, set[int]] = defaultdict(set)
    with (folder / "qrels.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if int(row["score"]) > 0:
                judged[row["query-id"]].add(doc_pos[row["corpus-id"]])
    queries = [q for q in read_jsonl(folder / "queries.jsonl") if q["_id"] in judged]
    goals = [{"id": q["_id"], "text": q["text"]} for q in queries]
    groups = [{"id": doc["_id"], "title": doc["title"], "description": doc["text"]} for doc in docs]
    texts = [f"{doc['title']} {doc['text']}" for doc in docs]
    relevant = [frozenset(judged[q["_id"]]) for q in queries]
    return RankingData("scifact", goals, groups, texts, relevant)


@dataclass(frozen=True)
class _Meetup:
    """The Meetup files, parsed once."""

    groups: list[dict[str, str]]
    events: dict[str, list[str]]
    topics: list[dict[str, str]]


def _read_meetup(root: Path) -> _Meetup:
    """Read groups, their event titles (file order) and their topic tags."""
    folder = root / "meetup"
    groups = read_csv(folder / "groups.csv")
    events: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(folder / "events.csv"):
        events[row["group_id"]].append(row["name"])
    return _Meetup(groups, dict(events), read_csv(folder / "groups_topics.csv"))


def _meetup_group(row: dict[str, str], event_titles: list[str], group_id: str) -> Group:
    """One Meetup group in the product's schema: name, HTML description, events as discussions."""
    return {
        "id": group_id,
        "title": row["name"],
        "description": row["description"],
        "url": row["link"],
        "discussions": [{"title": title} for title in event_titles],
    }


def _plain(row: dict[str, str]) -> str:
    """A Meetup group's name and description as plain text."""
    return f"{row['name']} {html_to_text(row['description'])}"


def meetup_topics(meetup: _Meetup, min_tagged: int = MEETUP_MIN_TAGGED) -> list[str]:
    """Topic names tagging at least ``min_tagged`` of the groups, most frequent first.

    Topics are identified by name; ties are broken by name.
    """
    known = {row["id"] for row in meetup.groups}
    tagged = {(t["groupId"], t["name"]) for t in meetup.topics if t["groupId"] in known}
    counts = Counter(name for _, name in tagged)
    eligible = [name for name, n in counts.items() if n >= min_tagged]
    return sorted(eligible, key=lambda name: (-counts[name], name))


def load_meetup_ranking(root: Path) -> RankingData:
    """Meetup: topic names as goals over the 402 groups; relevant = groups tagged with the topic.

    Parameters
    ----------
    root : pathlib.Path
        The data folder holding ``meetup/``.

    Returns
    -------
    RankingData
        Groups carry their events as discussions; the baselines' texts are name + description.
    """
    meetup = _read_meetup(root)
    position = {row["id"]: i for i, row in enumerate(meetup.groups)}
    topics = meetup_topics(meetup)
    members: dict[str, set[int]] = defaultdict(set)
    for tag in meetup.topics:
        if tag["groupId"] in position:
            members[tag["name"]].add(position[tag["groupId"]])
    goals = [{"id": f"topic-{i}", "text": name} for i, name in enumerate(topics)]
    groups = [
        _meetup_group(row, meetup.events.get(row["id"], []), row["id"]) for row in meetup.groups
    ]
    texts = [_plain(row) for row in meetup.groups]
    relevant = [frozenset(members[name]) for name in topics]
    return RankingData("meetup", goals, groups, texts, relevant)


def derangement(n: int, seed: int = SEED) -> np.ndarray:
    """A deterministic random permutation without fixed points (one random cycle).

    Parameters
    ----------
    n : int
        Size, at least 2.
    seed : int
        Seed of the shuffle.

    Returns
    -------
    numpy.ndarray
        ``other[i] != i`` for every ``i``.
    """
    order = np.random.default_rng(seed).permutation(n)
    other = np.empty(n, dtype=int)
    other[order] = np.roll(order, -1)
    return other


def load_meetup_pairs(root: Path, min_events: int = MEETUP_MIN_EVENTS) -> PairData:
    """Meetup: each group's description against its own events and another group's.

    Parameters
    ----------
    root : pathlib.Path
        The data folder holding ``meetup/``.
    min_events : int
        Only groups with at least this many events enter.

    Returns
    -------
    PairData
        Two pairs per eligible group: its own event titles (related) and those of another
        eligible group chosen by :func:`derangement` (unrelated). Claims are name +
        description, bodies the event titles one per line. A single fold, reported:
        only the ROC-AUC is meaningful.
    """
    meetup = _read_meetup(root)
    rows = [row for row in meetup.groups if len(meetup.events.get(row["id"], [])) >= min_events]
    n = len(rows)
    other = derangement(n)
    groups = [_meetup_group(row, meetup.events[row["id"]], row["id"]) for row in rows]
    groups += [
        _meetup_group(row, meetup.events[rows[j]["id"]], f"{row['id']}~{rows[j]['id']}")
        for row, j in zip(rows, other, strict=True)
    ]
    claims = [_plain(row) for row in rows]
    bodies = ["\n".join(meetup.events[row["id"]]) for row in rows]
    claim_of = np.concatenate([np.arange(n), np.arange(n)])
    body_of = np.concatenate([np.arange(n), other])
    unrelated = np.concatenate([np.zeros(n, bool), np.ones(n, bool)])
    fold = np.zeros(2 * n, dtype=int)
    return PairData("meetup", groups, claims, bodies, claim_of, body_of, unrelated, fold, (0,))
