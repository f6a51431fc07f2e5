"""Tests of relevance.io.readers and relevance.io.atomic: formats, locations, errors, streaming."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from relevance.errors import InputError, UsageError
from relevance.io.atomic import atomic_output, atomic_write_bytes, atomic_write_text
from relevance.io.readers import (
    RejectsWriter,
    detect_format,
    iter_records,
    read_goals,
    read_groups,
    read_text_file,
    sniff_format,
)


def write(tmp_path: Path, name: str, text: str) -> str:
    """Write ``text`` to ``tmp_path/name`` and return the path as a string."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def error_of(path: str, **options: object) -> InputError:
    """The InputError reading all groups of ``path`` raises, with the file name shortened."""
    with pytest.raises(InputError) as caught:
        list(read_groups(path, **options))  # type: ignore[arg-type]
    return caught.value


def relative(tmp_path: Path, name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Write a file and work in its directory, so errors show the name as a user gives it."""
    write(tmp_path, name, text)
    monkeypatch.chdir(tmp_path)
    return name


class LineSource:
    """A stdin stand-in that counts the lines handed out, to prove streaming."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.taken = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.taken += 1
            yield line


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("groups.json", "json"),
        ("groups.JSON", "json"),
        ("groups.jsonl", "jsonl"),
        ("groups.ndjson", "jsonl"),
        ("groups.csv", "csv"),
        ("groups.json.gz", "json"),
        ("dir.v2/groups.jsonl.gz", "jsonl"),
        ("groups.csv.GZ", "csv"),
    ],
)
def test_detect_format_by_extension(path: str, expected: str) -> None:
    assert detect_format(path, None) == expected


def test_detect_format_explicit_wins() -> None:
    assert detect_format("groups.txt", "csv") == "csv"
    assert detect_format("groups.json", " JSONL ") == "jsonl"
    assert detect_format("-", "ndjson") == "jsonl"


def test_detect_format_rejects_unknown_explicit_format() -> None:
    with pytest.raises(UsageError) as caught:
        detect_format("groups.json", "xml")
    assert str(caught.value) == "unknown input format 'xml'; use json, jsonl, csv, reddit or meetup"
    assert caught.value.exit_code == 2


def test_detect_format_unknown_extension() -> None:
    with pytest.raises(UsageError) as caught:
        detect_format("groups.txt", None)  # not there: no content to tell it by
    assert str(caught.value) == (
        "groups.txt: cannot tell the input format from its extension (.txt); the group files "
        "read are .json, .jsonl (or .ndjson) and .csv, each maybe gzipped (.gz)"
    )
    assert caught.value.hint == "say which it is: --input-format json, jsonl, csv, reddit or meetup"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('[{"title": "a"}]', "json"),
        ("  [", "json"),
        ('{"title": "a"}\n', "jsonl"),
        ("{\n", "json"),
        ('{"groups": [{"title": "a"}]}', "json"),
        ('{"title": "a", "groups": []}', "jsonl"),
        ("id,title", "csv"),
        ("", "csv"),
    ],
)
def test_sniff_format(head: str, expected: str) -> None:
    assert sniff_format(head) == expected
    assert detect_format("-", None, head) == expected


def test_detect_format_stdin_needs_a_head_or_a_format() -> None:
    with pytest.raises(UsageError, match="<stdin>: cannot tell the input format"):
        detect_format("-", None)


# --- JSON ----------------------------------------------------------------------------------


def test_json_array_and_groups_object(tmp_path: Path) -> None:
    records = [{"id": "a", "title": "A"}, {"title": "B"}]
    plain = write(tmp_path, "plain.json", json.dumps(records))
    wrapped = write(tmp_path, "wrapped.json", json.dumps({"groups": records, "note": 1}))
    for path in (plain, wrapped):
        groups = list(read_groups(path))
        assert [g.id for g in groups] == ["a", "record-2"]
        assert [g.title for g in groups] == ["A", "B"]


def test_json_records_are_numbered(tmp_path: Path) -> None:
    path = write(tmp_path, "g.json", '[{"title": "é"}, 3]')
    records = list(iter_records(path))
    assert [r.location for r in records] == ["record 1", "record 2"]
    assert records[0].value == {"title": "é"}
    assert records[0].raw == '{"title": "é"}'
    assert records[1].raw == "3"


@pytest.mark.parametrize("document", ['{"title": "x"}', '"text"', '{"groups": 3}', "null"])
def test_json_wrong_top_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    path = relative(tmp_path, "groups.json", document, monkeypatch)
    assert str(error_of(path)) == (
        "groups.json: expected an array of groups or an object with a 'groups' array"
    )


def test_json_syntax_error_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.json", '[\n{"title": "a"},\n{"title" "b"}\n]', monkeypatch)
    error = error_of(path)
    assert str(error).startswith("groups.json line 3: not valid JSON (Expecting ':' delimiter")
    assert error.location == "line 3"


def test_json_missing_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.json", '[{"title": "a"}, {"id": "b"}]', monkeypatch)
    error = error_of(path)
    assert str(error) == "groups.json record 2: 'title' is required"
    assert (error.source, error.location, error.field) == ("groups.json", "record 2", "title")


def test_json_negative_member_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.json", '[{"title": "a", "member_count": -5}]', monkeypatch)
    error = error_of(path)
    assert str(error) == (
        "groups.json record 1: 'member_count' must be a whole number >= 0, got -5"
    )
    assert error.field == "member_count"


def test_json_record_that_is_not_an_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.json", '[{"title": "a"}, [1]]', monkeypatch)
    assert (
        str(error_of(path)) == "groups.json record 2: a group must be a JSON object, got an array"
    )


def test_duplicate_ids_are_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "g.json", '[{"id": "x", "title": "a"}, {"id": "x", "title": "b"}]')
    assert [g.title for g in read_groups(path)] == ["a", "b"]


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_streams_until_the_bad_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"title": "one"}\n{"title": "two"}\n{title: "three"}\n'
    path = relative(tmp_path, "groups.jsonl", text, monkeypatch)
    groups = read_groups(path)
    assert next(groups).title == "one"
    assert next(groups).title == "two"
    with pytest.raises(InputError) as caught:
        next(groups)
    assert str(caught.value).startswith(
        "groups.jsonl line 3: not valid JSON (Expecting property name enclosed in double quotes"
    )
    assert caught.value.location == "line 3"


def test_jsonl_reads_lazily() -> None:
    source = LineSource([json.dumps({"title": f"g{i}"}) + "\n" for i in range(1000)])
    groups = read_groups("-", "jsonl", stdin=source)  # type: ignore[arg-type]
    assert next(groups).title == "g0"
    assert source.taken <= 2


def test_jsonl_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "g.jsonl", '\n{"title": "a"}\n   \n{"title": "b"}\n\n')
    reader = read_groups(path)
    groups = list(reader)
    assert [g.id for g in groups] == ["line-2", "line-4"]
    assert reader.read == 2


def test_jsonl_validation_error_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = '{"title": "a"}\n\n{"title": "b", "discussions": "none"}\n'
    path = relative(tmp_path, "groups.jsonl", text, monkeypatch)
    error = error_of(path)
    assert str(error) == "groups.jsonl line 3: 'discussions' must be a list, got a string"
    assert error.field == "discussions"


def test_jsonl_raw_is_the_line_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, "g.jsonl", '{ "title" :  "a" }\r\n')
    (record,) = iter_records(path)
    assert record.raw == '{ "title" :  "a" }'


# --- CSV -----------------------------------------------------------------------------------


def test_csv_cells_nesting_and_json_columns(tmp_path: Path) -> None:
    text = (
        "id,title,member_count,effort.hours,effort.posts,joined,discussions,extra\n"
        'a,Alpha,1840,12.5,4,true,"[{""title"": ""PSD3""}]",\n'
        "b,Beta,,,,,,x\n"
    )
    path = write(tmp_path, "g.csv", text)
    records = list(iter_records(path))
    assert records[0].value == {
        "id": "a",
        "title": "Alpha",
        "member_count": "1840",
        "effort": {"hours": "12.5", "posts": "4"},
        "joined": "true",
        "discussions": [{"title": "PSD3"}],
        "extra": None,
    }
    alpha, beta = read_groups(path)
    assert alpha.member_count == 1840
    assert alpha.effort is not None and alpha.effort.hours == 12.5 and alpha.effort.posts == 4
    assert alpha.joined is True
    assert alpha.discussions is not None and alpha.discussions[0].title == "PSD3"
    # All effort cells empty: effort is unknown, not zero.
    assert (beta.effort, beta.member_count, beta.discussions) == (None, None, None)
    assert beta.extra == {"extra": "x"}


def test_csv_dotted_columns_add_to_a_json_cell(tmp_path: Path) -> None:
    text = 'title,effort.hours,effort\nA,3,"{""posts"": 2}"\n'
    (record,) = iter_records(write(tmp_path, "g.csv", text))
    assert record.value["effort"] == {"posts": 2, "hours": "3"}


def test_csv_lines_count_the_header_and_multiline_cells(tmp_path: Path) -> None:
    text = 'id,title,description\na,Alpha,"two\nlines"\n\nb,Beta,x\n,,\nc,Gamma,y\n'
    path = write(tmp_path, "g.csv", text)
    records = list(iter_records(path))
    assert [r.location for r in records] == ["line 2", "line 5", "line 7"]
    assert records[0].raw == 'a,Alpha,"two\nlines"'
    assert records[0].value["description"] == "two\nlines"
    assert [g.id for g in read_groups(path)] == ["a", "b", "c"]


def test_csv_default_ids_are_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "title\nAlpha\nBeta\n")
    assert [g.id for g in read_groups(path)] == ["line-2", "line-3"]


def test_csv_bad_json_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "title,members\nA,\nB,[{oops}]\n"
    path = relative(tmp_path, "groups.csv", text, monkeypatch)
    error = error_of(path)
    assert str(error).startswith("groups.csv line 3: 'members' is not valid JSON (Expecting")
    assert (error.location, error.field) == ("line 3", "members")


def test_csv_validation_error_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.csv", "title,member_count\nA,12\nB,lots\n", monkeypatch)
    assert str(error_of(path)) == (
        "groups.csv line 3: 'member_count' must be a whole number >= 0, got 'lots'"
    )


def test_csv_too_many_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.csv", "id,title\na,A,\nb,B,oops\n", monkeypatch)
    assert str(error_of(path)) == "groups.csv line 3: has 3 cells but the header has 2 columns"


def test_csv_short_rows_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A cell for each column, empty ones too (RFC 4180; spreadsheets write them): a short row
    # is most often one whose cells were joined by a quote or shifted (README, "Rows").
    path = relative(tmp_path, "groups.csv", "title,description,url\nA\nB,,\n", monkeypatch)
    assert str(error_of(path)) == "groups.csv line 2: has 1 cell but the header has 3 columns"


def test_csv_without_title_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.csv", "id,label\na,Alpha\n", monkeypatch)
    error = error_of(path)
    assert str(error) == (
        "groups.csv line 1: the header has no column for the group's title (found: id, label)"
    )
    assert (
        error.hint == 'name it with --columns "Your Column=title", or call the column title or name'
    )


def test_csv_duplicate_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "groups.csv", "title,id,title\nA,a,B\n", monkeypatch)
    assert str(error_of(path)) == "groups.csv line 1: column 'title' appears twice in the header"


def test_csv_semicolon_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "id;title;member_count\na;Alpha, the first;1840\n")
    (group,) = read_groups(path)
    assert (group.id, group.title, group.member_count) == ("a", "Alpha, the first", 1840)


def test_csv_empty_file_has_no_groups(tmp_path: Path) -> None:
    assert list(read_groups(write(tmp_path, "g.csv", ""))) == []


# --- encodings, compression, standard input ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("g.json", '[{"title": "Café"}]'),
        ("g.jsonl", '{"title": "Café"}\n'),
        ("g.csv", "title\nCafé\n"),
    ],
)
def test_byte_order_mark_is_ignored(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert [g.title for g in read_groups(str(path))] == ["Café"]


def test_invalid_utf8_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # UTF-8 asked for by name: bad bytes are an error naming the line and --encoding.
    from relevance.io.options import ReadOptions

    (tmp_path / "groups.jsonl").write_bytes(b'{"title": "a"}\n{"title": "caf\xe9"}\n')
    monkeypatch.chdir(tmp_path)
    groups = read_groups("groups.jsonl", options=ReadOptions(encoding="utf-8"))
    assert next(groups).title == "a"
    with pytest.raises(InputError) as caught:
        next(groups)
    assert str(caught.value) == "groups.jsonl line 2: not valid UTF-8 text"
    assert caught.value.hint == "name the file's encoding with --encoding, e.g. --encoding cp1252"


def test_a_line_not_utf8_switches_to_the_detected_encoding(tmp_path: Path) -> None:
    from relevance.io.options import ReadOptions

    notices: list[str] = []
    path = tmp_path / "g.jsonl"
    path.write_bytes(b'{"title": "a"}\n' + '{"title": "Café \u2013 Straße"}\n'.encode("cp1252"))
    groups = list(read_groups(str(path), options=ReadOptions(notice=notices.append)))
    assert [g.title for g in groups] == ["a", "Café \u2013 Straße"]
    assert len(notices) == 1 and notices[0].startswith(f"{path} is not UTF-8; read as cp125")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("g.json.gz", '{"groups": [{"title": "A"}, {"title": "B"}]}'),
        ("g.jsonl.gz", '{"title": "A"}\n{"title": "B"}\n'),
        ("g.csv.gz", "title\nA\nB\n"),
    ],
)
def test_gzip_is_read_transparently(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    assert [g.title for g in read_groups(str(path))] == ["A", "B"]


def test_broken_gzip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "groups.jsonl.gz").write_bytes(b"not gzip at all\n")
    monkeypatch.chdir(tmp_path)
    assert str(error_of("groups.jsonl.gz")).startswith("groups.jsonl.gz: not a valid gzip file")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('\n  [{"title": "A"}, {"title": "B"}]', "json"),
        ('{\n "groups": [{"title": "A"}, {"title": "B"}]\n}', "json"),
        ('{"groups": [{"title": "A"}, {"title": "B"}]}', "json"),
        ('\n{"title": "A"}\n{"title": "B"}\n', "jsonl"),
        ("id,title\na,A\nb,B\n", "csv"),
    ],
)
def test_stdin_is_sniffed(text: str, expected: str) -> None:
    for stdin in (io.StringIO(text), io.BytesIO(text.encode("utf-8"))):
        reader = read_groups("-", stdin=stdin)
        assert [g.title for g in reader] == ["A", "B"]
        assert reader.format == expected
        assert reader.source == "<stdin>"


def test_stdin_errors_name_stdin() -> None:
    stdin = io.StringIO('{"title": "A"}\n{"id": "b"}\n')
    with pytest.raises(InputError) as caught:
        list(read_groups("-", stdin=stdin))
    assert str(caught.value) == "<stdin> line 2: 'title' is required"


def test_stdin_defaults_to_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'[{"title": "A"}]'), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert [g.title for g in read_groups("-")] == ["A"]


def test_missing_file_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as caught:
        read_groups("groups.json")  # raised at the call, before iterating
    assert str(caught.value) == "groups.json: no such file"
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError, match=r"^groups\.jsonl: no such file$"):
        iter_records("groups.jsonl")


def test_directory_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dir.json").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"^dir\.json: is a directory, not a file$"):
        read_groups("dir.json")


def test_unknown_extension_raised_at_the_call(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot tell the input format from its extension"):
        read_groups(write(tmp_path, "groups.txt", "title\nA\n"))


def test_unknown_on_error_mode(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown on_error 'ignore'"):
        read_groups(write(tmp_path, "g.jsonl", ""), on_error="ignore")


# --- skip mode and rejects -----------------------------------------------------------------


def read_skipping(path: str, rejects_path: str) -> tuple[list[str], list[str], int, int]:
    """Read in skip mode; return the titles, warnings, records read and rejected."""
    warnings: list[str] = []
    with RejectsWriter(rejects_path) as rejects:
        reader = read_groups(
            path, on_error="skip", rejects=rejects, on_reject=lambda e: warnings.append(str(e))
        )
        titles = [g.title for g in reader]
    return titles, warnings, reader.read, reader.rejected


def test_skip_jsonl_keeps_rejects_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad_syntax = "{title: 'x'}"
    bad_count = '{ "title": "B",  "member_count": -5 ,"ünïcode": "✓"}'
    text = f'{{"title": "A"}}\n{bad_syntax}\n\n{bad_count}\r\n{{"title": "C"}}\n'
    path = relative(tmp_path, "groups.jsonl", text, monkeypatch)
    titles, warnings, read, rejected = read_skipping(path, "rejects.jsonl")
    assert titles == ["A", "C"]
    assert (read, rejected) == (4, 2)
    assert warnings[0].startswith("groups.jsonl line 2: not valid JSON (Expecting property name")
    assert warnings[1] == "groups.jsonl line 4: 'member_count' must be a whole number >= 0, got -5"
    assert Path("rejects.jsonl").read_text(encoding="utf-8") == f"{bad_syntax}\n{bad_count}\n"


def test_skip_csv_writes_header_and_original_rows(tmp_path: Path) -> None:
    text = 'id;title;members\na;A;\nb;;\nc;C;"[bad\njson]"\nd;D;\n'
    path = write(tmp_path, "g.csv", text)
    rejects = str(tmp_path / "rejects.csv")
    titles, warnings, read, rejected = read_skipping(path, rejects)
    assert titles == ["A", "D"]
    assert (read, rejected) == (4, 2)
    assert [w.split(": ")[0] for w in warnings] == [f"{path} line 3", f"{path} line 4"]
    expected = 'id;title;members\nb;;\nc;C;"[bad\njson]"\n'
    assert Path(rejects).read_text(encoding="utf-8") == expected
    # The rejects file reads back as the same records, rejected for the same reasons.
    again = read_groups(rejects, on_error="skip")
    assert (list(again), again.read, again.rejected) == ([], 2, 2)


def test_skip_json_writes_an_array_of_the_rejected_values(tmp_path: Path) -> None:
    records = [{"title": "A"}, {"title": "B", "joined": "maybe"}, 7, {"title": "C"}]
    path = write(tmp_path, "g.json", json.dumps({"groups": records}))
    rejects = str(tmp_path / "rejects.json")
    titles, warnings, read, rejected = read_skipping(path, rejects)
    assert titles == ["A", "C"]
    assert (read, rejected) == (4, 2)
    assert warnings[0] == f"{path} record 2: 'joined' must be true or false, got 'maybe'"
    assert json.loads(Path(rejects).read_text(encoding="utf-8")) == records[1:3]


def test_skip_mode_still_fails_on_unparsable_json(tmp_path: Path) -> None:
    path = write(tmp_path, "g.json", '[{"title": "A"},')
    with pytest.raises(InputError, match="not valid JSON"):
        list(read_groups(path, on_error="skip"))


def test_rejects_with_sniffed_stdin(tmp_path: Path) -> None:
    rejects_path = tmp_path / "rejects.jsonl"
    with RejectsWriter(str(rejects_path)) as rejects:
        stdin = io.StringIO('{"title": "A"}\n{"x": 1}\n')
        assert len(list(read_groups("-", on_error="skip", rejects=rejects, stdin=stdin))) == 1
    assert rejects_path.read_text(encoding="utf-8") == '{"x": 1}\n'
    assert rejects.count == 1


def test_rejects_file_is_not_written_when_the_run_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "g.jsonl", '{"x": 1}\n')
    rejects_path = tmp_path / "rejects.jsonl"
    with pytest.raises(RuntimeError), RejectsWriter(str(rejects_path)) as rejects:
        list(read_groups(path, on_error="skip", rejects=rejects))
        raise RuntimeError("scoring failed")
    assert os.listdir(tmp_path) == ["g.jsonl"]


def test_rejects_file_is_written_empty_when_nothing_is_rejected(tmp_path: Path) -> None:
    rejects_path = tmp_path / "rejects.csv"
    with RejectsWriter(str(rejects_path)) as rejects:
        list(read_groups(write(tmp_path, "g.csv", "title\nA\n"), on_error="skip", rejects=rejects))
    assert rejects_path.read_text(encoding="utf-8") == "title\n"


# --- goals and text files ------------------------------------------------------------------


def test_read_goals_text(tmp_path: Path) -> None:
    path = write(tmp_path, "goals.txt", "# my goals\n\n  meet fintech CTOs  \n\nfind jobs\n")
    goals = read_goals(path)
    assert [(g.id, g.text) for g in goals] == [
        ("goal-1", "meet fintech CTOs"),
        ("goal-2", "find jobs"),
    ]


@pytest.mark.parametrize("name", ["goals.jsonl", "goals.txt"])
def test_read_goals_jsonl(tmp_path: Path, name: str) -> None:
    text = '{"id": "cto", "text": "meet fintech CTOs"}\n\n{"text": "find jobs"}\n'
    goals = read_goals(write(tmp_path, name, text))
    assert [(g.id, g.text) for g in goals] == [
        ("cto", "meet fintech CTOs"),
        ("goal-2", "find jobs"),
    ]


def test_read_goals_errors_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "goals.jsonl", '{"text": "a"}\n\n# note\n{"id": "b"}\n')
    with pytest.raises(InputError) as caught:
        read_goals("goals.jsonl")
    assert str(caught.value) == "goals.jsonl line 4: 'text' is required and must be a string"
    write(tmp_path, "goals.txt", '{"text": "a"}\n{"text": \n')
    with pytest.raises(InputError, match=r"^goals\.txt line 2: not valid JSON \(Expecting value"):
        read_goals("goals.txt")


def test_read_goals_duplicate_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(
        tmp_path, "goals.jsonl", '{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', monkeypatch
    )
    with pytest.raises(InputError) as caught:
        read_goals(path)
    assert str(caught.value) == "goals.jsonl line 2: goal id 'a' is already used on line 1"


def test_read_goals_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = relative(tmp_path, "goals.txt", "# nothing yet\n\n", monkeypatch)
    with pytest.raises(InputError) as caught:
        read_goals(path)
    assert str(caught.value) == "goals.txt: no goals found"


def test_read_goals_from_stdin() -> None:
    goals = read_goals("-", stdin=io.StringIO("a\nb\n"))
    assert [g.text for g in goals] == ["a", "b"]


def test_read_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "goal.txt", "\ufeff\n  meet fintech CTOs\nin Europe \n\n")
    assert read_text_file("goal.txt") == "meet fintech CTOs\nin Europe"
    write(tmp_path, "empty.txt", " \n\n")
    with pytest.raises(InputError, match=r"^empty\.txt: the file is empty$"):
        read_text_file("empty.txt")
    with pytest.raises(UsageError, match=r"^missing\.txt: no such file$"):
        read_text_file("missing.txt")


# --- atomic output -------------------------------------------------------------------------


def test_atomic_output_writes_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with atomic_output(str(target)) as stream:
        stream.write("done\n")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "done\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_output_leaves_no_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(ValueError), atomic_output(str(target)) as stream:
        stream.write("partial")
        raise ValueError("boom")
    assert os.listdir(tmp_path) == []


def test_atomic_output_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_output(str(target)) as stream:
        stream.write("new")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_output_file_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_text(str(tmp_path / "new.txt"), "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    atomic_write_text(str(kept), "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert kept.read_text(encoding="utf-8") == "new"


def test_atomic_write_bytes(tmp_path: Path) -> None:
    target = tmp_path / "model.bin"
    atomic_write_bytes(str(target), b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_atomic_output_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with atomic_output("-") as stream:
        stream.write("to stdout\n")
    assert capsys.readouterr().out == "to stdout\n"


def test_atomic_output_unwritable_targets(tmp_path: Path) -> None:
    with (
        pytest.raises(UsageError, match="no such directory"),
        atomic_output(str(tmp_path / "no" / "x")),
    ):
        pass
    with pytest.raises(UsageError, match="is a directory"), atomic_output(str(tmp_path)):
        pass
