"""Regenerate the pycountry columns of ``relevance/data/countries.csv``.

``alpha2``, ``name`` and the first aliases come from the maintained ``pycountry`` package (its
data is Debian's ``iso-codes``, ISO 3166-1): ``name`` is pycountry's ``common_name`` where it has
one, else its ISO name; the ISO name and official name follow as aliases unless they hold a
comma. The hand-written columns are kept as they are: aliases added for this project ("USA",
"Deutschland"), and the UN M49 ``region`` and ``subregion`` (see ``relevance/data/README.md``).
A code pycountry no longer lists is kept (``XK``, Kosovo, is not in ISO 3166-1); a new one is
added with empty regions, to be filled in by hand. Run after upgrading pycountry::

    python scripts/make_countries.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pycountry

PATH = Path(__file__).resolve().parent.parent / "relevance" / "data" / "countries.csv"
COLUMNS = ["alpha2", "name", "aliases", "region", "subregion"]


def _iso(code: str) -> tuple[str, list[str]] | None:
    """(name, pycountry aliases) of a code, or None when pycountry does not list it."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    extra = [country.name, getattr(country, "official_name", None) or ""]
    aliases = [a for a in extra if a and a != name and "," not in a]
    return name, list(dict.fromkeys(aliases))


def main() -> None:
    with PATH.open(encoding="utf-8", newline="") as f:
        rows = {row["alpha2"]: row for row in csv.DictReader(f)}
    for country in pycountry.countries:
        rows.setdefault(
            country.alpha_2,
            {"alpha2": country.alpha_2, "name": "", "aliases": "", "region": "", "subregion": ""},
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for code in sorted(rows):
        row = rows[code]
        found = _iso(code)
        if found is not None:
            name, iso_aliases = found
            old = [a for a in row["aliases"].split("|") if a]
            hand = [a for a in old if a not in iso_aliases and a != name]
            row = {**row, "name": name, "aliases": "|".join([*iso_aliases, *hand])}
        writer.writerow(row)
    PATH.write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(rows)} countries written to {PATH}")


if __name__ == "__main__":
    main()
