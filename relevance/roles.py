"""Roles and seniority: who the goal wants to meet ("CTOs", "investors", "nurse educators"), and
whether a listed member's headline says they are one ("CTO at PayCo").

``relevance/data/roles.csv`` lists each role with the words that name it in a goal and those that
show it in a headline (written for this project; ``*`` stands for up to two words, as in
``head of * engineering``). A goal names a role when it says it in the plural ("meet CTOs") or
right after a verb of meeting ("hire a recruiter"): "as a founder, I want ..." says who the user
is, not whom they want to meet. Matching ignores case, accents, punctuation and plural ``s``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from relevance.geo_tables import normalize, read_csv, split_aliases

_GAP = 2  # words a "*" may stand for
_MEETING = frozenset(
    {"meet", "find", "reach", "hire", "hiring", "recruit", "connect", "with", "to", "from"}
)

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Role:
    """One role.

    Attributes
    ----------
    key : str
        Its key in ``roles.csv`` (``"cto"``).
    label : str
        How reasons name its people: ``"CTOs or engineering leaders"``.
    goal : tuple of tuple of str
        The phrases that name it in a goal, as singular words.
    headline : tuple of tuple of str
        The phrases that show it in a headline (``"*"`` for up to two words).
    """

    key: str
    label: str
    goal: tuple[Phrase, ...]
    headline: tuple[Phrase, ...]

    def holds(self, headline: str | None) -> bool | None:
        """Whether a headline shows this role; None when there is no headline."""
        if headline is None or not headline.strip():
            return None
        return self._holds_words(_words(headline))

    def _holds_words(self, words: list[str]) -> bool:
        return any(
            _match_at(words, phrase, i) is not None
            for phrase in self.headline
            for i in range(len(words))
        )


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in normalize(text).split()]


def _phrases(value: str) -> tuple[Phrase, ...]:
    return tuple(
        tuple(w for part in p.split() for w in (["*"] if part == "*" else _words(part)))
        for p in split_aliases(value)
    )


def _match_at(words: list[str], phrase: Phrase, i: int) -> int | None:
    """Where ``phrase`` ends when it matches ``words`` exactly at ``i`` (``*`` may skip)."""
    for k, word in enumerate(phrase):
        if word == "*":
            for gap in range(_GAP + 1):
                end = _match_at(words, phrase[k + 1 :], i + gap)
                if end is not None:
                    return end
            return None
        if i >= len(words) or words[i] != word:
            return None
        i += 1
    return i


@functools.cache
def all_roles() -> tuple[Role, ...]:
    """Every role of ``roles.csv``, in its order."""
    return tuple(
        Role(row["key"], row["label"], _phrases(row["goal"]), _phrases(row["headline"]))
        for row in read_csv("roles.csv")
    )


@functools.lru_cache(maxsize=262_144)
def roles_held(headline: str) -> frozenset[str]:
    """The keys of every role a headline shows, found once per distinct headline (scoring
    many goals asks the same headlines about many sets of roles)."""
    words = _words(headline)
    by_first, anywhere = _headline_index()
    found: set[str] = set()
    for i, word in enumerate(words):
        for key, phrase in (*by_first.get(word, ()), *anywhere):
            if key not in found and _match_at(words, phrase, i) is not None:
                found.add(key)
    return frozenset(found)


@functools.cache
def _headline_index() -> tuple[dict[str, list[tuple[str, Phrase]]], list[tuple[str, Phrase]]]:
    """Every role's headline phrases by their first word (a phrase can only match where its
    first word stands), and those that are only ``*`` (tried at every word).

    A leading ``*`` is dropped: "* engineer" is held by a headline exactly when "engineer" is
    somewhere in it, so the phrase is indexed by its first real word instead of being tried
    at every word with every gap (which took most of the time of scoring a goal naming roles).
    """
    by_first: dict[str, list[tuple[str, Phrase]]] = {}
    anywhere: list[tuple[str, Phrase]] = []
    for role in all_roles():
        for phrase in role.headline:
            if not phrase:
                continue
            rest = phrase
            while rest and rest[0] == "*":
                rest = rest[1:]
            if rest:
                by_first.setdefault(rest[0], []).append((role.key, rest))
            else:
                anywhere.append((role.key, phrase))
    return by_first, anywhere


_ORGANIZATIONS = frozenset(
    [
        "agency",
        "agencies",
        "company",
        "companies",
        "firm",
        "firms",
        "school",
        "schools",
        "program",
        "programs",
        "programme",
        "programmes",
        "association",
        "associations",
        "union",
        "unions",
        "board",
        "boards",
        "platform",
        "platforms",
        "vendor",
        "vendors",
        "app",
        "apps",
        "software",
        "tool",
        "tools",
        "job",
        "jobs",
        "staffing",
        "recruitment",
        "shortage",
        "shortages",
    ]
)
"""Nouns after a role word that make it a modifier ("nurse agencies"): things, not people."""


_LOOKING = frozenset({"looking", "look", "searching", "search", "hunting", "hunt", "asking", "ask"})
"""Verbs after which "for" names whom the user wants ("looking for CTOs")."""


@functools.lru_cache(maxsize=1024)
def _named(goal: str) -> tuple[tuple[int, int, Role], ...]:
    """Where a goal names each role it wants to meet: (first word, words, role), in order."""
    raw = normalize(goal).split()
    words = [_singular(w) for w in raw]
    used = [False] * len(words)
    found: list[tuple[int, int, Role]] = []
    candidates = sorted(
        ((phrase, role) for role in all_roles() for phrase in role.goal),
        key=lambda item: -len(item[0]),
    )
    for phrase, role in candidates:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if any(used[i : i + n]) or tuple(words[i : i + n]) != phrase:
                continue
            plural = raw[i + n - 1] != words[i + n - 1]
            after_verb = any(w in _MEETING for w in raw[max(0, i - 3) : i])
            # "travel nurse agencies", "nurse jobs": the role names what the noun after it is
            # for, and the goal wants the agencies or the jobs, not to meet nurses.
            modifies = i + n < len(raw) and raw[i + n] in _ORGANIZATIONS
            # "sourcing strategies for software engineers": whom the strategies are for, not
            # whom to meet ("looking for CTOs" is).
            served = any(
                raw[j] == "for" and (j == 0 or raw[j - 1] not in _LOOKING)
                for j in range(max(0, i - 2), i)
            )
            if (plural or after_verb) and not modifies and not (served and not after_verb):
                used[i : i + n] = [True] * n
                found.append((i, n, role))
    return tuple(sorted(found, key=lambda item: item[0]))


def roles_in(goal: str) -> tuple[Role, ...]:
    """The roles a goal wants to meet, in the order the goal names them.

    Longer phrases win ("nurse educators" is one role, not nurses and educators), and each word
    of the goal names at most one role.

    Examples
    --------
    >>> [r.key for r in roles_in("Meet CTOs and engineering leaders of fintech start-ups")]
    ['cto']
    >>> [r.key for r in roles_in("As a founder I want to meet investors and nurse educators")]
    ['investor', 'nurse educator']
    >>> [r.key for r in roles_in("Find travel nurse agencies with good ICU bill rates")]
    []
    >>> [r.key for r in roles_in("Meet recruiters to share sourcing tips for software engineers")]
    ['recruiter']
    """
    ordered: list[Role] = []
    for _, _, role in _named(goal):
        if role not in ordered:
            ordered.append(role)
    return tuple(ordered)


def said_in(goal: str) -> dict[str, str]:
    """How the goal names each role it wants (role key to the goal's own words, as it wrote
    them): what reasons call the people, rather than the role's label.

    Examples
    --------
    >>> said_in("Meet technical recruiters and software engineers in Berlin")
    {'recruiter': 'recruiters', 'engineer': 'software engineers'}
    >>> said_in("Meet CTOs and engineering leaders of fintech start-ups")
    {'cto': 'CTOs or engineering leaders'}
    """
    written = goal.split()
    folded = [normalize(w) for w in written]
    out: dict[str, list[str]] = {}
    for i, n, role in _named(goal):
        words = normalize(goal).split()[i : i + n]
        out.setdefault(role.key, []).append(_as_written(words, written, folded))
    return {key: " or ".join(dict.fromkeys(phrases)) for key, phrases in out.items()}


def _as_written(words: list[str], written: list[str], folded: list[str]) -> str:
    """``words`` (normalized) as the goal wrote them ("CTOs"), else as they are."""
    n = len(words)
    for i in range(len(written) - n + 1):
        if folded[i : i + n] == words:
            return " ".join(w.strip(".,;:!?()\"'") for w in written[i : i + n])
    return " ".join(words)
