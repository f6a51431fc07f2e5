"""Job ads: honest posts off the purpose of a group that is not about jobs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from relevance import Analyzer, Result
from relevance.signals import job_ads

TODAY = date(2026, 11, 29)
GOAL = "discuss single-cell RNA-seq analysis methods with computational biologists"
METHODS = [
    "Pseudobulk or mixed models for differential expression across donors?",
    "Doublet detection before or after ambient RNA removal",
    "How many highly variable genes for a 200k-cell atlas",
    "Batch correction that keeps rare cell types separate",
    "Cell type annotation: marker genes versus reference mapping",
    "Normalising spatial transcriptomics counts before clustering",
]
ADS = [
    "Job: postdoc in single-cell genomics at a Toronto lab, apply by January 15",
    "We are hiring a senior bioinformatician for our Nextflow pipelines team",
    "Position available: PhD studentship in computational immunology, Uppsala",
]


def _group(group_id: str, titles: list[str], title: str | None = None) -> dict[str, Any]:
    return {
        "id": group_id,
        "title": title or "Single-cell analysis methods",
        "description": "Computational biologists discussing single-cell RNA-seq analysis: "
        "normalisation, batch correction, clustering, annotation and differential expression.",
        "member_count": 1800,
        "discussions": [
            {"title": t, "date": (TODAY - timedelta(days=2 + 7 * i)).isoformat()}
            for i, t in enumerate(titles)
        ],
    }


def _score(*groups: dict[str, Any]) -> dict[str, Result]:
    return {r.id: r for r in Analyzer(today=TODAY).score(list(groups), goal=GOAL)}


@pytest.mark.parametrize("text", [*ADS, "[Jobs] Staff scientist, protein design startup"])
def test_a_position_offered_is_a_job_ad(text: str) -> None:
    assert job_ads.is_job_ad(text)


@pytest.mark.parametrize(
    "text",
    [
        "Is hiring a data engineer worth it for a small lab?",
        "The job scheduler kills my Nextflow run after an hour",
        "As a postdoctoral fellow I found UMAP distances misleading",
        "Which position in the read carries the UMI?",
    ],
)
def test_talk_of_jobs_is_not_a_job_ad(text: str) -> None:
    assert not job_ads.is_job_ad(text)


def test_a_methods_group_taken_over_by_job_ads_drifted() -> None:
    found = _score(_group("honest", METHODS), _group("ads", [*ADS, *METHODS[:3]]))
    ads, honest = found["ads"], found["honest"]
    assert honest.decision == "JOIN" and honest.drift is not None and honest.drift < 0.35
    assert ads.drift is not None and ads.drift >= 0.5 and ads.decision != "JOIN"
    assert ads.promotion == 0.0  # job ads are not spam
    assert ads.reasons[0].startswith("The group drifted: all 3 newer discussions are job ads")


def test_one_job_ad_is_an_incident() -> None:
    one = _score(_group("one", [ADS[0], *METHODS]))["one"]
    assert one.decision == "JOIN" and not one.misleading
    assert one.drift is not None and one.drift < 0.35


def test_job_ads_are_the_purpose_of_a_jobs_group() -> None:
    board = _group("board", [*ADS, *METHODS[:3]], title="Single-cell jobs and careers")
    result = _score(board)["board"]
    assert result.drift is not None and result.drift < 0.5
    assert not any("job ad" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "[Jobs] x", "Vacancy: x", "Openings - x", "Career opportunity: x", "open roles at x",
        "PhD fellowship in x", "tenure-track vacancy", "vacancies at x", "applications close",
        "salary range 60-80k", *ADS,
    ],
)  # fmt: skip
def test_the_keys_only_skip_texts_the_pattern_cannot_match(text: str) -> None:
    folded = job_ads.fold(text)
    assert job_ads.AD.search(folded) is not None
    assert job_ads.is_job_ad(text)  # the keys let every such text through to the pattern


def test_job_ads_in_a_jobs_group_are_on_its_purpose_whatever_their_words() -> None:
    # The trial's r/BayAreaTechJobs: its ads share no word with its description, and the
    # description is exactly what they are.
    board = {
        "id": "jobs",
        "title": "r/BayAreaTechJobs",
        "description": "Job postings for software, data and hardware roles in the Bay Area. "
        "Employers and recruiters post openings; job seekers ask about offers and interviews.",
        "member_count": 4100,
        "discussions": [
            {"title": t, "date": (TODAY - timedelta(days=2 + 4 * i)).isoformat()}
            for i, t in enumerate(
                [
                    "[Hiring] Frontend Engineer (React) - San Mateo, $180-210k",
                    "[Hiring] Senior SRE - hybrid San Jose, on-call one week in six",
                    "[Hiring] Embedded firmware engineer, Fremont, RTOS experience",
                    "[Hiring] Data Engineer, Spark and Airflow, Oakland or remote",
                ]
            )
        ],
    }
    goal = "find open engineering roles and meet recruiters in the Bay Area"
    result = Analyzer(today=TODAY).score([board], goal=goal)[0]
    assert result.consistency is not None and result.consistency > 0.9
    assert not result.misleading and result.drift == 0.0
    assert result.decision == "JOIN", result.reasons
    # The same ads in a methods list are off its purpose (a pattern of three of six).
    listed = _score(_group("list", ADS + METHODS[:3]))["list"]
    assert listed.consistency is not None and listed.consistency < result.consistency


def test_a_margin_held_back_by_job_ads_says_they_are_job_ads() -> None:
    # The trial's GDPR list: three ads spread among honest posts, held back for consistency
    # with a reason that did not say why it was low.
    spread = [METHODS[0], ADS[0], METHODS[1], METHODS[2], ADS[1], METHODS[3], ADS[2], METHODS[4]]
    result = _score(_group("spread", spread))["spread"]
    assert result.decision == "CONSIDER" and result.drift == 0.0
    assert result.reasons[0].startswith("Its discussions bear out its title with little margin")
    assert "; 3 of 8 recent discussions are job ads): at best CONSIDER" in result.reasons[0]


def test_rows_read_only_the_groups_asked_for_and_split_the_job_ads() -> None:
    from relevance.batch import vectorize
    from relevance.schema import Group
    from relevance.settings import Settings
    from relevance.signals.promotion import recent_texts

    analyzer = Analyzer(today=TODAY)
    groups = [
        Group.from_dict(_group("methods", [*ADS, *METHODS[:3]])),
        Group.from_dict(_group("board", [*ADS, *METHODS[:3]], title="Single-cell jobs")),
    ]
    batch, _ = vectorize(groups, analyzer.text, analyzer.background, Settings(), None)
    read = [texts for _, texts in recent_texts(batch, lambda g: g.id == "board")]
    assert read[0] == [""] * 6 and sum(map(bool, read[1])) == 6
    off, on = job_ads.rows(batch), job_ads.rows(batch, about=True)
    assert off.tolist() == [True] * 3 + [False] * 3 + [False] * 6
    assert on.tolist() == [False] * 6 + [True] * 3 + [False] * 3
