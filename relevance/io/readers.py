"""The reading API in one place: groups, goals and rejects (the work is done in the modules named).

- :mod:`relevance.io.source`: opening files and standard input, gunzipping, UTF-8 lines;
- :mod:`relevance.io.formats`: telling the format, :class:`RawRecord`, the JSON and JSON Lines
  parsers; :mod:`relevance.io.csvformat`: the CSV parser;
- :mod:`relevance.io.records`: :func:`read_groups`, :class:`GroupReader`, :func:`to_group`;
- :mod:`relevance.io.rejects`: :class:`RejectsWriter`;
- :mod:`relevance.io.goals`: :func:`read_goals`, :func:`read_text_file`.
"""

from relevance.io.csvformat import JSON_COLUMNS
from relevance.io.formats import INPUT_FORMATS, PENDING, RawRecord, detect_format, sniff_format
from relevance.io.goals import read_goals, read_text_file
from relevance.io.records import ON_ERROR, GroupReader, iter_records, read_groups, to_group
from relevance.io.rejects import RejectsWriter
from relevance.io.source import STDIN, STDIN_NAME

__all__ = [
    "INPUT_FORMATS",
    "JSON_COLUMNS",
    "ON_ERROR",
    "PENDING",
    "STDIN",
    "STDIN_NAME",
    "GroupReader",
    "RawRecord",
    "RejectsWriter",
    "detect_format",
    "iter_records",
    "read_goals",
    "read_groups",
    "read_text_file",
    "sniff_format",
    "to_group",
]
