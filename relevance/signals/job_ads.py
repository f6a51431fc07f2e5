"""Job ads: honest posts that are off the purpose of a group that is not about jobs.

A methods list or a practitioners' forum whose newest posts are job ads has changed what it is
for, but word matching cannot see it: a postdoc advert in single-cell genomics shares the
field's words with the list's description. What a job ad shares is its form: a position
offered, an application asked for ("we are hiring", "postdoc position", "apply by", "salary").

A discussion is a job ad when it has one of :data:`MARKS` (read in its title and first lines,
:data:`relevance.signals.promotion.READ_CHARS`). Job ads are off a group's purpose when the
group's own title and description say nothing of jobs (:data:`ABOUT_JOBS`: a jobs board or a
careers group is for them) and they are a pattern, not an incident: two or more of them among
the newer half's recent posts (``drift``'s split) making a quarter of that half or more
(``promotion_at``), or two or more making a quarter of the recent posts. Then each counts as
off its purpose in ``consistency`` and as having left it in ``drift``, set apart when the posts
are read together, as a pitch is (:mod:`relevance.signals.promotion`). They are not spam:
``promotion`` does not count them, and reasons call them job ads. In a group about jobs a job
ad is on its purpose whatever its words ("[Hiring] Frontend Engineer (React) - San Mateo" shares
none with "job postings for software roles in the Bay Area"): it counts as on topic, and is
set apart when the posts are read together, as a pitch is. The marks are English phrases (and
Spanish, French, German, Italian and Portuguese ones, :data:`AD_ELSEWHERE`) written for this
project; ``benchmarks/promotion.py`` counts them on the honest public texts.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.signals import promotion
from relevance.signals.promotion import READ_CHARS, KeyIndex, recent_texts

if TYPE_CHECKING:
    from relevance.batch import GroupBatch
    from relevance.schema import Group
    from relevance.settings import Settings

AD = re.compile(
    r"^\s*(?:[\[(](?:jobs?|hiring|vacanc(?:y|ies))[\])]|(?:jobs?|hiring|vacanc(?:y|ies)|positions?"
    r"|openings?|(?:job|career)\s+(?:opening|opportunity))\s*[:\-\u2013])"
    r"|(?<!\w)(?:(?:we(?:'re| are)|(?<=\w )(?:is|are)|now)\s+hiring|open\s+(?:position|role)s?"
    r"|(?:post-?doc(?:toral)?|phd|doctoral|faculty|research(?:er)?|engineer(?:ing)?|tenure-track)"
    r"\s+(?:position|fellowship|vacancy|opening)s?"
    r"|position\s+(?:available|open)|vacanc(?:y|ies)\s+(?:at|in|for)"
    r"|apply\s+(?:by|before|now|here|online|via)|applications?\s+(?:close|deadline|due)"
    r"|salary\s+(?:range|from|up\s+to))"
)
"""A position offered or an application asked for: one is enough, a job ad says it plainly."""

AD_ELSEWHERE = re.compile(
    # Spanish, French, German, Italian, Portuguese: the same forms, written for this project.
    r"^\s*(?:vacantes?|oferta\s+de\s+(?:empleo|trabajo)|offre\s+d'emploi|stellenangebot|"
    r"offerta\s+di\s+lavoro|vagas?(?:\s+de\s+emprego)?)\s*[:\-\u2013]"
    r"|(?<!\w)(?:oferta\s+de\s+(?:empleo|trabajo)|"
    r"env[ií]a\s+(?:tu|su)\s+(?:cv|curr[ií]culum)|incorporaci[oó]n\s+inmediata|"
    r"nous\s+recrutons|on\s+recrute|(?:poste|cdi|cdd)\s+[àa]\s+pourvoir|"
    r"envoye[zr]\s+(?:votre|ton)\s+(?:cv|candidature)|offre\s+d'emploi|"
    r"wir\s+suchen\s+(?:ab\s+sofort|eine[nr]?|zur\s+verst[äa]rkung)|\(m/w/d\)|jetzt\s+bewerben|"
    r"stellenangebot|offerta\s+di\s+lavoro|"
    r"invia(?:re)?\s+(?:il\s+)?(?:tuo\s+)?cv|estamos\s+contratando|"
    r"envie\s+(?:seu|o\s+seu)\s+curr[ií]culo|vaga\s+(?:de\s+emprego|para))"
)
"""Job ads in the other languages whose pitches :mod:`promotion` reads."""
LOOKING_FOR = re.compile(
    r"(?<!\w)(?:se\s+busca|buscamos|se\s+necesita|cerchiamo|procuramos|on\s+cherche|"
    r"nous\s+cherchons|wir\s+suchen)(?!\w)"
)
IN_A_JOB = re.compile(
    r"(?<!\w)(?:contrato|contratto|contrat|incorporaci[oó]n|salario|sueldo|stipendio|sal[aá]rio|"
    r"jornada|puesto|experiencia|esperienza|exp[eé]rience|erfahrung|cv|curr[ií]culum|"
    r"curr[ií]culo|candidat\w*|h/f|cdi|cdd|m/w/d|vollzeit|teilzeit|tempo\s+pieno)(?!\w)"
)
""""Looking for" (se busca, cerchiamo, wir suchen) is a job ad only with a word of a job: "buscamos
ideas para la feria" is not one."""

ABOUT_JOBS = re.compile(
    r"(?<!\w)(?:jobs?|careers?|hiring|recruit\w*|vacanc\w*|positions|openings|talent|"
    r"opportunit\w*|employment|internships?|empleos?|ofertas\s+de\s+trabajo|vacantes|"
    r"emplois?|recrutement|stellen(?:angebote|markt|börse)?|jobbörse|karriere|lavoro|"
    r"offerte\s+di\s+lavoro|vagas|empregos?)(?!\w)"
)
"""Words of a group whose purpose is jobs: its job ads are on purpose."""

NEWER_ADS = promotion.NEWER_PITCHES
"""Job ads (among the recent posts, or the newer half's) from which they can be a pattern: one
is an incident, as for pitches."""


def fold(text: str) -> str:
    return html.unescape(text).casefold()


_KEYS = (
    "job", "hiring", "vacanc", "position", "opening", "role", "apply", "applica", "salary",
    "career", "fellowship",
)  # fmt: skip
"""Strings one of which every match of :data:`AD` holds: a text without any is not searched."""
_KEYS_ELSEWHERE = (
    "vacante", "oferta", "offre", "stellen", "offerta", "vaga", "busca", "necesita", "cv",
    "currícul", "curricul", "incorporaci", "recrut", "pourvoir", "wir suchen", "m/w/d",
    "bewerben", "cerchiamo", "contratando", "procuramos", "cherch", "envoye",
)  # fmt: skip
"""The same for :data:`AD_ELSEWHERE`."""


_HELD = KeyIndex([_KEYS, _KEYS_ELSEWHERE])
"""Both sets of keys, found in one scan of a text (bit 1: :data:`_KEYS`, bit 2: the others)."""


def is_job_ad(text: str) -> bool:
    """Whether a discussion's text (title and body) is a job ad."""
    folded = fold(text[:READ_CHARS])
    held = _HELD.mask(folded)
    if held & 1 and AD.search(folded) is not None:
        return True
    if not held & 2:
        return False
    if AD_ELSEWHERE.search(folded) is not None:
        return True
    return LOOKING_FOR.search(folded) is not None and IN_A_JOB.search(folded) is not None


def about_jobs(title: str, description: str | None) -> bool:
    """Whether a group's own title and description say it is for jobs."""
    return ABOUT_JOBS.search(fold(f"{title} {description or ''}")) is not None


def rows(batch: GroupBatch, about: bool = False) -> NDArray[np.bool_]:
    """Each discussion row: a recent job ad in a group not about jobs (``about``: in a group
    about jobs, where it is on purpose whatever its words)."""
    out: list[bool] = []

    def read(group: Group) -> bool:  # the other groups' texts are not built, nor read
        return about_jobs(group.title, group.description) is about

    for _, texts in recent_texts(batch, read):
        out.extend(bool(text) and is_job_ad(text) for text in texts)
    return np.array(out, dtype=bool)


def off_purpose(batch: GroupBatch, ads: NDArray[np.bool_], s: Settings) -> NDArray[np.bool_]:
    """The job-ad rows of groups where they are a pattern (see the module docstring): the
    shares :mod:`relevance.signals.promotion` takes of pitches, the recent one counting only
    from :data:`NEWER_ADS` ads as the newer half's does."""
    owner, recent = batch.discussion_owner, promotion.recent_share(batch, ads)
    recent[promotion.recent_count(batch, ads) < NEWER_ADS] = np.nan
    judged = np.nan_to_num(np.fmax(recent, promotion.newer_share(batch, ads))) >= s.promotion_at
    return np.asarray(ads & judged[owner], dtype=bool)
