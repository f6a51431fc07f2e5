"""The one progress display: a line on standard error, redrawn in place.

``score`` counts groups (``"12,000 groups  4,100 groups/s"``), ``train`` documents. The line is
for a person at a terminal: the command line enables it only when standard error is one and
``--quiet`` is not given, so piped and scripted runs stay silent. Standard output is often the
same terminal, so whoever prints results calls :meth:`Progress.clear` first: the results then
start on a clean line instead of after the count.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redraws ``"<done> <unit>  <rate> <unit>/s"`` at most ten times a second.

    Parameters
    ----------
    enabled : bool
        Draw at all.
    minimum : int, default=5000
        Items done before the first draw, so small inputs never show a line.
    stream : TextIO or None, default=None
        Where to draw; default ``sys.stderr``.
    unit : str, default="groups"
        What is counted, plural (``"groups"``, ``"documents"``).
    label : str, default=""
        Put before the count, e.g. ``"training: "``.
    """

    def __init__(
        self,
        enabled: bool,
        minimum: int = 5000,
        stream: TextIO | None = None,
        unit: str = "groups",
        label: str = "",
    ) -> None:
        self.enabled = enabled
        self.minimum = minimum
        self.stream = stream or sys.stderr
        self.unit = unit
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False
        self._shown = 0  # characters on the line now; 0 when it is clear

    def update(self, done: int) -> None:
        """Report ``done`` items so far."""
        now = time.monotonic()
        if not self.enabled or done < self.minimum or now - self.last < 0.1:
            return
        self.last = now
        self._draw(self._text(done, now))

    def clear(self) -> None:
        """Blank the line and return to its start, before anything else is printed there."""
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def close(self, done: int) -> None:
        """Print the final count on a line of its own (only if anything was drawn)."""
        if self.drawn:
            self.clear()
            self.stream.write(self._text(done, time.monotonic()) + "\n")
            self.stream.flush()

    def _text(self, done: int, now: float) -> str:
        rate = done / max(now - self.start, 1e-9)
        return f"{self.label}{done:,} {self.unit}  {rate:,.0f} {self.unit}/s"

    def _draw(self, text: str) -> None:
        # Padded to the last line's length, so that a shorter line leaves nothing behind.
        self.stream.write("\r" + text.ljust(self._shown))
        self.stream.flush()
        self._shown = max(len(text), self._shown)
        self.drawn = True
