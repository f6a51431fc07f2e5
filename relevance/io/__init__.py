"""Reading groups and goals, writing results, and writing files atomically.

Only the standard library is imported here, so that the command line starts fast.
"""

from relevance.io.atomic import AtomicFile, atomic_output, atomic_write_bytes, atomic_write_text
from relevance.io.readers import (
    INPUT_FORMATS,
    GroupReader,
    RawRecord,
    RejectsWriter,
    detect_format,
    iter_records,
    read_goals,
    read_groups,
    read_text_file,
    sniff_format,
)
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
]
