"""Turning raw text into terms: HTML stripping, normalization, tokens, stop words, stems, bigrams.

The pipeline, in order:

1. HTML tags are removed (``<script>``/``<style>`` with their content) and entities decoded, only
   when the text has a ``<`` or ``&`` (most texts do not, and this is the costliest step).
2. URLs become their host's name (``https://www.linkedin.com/groups/1`` -> ``linkedin``) and
   e-mail addresses their domain, so neither turns into a spray of path fragments.
3. Text is lower-cased and Latin diacritics are folded (``São Paulo`` -> ``sao paulo``).
4. A regular expression finds tokens: letters and digits, keeping ``c++``, ``c#``, ``node.js``,
   ``e-commerce`` together.
5. Each distinct token is mapped once, through a cache, to its terms: stop words to nothing,
   hyphenated words to their parts plus the joined form, everything else to its NLTK Snowball
   (English) stem (:mod:`relevance.snowball`, a port that does not import NLTK). Stemming
   every token costs over ten times the tokenizing; stemming each distinct token once makes it
   nearly free, because vocabularies grow far slower than text.
6. Bigrams join consecutive terms of the same text (``open banking``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise

from relevance.stopwords import ENGLISH_STOP_WORDS, FRAMING_WORDS, framing_words

# A tag starts with a letter, "/" or "!": "< 500 members >" is text, not markup.
_TAG_START = re.compile(r"<(?:(script|style)\b|(!--)|/?[a-z!])", re.I)
_CLOSERS = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
_URL = re.compile(r"\b(?:https?://|www\.)(?:www\d?\.)?([^\s/:?#<>\"'()]+)[^\s<>\"']*", re.I)
# Starts only where a run of address characters starts, and never gives back what it took: each
# character is looked at a bounded number of times, so "a.a.a...@" costs linear time.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@((?:[\w-]+\.)+[\w-]+)")
_DIACRITICS = re.compile(r"[\u0300-\u036f]+")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "\u0131": "i",
    }
)
_SPECIAL = re.compile("[\u0142\u00f8\u00e6\u0153\u0111\u00f0\u00fe\u0127\u0131]")
# Letters/digits, optionally followed by +/# (c++, c#) or joined by . - ' & (node.js, at&t).
_TOKEN = re.compile(r"[^\W_]+(?:[+#]+|(?:[.\-'\u2019&][^\W_]+)*)")
_SPLIT = re.compile(r"[.\-'\u2019&]")
# ASCII text is cut into runs of the characters a token can hold (letters, digits, . - ' & + #)
# by str.translate and str.split, both C loops, about twice as fast as the regular expression;
# the token cache then maps each distinct run ("payments", "node.js", "end.", "c++,") once to
# the terms of the tokens the expression finds in it, so the result is the same.
_RUN_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in ".-'&+#")}
)
# The same table for bytes: bytes.translate is a C table lookup, five times faster than
# str.translate's mapping (a fifth of the tokenizing of ASCII text).
_RUN_SEPARATOR_BYTES = bytes(32 if c in _RUN_SEPARATORS else c for c in range(256))
_CLITICS = ("s", "t", "ll", "re", "ve", "d", "m")


def clean_text(text: str) -> str:
    """Strip HTML, decode entities, reduce URLs and e-mail addresses, lower-case, fold accents.

    Parameters
    ----------
    text : str
        Any text, possibly HTML.

    Returns
    -------
    str
        Plain lower-case text.
    """
    if "<" in text:
        text = strip_tags(text)
    if "&" in text:
        text = html.unescape(text)
    if "@" in text:
        text = _EMAIL.sub(lambda m: " " + _host_name(m.group(1)) + " ", text)
    if "http" in text or "www." in text:
        text = _URL.sub(lambda m: " " + _host_name(m.group(1)) + " ", text)
    return fold(text)


def fold(text: str) -> str:
    """Lower-case and fold Latin accents and letters: the one fold of the project (text, places,
    industries), so that "Ørsted", "ØRSTED" and "Orsted" are one word everywhere.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        Case-folded text without Latin diacritics; ``ø``, ``ł``, ``æ``, ``œ``, ``ß`` and the
        like spelled with plain letters.

    Examples
    --------
    >>> fold("Ørsted in São Paulo, Łódź, Straße")
    'orsted in sao paulo, lodz, strasse'
    """
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    text = unicodedata.normalize("NFC", _DIACRITICS.sub("", text))
    # str.translate is slow on long text: only when one of its letters is there.
    return text.translate(_LETTERS) if _SPECIAL.search(text) else text


def strip_tags(text: str) -> str:
    """Replace HTML tags (``<script>`` and ``<style>`` with their content, comments) by spaces.

    A scan rather than one regular expression: a pattern such as ``<!--.*?-->`` rescans the
    rest of the text from every ``<!--`` that is never closed, which is quadratic. Here each
    closing mark is searched for once and the answer reused until the scan passes it, so the
    time is linear in the text. An unclosed ``<script>`` or comment ends at the next ``>``, as
    any tag; a ``<`` with no ``>`` after it is text.
    """
    parts: list[str] = []
    # mark -> where its next occurrence at or after the scan begins and ends (None: no more).
    nearest: dict[str, tuple[int, int] | None] = {}

    def next_at(mark: str, start: int) -> int:
        """The last position of ``mark``'s first occurrence from ``start``, or -1."""
        if mark not in nearest or ((found := nearest[mark]) is not None and found[0] < start):
            closer = _CLOSERS.get(mark)
            if closer is None:
                begin = text.find(mark, start)
                nearest[mark] = None if begin == -1 else (begin, begin + len(mark) - 1)
            else:
                match = closer.search(text, start)
                nearest[mark] = None if match is None else (match.start(), match.end() - 1)
        found = nearest[mark]
        return -1 if found is None else found[1]

    position = 0
    while (opening := text.find("<", position)) != -1:
        match = _TAG_START.match(text, opening)
        if match is None:
            parts.append(text[position : opening + 1])
            position = opening + 1
            continue
        end = -1
        if match.group(1):
            end = next_at(match.group(1).lower(), match.end())
        elif match.group(2):
            end = next_at("-->", match.end())
        if end == -1:
            end = next_at(">", opening)
        if end == -1:  # no ">" anywhere after: the rest is text
            break
        parts.append(text[position:opening])
        parts.append(" ")
        position = end + 1
    parts.append(text[position:])
    return "".join(parts)


def _host_name(host: str) -> str:
    """``www.linkedin.com`` -> ``linkedin``; ``mail.acme.co.uk`` -> ``acme``."""
    parts = [p for p in host.lower().split(".") if p]
    while len(parts) > 1 and (len(parts[-1]) <= 3 or parts[-1] in {"info", "io"}):
        parts.pop()
        if len(parts) > 1 and len(parts[-1]) > 3:
            break
    return parts[-1] if parts else ""


# Short words ending in "s" that are not plurals, or acronyms whose last letter is an S.
_NOT_PLURAL = frozenset(
    {
        *("as", "is", "us", "os", "ios", "gas", "yes", "bus", "plus", "thus", "news", "lens"),
        *("bias", "atlas", "chaos", "ethos", "alias", "canvas"),
        *("dns", "gps", "sas", "aws", "saas", "paas", "iaas", "kms", "cms", "sms", "bms"),
        *("rss", "css", "mes"),
    }
)


_ACRONYM_PLURAL = re.compile(r"[^aeiouy]+[aeiouy]?s")


def _acronym_plural(word: str) -> bool:
    """A short word Snowball leaves alone although it is a plural: acronyms such as CTOs, KPIs,
    SMEs, NGOs, VPs, whose only vowel (if any) stands right before the "s" (so "class", "focus"
    and "bonus" keep theirs)."""
    return (
        2 < len(word) <= 5 and _ACRONYM_PLURAL.fullmatch(word) is not None
    ) and word not in _NOT_PLURAL


def _load_stemmer(language: str = "en") -> Callable[[str], str]:
    if language == "en":
        # NLTK's English stemmer, ported (relevance.snowball): importing NLTK takes 1.5 to 2 s
        # in every process that stems, more than the rest of a small run.
        from relevance.snowball import stem

        return stem
    # Imported here, for a text in another language only: NLTK is slow to import.
    from nltk.stem.snowball import SnowballStemmer

    from relevance.language import LANGUAGES

    stemmer: Callable[[str], str] = SnowballStemmer(LANGUAGES[language].lower()).stem
    return stemmer


TOKEN_CACHE_LIMIT = 2_000_000
"""Distinct tokens kept; past it the cache starts afresh (stems are recomputed, ids are kept)."""


class GoalText(str):
    """The text of a goal statement (:class:`relevance.schema.Goal` makes its ``text`` one).

    A :class:`TextAnalyzer` reads it as any text, but without the framing words of its
    language (:func:`~relevance.stopwords.framing_words`; in English
    :data:`~relevance.stopwords.FRAMING_WORDS`: "meet", "share", "looking"; in Spanish
    "compartir", in French "rencontrer"): a goal's framing says what the user does with a
    group, not what the group is to be about, so it neither matches nor weighs. Group texts
    keep those words, whose stems may be a subject there ("meetings", "shared governance").
    It is a ``str`` in every other way.
    """

    __slots__ = ()


def _runs(text: str) -> list[str]:
    """A cleaned text's tokens, or for ASCII text its runs of token characters (each the
    tokens :data:`_TOKEN` finds in it, with the punctuation around them)."""
    if text.isascii():
        return text.encode("ascii").translate(_RUN_SEPARATOR_BYTES).decode("ascii").split()
    return _TOKEN.findall(text)


class _TokenCache(dict[str, tuple[int, ...]]):
    """Token (or run of tokens, see :func:`_runs`) -> term ids; a miss computes and stores its
    terms (``__missing__``), so the hot loop is a C-level ``map(cache.__getitem__, runs)``."""

    def __init__(self, analyzer: TextAnalyzer, language: str = "en", goal: bool = False) -> None:
        super().__init__()
        self.analyzer = analyzer
        self.language = language
        self.goal = goal  # a goal's tokens: framing words give no terms (see GoalText)

    def __missing__(self, token: str) -> tuple[int, ...]:
        tokens = _TOKEN.findall(token)
        if tokens != [token]:  # a run of ASCII text (see _runs): the terms of its tokens
            ids = tuple(chain.from_iterable(map(self.__getitem__, tokens)))
        else:
            terms = self.analyzer._terms_of(token, self.language, self.goal)
            ids = tuple(self.analyzer.term_id(t) for t in terms)
        if len(self) >= TOKEN_CACHE_LIMIT:
            self.clear()  # a stream of millions of ids and names must not grow it for ever
        self[token] = ids
        return ids


class Surfaces(Mapping[str, str]):
    """Terms -> the first word of some texts that gave each (see :meth:`TextAnalyzer.surfaces`),
    found only for the terms asked for: a reason shows three words of a group, and tokenizing
    every text of it word by word, in Python, cost more than the rest of the reason. A text's
    term ids are looked up whole, as :meth:`TextAnalyzer.encode` does; only the first text that
    has the term is read word by word, for the word that gave it."""

    def __init__(self, analyzer: TextAnalyzer, texts: Iterable[str | None], cache: _TokenCache):
        self._analyzer = analyzer
        self._cache = cache
        self._texts = [text for text in texts if text]
        self._runs: list[list[str]] = []  # of the texts read so far, in order
        self._ids: list[set[int]] = []
        self._found: dict[str, str] = {}
        self._every: dict[str, str] | None = None

    def __getitem__(self, term: str) -> str:
        found = self._found.get(term)
        if found is not None:
            return found
        term_id = self._analyzer.ids_by_term.get(term)
        if term_id is not None:
            for i in range(len(self._texts)):
                if i == len(self._runs):
                    runs = _runs(clean_text(self._texts[i]))
                    self._runs.append(runs)
                    self._ids.append(set(chain.from_iterable(map(self._cache.__getitem__, runs))))
                if term_id in self._ids[i]:
                    found = self._found[term] = self._first_word(self._runs[i], term_id)
                    return found
        raise KeyError(term)

    def _first_word(self, runs: list[str], term_id: int) -> str:
        for run in runs:
            # Runs of ASCII text (see _runs) hold the same tokens in the same order, and most
            # runs are one word: the expression is run only on the others ("end.", "c++,").
            for token in (run,) if run.isalnum() else _TOKEN.findall(run):
                if term_id in self._cache[token]:
                    return token
        raise AssertionError("the text's ids hold the term")  # pragma: no cover

    def _all(self) -> dict[str, str]:
        if self._every is None:
            self._every = self._analyzer.surfaces(self._texts, self._cache.language)
        return self._every

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


@dataclass
class TextAnalyzer:
    """Text to terms, with every distinct token's terms cached.

    Every unigram term (a stem) gets a small integer id the first time it is seen, so that
    batches are encoded as integer arrays and bigrams are pairs of ids, never strings.

    Parameters
    ----------
    stem : bool, default=True
        Apply NLTK's Snowball English stemmer (needs no NLTK data).
    ngram_max : {1, 2}, default=2
        2 adds bigrams of consecutive terms.
    extra_stop_words : iterable of str, default=()
        Words dropped on top of :data:`~relevance.stopwords.ENGLISH_STOP_WORDS`.
    use_stop_words : bool, default=True
        False keeps every word (for short labels such as an industry called "IT").
    detect_language : bool, default=True
        Detect the language of each text (:mod:`relevance.language`) and use that language's
        stop words and Snowball stemmer; English text is analysed exactly as without it.
    """

    stem: bool = True
    ngram_max: int = 2
    extra_stop_words: Iterable[str] = ()
    use_stop_words: bool = True
    detect_language: bool = True
    vocab: list[str] = field(default_factory=list, init=False, repr=False)
    _ids: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _surface: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.ngram_max not in (1, 2):
            raise ValueError(f"ngram_max must be 1 or 2, got {self.ngram_max!r}")
        extra = {clean_text(w).strip() for w in self.extra_stop_words}
        base = ENGLISH_STOP_WORDS if self.use_stop_words else frozenset()
        self._extra = frozenset(w for w in extra if w)
        self.stop_words = base | self._extra
        self._stemmers: dict[str, Callable[[str], str]] = {}
        self._stops: dict[str, frozenset[str]] = {"en": self.stop_words}
        self._cache = _TokenCache(self)
        self._caches: dict[str, _TokenCache] = {"en": self._cache}
        self._goal_caches: dict[str, _TokenCache] = {}

    def __getstate__(self) -> dict[str, object]:
        # Sent to worker processes without the token caches (rebuilt there) or the stemmers.
        state = dict(self.__dict__)
        state["_cache"] = None
        state["_caches"] = None
        state["_goal_caches"] = None
        state["_stemmers"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._cache = _TokenCache(self)
        self._caches = {"en": self._cache}
        self._goal_caches = {}

    def language(self, text: str | None) -> str:
        """The ISO 639-1 code of a text's language (``"en"`` when not detecting or unsure)."""
        if not self.detect_language or not text:
            return "en"
        from relevance.language import detect

        return detect(text)

    def _cache_for(self, language: str, goal: bool = False) -> _TokenCache:
        caches = self._goal_caches if goal else self._caches
        found = caches.get(language)
        if found is None:
            found = caches[language] = _TokenCache(self, language, goal)
        return found

    def _stop_words_for(self, language: str) -> frozenset[str]:
        found = self._stops.get(language)
        if found is None:
            from relevance.stopwords import stop_words

            base = stop_words(language) if self.use_stop_words else frozenset()
            found = self._stops[language] = base | self._extra
        return found

    def term_id(self, term: str) -> int:
        """The id of a unigram term, given one if new."""
        found = self._ids.get(term)
        if found is None:
            found = self._ids[term] = len(self.vocab)
            self.vocab.append(term)
        return found

    def ids(self, text: str | None, language: str | None = None) -> list[int]:
        """The term ids of a text's unigrams, in order (its language detected when not given)."""
        if not text:
            return []
        cache = self._cache_for(language or self.language(text), isinstance(text, GoalText))
        return list(chain.from_iterable(map(cache.__getitem__, _runs(clean_text(text)))))

    def encode(
        self, texts: Iterable[str | None], languages: Sequence[str] | None = None
    ) -> tuple[list[int], list[int]]:
        """Unigram ids of many texts, flat, and offsets.

        Text i is ``ids[offsets[i]:offsets[i + 1]]``. ``languages`` gives each text's language
        (e.g. its group's); without it each text's own is detected.
        """
        english = self._cache.__getitem__
        flat: list[int] = []
        offsets = [0]
        for i, text in enumerate(texts):
            if text:
                language = languages[i] if languages is not None else self.language(text)
                goal = isinstance(text, GoalText)
                get = (
                    english
                    if language == "en" and not goal
                    else self._cache_for(language, goal).__getitem__
                )
                flat.extend(chain.from_iterable(map(get, _runs(clean_text(text)))))
            offsets.append(len(flat))
        return flat, offsets

    def has_words(self, text: str | None) -> bool:
        """Whether a text has any word that is not a stop word of its language (checked without
        stemming)."""
        tokens = _TOKEN.findall(clean_text(text)) if text else []
        language = self.language(text) if tokens else "en"
        stop = self._stop_words_for(language)
        if isinstance(text, GoalText):
            stop = stop | framing_words(language)
        return any(t not in stop and (len(t) > 1 or t.isdigit()) for t in tokens)

    def unigrams(self, text: str | None) -> list[str]:
        """The stemmed, stop-word-free terms of a text, in order."""
        vocab = self.vocab
        return [vocab[i] for i in self.ids(text)]

    def terms(self, text: str | None) -> list[str]:
        """Unigrams followed by the bigrams of consecutive unigrams."""
        words = self.unigrams(text)
        if self.ngram_max == 1 or len(words) < 2:
            return words
        return words + [f"{a} {b}" for a, b in pairwise(words)]

    def surfaces(self, texts: Iterable[str | None], language: str | None = None) -> dict[str, str]:
        """Each term of ``texts`` with the first word that gave it (``complianc`` ->
        ``compliance``), for showing terms in the words of the text they came from; the texts
        read in ``language``, or each in its own when None."""
        vocab = self.vocab
        out: dict[str, str] = {}
        for text in texts:
            if not text:
                continue
            cache = self._cache_for(language or self.language(text), isinstance(text, GoalText))
            # Each distinct token once, in order: a repeated one could only give its first again.
            for token in dict.fromkeys(_TOKEN.findall(clean_text(text))):
                # A compound's parts are words of their own ("small-animal" gives "animal"):
                # each part's term reads as the part, only the joined term as the whole.
                parts = [p for p in _SPLIT.split(token) if p] if _SPLIT.search(token) else []
                for part in parts if len(parts) > 1 else ():
                    for term_id in cache[part]:
                        if term_id in cache[token]:
                            out.setdefault(vocab[term_id], part)
                for term_id in cache[token]:
                    out.setdefault(vocab[term_id], token)
        return out

    def surfaces_in(self, texts: Iterable[str | None], language: str) -> Surfaces:
        """:meth:`surfaces` of texts all in one ``language`` (e.g. a group's, as its texts were
        encoded), found lazily: only for the terms asked for (see :class:`Surfaces`)."""
        return Surfaces(self, texts, self._cache_for(language))

    @property
    def ids_by_term(self) -> Mapping[str, int]:
        """The id of each unigram term given so far (read it; :meth:`term_id` gives ids)."""
        return self._ids

    def display(self, term: str, surfaces: Mapping[str, str] | None = None) -> str:
        """A readable form of a term: its word in ``surfaces`` (see :meth:`surfaces`), else the
        first word this analyzer saw that stems to it."""
        found = {} if surfaces is None else surfaces  # not "or": that would count a lazy one
        return " ".join(found.get(p) or self._surface.get(p, p) for p in term.split(" "))

    def _terms_of(self, token: str, language: str = "en", goal: bool = False) -> tuple[str, ...]:
        if token[-1] in "+#":
            return (token,)
        if any(c in token for c in ".-'\u2019&"):
            return self._compound(token, language, goal)
        return self._word(token, language, goal)

    def _compound(self, token: str, language: str = "en", goal: bool = False) -> tuple[str, ...]:
        parts = [p for p in _SPLIT.split(token) if p]
        if len(parts) == 2 and parts[1] in _CLITICS and ("'" in token or "\u2019" in token):
            return self._word(parts[0], language, goal)  # group's -> group, don't -> (stop)
        if language != "en" and ("'" in token or "\u2019" in token):
            # French and Italian elisions (l'équipe, dell'anno): the article is a stop word.
            return tuple(t for p in parts for t in self._word(p, language))
        if "." in token and "-" not in token:
            return self._word("".join(parts), language)  # node.js -> nodejs, u.s.a -> usa
        joined = self._word("".join(parts), language)  # start-ups -> startup
        if min(len(p) for p in parts) < 4:
            return joined
        # open-source, real-time: the parts are words of their own too ("open source").
        terms = [t for p in parts for t in self._word(p, language, goal)]
        return tuple(terms + [t for t in joined if t not in terms])

    def _word(self, word: str, language: str = "en", goal: bool = False) -> tuple[str, ...]:
        stop = self.stop_words if language == "en" else self._stop_words_for(language)
        if word in stop or (len(word) < 2 and not word.isdigit()):
            return ()
        if goal and word in (FRAMING_WORDS if language == "en" else framing_words(language)):
            return ()  # the goal's framing, not its subject (see GoalText)
        if not self.stem:
            return (word,)
        stemmer = self._stemmers.get(language)
        if stemmer is None:
            stemmer = self._stemmers[language] = _load_stemmer(language)
        stem = stemmer(word)
        if language == "en" and stem == word and _acronym_plural(word):
            stem = stemmer(word[:-1])  # ctos -> cto, kpis -> kpi
        self._surface.setdefault(stem, word)
        return (stem,)
