"""``--format html``: one self-contained page to look at, not read.

For each goal the page holds the counts of decisions, two charts and the ranked table:

- **Relevance against consistency.** Each group is a point, coloured by its decision. Below the
  dashed line (``consistency`` 0.5, the default ``misleading_below``)
  the discussions do not bear the title out: misleading groups are drawn as red crosses in a
  shaded band, so they stand apart from the honest ones. Groups without discussions have no
  consistency and are left off (the page says how many).
- **The size-fit curve.** The curve is ``size_fit`` over member counts (log scale) for the run's
  ``size_range``; each group with a known count sits on it.
- **The table**: rank, decision, overall, relevance, consistency, the flag, title and id, and
  every reason.

Hovering a point names the group. The charts are drawn by plotly.js, embedded whole in the page
(from the ``plotly`` package), so the page opens offline and fetches nothing.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

import numpy as np

from relevance import display
from relevance.io.writers import ResultWriter
from relevance.schema import Result
from relevance.signals.size import size_fit

DECISIONS = ("JOIN", "CONSIDER", "SKIP", "STAY", "LEAVE")
COLOURS = {
    "JOIN": "#1a7f37",
    "CONSIDER": "#bf8700",
    "SKIP": "#6e7781",
    "STAY": "#0969da",
    "LEAVE": "#cf222e",
}
MISLEADING_COLOUR = "#cf222e"
# The mode bar (zoom, pan, save) only while the pointer is on a chart: shown always, it lies on
# the chart's title, as a narrow chart has no room for both in one line.
_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": "hover"}
_UNIT = [-0.03, 1.03]  # a score axis, with room for the markers at 0 and 1


class HtmlWriter(ResultWriter):
    """Collects the results and writes the page at close (see :func:`render_report`).

    Parameters
    ----------
    stream : TextIO
        Where to write; flushed, not closed.
    settings : mapping or None, default=None
        The run's settings (``size_range``, ``model``, ``today``, ``misleading_below``).
    goals : mapping or None, default=None
        Goal id to goal text, for the headings.
    """

    def __init__(
        self,
        stream: TextIO,
        settings: Mapping[str, Any] | None = None,
        goals: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(stream)
        self.settings = dict(settings or {})
        self.goals = dict(goals or {})
        self._by_goal: dict[str, list[Result]] = {}

    def _write(self, result: Result) -> None:
        self._by_goal.setdefault(result.goal_id, []).append(result)

    def _finish(self) -> None:
        self.stream.write(render_report(self._by_goal, self.goals, self.settings))


def render_report(
    by_goal: Mapping[str, Sequence[Result]],
    goals: Mapping[str, str] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """The whole HTML page.

    Parameters
    ----------
    by_goal : mapping
        Goal id to its results, in the order to show (best first).
    goals : mapping or None, default=None
        Goal id to goal text.
    settings : mapping or None, default=None
        The run's settings; ``size_range`` (default ``[300, 5000]``) draws the size curve.

    Returns
    -------
    str
        A complete HTML document with plotly.js inlined.
    """
    import plotly
    from plotly.offline import get_plotlyjs

    goals = goals or {}
    settings = settings or {}
    low, high = settings.get("size_range") or (300, 5000)
    sections = [
        _section(n, goal_id, goals.get(goal_id), list(results), (int(low), int(high)), settings)
        for n, (goal_id, results) in enumerate(by_goal.items(), 1)
    ]
    total = sum(len(r) for r in by_goal.values())
    meta = " · ".join(
        part
        for part in (
            f"{total:,} results",
            f"model {settings['model']}" if settings.get("model") else "",
            f"day {settings['today']}" if settings.get("today") else "",
            f"charts by plotly.js {plotly.__version__} (embedded, works offline)",
        )
        if part
    )
    body = "\n".join(sections) if sections else "<p>No groups to show.</p>"
    return _PAGE.format(
        style=_STYLE,
        plotly=get_plotlyjs(),
        meta=html.escape(meta),
        body=body,
        draw=_DRAW.replace("CONFIG", json.dumps(_CONFIG)),
    )


def _section(
    n: int,
    goal_id: str,
    text: str | None,
    results: list[Result],
    size_range: tuple[int, int],
    settings: Mapping[str, Any],
) -> str:
    heading = f"Goal {goal_id}: {text}" if text else f"Goal {goal_id}"
    if goal_id == "goal" and text:  # the one goal of --goal or --goal-file
        heading = f"Goal: {text}"
    counts = Counter(r.decision for r in results)
    badges = "".join(
        f'<span class="badge" style="background:{COLOURS[d]}">{d} {counts[d]}</span>'
        for d in DECISIONS
        if counts[d]
    )
    charts = [
        _chart(
            f"consistency-{n}",
            _consistency_figure(results, settings),
            _left_off(results, "consistency"),
        ),
        _chart(
            f"size-{n}",
            _size_figure(results, size_range, settings),
            _left_off(results, "member_count"),
        ),
    ]
    return (
        f'<section id="goal-{n}">\n<h2>{html.escape(heading)}</h2>\n'
        f'<p class="counts">{badges}</p>\n<div class="charts">{"".join(charts)}</div>\n'
        f"{_table(results, settings)}\n</section>"
    )


def _left_off(results: list[Result], field: str) -> str:
    missing = sum(1 for r in results if getattr(r, field) is None)
    if not missing:
        return ""
    what = "no discussions" if field == "consistency" else "no member count"
    have = display.agrees(missing, "has", "have")
    return (
        f"{missing} of {display.counted(len(results), 'group')} {have} {what} and "
        f"{display.agrees(missing, 'is', 'are')} not on this chart."
    )


def _chart(div_id: str, figure: dict[str, Any], note: str) -> str:
    # The figure as JSON data in the page, drawn by _DRAW once the page is laid out (drawn
    # earlier, a chart takes the width of a row its neighbour has not joined yet).
    # Every "<" is escaped, so that a title holding "</script>" or "<!--" cannot end or bend
    # the element; JSON.parse gives it back.
    spec = json.dumps(figure, ensure_ascii=False).replace("<", "\\u003c")
    caption = f'<p class="note">{html.escape(note)}</p>' if note else ""
    return (
        f'<figure><div id="{div_id}" class="chart"></div>{caption}'
        f'<script type="application/json" class="figure" data-for="{div_id}">{spec}</script>'
        "</figure>"
    )


def _hover(r: Result, settings: Mapping[str, Any]) -> str:
    return f"{r.title}<br>{r.decision} · overall {display.overall(r.overall, settings)}"


def _points(
    results: list[Result],
    x: Any,
    y: Any,
    name: str,
    colour: str,
    settings: Mapping[str, Any],
    symbol: str = "circle",
) -> dict[str, Any]:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [x(r) for r in results],
        "y": [y(r) for r in results],
        "text": [_hover(r, settings) for r in results],
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"color": colour, "size": 11, "symbol": symbol, "line": {"width": 1}},
    }


def _consistency_figure(results: list[Result], settings: Mapping[str, Any]) -> dict[str, Any]:
    known = [r for r in results if r.consistency is not None and r.relevance is not None]
    traces = []
    for decision in DECISIONS:
        honest = [r for r in known if r.decision == decision and r.misleading is not True]
        if honest:
            traces.append(
                _points(honest, _rel, _cons, decision, COLOURS[decision], settings, "circle")
            )
    misleading = [r for r in known if r.misleading is True]
    if misleading:
        traces.append(
            _points(misleading, _rel, _cons, "misleading title", MISLEADING_COLOUR, settings, "x")
        )
    layout = _layout(
        "Relevance against consistency",
        {"title": {"text": "relevance (title and description vs your goal)"}, "range": _UNIT},
        {"title": {"text": "consistency (discussions vs title)"}, "range": _UNIT},
    )
    layout["shapes"] = [
        {
            "type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": -0.03, "y1": 0.5,
            "fillcolor": MISLEADING_COLOUR, "opacity": 0.07, "line": {"width": 0}, "layer": "below",
        },
        {
            "type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 0.5, "y1": 0.5,
            "line": {"color": MISLEADING_COLOUR, "dash": "dash", "width": 1},
        },
    ]  # fmt: skip
    layout["annotations"] = [
        {
            "xref": "paper", "x": 1, "y": 0.47, "xanchor": "right", "yanchor": "top",
            "text": "below the line: title not borne out", "showarrow": False,
            "font": {"color": MISLEADING_COLOUR, "size": 11},
        }
    ]  # fmt: skip
    return {"data": traces, "layout": layout}


def _rel(r: Result) -> float | None:
    return r.relevance


def _cons(r: Result) -> float | None:
    return r.consistency


def _size_figure(
    results: list[Result], size_range: tuple[int, int], settings: Mapping[str, Any]
) -> dict[str, Any]:
    low, high = size_range
    counts = [r.member_count for r in results if r.member_count]
    lo = max(1.0, min([low / 30, *counts]) / 1.5)
    hi = max([high * 300, *counts]) * 1.5
    grid = np.geomspace(lo, hi, 200)
    curve = {
        "type": "scatter",
        "mode": "lines",
        "name": f"size fit (best {low:,}-{high:,})",
        "x": [round(float(v), 2) for v in grid],
        "y": [round(float(v), 4) for v in size_fit(grid, low, high)],
        "line": {"color": "#8c959f", "width": 2},
        "hoverinfo": "skip",
    }
    traces = [curve]
    placed = [r for r in results if r.member_count is not None and r.size_fit is not None]
    for decision in DECISIONS:
        group = [r for r in placed if r.decision == decision]
        if group:
            traces.append(_points(group, _count, _size, decision, COLOURS[decision], settings))
    layout = _layout(
        "Where each group sits on the size-fit curve",
        {"title": {"text": "members (log scale)"}, "type": "log"},
        {"title": {"text": "size fit"}, "range": [-0.03, 1.08]},
    )
    return {"data": traces, "layout": layout}


def _count(r: Result) -> int | None:
    # An empty group (0 members) cannot sit on a log axis; it is drawn at 1.
    return None if r.member_count is None else max(r.member_count, 1)


def _size(r: Result) -> float | None:
    return r.size_fit


def _layout(title: str, xaxis: dict[str, Any], yaxis: dict[str, Any]) -> dict[str, Any]:
    return {
        # Left, under the mode bar's strip (the top 36 px), so that the bar never covers it.
        "title": {
            "text": title,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 36},
        },
        "xaxis": {**xaxis, "zeroline": False},
        "yaxis": {**yaxis, "zeroline": False},
        "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.22},
        "margin": {"l": 60, "r": 20, "t": 76, "b": 40},
        "height": 440,
        "template": {"layout": {"plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff"}},
    }


def _table(results: list[Result], settings: Mapping[str, Any]) -> str:
    rows = "\n".join(_row(rank, r, settings) for rank, r in enumerate(results, 1))
    return (
        "<table>\n<thead><tr><th>#</th><th>decision</th><th>overall</th><th>relevance</th>"
        "<th>consistency</th><th>group</th><th>reasons</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _row(rank: int, r: Result, settings: Mapping[str, Any]) -> str:
    flag = ' <span class="flag" title="title not borne out by the discussions">!</span>'
    reasons = "".join(f"<li>{html.escape(reason)}</li>" for reason in r.reasons)
    return (
        f'<tr><td class="num">{rank}</td>'
        f'<td><span class="badge" style="background:{COLOURS.get(r.decision, "#555")}">'
        f"{html.escape(r.decision)}</span></td>"
        f'<td class="num">{display.overall(r.overall, settings)}</td>'
        f'<td class="num">{_score(r.relevance)}</td>'
        f'<td class="num">{_score(r.consistency)}{flag if r.misleading else ""}</td>'
        f"<td><b>{html.escape(r.title)}</b><br><code>{html.escape(r.id)}</code></td>"
        f"<td><ul>{reasons}</ul></td></tr>"
    )


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1200px;
       padding: 0 16px; color: #1f2328; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; }
.meta, .note { color: #656d76; font-size: 13px; }
.badge { color: #fff; border-radius: 4px; padding: 1px 7px; font-size: 13px; font-weight: 600;
         margin-right: 6px; white-space: nowrap; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { flex: 1 1 520px; margin: 0; } .chart { width: 100%; min-height: 440px; }
table { border-collapse: collapse; width: 100%; margin-top: 16px; }
th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top;
         text-align: left; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-left: 18px; } code { color: #656d76; font-size: 12px; }
.flag { color: #cf222e; font-weight: 700; }
"""

_DRAW = """
document.querySelectorAll("script.figure").forEach(function (element) {
  var figure = JSON.parse(element.textContent);
  Plotly.newPlot(element.dataset.for, figure.data, figure.layout, CONFIG);
});
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>relevance: which groups are worth your time</title>
<style>{style}</style>
<script>{plotly}</script>
</head>
<body>
<h1>Which groups are worth your time</h1>
<p class="meta">{meta}</p>
{body}
<script>{draw}</script>
</body>
</html>
"""
