"""``promotion``: how much of what a group discusses now is promotion or spam.

Word matching cannot tell a spam post from an honest one when the spam borrows the field's words
("Pharmacists: this hospital supply stock is about to 10x"). What such posts share is not their
subject but their pitch: money promised, contact taken off the platform, a token or a scheme
sold, a hurry. Each discussion's title and body are read for the marks of a pitch listed in
:data:`MARKS`, in two kinds:

- a **strong** mark is a pitch on its own ("turn $500 into $5,000", "guaranteed returns", a
  token presale, "claim your airdrop", a Telegram or WhatsApp link, "sign up with my link");
- a **weak** mark is common in honest talk too ("DM me", "10x", "passive income", "penny
  stocks", "earn $20 an hour", "limited spots", "from home") and counts only with another.

A discussion is promotional when it has a strong mark, or two weak ones of which one is not an
invitation or a hurry (:data:`INVITATIONS`: a free course with limited spots is not a pitch). A
mark that the group's own title or description has is the group's subject, not a pitch, and
does not count (a group about copy trading talks about copy trading); in a group about scams
(:data:`ABOUT_SCAMS`) only the marks of a post that addresses its reader count
(:data:`ADDRESS`), as its honest posts report what scams say. One pitch is an incident: the
share counts as a verdict from two pitches. The signal is the recency-weighted share of the
recent discussions that are promotional (the weights of :mod:`relevance.signals.discussions`),
or, when two or more posts of the newer half (``drift``'s split) are pitches, that half's share
of them if it is larger: a takeover of the newest posts is not diluted by the honest history
before it. NaN without discussions. It is a penalty in ``overall`` (``1 - promotion``), and a
group where a quarter or more of what it discusses now is promotion (``promotion_at``) is never
JOIN: one spam post among six honest ones is not a verdict.

The marks are phrases written for this project, in English and for the marks a pitch is made
of in Spanish, French, German, Italian and Portuguese (:data:`_ELSEWHERE`); recovery scams
have marks of their own. Measured false positives on honest public posts are in the README
("How each discussion signal is computed").
"""

from __future__ import annotations

import functools
import html
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick
import numpy as np
from numpy.typing import NDArray

from relevance.signals.discussions import weighted_share

if TYPE_CHECKING:
    from relevance.batch import GroupBatch
    from relevance.schema import Group
    from relevance.signals.context import GroupContext

FloatArray = NDArray[np.float64]
READ_CHARS = 1000
"""How much of a discussion is read for a pitch: its title and first lines, where a pitch is
(a long article that mentions a casino on its third page is not one)."""

_CONTROLLED = (
    r"oxycodone|oxycontin|tramadol|xanax|alprazolam|adderall|percocet|hydrocodone|vicodin|valium"
    r"|diazepam|fentanyl|codeine|ozempic|semaglutide|tirzepatide|mounjaro|viagra|cialis"
    r"|modafinil|ritalin"
)
"""Medicines most sold without prescription in spam (opioids, stimulants, sedatives, weight
loss and erectile drugs): a post that sells one "cheap" is a pitch."""
_MONEY = r"(?:[$€£]\s?\d[\d,.]*\s?[km]?|\d[\d,.]*\s?[km]?\s?(?:usd|eur|gbp|dollars|euros))"


@dataclass(frozen=True)
class Mark:
    """One mark of a pitch: a name a reason can show, its pattern, and whether it is strong."""

    name: str
    pattern: re.Pattern[str]
    strong: bool
    keys: tuple[str, ...] = ()
    """Strings one of which every match holds: a text without any is not searched."""
    also: tuple[tuple[str, ...], ...] = ()
    """More such strings, for a mark whose keys are common words: every match holds one of
    each tuple too ("account management" holds "account", whose key is "management")."""

    def found(self, text: str) -> bool:
        """Whether the pattern matches ``text`` as whole words."""
        for keys in self.keysets:
            if not any(key in text for key in keys):
                return False
        return self.pattern_found(text)

    @property
    def keysets(self) -> tuple[tuple[str, ...], ...]:
        """:attr:`keys` and :attr:`also`: a text is searched only if it holds one of each."""
        return ((self.keys,) if self.keys else ()) + self.also

    def pattern_found(self, text: str) -> bool:
        """:meth:`found` without the check of the keys."""
        # The start of a word is checked here, not by a look-behind in the pattern: a pattern
        # that opens with its first letters lets the regex engine skip to where they are.
        for match in self.pattern.finditer(text):
            start = match.start()
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_$€£"):
                return True
        return False


# The same marks in Spanish, French, German, Italian and Portuguese: a pitch posted in a group
# of another language says the same things ("rentabilidad garantizada", "gagnez 500 € par jour",
# "schreib mir auf WhatsApp"). Translations of the English marks below, written for this
# project; accents are optional, as they are often left out. (pattern, keys) by mark name.
_A, _E, _I, _O, _U = "[aá]", "[eéè]", "[ií]", "[oóô]", "[uú]"
_ASKING = ("reply", "respond", "send", "email", "e-mail", "message", "contact", "dm", "whatsapp",
           "text")  # fmt: skip
"""The verbs one of which a request for the reader's details holds."""
_SUM = rf"(?:{_MONEY}|\d[\d,.]*\s?[km]?\s?[$€£])"
"""A sum as the languages write it, the currency sign after it too ("500 €")."""
_ELSEWHERE: dict[str, tuple[str, tuple[str, ...]]] = {
    "income promised": (
        rf"(?:gana|ganar|gagne[zr]?|verdiene|guadagna|ganhe)\s+(?:hasta\s+|jusqu'a\s+|bis\s+zu\s+)?"
        rf"{_SUM}\s?(?:al|por|par|pro|a|per)\s+(?:d{_I}a|semana|mes|jour|semaine|mois|tag|"
        r"woche|monat|giorno|settimana|mese|dia)",
        ("gana", "ganar", "ganhe", "gagn", "verdien", "guadagn"),
    ),
    "money multiplied": (
        r"(?:(?:doublez|doubler|triplez|verdopple|verdoppeln\s+sie|raddoppia|dobre|multiplique)\s+"
        r"(?:votre|ton|ihr|dein|il\s+tuo|seu|o\s+seu)|(?:duplica|multiplica) (?:tu|su))\s+"
        r"(?:capital|argent|dinero|inversi[oó]n|geld|kapital|capitale|denaro|dinheiro)",
        (
            "doublez",
            "doubler",
            "triplez",
            "verdoppl",
            "raddoppi",
            "dobre",
            "multiplique",
            "duplica tu",
            "duplica su",
            "multiplica tu",
            "multiplica su",
        ),
    ),
    "returns per day": (
        rf"\d[\d.,]*\s?%\s+(?:par|al|pro|per|ao|a)\s+(?:jour|semaine|mois|d{_I}a|semana|mes|tag|"
        r"woche|monat|giorno|settimana|mese|dia)",
        ("%",),
    ),
    "link in bio": (
        r"lien\s+(?:dans|de|en)\s+(?:ma\s+)?bio|enlace\s+en\s+(?:mi\s+)?bio"
        r"|link\s+(?:in\s+meiner|nella\s+mia|na\s+minha)\s+bio",
        ("bio",),
    ),
    "guaranteed returns": (
        r"(?:rentabilidad|rendimientos?|beneficios|ganancias|rendement|profits?|gains|rendite|"
        r"r[eé]sultats|resultados|ergebnisse|risultati|"
        r"gewinne|rendimento|guadagni|retorno|lucros?)\s+garanti(?:zad[oa]s?|s?|e?s?|erte?n?|"
        r"t[oi]|d[oa]s?)|garantierte\s+(?:rendite|gewinne)",
        ("garanti",),
    ),
    "no risk": (
        r"sin\s+riesgos?|sans\s+risques?|ohne\s+risiko|senza\s+rischi(?:o)?|sem\s+riscos?",
        ("riesg", "risq", "risiko", "rischi", "risco"),
    ),
    "passive income": (
        r"ingresos\s+pasivos|revenus?\s+passifs?|passives?\s+einkommen|reddito\s+passivo"
        r"|renda\s+passiva",
        ("pasivo", "passif", "passiv", "passivo", "passiva"),
    ),
    "financial freedom": (
        rf"libertad\s+financiera|libert{_E}\s+financi{_E}re|finanzielle\s+freiheit"
        rf"|libert{_A}\s+finanziaria|liberdade\s+financeira",
        ("libert", "freiheit"),
    ),
    "work from home": (
        r"desde\s+(?:casa|tu\s+casa|tu\s+m[oó]vil)|depuis\s+(?:chez\s+(?:vous|toi)|la\s+maison|"
        r"ton\s+canap[eé])|von\s+zu\s*hause|da\s+casa|de\s+casa",
        ("desde", "depuis", "hause", "da casa", "de casa"),
    ),
    "taken to Telegram or WhatsApp": (
        rf"(?:escr{_I}be(?:me|nos)|cont{_A}cta(?:me|nos)?|h{_A}blame|{_U}nete|{_E}cri(?:s|vez)-(?:moi|nous)|"
        r"contacte[zr]?-(?:moi|nous)|rejoins|rejoignez|schreib(?:en\s+sie)?\s+(?:mir|uns)|"
        r"kontaktiere\s+(?:mich|uns)|scrivi(?:mi|ci)|contatta(?:mi|ci)|fale\s+comigo|me\s+chama|"
        r"entre\s+em\s+contato)\b.{0,30}?\b(?:por|en|sur|par|via|auf|per|su|no|pelo|a\s+mi)\s+"
        r"(?:(?:mi|nuestro|mon|notre|meinen?|unseren?|il\s+mio|meu)\s+)?(?:grupo\s+de\s+|groupe\s+|"
        r"gruppo\s+)?(?:telegram|whatsapp)",
        ("telegram", "whatsapp"),
    ),
    "DM me": (
        rf"(?:escr{_I}beme|m{_A}ndame\s+un\s+mensaje|env{_I}ame\s+un\s+mensaje)\s*(?:por|al)?\s*"
        rf"(?:privado|dm|md)?|(?:{_E}cri(?:s|vez)-moi|envoie[zr]?-moi\s+un\s+message|"
        r"contacte[zr]?-moi)(?:\s+en\s+priv[eé]?)?"
        r"|schreib\s+mir\s+(?:privat|eine\s+pn)|scrivimi\s+in\s+privato|me\s+manda\s+mensagem",
        ("escríbeme", "escribeme", "mensaje", "-moi", "schreib", "scrivimi", "mensagem"),
    ),
    "limited spots": (
        rf"plazas\s+limitadas|places\s+limit{_E}es|begrenzte\s+pl(?:ä|ae|a)tze|posti\s+limitati"
        r"|vagas\s+limitadas",
        ("plazas", "places", "plätze", "plaetze", "platze", "posti", "vagas"),
    ),
    "presale": (
        rf"preventa|pr{_E}vente|prevendita|pr{_E}-?venda",
        ("venta", "vente", "vendita", "venda"),
    ),
    "crypto": (
        r"criptomonedas?|cripto|crypto-?monnaies?|kryptow(?:ä|ae)hrung(?:en)?|krypto|criptovalut[ae]"
        r"|criptomoedas?",
        ("cripto", "crypto", "krypto"),
    ),
    "earn daily": (
        rf"(?:beneficios|ganancias|gains|profits|gewinne|guadagni|lucros)\s+(?:diarios|quotidiens|"
        rf"t(?:ä|ae)gliche?|giornalieri|di{_A}rios)|t(?:ä|ae)gliche\s+gewinne",
        ("diario", "quotidien", "glich", "giornalier", "dirio", "diário"),
    ),
    "fund recovery": (
        rf"recuper(?:amos|a|ar)\s+(?:tus?|su|sus)\s+(?:fondos|dinero|inversi{_O}n)"
        r"|r[eé]cup[eé]r(?:ons|er|ez)\s+(?:vos|votre|tes|ton)\s+(?:fonds|argent)"
        r"|recuperiamo\s+i\s+tuoi\s+fondi|recuperamos\s+(?:seu|o\s+seu)\s+dinheiro",
        ("recuper", "récupér", "recupér", "récuper"),
    ),
    "link in the comments": (
        r"enlace\s+en\s+(?:los\s+)?comentarios|lien\s+en\s+(?:commentaires?|comm)"
        r"|link\s+(?:nei\s+commenti|in\s+den\s+kommentaren|nos\s+coment[aá]rios)",
        ("comentario", "comment", "kommentar", "coment"),
    ),
}
"""Other-language alternatives of the marks, merged into them by :func:`_mark`."""


def _mark(
    name: str,
    pattern: str,
    strong: bool,
    keys: tuple[str, ...] = (),
    also: tuple[tuple[str, ...], ...] = (),
) -> Mark:
    elsewhere, more = _ELSEWHERE.get(name, ("", ()))
    if elsewhere and keys:
        # A match of the other languages' pattern holds one of ``more``: a key of every set.
        keys, also = (*keys, *more), tuple((*keys_also, *more) for keys_also in also)
    if elsewhere:
        pattern = f"{pattern}|{elsewhere}"
    return Mark(name, re.compile(rf"(?:{pattern})(?!\w)"), strong, keys, also)


MARKS: tuple[Mark, ...] = (
    # Money promised.
    _mark(
        "money multiplied",
        rf"(?:turn|grow|flip)\s+{_MONEY}\s+(?:into|to)\s+{_MONEY}",
        True,
        ("$", "€", "£", "usd", "eur", "gbp", "dollar"),
    ),
    _mark(
        "income promised",
        rf"(?:earn|make|making|earning|made)\s+(?:up to\s+)?(?:an\s+)?(?:extra\s+)?{_MONEY}"
        r"(?:\s?(?:a|per|/|every)\s?(?:day|week|month|hour)|\s(?:daily|weekly|monthly))",
        False,
        ("$", "€", "£", "usd", "eur", "gbp", "dollar"),
    ),
    _mark(
        "guaranteed returns",
        r"guaranteed\s+(?:returns?|profits?|income|results|gains|cash\s+flow|yields?|"
        r"(?:rental\s+)?income|\d[\d.]*\s?%)",
        True,
        ("guarantee",),
    ),
    _mark("returns per day", r"\d[\d.]*\s?%\s+(?:per|a|every)\s+(?:day|week|month)", True, ("%",)),
    _mark(
        "earn daily",
        r"(?:earn|profit)\s+(?:daily|every\s+day)|daily\s+(?:returns|profits)",
        False,
        ("daily", "every"),
        (("earn", "profit", "daily"), ("daily", "day")),
    ),
    _mark("no risk", r"(?:zero|no)\s+risk", False, ("risk",)),
    _mark("passive income", r"passive\s+income", False, ("passive",)),
    _mark("financial freedom", r"financial\s+freedom", False, ("freedom",)),
    _mark(
        "risk-free profit", r"risk[- ]free\s+(?:profits?|returns?|income|trades?)", True, ("risk",)
    ),
    _mark("multiplier", r"\d{2,4}x(?:\s+(?:gains?|returns?|profits?))?", False, ("x",)),
    _mark("to the moon", r"to\s+the\s+moon", False, ("moon",)),
    _mark("penny stocks", r"penny\s+stocks?", False, ("penny",)),
    _mark(
        "fund recovery",
        r"(?:funds?|money|crypto|assets?)\s+recovery"
        r"|recover\s+(?:your|lost)\s+(?:funds|money|crypto)",
        True,
        ("recover",),
    ),
    # Recovery scams, which prey on the victims of the schemes above (the "recovery room" as
    # consumer-protection agencies describe it: an offer to get lost money back, to people
    # addressed as victims, for their details and a fee). Each weak: lawyers write of victims
    # and of case reviews; the offer to the victims, for their details, is the pitch.
    _mark(
        "victims addressed",
        r"victims?\s+of\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:fraud|scams?)"
        r"|lost\s+(?:your\s+|their\s+)?(?:money|funds|savings|deposits|crypto\w*|bitcoin|"
        r"digital\s+assets|investments?)\s+(?:to|in|on|through)\s+(?:an?\s+|the\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:scam|fraud\w*|investment|broker|platform|exchange)"
        rf"|v{_I}ctimas?\s+de\s+(?:una\s+)?(?:estafa|fraude)|perdido\s+dinero\s+en\s+una\s+estafa"
        rf"|victimes?\s+d'(?:une\s+)?(?:arnaque|escroquerie|fraude)|opfer\s+(?:eines\s+)?betrugs",
        False,
        ("victim", "lost", "víctima", "perdido", "opfer"),
    ),
    _mark(
        "losses asked",
        r"(?:reply|respond|send|email|e-mail|message|contact|dm|whatsapp|text)\b[^.?!\n]{0,40}?"
        r"\b(?:(?:the\s+)?amount\s+(?:you\s+)?lost|how\s+much\s+(?:you\s+)?lost|"
        r"bank\s+statements?|wallet\s+address|seed\s+phrase|passport\s+(?:copy|scan))",
        True,
        ("lost", "statement", "wallet", "seed", "passport"),
        (_ASKING,),
    ),
    _mark(
        "details asked",
        r"(?:reply|respond|send|email|e-mail|message|contact|dm|whatsapp|text)\b[^.?!\n]{0,40}?"
        r"\b(?:full\s+name|transaction\s+(?:records|history|ids?|hash)|id\s+documents?)",
        False,
        ("name", "transaction", "document"),
        (_ASKING,),
    ),
    _mark(
        "free case review",
        r"free\s+(?:case\s+)?(?:evaluation|assessment|case\s+review)"
        r"|no[- ]obligation\s+(?:review|assessment|evaluation)",
        False,
        ("free", "obligation"),
    ),
    _mark(
        "recovery agents",
        r"(?:recovery|legal\s+recovery)\s+(?:desk|agents?|experts?|specialists?|hackers?|officers?)"
        r"|(?:we|i)\s+(?:can\s+|will\s+)?recover\s+(?:it|them)\s+for\s+you",
        False,
        ("recover",),
    ),
    # Crypto and trading schemes.
    _mark(
        "crypto airdrop",
        r"(?:(?:token|crypto|nft|coin)\s+air\s?drops?|air\s?drops?\s+(?:is\s+)?live"
        r"|claim\s+(?:your|the|a|free)\s+air\s?drop)",
        True,
        ("drop",),
    ),
    _mark("airdrop", r"air\s?drops?", False, ("drop",)),
    _mark("presale", r"pre-?sales?", True, ("sale",)),
    _mark("memecoin", r"meme\s?coins?", True, ("meme",)),
    # Not "pump" alone: an IV pump, a heat pump, pumping iron.
    _mark(
        "pump and dump",
        r"pump(?:\s+and\s+|\s*&\s*|-n-)dump|pump\s+(?:groups?|signals?)",
        True,
        ("pump",),
    ),
    _mark(
        "token or coin sale",
        r"(?:token|coin|nft)\s+(?:launch|sale|drop|mint)",
        True,
        ("token", "coin", "nft"),
    ),
    _mark(
        "free crypto", r"free\s+(?:mint|bitcoin|btc|crypto|nfts?|tokens?|coins?)", True, ("free",)
    ),
    _mark("connect your wallet", r"connect\s+your\s+(?:crypto\s+)?wallet", True, ("wallet",)),
    _mark("whitelist", r"white-?list", False, ("list",)),
    _mark(
        "crypto",
        # Not "tokens": an API's, a bot's, a design system's and an arcade's are honest talk
        # (a token sold is a strong mark: presale, token sale, free tokens).
        r"(?:crypto|bitcoin|btc|nfts?)",
        False,
        ("crypto", "bitcoin", "btc", "nft"),
    ),
    _mark("trading signals", r"(?:forex|crypto|trading)\s+signals?", True, ("signal",)),
    _mark("copy trading", r"copy[- ]?trad(?:e|ing|ers?)", True, ("trad",)),
    _mark("account management", r"account\s+management", False, ("management",), (("account",),)),
    _mark("binary options", r"binary\s+options?", True, ("binary",)),
    # Off the platform.
    _mark(
        "taken to Telegram or WhatsApp",
        # "text" and "message" as verbs only: "the 'Hi Mum' text on WhatsApp" takes no one there.
        r"(?:t\.me/\w*|wa\.me/\w*|(?:(?:join|contact|dm)\s+(?:me\s+|us\s+)?|"
        r"(?:text|message)\s+(?:me|us)\s+)(?:on|via|my|our|the)\s+(?:telegram|whatsapp))",
        True,
        ("t.me", "wa.me", "telegram", "whatsapp"),
    ),
    _mark("Telegram or WhatsApp", r"(?:telegram|whatsapp)", False, ("telegram", "whatsapp")),
    _mark("DM me", r"(?:dm|inbox|pm|message)\s+me", False, ("dm", "inbox", "pm", "message")),
    _mark(
        "link to sign up",
        r"(?:sign\s?up|register|join)\s+(?:with|via|through|using)\s+my",
        True,
        ("sign", "register", "join"),
    ),
    _mark(
        "link in bio",
        r"(?:link\s+in\s+(?:my\s+)?bio|click\s+(?:here|the\s+link|my\s+link))",
        False,
        ("bio", "click"),
    ),
    _mark("giveaway", r"give-?aways?", False, ("give",)),
    # Schemes and hurry.
    _mark(
        "work from home",
        r"(?:from\s+(?:home|your\s+(?:phone|couch|sofa|laptop|bed)))",
        False,
        ("from",),
        (("home", "your"),),
    ),
    _mark("side hustle", r"side\s+hustles?", False, ("hustle",)),
    _mark("be your own boss", r"(?:be|become)\s+your\s+own\s+boss", True, ("boss",)),
    _mark(
        "recruiting",
        r"(?:join\s+my\s+(?:[\w-]+\s+){0,2}(?:team|business)"
        r"|motivated\s+(?:partners|people|individuals|mums|moms))",
        False,
        ("join", "motivated"),
    ),
    _mark("ask me how", r"ask\s+me\s+how", False, ("ask",)),
    # Investment and recruitment pitches that name no coin, no link and no sum promised: a
    # testimony of leaving work young, returns claimed, a scheme with a name, a slice of an
    # asset for a small sum, a "wealth team" to join (the anatomy of investment and MLM
    # pitches as consumer-protection agencies describe them; each weak but the slice).
    _mark(
        "quit work young",
        r"(?:retired|quit|left)\s+(?:[\w-]+\s+){0,3}?(?:early\s+)?at\s+"
        r"(?:age\s+)?[2-5]\d(?!\s*(?:%|[.,]\d|[ap]\.?m\b|:|\s*(?:am|pm|mph|km|miles|minutes|days)))",
        False,
        ("retired", "quit", "left"),
    ),
    _mark(
        "returns claimed",
        r"(?:returned|returning|returns\s+of|yielded|gained|roi\s+of)\s+(?:over\s+|up\s+to\s+)?"
        r"\d[\d.]*\s?%|\d[\d.]*\s?%\s+(?:apy|apr)\b",
        False,
        ("%",),
    ),
    _mark(
        "wealth scheme",
        r"(?:futures|forex|options|trading|investing|investment|wealth)\s+"
        r"(?:strateg(?:y|ies)|system|bot|blueprint|secrets?|mentorship|academy|club|team|circle)",
        False,
        ("futures", "forex", "options", "trading", "investing", "investment", "wealth"),
    ),
    _mark(
        "slice of an asset",
        rf"own\s+(?:a|your)\s+(?:slice|piece|share|fraction|stake)\s+of\b.{{0,80}}?"
        rf"(?:from|for)\s+(?:just\s+|only\s+)?{_MONEY}",
        True,
        ("own",),
    ),
    _mark(
        "retirement pitch",
        r"(?:grow|secure|boost|fund|make|future-proof|\w+-proof)\s+your\s+retirement"
        r"|retire\s+(?:early|rich|young)",
        False,
        ("retire",),
    ),
    _mark("network marketing", r"(?:mlm|network\s+marketing)", True, ("mlm", "marketing")),
    _mark(
        "limited spots",
        r"(?:limited|few)\s+(?:spots|places|seats)|spots\s+left",
        False,
        ("spots", "places", "seats"),
    ),
    _mark(
        "act now",
        r"(?:act\s+now|don't\s+miss\s+out|last\s+chance|limited\s+time)",
        False,
        ("act", "miss", "chance", "limited"),
    ),
    _mark("free course", r"free\s+(?:masterclass|e-?book|webinar|course)", False, ("free",)),
    _mark(
        "casino bonus",
        r"(?:(?:casino|deposit|welcome)\s+bonus(?:es)?|betting\s+tips|bonus\s+codes?)",
        True,
        ("bonus", "betting"),
    ),
    _mark("casino", r"casinos?", False, ("casino",)),
    # Predatory publishing and conferences: publication sold fast or guaranteed, flattery.
    _mark(
        "publication promised",
        r"(?:publish(?:ed)?|publication|acceptance|accepted|doi)\s+(?:with)?in\s+\d+\s+"
        r"(?:hours|days)|(?:guaranteed|assured)\s+(?:publication|acceptance|indexing)"
        r"|(?:publication|acceptance|index(?:ed|ing))\s+(?:is\s+)?guaranteed",
        True,
        ("publish", "publication", "accept", "doi", "guarantee", "assured"),
        (("hours", "days", "publication", "acceptance", "indexing", "guaranteed"),),
    ),
    _mark(
        "speaker invitation or fee",
        r"(?:invite|inviting|invitation)\s+(?:you\s+)?(?:as\s+|to\s+be\s+)?(?:an?\s+)?(?:keynote|"
        r"honou?rable|plenary|invited|eminent)\s+speaker|early[- ]bird\s+(?:registration|fee|"
        r"price)|registration\s+(?:fee\s+)?(?:of\s+|only\s+)?" + _MONEY,
        False,
        ("speaker", "early", "registration"),
    ),
    _mark(
        "flattery",
        r"dear\s+(?:esteemed|eminent|respected)\s+(?:researcher|author|scholar|professor|colleague"
        r"|scientist|speaker)|(?:honou?rable|eminent)\s+speaker",
        False,
        ("dear", "speaker"),
    ),
    # Gains that double or more within weeks or months, and incomes by their figures.
    _mark(
        "gains in a short time",
        r"[1-9]\d{2,3}\s?%\s+(?:gains?\s+|returns?\s+|profits?\s+)?(?:in|within)\s+\d+\s+"
        r"(?:days|weeks|months)",
        False,
        ("%",),
    ),
    _mark("six figures", r"(?:six|seven|6|7)[- ]figures?", False, ("figure",)),
    # Medicines sold off prescription (the anatomy of illegal online pharmacies' posts, as
    # drug regulators describe them): strong only where no honest clinical post would say it.
    _mark(
        "discreet shipping",
        r"discreet(?:ly)?\s+(?:overnight\s+)?(?:shipp(?:ing|ed)|deliver(?:y|ed)|packag(?:e|ing))",
        True,
        ("discreet",),
    ),
    _mark(
        "no prescription",
        r"(?:without|no)\s+(?:a\s+)?(?:prescription|rx|script|doctor(?:'s)?\s+visit)"
        r"(?:\s+(?:needed|required))?|no\s+rx\b",
        False,
        ("prescription", "rx", "script", "doctor"),
    ),
    _mark(
        "medicine sold",
        rf"(?:{_CONTROLLED})(?:\s+(?:xr|er|ir))?\s+(?:\d+\s?mg\s+)?(?:available|in\s+stock"
        r"|for\s+sale|cheap)|(?:buy|order)\s+(?:cheap\s+)?[\w-]+\s+(?:\d+\s?mg\s+)?"
        r"(?:online|cheap)",
        False,
        ("available", "stock", "sale", "cheap", "online"),
        ((*_CONTROLLED.split("|"), "buy", "order"),),
    ),
    _mark(
        "cheap medicine",
        rf"cheap\s+(?:{_CONTROLLED})|(?:{_CONTROLLED})(?:\s+\d+\s?mg)?\s+cheap",
        True,
        ("cheap",),
    ),
    _mark(
        "fast shipping",
        r"ships?\s+(?:today|overnight|same[- ]day|worldwide)|overnight\s+(?:shipping|delivery)"
        r"|usa\s+to\s+usa",
        False,
        ("ship", "overnight", "usa"),
    ),
    _mark(
        "online pharmacy", r"online\s+(?:pharmacy|pharmacies|drugstore)", False, ("pharmac", "drug")
    ),
    _mark(
        "discount code",
        r"(?:use|with|enter)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\s+[a-z0-9]+",
        False,
        ("code",),
    ),
    # Side income sold to the field and staking: weak, as "income" and "stake" have honest uses.
    _mark(
        "side income",
        r"(?:side|extra|second|replace\s+your(?:\s+[\w-]+)?)\s+income|income\s+stream",
        False,
        ("income",),
    ),
    _mark(
        "team recruiting",
        r"(?:taking|looking\s+for|seeking|need)\s+\d+\s+(?:[\w-]+\s+){0,3}?(?:on|for|to\s+join)"
        r"\s+my\s+team|my\s+\d-step\s+(?:[\w-]+\s+)?(?:business|system|method|program)",
        False,
        ("team", "step"),
        (("taking", "looking", "seeking", "need", "-step"),),
    ),
    _mark("link in the comments", r"link\s+in\s+(?:the\s+)?comments?", False, ("comment",)),
    _mark(
        "staking rewards",
        r"staking\s+rewards?|stake\s+\$[a-z]+|validator\s+nodes?",
        False,
        ("staking", "stake", "validator"),
    ),
    _mark(
        "diet pills",
        r"(?:diet|weight[- ]loss)\s+(?:pills|shakes|tea)",
        True,
        ("diet", "weight"),  # not "tea", which "team" and "instead" hold
    ),
)
"""The marks of a pitch, in the order a reason names them."""
_STRONG = frozenset(m.name for m in MARKS if m.strong)


class KeyIndex:
    """Which of several sets of keys a case-folded text holds, as a bit mask (bit ``i`` for
    set ``i``): what ``key in text`` for each key would say, in one scan of the text.

    The keys are an Aho-Corasick automaton (``pyahocorasick``, in C) that finds every
    occurrence of every key, overlapping ones too, in one pass, where one ``in`` per key would
    read the text once per key (a hundred times and more for the marks).

    Parameters
    ----------
    keysets : sequence of tuple of str
        The keys of each set; a set without keys is never held.
    """

    def __init__(self, keysets: Sequence[tuple[str, ...]]) -> None:
        bits: dict[str, int] = {}
        for i, keys in enumerate(keysets):
            for key in keys:
                if not key:
                    raise ValueError(f"set {i} has an empty key: every text would hold it")
                bits[key] = bits.get(key, 0) | 1 << i
        self._automaton = ahocorasick.Automaton()
        for key, b in bits.items():
            self._automaton.add_word(key, b)
        self._automaton.make_automaton()
        self._empty = not bits

    def mask(self, folded: str) -> int:
        """The sets one of whose keys ``folded`` holds, as a bit mask."""
        if self._empty:
            return 0
        found = map(_VALUE, self._automaton.iter(folded))
        return int(functools.reduce(operator.or_, found, 0))


_VALUE = operator.itemgetter(1)


def _key_index() -> tuple[KeyIndex, list[int]]:
    keysets: list[tuple[str, ...]] = []
    needs = []
    for mark in MARKS:
        needs.append(sum(1 << (len(keysets) + j) for j in range(len(mark.keysets))))
        keysets += mark.keysets
    return KeyIndex(keysets), needs


_KEYS, _NEEDS = _key_index()
"""The keys of every mark, and the bits of each mark's :attr:`Mark.keysets`: a text is
searched only for the marks it holds a key of each of."""
_CANDIDATES: dict[int, tuple[Mark, ...]] = {}
"""The marks of each mask of :data:`_KEYS` seen, in mark order (few masks recur)."""


def _candidates(folded: str) -> tuple[Mark, ...]:
    """The marks whose every key set ``folded`` holds a key of (:meth:`Mark.found` without the
    pattern), in mark order."""
    mask = _KEYS.mask(folded)
    found = _CANDIDATES.get(mask)
    if found is None:
        found = tuple(m for m, need in zip(MARKS, _NEEDS, strict=True) if mask & need == need)
        if len(_CANDIDATES) >= 10_000:
            _CANDIDATES.clear()
        _CANDIDATES[mask] = found
    return found


def _fold(text: str) -> str:
    # Not text.clean_text: that reduces a URL to its site's name, and "t.me/..." is the mark.
    return html.unescape(text).casefold()


def _claim_text(group: Group) -> str:
    return _fold(f"{group.title or ''} {group.description or ''}")


def claimed(group: Group) -> frozenset[str]:
    """The marks a group's own title and description have: its subject, not a pitch."""
    text = _claim_text(group)
    return frozenset(m.name for m in _candidates(text) if m.pattern_found(text))


SUBSUMES = {
    "taken to Telegram or WhatsApp": "Telegram or WhatsApp",
    "crypto airdrop": "airdrop",
    "cheap medicine": "medicine sold",
}
"""A strong mark and the weak one its match always holds: the weak one is not named again."""


def marks_of(text: str, exempt: frozenset[str] = frozenset()) -> list[str]:
    """The marks of a pitch in ``text`` (case-folded), less the ``exempt`` ones."""
    return without_twins([name for name in _all_marks(text) if name not in exempt])


def _all_marks(text: str) -> list[str]:
    """Every mark ``text`` has, in mark order, none set aside."""
    folded = _fold(text)
    return [mark.name for mark in _candidates(folded) if mark.pattern_found(folded)]


def without_twins(names: list[str]) -> list[str]:
    """``names`` less the weak marks a strong one found with them holds (:data:`SUBSUMES`)."""
    twins = {SUBSUMES[name] for name in names if name in SUBSUMES}
    return [name for name in names if name not in twins] if twins else names


INVITATIONS = frozenset(
    {
        "DM me",
        "Telegram or WhatsApp",
        "link in bio",
        "link in the comments",
        "giveaway",
        "ask me how",
        "limited spots",
        "act now",
        "free course",
        "discount code",
        "free case review",
    }
)
"""Weak marks of an invitation or a hurry, which honest community posts make too ("a free
course from the district, limited spots", "a book giveaway, DM me"): two of them alone are not
a pitch; a pitch promises money or sells a scheme."""


def is_promotional(found: list[str]) -> bool:
    """A strong mark, or two weak ones of which one is not an invitation (:data:`INVITATIONS`)."""
    if any(name in _STRONG for name in found):
        return True
    return len(found) >= 2 and any(name not in INVITATIONS for name in found)


CLAIM_PITCH = frozenset(
    {
        "money multiplied",
        "guaranteed returns",
        "returns per day",
        "risk-free profit",
        "be your own boss",
        "slice of an asset",
        "cheap medicine",
        "discreet shipping",
        "casino bonus",
        "diet pills",
        "publication promised",
        "trading signals",
    }
)
"""The strong marks that no honest group about a subject writes of itself: a group whose own
title or description has one ("guaranteed results", "turn $500 into $5,000", "forex signals")
is itself a pitch, and its ``promotion`` is 1 with or without discussions. A group about copy
trading, crypto or network marketing names its subject, not a promise, and is judged by its
posts."""
CLAIM_WEAK = frozenset(
    {
        "income promised",
        "earn daily",
        "passive income",
        "financial freedom",
        "work from home",
        "side hustle",
        "side income",
        "quit work young",
        "returns claimed",
        "gains in a short time",
        "six figures",
        "retirement pitch",
    }
)
"""Weak marks of money promised: two of them in a group's own title and description make it a
pitch too ("Quality Engineers: Earn $10K/Month From Home")."""


_CLAIM_MARKS = CLAIM_PITCH | CLAIM_WEAK
_BY_NAME = {m.name: m for m in MARKS}


def claim_pitch(group: Group) -> list[str]:
    """The marks that make a group's own title and description a pitch: one of
    :data:`CLAIM_PITCH`, or two of :data:`CLAIM_WEAK`; none otherwise."""
    text = _claim_text(group)
    found = [m.name for m in _candidates(text) if m.name in _CLAIM_MARKS and m.pattern_found(text)]
    strong = [name for name in found if name in CLAIM_PITCH]
    return found if strong or len(found) >= 2 else []


def recent_texts(
    batch: GroupBatch, read: Callable[[Group], bool] | None = None
) -> Iterator[tuple[Group, list[str]]]:
    """Each group with discussions, and the text of each of its discussion rows (in batch
    order) up to :data:`READ_CHARS`, ``""`` for a row past the recent ones (it weighs
    nothing): what the readers of a discussion's form (pitches, job ads) read. With ``read``,
    a group it says no to has ``""`` for every row: its texts are not built."""
    recent = batch.discussion_weight > 0
    row = 0
    for g, group in enumerate(batch.groups):
        order = batch.discussion_order[g]
        if not len(order):
            continue
        discussions = group.discussions or ()
        if read is not None and not read(group):
            texts = [""] * len(order)
        else:
            texts = [
                discussions[original].text[:READ_CHARS] if recent[row + i] else ""
                for i, original in enumerate(order)
            ]
        row += len(order)
        yield group, texts


def row_marks(batch: GroupBatch) -> list[list[str]]:
    """The marks of a pitch of each discussion row of the batch (rows in batch order), less
    those its group's own title and description have (:func:`claimed`); only the recent rows
    are read (:func:`recent_texts`). A group's title and description are searched only for the
    marks its posts have (mostly none), not all."""
    out: list[list[str]] = []
    for group, texts in recent_texts(batch):
        found = [_all_marks(text) if text else [] for text in texts]
        seen = {name for names in found for name in names}
        exempt = exempt_marks(group, seen) if seen else frozenset()
        out.extend(without_twins([n for n in names if n not in exempt]) for names in found)
    return out


def exempt_marks(group: Group, seen: set[str] | frozenset[str]) -> frozenset[str]:
    """The marks among ``seen`` that a group's posts are not judged by: those its own title and
    description have (its subject: :func:`claimed`, searched only for ``seen``), and in a group
    about scams (:data:`ABOUT_SCAMS`) every mark but those of a post that addresses its reader
    (:data:`ADDRESS`): what scams say is its subject."""
    claim = _claim_text(group)
    exempt = {name for name in seen if _BY_NAME[name].found(claim)}
    if ABOUT_SCAMS.search(claim):
        exempt |= set(seen) - ADDRESS
    return frozenset(exempt)


ABOUT_SCAMS = re.compile(
    r"(?<!\w)(?:scams?|scammers?|fraud\w*|anti-fraud|phishing|threat\s+intel\w*|"
    r"financial\s+crimes?|money\s+mules?|money\s+laundering|cyber\s?security|infosec|"
    r"arnaques?|estafas?|betrug\w*)(?!\w)"
)
"""Words of a group whose subject is scams (fraud analysts, threat intelligence, victims'
forums): its honest posts report what scams say ("guaranteed returns", "fund recovery",
"moved to WhatsApp"), so only the marks of a post that addresses the reader count there."""
ADDRESS = frozenset(
    {
        "taken to Telegram or WhatsApp",
        "DM me",
        "link to sign up",
        "link in bio",
        "link in the comments",
        "recruiting",
        "team recruiting",
        "details asked",
        "losses asked",
        "free case review",
        "ask me how",
        "discount code",
        "be your own boss",
    }
)
"""The marks of a post that addresses its reader ("contact us on WhatsApp", "DM me", "sign up
with my link", "reply with your full name"): a pitch's, not a report's."""


NEWER_PITCHES = 2
"""Pitches in a group's newer half from which that half's share of them counts on its own: one
pitch among the newest posts is an incident, two are a pattern."""


def recent_share(batch: GroupBatch, pitches: NDArray[np.bool_]) -> FloatArray:
    """The recency-weighted share of each group's recent discussions that are ``pitches``."""
    return weighted_share(
        pitches.astype(np.float64),
        batch.discussion_weight,
        batch.discussion_owner,
        len(batch.groups),
    )


def recent_count(batch: GroupBatch, rows: NDArray[np.bool_]) -> FloatArray:
    """How many of each group's recent discussions are ``rows`` (pitches, job ads): one is an
    incident, :data:`NEWER_PITCHES` a pattern."""
    counted = (batch.discussion_weight > 0) * rows
    found = np.bincount(batch.discussion_owner, weights=counted, minlength=len(batch.groups))
    return np.asarray(found, dtype=np.float64)


def newer_share(batch: GroupBatch, pitches: NDArray[np.bool_]) -> FloatArray:
    """The share of the recent discussions of each group's newer half (``drift``'s split) that
    are ``pitches``, each counted alike; NaN without a split or with fewer than
    :data:`NEWER_PITCHES` pitches there."""
    n, owner = len(batch.groups), batch.discussion_owner
    newer = ((batch.discussion_half == 2) & (batch.discussion_weight > 0)).astype(np.float64)
    out = weighted_share(pitches.astype(np.float64), newer, owner, n)
    count = np.bincount(owner, weights=newer * pitches, minlength=n)
    out[(count < NEWER_PITCHES) | ~batch.has_drift_split] = np.nan
    return out


def compute(ctx: GroupContext) -> FloatArray:
    """``promotion`` of a batch (see :mod:`relevance.signals.table`)."""
    return ctx.promotion
