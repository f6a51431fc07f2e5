"""Tests of relevance.io.writers: the table, JSON, JSON Lines and CSV outputs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from relevance.errors import UsageError
from relevance.io.writers import CSV_COLUMNS, FORMATS, LEGEND, open_writer, render_table
from relevance.schema import SCHEMA_VERSION, Result


def result(**fields: Any) -> Result:
    """A result with sensible defaults, overridden by ``fields``."""
    values: dict[str, Any] = {
        "goal_id": "goal-1",
        "id": "fintech-cto",
        "title": "Fintech CTOs Europe",
        "decision": "JOIN",
        "overall": 0.82345,
        "relevance": 0.91234,
        "consistency": 0.7,
        "misleading": False,
        "matched_terms": [("fintech", 0.31), ("cto", 0.05671)],
        "reasons": ["Its description matches your goal closely.", "Its size suits you."],
    }
    values.update(fields)
    return Result(**values)


RESULTS = [
    result(),
    result(
        id="crypto-club",
        title="Crypto Traders Club \u2013 signals, pumps and the best exchanges for newcomers "
        "in 2026",
        decision="SKIP",
        overall=0.2,
        relevance=None,
        consistency=0.05,
        misleading=True,
        matched_terms=[],
        reasons=["The discussions are about trading signals, not what the title claims."],
    ),
    result(
        goal_id="goal-2",
        id="berlin-backend",
        title="Berlin Backend Engineers",
        decision="STAY",
        overall=0.5,
        relevance=0.5,
        joined=True,
        misleading=None,
        reasons=[],
    ),
]


def render(fmt: str, results: list[Result], **options: Any) -> str:
    """Write ``results`` in ``fmt`` to a string."""
    stream = io.StringIO()
    writer = open_writer(fmt, stream, **options)
    for item in results:
        writer.write(item)
    writer.close()
    return stream.getvalue()


def test_formats() -> None:
    assert FORMATS == ("table", "json", "jsonl", "csv", "html")


def test_unknown_format_and_reasons_mode() -> None:
    with pytest.raises(UsageError) as caught:
        open_writer("xml", io.StringIO())
    assert str(caught.value) == "unknown output format 'xml'; use table, json, jsonl, csv or html"
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError, match="unknown reasons mode 'some'"):
        open_writer("table", io.StringIO(), reasons="some")


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_round_trip() -> None:
    lines = render("jsonl", RESULTS).splitlines()
    assert [json.loads(line) for line in lines] == [r.to_dict() for r in RESULTS]
    assert "\u2013" in lines[1]  # not escaped: ensure_ascii=False


class CountingStream(io.StringIO):
    """A stream that counts flushes."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_jsonl_is_written_and_flushed_per_chunk() -> None:
    stream = CountingStream()
    writer = open_writer("jsonl", stream)
    writer.write_chunk(RESULTS[:2])
    assert len(stream.getvalue().splitlines()) == 2
    assert stream.flushes == 1
    writer.write_chunk(RESULTS[2:])
    assert (len(stream.getvalue().splitlines()), stream.flushes) == (3, 2)
    writer.close()
    writer.close()
    assert writer.count == 3


# --- JSON ----------------------------------------------------------------------------------


def test_json_document() -> None:
    settings = {"model": "default", "top": None, "industries": ("Banking",)}
    text = render("json", RESULTS, settings=settings)
    document = json.loads(text)
    assert list(document) == ["schema_version", "settings", "results"]
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["settings"] == {"model": "default", "top": None, "industries": ["Banking"]}
    assert document["results"] == [r.to_dict() for r in RESULTS]
    assert document["results"][0]["overall"] == 0.8235
    assert text.startswith('{\n  "schema_version": ')
    assert text.endswith("}\n")


def test_json_empty() -> None:
    assert json.loads(render("json", [])) == {
        "schema_version": SCHEMA_VERSION,
        "settings": {},
        "results": [],
    }


def test_json_writes_nothing_when_the_run_fails() -> None:
    stream = io.StringIO()
    with pytest.raises(RuntimeError), open_writer("json", stream) as writer:
        writer.write(RESULTS[0])
        raise RuntimeError("scoring failed")
    assert stream.getvalue() == ""


# --- CSV -----------------------------------------------------------------------------------


def test_csv_header_and_cells() -> None:
    lines = render("csv", RESULTS).splitlines()
    assert lines[0] == (
        "goal_id,id,title,decision,overall,relevance,discussion_relevance,consistency,drift,"
        "promotion,size_fit,member_fit,activity,return_on_time,misleading,joined,matched_terms,"
        "reasons,evidence"
    )
    assert lines[1] == (
        "goal-1,fintech-cto,Fintech CTOs Europe,JOIN,0.8235,0.9123,,0.7000,,,,,,,false,false,"
        "fintech:0.3100;cto:0.0567,Its description matches your goal closely. | "
        "Its size suits you.,"
    )
    assert lines[2].startswith('goal-1,crypto-club,"Crypto Traders Club \u2013 signals, pumps and')
    assert lines[2].endswith(
        ',SKIP,0.2000,,,0.0500,,,,,,,true,false,,"The discussions are about '
        'trading signals, not what the title claims.",'
    )
    assert lines[3].endswith(",,true,fintech:0.3100;cto:0.0567,,")


def test_csv_round_trip() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", RESULTS))))
    assert len(rows) == len(RESULTS)
    for row, item in zip(rows, RESULTS, strict=True):
        expected = item.to_dict()
        for column in CSV_COLUMNS[:4]:
            assert row[column] == expected[column]
        for column in ("overall", "relevance", "discussion_relevance", "consistency"):
            assert (float(row[column]) if row[column] else None) == expected[column]
        assert row["misleading"] == {True: "true", False: "false", None: ""}[expected["misleading"]]
        terms = [t.split(":") for t in row["matched_terms"].split(";") if t]
        assert [(t, float(w)) for t, w in terms] == [
            (m["term"], m["weight"]) for m in expected["matched_terms"]
        ]
        assert (row["reasons"].split(" | ") if row["reasons"] else []) == expected["reasons"]


def test_csv_cells_with_a_carriage_return_read_back() -> None:
    # Hypothesis found a title "0\r": csv quotes "\n" (its line terminator), not a bare "\r".
    odd = [result(id="cr", title="0\r"), result(id="crlf", title="a\r\nb"), RESULTS[0]]
    text = render("csv", odd)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["title"] for row in rows] == ["0\r", "a\r\nb", RESULTS[0].title]
    assert text.splitlines()[-1].startswith("goal-1,fintech-cto,")  # other rows as before


def test_csv_header_alone_without_results() -> None:
    assert render("csv", []) == ",".join(CSV_COLUMNS) + "\n"


# --- table ---------------------------------------------------------------------------------


def test_table_at_80_columns_exactly() -> None:
    text = render("table", RESULTS[:2], goals={"goal-1": "meet fintech CTOs"})
    assert text == (
        "#  decision  overall  relevance  !  title\n"
        "1  JOIN         0.82       0.91     Fintech CTOs Europe\n"
        "   Its description matches your goal closely.\n"
        "2  SKIP         0.20          -  !  Crypto Traders Club \u2013 signals, pumps and th…\n"
        "   The discussions are about trading signals, not what the title claims.\n"
        "\n"
        f"{LEGEND}\n"
    )
    assert max(len(line) for line in text.splitlines()) == 80


def test_table_groups_by_goal_and_shows_ids_when_wide() -> None:
    goals = {"goal-1": "meet fintech CTOs in Europe", "goal-2": "find backend jobs"}
    text = render("table", RESULTS, goals=goals, width=120, reasons="none")
    title = "title".ljust(68)
    assert text.splitlines() == [
        "Goal goal-1: meet fintech CTOs in Europe",
        f"#  decision  overall  relevance  !  {title}  id",
        f"1  JOIN         0.82       0.91     {'Fintech CTOs Europe'.ljust(68)}  fintech-cto",
        "2  SKIP         0.20          -  !  Crypto Traders Club \u2013 signals, pumps and "
        "the best exchanges for new…  crypto-club",
        "",
        "Goal goal-2: find backend jobs",
        f"#  decision  overall  relevance  !  {title}  id",
        f"1  STAY         0.50       0.50     {'Berlin Backend Engineers'.ljust(68)}  "
        "berlin-backend",
        "",
        LEGEND,
    ]
    assert max(len(line) for line in text.splitlines()) <= 120


def test_table_short_titles_leave_room_for_ids() -> None:
    text = render("table", [result(title="Short")])
    assert text.splitlines()[:2] == [
        "#  decision  overall  relevance  !  title  id",
        "1  JOIN         0.82       0.91     Short  fintech-cto",
    ]


def test_table_all_reasons_and_goal_heading_truncated() -> None:
    long_goal = "meet " + "very " * 30 + "specific people"
    items = [result(), result(goal_id="goal-2", reasons=["x" * 200])]
    text = render("table", items, goals={"goal-1": long_goal}, reasons="all")
    lines = text.splitlines()
    assert lines[0].startswith("Goal goal-1: meet very") and lines[0].endswith("…")
    assert lines[3:5] == [
        "   Its description matches your goal closely.",
        "   Its size suits you.",
    ]
    assert "Goal goal-2" in lines
    assert all(len(line) <= 80 for line in lines)


def test_table_never_exceeds_the_width() -> None:
    many = [
        result(
            id=f"group-{i}-" + "x" * i,
            title=("Τίτλος 标题 title\twith\nbreaks " * 8)[: 5 + 7 * i],
            overall=i / 150,
            relevance=None if i % 3 else i / 150,
            misleading=i % 2 == 0,
            reasons=["because " * i],
        )
        for i in range(150)
    ]
    for width in (40, 80, 100, 133):
        lines = render("table", many, width=width).splitlines()
        limit = max(width, 80)
        assert all(display_width(line) <= limit for line in lines)
        assert all("\t" not in line for line in lines)
        assert lines[1].startswith("  1  ")  # ranks right-aligned to 3 digits


def display_width(text: str) -> int:
    """Terminal columns, counting CJK characters as two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def test_table_strips_control_characters() -> None:
    text = render("table", [result(title="Evil\x1b[2J title\r\nhere", reasons=["a\x07b"])])
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "Evil[2J title here" in text


def test_table_without_results() -> None:
    assert render("table", []) == "No groups to show.\n"


def test_render_table_is_deterministic() -> None:
    by_goal = {"goal-1": RESULTS[:2]}
    assert render_table(by_goal) == render_table(by_goal)
    assert render_table(by_goal)[-1] == LEGEND


SAME_TITLE = "Smoke Taint Research Exchange - Willamette chapter"


def test_table_shows_ids_when_two_rows_have_the_same_title() -> None:
    rows = [result(id="st-nospam", title=SAME_TITLE), result(id="st-spam", title=SAME_TITLE)]
    text = render("table", rows, reasons="none")
    assert text.splitlines() == [
        "#  decision  overall  relevance  !  title                              id",
        "1  JOIN         0.82       0.91     Smoke Taint Research Exchange -…   st-nospam",
        "2  JOIN         0.82       0.91     Smoke Taint Research Exchange -…   st-spam",
    ]


def test_table_shows_ids_when_two_titles_would_be_cut_alike() -> None:
    rows = [
        result(id="a", title=SAME_TITLE + " (wine growers of the north valley)"),
        result(id="b", title=SAME_TITLE + " (wine growers of the south valley)"),
    ]
    lines = render("table", rows, reasons="none").splitlines()
    assert [line.split()[-1] for line in lines] == ["id", "a", "b"]
    assert max(len(line) for line in lines) <= 80


def test_table_same_title_and_same_id_needs_no_id() -> None:
    # The same group twice (the same id) is not told apart by its id: no column for it.
    rows = [result(title=SAME_TITLE), result(title=SAME_TITLE)]
    assert render("table", rows, reasons="none").splitlines()[0].split()[-1] == "title"


def test_table_puts_long_ids_under_rows_that_look_alike() -> None:
    long_ids = ["https://www.linkedin.com/groups/1234567/smoke-taint-research", "x" * 60]
    rows = [result(id=i, title=SAME_TITLE) for i in long_ids]
    text = render("table", rows, reasons="first")
    assert text.splitlines() == [
        "#  decision  overall  relevance  !  title",
        "1  JOIN         0.82       0.91     Smoke Taint Research Exchange - Willamette…",
        "   id https://www.linkedin.com/groups/1234567/smoke-taint-research",
        "   Its description matches your goal closely.",
        "2  JOIN         0.82       0.91     Smoke Taint Research Exchange - Willamette…",
        f"   id {'x' * 60}",
        "   Its description matches your goal closely.",
    ]


def test_table_rows_of_different_goals_do_not_look_alike() -> None:
    # One group under two goals is one row per goal: each goal's section is judged alone.
    one, two = result(id="group-a", title=SAME_TITLE), result(id="group-b", title=SAME_TITLE)
    lines = render_table({"g1": [one], "g2": [two]}, reasons="none")
    assert "id" not in lines[1].split()
    lines = render_table({"g1": [one, two]}, reasons="none")  # in one section they need ids
    assert lines[0].split()[-1] == "id"


def test_the_table_shows_overall_on_its_side_of_the_decision_lines() -> None:
    lines = {"consider_at": 0.40, "join_at": 0.55, "leave_below": 0.35}
    below = result(id="a", title="Keto Austin", decision="SKIP", overall=0.396)
    near = result(id="b", title="PyO3 and maturin", decision="CONSIDER", overall=0.5492)
    plain = result(id="c", title="Rust Gamedev", decision="CONSIDER", overall=0.51)
    rows = render_table({"g": [near, plain, below]}, reasons="none", settings=lines)[1:]
    assert [row.split()[2] for row in rows] == ["0.549", "0.51", "0.396"]
    # Without the run's settings there is no line to read against: two decimals.
    assert render_table({"g": [below]}, reasons="none")[1].split()[2] == "0.40"
