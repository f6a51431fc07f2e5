"""The cases of issue 8 ("Cases seen by hand"), as a user would meet them.

The groups, posts and goals below were written for these tests in the voice of real LinkedIn
and Meetup groups (nothing is copied from any data set). Each test asserts the behaviour the
issue asks for, through the public API (``relevance.Analyzer``) or the installed command line.
They failed on the code they were written against (before the discussion signals were
judged one by one, by recency); they guard the fix.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from relevance import Analyzer, Result
from relevance.cli import app

TODAY = date(2026, 11, 29)


def post(day: str, title: str, body: str | None = None) -> dict[str, Any]:
    """A discussion dated ``day`` (ISO)."""
    return {"date": day, "title": title, **({"body": body} if body else {})}


# Other groups of the same run, so that the level of unrelated pairs is a batch's, not one group's.
BYSTANDERS: list[dict[str, Any]] = [
    {
        "id": "devops-europe",
        "title": "DevOps & Platform Engineering Europe",
        "description": "Practitioners of CI/CD, infrastructure as code, observability and "
        "incident response across Europe.",
        "member_count": 5200,
        "discussions": [
            post("2026-11-25", "Terraform state locking went wrong during a Friday deploy"),
            post("2026-11-18", "How do you page on-call without burning out a team of four?"),
            post("2026-11-10", "OpenTelemetry collector sizing for 2,000 services"),
            post("2026-11-02", "GitHub Actions runners on spot instances: worth the hassle?"),
        ],
    },
    {
        "id": "sourdough-bakers",
        "title": "Sourdough Bakers at Home",
        "description": "Home bakers sharing starters, hydration ratios, scoring and oven tricks.",
        "member_count": 14000,
        "discussions": [
            post("2026-11-24", "My starter smells like nail polish after the fridge, is it dead?"),
            post("2026-11-17", "Seventy-five percent hydration loaf keeps spreading flat"),
            post("2026-11-09", "Dutch oven versus baking steel for an open crumb"),
            post("2026-11-01", "Rye and spelt blend: how long for the bulk ferment?"),
        ],
    },
    {
        "id": "hr-tech",
        "title": "HR Tech Community",
        "description": "People leaders and HR technology buyers comparing payroll, ATS and "
        "performance review tools.",
        "member_count": 2600,
        "discussions": [
            post("2026-11-23", "Moving payroll providers mid-year: what broke for you?"),
            post("2026-11-15", "Applicant tracking systems that recruiters actually like"),
            post("2026-11-06", "Calibration meetings for performance reviews, remote edition"),
            post("2026-10-29", "Skills-based hiring pilots: any results after a year?"),
        ],
    },
]


def score(groups: list[dict[str, Any]], goal: str, **kwargs: Any) -> dict[str, Result]:
    """Score ``groups`` with the bystanders in the same run; results by group id."""
    analyzer = Analyzer(today=TODAY, **kwargs)
    return {r.id: r for r in analyzer.score([*groups, *BYSTANDERS], goal=goal)}


def explained_discussions(
    tmp_path: Path, groups: list[dict[str, Any]], goal: str, group: str
) -> dict[str, Any]:
    """``relevance explain --format json``'s per-discussion evidence of one group, by title."""
    path = tmp_path / "groups.json"
    path.write_text(json.dumps({"groups": [*groups, *BYSTANDERS]}), encoding="utf-8")
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app,
        [
            "explain",
            str(path),
            "--group",
            group,
            "--goal",
            goal,
            "--today",
            str(TODAY),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {d["title"]: d for d in data["evidence"]["consistency"]["discussions"]}


def drift_reasons(result: Result) -> list[str]:
    return [r for r in result.reasons if re.search(r"\bdrift", r, re.IGNORECASE)]


# -- a real-estate group whose newest posts are crypto spam ----------------------------------

SYNDICATION_GOAL = "find commercial real estate syndication deals and meet brokers and sponsors"
SYNDICATION = {
    "id": "cre-syndication",
    "title": "Multifamily Syndication & Commercial Real Estate Investors",
    "description": "For sponsors, limited partners and brokers in commercial real estate "
    "syndication: multifamily and industrial deals, capital raising, waterfalls, cap rates and "
    "due diligence.",
    "member_count": 2300,
    "discussions": [
        post(
            "2026-11-26",
            "$PEPE2 memecoin presale is live, 100x before the exchange listing",
            "Early holders are already up forty times. Connect your wallet, grab the presale "
            "bonus and join our Telegram channel for the next pump signal.",
        ),
        post(
            "2026-11-19",
            "Free NFT airdrop for the first 500 wallets that mint today",
            "Mint the genesis collection for free, you only pay gas. Holders get whitelist "
            "access to the next drop and a share of secondary royalties.",
        ),
        post(
            "2026-11-12",
            "This Solana memecoin just flipped Dogecoin on daily volume",
            "Liquidity is locked, the dev wallet is renounced and whales keep buying the dip. "
            "Still early, do not miss the next leg up.",
        ),
        post(
            "2026-11-05",
            "Claim your token airdrop before Friday's snapshot",
            "Connect your wallet on the claim page and hold at least one NFT from the "
            "collection. Unclaimed tokens are burned after the snapshot.",
        ),
        post(
            "2026-09-30",
            "Structuring the GP/LP waterfall on a 120-unit multifamily syndication",
            "We are raising 4.2 million from about 35 limited partners: an 8 percent preferred "
            "return, then a 70/30 split until a 15 percent IRR. How are sponsors sizing the "
            "catch-up these days?",
        ),
        post(
            "2026-09-16",
            "Cap rate expansion and what it did to our value-add underwriting",
            "Exit cap rates moved 75 basis points in a year. We now underwrite a higher exit "
            "cap and a longer hold before we send a deal to our investors.",
        ),
        post(
            "2026-09-02",
            "Due diligence checklist before closing on a Class B apartment complex",
            "Rent roll audit, T12 review, property condition report, insurance quotes and a "
            "look at every lease. What do you add before the capital call?",
        ),
        post(
            "2026-08-19",
            "How brokers source off-market multifamily deals for syndication sponsors",
            "Most of our deals this year came from broker relationships rather than listings. "
            "Brokers here, what makes a sponsor worth calling first?",
        ),
    ],
}


def test_spam_taken_over_real_estate_group_is_skipped() -> None:
    results = score([SYNDICATION, INDUSTRIAL], SYNDICATION_GOAL)
    result = results["cre-syndication"]
    # Its recent talk never touches the goal; the older talk on syndication does not buy it back.
    assert result.discussion_relevance is not None
    assert result.discussion_relevance < 0.3
    # Half of its recent posts are spam: its title is borne out less than an honest group's ...
    assert result.consistency is not None
    assert result.consistency < results["houston-industrial"].consistency - 0.05
    # ... and the drift is named first, as promotion, and the pitches by their marks, so a
    # broker skips it.
    assert result.drift is not None and result.drift >= 0.5
    assert result.reasons[0].startswith(
        "The group drifted: all 4 newer discussions are promotion or spam, while its older half"
    )
    pitches = [r for r in result.reasons if "recent) are promotion or spam, by their marks:" in r]
    assert pitches and "airdrop" in pitches[0] and "syndication" not in pitches[0]
    assert result.decision == "SKIP"


# -- an industrial real-estate group whose posts are all on topic ----------------------------

INDUSTRIAL_GOAL = "meet industrial real estate brokers and developers in Houston"
INDUSTRIAL = {
    "id": "houston-industrial",
    "title": "Houston Industrial Real Estate",
    "description": "Brokers, developers and investors in the Houston industrial market: "
    "warehouses, logistics and land.",
    "member_count": 1900,
    "discussions": [
        post("2026-11-25", "Cold storage development costs"),
        post("2026-11-18", "Vacancy ticks up again in the Northwest submarket"),
        post("2026-11-11", "Bayport import volumes are back: who is touring buildings?"),
        post("2026-11-04", "Freezer space near the port: spec or build-to-suit?"),
        post(
            "2026-10-28",
            "Katy Freeway big-box leases signed this quarter",
            "Three warehouse leases over 300,000 square feet closed along the Katy Freeway, "
            "all with third-party logistics tenants.",
        ),
        post(
            "2026-10-21",
            "Grand Parkway land prices for logistics parks",
            "Industrial land along the Grand Parkway trades at 6 to 8 dollars a foot. "
            "Developers, does spec still pencil?",
        ),
        post("2026-10-14", "Tilt-wall warehouse construction timelines in 2026"),
        post("2026-10-07", "Tenant improvement allowances for last-mile distribution"),
    ],
}


def test_on_topic_industrial_posts_are_not_called_off_topic(tmp_path: Path) -> None:
    result = score([INDUSTRIAL], INDUSTRIAL_GOAL)["houston-industrial"]
    assert result.misleading is False
    assert result.drift is not None and result.drift < 0.5
    assert drift_reasons(result) == []  # no reason lists on-topic words as off-topic evidence
    discussions = explained_discussions(
        tmp_path, [INDUSTRIAL], INDUSTRIAL_GOAL, "houston-industrial"
    )
    assert discussions["Cold storage development costs"]["on_topic"] is True


# -- a payments group: the best group of the run carries no false drift reason ----------------

PAYMENTS_GOAL = "meet engineers building payment compliance tooling for PSD2 and open banking"
PAYMENTS = {
    "id": "eu-payments-engineering",
    "title": "Payments & Open Banking Engineers Europe",
    "description": "<p>For engineers and product leads at European payment institutions, EMIs "
    "and banks.</p><p>We discuss payments, open banking APIs, PSD2 and PSD3 compliance. Share "
    "what you built and what broke; vendor posts go in the monthly thread.</p>",
    "member_count": 2100,
    "discussions": [
        post("2026-11-26", "Building a payment compliance pipeline for SEPA Instant"),
        post("2026-11-19", "Verification of payee: which vendor did you pick and why?"),
        post("2026-11-12", "Our SCA exemption rates after the transaction risk analysis review"),
        post("2026-11-05", "Chargeback ratios on card-not-present after 3DS2 rollout"),
        post("2026-10-29", "Open banking API uptime across EU banks: share your numbers"),
        post("2026-10-22", "PSD3 draft: what changes for payment institutions"),
        post("2026-10-15", "PSD2 dedicated interfaces that still fail at month-end"),
        post("2026-10-08", "Open banking payments conversion versus cards at checkout"),
    ],
}


def test_payments_group_has_no_false_drift_reason(tmp_path: Path) -> None:
    results = score([PAYMENTS], PAYMENTS_GOAL)
    best = max(results.values(), key=lambda r: r.overall)
    assert best.id == "eu-payments-engineering"
    assert best.misleading is False
    assert best.drift is not None and best.drift < 0.5
    assert drift_reasons(best) == []
    discussions = explained_discussions(tmp_path, [PAYMENTS], PAYMENTS_GOAL, PAYMENTS["id"])
    assert (
        discussions["Building a payment compliance pipeline for SEPA Instant"]["on_topic"] is True
    )


# -- an honest group with a single short post ------------------------------------------------

KUBERNETES_GOAL = "meet platform engineers who run Kubernetes in production in Berlin"
KUBERNETES = {
    "id": "k8s-berlin",
    "title": "Kubernetes Platform Engineers Berlin",
    "description": "Platform and SRE engineers in Berlin running Kubernetes in production: "
    "cluster upgrades, GitOps, observability and on-call.",
    "member_count": 1400,
}


@pytest.mark.parametrize(
    "title",
    [
        "Upgrading our EKS clusters to Kubernetes 1.31 without downtime",
        # On topic for the group, with no word of its description: weak evidence, not a verdict.
        "Which ingress controller are you moving to after ingress-nginx?",
    ],
)
def test_one_short_on_topic_post_is_not_a_verdict(title: str) -> None:
    group = {**KUBERNETES, "discussions": [post("2026-11-24", title)]}
    result = score([group], KUBERNETES_GOAL)["k8s-berlin"]
    assert result.misleading is not True  # no "!" in the table
    assert drift_reasons(result) == []
    assert result.decision != "SKIP"


@pytest.mark.xfail(
    strict=True,
    reason="known limit: the four titles share no word with the description (Terraform vs "
    "'infrastructure as code'), and word matching cannot tell them from spam in short posts; "
    "off_topic_base_rate = 0.2 passes it at the cost of missing short spam (README)",
)
def test_honest_group_with_short_posts_is_not_misleading() -> None:
    """Four short on-topic titles (CI/CD, on-call, observability) are no betrayed title."""
    result = score([], "meet platform engineers in Europe")["devops-europe"]
    assert result.misleading is False
    assert result.consistency is not None and result.consistency >= 0.5


def test_short_posts_that_share_no_word_pass_with_a_lower_base_rate() -> None:
    """The knob the xfail above names does what it says."""
    from relevance import Settings

    settings = Settings(off_topic_base_rate=0.2)
    result = score([], "meet platform engineers in Europe", settings=settings)["devops-europe"]
    assert result.misleading is False


# -- a CSV with titles and descriptions only -------------------------------------------------

THIN_CSV = [
    (
        "fintech-cto-europe",
        "Fintech CTOs Europe",
        "CTOs and heads of engineering at European fintech start-ups: PSD2, open banking, "
        "KYC and AML.",
    ),
    (
        "payments-compliance",
        "Payments Compliance Forum",
        "Compliance officers and engineers at payment institutions: AML, KYC, sanctions "
        "screening, PSD2 reporting.",
    ),
    (
        "open-banking",
        "Open Banking Practitioners",
        "Product and engineering people building on open banking APIs across Europe.",
    ),
    (
        "regtech-builders",
        "EU RegTech Builders",
        "Founders of regulatory technology start-ups in the EU: compliance automation, "
        "KYC tooling.",
    ),
]
THIN_GOAL = "meet CTOs of fintech start-ups in Europe who need KYC and AML compliance tooling"


def score_cli(tmp_path: Path, path: Path, *args: str) -> Any:
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, ["score", str(path), *args, "--today", str(TODAY), "--jobs", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def thin_csv(tmp_path: Path) -> Path:
    path = tmp_path / "thin.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "description"])
        writer.writerows(THIN_CSV)
    return path


def test_titles_and_descriptions_alone_are_never_join(tmp_path: Path, thin_csv: Path) -> None:
    out = score_cli(tmp_path, thin_csv, "--goal", THIN_GOAL, "--format", "jsonl")
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == len(THIN_CSV)
    for record in records:
        assert record["decision"] != "JOIN", record
        assert "evidence" in record or "known" in record, sorted(record)
        said = " ".join(record["reasons"]).lower()
        assert "discussion" in said and "member" in said, record["reasons"]


def test_evidence_field_is_in_every_format(tmp_path: Path, thin_csv: Path) -> None:
    as_json = json.loads(
        score_cli(tmp_path, thin_csv, "--goal", THIN_GOAL, "--format", "json").stdout
    )
    records = as_json if isinstance(as_json, list) else as_json["results"]
    assert all("evidence" in r or "known" in r for r in records)
    header = next(
        csv.reader(
            io.StringIO(
                score_cli(tmp_path, thin_csv, "--goal", THIN_GOAL, "--format", "csv").stdout
            )
        )
    )
    assert "evidence" in header or "known" in header, header


# -- many goals: every result explained, no JOIN that says it fails the goal -----------------


def test_many_goals_reasons_agree_with_decisions(tmp_path: Path, examples_dir: Path) -> None:
    out = score_cli(
        tmp_path,
        examples_dir / "groups.json",
        "--goals",
        str(examples_dir / "goals.txt"),
        "--profile",
        str(examples_dir / "profile.toml"),
        "--format",
        "jsonl",
    )
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records
    for record in records:
        assert record["reasons"], record  # every result says why
        if record["decision"] in {"JOIN", "STAY"}:
            main = record["reasons"][0]
            assert not main.startswith("Little in its title and description serves your goal"), (
                record
            )


# -- reasons read as the user wrote ----------------------------------------------------------

BROKERS = {
    "id": "texas-cre-brokers",
    "title": "Commercial Real Estate Brokers of Texas",
    "description": "Commercial real estate brokers across Dallas, Houston and Austin sharing "
    "listings, comps and leasing deals.",
    "member_count": 3100,
}


def test_matched_terms_read_as_the_users_phrases() -> None:
    result = score([BROKERS], "meet commercial real estate brokers in Texas")["texas-cre-brokers"]
    terms = ", ".join(term for term, _ in result.matched_terms)
    assert "real estate" in terms, terms
    assert "estate, real" not in terms
    said = " ".join(result.reasons)
    assert "estate, real" not in said
    assert "real estate" in said, result.reasons


def member(name: str, industry: str, location: str) -> dict[str, str]:
    return {"name": name, "industry": industry, "location": location}


SAAS_SALES = {
    "id": "saas-sales-leaders",
    "title": "B2B SaaS Sales Leaders",
    "description": "Sales leaders at B2B software companies: pipeline, quotas, pricing.",
    "member_count": 2700,
    "members": [
        member("Jordan Blake", "Computer Software", "Austin, Texas, United States"),
        member("Priya Raman", "Internet", "San Francisco, California, United States"),
        member("Marta Nowak", "Financial Services", "Warsaw, Masovia, Poland"),
        member("Chris Dalton", "Marketing and Advertising", "Chicago, Illinois, United States"),
        member("Aisha Bello", "Information Technology and Services", "Lagos, Nigeria"),
        member("Kenji Sato", "Computer Software", "Tokyo, Japan"),
    ],
}


def test_counts_agree_in_number() -> None:
    result = score(
        [SAAS_SALES],
        "meet sales leaders at fintech companies in Europe",
        industries=["Financial Services"],
        locations=["Europe"],
    )["saas-sales-leaders"]
    said = " ".join(result.reasons)
    assert "1 of 6 is in Europe" in said, result.reasons
    assert not re.search(r"\b1 of \d+ (are|work)\b", said), result.reasons


def test_a_joined_group_known_by_its_text_alone_is_not_told_it_is_at_best_consider() -> None:
    group = {
        "id": "joined-thin",
        "title": "Open Banking Practitioners",
        "description": "Product and engineering people building on open banking APIs.",
        "joined": True,
        "joined_on": "2026-05-01",
        "effort": {"hours": 20, "connections": 0, "replies": 0},
    }
    result = score([group], THIN_GOAL)["joined-thin"]
    assert result.decision == "LEAVE"
    assert not any("at best CONSIDER" in reason for reason in result.reasons)
    assert any(reason.startswith("You put in 20 hours") for reason in result.reasons)


def test_a_reason_drawn_from_one_post_says_it_is_one() -> None:
    group = {
        **KUBERNETES,
        "discussions": [post("2026-11-24", "Which ingress controller are you moving to?")],
    }
    result = score([group], KUBERNETES_GOAL)["k8s-berlin"]
    said = [r for r in result.reasons if "few words with your goal" in r]
    assert said and said[0].startswith("Its one recent discussion shares few words with your goal")


def test_a_group_without_discussions_says_its_honesty_is_unknown() -> None:
    group = {
        "id": "sized",
        "title": "Fintech CTOs Europe",
        "description": "CTOs of fintech start-ups across Europe.",
        "member_count": 1200,
    }
    result = score([group], "meet fintech CTOs in Europe")["sized"]
    assert result.evidence == ["description", "member_count"]
    # A member count does not say whether the title is borne out: held back, and said first.
    assert result.overall >= 0.55 and result.decision == "CONSIDER"
    assert result.reasons[0] == (
        "No discussions were given, so whether its title is borne out is unknown: at best "
        "CONSIDER until you see what it talks about."
    )
    assert any(r.startswith("Its title and description match your goal") for r in result.reasons)


def _honest_payments(group_id: str, members: int) -> dict[str, Any]:
    titles = [
        "PSD3 compliance checklist for open banking APIs",
        "Open banking API rate limits under PSD2",
        "Payments compliance: SEPA Instant and PSD3 readiness",
        "Fintech CTOs on open banking consent flows",
    ]
    return {
        "id": group_id,
        "title": "Fintech CTOs: payments and open banking",
        "description": "CTOs of fintech start-ups on payments, open banking APIs and PSD3.",
        "member_count": members,
        "discussions": [
            {"title": t, "date": (TODAY - timedelta(days=2 + 5 * i)).isoformat()}
            for i, t in enumerate(titles)
        ],
    }


def test_a_group_too_small_to_meet_anyone_is_not_join() -> None:
    goal = "meet fintech CTOs working on payments and open banking"
    found = score([_honest_payments("tiny", 7), _honest_payments("sized", 900)], goal)
    tiny, sized = found["tiny"], found["sized"]
    assert sized.decision == "JOIN"
    # Everything but the size is the same: the size keeps it from JOIN, and the reason says so.
    assert tiny.overall >= 0.55 and tiny.decision == "CONSIDER"
    assert tiny.reasons[0].startswith("Only 7 members: too few to meet the people you need")
    assert tiny.overall < sized.overall


def test_counts_read_as_words_people_use() -> None:
    spam = _honest_payments("spam", 900)
    spam["discussions"] = [
        {"title": "Win free bitcoin with our casino bonus codes tonight"},
        {"title": "Lose ten kilos fast with these diet pills and shakes"},
    ]
    empty = {**_honest_payments("empty", 0), "discussions": []}
    found = score([spam, empty], "meet fintech CTOs working on payments and open banking")
    assert found["spam"].misleading
    assert "but both recent discussions are promotion or spam" in found["spam"].reasons[0]
    assert any(r.startswith("No members: too few") for r in found["empty"].reasons)


# -- what a joined group gave back, when it is not known yet -----------------------------------


def _joined_payments(effort: dict[str, Any]) -> dict[str, Any]:
    return {**PAYMENTS, "joined": True, "joined_on": "2026-11-15", "effort": effort}


def test_a_newly_joined_group_is_not_left_for_what_it_has_not_given_yet() -> None:
    fresh = _joined_payments({"hours": 1.5, "connections": 0, "replies": 0})
    result = score([fresh], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert result.return_on_time is None
    assert result.decision == "STAY"
    assert (
        "Too soon to judge what it gives back: nothing yet from 1.5 hours (judged from 10 "
        "hours, leave_min_hours)." in result.reasons
    )


def test_hours_without_returns_are_unknown_not_zero() -> None:
    exported = _joined_payments({"hours": 1})
    result = score([exported], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert result.return_on_time is None
    assert result.decision == "STAY"
    assert (
        "What it gives back is unknown: its effort records 1 hour, but no connections or replies."
        in result.reasons
    )


def test_a_joined_group_that_pays_back_stays_though_its_words_miss_the_goal() -> None:
    paying = _joined_payments({"hours": 15, "connections": 6, "replies": 9})
    result = score([paying], "sourdough baking and oven tricks at home")[PAYMENTS["id"]]
    assert result.overall < 0.35 and result.return_on_time is not None
    assert result.return_on_time >= 0.5
    assert result.decision == "STAY"
    assert result.reasons[0].startswith("It pays back: 6 connections and 9 replies for 15 hours")


def test_a_joined_group_whose_talk_went_bad_is_left_though_it_paid_back() -> None:
    spam = [post(f"2026-11-{27 - 5 * i:02d}", text) for i, text in enumerate(SPAM_TITLES)]
    taken = {**_joined_payments({"hours": 15, "connections": 6, "replies": 9}), "discussions": spam}
    result = score([taken], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert result.misleading is True
    assert result.decision == "LEAVE"


SPAM_TITLES = [
    "Turn $500 into $5,000 in 30 days with our payments bot, DM me",
    "Claim your airdrop before Sunday: the PSD3 token presale is live",
    "Guaranteed 20% monthly returns, join our Telegram t.me/paycash",
    "Work from home and earn $9k a month with my open banking side hustle",
]


def test_a_group_joined_last_week_is_not_left_on_its_score_alone() -> None:
    goal = "sourdough baking and oven tricks at home"  # its words miss the group's entirely
    effort = {"hours": 1, "connections": 0, "replies": 0}
    fresh = {**_joined_payments(effort), "joined_on": "2026-11-22"}  # today is 2026-11-29
    result = score([fresh], goal)[PAYMENTS["id"]]
    assert result.overall < 0.35
    assert result.decision == "STAY"
    assert result.reasons[0] == (
        f"Joined 7 days ago: too soon to leave it on its score alone (overall "
        f"{result.overall:.2f} < leave_below 0.35); judge it again from two weeks on."
    )
    # Two weeks on, the score decides; and spam is left at once.
    assert score([_joined_payments(effort)], goal)[PAYMENTS["id"]].decision == "LEAVE"
    spam = [post(f"2026-11-{27 - 5 * i:02d}", text) for i, text in enumerate(SPAM_TITLES)]
    taken = score([{**fresh, "discussions": spam}], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert taken.misleading is True and taken.decision == "LEAVE"


def test_a_joined_group_that_pays_back_stays_though_its_talk_reads_off_its_title() -> None:
    # Honest talk the words of the description miss (as jargon is): the connections it gave
    # are measured, its misleading title only inferred; the reason still says it.
    off = [
        post("2026-11-25", "Ramen spots near the office with a quiet counter after work"),
        post("2026-11-18", "Selling a road bike, carbon frame, 54 cm, collection only"),
        post("2026-11-11", "Who watched the match? Two goals in stoppage time"),
        post("2026-11-04", "Best hiking trails within an hour of the city"),
    ]
    paying = {
        **_joined_payments({"hours": 12, "connections": 4, "replies": 8}),
        "discussions": off,
    }
    result = score([paying], PAYMENTS_GOAL)[PAYMENTS["id"]]
    assert result.misleading is True and not result.promotion
    assert result.decision == "STAY"
    assert result.reasons[0].startswith(
        "It stays for what it gives back: 4 connections and 8 replies for 12 hours (return on "
    )
    assert result.reasons[0].endswith(", though its talk is off its title.")
    assert result.reasons[1].startswith('Its title says "')


def test_a_joined_group_whose_talk_went_bad_is_left_once_its_return_is_short() -> None:
    # The trial's in-house counsel group: its four newest posts are AI hype.
    older = [
        ("2026-10-14", "Limitation of liability caps in SaaS payment contracts"),
        ("2026-10-07", "Managing outside counsel budgets for payments licensing"),
        ("2026-09-30", "PSD2 strong customer authentication exemptions in practice"),
        ("2026-09-23", "Open banking API liability when a payment fails"),
    ]
    newer = [
        ("2026-11-25", "AI will replace 80% of jobs by 2030, are you ready?"),
        ("2026-11-18", "10 ChatGPT prompts that will change your morning routine"),
        ("2026-11-11", "The mindset shift every leader needs this year"),
        ("2026-11-04", "Why I quit social media for 30 days and what happened"),
    ]
    talk = [post(day, title) for day, title in newer + older]

    def joined(effort: dict[str, Any]) -> Result:
        group = {**_joined_payments(effort), "discussions": talk}
        return score([group], PAYMENTS_GOAL)[PAYMENTS["id"]]

    short = joined({"hours": 12, "connections": 1, "replies": 0})
    assert short.drift is not None and short.drift >= 0.5
    assert short.return_on_time is not None and short.return_on_time < 0.5
    assert short.decision == "LEAVE"
    assert short.reasons[0].startswith(
        "Its newer talk left its purpose, and it does not give enough back to keep it for "
        "that: 1 connection and 0 replies for 12 hours (return on time"
    )
    unknown = joined({"hours": 1, "connections": 0, "replies": 0})
    assert unknown.return_on_time is None and unknown.decision == "STAY"
    assert unknown.reasons[0] == (
        "It stays only until you know what it gives back, as its newer talk left its purpose: "
        "log your hours and what came back (relevance log), and leave it unless it pays back."
    )
    assert unknown.reasons[1].startswith("The group drifted: all 4 newer discussions")
    paying = joined({"hours": 12, "connections": 4, "replies": 8})
    assert paying.decision == "STAY" and paying.reasons[0].startswith("It stays for what")


def test_a_partial_match_says_what_matched_and_what_did_not() -> None:
    group = {
        "id": "gamedev",
        "title": "Rust Gamedev (Bevy, wgpu)",
        "description": "Game developers writing engines, shaders and tools in Rust.",
        "member_count": 2400,
    }
    result = score([group], "Review Rust patches for the Linux kernel")["gamedev"]
    assert result.relevance is not None and 0.3 <= result.relevance < 0.6
    assert (
        "Its title and description match part of your goal: rust; it does not say review, "
        f"patches, linux or kernel (relevance {result.relevance:.2f})." in result.reasons
    )
    assert not any(r.startswith("Nothing stands out") for r in result.reasons)


def test_a_stay_with_nothing_strong_for_it_says_what_keeps_it() -> None:
    unknown_effort = {**_joined_payments({}), "effort": None}
    result = score([unknown_effort], "engineers salaries careers and mentoring")[PAYMENTS["id"]]
    assert result.decision == "STAY" and result.overall >= 0.35
    assert result.reasons[0].startswith(
        f"Its score is over the LEAVE line (overall {result.overall:.2f} >= leave_below 0.35); "
        "its strongest side is its "
    )


def test_a_group_known_by_its_title_alone_says_what_was_not_checked() -> None:
    group = {
        "id": "owners",
        "title": "Dallas Restaurant Owners",
        "description": "Owners and operators of restaurants: margins, staffing and suppliers.",
    }
    goal = "meet restaurant owners to compare margins and suppliers"
    plain = score([group], goal)["owners"]
    placed = score([group], goal, locations=["Austin"], industries=["Restaurants"])["owners"]
    said = (
        "Judged on its title and description alone: no discussions, member count or listed "
        "members were given"
    )
    assert plain.decision == placed.decision == "CONSIDER"
    assert f"{said}, so it is at best CONSIDER until you see more of it." in plain.reasons
    assert (
        f"{said} (your industries and places were not checked), so it is at best CONSIDER "
        "until you see more of it." in placed.reasons
    )
    bare = score([{"id": "bare", "title": group["title"]}], goal)["bare"]
    assert any(r.startswith("Judged on its title alone: no discussions") for r in bare.reasons)


def test_a_group_without_a_description_is_said_to_be_judged_on_its_title() -> None:
    goal = "meet restaurant owners to compare margins and suppliers"
    titled = {"id": "t", "title": "Dallas Restaurant Owners", "member_count": 900}
    said = [r for r in score([titled], goal)["t"].reasons if r.startswith("Its title")]
    assert len(said) == 1 and said[0].startswith("Its title matches your goal: restaurant owners")
    other = score([{"id": "o", "title": "Knitting Circle", "member_count": 900}], goal)["o"]
    assert "Little in its title serves your goal (relevance 0.00)." in other.reasons


def test_a_join_on_a_partial_match_opens_with_what_it_serves_of_the_goal() -> None:
    # The trial's r/recruiting: JOIN 0.59 opened with "Its strongest side is its size fit".
    posts = [
        ("2026-11-28", "How do you handle candidates ghosting after the final interview?",
         "Third time this month a senior engineer disappeared after the onsite."),
        ("2026-11-25", "Agency vs in-house: which pays better for technical recruiters?",
         "I'm an agency recruiter in SF considering an in-house TA role at a startup."),
        ("2026-11-22", "Boolean string for DevOps engineers with Terraform and Kubernetes",
         "Sharing what has worked on LinkedIn Recruiter and GitHub."),
        ("2026-11-19", "Recruiter burnout is real",
         "Reqs doubled, team halved. How are you coping?"),
        ("2026-11-16", "Is LinkedIn Recruiter still worth the seat price?",
         "We pay $10k a seat; response rates keep dropping."),
    ]  # fmt: skip
    group = {
        "id": "r/recruiting",
        "title": "Recruiting professionals",
        "description": "A subreddit for recruiters, sourcers and talent acquisition "
        "professionals to discuss the craft of recruiting.",
        "member_count": 4800,
        "discussions": [
            {"title": t, "body": b, "date": d, "comments": 12, "likes": 20} for d, t, b in posts
        ],
    }
    goal = (
        "Meet technical recruiters and talent acquisition leaders in the Bay Area to share "
        "sourcing strategies for software engineers, swap candidates and find open engineering "
        "job referrals."
    )
    result = score([group], goal)["r/recruiting"]
    assert result.relevance is not None and 0.2 <= result.relevance < 0.6
    assert result.decision == "JOIN", (result.overall, result.reasons)
    assert result.reasons[0].startswith("Its title and description match part of your goal: ")
    assert not any(r.startswith("Its strongest side") for r in result.reasons)
