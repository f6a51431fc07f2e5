"""Reading groups and goals, writing results, and writing files atomically.

Only the standard library is imported here, so that the command line starts fast.
"""

from relevance.io.atomic import AtomicFile, atomic_output, atomic_write_bytes, atomic_write_text
from relevance.io.formats import INPUT_FORMATS, RawRecord, detect_format, sniff_format
from relevance.io.goals import read_goals, read_text_file
from relevance.io.records import GroupReader, iter_records, read_groups, to_group
from relevance.io.rejects import RejectsWriter
from relevance.io.writers import FORMATS, ResultWriter, open_writer, render_table

__all__ = [
    "FORMATS",
    "INPUT_FORMATS",
    "AtomicFile",
    "GroupReader",
    "RawRecord",
    "RejectsWriter",
    "ResultWriter",
    "atomic_output",
    "atomic_write_bytes",
    "atomic_write_text",
    "detect_format",
    "iter_records",
    "open_writer",
    "read_goals",
    "read_groups",
    "read_text_file",
    "render_table",
    "sniff_format",
    "to_group",
]
