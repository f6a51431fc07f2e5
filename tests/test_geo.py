"""Tests for relevance.geo: location resolution and matching."""

from __future__ import annotations

import csv
import io
from importlib.resources import files

import pycountry
import pytest

from relevance.geo import (
    M49_REGIONS,
    M49_SUBREGIONS,
    LocationMatcher,
    Place,
    normalize,
    parse,
    resolve,
)


def _rows(name: str) -> list[dict[str, str]]:
    text = files("relevance").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _areas(location: str) -> frozenset[str]:
    return frozenset(k for k in resolve(location) if not k.startswith("text:"))


def match(wanted: str | list[str], member: str | None) -> bool | None:
    return LocationMatcher(wanted).matches(member)


# --- the examples from the design ------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "member"),
    [
        ("Europe", "Berlin, Germany"),
        ("Germany", "Berlin"),
        ("Germany", "Munich, Bavaria, Germany"),
        ("San Francisco Bay Area", "San Francisco, CA"),
        ("California", "San Francisco, CA"),
        ("London", "Greater London Area, United Kingdom"),
        ("London", "London, England"),
        ("France", "Greater Paris Metropolitan Region"),
        ("Europe", "Greater Paris Metropolitan Region"),
        ("Bangalore", "Bengaluru, Karnataka, India"),
        ("Asia", "Bengaluru, Karnataka, India"),
        ("United States", "Austin, Texas"),
        ("North America", "Austin, Texas"),
        ("Texas", "Austin, Texas"),
        ("Toronto", "Toronto, Ontario, Canada"),
        ("Bavaria", "Munich, Bavaria, Germany"),
        ("Bavaria", "Nuremberg"),
    ],
)
def test_design_examples_match(wanted: str, member: str) -> None:
    assert match(wanted, member) is True


@pytest.mark.parametrize(
    ("wanted", "member"),
    [
        ("Europe", "Lagos, Nigeria"),
        ("Europe", "Toronto, Ontario, Canada"),
        ("Germany", "Vienna, Austria"),
        ("Berlin", "Munich, Germany"),
        ("Texas", "San Francisco, CA"),
        ("California", "Austin, Texas"),
        ("Asia", "Berlin, Germany"),
        ("London, UK", "London, Ontario, Canada"),
        ("United Kingdom", "London, Ontario"),
        ("Bavaria", "Berlin"),
    ],
)
def test_non_matches(wanted: str, member: str) -> None:
    assert match(wanted, member) is False


def test_resolve_berlin_keys() -> None:
    assert _areas("Berlin, Germany") == {
        "city:DE:berlin",
        "country:DE",
        "subregion:western europe",
        "region:europe",
        "area:eu",
        "area:dach",
        "area:emea",
    }


def test_resolve_adds_text_key() -> None:
    keys = resolve("Berlin, Germany")
    assert "text:berlin germany" in keys


def test_matcher_with_several_locations() -> None:
    matcher = LocationMatcher(["Europe", "Toronto"])
    assert matcher.matches("Berlin, Germany") is True
    assert matcher.matches("Toronto, ON") is True
    assert matcher.matches("Montreal, Quebec, Canada") is False
    assert matcher.matches("Lagos, Nigeria") is False
    assert matcher.keys == {"region:europe", "city:CA:toronto"}


def test_wanted_keys_are_most_specific() -> None:
    assert LocationMatcher(["Europe"]).keys == {"region:europe"}
    assert LocationMatcher(["Germany"]).keys == {"country:DE"}
    assert LocationMatcher(["Berlin"]).keys == {"city:DE:berlin"}
    assert LocationMatcher(["California"]).keys == {"admin1:US-CA"}
    assert LocationMatcher(["CA"]).keys == {"admin1:US-CA", "country:CA"}


# --- normalization ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("São Paulo", "sao paulo"),
        ("  ZÜRICH ", "zurich"),
        ("Washington, D.C.", "washington dc"),
        ("Łódź", "lodz"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("Straße", "strasse"),
        ("Москва", "москва"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("São Paulo", "Sao Paulo"),
        ("SAO PAULO, BRAZIL", "são paulo, brasil"),
        ("Zürich", "zurich"),
        ("München", "Munich"),
        ("Köln", "Cologne"),
        ("Kraków", "krakow"),
        ("Bogotá", "BOGOTA"),
    ],
)
def test_accents_and_case_are_ignored(a: str, b: str) -> None:
    assert parse(a).primary == parse(b).primary
    assert parse(a).known


def test_accented_member_matches_plain_wanted() -> None:
    assert match("Sao Paulo", "São Paulo, São Paulo, Brazil") is True
    assert match("brazil", "SÃO PAULO") is True
    assert match("Latin America", "São Paulo") is True


# --- unknown, remote, empty -------------------------------------------------------


def test_remote_resolves_to_nothing() -> None:
    place = parse("Remote")
    assert not place.known
    assert place.keys == frozenset()
    assert resolve("Remote") == {"text:remote"}
    assert match("Europe", "Remote") is False


@pytest.mark.parametrize("member", [None, "", "   "])
def test_missing_member_location_is_unknown(member: str | None) -> None:
    assert match("Europe", member) is None


@pytest.mark.parametrize("text", ["", " ", "---", "N/A", "()", "/", "??", "Earth"])
def test_junk_does_not_crash(text: str) -> None:
    assert isinstance(parse(text), Place)
    assert _areas(text) == frozenset()


def test_empty_wanted_location_raises() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        LocationMatcher([""])
    with pytest.raises(ValueError, match="non-empty"):
        LocationMatcher(["Europe", "  "])
    with pytest.raises(ValueError, match="at least one"):
        LocationMatcher([])


def test_single_string_is_one_location() -> None:
    matcher = LocationMatcher("Europe")
    assert matcher.wanted == ("Europe",)
    assert matcher.matches("Paris, France") is True


def test_unknown_wanted_is_set_aside_with_suggestions() -> None:
    matcher = LocationMatcher(["Texsa"])
    assert matcher.unknown == (("Texsa", ("Texas",)),)
    assert matcher.keys == frozenset()
    # Nothing known is wanted: the place part is unknown, not a mismatch.
    assert matcher.matches("Austin, Texas") is None
    assert matcher.matches("Berlin") is None


def test_unknown_and_known_wanted_combine() -> None:
    matcher = LocationMatcher(["Lone Star State", "Germany"])
    assert matcher.unknown == (("Lone Star State", ()),)
    assert matcher.known == ("Germany",)
    assert matcher.matches("Hamburg") is True
    assert matcher.matches("Remote") is False
    assert matcher.matches("Paris") is False


@pytest.mark.parametrize(
    ("wanted", "member", "expected"),
    [
        ("DFW", "Fort Worth, Texas", True),
        ("DFW", "Frisco, TX", True),
        ("DFW", "Arlington, Texas", True),
        ("DFW", "Denton, Texas", True),
        ("Dallas-Fort Worth", "Plano, Texas, United States", True),
        ("DFW", "Arlington, Virginia", False),
        ("DFW", "Austin, Texas", False),
        ("Dallas", "Fort Worth, Texas", False),
        ("Bay Area", "Palo Alto, California", True),
        ("Greater London", "Croydon, England, United Kingdom", True),
        ("Greater London", "London, United Kingdom", True),
        ("Randstad", "Delft, South Holland, Netherlands", True),
        ("Randstad", "Eindhoven, Netherlands", False),
        ("Europe", "Limassol, Cyprus", True),
        ("EU", "Limassol, Cyprus", True),
        ("TX", "Arlington, Texas", True),
        ("Nordics", "Stockholm, Sweden", True),
        ("LATAM", "Bogotá, Colombia", True),
        ("APAC", "Singapore", True),
        ("Queensland", "Gold Coast, Queensland, Australia", True),
        ("Maharashtra", "Pune, Maharashtra, India", True),
        ("Jalisco", "Guadalajara, Jalisco, Mexico", True),
        ("Jalisco", "Monterrey, Nuevo León, Mexico", False),
    ],
)
def test_metro_areas_and_groupings(wanted: str, member: str, expected: bool) -> None:
    assert match(wanted, member) is expected


def test_one_fold_with_text() -> None:
    from relevance.text import clean_text

    assert normalize("Ørsted") == clean_text("Ørsted") == "orsted"


# --- named areas ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "member", "expected"),
    [
        ("EMEA", "Berlin, Germany", True),
        ("EMEA", "Lagos, Nigeria", True),
        ("EMEA", "Dubai, United Arab Emirates", True),
        ("EMEA", "Tehran, Iran", True),
        ("EMEA", "New York, NY", False),
        ("EMEA", "Singapore", False),
        ("APAC", "Singapore", True),
        ("APAC", "Sydney, NSW, Australia", True),
        ("APAC", "Bengaluru, India", True),
        ("APAC", "Tokyo", True),
        ("APAC", "London, UK", False),
        ("APAC", "Tehran", False),
        ("Asia Pacific", "Auckland, New Zealand", True),
        ("DACH", "Zürich, Switzerland", True),
        ("DACH", "Vienna", True),
        ("DACH", "Munich", True),
        ("DACH", "Amsterdam", False),
        ("Nordics", "Stockholm, Sweden", True),
        ("Nordics", "Reykjavik", True),
        ("Nordics", "Tallinn, Estonia", False),
        ("Benelux", "Antwerp, Belgium", True),
        ("Benelux", "Luxembourg", True),
        ("EU", "Dublin, Ireland", True),
        ("European Union", "Warsaw", True),
        ("EU", "Zurich", False),
        ("EU", "London", False),
        ("Europe", "Zurich", True),
        ("Middle East", "Tel Aviv, Israel", True),
        ("Middle East", "Cairo, Egypt", True),
        ("Middle East", "Tbilisi, Georgia", False),
        ("MENA", "Casablanca, Morocco", True),
        ("MENA", "Nairobi, Kenya", False),
        ("GCC", "Doha, Qatar", True),
        ("GCC", "Amman, Jordan", False),
        ("LATAM", "Mexico City", True),
        ("Latin America", "Buenos Aires, Argentina", True),
        ("Latin America", "Miami, FL", False),
        ("North America", "Toronto", True),
        ("North America", "Monterrey, Mexico", True),
        ("North America", "Panama City", False),
        ("Southeast Asia", "Ho Chi Minh City, Vietnam", True),
        ("Southeast Asia", "Beijing", False),
        ("Sub-Saharan Africa", "Nairobi", True),
        ("Western Europe", "Berlin", True),
        ("Eastern Europe", "Berlin", False),
        ("South America", "Lima, Peru", True),
        ("Caribbean", "Kingston, Jamaica", True),
    ],
)
def test_named_areas(wanted: str, member: str, expected: bool) -> None:
    assert match(wanted, member) is expected


def test_area_keys_nest() -> None:
    # A member who only says "Europe" is within EMEA, and Nordics within Europe.
    assert match("EMEA", "Europe") is True
    assert match("Europe", "Nordics") is True
    assert match("Nordics", "Scandinavia") is True
    assert match("Germany", "Europe") is False


# --- ambiguity --------------------------------------------------------------------


def test_georgia_alone_is_both() -> None:
    assert parse("Georgia").primary == {"country:GE", "admin1:US-GA"}
    assert match("United States", "Georgia") is True
    assert match("Asia", "Georgia") is True


def test_georgia_disambiguated_by_context() -> None:
    assert parse("Atlanta, Georgia").countries == {"US"}
    assert parse("Tbilisi, Georgia").countries == {"GE"}
    assert parse("Georgia, United States").primary == {"admin1:US-GA"}
    assert match("Georgia", "Atlanta, GA") is True
    assert match("Georgia", "Tbilisi") is True
    assert match("Tbilisi", "Atlanta, Georgia") is False


def test_cambridge() -> None:
    assert parse("Cambridge").primary == {"city:GB:cambridge", "city:US:cambridge"}
    assert parse("Cambridge, MA").primary == {"city:US:cambridge"}
    assert parse("Cambridge, Massachusetts, United States").countries == {"US"}
    assert parse("Cambridge, England, United Kingdom").primary == {"city:GB:cambridge"}
    assert match("Massachusetts", "Cambridge, MA") is True
    assert match("United Kingdom", "Cambridge, MA") is False
    assert match("Cambridge, UK", "Cambridge, Massachusetts") is False


def test_london() -> None:
    assert parse("London").primary == {"city:GB:london", "city:CA:london"}
    assert parse("London, Ontario").primary == {"city:CA:london"}
    assert parse("London, ON, Canada").countries == {"CA"}
    assert parse("London, UK").countries == {"GB"}
    assert match("London", "London, Ontario, Canada") is True
    assert match("Ontario", "London, Ontario") is True
    assert match("Ontario", "London, England") is False
    assert match("Europe", "London, Ontario") is False


def test_state_name_after_city_is_the_state() -> None:
    # "New York" as the second part is the state, not the city.
    assert parse("Buffalo, New York").primary == {"city:US:buffalo"}
    assert "city:US:new york" not in parse("Buffalo, New York").keys
    assert match("New York", "New York, NY") is True
    assert match("New York", "Buffalo, New York") is False
    assert match("New York State", "Buffalo, New York") is True
    assert match("Washington State", "Seattle, Washington") is True
    assert match("Washington DC", "Seattle, Washington") is False
    assert match("Washington DC", "Washington, D.C.") is True


def test_city_with_unknown_namesake_uses_later_parts() -> None:
    # Only Paris, France is in the table: "Paris, Texas" is Texas.
    place = parse("Paris, Texas")
    assert place.countries == {"US"}
    assert match("France", "Paris, Texas") is False
    assert match("Texas", "Paris, Texas") is True


def test_two_letter_codes() -> None:
    assert match("Germany", "Berlin, DE") is True
    assert match("Delaware", "Berlin, DE") is False
    assert match("California", "Palo Alto, CA") is True
    assert match("Canada", "Toronto, CA") is True
    assert parse("NA").keys == frozenset()


def test_city_states() -> None:
    assert parse("Singapore").primary == {"country:SG"}
    assert match("Singapore", "Singapore") is True
    assert match("Singapore", "Tampines, Singapore") is True
    assert match("Luxembourg", "Luxembourg City") is True


def test_england_is_narrower_than_uk() -> None:
    assert match("England", "London") is True
    assert match("England", "Edinburgh, Scotland") is False
    assert match("United Kingdom", "Edinburgh, Scotland") is True
    assert match("UK", "Cardiff, Wales") is True


# --- formats ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "country"),
    [
        ("Greater Munich Metropolitan Area", "DE"),
        ("Berlin Metropolitan Region", "DE"),
        ("New York City Metropolitan Area", "US"),
        ("Greater Toronto Area, Canada", "CA"),
        ("Dallas-Fort Worth Metroplex", "US"),
        ("Remote (Germany)", "DE"),
        ("Remote - Spain", "ES"),
        ("Remote US", "US"),
        ("Berlin Germany", "DE"),
        ("Amsterdam Area, Netherlands", "NL"),
        ("Greater Seattle Area", "US"),
        ("Santa Clara County, California", "US"),
        ("Washington State", "US"),
        ("Ile-de-France, France", "FR"),
        ("Île-de-France", "FR"),
        ("Holland", "NL"),
        ("UAE", "AE"),
        ("U.S.", "US"),
        ("Deutschland", "DE"),
        ("Sydney, New South Wales, Australia", "AU"),
        ("Nuku'alofa", "TO"),
        ("Hong Kong SAR", "HK"),
        ("Pristina, Kosovo", "XK"),
    ],
)
def test_formats(member: str, country: str) -> None:
    assert parse(member).countries == {country}


def test_slash_separated_alternatives() -> None:
    place = parse("Berlin / Munich")
    assert place.primary == {"city:DE:berlin", "city:DE:munich"}
    assert match("Munich", "Berlin / Munich") is True
    assert match("Netherlands", "Amsterdam | London") is True


def test_comma_list_of_countries() -> None:
    assert parse("Germany, France").primary == {"country:DE", "country:FR"}
    assert match("France", "Germany, France") is True


def test_bay_area_metro() -> None:
    assert match("San Francisco Bay Area", "Palo Alto, California") is True
    assert match("Bay Area", "Oakland, CA") is True
    assert match("Silicon Valley", "Mountain View") is True
    assert match("San Francisco", "San Francisco Bay Area") is True
    assert match("San Francisco Bay Area", "Los Angeles, CA") is False


def test_aliases() -> None:
    assert match("NYC", "New York, New York, United States") is True
    assert match("New York City", "Greater New York City Area") is True
    assert match("Mumbai", "Bombay") is True
    assert match("Kyiv", "Kiev, Ukraine") is True
    assert match("Ho Chi Minh City", "Saigon") is True
    assert match("The Hague", "Den Haag") is True


def test_resolution_is_cached() -> None:
    assert parse("Berlin, Germany") is parse("Berlin, Germany")


# --- data tables ------------------------------------------------------------------


def test_countries_table() -> None:
    rows = _rows("countries.csv")
    codes = [r["alpha2"] for r in rows]
    assert len(codes) == len(set(codes))
    iso = {c.alpha_2 for c in pycountry.countries}
    assert iso <= set(codes), "every ISO 3166-1 country has a row"
    assert set(codes) - iso == {"XK"}


def test_every_country_has_valid_m49_region() -> None:
    for row in _rows("countries.csv"):
        if row["alpha2"] == "AQ":  # M49 lists Antarctica without a region
            assert row["region"] == row["subregion"] == ""
            continue
        assert row["region"] in M49_REGIONS, row
        assert row["subregion"] in M49_SUBREGIONS, row


def test_m49_subregions_sit_in_one_region() -> None:
    region_of: dict[str, str] = {}
    for row in _rows("countries.csv"):
        if row["subregion"]:
            assert region_of.setdefault(row["subregion"], row["region"]) == row["region"]
    assert set(region_of) == M49_SUBREGIONS


@pytest.mark.parametrize(
    ("code", "region", "subregion"),
    [
        ("DE", "Europe", "Western Europe"),
        ("GB", "Europe", "Northern Europe"),
        ("US", "Americas", "Northern America"),
        ("MX", "Americas", "Latin America and the Caribbean"),
        ("NG", "Africa", "Sub-Saharan Africa"),
        ("EG", "Africa", "Northern Africa"),
        ("TR", "Asia", "Western Asia"),
        ("RU", "Europe", "Eastern Europe"),
        ("IR", "Asia", "Southern Asia"),
        ("VN", "Asia", "South-eastern Asia"),
        ("NZ", "Oceania", "Australia and New Zealand"),
        ("NR", "Oceania", "Micronesia"),
    ],
)
def test_m49_spot_checks(code: str, region: str, subregion: str) -> None:
    row = next(r for r in _rows("countries.csv") if r["alpha2"] == code)
    assert (row["region"], row["subregion"]) == (region, subregion)


def test_cities_table() -> None:
    rows = _rows("cities.csv")
    assert len(rows) >= 400
    countries = {r["alpha2"] for r in _rows("countries.csv")}
    us_states = {
        s.code.split("-")[1]
        for s in pycountry.subdivisions
        if s.country_code == "US" and s.type in {"State", "District"}
    }
    ca_provinces = {s.code.split("-")[1] for s in pycountry.subdivisions if s.country_code == "CA"}
    seen: set[tuple[str, str]] = set()
    for row in rows:
        assert row["city"], row
        assert row["country_alpha2"] in countries, row
        key = (row["country_alpha2"], normalize(row["city"]))
        assert key not in seen, row
        seen.add(key)
        if row["country_alpha2"] == "US":
            assert row["admin1"] in us_states, row
        if row["country_alpha2"] == "CA":
            assert row["admin1"] in ca_provinces, row


def test_every_sovereign_state_has_a_city() -> None:
    # Territories and special areas without a listed city; all else is sovereign.
    territories = {
        *("AI", "AQ", "AS", "BL", "BQ", "BV", "CC", "CK", "CX", "EH", "GP", "GS", "HK", "HM"),
        *("IO", "MF", "MO", "MP", "MS", "NF", "NU", "PM", "PN", "SH", "SJ", "SX", "TF", "TK"),
        *("UM", "WF"),
    }
    with_city = {r["country_alpha2"] for r in _rows("cities.csv")}
    codes = {r["alpha2"] for r in _rows("countries.csv")}
    assert codes - with_city <= territories


def test_every_city_resolves_to_itself() -> None:
    for row in _rows("cities.csv"):
        place = parse(f"{row['city']}, {row['country_alpha2']}")
        assert f"city:{row['country_alpha2']}:{normalize(row['city'])}" in place.keys, row


def test_every_country_name_resolves() -> None:
    for row in _rows("countries.csv"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            assert f"country:{row['alpha2']}" in parse(name).keys, (row["alpha2"], name)


# --- regions made of US states and Canadian provinces (state_areas.csv) ------------


@pytest.mark.parametrize(
    ("wanted", "member", "expected"),
    [
        ("Pacific Northwest", "Portland, Oregon", True),
        ("Pacific Northwest", "Greater Seattle Area", True),
        ("Pacific Northwest", "Vancouver, British Columbia, Canada", True),
        ("Pacific Northwest", "Boise, ID", True),
        ("Pacific Northwest", "Austin, Texas", False),
        ("Pacific Northwest", "Vancouver, Washington", True),
        ("PNW", "Tacoma, WA", True),
        ("Cascadia", "Eugene, Oregon, United States", True),
        ("Portland, Oregon", "Pacific Northwest", False),  # the region is wider than the city
        ("North America", "Pacific Northwest", True),
        ("United States", "New England", True),
        ("United States", "Pacific Northwest", False),  # it holds British Columbia too
        ("New England", "Boston, MA", True),
        ("New England", "New York, NY", False),
        ("Midwest", "Chicago, Illinois", True),
        ("the Midwest", "Minneapolis, MN", True),
        ("Midwest", "Denver, Colorado", False),
        ("Gulf Coast", "Houston, Texas", True),
        ("the Gulf Coast", "New Orleans, Louisiana", True),
        ("Gulf Coast", "Atlanta, GA", False),
        ("Mid-Atlantic", "Baltimore, Maryland", True),
        ("East Coast", "Washington, DC", True),
        ("West Coast", "San Francisco Bay Area", True),
        ("Atlantic Canada", "Halifax, Nova Scotia", True),
        ("Maritimes", "St. John's, Newfoundland and Labrador", False),  # Atlantic, not Maritime
        ("Canadian Prairies", "Calgary, Alberta", True),
        ("Willamette Valley", "Salem, Oregon", True),
        ("Willamette Valley", "McMinnville, OR", True),
        ("Willamette Valley", "Portland, Oregon", True),
        ("Willamette Valley", "Vancouver, WA", False),  # across the Columbia, in Washington
        ("Willamette Valley", "Bend, Oregon", False),
        ("Oregon", "Willamette Valley", True),
        ("Pacific Northwest", "Willamette Valley", True),
        ("Bay Area", "San Jose, CA", True),
        ("the Bay Area", "Oakland, California", True),
        ("Tri-State Area", "New York, NY", True),
        ("DFW", "Frisco, TX", True),
    ],
)
def test_regions_of_states_and_provinces(wanted: str, member: str, expected: bool) -> None:
    assert match(wanted, member) is expected


def test_state_areas_name_only_known_subdivisions() -> None:
    iso = {s.code for s in pycountry.subdivisions if s.country_code in ("US", "CA")}
    for row in _rows("state_areas.csv"):
        assert set(row["members"].split("|")) <= iso, row["key"]
        assert parse(row["aliases"].split("|")[0]).primary == {f"area:{row['key']}"}


def test_an_unknown_region_is_still_unknown_with_suggestions() -> None:
    matcher = LocationMatcher(["Cascadiaa", "Narnia"])
    assert matcher.unknown == (
        ("Cascadiaa", ("Cascadia", "arcadia")),
        ("Narnia", ("Nara", "Armenia")),
    )
    assert matcher.matches("Portland, Oregon") is None
