"""Property tests of the readers and writers (hypothesis, a bounded number of examples).

For any records: results plus rejects equal the records read; what the writers write reads back;
the rejects file holds the rejected lines untouched; the linear HTML scan strips what the old
pattern stripped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relevance.io.formats import sniff_format
from relevance.io.records import read_groups
from relevance.io.rejects import RejectsWriter
from relevance.io.writers import open_writer
from relevance.text import strip_tags

BOUNDED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Any code point, lone surrogates included (JSON can escape them).
TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30)
FIELD = st.one_of(TEXT, st.integers(), st.floats(allow_nan=False), st.none(), st.booleans())
RECORD = st.dictionaries(st.sampled_from(["id", "title", "description", "size"]), FIELD)


def _jsonl(records: list[Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _writable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@BOUNDED
@given(st.lists(st.one_of(RECORD, FIELD, st.lists(FIELD, max_size=2)), max_size=8))
def test_jsonl_accepted_plus_rejected_is_read(records: list[Any]) -> None:
    text = _jsonl(records)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "rejects.jsonl")
        with RejectsWriter(path) as writer:
            source = io.BytesIO(text.encode())
            reader = read_groups("-", "jsonl", on_error="skip", rejects=writer, stdin=source)
            groups = list(reader)
        with open(path, encoding="utf-8") as stream:
            kept = stream.read().splitlines()
    assert reader.read == len(records)
    assert len(groups) + reader.rejected == len(records)
    lines = text.splitlines()
    assert all(line in lines for line in kept)  # rejected lines, untouched
    assert len(kept) == reader.rejected
    for group in groups:
        assert _writable(group.title) and group.title.strip()


@BOUNDED
@given(
    st.lists(
        st.tuples(
            st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20),
            st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_csv_cells_read_back(rows: list[tuple[str, str]]) -> None:
    rows = [(title, description) for title, description in rows if title.strip()]
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" line ends: cells holding "\r" are quoted
    writer.writerow(["title", "description"])
    writer.writerows(rows)
    source = io.BytesIO(buffer.getvalue().encode())
    reader = read_groups("-", "csv", on_error="skip", stdin=source)
    groups = list(reader)
    assert len(groups) + reader.rejected == reader.read
    # A row the reader takes as sound gives back its cells; a row it sets aside is a row.
    titles = [title for title, _ in rows]
    assert all(group.title in titles for group in groups)


@BOUNDED
@given(st.lists(RECORD, min_size=1, max_size=5), st.sampled_from(["jsonl", "json", "csv"]))
def test_writers_write_what_reads_back(analyzer: Any, records: list[Any], fmt: str) -> None:
    source = io.BytesIO(_jsonl(records).encode())
    groups = list(read_groups("-", "jsonl", on_error="skip", stdin=source))
    if not groups:
        return
    results = list(analyzer.score(groups, "fintech"))
    stream = io.StringIO()
    with open_writer(fmt, stream, {"goal": "fintech"}) as writer:
        writer.write_chunk(results)
    text = stream.getvalue()
    text.encode("utf-8")  # every character writable
    if fmt == "jsonl":
        assert len(text.splitlines()) == len(results)
        assert all(0.0 <= json.loads(line)["overall"] <= 1.0 for line in text.splitlines())
    elif fmt == "json":
        assert len(json.loads(text)["results"]) == len(results)
    else:
        assert len(list(csv.reader(io.StringIO(text)))) == len(results) + 1


@BOUNDED
@given(st.lists(RECORD, min_size=2, max_size=5))
def test_jsonl_is_sniffed_as_jsonl(records: list[Any]) -> None:
    assert sniff_format(_jsonl(records)) == "jsonl"


_OLD_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|</?[a-z!][^>]*>", re.S | re.I)
_PIECES = [
    *("<", ">", "a", "!", "--", "<!--", "-->", "<script>", "</script>", "<STYLE x>"),
    *("</style >", " ", "/", "<scripts", "</script", "<a href='x'>", "\n", "< 5", "é"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_strip_tags_strips_what_the_pattern_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert strip_tags(text) == _OLD_TAGS.sub(" ", text)
