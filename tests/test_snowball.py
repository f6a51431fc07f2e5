"""The English stemmer port gives NLTK's stems, word for word."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from relevance.snowball import stem

nltk_snowball = pytest.importorskip("nltk.stem.snowball")
ROOT = Path(__file__).resolve().parent.parent

# Every suffix a step looks at, so that random words walk every branch of the algorithm.
SUFFIXES = (
    *("ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli"),
    *("entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli"),
    *("izer", "ator", "alli", "bli", "ogi", "li", "icate", "iciti", "ative", "ical", "ness"),
    *("ful", "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate"),
    *("iti", "ous", "ive", "ize", "ion", "al", "er", "ic", "eedly", "ingly", "edly", "eed"),
    *("ing", "ed", "sses", "ied", "ies", "us", "ss", "s", "'s", "'s'", "y", "e", "l", "ll"),
)
WORDS = (
    *("payments", "generously", "communication", "arsenal", "ionization", "skies", "dying"),
    *("proceeded", "yearly", "sayings", "hopping", "hoped", "agreed", "feed", "bled", "ogi"),
    *("analogies", "apologist", "realization", "sensational", "crying", "ties", "news"),
    *("Kubernetes", "CTOs", "\u2019tis", "y", "aa", "añadido", "straße"),
)


def test_known_words_stem_as_nltk() -> None:
    nltk_stem = nltk_snowball.EnglishStemmer().stem
    assert [stem(w) for w in WORDS] == [nltk_stem(w) for w in WORDS]


def test_random_words_stem_as_nltk() -> None:
    nltk_stem = nltk_snowball.EnglishStemmer().stem
    rng = random.Random(13)
    letters = "aeiouybcdfghjklmnprstvwxyz'"
    starts = ("gener", "commun", "arsen", "y", "'", "", "", "")
    words = [
        rng.choice(starts)
        + "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        + rng.choice(SUFFIXES)
        + (rng.choice(SUFFIXES) if rng.random() < 0.3 else "")
        for _ in range(20_000)
    ]
    assert [w for w in words if stem(w) != nltk_stem(w)] == []


def test_english_text_analysis_does_not_import_nltk() -> None:
    code = (
        "import sys\n"
        "from relevance.text import TextAnalyzer\n"
        "print(TextAnalyzer().terms('Payments compliance for open-source start-ups'))\n"
        "print('nltk' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.splitlines()[-1] == "False"
