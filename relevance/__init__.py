"""relevance: which online groups are worth a professional's time.

>>> from relevance import Analyzer
>>> results = Analyzer().score([{"title": "Fintech CTOs"}], goal="meet fintech CTOs")

The heavy parts (numpy, scipy, nltk) are imported on first use, so that ``import relevance``
and ``relevance --help`` stay instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from relevance._lazy import lazy_getattr

__version__ = "0.1.0"
__all__ = [
    "Analyzer",
    "Goal",
    "Group",
    "InputError",
    "ModelError",
    "RelevanceError",
    "Result",
    "RunSummary",
    "ScoreRun",
    "Settings",
    "UsageError",
    "__version__",
]

if TYPE_CHECKING:
    from relevance.analyzer import Analyzer
    from relevance.errors import InputError, ModelError, RelevanceError, UsageError
    from relevance.run import RunSummary, ScoreRun
    from relevance.schema import Goal, Group, Result
    from relevance.settings import Settings

_LAZY = {
    "Analyzer": "relevance.analyzer",
    "Goal": "relevance.schema",
    "Group": "relevance.schema",
    "Result": "relevance.schema",
    "RunSummary": "relevance.run",
    "ScoreRun": "relevance.run",
    "Settings": "relevance.settings",
    "InputError": "relevance.errors",
    "ModelError": "relevance.errors",
    "RelevanceError": "relevance.errors",
    "UsageError": "relevance.errors",
}

__getattr__ = lazy_getattr("relevance", _LAZY)
