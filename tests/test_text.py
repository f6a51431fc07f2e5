"""Tests of relevance.text: HTML, URLs, accents, tokens, stop words, stems, the cache, bigrams."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import relevance.text as text_module
from relevance.text import TextAnalyzer, clean_text


@pytest.fixture
def words() -> TextAnalyzer:
    """Unigrams only."""
    return TextAnalyzer(ngram_max=1)


# -- HTML and entities ------------------------------------------------------------------------


def test_tags_removed_and_entities_decoded() -> None:
    assert clean_text("<p>Tom &amp; Jerry &ndash; <b>KYC</b></p>").split() == [
        "tom",
        "&",
        "jerry",
        "\u2013",
        "kyc",
    ]


def test_numeric_entities_decoded() -> None:
    assert clean_text("caf&#233; &#x2014; ok") == "cafe \u2014 ok"


def test_script_style_and_comments_dropped_with_their_content(words: TextAnalyzer) -> None:
    html = (
        "<style>.x{color:red}</style><script>var secretToken = 1;</script>"
        "<!-- hidden comment --><div>Payments</div>"
    )
    assert words.unigrams(html) == ["payment"]


def test_html_description_equals_its_plain_text(words: TextAnalyzer) -> None:
    html = "<p>Open banking &amp; PSD2</p><ul><li>KYC</li><li>AML</li></ul><br/>"
    assert words.unigrams(html) == words.unigrams("Open banking & PSD2 KYC AML")


def test_escaped_markup_is_text_not_tags(words: TextAnalyzer) -> None:
    # Tags are stripped before entities are decoded: "&lt;b&gt;" shows as "<b>" on the page.
    assert words.unigrams("&lt;b&gt;bold&lt;/b&gt; fintech") == ["bold", "fintech"]


def test_html_only_text_gives_no_terms(words: TextAnalyzer) -> None:
    assert words.unigrams("<div><img src='logo.png'/><br></div>") == []


def test_less_than_sign_in_plain_text_is_not_a_tag(words: TextAnalyzer) -> None:
    # Regression: "<[^>]*>" used to strip "< 500 members and >" as if it were a tag.
    terms = words.unigrams("Groups with < 500 members and > 10 posts, salaries <50k")
    assert "500" in terms
    assert "member" in terms
    assert "50k" in terms


# -- URLs and e-mail --------------------------------------------------------------------------


def test_url_becomes_host_name(words: TextAnalyzer) -> None:
    assert words.unigrams("Join at https://www.linkedin.com/groups/9134527/?trk=x") == [
        "join",
        "linkedin",
    ]


def test_www_url_without_scheme(words: TextAnalyzer) -> None:
    terms = words.unigrams("see www.meetup.com/London-Fintech/events")
    assert "meetup" in terms
    assert "event" not in terms and "london" not in terms


def test_email_becomes_domain(words: TextAnalyzer) -> None:
    terms = words.unigrams("write to jane.doe@mail.acme.co.uk")
    assert terms == ["write", *words.unigrams("acme")]
    assert "jane" not in terms and "doe" not in terms


# -- accents, case, tokens --------------------------------------------------------------------


def test_accents_folded_and_case_lowered() -> None:
    assert clean_text("São Paulo ZÜRICH Crème Brûlée") == "sao paulo zurich creme brulee"


def test_accented_and_plain_words_give_the_same_terms(words: TextAnalyzer) -> None:
    assert words.unigrams("Écoles Universités naïve café") == words.unigrams(
        "ecoles universites naive cafe"
    )


def test_ligature_and_sharp_s(words: TextAnalyzer) -> None:
    assert words.unigrams("ﬁntech") == words.unigrams("fintech")
    assert words.unigrams("Straße") == words.unigrams("strasse")


@pytest.mark.parametrize("token", ["c++", "c#"])
def test_plus_and_sharp_tokens_kept_whole(words: TextAnalyzer, token: str) -> None:
    assert words.unigrams(f"Senior {token.upper()} developers") == ["senior", token, "develop"]


def test_c_plus_plus_differs_from_c(words: TextAnalyzer) -> None:
    # "c" alone is a one-letter token and dropped; c++ stays.
    assert words.unigrams("C and C++") == ["c++"]


def test_dotted_name_is_one_token(words: TextAnalyzer) -> None:
    terms = words.unigrams("node.js")
    assert terms == words.unigrams("nodejs")
    assert len(terms) == 1
    assert "node" not in terms and "js" not in terms


@pytest.mark.parametrize(
    ("hyphenated", "joined"),
    [("e-commerce", "ecommerce"), ("start-ups", "startups"), ("KYC/AML", "KYC AML")],
)
def test_short_part_compounds_join(words: TextAnalyzer, hyphenated: str, joined: str) -> None:
    assert words.unigrams(hyphenated) == words.unigrams(joined)


def test_long_part_compound_gives_parts_and_joined_form(words: TextAnalyzer) -> None:
    terms = words.unigrams("open-source")
    assert set(words.unigrams("open source")) <= set(terms)
    assert words.unigrams("opensource")[0] in terms


def test_possessive_and_clitics(words: TextAnalyzer) -> None:
    assert words.unigrams("the group's members") == words.unigrams("group members")
    assert words.unigrams("I'm sure we're fine, they've left, don't") == words.unigrams(
        "sure fine left"
    )


def test_ampersand_abbreviation(words: TextAnalyzer) -> None:
    assert words.unigrams("Q&A with AT&T") == ["qa", "att"]


def test_single_letters_dropped_digits_kept(words: TextAnalyzer) -> None:
    assert words.unigrams("x y z 5G 2026 7") == ["5g", "2026", "7"]


# -- stop words and stems ---------------------------------------------------------------------


def test_stop_words_only_give_nothing(words: TextAnalyzer) -> None:
    assert words.unigrams("the and of is a to in for with") == []


def test_stop_words_dropped_between_words(words: TextAnalyzer) -> None:
    assert words.unigrams("the future of the payments") == words.unigrams("future payments")


def test_extra_stop_words() -> None:
    analyzer = TextAnalyzer(ngram_max=1, extra_stop_words=["Fintech", "  ", "Café"])
    assert analyzer.unigrams("Fintech café payments") == analyzer.unigrams("payments")
    assert "fintech" in analyzer.stop_words and "cafe" in analyzer.stop_words


def test_stemming_joins_inflections(words: TextAnalyzer) -> None:
    assert words.unigrams("payments") == words.unigrams("payment")
    assert words.unigrams("engineering engineers") == ["engin", "engin"]
    assert words.unigrams("running runs") == ["run", "run"]


@pytest.mark.parametrize("plural", ["CTOs", "KPIs", "SMEs", "NGOs", "CFOs", "VPs"])
def test_acronym_plurals_match_their_singular(words: TextAnalyzer, plural: str) -> None:
    assert words.unigrams(plural) == words.unigrams(plural[:-1])


def test_no_stemming() -> None:
    analyzer = TextAnalyzer(stem=False, ngram_max=1)
    assert analyzer.unigrams("Payments Engineering") == ["payments", "engineering"]


def test_display_shows_first_surface_form() -> None:
    analyzer = TextAnalyzer()
    analyzer.unigrams("Compliance tooling for open banking")
    stem = analyzer.unigrams("compliance")[0]
    assert stem != "compliance"
    assert analyzer.display(stem) == "compliance"
    assert analyzer.display(
        f"{analyzer.unigrams('open')[0]} {analyzer.unigrams('banking')[0]}"
    ) == ("open banking")
    assert analyzer.display("neverseen") == "neverseen"


def test_surfaces_are_the_words_of_the_given_texts() -> None:
    analyzer = TextAnalyzer()
    analyzer.unigrams("We operate cranes")  # seen first, but not in the texts asked about
    surfaces = analyzer.surfaces(["Kubernetes operators for start-ups", None])
    oper = analyzer.unigrams("operators")[0]
    assert oper == analyzer.unigrams("operate")[0]
    assert surfaces[oper] == "operators"
    assert analyzer.display(oper, surfaces) == "operators"
    assert analyzer.display(oper) == "operate"
    bigram = f"{analyzer.unigrams('kubernetes')[0]} {oper}"
    assert analyzer.display(bigram, surfaces) == "kubernetes operators"


def test_surfaces_in_one_language_are_read_as_far_as_asked() -> None:
    analyzer = TextAnalyzer()
    texts = ["Payments for start-ups", None, "Paying the operators", "Operations and payment"]
    eager = analyzer.surfaces(texts)
    lazy = analyzer.surfaces_in(texts, "en")
    pay = analyzer.unigrams("payments")[0]
    assert lazy[pay] == "payments"
    assert lazy._found == {pay: "payments"}  # the first text gave it: nothing else was read
    assert analyzer.display(analyzer.unigrams("operators")[0], lazy) == "operators"
    assert "neverseen" not in lazy and lazy.get("neverseen") is None
    assert dict(lazy) == eager and len(lazy) == len(eager)


def test_each_distinct_token_is_stemmed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    real = text_module._load_stemmer()
    calls: list[str] = []

    def counting(language: str = "en") -> Callable[[str], str]:
        def stem(word: str) -> str:
            calls.append(word)
            return real(word)

        return stem

    monkeypatch.setattr(text_module, "_load_stemmer", counting)
    analyzer = TextAnalyzer()
    first = analyzer.terms("Payments payments PAYMENTS compliance")
    second = analyzer.terms("compliance and Payments, ledger payments")
    assert sorted(calls) == ["compliance", "ledger", "payments"]
    assert first[:4] == [real("payments")] * 3 + [real("compliance")]
    assert second[:4] == [real("compliance"), real("payments"), real("ledger"), real("payments")]


def test_stemmer_not_loaded_for_stop_words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(language: str = "en") -> Callable[[str], str]:
        raise AssertionError("stemmer loaded")

    monkeypatch.setattr(text_module, "_load_stemmer", boom)
    assert TextAnalyzer().terms("the and of") == []
    assert TextAnalyzer(stem=False).terms("payments") == ["payments"]


# -- bigrams ----------------------------------------------------------------------------------


def test_bigrams_follow_unigrams() -> None:
    analyzer = TextAnalyzer()
    assert analyzer.terms("open banking APIs") == [
        "open",
        "bank",
        "api",
        "open bank",
        "bank api",
    ]


def test_bigrams_skip_stop_words() -> None:
    assert TextAnalyzer().terms("open the banking") == ["open", "bank", "open bank"]


def test_no_bigram_of_one_word() -> None:
    assert TextAnalyzer().terms("banking") == ["bank"]


def test_ngram_max_one_has_no_bigrams() -> None:
    assert TextAnalyzer(ngram_max=1).terms("open banking") == ["open", "bank"]


@pytest.mark.parametrize("bad", [0, 3])
def test_ngram_max_checked(bad: int) -> None:
    with pytest.raises(ValueError, match="ngram_max"):
        TextAnalyzer(ngram_max=bad)


# -- odd input --------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", None, "   \n\t", "<p></p>", "&nbsp;"])
def test_empty_and_none(empty: str | None) -> None:
    analyzer = TextAnalyzer()
    assert analyzer.unigrams(empty) == []
    assert analyzer.terms(empty) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir sind Softwareentwickler in Berlin", {"softwareentwickl", "berlin"}),
        ("Привет, программисты из Москвы", {"привет", "программист", "москв"}),
        ("Ingénieurs fintech à Montréal", {"ingenieur", "fintech", "montreal"}),
    ],
)
def test_non_english_text_gives_terms(text: str, expected: set[str]) -> None:
    assert expected <= set(TextAnalyzer(ngram_max=1).unigrams(text))


def test_cjk_text_gives_a_term() -> None:
    # No word segmentation for CJK: a run of characters is one term, but it is not lost.
    assert TextAnalyzer().unigrams("日本語のテキスト") == ["日本語のテキスト"]


def test_ten_thousand_characters() -> None:
    unit = "Open banking <b>APIs</b> &amp; PSD2 compliance for fintech start-ups. "
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    assert len(text) == 10_000
    analyzer = TextAnalyzer()
    terms = analyzer.unigrams(text)
    assert len(terms) > 800
    assert set(terms) <= {"open", "bank", "api", "psd2", "complianc", "fintech", "startup", "b"}
    assert "open bank" in analyzer.terms(text)


def test_ten_thousand_character_single_word() -> None:
    assert TextAnalyzer(ngram_max=1).unigrams("a" * 10_000) == ["a" * 10_000]


def test_ascii_runs_give_the_terms_of_the_tokens_in_them() -> None:
    # ASCII text is cut into runs by str.translate and split (text._runs); the terms must be
    # those of the tokens the regular expression finds, whatever punctuation clings to them.
    texts = [
        "C++, C#. Node.js! e-commerce's AT&T end. a--b _x_ 3.14 U.S.A. don't (ml)/ai",
        "..start-ups... --open-source-- +c++ #tag &co 'quoted' x.y.z. a.b-c 1,000.50 ok_",
        "tabs\tand\nnew lines\r\nand+plus and#hash and&amp; l'été São Paulo",
    ]
    analyzer = TextAnalyzer()
    for text in texts:
        cache = analyzer._cache_for("en")
        tokens = text_module._TOKEN.findall(text_module.clean_text(text))
        expected = [i for token in tokens for i in cache[token]]
        assert analyzer.ids(text, "en") == expected
        flat, offsets = analyzer.encode([text, None, text], ["en", "en", "en"])
        assert flat == expected * 2 and offsets == [
            0,
            len(expected),
            len(expected),
            2 * len(expected),
        ]
