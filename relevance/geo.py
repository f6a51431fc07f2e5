"""Resolve free-text locations to geographic area keys and match them.

A location such as ``"Berlin, Germany"`` or ``"Greater Paris Metropolitan
Region"`` is resolved to a set of *area keys*, one per level of geography it
belongs to::

    city:DE:berlin          a city (country code + normalized name)
    metro:US:sf bay area    a metropolitan area (only a few are defined)
    admin1:US-CA            a first-level subdivision with an ISO 3166-2 code
                            (US states and DC, Canadian provinces/territories)
    admin1:DE:bavaria       a first-level subdivision known from cities.csv
    country:DE              an ISO 3166-1 alpha-2 code
    subregion:western europe  a UN M49 sub-region
    region:europe           a UN M49 region
    area:eu                 a named business/political area (EU, DACH, EMEA...)

A member location matches a wanted location when the wanted location's most
specific keys are among the member location's keys. Everything is
case-, accent- and punctuation-insensitive (``"São Paulo" == "sao paulo"``).

Ambiguous names resolve to every candidate unless another part of the same
string disambiguates: ``"Georgia"`` is both the country and the US state,
``"Atlanta, Georgia"`` is only the state and ``"Tbilisi, Georgia"`` only the
country; ``"London"`` is London (GB) and London (Ontario), ``"London,
Ontario"`` only the latter; ``"Cambridge, MA"`` is only Cambridge (US).

Data comes from ``relevance/data`` (see the README there); US states and
Canadian provinces come from :mod:`pycountry` (ISO 3166-2) at run time.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from relevance.geo_tables import ADMIN1 as _ADMIN1
from relevance.geo_tables import CITY as _CITY
from relevance.geo_tables import COUNTRY as _COUNTRY
from relevance.geo_tables import GROUP as _GROUP
from relevance.geo_tables import M49_REGIONS, M49_SUBREGIONS, normalize
from relevance.geo_tables import Entity as _Entity
from relevance.geo_tables import Tables as _Tables
from relevance.geo_tables import tables as _tables

__all__ = [
    "M49_REGIONS",
    "M49_SUBREGIONS",
    "LocationMatcher",
    "Place",
    "normalize",
    "parse",
    "resolve",
    "suggest",
]

# Short aliases allowed when scanning inside an unrecognised part.
_SCAN_SHORT_OK = frozenset({"uk", "us"})

_STRIP_PREFIXES = frozenset({"greater", "metropolitan"})
_STRIP_SUFFIXES = frozenset({"area", "region", "metropolitan", "metro", "metroplex", "county"})

_SEGMENT_SPLIT = re.compile(r"[/|;]")
_PART_SPLIT = re.compile(r"[,()\[\]\u2022\u00b7]|\s[-\u2013\u2014]\s")


@dataclass(frozen=True)
class Place:
    """The areas a location string resolves to.

    Attributes
    ----------
    text : str
        The normalized location text (see :func:`normalize`).
    keys : frozenset of str
        Every area key the location lies in: the place itself and all
        enclosing subdivisions, countries, sub-regions, regions and named
        areas. Empty when nothing was recognised.
    primary : frozenset of str
        The most specific keys only (``city:DE:berlin`` for ``"Berlin,
        Germany"``, ``region:europe`` for ``"Europe"``); several when the
        text is ambiguous (``"Georgia"``). Used for wanted locations.
    """

    text: str
    keys: frozenset[str]
    primary: frozenset[str]

    @property
    def known(self) -> bool:
        """Whether any area was recognised."""
        return bool(self.keys)

    @property
    def countries(self) -> frozenset[str]:
        """Alpha-2 codes of the countries the location may lie in."""
        return frozenset(k[len("country:") :] for k in self.keys if k.startswith("country:"))

    @property
    def text_key(self) -> str:
        """The ``text:`` key carrying the normalized text."""
        return f"text:{self.text}"


def _strip_variants(norm: str) -> Iterator[tuple[str, frozenset[str] | None]]:
    """Yield shortened forms of ``norm`` with the entity kinds they allow."""
    tokens = norm.split()
    while tokens and tokens[0] in _STRIP_PREFIXES:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _STRIP_SUFFIXES:
        tokens = tokens[:-1]
    if tokens and len(tokens) < len(norm.split()):
        yield " ".join(tokens), None
    if len(tokens) > 1 and tokens[-1] == "state":
        yield " ".join(tokens[:-1]), frozenset({_ADMIN1, _COUNTRY})
    if len(tokens) > 1 and tokens[-1] == "city":
        yield " ".join(tokens[:-1]), frozenset({_CITY})


def _scan(tokens: Sequence[str], tables: _Tables) -> list[tuple[_Entity, ...]]:
    """Find known names inside an unrecognised part, longest match first."""
    found: list[tuple[_Entity, ...]] = []
    i = 0
    while i < len(tokens):
        for length in range(min(tables.max_tokens, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + length])
            if (len(phrase) >= 3 or phrase in _SCAN_SHORT_OK) and phrase in tables.names:
                found.append(tables.names[phrase])
                i += length
                break
        else:
            i += 1
    return found


def _lookup(norm: str, tables: _Tables) -> list[tuple[_Entity, ...]]:
    """Return candidate lists for one comma-separated part (may split it)."""
    direct = {e.key: e for e in tables.names.get(norm, ()) + tables.codes.get(norm, ())}
    if direct:
        return [tuple(direct.values())]
    for variant, kinds in _strip_variants(norm):
        cands = tuple(e for e in tables.names.get(variant, ()) if kinds is None or e.kind in kinds)
        if cands:
            return [cands]
    return _scan(norm.split(), tables)


def _compatible(a: _Entity, b: _Entity) -> bool:
    if not a.countries & b.countries:
        return False
    return a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1


def _consistent(cands: Iterable[_Entity], others: Iterable[tuple[_Entity, ...]]) -> list[_Entity]:
    others = list(others)
    return [c for c in cands if all(any(_compatible(c, d) for d in o) for o in others)]


def _resolve_parts(parts: list[tuple[_Entity, ...]]) -> list[list[tuple[_Entity, ...]]]:
    """Disambiguate the candidates of one segment's parts.

    Later parts are taken as the broader context ("City, State, Country").
    Walking right to left, a part incompatible with the context to its right
    is dropped ("Paris, Texas" keeps only Texas, since only Paris, France is
    known) unless it names a country or area: then it starts a new group,
    so ``"Germany, France"`` is read as a list.
    """
    # Past the first part, a name that is also a subdivision or a country is
    # taken as that ("Buffalo, New York": the state, not the city).
    cleaned: list[tuple[_Entity, ...]] = []
    for i, cands in enumerate(parts):
        broad = tuple(c for c in cands if c.kind in (_ADMIN1, _COUNTRY, _GROUP))
        cleaned.append(broad if i > 0 and broad else cands)

    groups: list[list[tuple[_Entity, ...]]] = [[]]
    for cands in reversed(cleaned):
        current = groups[-1]
        kept = _consistent(cands, current)
        if kept:
            current.insert(0, tuple(kept))
            continue
        broad = tuple(c for c in cands if c.kind in (_COUNTRY, _GROUP))
        if broad:
            groups.append([broad])
    groups = [g for g in reversed(groups) if g]

    for group in groups:
        for _ in range(2):
            for i, cands in enumerate(group):
                kept = _consistent(cands, group[:i] + group[i + 1 :])
                if kept:
                    group[i] = tuple(kept)
    return groups


def _most_specific(cands: tuple[_Entity, ...]) -> frozenset[str]:
    """Keep the most specific of alternative readings of one part.

    A candidate is dropped when another candidate lies inside it ("New York"
    the city over the state, "England" the subdivision over the United
    Kingdom, "Micronesia" the country over the sub-region), except that a
    city-state's country wins over its city ("Singapore", "Luxembourg").
    """
    dropped: set[str] = set()
    for inner in cands:
        for outer in cands:
            if inner is outer or outer.key not in inner.keys:
                continue
            if inner.kind == _CITY and outer.kind == _COUNTRY:
                dropped.add(inner.key)
            else:
                dropped.add(outer.key)
    return frozenset(c.key for c in cands if c.key not in dropped)


@functools.lru_cache(maxsize=16384)
def parse(location: str) -> Place:
    """Parse a free-text location into a :class:`Place`.

    The text is split into alternatives on ``/``, ``|`` and ``;`` and each
    alternative into parts on commas, parentheses and `` - ``. Each part is
    looked up (case- and accent-insensitively) as a city, metro area, state
    or province, country, M49 region or sub-region, or named area such as
    EMEA; "Greater ... Area", "Metropolitan", "Region" and similar words are
    stripped when the full part is not known, and known names are searched
    inside parts that are still unknown ("Remote US"). Two-letter codes
    (``CA``, ``DE``) are accepted as whole parts only.

    Parameters
    ----------
    location : str
        Free text such as ``"Berlin, Germany"`` or ``"Greater London Area"``.

    Returns
    -------
    Place
        The resolved areas; ``Place.keys`` is empty when nothing is known
        (``"Remote"``). Results are cached.

    Notes
    -----
    Ambiguous names resolve to all candidates ("Georgia": the country and
    the US state) unless another part of the same text disambiguates
    ("Tbilisi, Georgia", "Atlanta, GA", "London, Ontario").

    Examples
    --------
    >>> sorted(parse("Munich, Bavaria, Germany").primary)
    ['city:DE:munich']
    """
    tables = _tables()
    keys: set[str] = set()
    primary: set[str] = set()
    for segment in _SEGMENT_SPLIT.split(location):
        whole = tables.names.get(normalize(segment))
        parts: list[tuple[_Entity, ...]] = [whole] if whole else []
        # A name with a comma or parentheses ("Cocos (Keeling) Islands") is
        # taken whole; anything else is split into parts.
        for raw in () if whole else _PART_SPLIT.split(segment):
            norm = normalize(raw)
            if norm:
                parts.extend(c for c in _lookup(norm, tables) if c)
        for group in _resolve_parts(parts):
            for cands in group:
                for entity in cands:
                    keys |= entity.keys
            primary |= _most_specific(group[0])
    return Place(normalize(location), frozenset(keys), frozenset(primary))


def resolve(location: str) -> frozenset[str]:
    """Resolve a free-text location to its area keys.

    Parameters
    ----------
    location : str
        Free text such as ``"Berlin, Germany"``.

    Returns
    -------
    frozenset of str
        Every area key the location lies in (see the module docstring), plus
        one ``text:<normalized text>`` key. Unknown text such as
        ``"Remote"`` yields only the ``text:`` key.

    Examples
    --------
    >>> sorted(k for k in resolve("Berlin, Germany") if not k.startswith("text:"))
    ... # doctest: +NORMALIZE_WHITESPACE
    ['area:dach', 'area:emea', 'area:eu', 'city:DE:berlin', 'country:DE',
     'region:europe', 'subregion:western europe']
    """
    place = parse(location)
    return place.keys | {place.text_key}


def suggest(location: str, limit: int = 3) -> list[str]:
    """The known place names closest to an unknown one, best first ("Texsa" -> "Texas").

    Parameters
    ----------
    location : str
        A place name that :func:`parse` does not know.
    limit : int, default=3
        At most this many names.

    Returns
    -------
    list of str
        Known names as the data spells them, by :class:`difflib.SequenceMatcher` ratio (0.75 at
        least); empty when nothing is close.

    Examples
    --------
    >>> suggest("Texsa")
    ['Texas']
    """
    tables = _tables()
    close = difflib.get_close_matches(normalize(location), tables.names, n=limit, cutoff=0.75)
    return [tables.display[name] for name in close]


class LocationMatcher:
    """Match member locations against a user's wanted locations.

    Each wanted location is resolved once to its most specific area keys
    (``"Europe"`` -> ``region:europe``, ``"Germany"`` -> ``country:DE``,
    ``"Berlin"`` -> ``city:DE:berlin``, ``"DFW"`` -> ``metro:US:dfw``). A member location
    matches when any of those keys is among the member location's keys. A wanted location that
    resolves to nothing known is set aside (see :attr:`unknown`, with the closest known names):
    when no wanted location is known, every answer is None (unknown), never a mismatch.

    Parameters
    ----------
    wanted : iterable of str
        The wanted locations. A single string is taken as one location.

    Raises
    ------
    ValueError
        If no location is given or a wanted location is empty or blank.

    Examples
    --------
    >>> matcher = LocationMatcher(["Europe", "Toronto"])
    >>> matcher.matches("Berlin, Germany")
    True
    >>> matcher.matches("Lagos, Nigeria")
    False
    >>> matcher.matches(None) is None
    True
    >>> LocationMatcher(["Texsa"]).unknown
    (('Texsa', ('Texas',)),)
    """

    def __init__(self, wanted: Iterable[str] | str) -> None:
        items = [wanted] if isinstance(wanted, str) else list(wanted)
        if not items:
            raise ValueError("LocationMatcher needs at least one wanted location")
        keys: set[str] = set()
        unknown: list[tuple[str, tuple[str, ...]]] = []
        for item in items:
            if not isinstance(item, str) or not normalize(item):
                raise ValueError(f"wanted location must be a non-empty string, got {item!r}")
            place = parse(item)
            if place.known:
                keys |= place.primary
            else:
                unknown.append((item, tuple(suggest(item))))
        self._wanted = tuple(items)
        self._keys = frozenset(keys)
        self._unknown = tuple(unknown)

    @property
    def wanted(self) -> tuple[str, ...]:
        """The wanted locations as given."""
        return self._wanted

    @property
    def known(self) -> tuple[str, ...]:
        """The wanted locations that name a known place."""
        unknown = {item for item, _ in self._unknown}
        return tuple(item for item in self._wanted if item not in unknown)

    @property
    def keys(self) -> frozenset[str]:
        """The area keys that make a member location match."""
        return self._keys

    @property
    def unknown(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Wanted locations that name no known place, each with the closest known names."""
        return self._unknown

    def matches(self, member_location: str | None) -> bool | None:
        """Tell whether a member location is in one of the wanted areas.

        Parameters
        ----------
        member_location : str or None
            The member's location as listed, e.g. ``"Berlin, Germany"``.

        Returns
        -------
        bool or None
            ``None`` when the location is missing or blank, or when no wanted location is
            known (unknown, not a mismatch); otherwise whether it lies in a wanted area.
            Unrecognised text (``"Remote"``) is ``False``.
        """
        if not self._keys or member_location is None or not member_location.strip():
            return None
        return bool(self._keys & parse(member_location).keys)

    def __repr__(self) -> str:
        return f"LocationMatcher({list(self._wanted)!r})"
