"""How often the promotion marks call an honest public post a pitch (false positives).

``python benchmarks/promotion.py [--data ../shared/data]`` reads honest texts written by other
people from the evaluation data (Reddit front-page post titles, Meetup event titles, FNC-1
article bodies, ARC debate comments and 20 Newsgroups posts, each cut at 80 words as a
discussion would be) and prints, per set, the share that
:func:`relevance.signals.promotion.is_promotional` calls promotional, the marks seen most (a
weak mark alone does not count), and the first cases; then how many Meetup groups' own title
and description read as a pitch (:data:`relevance.signals.promotion.CLAIM_PITCH`). There is no
public set of spam posts
here, so recall is shown only on the shipped example's spam groups
(``tests/test_promotion.py`` holds cases of its own). Nothing is copied from the data.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
WORDS = 80


def _first_words(text: str) -> str:
    return " ".join(text.split()[:WORDS])


def _rows(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _column(path: Path, name: str) -> Iterator[str]:
    return (row[name] for row in _rows(path))


def _news(path: Path) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record.get("text") or record.get("data") or ""
            yield _first_words(text.split("\n\n", 1)[-1])  # the body, past the headers


def honest_sets(root: Path) -> dict[str, Iterable[str]]:
    """The honest texts of each set that is present."""
    sets: dict[str, Iterable[str]] = {}
    found = {
        "Reddit post titles": root / "reddit" / "posts_2023-12_2024-01.csv",
        "Meetup event titles": root / "meetup" / "events.csv",
        "FNC-1 article bodies": root / "fnc1" / "train_bodies.csv",
        "ARC debate comments": root / "arc" / "arc_bodies.csv",
        "20 Newsgroups posts": root / "20newsgroups" / "20news-bydate-train.jsonl.gz",
    }
    column = {"Reddit post titles": "title", "Meetup event titles": "name"}
    for name, path in found.items():
        if not path.exists():
            continue
        if path.suffix == ".gz":
            sets[name] = _news(path)
        elif name in column:
            sets[name] = _column(path, column[name])
        else:
            sets[name] = (_first_words(text) for text in _column(path, "articleBody"))
    return sets


def _described(row: dict[str, str]) -> dict[str, str]:
    return {"description": row["description"]} if row.get("description") else {}


def measure(
    texts: Iterable[str], examples: int = 3
) -> tuple[int, int, collections.Counter[str], list[str]]:
    """``(promotional, total, marks seen, first promotional texts)``; the job ads
    (:mod:`relevance.signals.job_ads`) are counted as the mark ``job ad``."""
    from relevance.signals import job_ads, promotion

    hits = total = 0
    marks: collections.Counter[str] = collections.Counter()
    shown: list[str] = []
    for text in texts:
        total += 1
        if job_ads.is_job_ad(text):
            marks["job ad"] += 1
        found = promotion.marks_of(text)
        marks.update(found)
        if promotion.is_promotional(found):
            hits += 1
            if len(shown) < examples:
                shown.append(f"{found}: {text[:100]}")
    return hits, total, marks, shown


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO_ROOT))
    sets = honest_sets(args.data)
    if not sets:
        print(f"skipped: no evaluation data under {args.data}")
        return 0
    print(f"{'honest texts':24} {'texts':>7} {'called promotion':>17}  marks seen most (alone: no)")
    for name, texts in sets.items():
        hits, total, marks, shown = measure(texts)
        ads = marks.pop("job ad", 0)
        common = ", ".join(f"{m} {n}" for m, n in marks.most_common(4))
        print(
            f"{name:24} {total:7,} {hits:8,} ({hits / max(total, 1):6.2%})  {common}; job ads {ads}"
        )
        for line in shown:
            print(f"    {line}")
    from relevance.schema import Group
    from relevance.signals import promotion

    descriptions = args.data / "meetup" / "groups.csv"
    if descriptions.exists():
        rows = list(_rows(descriptions))
        pitches = [
            row["name"]
            for row in rows
            if promotion.claim_pitch(
                Group.from_dict({"id": row["id"], "title": row["name"], **_described(row)})
            )
        ]
        cases = f": {', '.join(pitches[:3])}" if pitches else ""
        print(
            f"\nhonest groups whose own title and description read as a pitch: "
            f"{len(pitches)} of {len(rows):,} Meetup groups{cases}"
        )
    examples = json.loads((REPO_ROOT / "examples" / "groups.json").read_text(encoding="utf-8"))

    print("\nshipped example, groups with pitches (promotional / discussions):")
    for record in examples["groups"] if isinstance(examples, dict) else examples:
        group = Group.from_dict(record)
        names = frozenset(mark.name for mark in promotion.MARKS)
        exempt = promotion.exempt_marks(group, names)  # as the product sets them aside
        flags = [
            promotion.is_promotional(promotion.marks_of(d.text, exempt))
            for d in group.discussions or ()
        ]
        if any(flags):
            print(f"  {group.id:32} {sum(flags)} / {len(flags)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
