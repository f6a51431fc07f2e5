"""Hostile-input timings: each text step must take time linear in its input (issue 14, item 4).

Usage::

    python benchmarks/hostile.py [--sizes 50000,100000,200000,400000,800000] [--repeats 7]
                                 [--no-command] [--json FILE]

For each input that used to take quadratic time, at sizes that double, the median of
``--repeats`` runs in this process, and the ratio of each median to the one before: about 2 per
doubling for linear time, about 4 for quadratic, and the exponent fitted over all sizes (1 for
linear, 2 for quadratic; steadier than a single ratio on a busy machine). The inputs:

- ``email``: a description of ``"a." * (n/2) + "@"`` (the e-mail pattern);
- ``comment``: ``"<!--" * (n/4)`` (an unclosed HTML comment, over and over);
- ``script``: ``"<script " * (n/8)``;
- ``anchor``: ``"<a" * (n/2)``;
- ``csv-header``: a CSV file whose header has ``n/4`` columns (read, not scored).

The text cases time :meth:`relevance.text.TextAnalyzer.unigrams` (HTML stripping, URLs and
addresses, tokens, stems: what scoring does to a description). Unless ``--no-command``, each case
at the largest size also runs through the installed ``relevance score`` once, end to end, beside
a plain one-line description (``plain``: the command's start-up alone).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

DEFAULT_SIZES = (50_000, 100_000, 200_000, 400_000, 800_000)


def _text_cases() -> dict[str, Callable[[int], str]]:
    return {
        "email": lambda n: "a." * (n // 2) + "@",
        "comment": lambda n: "<!--" * (n // 4),
        "script": lambda n: "<script " * (n // 8),
        "anchor": lambda n: "<a" * (n // 2),
    }


def _csv_header(columns: int) -> str:
    names = ",".join(f"c{i}" for i in range(columns))
    return f"title,{names}\nfintech,{',' * (columns - 1)}\n"


def _median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(sizes: Sequence[int], repeats: int) -> dict[str, list[dict[str, float]]]:
    """Median seconds per case and size, with the ratio to the size before."""
    from relevance.io.records import read_groups
    from relevance.text import TextAnalyzer

    analyzer = TextAnalyzer()
    results: dict[str, list[dict[str, float]]] = {}
    for name, make in _text_cases().items():
        rows = []
        for size in sizes:
            text = make(size)
            seconds = _median_seconds(lambda t=text: analyzer.unigrams(t), repeats)
            rows.append({"size": size, "seconds": seconds})
        results[name] = rows
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for size in sizes:
            path = Path(folder) / f"wide-{size}.csv"
            path.write_text(_csv_header(size // 4), encoding="utf-8")
            seconds = _median_seconds(lambda p=path: list(read_groups(str(p))), repeats)
            rows.append({"size": size // 4, "seconds": seconds})
        results["csv-header"] = rows
    for rows in results.values():
        for before, row in pairwise(rows):
            row["ratio"] = row["seconds"] / before["seconds"] if before["seconds"] else 0.0
    return results


def command_seconds(size: int) -> dict[str, float]:
    """Wall time of ``relevance score`` on one group holding each text case (startup included)."""
    timings: dict[str, float] = {}
    cases = {"plain": lambda n: "fintech founders", **_text_cases()}  # plain: startup alone
    with tempfile.TemporaryDirectory() as folder:
        for name, make in cases.items():
            path = Path(folder) / f"{name}.jsonl"
            record = {"id": name, "title": "Fintech founders", "description": make(size)}
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            start = time.perf_counter()
            subprocess.run(
                ["relevance", "score", str(path), "--goal", "fintech", "-f", "jsonl", "-q"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            timings[name] = time.perf_counter() - start
    return timings


def exponent(rows: Sequence[dict[str, float]]) -> float:
    """The slope of log(time) against log(size), least squares: 1 is linear, 2 quadratic."""
    xs = [math.log(row["size"]) for row in rows]
    ys = [math.log(max(row["seconds"], 1e-9)) for row in rows]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def render(results: dict[str, list[dict[str, float]]]) -> str:
    lines = [f"{'case':<12}{'size':>10}{'median ms':>12}{'ratio':>8}"]
    for name, rows in results.items():
        for row in rows:
            ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
            lines.append(f"{name:<12}{row['size']:>10,}{row['seconds'] * 1000:>12.2f}{ratio:>8}")
    lines.append("")
    lines.append("exponent of time in size (1 = linear, 2 = quadratic), fitted over all sizes:")
    lines.extend(f"  {name:<12}{exponent(rows):.2f}" for name, rows in results.items())
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-command", action="store_true", help="skip the end-to-end runs")
    parser.add_argument("--json", metavar="FILE", help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",")]
    results = measure(sizes, args.repeats)
    print(render(results))
    report: dict[str, object] = {"sizes": sizes, "repeats": args.repeats, "cases": results}
    if not args.no_command:
        timings = command_seconds(sizes[-1])
        report["command_seconds"] = timings
        print(f"\nrelevance score, one group of {sizes[-1]:,} characters (startup included):")
        for name, seconds in timings.items():
            print(f"  {name:<10}{seconds:6.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
