"""Input mistakes two new-user trials made that passed silently or got weak messages (review5
D3, D5, D6; review4 item 9): each is now said on standard error, exactly, with exit 0 for a
warning, 1 for bad data and 2 for bad usage, and never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import assert_error, score


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # errors name the file as given


def _titles(stdout: str) -> list[str]:
    return [row["title"] for row in csv.DictReader(io.StringIO(stdout))]


# -- 1. a column whose header names no field -------------------------------------------------

EXPORT = (
    "Group,Blurb,Headcount,Link,Organizer,Next event\n"
    "Austin Restaurant Owners,Monthly breakfast for restaurant owners,412,"
    "https://example.org/a,Maria G.,2026-12-09\n"
    "ATX Food Trucks,Food truck owners: permits and commissaries,1.2K,"
    "https://example.org/b,Dev P.,\n"
)
FIELDS = (
    "id, title, description, url, member_count, members, discussions, joined, joined_on, "
    "effort, effort.hours"
)


def test_columns_that_name_no_field_are_said_once(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    result = score(runner, "export.csv", "--goal", "restaurant owners", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Warning: export.csv: 4 columns match no group field and are ignored: 'Blurb', "
        f"'Headcount', 'Organizer', 'Next event' (the fields: {FIELDS})\n"
        'Hint: say what a column holds with --columns, e.g. --columns "Blurb=description", '
        'or "Blurb=-" to leave it out\n'
    )
    assert _titles(result.stdout) == ["Austin Restaurant Owners", "ATX Food Trucks"]


def test_a_misspelt_header_gets_a_did_you_mean(runner: object) -> None:
    Path("groups.csv").write_text("title,Descripton\nPorts,Container shipping\n", "utf-8")
    result = score(runner, "groups.csv", "--goal", "ports", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Warning: groups.csv: 1 column matches no group field and is ignored: 'Descripton' "
        f"(did you mean description?) (the fields: {FIELDS})\n"
        'Hint: say what a column holds with --columns, e.g. --columns "Descripton=description", '
        'or "Descripton=-" to leave it out\n'
    )


def test_mapped_columns_leave_only_the_others_in_the_warning(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    mapping = "Blurb=description,Headcount=member_count"
    result = score(
        runner, "export.csv", "--goal", "restaurant owners", "--format", "csv",
        "--columns", mapping,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Warning: export.csv: 2 columns match no group field and are ignored: 'Organizer', "
        f"'Next event' (the fields: {FIELDS})\n"
        'Hint: say what a column holds with --columns, e.g. --columns "Organizer=FIELD", '
        'or "Organizer=-" to leave it out\n'
    )


def test_columns_left_out_on_purpose_are_not_warned_of(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    mapping = "Blurb=description,Headcount=member_count,Organizer=-,Next event=-"
    result = score(
        runner, "export.csv", "--goal", "restaurant owners", "--format", "json",
        "--columns", mapping,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    results = json.loads(result.stdout)["results"]
    assert [r["evidence"] for r in results] == [["description", "member_count"]] * 2


def test_a_json_key_left_out_is_not_read(runner: object) -> None:
    record = {"name": "Ports", "about": "Container shipping", "members": "Ana, Li"}
    Path("groups.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = score(runner, "groups.jsonl", "--goal", "ports", "--format", "json")
    assert result.exit_code == 1  # members must be a list or a count
    result = score(
        runner, "groups.jsonl", "--goal", "ports", "--format", "json", "--columns", "members=-"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["evidence"] == ["description"]


def test_a_header_of_fields_only_says_nothing(runner: object) -> None:
    Path("groups.csv").write_text(
        "Group Name,About,Members,URL\nPorts,Container shipping,1200,https://example.org\n",
        encoding="utf-8",
    )
    result = score(runner, "groups.csv", "--goal", "ports", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_the_library_warns_only_when_asked() -> None:
    from relevance.io import read_groups
    from relevance.io.options import ReadOptions

    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    said: list[str] = []
    groups = list(read_groups("export.csv", options=ReadOptions(notice=said.append)))
    assert [g.description for g in groups] == [None, None]
    assert len(said) == 1 and said[0].startswith("export.csv: 4 columns match no group field")
    assert len(list(read_groups("export.csv"))) == 2  # no notice channel: nothing said


# -- 2. --columns against this file ----------------------------------------------------------

EXPORT_COLUMNS = "(its columns: Group, Blurb, Headcount, Link, Organizer, Next event)"


def test_columns_naming_a_column_the_file_lacks_is_bad_usage(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    assert_error(
        score(runner, "export.csv", "--goal", "food", "--columns", "Nope=description"),
        2,
        "Error: export.csv: --columns names the column 'Nope', but the header has no such "
        f"column {EXPORT_COLUMNS}\n"
        "Hint: name a column of the header (case, spaces, _ and - do not matter)\n",
    )


def test_columns_with_a_near_miss_gets_a_did_you_mean(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    assert_error(
        score(runner, "export.csv", "--goal", "food", "--columns", "Blurbs=description"),
        2,
        "Error: export.csv: --columns names the column 'Blurbs', but the header has no such "
        f"column {EXPORT_COLUMNS}\nHint: did you mean 'Blurb'?\n",
    )


def test_columns_match_the_header_without_regard_to_case(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    result = score(
        runner, "export.csv", "--goal", "food", "--format", "csv",
        "--columns", "blurb=description,HEADCOUNT=member_count,next_event=id",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "Warning: export.csv: 1 column matches no group field and is ignored: 'Organizer'"
    )
    assert sorted(_titles(result.stdout)) == ["ATX Food Trucks", "Austin Restaurant Owners"]


def test_a_column_of_names_mapped_to_members_says_what_members_takes(runner: object) -> None:
    Path("export.csv").write_text(EXPORT, encoding="utf-8")
    mapping = "Blurb=description,Headcount=member_count,Organizer=members"
    assert_error(
        score(runner, "export.csv", "--goal", "food", "--columns", mapping),
        1,
        "Warning: export.csv: 1 column matches no group field and is ignored: 'Next event' "
        f"(the fields: {FIELDS})\n"
        'Hint: say what a column holds with --columns, e.g. --columns "Next event=FIELD", '
        'or "Next event=-" to leave it out\n'
        "Error: export.csv line 2: 'members' (column 'Organizer', named so by --columns) must "
        "be a member count or a JSON list of members, got 'Maria G.'\n"
        'Hint: in a CSV, members is the count (1,200) or JSON ([{"name": "Maria G."}]); a '
        "column of names matches no field: leave 'Organizer' out of --columns\n",
    )


def test_a_members_header_holding_names_says_what_members_takes(runner: object) -> None:
    Path("groups.csv").write_text("title,members\nPorts,Maria G.\nDocks,1.2K\n", "utf-8")
    result = score(runner, "groups.csv", "--goal", "ports", "--format", "csv", "--on-error", "skip")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: skipped groups.csv line 2: 'members' (column 'members') must be a member "
        "count or a JSON list of members, got 'Maria G.'\nSkipped 1 of 2 records.\n"
    )
    assert _titles(result.stdout) == ["Docks"]  # 1 result + 1 skipped = 2 records


# -- 3. a row with fewer cells than the header -----------------------------------------------


def test_a_row_with_fewer_cells_than_the_header_is_bad_data(runner: object) -> None:
    Path("groups.csv").write_text(
        "title,description,member_count\nDocks,Cranes,12\nPorts\n", encoding="utf-8"
    )
    assert_error(
        score(runner, "groups.csv", "--goal", "ports"),
        1,
        "Error: groups.csv line 3: has 1 cell but the header has 3 columns\n"
        'Hint: give every row a cell for each column, empty ones too: end this row with ",," '
        "for its 2 missing cells, or put them where they belong\n",
    )


def test_a_quote_that_joined_cells_says_so(runner: object) -> None:
    Path("groups.csv").write_text(
        'title,description,member_count\n"Ok group","fine","12k"\n"Unclosed,"desc\n', "utf-8"
    )
    result = score(
        runner, "groups.csv", "--goal", "ports", "--format", "csv", "--on-error", "skip",
        "--rejects", "rejects.csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Warning: skipped groups.csv line 3: has 1 cell but the header has 3 columns\n"
        "Skipped 1 of 2 records; kept in rejects.csv.\n"
    )
    assert _titles(result.stdout) == ["Ok group"]  # 1 result + 1 reject = 2 records
    assert (
        Path("rejects.csv").read_text("utf-8")
        == 'title,description,member_count\n"Unclosed,"desc\n'
    )
    assert_error(
        score(runner, "groups.csv", "--goal", "ports"),
        1,
        "Error: groups.csv line 3: has 1 cell but the header has 3 columns\n"
        "Hint: a quote joins the cells up to where it closes: close it after its cell, or "
        'double a quote that is part of the text ("")\n',
    )


def test_columns_the_header_leaves_unnamed_need_no_cell(runner: object) -> None:
    Path("groups.csv").write_text("title,member_count,,\nPorts,1200\nDocks,12,,\n", "utf-8")
    result = score(runner, "groups.csv", "--goal", "ports", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert _titles(result.stdout) == ["Ports", "Docks"]


# -- 4. a discussion dated after the run's today ---------------------------------------------

LATER = "2099-05-01"  # a mistyped year; after the tests' today and the computer's date
# Today is the later of the run's (the tests': 2026-11-29) and the computer's date.
NOW = max(date(2026, 11, 29), date.today()).isoformat()
POSTS = [
    {"title": "Load rating of old bridges", "date": "2026-11-20"},
    {"title": "Bearing replacement", "date": "2026-11-02"},
    {"title": "Scour monitoring", "date": LATER},
]
POSTED_HINT = (
    "Hint: check the year and the month: a discussion is dated on or before the day of the run "
    '(or a day later, as UTC stamps may be); mark a scheduled event "upcoming": true\n'
)


def _bridges(posts: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"title": "Ports"}, {"title": "Bridge engineers", "discussions": posts}]


def test_a_discussion_dated_after_today_is_bad_data(runner: object) -> None:
    Path("groups.json").write_text(json.dumps(_bridges(POSTS)), encoding="utf-8")
    assert_error(
        score(runner, "groups.json", "--goal", "bridges"),
        1,
        f"Error: groups.json record 2: 'discussions[2].date' (the 3rd discussion) {LATER} is "
        f"after today ({NOW})\n" + POSTED_HINT,
    )


def test_a_discussion_dated_after_today_goes_to_the_rejects(runner: object) -> None:
    Path("groups.json").write_text(json.dumps(_bridges(POSTS)), encoding="utf-8")
    result = score(
        runner, "groups.json", "--goal", "bridges", "--format", "csv", "--on-error", "skip",
        "--rejects", "rejects.json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Warning: skipped groups.json record 2: 'discussions[2].date' (the 3rd discussion) "
        f"{LATER} is after "
        f"today ({NOW})\nSkipped 1 of 2 records; kept in rejects.json.\n"
    )
    assert _titles(result.stdout) == ["Ports"]  # 1 result + 1 reject = 2 records
    assert json.loads(Path("rejects.json").read_text("utf-8")) == _bridges(POSTS)[1:]


def test_a_written_date_after_today_in_a_csv_names_the_line(runner: object) -> None:
    posts = json.dumps([{"title": "Scour", "date": "May 1, 2099"}]).replace('"', '""')
    Path("groups.csv").write_text(f'title,discussions\nBridges,"{posts}"\n', "utf-8")
    assert_error(
        score(runner, "groups.csv", "--goal", "bridges"),
        1,
        f"Error: groups.csv line 2: 'discussions[0].date' (the 1st discussion) {LATER} is after "
        f"today ({NOW})\n" + POSTED_HINT,
    )


@pytest.mark.parametrize(
    "post",
    [
        {"title": "Stamped in UTC", "date": f"{date.fromisoformat(NOW) + timedelta(days=1)}"},
        {"title": "Meetup: bridge walk", "date": LATER, "upcoming": True},
    ],
    ids=["the-day-after-in-utc", "an-upcoming-event"],
)
def test_a_utc_stamp_a_day_ahead_and_an_upcoming_event_are_read(
    runner: object, post: dict[str, object]
) -> None:
    Path("groups.json").write_text(json.dumps(_bridges([*POSTS[:2], post])), "utf-8")
    result = score(runner, "groups.json", "--goal", "bridges", "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(_titles(result.stdout)) == ["Bridge engineers", "Ports"]


def test_a_run_as_of_a_past_day_reads_the_posts_written_since(runner: object) -> None:
    from tests.test_cli import invoke

    Path("groups.json").write_text(json.dumps(_bridges(POSTS[:2])), "utf-8")
    past = ("score", "groups.json", "--goal", "bridges", "--today", "2026-11-10", "-f", "csv")
    result = invoke(runner, *past, "--jobs", "1")
    assert (result.exit_code, result.stderr) == (0, "")  # a post of 2026-11-20 is no typo


def test_meetup_upcoming_events_are_marked_and_read() -> None:
    from relevance.errors import InputError
    from relevance.io import sources
    from relevance.schema import Group

    fixture = Path(__file__).parent / "fixtures" / "meetup_group.json"
    (group,) = sources.to_groups(json.loads(fixture.read_text("utf-8")), "meetup", "m.json")
    upcoming = [d["date"] for d in group["discussions"] if d.get("upcoming")]
    assert upcoming == ["2026-12-09"]
    posts = group["discussions"]
    far = [{**d, "date": LATER} if d.get("upcoming") else d for d in posts]
    assert len(Group.from_dict({**group, "discussions": far}).discussions or ()) == 3
    read = Group.from_dict({**group, "discussions": far}, today=date(2026, 11, 29))
    assert len(read.discussions or ()) == 3  # a scheduled event may come after today
    unmarked = [{**d, "upcoming": False} for d in far]
    with pytest.raises(InputError, match=r"'discussions\[0\]\.date' \(the 1st discussion\) 2099"):
        Group.from_dict({**group, "discussions": unmarked}, today=date(2026, 11, 29))


def test_the_library_refuses_a_discussion_after_its_today() -> None:
    from relevance import Analyzer
    from relevance.errors import InputError

    with pytest.raises(InputError) as raised:
        Analyzer(today=date(2026, 11, 29)).score(_bridges(POSTS), goal="bridges")
    assert (
        str(raised.value)
        == f"record 2: 'discussions[2].date' (the 3rd discussion) {LATER} is after today ({NOW})"
    )


# -- 5. ledger import: a day or joined_on after today ----------------------------------------


def _import(runner: object, lines: list[dict[str, object]]) -> Any:
    from tests.test_cli import invoke

    Path("export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    return invoke(runner, "ledger", "import", "export.jsonl", "--ledger", "ledger.sqlite")


def _days() -> tuple[str, str]:
    from datetime import date, timedelta

    now = date.today()
    return now.isoformat(), (now + timedelta(days=60)).isoformat()


GROUP = {"kind": "group", "group": "ports", "title": "Ports", "joined": True}


@pytest.mark.parametrize("kind", ["effort", "snapshot"])
def test_ledger_import_refuses_a_day_after_today(runner: object, kind: str) -> None:
    now, later = _days()
    record = {"kind": kind, "group": "ports", "day": later, "hours": 1, "title": "Ports"}
    assert_error(
        _import(runner, [{**GROUP, "joined_on": now}, record]),
        1,
        f"Error: export.jsonl line 2: 'day' {later} is after today ({now})\n"
        "Hint: check the year and the month: snapshots and effort are dated on or before the "
        "day of the import\n",
    )
    from relevance.ledger.book import Ledger

    assert Ledger("ledger.sqlite").counts() == {"groups": 0, "snapshots": 0, "effort": 0}


def test_ledger_import_refuses_a_joined_on_after_today(runner: object) -> None:
    now, later = _days()
    assert_error(
        _import(runner, [{**GROUP, "joined_on": later}]),
        1,
        f"Error: export.jsonl line 1: 'joined_on' {later} is after today ({now})\n"
        "Hint: check the year and the month: a group is joined on or before the day of the run\n",
    )


def test_ledger_import_takes_today(runner: object) -> None:
    now, _ = _days()
    effort = {"kind": "effort", "group": "ports", "day": now, "hours": 1, "entry": "e1"}
    result = _import(runner, [{**GROUP, "joined_on": now}, effort])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith("1 new group, 0 snapshots, 1 effort entry.\n")


# -- 6. a Windows-1252 CSV is read as cp1252 -------------------------------------------------

RESTAURANTS = (
    "title,description\n"
    "Austin Restaurant Owners Roundtable,Monthly breakfast for independent restaurant owners\n"
    '"Sabor Latino: Dueños de Restaurantes en Austin","Grupo para dueños de restaurantes y '
    'taquerías latinas en Austin: proveedores, permisos, empleados y clientes."\n'
    'Café & Bakery Owners,"Owners of cafés, crêperies and bakeries: espresso machines, crème '
    'brûlée costs and jalapeño suppliers."\n'
)
GASTRO = (
    "title,description\n"
    'Gastronomen München,"Für Inhaber von Gaststätten und Cafés: Lieferanten, Personal, '
    'Hygiene, Öffnungszeiten und Gebühren."\n'
)
PORTUGUESE = (
    "title,description\n"
    'Donos de restaurantes,"Grupo para proprietários de restaurantes em São Paulo: '
    'fornecedores, salários, inspeções sanitárias e promoções."\n'
)
POLISH = (
    "title,description\n"
    'Polscy restauratorzy,"Grupa dla właścicieli restauracji w Łodzi i Krakowie: żywność, '
    'koszty pracy, zezwolenia sanepidu, dostawcy."\n'
    'Kawiarnie Śląsk,"Właściciele kawiarni ze Śląska: ceny kawy, ekspresy, pracownicy, '
    'sezonowość ruchu."\n'
)
RUSSIAN = (
    "title,description\n"
    'Владельцы ресторанов,"Группа для владельцев ресторанов Москвы: поставщики, аренда, '
    'персонал и проверки."\n'
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RESTAURANTS, "cp1252"),
        (GASTRO, "cp1252"),
        (PORTUGUESE, "cp1252"),
        (POLISH, "cp1250"),
        (RUSSIAN, "cp1251"),
    ],
    ids=["spanish-cp1252", "german-cp1252", "portuguese-cp1252", "polish-cp1250", "russian-cp1251"],
)
def test_a_windows_csv_is_read_in_its_code_page(runner: object, text: str, encoding: str) -> None:
    Path("export.csv").write_bytes(text.encode(encoding))
    result = score(runner, "export.csv", "--goal", "restaurant owners", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    # The other readings that fit as well are charset-normalizer's to list.
    assert re.fullmatch(
        rf"Warning: export\.csv is not UTF-8; read as {encoding} \(detected(; [\w, ]+ would "
        r"fit as well)?\); pass --encoding to choose another\n",
        result.stderr,
    ), result.stderr
    written = list(csv.DictReader(io.StringIO(text)))
    assert sorted(_titles(result.stdout)) == sorted(row["title"] for row in written)


def test_the_readings_that_fit_as_well_are_named(runner: object) -> None:
    Path("export.csv").write_bytes(RESTAURANTS.encode("cp1252"))
    result = score(runner, "export.csv", "--goal", "restaurant owners", "--format", "csv")
    assert "read as cp1252 (detected; cp1250" in result.stderr  # the detector's own first pick


# -- 7. a file that is not text, or whose format cannot be told ------------------------------


def _workbook(path: str, entry: str) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(entry, "<workbook/>")


SAVE_AS = "Hint: save it as CSV (in Excel: File > Save As > CSV UTF-8) and score that\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_a_workbook_given_as_text_says_what_it_is(runner: object, fmt: str) -> None:
    _workbook("groups.xlsx", "xl/workbook.xml")
    assert_error(
        score(runner, "groups.xlsx", "--goal", "ports", "--input-format", fmt),
        2,
        "Error: groups.xlsx: the file is a spreadsheet workbook (Excel .xlsx), not text\n"
        + SAVE_AS,
    )


def test_a_workbook_under_a_csv_name_says_what_it_is(runner: object) -> None:
    _workbook("groups.csv", "xl/workbook.xml")
    assert_error(
        score(runner, "groups.csv", "--goal", "ports"),
        2,
        "Error: groups.csv: the file is a spreadsheet workbook (Excel .xlsx), not text\n" + SAVE_AS,
    )


def test_a_pdf_says_what_it_is(runner: object) -> None:
    Path("groups.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    expected = (
        "Error: groups.pdf: the file is a PDF document, not text\n"
        "Hint: export the groups as CSV, JSON or JSON Lines and score that file\n"
    )
    assert_error(score(runner, "groups.pdf", "--goal", "ports"), 2, expected)
    with_format = score(runner, "groups.pdf", "--goal", "ports", "--input-format", "json")
    assert_error(with_format, 2, expected)


def test_a_gzip_file_without_gz_in_its_name(runner: object) -> None:
    import gzip

    Path("groups.jsonl").write_bytes(gzip.compress(b'{"title": "Ports"}\n'))
    assert_error(
        score(runner, "groups.jsonl", "--goal", "ports"),
        2,
        "Error: groups.jsonl: the file is gzip-compressed, not text\n"
        "Hint: name it with .gz at the end (groups.jsonl.gz), so that it is gunzipped\n",
    )


UNKNOWN = (
    "cannot tell the input format from its extension (.txt); the group files read are .json, "
    ".jsonl (or .ndjson) and .csv, each maybe gzipped (.gz)\n"
)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("title,description\nPorts,Ships\n", "it reads as CSV: add --input-format csv"),
        (
            '{"title": "Ports"}\n{"title": "Docks"}\n',
            "it reads as JSON Lines: add --input-format jsonl",
        ),
        ('[{"title": "Ports"}]\n', "it reads as JSON: add --input-format json"),
        (
            "notes about groups\n",
            "say which it is: --input-format json, jsonl, csv, reddit or meetup",
        ),
    ],
    ids=["csv", "jsonl", "json", "prose"],
)
def test_a_txt_file_says_which_formats_are_read(runner: object, text: str, hint: str) -> None:
    Path("groups.txt").write_text(text, encoding="utf-8")
    assert_error(
        score(runner, "groups.txt", "--goal", "ports"),
        2,
        f"Error: groups.txt: {UNKNOWN}Hint: {hint}\n",
    )
    if "add --input-format" in hint:
        named = score(runner, "groups.txt", "--goal", "ports", "--input-format", hint.split()[-1])
        assert (named.exit_code, named.stderr) == (0, "")


# -- 8. an unknown place from a profile names the profile's key ------------------------------

BROKERS = Path(__file__).resolve().parent.parent / "examples" / "brokers.json"
TEXSA = (
    "'Texsa' is not a place relevance knows, so it is left out of member fit; did you mean Texas?\n"
)


def test_an_unknown_place_from_a_profile_names_its_key(runner: object) -> None:
    Path("me.toml").write_text('goal = "office deals"\nlocations = ["Texsa"]\n', "utf-8")
    result = score(runner, str(BROKERS), "--profile", "me.toml", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Warning: me.toml: locations " + TEXSA
    given = score(runner, str(BROKERS), "--profile", "me.toml", "--location", "Texsa", "-f", "csv")
    assert given.stderr == "Warning: --location " + TEXSA  # the option wins over the profile


def test_record_names_the_profile_key_too(runner: object) -> None:
    from tests.test_cli import invoke

    Path("me.toml").write_text('goal = "office deals"\nlocations = ["Texsa"]\n', "utf-8")
    result = invoke(
        runner, "record", str(BROKERS), "--profile", "me.toml", "--ledger", "ledger.sqlite",
        "--date", "2026-11-29",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Warning: me.toml: locations " + TEXSA
