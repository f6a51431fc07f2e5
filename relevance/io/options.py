"""How to read a file people exported: column names, date order, text encoding, source."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReadOptions:
    """What ``--columns``, ``--date-order``, ``--encoding`` and a notice channel say.

    Parameters
    ----------
    columns : mapping of str to str, default={}
        Column (as :func:`relevance.io.columns.key` writes it) to group field, from
        :func:`relevance.io.columns.parse_columns`; the export header table applies besides.
    date_order : {"mdy", "dmy"} or None, default=None
        How an ambiguous numeric date such as ``6/1/2026`` is read; ``None`` refuses one.
    encoding : str or None, default=None
        The text encoding; ``None`` reads UTF-8 and, when the file is not UTF-8, the encoding
        charset-normalizer detects, with a notice.
    notice : callable or None, default=None
        Called with a sentence the user should see (the detected encoding).
    """

    columns: Mapping[str, str] = field(default_factory=dict)
    date_order: str | None = None
    encoding: str | None = None
    notice: Callable[[str], None] | None = None

    @property
    def rewrites(self) -> bool:
        """Whether records need rewriting before validation (named columns, a date order)."""
        return bool(self.columns) or self.date_order is not None
