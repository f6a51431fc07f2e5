"""The key index of ``promotion``: what one ``key in text`` per key would say, in one scan.

A mark's pattern is tried only on a text that holds one of its keys; the index that says which
keys a text holds must agree with the plain search for each key, or a mark would be missed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relevance.schema import Group
from relevance.signals import promotion
from relevance.signals.promotion import KeyIndex

KEYSETS = [keys for mark in promotion.MARKS for keys in mark.keysets]
# Texts made of the keys' own letters and pieces of them, so that keys overlap, share a start
# or an end, and sit inside words ("instead" holds "tea", "trading" holds "trad").
PIECES = sorted({key for keys in KEYSETS for key in keys} | {"in", "ead", "ing", "s", "d"})
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=3), st.sampled_from([" ", "\n", "-"])),
    max_size=20,
).map("".join)


def _plain(keysets: list[tuple[str, ...]], text: str) -> int:
    return sum(1 << i for i, keys in enumerate(keysets) if any(key in text for key in keys))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_the_index_holds_what_a_search_for_each_key_finds(text: str) -> None:
    assert promotion._KEYS.mask(text) == _plain(KEYSETS, text)


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("instead of a team", {"tea", "team"}),
        ("trading", {"trad", "trading"}),
        ("a bitcoin", {"bitcoin", "coin"}),
        ("t.me/x and wa.me", {"t.me", "wa.me", "me"}),
        ("", set()),
        ("\ud800 😀 €", {"€"}),  # a lone surrogate and a character past the BMP
    ],
)
def test_overlapping_keys_are_all_found(text: str, held: set[str]) -> None:
    keys = ["tea", "team", "trad", "trading", "coin", "bitcoin", "t.me", "wa.me", "€", "me"]
    index = KeyIndex([(key,) for key in keys])
    mask = index.mask(text)
    assert {key for i, key in enumerate(keys) if mask >> i & 1} == held


def test_an_index_without_keys_holds_nothing_and_an_empty_key_is_refused() -> None:
    assert KeyIndex([(), ()]).mask("anything") == 0
    with pytest.raises(ValueError, match="set 1 has an empty key"):
        KeyIndex([("a",), ("",)])


def _texts() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    examples = json.loads((root / "examples" / "groups.json").read_text("utf-8"))
    groups = examples["groups"] if isinstance(examples, dict) else examples
    texts = [f"{g['title']} {g.get('description') or ''}" for g in groups]
    texts += [
        f"{d.get('title') or ''} {d.get('body') or ''}"
        for g in groups
        for d in g.get("discussions") or []
    ]
    return texts


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_the_marks_are_those_each_mark_finds_alone(text: str) -> None:
    folded = promotion._fold(text)
    alone = [mark.name for mark in promotion.MARKS if mark.found(folded)]
    assert promotion.marks_of(text) == promotion.without_twins(alone)


@pytest.mark.parametrize("text", _texts())
def test_the_examples_marks_and_claims_are_those_each_mark_finds_alone(text: str) -> None:
    folded = promotion._fold(text)
    alone = [mark.name for mark in promotion.MARKS if mark.found(folded)]
    assert promotion.marks_of(text) == promotion.without_twins(alone)
    group = Group.from_dict({"id": "g", "title": text})
    assert promotion.claimed(group) == frozenset(alone)
    claims = [name for name in alone if name in promotion.CLAIM_PITCH | promotion.CLAIM_WEAK]
    pitch = any(name in promotion.CLAIM_PITCH for name in claims) or len(claims) >= 2
    assert promotion.claim_pitch(group) == (claims if pitch else [])


UNKEYED = [dataclasses.replace(mark, keys=(), also=()) for mark in promotion.MARKS]
# Pieces of the marks' own phrases, so that joined at random they make matches (and near ones).
PHRASES = [
    "earn", "profit", "daily", "every day", "daily returns", "account management", "account",
    "from home", "from your phone", "from", "your", "publish in 7 days", "accepted within 3",
    "hours", "acceptance guaranteed", "guaranteed indexing", "assured publication", "buy",
    "order", "cheap", "xanax 2mg available", "adderall xr in stock", "online", "for sale",
    "taking 5", "looking for 3 nurses for", "to join my team", "need 2 reps on", "my 3-step",
    "business", "system", "my 3-step business", "seeking 4 moms to join my team",
    "diet pills", "weight-loss tea", "weight loss shakes", "10x gains",
    "999x", "x", "turn $500 into $5,000", "dm me", "t.me/cash", "guaranteed returns", "2% per day",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASES + PIECES), max_size=12).map(" ".join))
def test_the_key_sets_only_skip_texts_no_pattern_matches(text: str) -> None:
    folded = promotion._fold(text)
    every = [mark.name for mark in UNKEYED if mark.found(folded)]
    assert promotion.marks_of(text) == promotion.without_twins(every)
