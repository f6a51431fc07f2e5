"""Precision and recall of member_fit's three matches: industries, roles and places.

Members are generated from small truth tables written here (not from the package's data): each
industry label, headline title and location comes with whether it answers a wanted industry,
role or place. The labels are varied as people write them (older and newer LinkedIn names,
"&" or "and", lower case, typos), headlines as "Title at Company", "Title | Company", "Title @
Company", locations as "City, ST", "City, State, Country", "Greater ... Area"; city names seen in
Meetup group titles (``../shared/data/meetup``, when present) are added as UK members. Each
match is compared with a baseline: the rule before the taxonomy, roles and metro areas (every
word of the wanted label in the member's; the role word in the headline; the place name in the
location).

    python benchmarks/member_fit.py [--members 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from relevance.geo import LocationMatcher, normalize
from relevance.roles import roles_in
from relevance.schema import Member
from relevance.signals.members import MemberMatcher
from relevance.text import TextAnalyzer

MEETUP = Path(__file__).resolve().parents[2] / "shared" / "data" / "meetup" / "groups.csv"

# wanted industry -> (labels that are in it or contain it, labels that are not)
INDUSTRIES: dict[str, tuple[list[str], list[str]]] = {
    "Commercial Real Estate": (
        [
            "Commercial Real Estate",
            "Real Estate",
            "Leasing Non-residential Real Estate",
            "Real Estate and Equipment Rental Services",
            "commercial real estate",
            "Comercial Real Estate",
            "Real Estate Development",
            "Property Management",
        ],
        ["Construction", "Banking", "Architecture & Planning", "Insurance", "Retail"],
    ),
    "Financial Services": (
        [
            "Financial Services",
            "Banking",
            "Insurance",
            "Investment Management",
            "Venture Capital & Private Equity",
            "Capital Markets",
            "Investment Banking",
            "Finacial Services",
            "financial services",
            "Fintech",
            "Financial Services & Banking",
        ],
        ["Computer Software", "Real Estate", "Accounting", "Legal Services", "Retail"],
    ),
    "Software Development": (
        [
            "Computer Software",
            "Software Development",
            "Computer Games",
            "Embedded Software Products",
            "software development",
            "SaaS",
            "Software",
        ],
        [
            "Information Technology and Services",
            "Computer Hardware",
            "Telecommunications",
            "Financial Services",
            "Marketing and Advertising",
        ],
    ),
    "Hospital & Health Care": (
        [
            "Hospital & Health Care",
            "Hospitals and Health Care",
            "Medical Practice",
            "Mental Health Care",
            "Hospitals",
            "Nursing Homes and Residential Care Facilities",
            "Health Care",
            "Healthcare Services",
        ],
        ["Pharmaceuticals", "Medical Devices", "Higher Education", "Insurance", "Biotechnology"],
    ),
}

# goal -> (titles of the people it wants, titles of others)
ROLES: dict[str, tuple[list[str], list[str]]] = {
    "Meet CTOs and engineering leaders of fintech start-ups": (
        [
            "CTO",
            "Chief Technology Officer",
            "VP of Engineering",
            "Head of Engineering",
            "Co-founder & CTO",
            "Director of Software Engineering",
            "Engineering Manager",
            "Tech Lead",
            "Technical Co-Founder",
        ],
        [
            "Product Manager",
            "Head of Compliance",
            "Account Executive",
            "Data Analyst",
            "CFO",
            "Aspiring CTO",
        ],
    ),
    "Find investors and business angels for a seed round": (
        [
            "Angel Investor",
            "General Partner at Northwind Ventures",
            "Venture Partner",
            "Investor",
            "Principal at Bluefin Capital",
            "Partner, Sequoia",
            "LP in funds",
        ],
        ["Founder", "Software Engineer", "Recruiter", "Marketing Director", "Nurse"],
    ),
    "Connect with recruiters and talent acquisition partners": (
        ["Technical Recruiter", "Talent Acquisition Lead", "Senior Recruiter", "Headhunter"],
        [
            "HR Business Partner",
            "Software Engineer",
            "Sales Manager",
            "CEO",
            "Recruiting Coordinator",
        ],
    ),
    "Meet nurse educators who run clinical simulations": (
        ["Nurse Educator", "Clinical Nurse Educator", "Nursing Instructor", "Professor of Nursing"],
        ["Registered Nurse", "Physician", "Hospital Administrator", "Nursing Student", "Teacher"],
    ),
}

# (city, state code, state, country, metro) for member locations
CITIES: list[tuple[str, str, str, str, str]] = [
    ("Dallas", "TX", "Texas", "United States", "DFW"),
    ("Fort Worth", "TX", "Texas", "United States", "DFW"),
    ("Frisco", "TX", "Texas", "United States", "DFW"),
    ("Plano", "TX", "Texas", "United States", "DFW"),
    ("Arlington", "TX", "Texas", "United States", "DFW"),
    ("Denton", "TX", "Texas", "United States", "DFW"),
    ("Irving", "TX", "Texas", "United States", "DFW"),
    ("Austin", "TX", "Texas", "United States", ""),
    ("Houston", "TX", "Texas", "United States", ""),
    ("Arlington", "VA", "Virginia", "United States", ""),
    ("San Francisco", "CA", "California", "United States", "Bay Area"),
    ("Oakland", "CA", "California", "United States", "Bay Area"),
    ("Palo Alto", "CA", "California", "United States", "Bay Area"),
    ("Sunnyvale", "CA", "California", "United States", "Bay Area"),
    ("Sacramento", "CA", "California", "United States", ""),
    ("Los Angeles", "CA", "California", "United States", ""),
    ("London", "", "England", "United Kingdom", "Greater London"),
    ("Croydon", "", "England", "United Kingdom", "Greater London"),
    ("Manchester", "", "England", "United Kingdom", ""),
    ("Amsterdam", "", "North Holland", "Netherlands", "Randstad"),
    ("Delft", "", "South Holland", "Netherlands", "Randstad"),
    ("Eindhoven", "", "North Brabant", "Netherlands", ""),
    ("Berlin", "", "Berlin", "Germany", ""),
    ("Vienna", "", "Vienna", "Austria", ""),
    ("Limassol", "", "Limassol", "Cyprus", ""),
    ("Stockholm", "", "Stockholm County", "Sweden", ""),
    ("São Paulo", "", "São Paulo", "Brazil", ""),
    ("Singapore", "", "", "Singapore", ""),
]
EUROPE = {"United Kingdom", "Netherlands", "Germany", "Austria", "Cyprus", "Sweden"}
EU = {"Netherlands", "Germany", "Austria", "Cyprus", "Sweden"}
# wanted place -> which tuple it holds
PLACES: dict[str, Callable[[tuple[str, str, str, str, str]], bool]] = {
    "DFW": lambda c: c[4] == "DFW",
    "Bay Area": lambda c: c[4] == "Bay Area",
    "Greater London": lambda c: c[4] == "Greater London",
    "Randstad": lambda c: c[4] == "Randstad",
    "TX": lambda c: c[1] == "TX",
    "California": lambda c: c[1] == "CA",
    "United States": lambda c: c[3] == "United States",
    "Europe": lambda c: c[3] in EUROPE,
    "EU": lambda c: c[3] in EU,
    "DACH": lambda c: c[3] in {"Germany", "Austria"},
    "Nordics": lambda c: c[3] == "Sweden",
    "LATAM": lambda c: c[3] == "Brazil",
    "APAC": lambda c: c[3] == "Singapore",
}


def _location(city: tuple[str, str, str, str, str], rng: random.Random) -> str:
    name, code, state, country, metro = city
    forms = [f"{name}, {state}, {country}" if state else f"{name}, {country}", f"{name}, {country}"]
    if code:
        forms.append(f"{name}, {code}")
    if metro and name in {"Dallas", "San Francisco", "London", "Amsterdam"}:
        forms.append(
            {
                "DFW": "Dallas-Fort Worth Metroplex",
                "Bay Area": "San Francisco Bay Area",
                "Greater London": "Greater London Area, United Kingdom",
                "Randstad": "Amsterdam Area, Netherlands",
            }[metro]
        )
    return rng.choice(forms)


def _meetup_cities() -> list[str]:
    """Names of UK places in Meetup group titles ("WinOps London"), when the data is here."""
    if not MEETUP.exists():
        return []
    with MEETUP.open(encoding="utf-8", newline="") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    found = set()
    for title in names:
        for word in re.findall(r"\b[A-Z][a-z]+\b", title):
            if word in {"London", "Cambridge", "Oxford", "Brighton", "Reading", "Bristol"}:
                found.add(word)
    return sorted(found)


def _score(pairs: Iterable[tuple[bool | None, bool]]) -> tuple[float, float, int]:
    tp = fp = fn = n = 0
    for said, truth in pairs:
        n += 1
        tp += bool(said) and truth
        fp += bool(said) and not truth
        fn += (not said) and truth
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return precision, recall, n


def _word_rule(text: TextAnalyzer, wanted: str, label: str) -> bool:
    return set(text.unigrams(wanted)) <= set(text.unigrams(label))


def industries(rng: random.Random, n: int) -> list[tuple[str, float, float, int]]:
    text = TextAnalyzer(ngram_max=1)
    ours, base = [], []
    for _ in range(n):
        wanted = rng.choice(list(INDUSTRIES))
        yes, no = INDUSTRIES[wanted]
        truth = rng.random() < 0.5
        label = rng.choice(yes if truth else no)
        member = Member(name="m", industry=label)
        ours.append((MemberMatcher([wanted]).industry(member), truth))
        base.append((_word_rule(text, wanted, label), truth))
    return [("industry", *_score(ours)), ("industry, word rule", *_score(base))]


def roles(rng: random.Random, n: int) -> list[tuple[str, float, float, int]]:
    ours, base = [], []
    companies = ["PayCo", "Ledgerline", "St Mary's Hospital", "Acme Ventures", "Norrpay"]
    for _ in range(n):
        goal = rng.choice(list(ROLES))
        yes, no = ROLES[goal]
        truth = rng.random() < 0.5
        title = rng.choice(yes if truth else no)
        sep = rng.choice([" at ", " | ", " @ ", ", "])
        headline = f"{title}{sep}{rng.choice(companies)}"
        wanted = roles_in(goal)
        ours.append((MemberMatcher.role(Member(name="m", headline=headline), wanted), truth))
        # Baseline: a word of the goal's first role name in the headline.
        first = goal.split()[1].rstrip("s").lower()
        base.append((first in normalize(headline).split(), truth))
    return [("role", *_score(ours)), ("role, goal word in headline", *_score(base))]


def places(rng: random.Random, n: int) -> list[tuple[str, float, float, int]]:
    ours, base = [], []
    matchers = {w: LocationMatcher([w]) for w in PLACES}
    meetup = _meetup_cities()
    for _ in range(n):
        wanted = rng.choice(list(PLACES))
        if meetup and rng.random() < 0.1:  # a real place name from Meetup titles, in the UK
            name = rng.choice(meetup)
            location = f"{name}, United Kingdom"
            truth = wanted == "Europe" or (wanted == "Greater London" and name == "London")
        else:
            city = rng.choice(CITIES)
            location, truth = _location(city, rng), PLACES[wanted](city)
        ours.append((matchers[wanted].matches(location), truth))
        base.append((f" {normalize(wanted)} " in f" {normalize(location)} ", truth))
    return [("place", *_score(ours)), ("place, name in location", *_score(base))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=3000, help="members per match kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = industries(rng, args.members) + roles(rng, args.members) + places(rng, args.members)
    print(f"{'match':32} {'precision':>9} {'recall':>7} {'pairs':>6}")
    for name, precision, recall, count in rows:
        print(f"{name:32} {precision:9.3f} {recall:7.3f} {count:6d}")


if __name__ == "__main__":
    main()
