"""The place tables behind :mod:`relevance.geo`, loaded once from ``relevance/data``.

Every table is a data file with its source named in ``relevance/data/README.md``:

- ``countries.csv``: ISO 3166-1 countries (pycountry) with their UN M49 region and sub-region;
- ``regions.csv``: other names of the M49 regions and sub-regions ("LATAM", "Southeast Asia");
- ``areas.csv``: named areas (EU, EMEA, DACH, Nordics, ...) as lists of countries, M49 groups and
  earlier areas; a row keyed ``region:...`` extends an M49 region (Europe holds the EU's members);
- ``cities.csv``: cities with their country, first-level subdivision and other names;
- ``state_areas.csv``: named areas made of US states and Canadian provinces (Pacific Northwest,
  New England, Midwest, Atlantic Canada, ...): every place in one of them lies in the area;
- ``metros.csv`` (hand-written definitions) and ``metro_cities.csv`` (generated from GeoNames by
  ``scripts/make_metro_cities.py``): metro areas and the cities and suburbs in them;
- US states and DC, Canadian provinces and territories (names and codes), and by name the states,
  regions and provinces of 17 more countries: ISO 3166-2 from pycountry at run time.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, replace
from importlib.resources import files

from relevance.text import fold

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

# ISO 3166-2 subdivisions loaded from pycountry: country -> subdivision types.
_SUBDIVISION_TYPES: dict[str, frozenset[str]] = {
    "US": frozenset({"State", "District"}),
    "CA": frozenset({"Province", "Territory"}),
}

# More ISO 3166-2 first-level subdivisions, by name only (their codes, such as DE-BY or AU-WA,
# would clash with country and US state codes), where no other table already uses the name.
_NAMED_SUBDIVISION_TYPES: dict[str, frozenset[str]] = {
    "AU": frozenset({"State", "Territory"}),
    "IN": frozenset({"State", "Union territory"}),
    "DE": frozenset({"Land"}),
    "AT": frozenset({"State"}),
    "CH": frozenset({"Canton"}),
    "BR": frozenset({"State", "Federal district"}),
    "MX": frozenset({"State"}),
    "ES": frozenset({"Autonomous community"}),
    "IT": frozenset({"Region"}),
    "FR": frozenset({"Metropolitan region"}),
    "NL": frozenset({"Province"}),
    "CN": frozenset({"Province", "Autonomous region", "Municipality"}),
    "JP": frozenset({"Prefecture"}),
    "NG": frozenset({"State"}),
    "ZA": frozenset({"Province"}),
    "AR": frozenset({"Province"}),
    "PL": frozenset({"Voivodship"}),
}

# Alpha-2 codes that are not used as whole-part codes ("NA" means "n/a").
_CODE_STOPLIST = frozenset({"NA"})

# Punctuation that place names drop or spell out ("St. John's" = "st johns").
_PUNCTUATION = str.maketrans(
    {
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

CITY, METRO, ADMIN1, COUNTRY, GROUP = "city", "metro", "admin1", "country", "group"


def normalize(text: str) -> str:
    """Normalize text for comparison.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The project's fold (:func:`relevance.text.fold`: case and Latin accents), without
        apostrophes or dots, with ``&`` spelled ``and`` and every other run of punctuation or
        whitespace replaced by a single space.

    Examples
    --------
    >>> normalize("São Paulo")
    'sao paulo'
    >>> normalize("Washington, D.C.")
    'washington dc'
    >>> normalize("Ørsted")
    'orsted'
    """
    return _NON_WORD.sub(" ", fold(text).translate(_PUNCTUATION)).strip()


@dataclass(frozen=True)
class Entity:
    """One known place: a city, metro, subdivision, country or named group."""

    kind: str
    key: str
    countries: frozenset[str]
    admin1: str | None
    keys: frozenset[str]


@dataclass(frozen=True)
class Tables:
    """Every known name (and two-letter code) with the places it may name."""

    names: dict[str, tuple[Entity, ...]]
    codes: dict[str, tuple[Entity, ...]]
    max_tokens: int
    display: dict[str, str]


def read_csv(name: str) -> list[dict[str, str]]:
    """The rows of a data file, values stripped."""
    text = files("relevance").joinpath("data", name).read_text(encoding="utf-8")
    return [
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(io.StringIO(text))
    ]


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def _load_subdivisions(
    kinds: dict[str, frozenset[str]] = _SUBDIVISION_TYPES,
) -> list[tuple[str, str, str]]:
    """Return (country, code, name) for the ISO 3166-2 subdivisions of the given types."""
    import pycountry

    out: list[tuple[str, str, str]] = []
    for sub in pycountry.subdivisions:
        types = kinds.get(str(sub.country_code))
        if types is not None and sub.type in types:
            out.append((str(sub.country_code), str(sub.code).split("-", 1)[1], str(sub.name)))
    return sorted(out)


class _Builder:
    """Collects entities under their names while the tables are read."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, Entity]] = {}
        self.codes: dict[str, dict[str, Entity]] = {}
        self.display: dict[str, str] = {}

    def add(self, alias: str, entity: Entity, code: bool = False) -> None:
        norm = normalize(alias)
        if norm:
            (self.codes if code else self.names).setdefault(norm, {})[entity.key] = entity
            if not code:
                self.display.setdefault(norm, alias)

    def widen(self, extra: dict[str, frozenset[str]]) -> None:
        """Give every place in a first-level subdivision of ``extra`` (a subdivision, or a city
        or metro area whose ``admin1`` it is) the keys ``extra`` maps that subdivision to."""
        done: dict[int, Entity] = {}
        for table in (self.names, self.codes):
            for entities in table.values():
                for key, entity in entities.items():
                    found = extra.get(entity.admin1) if entity.admin1 else None
                    if found:
                        if id(entity) not in done:  # one entity under many names: one copy
                            done[id(entity)] = replace(entity, keys=entity.keys | found)
                        entities[key] = done[id(entity)]

    def tables(self) -> Tables:
        return Tables(
            names={k: tuple(v.values()) for k, v in self.names.items()},
            codes={k: tuple(v.values()) for k, v in self.codes.items()},
            max_tokens=max(len(k.split()) for k in self.names),
            display=self.display,
        )


def _groups(build: _Builder, country_rows: list[dict[str, str]]) -> dict[str, set[str]]:
    """M49 regions, sub-regions and named areas: their countries; names added to ``build``."""
    members: dict[str, set[str]] = {}
    names: dict[str, list[str]] = {}
    extra = {row["m49"]: split_aliases(row["aliases"]) for row in read_csv("regions.csv")}
    for row in country_rows:
        for level in ("region", "subregion"):
            if row[level]:
                key = f"{level}:{row[level].lower()}"
                members.setdefault(key, set()).add(row["alpha2"])
                names[key] = [row[level], *extra.get(row[level], ())]
    for row in read_csv("areas.csv"):
        key = row["key"] if ":" in row["key"] else f"area:{row['key']}"
        found = members.setdefault(key, set())
        for item in split_aliases(row["members"]):
            if item.startswith("-"):
                found.discard(item[1:])
            elif ":" in item:
                level, name = item.split(":", 1)
                found |= members[f"{level}:{name.lower()}"]
            else:
                found.add(item)
        names.setdefault(key, []).extend(split_aliases(row["aliases"]))
    frozen = {k: frozenset(v) for k, v in members.items()}
    for key, countries in frozen.items():
        ancestors = {g for g, other in frozen.items() if countries <= other}
        entity = Entity(GROUP, key, countries, None, frozenset(ancestors | {key}))
        for alias in names[key]:
            build.add(alias, entity)
    return members


def _state_areas(build: _Builder, iso: set[str], country_keys: dict[str, frozenset[str]]) -> None:
    """The areas of ``state_areas.csv``: each a named group of ISO 3166-2 subdivisions, and a key
    of every place in one of them ("Portland, Oregon" lies in the Pacific Northwest)."""
    of_subdivision: dict[str, set[str]] = {}
    for row in read_csv("state_areas.csv"):
        key = f"area:{row['key']}"
        codes = split_aliases(row["members"])
        unknown = [code for code in codes if f"admin1:{code}" not in iso]
        if unknown:  # a typo in the data file: fail loudly at load, not match nothing
            raise ValueError(f"state_areas.csv: {row['key']}: unknown subdivisions {unknown}")
        countries = frozenset(code.split("-", 1)[0] for code in codes)
        # The area lies in what holds all its countries: the US, or North America for the PNW.
        around = frozenset.intersection(*(country_keys[c] for c in countries))
        entity = Entity(GROUP, key, countries, None, around | {key})
        for alias in split_aliases(row["aliases"]):
            build.add(alias, entity)
        for code in codes:
            of_subdivision.setdefault(f"admin1:{code}", set()).add(key)
    build.widen({k: frozenset(v) for k, v in of_subdivision.items()})


def _admin1_key(country: str, value: str, iso: set[str]) -> str | None:
    aliases = split_aliases(value)
    if not aliases:
        return None
    if f"admin1:{country}-{value}" in iso:
        return f"admin1:{country}-{value}"
    return f"admin1:{country}:{normalize(aliases[0])}"


@functools.cache
def tables() -> Tables:
    """Load and index the data tables (once)."""
    build = _Builder()
    country_rows = read_csv("countries.csv")
    group_members = _groups(build, country_rows)
    country_groups: dict[str, set[str]] = {}
    for gkey, countries in group_members.items():
        for code in countries:
            country_groups.setdefault(code, set()).add(gkey)

    country_keys: dict[str, frozenset[str]] = {}
    for row in country_rows:
        code = row["alpha2"]
        keys = frozenset({f"country:{code}", *country_groups.get(code, ())})
        country_keys[code] = keys
        entity = Entity(COUNTRY, f"country:{code}", frozenset({code}), None, keys)
        for alias in [row["name"], *split_aliases(row["aliases"])]:
            build.add(alias, entity)
        if code not in _CODE_STOPLIST:
            build.add(code, entity, code=True)

    # First-level subdivisions: ISO 3166-2 from pycountry, then names in cities.csv.
    admin1: dict[str, Entity] = {}
    iso: set[str] = set()
    for country, code, name in _load_subdivisions():
        akey = f"admin1:{country}-{code}"
        iso.add(akey)
        entity = Entity(ADMIN1, akey, frozenset({country}), akey, country_keys[country] | {akey})
        admin1[akey] = entity
        build.add(name, entity)
        build.add(code, entity, code=True)
    city_rows = read_csv("cities.csv")
    for row in city_rows:
        country, value = row["country_alpha2"], row["admin1"]
        found = _admin1_key(country, value, iso)
        if found is None or found in iso:
            continue
        entity = admin1.get(found) or Entity(
            ADMIN1, found, frozenset({country}), found, country_keys[country] | {found}
        )
        admin1[found] = entity
        for alias in split_aliases(value):
            build.add(alias, entity)

    _cities(build, city_rows, country_keys, iso)
    for country, code, name in _load_subdivisions(_NAMED_SUBDIVISION_TYPES):
        if normalize(name) in build.names:
            continue  # a city or a subdivision that cities.csv already names
        akey = f"admin1:{country}-{code}"
        entity = Entity(ADMIN1, akey, frozenset({country}), akey, country_keys[country] | {akey})
        build.add(name, entity)
    _state_areas(build, iso, country_keys)
    return build.tables()


def _cities(
    build: _Builder,
    city_rows: list[dict[str, str]],
    country_keys: dict[str, frozenset[str]],
    iso: set[str],
) -> None:
    """Cities of cities.csv and of the metro areas, and the metro areas themselves."""
    metros = read_csv("metros.csv")
    # (country, normalized city, US state or "") -> the metros it lies in, from GeoNames.
    metro_of: dict[tuple[str, str, str], set[str]] = {}
    for row in read_csv("metro_cities.csv"):
        mkey = f"metro:{row['country']}:{row['metro']}"
        metro_of.setdefault((row["country"], normalize(row["city"]), row["admin1"]), set()).add(
            mkey
        )

    def metros_of(country: str, name: str, state: str) -> set[str]:
        return metro_of.get((country, normalize(name), state if country == "US" else ""), set())

    known: set[tuple[str, str, str]] = set()
    city_keys: dict[str, str] = {}
    for row in city_rows:
        country = row["country_alpha2"]
        ckey = f"city:{country}:{normalize(row['city'])}"
        akey = _admin1_key(country, row["admin1"], iso)
        aliases = [row["city"], *split_aliases(row["aliases"])]
        keys = set(country_keys[country]) | {ckey}
        for alias in aliases:
            keys |= metros_of(country, alias, row["admin1"])
            known.add((country, normalize(alias), row["admin1"] if country == "US" else ""))
            city_keys[f"{country}:{normalize(alias)}"] = ckey
        if akey:
            keys.add(akey)
        entity = Entity(CITY, ckey, frozenset({country}), akey, frozenset(keys))
        for alias in aliases:
            build.add(alias, entity)

    # Suburbs and smaller cities known only from GeoNames: a key of their own, with the state
    # for the US (Arlington, TX and Arlington, VA are two places).
    for (country, name, state), mkeys in sorted(metro_of.items()):
        if (country, name, state) in known:
            continue
        akey = f"admin1:{country}-{state}" if state else None
        ckey = f"city:{country}{'-' + state if state else ''}:{name}"
        keys = set(country_keys[country]) | {ckey, *mkeys}
        if akey:
            keys.add(akey)
        build.add(name, Entity(CITY, ckey, frozenset({country}), akey, frozenset(keys)))

    for row in metros:
        country = row["country"]
        mkey = f"metro:{country}:{row['key']}"
        akey = f"admin1:{country}-{row['admin1']}" if row["admin1"] else None
        core = city_keys.get(f"{country}:{normalize(row['core'])}")
        keys = set(country_keys[country]) | {mkey}
        if akey:
            keys.add(akey)
        if core:
            keys.add(core)  # LinkedIn shows "San Francisco Bay Area" for San Francisco
        entity = Entity(METRO, mkey, frozenset({country}), akey, frozenset(keys))
        for alias in split_aliases(row["aliases"]):
            build.add(alias, entity)
