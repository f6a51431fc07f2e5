"""A one-line progress display on standard error: groups done and groups per second."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Redraws ``"12,000 groups  4,100 groups/s"`` at most ten times a second.

    Parameters
    ----------
    enabled : bool
        Draw at all; the command line enables it when standard error is a terminal and
        ``--quiet`` is not given, so piped and scripted runs stay silent.
    minimum : int, default=5000
        Groups done before the first draw, so small inputs never show a bar.
    stream : TextIO or None, default=None
        Where to draw; default ``sys.stderr``.
    """

    def __init__(self, enabled: bool, minimum: int = 5000, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.minimum = minimum
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = 0.0
        self.drawn = False

    def update(self, done: int) -> None:
        """Report ``done`` groups so far."""
        now = time.monotonic()
        if not self.enabled or done < self.minimum or now - self.last < 0.1:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        self.stream.write(f"\r{done:,} groups  {rate:,.0f} groups/s ")
        self.stream.flush()
        self.drawn = True

    def close(self, done: int) -> None:
        """Draw the final count and end the line (only if anything was drawn)."""
        if self.drawn:
            self.last = 0.0
            self.update(done)
            self.stream.write("\n")
            self.stream.flush()
