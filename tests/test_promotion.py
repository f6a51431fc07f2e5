"""``promotion``: spam that borrows a field's words is still a pitch."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from relevance import Analyzer, Result
from relevance.signals import promotion

TODAY = date(2026, 11, 29)
GOAL = "meet hospital pharmacists working on antimicrobial stewardship and sterile compounding"
HONEST = [
    "Vancomycin AUC dosing: who has moved off troughs?",
    "USP 797 revisions and beyond-use dates in our cleanroom",
    "Antimicrobial stewardship rounds with the ID team, what works",
    "Sterile compounding staffing on night shifts",
    "Pharmacist-led discharge medication reconciliation outcomes",
    "Smart pump drug library updates: how often do you review them?",
]
# Spam written in the field's own words: word matching alone finds it on topic.
PITCHES = [
    "Pharmacists: earn $8k a month from home with my stewardship side hustle, DM me",
    "Sterile compounding is dead, turn $500 into $5,000 with our hospital supply stock",
    "Antimicrobial pharmacists wanted: guaranteed returns, join our Telegram t.me/pharmcash",
]


@pytest.mark.parametrize(
    "text",
    [
        "DM me if you want our stewardship checklist",
        "Our order volume grew 10x after the new pump library",
        "Giveaway: two tickets to the ASHP midyear meeting",
        "Passive income from rental property: what taxes apply?",
        "Hourly pharmacists earn $60 per hour in our region",
        "The Pentagon said the airdrop reached the village",
    ],
)
def test_a_weak_mark_alone_is_honest_talk(text: str) -> None:
    found = promotion.marks_of(text)
    assert len(found) == 1 and not promotion.is_promotional(found)


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Turn $500 into $5,000 in 30 days", "money multiplied"),
        ("Claim your airdrop before Sunday's snapshot", "crypto airdrop"),
        ("Join our group at https://t.me/fastprofits", "taken to Telegram or WhatsApp"),
        ("Forex account management, guaranteed 20% monthly", "guaranteed returns"),
        ("Members earned 2.8% per day with our AI arbitrage", "returns per day"),
        ("Sign up with my link for a welcome bonus", "link to sign up"),
    ],
)
def test_a_strong_mark_is_a_pitch(text: str, mark: str) -> None:
    found = promotion.marks_of(text)
    assert mark in found and promotion.is_promotional(found)


def test_the_groups_own_subject_is_not_a_pitch() -> None:
    from relevance.schema import Group

    group = Group.from_dict(
        {"id": "ct", "title": "Copy trading desk", "description": "Copy trading strategies."}
    )
    exempt = promotion.claimed(group)
    assert "copy trading" in exempt
    assert not promotion.is_promotional(promotion.marks_of("Copy trading fees compared", exempt))
    assert promotion.is_promotional(promotion.marks_of("Copy trading fees compared"))


def _group(group_id: str, titles: list[str]) -> dict[str, Any]:
    return {
        "id": group_id,
        "title": "Hospital Pharmacists: stewardship and sterile compounding",
        "description": "Hospital pharmacists on antimicrobial stewardship, sterile compounding, "
        "USP 797, dosing and medication safety.",
        "member_count": 1400,
        "discussions": [
            {"title": t, "date": (TODAY - timedelta(days=2 + 6 * i)).isoformat()}
            for i, t in enumerate(titles)
        ],
    }


def _score(*groups: dict[str, Any]) -> dict[str, Result]:
    return {r.id: r for r in Analyzer(today=TODAY).score(list(groups), goal=GOAL)}


def test_one_pitch_among_six_honest_posts_is_not_a_verdict() -> None:
    found = _score(_group("honest", HONEST), _group("one", [PITCHES[0], *HONEST]))
    honest, one = found["honest"], found["one"]
    assert honest.promotion == 0.0 and honest.decision == "JOIN"
    assert one.promotion is not None and 0 < one.promotion < 0.25
    assert one.decision == "JOIN"
    said = [r for r in one.reasons if "promotion" in r]
    assert said and said[0].startswith("1 of 7 recent discussions reads as promotion")
    assert "too few to judge the group by" in said[0]


def test_spam_in_the_fields_words_is_never_join() -> None:
    taken = _group("taken", [*PITCHES, *HONEST[:3]])
    found = _score(_group("honest", HONEST), taken)
    result = found["taken"]
    assert result.promotion is not None and result.promotion >= 0.25
    assert result.decision != "JOIN"
    assert result.overall < found["honest"].overall
    # The three newest are the pitches: the newer half is what it discusses now.
    said = [r for r in result.reasons if "promotion or spam, by their marks: " in r]
    assert said and said[0].startswith(
        "All 3 newer discussions (3 of 6 recent) are promotion or spam, by their marks: "
    )


def test_explain_lists_the_pitches(tmp_path: Any) -> None:
    import json

    from typer.testing import CliRunner

    from relevance.cli import app

    path = tmp_path / "groups.json"
    path.write_text(json.dumps([_group("taken", [*PITCHES, *HONEST[:3]])]), encoding="utf-8")
    args = ["explain", str(path), "--group", "taken", "--goal", GOAL, "--today", str(TODAY)]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if line.startswith("promotion "))
    assert ">= promotion_at 0.25: never JOIN" in row
    assert sum(line.startswith("  PITCH ") for line in lines) == 3


def test_the_keys_only_skip_texts_a_mark_cannot_match() -> None:
    import dataclasses
    import json
    from pathlib import Path

    examples = json.loads(
        (Path(__file__).resolve().parent.parent / "examples" / "groups.json").read_text("utf-8")
    )
    groups = examples["groups"] if isinstance(examples, dict) else examples
    texts = [*HONEST, *PITCHES]
    texts += [
        f"{d.get('title') or ''} {d.get('body') or ''}"
        for g in groups
        for d in g.get("discussions") or []
    ]
    unkeyed = [dataclasses.replace(mark, keys=(), also=()) for mark in promotion.MARKS]
    for text in texts:
        folded = text.casefold()
        every = [m.name for m in unkeyed if m.found(folded)]
        assert promotion.marks_of(text) == promotion.without_twins(every), text


# -- a pitch is off any purpose: consistency and drift count it so ---------------------------


def test_a_takeover_in_the_fields_words_is_a_drift() -> None:
    # The three newest are pitches that borrow the description's words; the older honest.
    found = _score(_group("honest", HONEST), _group("taken", [*PITCHES, *HONEST[:3]]))
    taken, honest = found["taken"], found["honest"]
    assert taken.drift is not None and taken.drift >= 0.5
    assert taken.consistency is not None and honest.consistency is not None
    assert taken.consistency < honest.consistency - 0.3
    assert taken.reasons[0].startswith(
        "The group drifted: all 3 newer discussions are promotion or spam, while its older "
        "half was "
    )
    assert taken.reasons[0].endswith(f"% off it (drift {taken.drift:.2f}).")


def test_one_pitch_among_six_is_neither_misleading_nor_drifted() -> None:
    one = _score(_group("one", [PITCHES[0], *HONEST]))["one"]
    assert one.misleading is False
    assert one.drift is not None and one.drift < 0.35
    assert not any("drift" in r for r in one.reasons)


def test_always_off_then_pitches_is_misleading_not_drifted() -> None:
    # Older posts plainly off its purpose, long enough to be evidence (a short post is weak).
    off = [
        "Best ramen spots near the station? I want a rich tonkotsu broth, thick noodles and a "
        "quiet counter seat after work on Fridays, ideally open late.",
        "Selling my road bike, barely used: carbon frame, 54 cm, new tyres and a spare wheel "
        "set, collection only from the north side of the city.",
        "Who watched the match last night? Two goals in stoppage time, a red card for the "
        "keeper and the referee needed a police escort off the pitch.",
    ]
    found = _score(_group("off", [*PITCHES, *off]))["off"]
    assert found.misleading is True
    assert found.drift is not None and found.drift < 0.5
    assert not any(r.startswith("The group drifted") for r in found.reasons)


# Investment and recruitment pitches that name no coin, no link and no sum promised: each has
# a strong mark or two weak ones (written for this test, in three fields).
SCHEME_PITCHES = [
    ("Nurses: I quit the ICU at 29 thanks to my options trading system", {"quit work young"}),
    ("Our members' pool returned 41% in 2025, secure your retirement now", {"returns claimed"}),
    ("Own a share of a Nashville duplex for only $100 via our app", {"slice of an asset"}),
    ("Seeking 5 motivated devs to join my fintech wealth team", {"recruiting", "wealth scheme"}),
    ("Retire early with our forex blueprint: ask me how", {"retirement pitch", "wealth scheme"}),
]
SCHEME_HONEST = [
    "She retired at 62 after thirty years as a charge nurse",
    "I left the office at 5 pm to beat the traffic",
    "The index returned 12% last year, beating bonds",
    "Options strategy for hedging jet fuel costs",
    "Join my team at the county hospital: we are hiring night nurses",
    "Left the meeting at 10:30 with no decision on staffing",
]


@pytest.mark.parametrize(("text", "marks"), SCHEME_PITCHES)
def test_a_scheme_without_coins_or_links_is_a_pitch(text: str, marks: set[str]) -> None:
    found = promotion.marks_of(text.casefold())
    assert marks <= set(found) and promotion.is_promotional(found)


@pytest.mark.parametrize("text", SCHEME_HONEST)
def test_talk_of_retiring_returns_and_teams_is_not_a_pitch(text: str) -> None:
    assert not promotion.is_promotional(promotion.marks_of(text.casefold()))


def test_a_takeover_by_schemes_in_the_fields_words_is_a_drift() -> None:
    # The three newest sell schemes in the pharmacists' words, with no coin, link or sum
    # promised: they are still pitches, so the group drifted and is not JOIN.
    schemes = [
        "I quit hospital pharmacy at 34 thanks to a compounding futures strategy, ask me how",
        "Our stewardship fund returned 38% this year: future-proof your retirement",
        "Own a slice of a sterile compounding cleanroom from $200",
    ]
    found = _score(_group("honest", HONEST), _group("schemes", [*schemes, *HONEST[:3]]))
    taken = found["schemes"]
    assert taken.drift is not None and taken.drift >= 0.5
    assert taken.decision != "JOIN" and found["honest"].decision == "JOIN"
    assert taken.reasons[0].startswith("The group drifted: all 3 newer discussions are promotion")


@pytest.mark.parametrize(
    "text",
    [
        "Xanax in stock, discreet delivery to your door",
        "Cheap Adderall for the night shift, message me",
        "Viagra without prescription, ships worldwide",
        "Best online pharmacy: use code RN20 at checkout",
    ],
)
def test_medicines_sold_off_prescription_are_pitches(text: str) -> None:
    assert promotion.is_promotional(promotion.marks_of(text.casefold()))


@pytest.mark.parametrize(
    "text",
    [
        "Naloxone is now available without a prescription in most states",
        "Ozempic shortage: what are your patients using instead?",
        "Tramadol 50 mg PRN for post-op pain: what do you order?",
        "Our central pharmacy ships today's orders by courier",
    ],
)
def test_clinical_talk_of_medicines_is_not_a_pitch(text: str) -> None:
    assert not promotion.is_promotional(promotion.marks_of(text.casefold()))


def test_a_takeover_of_the_newest_posts_is_not_diluted_by_older_ones() -> None:
    # Two pitches among the five newest of ten: the recent share is under a quarter, but the
    # newer half's is not; one pitch there would be an incident (the test above).
    more = [
        "Heparin drip protocol changes after the new anti-Xa assay",
        "Residency interview season: what do your pharmacy candidates ask?",
        "IV room workflow: barcode scanning at every step",
        "Kinetics consults for aminoglycosides on weekends",
    ]
    titles = [PITCHES[0], HONEST[0], PITCHES[2], *HONEST[1:], *more][:10]
    found = _score(_group("diluted", titles))["diluted"]
    assert found.promotion is not None and found.promotion >= 0.25
    assert found.decision != "JOIN"
    said = [r for r in found.reasons if "promotion or spam" in r]
    assert said and said[-1].startswith(
        "2 of 5 newer discussions (2 of 10 recent) are promotion or spam, by their marks: "
    )


def test_a_group_whose_own_description_is_a_pitch_is_promotion() -> None:
    # Title and description only, as a Meetup or CSV export gives them: no post to judge.
    pitch = {
        "id": "secrets",
        "title": "Pharmacy Profit Secrets: the 6-figure system",
        "description": "Discover the system that adds $10k a month to your pharmacy. Free "
        "webinar, limited seats, guaranteed results!",
    }
    subject = {
        "id": "desk",
        "title": "Copy trading desk for hospital pharmacists",
        "description": "Copy trading strategies, risks and fees compared.",
    }
    found = _score(pitch, subject)
    assert found["secrets"].promotion == 1.0 and found["secrets"].decision != "JOIN"
    said = [r for r in found["secrets"].reasons if r.startswith("Its own title and description")]
    assert said == [
        "Its own title and description read as a pitch, by its marks: guaranteed returns and "
        "six figures (promotion 1.00)."
    ]
    # A group that names a scheme as its subject is judged by its posts: it has none here.
    assert found["desk"].promotion is None


@pytest.mark.parametrize(
    ("title", "pitch"),
    [
        ("Pharmacists: Earn $10K/Month From Home", True),  # two weak marks of money promised
        ("Forex signals for hospital pharmacists", True),  # a strong one
        ("Remote pharmacy jobs: work from home", False),  # one weak mark is a subject
        ("Copy trading desk", False),
    ],
)
def test_a_title_alone_can_be_a_pitch(title: str, pitch: bool) -> None:
    from relevance.schema import Group

    assert bool(promotion.claim_pitch(Group.from_dict({"id": "g", "title": title}))) is pitch


@pytest.mark.parametrize(
    "text",
    [
        "Call for papers: publish in 7 days, APC only 99 USD",
        "Special issue on single-cell methods: publication guaranteed",
        "Control chart of my account: 300% in 90 days, limited spots left",
        "Dear Esteemed Researcher, we invite you as an honourable speaker; early bird 499 EUR",
    ],
)
def test_predatory_calls_and_fast_gains_are_pitches(text: str) -> None:
    assert promotion.is_promotional(promotion.marks_of(text.casefold()))


def test_an_honest_conference_is_not_a_pitch() -> None:
    text = "ISMB 2027: early bird registration closes March 3; keynote by Dr. Lee on Friday"
    assert not promotion.is_promotional(promotion.marks_of(text.casefold()))


def test_an_honest_call_for_papers_is_not_a_pitch() -> None:
    text = (
        "ISMB 2027 call for papers: acceptance notifications by March 3; cases rose 300% in 90 days"
    )
    assert not promotion.is_promotional(promotion.marks_of(text.casefold()))


def test_explain_says_when_the_group_itself_is_a_pitch(tmp_path: Any) -> None:
    import json

    from typer.testing import CliRunner

    from relevance.cli import app

    path = tmp_path / "groups.json"
    group = {"id": "forex", "title": "Forex signals for hospital pharmacists"}
    path.write_text(json.dumps([group]), encoding="utf-8")
    args = ["explain", str(path), "--group", "forex", "--goal", GOAL, "--today", str(TODAY)]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # the detail wraps under its row
    assert (
        "promotion 1.00 1.00 >= promotion_at 0.25: never JOIN; its own title and description "
        "read as a pitch: trading signals"
    ) in said
