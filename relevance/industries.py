"""LinkedIn's industry taxonomy: which industries are the same, contain one another, or are close.

``relevance/data/industries.csv`` holds LinkedIn's current hierarchical industry list (Industry
Codes V2, 2022) as ``name,parent``, with the older flat list's labels (``Computer Software``,
``Commercial Real Estate``) mapped onto the V2 industry that replaced them (``v1_names``); sources
in ``relevance/data/README.md``. A label is found by its name or an older name (case, accents,
``&``/``and`` and punctuation aside), else by a close spelling ("Hospitals & Healthcare").

Two industries *match* when they are the same, when one contains the other in the hierarchy
(``Real Estate`` is a family of ``Commercial Real Estate``; ``Banking`` lies within
``Financial Services``), and not otherwise: siblings such as ``Banking`` and ``Insurance`` are
different trades.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from typing import Literal

from relevance.geo_tables import normalize, read_csv, split_aliases

Relation = Literal["same", "family", "within"]
"""How a member's industry relates to a wanted one: the same; a *family* that contains it;
*within* it (a kind of it)."""

_CLOSE = 0.88  # difflib ratio for a spelling variant ("Hospitals & Healthcare")


@dataclass(frozen=True)
class Industry:
    """One industry of the taxonomy.

    Attributes
    ----------
    name : str
        The V2 name, e.g. ``"Leasing Non-residential Real Estate"``.
    path : tuple of str
        Names from the top sector down to this one.
    """

    name: str
    path: tuple[str, ...]

    def contains(self, other: Industry) -> bool:
        """Whether ``other`` lies in this industry (or is it)."""
        return other.path[: len(self.path)] == self.path


@dataclass(frozen=True)
class _Taxonomy:
    by_name: dict[str, Industry]
    names: list[str]


@functools.cache
def _taxonomy() -> _Taxonomy:
    rows = read_csv("industries.csv")
    parents = {row["name"]: row["parent"] for row in rows}

    def path(name: str) -> tuple[str, ...]:
        parent = parents[name]
        return (*path(parent), name) if parent else (name,)

    by_name: dict[str, Industry] = {}
    for row in rows:
        industry = Industry(row["name"], path(row["name"]))
        for label in [row["name"], *split_aliases(row["v1_names"])]:
            by_name.setdefault(normalize(label), industry)
    return _Taxonomy(by_name, sorted(by_name))


@functools.lru_cache(maxsize=4096)
def find(label: str) -> Industry | None:
    """The industry a label names, or None when it names none.

    Parameters
    ----------
    label : str
        An industry as a member or user writes it (``"Computer Software"``,
        ``"IT Services & IT Consulting"``).

    Returns
    -------
    Industry or None
        Found by name or older name, else by a close spelling; None otherwise.

    Examples
    --------
    >>> find("Commercial Real Estate").path
    ('Real Estate and Equipment Rental Services', 'Real Estate', 'Leasing Real Estate', \
'Leasing Non-residential Real Estate')
    >>> find("Hospital & Health Care").name
    'Hospitals and Health Care'
    >>> find("Underwater basket weaving") is None
    True
    """
    taxonomy = _taxonomy()
    key = normalize(label)
    found = taxonomy.by_name.get(key)
    if found is None and key:
        close = difflib.get_close_matches(key, taxonomy.names, n=1, cutoff=_CLOSE)
        found = taxonomy.by_name[close[0]] if close else None
    return found


def relation(member: Industry, wanted: Industry) -> Relation | None:
    """How a member's industry relates to a wanted one; None when they do not match.

    Examples
    --------
    >>> relation(find("Real Estate"), find("Commercial Real Estate"))
    'family'
    >>> relation(find("Banking"), find("Financial Services"))
    'within'
    >>> relation(find("Insurance"), find("Banking")) is None
    True
    """
    if member == wanted:
        return "same"
    if member.contains(wanted):
        return "family"
    if wanted.contains(member):
        return "within"
    return None


def describe(member: str, wanted: str, how: Relation | Literal["close"]) -> str:
    """Words for a match, as reasons say it: ``"Real Estate, a family of Commercial Real Estate"``.

    Examples
    --------
    >>> describe("Banking", "Financial Services", "within")
    'Banking, within Financial Services'
    """
    if how == "same":
        return wanted
    link = {"family": "a family of", "within": "within", "close": "close to"}[how]
    return f"{member}, {link} {wanted}"
