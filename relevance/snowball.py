"""The English Snowball stemmer exactly as NLTK implements it, without importing NLTK.

Why a port: ``from nltk.stem.snowball import EnglishStemmer`` runs ``nltk/__init__``, which
imports most of NLTK and, through it, much of SciPy and scikit-learn: 1.5 to 2 seconds in every
process that stems (the CLI and each of its workers), more than the rest of a small run. The
official Snowball algorithm (PyStemmer, ``snowballstemmer``) is not a replacement: NLTK's
English stemmer differs from it on some words (``ionization`` is ``ionize`` here, ``ioniz``
there; Snowball 3 also changed ``added`` and ``-ologist``), and every model's vocabulary holds
NLTK's stems, so a different stemmer would change scores. This module follows NLTK 3.x's
``EnglishStemmer.stem`` (``nltk/stem/snowball.py``, Apache License 2.0; authors Peter Michael
Stahl and Peter Ljunglöf; algorithm by Martin Porter) step by step, including the way it moves
the regions R1 and R2 with each suffix; ``tests/test_snowball.py`` checks it against NLTK word
for word. The other languages' stemmers are still NLTK's, loaded only when a text needs one.
"""

from __future__ import annotations

_VOWELS = "aeiouy"
_DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
_LI_ENDING = "cdeghkmnrt"
_STEP0 = ("'s'", "'s", "'")
_STEP1A = ("sses", "ied", "ies", "us", "ss", "s")
_STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")
_STEP2 = (
    *("ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli"),
    *("entli", "ation", "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli"),
    *("izer", "ator", "alli", "bli", "ogi", "li"),
)
_STEP3 = ("ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful")
_STEP4 = (
    *("ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti"),
    *("ous", "ive", "ize", "ion", "al", "er", "ic"),
)
_SPECIAL = {
    **{"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie"},
    **{"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli"},
    **{"singly": "singl", "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas"},
    **{"cosmos": "cosmos", "bias": "bias", "andes": "andes", "inning": "inning"},
    **{"innings": "inning", "outing": "outing", "outings": "outing", "canning": "canning"},
    **{"cannings": "canning", "herring": "herring", "herrings": "herring"},
    **{"earring": "earring", "earrings": "earring", "proceed": "proceed"},
    **{"proceeds": "proceed", "proceeded": "proceed", "proceeding": "proceed"},
    **{"exceed": "exceed", "exceeds": "exceed", "exceeded": "exceed", "exceeding": "exceed"},
    **{"succeed": "succeed", "succeeds": "succeed", "succeeded": "succeed"},
    "succeeding": "succeed",
}
# Step 2 and 3 replacements: suffix -> (replacement, R2 when R2 is shorter than the suffix).
# NLTK sets a short R2 to "" except after "ational"/"ation"/"ator" and "iveness"/"iviti" in
# step 2, where it becomes "e"; kept, as every other detail, so that the stems are NLTK's.
_STEP2_REPLACE = {
    "izer": ("ize", ""),
    "ization": ("ize", ""),
    "ational": ("ate", "e"),
    "ation": ("ate", "e"),
    "ator": ("ate", "e"),
    "alism": ("al", ""),
    "aliti": ("al", ""),
    "alli": ("al", ""),
    "ousli": ("ous", ""),
    "ousness": ("ous", ""),
    "iveness": ("ive", "e"),
    "iviti": ("ive", "e"),
    "biliti": ("ble", ""),
    "bli": ("ble", ""),
}
_STEP2_CUT = {"tional": 2, "entli": 2, "fulness": 4, "fulli": 2, "lessli": 2}
_STEP3_REPLACE = {"ational": "ate", "icate": "ic", "iciti": "ic", "ical": "ic"}
_STEP3_CUT = {"tional": 2, "alize": 3, "ful": 3, "ness": 4}


def _regions(word: str) -> tuple[str, str]:
    """R1 and R2 (with NLTK's exceptions for words starting gener, commun, arsen)."""
    r1 = ""
    if word.startswith(("gener", "arsen")):
        r1 = word[5:]
    elif word.startswith("commun"):
        r1 = word[6:]
    else:
        r1 = _after_vc(word)
    return r1, _after_vc(r1)


def _after_vc(text: str) -> str:
    """The part of ``text`` after its first non-vowel that follows a vowel ("" if none)."""
    for i in range(1, len(text)):
        if text[i] not in _VOWELS and text[i - 1] in _VOWELS:
            return text[i + 1 :]
    return ""


def _replaced(region: str, suffix: str, new: str, short: str = "") -> str:
    """A region after ``suffix`` became ``new``: NLTK replaces it only when the region holds
    the whole suffix, and otherwise sets the region to ``short``."""
    return region[: -len(suffix)] + new if len(region) >= len(suffix) else short


def _cut(word: str, r1: str, r2: str, n: int) -> tuple[str, str, str]:
    return word[:-n], r1[:-n], r2[:-n]


def stem(word: str) -> str:
    """The stem of an English word, as ``nltk.stem.snowball.EnglishStemmer().stem`` gives it.

    Parameters
    ----------
    word : str
        One word (upper-case letters are lower-cased first).

    Returns
    -------
    str
        Its Snowball (Porter2) stem, with NLTK's details.

    Examples
    --------
    >>> [stem(w) for w in ("payments", "generously", "ionization", "skies")]
    ['payment', 'generous', 'ionize', 'sky']
    """
    word = word.lower()
    if len(word) <= 2:
        return word
    special = _SPECIAL.get(word)
    if special is not None:
        return special
    word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    if word.startswith("'"):
        word = word[1:]
    if word.startswith("y"):
        word = "Y" + word[1:]
    if "y" in word:
        chars = list(word)
        for i in range(1, len(chars)):
            if chars[i - 1] in _VOWELS and chars[i] == "y":
                chars[i] = "Y"
        word = "".join(chars)

    r1, r2 = _regions(word)

    # Step 0
    for suffix in _STEP0:
        if word.endswith(suffix):
            word, r1, r2 = _cut(word, r1, r2, len(suffix))
            break

    # Step 1a
    for suffix in _STEP1A:
        if word.endswith(suffix):
            if suffix == "sses":
                word, r1, r2 = _cut(word, r1, r2, 2)
            elif suffix in ("ied", "ies"):
                word, r1, r2 = _cut(word, r1, r2, 2 if len(word) - len(suffix) > 1 else 1)
            elif suffix == "s" and any(letter in _VOWELS for letter in word[:-2]):
                word, r1, r2 = _cut(word, r1, r2, 1)
            break

    # Step 1b
    for suffix in _STEP1B:
        if word.endswith(suffix):
            if suffix in ("eed", "eedly"):
                if r1.endswith(suffix):
                    word = word[: -len(suffix)] + "ee"
                    r1 = _replaced(r1, suffix, "ee")
                    r2 = _replaced(r2, suffix, "ee")
            elif any(letter in _VOWELS for letter in word[: -len(suffix)]):
                word, r1, r2 = _cut(word, r1, r2, len(suffix))
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                    r1 += "e"
                    if len(word) > 5 or len(r1) >= 3:
                        r2 += "e"
                elif word.endswith(_DOUBLES):
                    word, r1, r2 = _cut(word, r1, r2, 1)
                elif r1 == "" and (
                    (
                        len(word) >= 3
                        and word[-1] not in _VOWELS
                        and word[-1] not in "wxY"
                        and word[-2] in _VOWELS
                        and word[-3] not in _VOWELS
                    )
                    or (len(word) == 2 and word[0] in _VOWELS and word[1] not in _VOWELS)
                ):
                    word += "e"
                    if r2:
                        r2 += "e"
            break

    # Step 1c
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in _VOWELS:
        word = word[:-1] + "i"
        r1 = r1[:-1] + "i" if r1 else ""
        r2 = r2[:-1] + "i" if r2 else ""

    # Step 2
    for suffix in _STEP2:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix in _STEP2_CUT:
                    word, r1, r2 = _cut(word, r1, r2, _STEP2_CUT[suffix])
                elif suffix in ("enci", "anci", "abli"):
                    word = word[:-1] + "e"
                    r1 = r1[:-1] + "e" if r1 else ""
                    r2 = r2[:-1] + "e" if r2 else ""
                elif suffix in _STEP2_REPLACE:
                    new, short = _STEP2_REPLACE[suffix]
                    word = word[: -len(suffix)] + new
                    r1 = _replaced(r1, suffix, new)
                    r2 = _replaced(r2, suffix, new, short)
                elif (suffix == "ogi" and word[-4] == "l") or (
                    suffix == "li" and word[-3] in _LI_ENDING
                ):
                    word, r1, r2 = _cut(word, r1, r2, 1 if suffix == "ogi" else 2)
            break

    # Step 3
    for suffix in _STEP3:
        if word.endswith(suffix):
            if r1.endswith(suffix):
                if suffix in _STEP3_CUT:
                    word, r1, r2 = _cut(word, r1, r2, _STEP3_CUT[suffix])
                elif suffix in _STEP3_REPLACE:
                    new = _STEP3_REPLACE[suffix]
                    word = word[: -len(suffix)] + new
                    r1 = _replaced(r1, suffix, new)
                    r2 = _replaced(r2, suffix, new)
                elif suffix == "ative" and r2.endswith(suffix):
                    word, r1, r2 = _cut(word, r1, r2, 5)
            break

    # Step 4
    for suffix in _STEP4:
        if word.endswith(suffix):
            if r2.endswith(suffix):
                if suffix != "ion":
                    word, r1, r2 = _cut(word, r1, r2, len(suffix))
                elif word[-4] in "st":
                    word, r1, r2 = _cut(word, r1, r2, 3)
            break

    # Step 5
    if (
        (r2.endswith("l") and word[-2] == "l")
        or r2.endswith("e")
        or (
            r1.endswith("e")
            and len(word) >= 4
            and (
                word[-2] in _VOWELS
                or word[-2] in "wxY"
                or word[-3] not in _VOWELS
                or word[-4] in _VOWELS
            )
        )
    ):
        word = word[:-1]

    return word.replace("Y", "y")
