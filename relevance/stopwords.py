"""Stop words: English ones written for this project, other languages from a maintained package.

NLTK's list needs a data download, which is not allowed at run time, and scikit-learn's list
drops words that matter in professional groups ("computer", "system", "bill", "interest").
This list holds function words only: articles, pronouns, auxiliaries, prepositions,
conjunctions and the commonest adverbs. Words of group talk such as "group" or "members" are left
to the IDF weights, which make them cheap where they are common. A goal is also read without
:data:`FRAMING_WORDS`, the words of wanting and meeting that frame it ("meet", "share",
"looking"): IDF cannot make a goal's own framing cheap, so it would match and be shown.
"""

from __future__ import annotations

import functools
import re

ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "along",
        "already",
        "also",
        "although",
        "always",
        "am",
        "among",
        "an",
        "and",
        "another",
        "any",
        "anybody",
        "anyone",
        "anything",
        "anyway",
        "anywhere",
        "are",
        "aren",
        "around",
        "as",
        "at",
        "be",
        "became",
        "because",
        "become",
        "becomes",
        "been",
        "before",
        "being",
        "below",
        "beside",
        "besides",
        "between",
        "beyond",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "couldn",
        "did",
        "didn",
        "do",
        "does",
        "doesn",
        "doing",
        "don",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "elsewhere",
        "enough",
        "etc",
        "even",
        "ever",
        "every",
        "everyone",
        "everything",
        "everywhere",
        "except",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadn",
        "has",
        "hasn",
        "have",
        "haven",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "ie",
        "if",
        "in",
        "into",
        "is",
        "isn",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "let",
        "like",
        "ll",
        "many",
        "may",
        "me",
        "meanwhile",
        "might",
        "mine",
        "more",
        "moreover",
        "most",
        "mostly",
        "much",
        "must",
        "my",
        "myself",
        "neither",
        "never",
        "nevertheless",
        "no",
        "nobody",
        "none",
        "noone",
        "nor",
        "not",
        "nothing",
        "now",
        "nowhere",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "onto",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "perhaps",
        "please",
        "quite",
        "rather",
        "re",
        "really",
        "same",
        "shall",
        "she",
        "should",
        "shouldn",
        "since",
        "so",
        "some",
        "somehow",
        "someone",
        "something",
        "sometime",
        "sometimes",
        "somewhere",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "thereby",
        "therefore",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "throughout",
        "thus",
        "to",
        "together",
        "too",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "ve",
        "very",
        "via",
        "was",
        "wasn",
        "we",
        "well",
        "were",
        "weren",
        "what",
        "whatever",
        "when",
        "whenever",
        "where",
        "whereas",
        "wherever",
        "whether",
        "which",
        "while",
        "who",
        "whoever",
        "whole",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "won",
        "would",
        "wouldn",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "d",
        "m",
        "o",
        "y",
    ]
)


FRAMING_WORDS: frozenset[str] = frozenset(
    [
        # Wanting: what a goal says before what it wants.
        "want",
        "wants",
        "wanted",
        "wanting",
        "wish",
        "hoping",
        "need",
        "looking",
        "look",
        "seek",
        "seeking",
        "interested",
        "eager",
        # Meeting, finding and taking part: what one does in any group.
        "meet",
        "find",
        "finding",
        "connect",
        "connecting",
        "join",
        "joining",
        "discuss",
        "discussing",
        "share",
        "sharing",
        "learn",
        "get",
        "getting",
        # People and gatherings in general, of no field.
        "people",
        "folks",
        "peers",
        "groups",
        # How often.
        "weekly",
        "monthly",
        "regularly",
    ]
)
"""Words of wanting and meeting that frame an English goal ("Meet ... to share ...", "looking for
groups of people who ...") without saying what it is about. A goal is read without them
(:class:`relevance.text.GoalText`), so they neither match a group nor weigh in its relevance and
are never shown as matched terms; a group's own texts keep them, since their stems can be a
subject there ("monthly meetings", "shared governance").

Words of no field's subject only, as written (before stemming): "meet" but not "meeting"
(meeting planners), "share" and "sharing" but not "shared" or "shares", "learn" but not
"learning" (machine learning), "groups" but not "group" (group therapy). "network",
"networking", "community", "exchange", "reach", "talk" and "hope" name subjects or names
(computer networks, community health, stock exchanges, marketing reach, City of Hope) and are
not listed. The cost, said: a goal's "market share" or "people analytics" keeps only its
other word.
"""


# A goal's framing in the other languages goals are read in (relevance.language.detect_goal).
# Source: written for this project as translations of FRAMING_WORDS' English groups above, in
# the forms a goal writes them (infinitive, first person, gerund or participle), spelled as
# Wiktionary's entries and conjugation tables give them, then folded as text is (accents off).
# The same rule as in English: verbs of taking part, not nouns that can be a subject (Spanish
# "compartir" but not "aprendizaje", machine learning; French "échanger" but not "échange";
# German "austauschen" but not "Austausch"). A few are in the language's stop words too
# ("conocer" in Spanish): listed all the same, so that each list is whole on its own.
_FRAMING_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "es": (
        # Wanting.
        "quiero", "queremos", "quisiera", "deseo", "busco", "buscamos", "buscando", "buscar",
        "necesito", "necesitamos", "interesado", "interesada", "interesados", "interesadas",
        # Meeting, finding, taking part.
        "conocer", "encontrar", "conectar", "contactar", "unirme", "unirse", "participar",
        "discutir", "debatir", "compartir", "intercambiar", "aprender", "conseguir", "obtener",
        "alrededor",
        # People in general; how often.
        "gente", "personas", "colegas", "grupos", "semanal", "semanalmente", "mensual",
        "mensualmente", "regularmente",
    ),
    "fr": (
        "veux", "voudrais", "souhaite", "souhaitons", "cherche", "cherchons", "chercher",
        "besoin", "interesse", "interessee", "interesses", "interessees",
        "rencontrer", "trouver", "connecter", "contacter", "rejoindre", "participer",
        "discuter", "echanger", "partager", "apprendre", "obtenir", "autour",
        "gens", "personnes", "pairs", "groupes", "hebdomadaire", "mensuel", "mensuelle",
        "regulierement",
    ),
    "de": (
        "mochte", "mochten", "will", "wollen", "suche", "suchen", "brauche", "interessiert",
        "kennenlernen", "treffen", "finden", "vernetzen", "beitreten", "diskutieren",
        "austauschen", "teilen", "lernen", "bekommen",
        "leute", "menschen", "kollegen", "gruppen", "wochentlich", "monatlich", "regelmassig",
    ),
    "pt": (
        "quero", "queremos", "gostaria", "procuro", "procuramos", "procurando", "procurar",
        "busco", "buscando", "preciso", "precisamos", "interessado", "interessada",
        "interessados", "interessadas",
        "conhecer", "encontrar", "conectar", "contactar", "participar", "discutir", "debater",
        "compartilhar", "partilhar", "trocar", "aprender", "obter", "conseguir",
        "pessoas", "gente", "colegas", "grupos", "semanal", "mensal", "regularmente",
    ),
    "it": (
        "voglio", "vorrei", "cerco", "cerchiamo", "cercando", "cercare", "bisogno",
        "interessato", "interessata", "interessati", "interessate",
        "conoscere", "incontrare", "trovare", "connettere", "contattare", "partecipare",
        "discutere", "condividere", "scambiare", "imparare", "ottenere", "attorno", "intorno",
        "persone", "gente", "colleghi", "gruppi", "settimanale", "mensile", "regolarmente",
    ),
    "nl": (
        "wil", "willen", "zoek", "zoeken", "nodig", "geinteresseerd",
        "ontmoeten", "kennismaken", "vinden", "verbinden", "deelnemen", "bespreken",
        "discussieren", "delen", "uitwisselen", "leren", "krijgen", "rond", "rondom",
        "mensen", "collega", "collegas", "groepen", "wekelijks", "maandelijks", "regelmatig",
    ),
}  # fmt: skip


def framing_words(language: str) -> frozenset[str]:
    """The words that frame a goal in ``language`` (:data:`FRAMING_WORDS` in English), folded
    like text; none for a language without a list.

    Examples
    --------
    >>> sorted(framing_words("fr") & {"rencontrer", "autour", "cooperatives"})
    ['autour', 'rencontrer']
    """
    if language == "en":
        return FRAMING_WORDS
    return _folded_framing(language)


@functools.cache
def _folded_framing(language: str) -> frozenset[str]:
    from relevance.text import fold

    return frozenset(fold(w) for w in _FRAMING_BY_LANGUAGE.get(language, ()))


def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language, folded like text (:func:`relevance.text.fold`).

    Parameters
    ----------
    language : str
        An ISO 639-1 code of :data:`relevance.language.LANGUAGES`.

    Returns
    -------
    frozenset of str
        English: :data:`ENGLISH_STOP_WORDS` (the project's list, unchanged); any other language:
        the list of the maintained ``stop-words`` package (no download), e.g. Spanish's "de",
        "en", "para".
    """
    if language == "en":
        return ENGLISH_STOP_WORDS
    return _package_stop_words(language)


@functools.cache
def _package_stop_words(language: str) -> frozenset[str]:
    from stop_words import get_stop_words

    from relevance.language import LANGUAGES
    from relevance.text import fold

    # By name: the package knows Norwegian as "nb" (Bokmål), not as py3langid's "no".
    words = {fold(w).strip() for w in get_stop_words(LANGUAGES[language].lower())}
    # Also each part of an elided or hyphenated stop word (French "aujourd'hui", "c'est").
    return frozenset(w for word in words for w in (word, *re.split(r"['\u2019-]", word)) if w)
