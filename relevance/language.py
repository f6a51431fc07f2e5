"""Which language a text is in, so that its own stop words and Snowball stemmer are used.

The detector is py3langid (a maintained fork of langid.py, whose model ships inside the package:
nothing is downloaded), limited to the languages that both NLTK's Snowball stemmers and the
``stop-words`` package cover (:data:`LANGUAGES`). Most text is English, and the detector costs
about 0.1 ms a text and half a second to load, so English is recognised first by its stop words
(a fifth or more of the words); a text is taken to be in another language only when the detector
says so with confidence *and* that language's stop words are common in it, so that a list of
English keywords ("Kubernetes, Terraform, GitOps") is never read as German. A single word is
English; two or three words are another language on the same terms, so that a short goal with
a stop word of its language ("dueños de restaurantes", "ingenieros de datos") is read in it (a
new-user trial found such a goal read as English, and the Spanish group it named exactly
scored 0). The detector is asked only when some language's stop words are common enough for it
to win, so most runs never load its model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relevance.schema import Group

LANGUAGES: dict[str, str] = {
    "en": "English",
    "ar": "Arabic",
    "da": "Danish",
    "de": "German",
    "es": "Spanish",
    "fi": "Finnish",
    "fr": "French",
    "hu": "Hungarian",
    "it": "Italian",
    "nl": "Dutch",
    "no": "Norwegian",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
}
"""ISO 639-1 code -> English name of every language handled (its Snowball stemmer's name,
lower-cased, is NLTK's)."""

ENGLISH_SHARE = 0.2
"""Share of English stop words that makes a text English without asking the detector."""
OWN_SHARE = 0.15
"""Share of its own stop words a text needs to be taken as another language."""
CONFIDENCE = 0.8
"""The detector's least (normalized) probability for another language."""
MIN_WORDS = 2
"""Fewer words than this are English: one word tells no language."""
TEXT_CHARS = 300
"""Characters of a group's text its language is judged on: some fifty words, enough to tell."""

_WORD = re.compile(r"\w+")  # faster than letters only; digits are rare in the first words
# The same words of ASCII text, cut by str.translate and str.split (C loops, twice as fast).
_NOT_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _share(words: Sequence[str], stop: frozenset[str]) -> float:
    return sum(map(stop.__contains__, words)) / len(words)


def detect_words(text: str, words: Sequence[str], resolve: bool = True) -> str:
    """The language of ``text``, given its folded words (see the module docstring); with
    ``resolve``, what the detector is unsure of is resolved by the words (:func:`_resolve`)."""
    from relevance.stopwords import ENGLISH_STOP_WORDS

    if len(words) < MIN_WORDS:
        return "en"
    english = _share(words, ENGLISH_STOP_WORDS)
    if english >= ENGLISH_SHARE:
        return "en"
    # The languages the detector's answer could stand for: asked first, because they are
    # cheap to find and mostly none (a list of English keywords), when the answer would be
    # English whatever the detector said, and its model (half a second to load) is not needed.
    candidates = _candidates(words, english)
    if not candidates:
        return "en"
    found, probability = _identifier().classify(text)
    if found in candidates and probability >= CONFIDENCE:
        return str(found)
    return _resolve(text, words, candidates) if resolve else "en"


def _candidates(words: Sequence[str], english: float) -> set[str]:
    """The languages whose stop words are common enough in ``words`` for a text to be in one."""
    from relevance.stopwords import stop_words

    return {
        code
        for code in LANGUAGES
        if code != "en" and (own := _share(words, stop_words(code))) >= OWN_SHARE and own > english
    }


def _resolve(text: str, words: Sequence[str], candidates: set[str]) -> str:
    """The language of a short text the detector is unsure of, among ``candidates``.

    "Conocer cooperativas oleícolas de Jaén" (five words, a goal or a group's title) leaves
    the detector unsure; read as English, its stop words ("de") were matched and shown. It is
    read in the one candidate that a stop word of it belongs to alone ("conocer": Spanish),
    else, when it has accented letters, in the likeliest candidate; in either case only when
    the detector, unsure as it is, finds that language likelier than English. English
    headlines with a word that is another language's stop word ("Met police ...", Dutch
    "met"; "Texas, Hold 'Em", Portuguese "em") stay English on that last condition: of 1,991
    English goals and headlines (the quality benchmark's and the README's) none is read
    otherwise.
    """
    from relevance.stopwords import ENGLISH_STOP_WORDS, stop_words

    alone = {
        owners[0]
        for w in words
        if w not in ENGLISH_STOP_WORDS
        and len(owners := [c for c in LANGUAGES if c != "en" and w in stop_words(c)]) == 1
        and owners[0] in candidates
    }
    if len(alone) != 1 and not any(c.isalpha() and not c.isascii() for c in text):
        return "en"
    ranked = [str(code) for code, _ in _identifier().rank(text)]  # likeliest first
    above = ranked[: ranked.index("en")] if "en" in ranked else ranked
    if len(alone) == 1:
        return next(iter(alone)) if next(iter(alone)) in above else "en"
    return next((code for code in above if code in candidates), "en")


@functools.lru_cache(maxsize=4096)
def detect(text: str, resolve: bool = True) -> str:
    """The ISO 639-1 code of the language of a text, ``"en"`` when unsure.

    Parameters
    ----------
    text : str
        Any text.
    resolve : bool, default=True
        Resolve what the detector is unsure of, as short texts leave it (a goal, a group known
        by its title), by the text's own words (:func:`_resolve`); False answers English then.

    Examples
    --------
    >>> detect("Grupo de cocina tradicional española para profesionales de la hostelería")
    'es'
    >>> detect("Kubernetes, Terraform, GitOps, SRE, observability")
    'en'
    >>> detect("Conocer cooperativas oleícolas de Jaén")
    'es'
    """
    from relevance.text import fold

    folded = fold(text)
    words = folded.translate(_NOT_WORD).split() if folded.isascii() else _WORD.findall(folded)
    return detect_words(text, words, resolve)


def group_text(group: Group) -> str:
    """The text a group's language is judged on: its title, description and first discussions."""
    from relevance.text import clean_text

    parts = [group.title, group.description or ""]
    parts.extend(d.text for d in (group.discussions or ())[:3])
    # Markup is no language: "p", "ul" and "li" are Romanian stop words, and a description in
    # HTML otherwise wakes the detector for an English group.
    return " ".join(clean_text(p) if "<" in p else p for p in parts if p)[:TEXT_CHARS]


def of_groups(groups: Iterable[Group]) -> list[str]:
    """The language of each group (see :func:`group_text`)."""
    return [detect(group_text(g)) for g in groups]


def name(code: str) -> str:
    """The English name of a language code (``"es"`` -> ``"Spanish"``)."""
    return LANGUAGES.get(code, code)
