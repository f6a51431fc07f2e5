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

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.resources import files

__all__ = [
    "M49_REGIONS",
    "M49_SUBREGIONS",
    "LocationMatcher",
    "Place",
    "normalize",
    "parse",
    "resolve",
]

M49_REGIONS: frozenset[str] = frozenset({"Africa", "Americas", "Asia", "Europe", "Oceania"})
"""The five UN M49 regions used in ``countries.csv``."""

M49_SUBREGIONS: frozenset[str] = frozenset(
    {
        "Northern Africa",
        "Sub-Saharan Africa",
        "Latin America and the Caribbean",
        "Northern America",
        "Central Asia",
        "Eastern Asia",
        "South-eastern Asia",
        "Southern Asia",
        "Western Asia",
        "Eastern Europe",
        "Northern Europe",
        "Southern Europe",
        "Western Europe",
        "Australia and New Zealand",
        "Melanesia",
        "Micronesia",
        "Polynesia",
    }
)
"""The seventeen UN M49 sub-regions used in ``countries.csv``."""

# Extra names for M49 regions and sub-regions (the M49 name itself is always
# an alias).
_M49_ALIASES: dict[str, tuple[str, ...]] = {
    "Americas": ("The Americas",),
    "Latin America and the Caribbean": (
        "Latin America",
        "LATAM",
        "Latin America & the Caribbean",
        "Latin America & Caribbean",
        "Latin America and Caribbean",
        "LAC",
    ),
    "South-eastern Asia": ("Southeast Asia", "South-east Asia", "South East Asia", "SE Asia"),
    "Eastern Asia": ("East Asia",),
    "Southern Asia": ("South Asia",),
    "Western Asia": ("West Asia",),
    "Northern Africa": ("North Africa",),
    "Sub-Saharan Africa": ("Subsaharan Africa", "Sub Saharan Africa"),
    "Eastern Europe": ("East Europe",),
    "Western Europe": ("West Europe",),
    "Northern Europe": ("North Europe",),
    "Southern Europe": ("South Europe",),
    "Australia and New Zealand": ("ANZ", "Australasia", "Australia & New Zealand"),
}


def _codes(text: str) -> tuple[str, ...]:
    """Split a space-separated list of alpha-2 codes."""
    return tuple(text.split())


# Named areas beyond M49. Each member is an alpha-2 code, "region:<M49 name>"
# or "subregion:<M49 name>" (all countries in it); "-XX" removes a country.
# Choices (documented in the README):
# * North America = M49 Northern America (US, CA, BM, GL, PM) + Mexico (the
#   USMCA countries): the business sense of the term. Central America and the
#   Caribbean are in Latin America instead.
# * Central America, South America, Caribbean = M49 intermediate regions
#   (M49 counts Mexico in Central America).
# * EMEA = Europe + Africa + Western Asia + Central Asia + Iran;
#   APAC = Eastern, South-eastern and Southern Asia (without Iran) + Oceania.
# * Middle East = Western Asia without the South Caucasus (AM, AZ, GE),
#   plus Egypt and Iran. MENA = Middle East + M49 Northern Africa.
_MIDDLE_EAST = _codes("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE")

_AREAS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "eu",
        ("European Union", "EU", "EU27", "EU-27"),
        _codes("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
    ),
    (
        "emea",
        ("EMEA", "Europe Middle East and Africa", "Europe, Middle East and Africa"),
        (
            "region:Europe",
            "region:Africa",
            "subregion:Western Asia",
            "subregion:Central Asia",
            "IR",
        ),
    ),
    (
        "apac",
        ("APAC", "Asia Pacific", "Asia-Pacific", "AsiaPac", "Asia and the Pacific"),
        (
            "subregion:Eastern Asia",
            "subregion:South-eastern Asia",
            "subregion:Southern Asia",
            "region:Oceania",
            "-IR",
        ),
    ),
    ("dach", ("DACH", "D-A-CH"), ("DE", "AT", "CH")),
    (
        "nordics",
        ("Nordics", "Nordic countries", "Nordic", "Norden"),
        ("DK", "FI", "IS", "NO", "SE"),
    ),
    ("scandinavia", ("Scandinavia",), ("DK", "NO", "SE")),
    ("benelux", ("Benelux",), ("BE", "NL", "LU")),
    ("baltics", ("Baltics", "Baltic states", "Baltic countries"), ("EE", "LV", "LT")),
    (
        "middle east",
        ("Middle East", "Mideast"),
        _MIDDLE_EAST,
    ),
    (
        "mena",
        ("MENA", "Middle East and North Africa", "Middle East & North Africa"),
        (*_MIDDLE_EAST, "subregion:Northern Africa"),
    ),
    (
        "mea",
        ("MEA", "Middle East and Africa", "Middle East & Africa"),
        (*_MIDDLE_EAST, "region:Africa"),
    ),
    (
        "gcc",
        ("GCC", "Gulf Cooperation Council", "Gulf States", "GCC countries"),
        ("AE", "BH", "KW", "OM", "QA", "SA"),
    ),
    ("north america", ("North America", "NORAM", "NAMER"), ("subregion:Northern America", "MX")),
    (
        "central america",
        ("Central America",),
        ("BZ", "CR", "SV", "GT", "HN", "MX", "NI", "PA"),
    ),
    (
        "south america",
        ("South America",),
        _codes("AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
    ),
    (
        "caribbean",
        ("Caribbean", "The Caribbean", "West Indies"),
        _codes(
            "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI"
        ),
    ),
)

# Metropolitan areas: (country, key name, admin1 code, aliases, core city,
# member cities). A member in the metro also gets the core city's key, since
# sites such as LinkedIn show "San Francisco Bay Area" for San Francisco.
_METROS: tuple[tuple[str, str, str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    (
        "US",
        "sf bay area",
        "CA",
        ("San Francisco Bay Area", "Bay Area", "SF Bay Area", "SF Bay", "Silicon Valley"),
        "San Francisco",
        (
            "San Francisco",
            "Oakland",
            "San Jose",
            "Palo Alto",
            "Mountain View",
            "Sunnyvale",
            "Menlo Park",
            "Cupertino",
            "Santa Clara",
            "Redwood City",
            "Berkeley",
            "Fremont",
            "San Mateo",
            "South San Francisco",
        ),
    ),
)

# ISO 3166-2 subdivisions loaded from pycountry: country -> subdivision types.
_SUBDIVISION_TYPES: dict[str, frozenset[str]] = {
    "US": frozenset({"State", "District"}),
    "CA": frozenset({"Province", "Territory"}),
}

# Alpha-2 codes that are not used as whole-part codes ("NA" means "n/a").
_CODE_STOPLIST = frozenset({"NA"})

# Short aliases allowed when scanning inside an unrecognised part.
_SCAN_SHORT_OK = frozenset({"uk", "us"})

_STRIP_PREFIXES = frozenset({"greater", "metropolitan"})
_STRIP_SUFFIXES = frozenset({"area", "region", "metropolitan", "metro", "metroplex", "county"})

_TRANSLATE = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "\u0131": "i",  # dotless i
        "ß": "ss",
        "'": None,
        "\u2019": None,  # right single quotation mark
        "\u2018": None,  # left single quotation mark
        "\u02bb": None,  # modifier letter turned comma (okina)
        "\u02bc": None,  # modifier letter apostrophe
        "`": None,
        "\u00b4": None,  # acute accent
        ".": None,
        "&": " and ",
    }
)
_NON_WORD = re.compile(r"[\W_]+")
_SEGMENT_SPLIT = re.compile(r"[/|;]")
_PART_SPLIT = re.compile(r"[,()\[\]\u2022\u00b7]|\s[-\u2013\u2014]\s")

_CITY, _METRO, _ADMIN1, _COUNTRY, _GROUP = "city", "metro", "admin1", "country", "group"


def normalize(text: str) -> str:
    """Normalize text for comparison.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        Case-folded text without accents, apostrophes or dots, with ``&``
        spelled ``and`` and every other run of punctuation or whitespace
        replaced by a single space.

    Examples
    --------
    >>> normalize("São Paulo")
    'sao paulo'
    >>> normalize("Washington, D.C.")
    'washington dc'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.translate(_TRANSLATE)).strip()


@dataclass(frozen=True)
class _Entity:
    """One known place: a city, metro, subdivision, country or named group."""

    kind: str
    key: str
    countries: frozenset[str]
    admin1: str | None
    keys: frozenset[str]


@dataclass(frozen=True)
class _Tables:
    names: dict[str, tuple[_Entity, ...]]
    codes: dict[str, tuple[_Entity, ...]]
    max_tokens: int


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


def _read_csv(name: str) -> list[dict[str, str]]:
    text = files("relevance").joinpath("data", name).read_text(encoding="utf-8")
    return [
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _split_aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def _load_subdivisions() -> list[tuple[str, str, str]]:
    """Return (country, code, name) for the configured ISO 3166-2 subdivisions."""
    import pycountry

    out: list[tuple[str, str, str]] = []
    for sub in pycountry.subdivisions:
        types = _SUBDIVISION_TYPES.get(str(sub.country_code))
        if types is not None and sub.type in types:
            out.append((str(sub.country_code), str(sub.code).split("-", 1)[1], str(sub.name)))
    return sorted(out)


@functools.cache
def _tables() -> _Tables:
    """Load and index the data tables (once)."""
    names: dict[str, dict[str, _Entity]] = {}
    codes: dict[str, dict[str, _Entity]] = {}

    def add(index: dict[str, dict[str, _Entity]], alias: str, entity: _Entity) -> None:
        norm = normalize(alias)
        if norm:
            index.setdefault(norm, {})[entity.key] = entity

    # Groups: M49 regions/sub-regions from the CSV, then the named areas.
    country_rows = _read_csv("countries.csv")
    group_members: dict[str, set[str]] = {}
    group_names: dict[str, list[str]] = {}
    country_aliases: dict[str, list[str]] = {}
    for row in country_rows:
        code = row["alpha2"]
        country_aliases[code] = [row["name"], *_split_aliases(row["aliases"])]
        for level in ("region", "subregion"):
            if row[level]:
                gkey = f"{level}:{row[level].lower()}"
                group_members.setdefault(gkey, set()).add(code)
                group_names[gkey] = [row[level], *_M49_ALIASES.get(row[level], ())]
    for name, aliases, spec in _AREAS:
        members: set[str] = set()
        for item in spec:
            if item.startswith("-"):
                members.discard(item[1:])
            elif ":" in item:
                level, gname = item.split(":", 1)
                members |= group_members[f"{level}:{gname.lower()}"]
            else:
                members.add(item)
        group_members[f"area:{name}"] = members
        group_names[f"area:{name}"] = list(aliases)

    frozen_groups = {k: frozenset(v) for k, v in group_members.items()}
    country_groups: dict[str, set[str]] = {}
    for gkey, members_ in frozen_groups.items():
        for code in members_:
            country_groups.setdefault(code, set()).add(gkey)
    for gkey, members_ in frozen_groups.items():
        ancestors = {g for g, other in frozen_groups.items() if members_ <= other}
        entity = _Entity(_GROUP, gkey, members_, None, frozenset(ancestors | {gkey}))
        for alias in group_names[gkey]:
            add(names, alias, entity)

    country_keys: dict[str, frozenset[str]] = {}
    for code, aliases_ in country_aliases.items():
        keys = frozenset({f"country:{code}", *country_groups.get(code, ())})
        country_keys[code] = keys
        entity = _Entity(_COUNTRY, f"country:{code}", frozenset({code}), None, keys)
        for alias in aliases_:
            add(names, alias, entity)
        if code not in _CODE_STOPLIST:
            add(codes, code, entity)

    # First-level subdivisions: ISO 3166-2 from pycountry, then names in cities.csv.
    admin1: dict[str, _Entity] = {}
    iso_admin1: set[str] = set()
    for country, code, name in _load_subdivisions():
        akey = f"admin1:{country}-{code}"
        iso_admin1.add(akey)
        entity = _Entity(_ADMIN1, akey, frozenset({country}), akey, country_keys[country] | {akey})
        admin1[akey] = entity
        add(names, name, entity)
        add(codes, code, entity)

    city_rows = _read_csv("cities.csv")
    for row in city_rows:
        country, value = row["country_alpha2"], row["admin1"]
        aliases_ = _split_aliases(value)
        if not aliases_ or f"admin1:{country}-{value}" in iso_admin1:
            continue
        akey = f"admin1:{country}:{normalize(aliases_[0])}"
        entity = admin1.get(akey) or _Entity(
            _ADMIN1, akey, frozenset({country}), akey, country_keys[country] | {akey}
        )
        admin1[akey] = entity
        for alias in aliases_:
            add(names, alias, entity)

    def admin1_key(country: str, value: str) -> str | None:
        aliases_ = _split_aliases(value)
        if not aliases_:
            return None
        if f"admin1:{country}-{value}" in iso_admin1:
            return f"admin1:{country}-{value}"
        return f"admin1:{country}:{normalize(aliases_[0])}"

    # Metros are attached to their member cities.
    metro_of: dict[str, list[str]] = {}
    metro_core: dict[str, str] = {}
    for country, mname, _mcode, _aliases, core, members_m in _METROS:
        mkey = f"metro:{country}:{mname}"
        metro_core[mkey] = f"city:{country}:{normalize(core)}"
        for city in members_m:
            metro_of.setdefault(f"city:{country}:{normalize(city)}", []).append(mkey)

    for row in city_rows:
        country = row["country_alpha2"]
        ckey = f"city:{country}:{normalize(row['city'])}"
        city_admin1 = admin1_key(country, row["admin1"])
        city_keys = set(country_keys[country]) | {ckey, *metro_of.get(ckey, ())}
        if city_admin1:
            city_keys.add(city_admin1)
        entity = _Entity(_CITY, ckey, frozenset({country}), city_admin1, frozenset(city_keys))
        for alias in [row["city"], *_split_aliases(row["aliases"])]:
            add(names, alias, entity)

    for country, mname, mcode, aliases_m, _core, _members in _METROS:
        mkey = f"metro:{country}:{mname}"
        akey = f"admin1:{country}-{mcode}"
        keys = country_keys[country] | {mkey, akey, metro_core[mkey]}
        entity = _Entity(_METRO, mkey, frozenset({country}), akey, keys)
        for alias in aliases_m:
            add(names, alias, entity)

    return _Tables(
        names={k: tuple(v.values()) for k, v in names.items()},
        codes={k: tuple(v.values()) for k, v in codes.items()},
        max_tokens=max(len(k.split()) for k in names),
    )


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


class LocationMatcher:
    """Match member locations against a user's wanted locations.

    Each wanted location is resolved once to its most specific area keys
    (``"Europe"`` -> ``region:europe``, ``"Germany"`` -> ``country:DE``,
    ``"Berlin"`` -> ``city:DE:berlin``). A member location matches when any
    of those keys is among the member location's keys. A wanted location
    that resolves to nothing known is matched as a normalized whole-word
    substring of the member's location text instead.

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
    """

    def __init__(self, wanted: Iterable[str] | str) -> None:
        items = [wanted] if isinstance(wanted, str) else list(wanted)
        if not items:
            raise ValueError("LocationMatcher needs at least one wanted location")
        keys: set[str] = set()
        texts: list[str] = []
        for item in items:
            if not isinstance(item, str) or not normalize(item):
                raise ValueError(f"wanted location must be a non-empty string, got {item!r}")
            place = parse(item)
            if place.known:
                keys |= place.primary
            else:
                texts.append(place.text)
        self._wanted = tuple(items)
        self._keys = frozenset(keys)
        self._texts = tuple(texts)

    @property
    def wanted(self) -> tuple[str, ...]:
        """The wanted locations as given."""
        return self._wanted

    @property
    def keys(self) -> frozenset[str]:
        """The area keys that make a member location match."""
        return self._keys

    @property
    def unresolved(self) -> tuple[str, ...]:
        """Normalized wanted texts matched by substring (not recognised)."""
        return self._texts

    def matches(self, member_location: str | None) -> bool | None:
        """Tell whether a member location is in one of the wanted areas.

        Parameters
        ----------
        member_location : str or None
            The member's location as listed, e.g. ``"Berlin, Germany"``.

        Returns
        -------
        bool or None
            ``None`` when the location is missing or blank (unknown, not a
            mismatch); otherwise whether it lies in a wanted area.
            Unrecognised text (``"Remote"``) is ``False`` unless a
            substring-matched wanted text occurs in it.
        """
        if member_location is None or not member_location.strip():
            return None
        place = parse(member_location)
        if self._keys & place.keys:
            return True
        if self._texts and place.text:
            padded = f" {place.text} "
            return any(f" {text} " in padded for text in self._texts)
        return False

    def __repr__(self) -> str:
        return f"LocationMatcher({list(self._wanted)!r})"
