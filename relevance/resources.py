"""Paths of the data shipped with the package: the default model and corpus.

In an installed wheel they sit in ``relevance/_shipped/``; in a source checkout (editable install,
tests) they are the repository's top-level ``models/`` and ``corpora/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(kind: str) -> Path:
    inside = _PACKAGE / "_shipped" / kind
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / kind


def shipped_models_dir() -> Path:
    """Folder holding the shipped models (``default``)."""
    return _shipped("models")


def shipped_corpora_dir() -> Path:
    """Folder holding the shipped corpora (``default``)."""
    return _shipped("corpora")
