"""Generate realistic synthetic online groups as JSON Lines for benchmarks.

Usage::

    python benchmarks/generate.py N OUT.jsonl [--seed 0]
    python benchmarks/generate.py N GOALS.jsonl --goals [--seed 0]

All text is composed from the word lists in this file (no external data).
Output is streamed line by line, so memory use does not depend on N, and the
same seed always produces byte-identical output.

Speed trick: per industry we pre-compose pools of sentences, titles and
members once; every group then samples from those pools and adds a few
Zipf-distributed pseudo-words (brands, names) so the vocabulary keeps
growing with N, as it does in real data.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def split_list(text: str) -> list[str]:
    """Split a ``|``-separated word list."""
    return [w.strip() for w in text.split("|") if w.strip()]


# --------------------------------------------------------------------------
# Word lists: industry -> (topic words, job titles, phrases)
# --------------------------------------------------------------------------

INDUSTRIES: dict[str, tuple[str, str, str]] = {
    "Software Development": (
        "python|kubernetes|microservices|devops|testing|rust|typescript|cloud native"
        "|api design|open source|refactoring|observability|ci pipelines",
        "software engineer|backend developer|frontend developer|sre"
        "|engineering manager|tech lead|qa engineer",
        "code review culture|on-call rotations|technical debt|pair programming"
        "|release engineering|developer experience|legacy migrations",
    ),
    "Data Science": (
        "machine learning|statistics|pandas|deep learning|forecasting|nlp"
        "|computer vision|feature engineering|mlops|causal inference|llms",
        "data scientist|ml engineer|data analyst|research scientist"
        "|analytics engineer|data engineer",
        "model monitoring|experiment design|data quality|a/b testing"
        "|dashboard fatigue|reproducible notebooks|vector databases",
    ),
    "Cybersecurity": (
        "penetration testing|threat intelligence|zero trust|incident response"
        "|malware analysis|appsec|cloud security|identity management|soc",
        "security analyst|pentester|ciso|security engineer|threat hunter|grc consultant",
        "ransomware readiness|bug bounty programs|capture the flag"
        "|security awareness|vulnerability management|red teaming",
    ),
    "Marketing": (
        "seo|content marketing|brand strategy|growth hacking|email campaigns"
        "|social media|performance marketing|copywriting|influencers",
        "marketing manager|content strategist|growth marketer|seo specialist"
        "|brand manager|community manager",
        "conversion funnels|marketing attribution|customer journeys"
        "|campaign budgets|brand storytelling|newsletter growth",
    ),
    "Sales": (
        "b2b sales|prospecting|negotiation|crm|account management"
        "|sales enablement|cold outreach|pipeline|saas sales",
        "account executive|sales development rep|sales director"
        "|customer success manager|business developer",
        "quota attainment|discovery calls|deal reviews|objection handling"
        "|territory planning|sales playbooks",
    ),
    "Finance": (
        "investment banking|private equity|fintech|accounting|valuation"
        "|risk management|corporate finance|audit|tax planning|treasury",
        "financial analyst|cfo|accountant|portfolio manager|controller"
        "|auditor|investment associate",
        "quarterly close|financial modeling|cash flow forecasting"
        "|regulatory reporting|due diligence|cost reduction",
    ),
    "Healthcare": (
        "nursing|telemedicine|patient care|clinical research|public health"
        "|hospital administration|medical devices|digital health|pharmacy",
        "registered nurse|physician|clinical researcher|hospital manager"
        "|pharmacist|health informatics specialist",
        "patient outcomes|clinical trials|care coordination|burnout prevention"
        "|electronic health records|health equity",
    ),
    "Education": (
        "edtech|teaching|curriculum design|higher education|e-learning"
        "|early childhood|special education|stem education|tutoring",
        "teacher|instructional designer|professor|school principal|education consultant|tutor",
        "classroom management|student engagement|lesson planning"
        "|online courses|assessment design|lifelong learning",
    ),
    "Real Estate": (
        "property management|commercial real estate|mortgages|proptech"
        "|residential sales|real estate investing|appraisal|zoning",
        "real estate agent|property manager|broker|mortgage advisor|real estate investor|appraiser",
        "rental yields|housing markets|deal flow|tenant relations"
        "|renovation projects|interest rates",
    ),
    "Human Resources": (
        "recruiting|talent acquisition|employee engagement|payroll"
        "|diversity and inclusion|people analytics|onboarding|compensation",
        "hr manager|recruiter|talent partner|people operations lead|hr business partner|chro",
        "remote work policies|employer branding|performance reviews"
        "|retention strategies|hiring pipelines|workplace culture",
    ),
    "Design": (
        "ux design|ui design|product design|design systems|user research"
        "|accessibility|figma|branding|motion design|illustration",
        "ux designer|product designer|ux researcher|art director|graphic designer|design lead",
        "design critiques|usability testing|portfolio reviews"
        "|design tokens|inclusive design|prototyping workflows",
    ),
    "Product Management": (
        "product strategy|roadmaps|product discovery|okrs|agile|scrum"
        "|product analytics|pricing|go-to-market|user interviews",
        "product manager|product owner|head of product|scrum master|program manager|cpo",
        "prioritization frameworks|stakeholder management|product-market fit"
        "|feature requests|north star metrics|roadmap planning",
    ),
    "Manufacturing": (
        "lean manufacturing|six sigma|industry 4.0|automation|quality control"
        "|supply chain|cnc machining|plant operations|robotics",
        "plant manager|process engineer|quality engineer"
        "|manufacturing engineer|operations director|maintenance technician",
        "predictive maintenance|shop floor safety|continuous improvement"
        "|production scheduling|defect reduction|factory digitization",
    ),
    "Logistics": (
        "freight|warehousing|last mile delivery|fleet management"
        "|procurement|inventory|shipping|customs|cold chain",
        "logistics manager|supply chain analyst|procurement officer"
        "|warehouse supervisor|freight broker|dispatcher",
        "route optimization|supplier relationships|inventory turnover"
        "|port congestion|demand planning|carrier contracts",
    ),
    "Legal": (
        "corporate law|intellectual property|compliance|litigation"
        "|privacy law|contracts|legal tech|employment law|gdpr",
        "lawyer|paralegal|general counsel|compliance officer"
        "|legal operations manager|patent attorney",
        "contract automation|regulatory change|law firm management"
        "|data protection|billable hours|pro bono work",
    ),
    "Renewable Energy": (
        "solar|wind power|energy storage|hydrogen|ev charging|smart grids"
        "|energy efficiency|carbon markets|geothermal|batteries",
        "energy analyst|solar installer|project developer|grid engineer"
        "|sustainability manager|energy consultant",
        "net zero targets|power purchase agreements|grid integration"
        "|permitting delays|community energy|decarbonization roadmaps",
    ),
    "Hospitality": (
        "hotel management|restaurants|tourism|event planning|catering"
        "|revenue management|guest experience|food and beverage",
        "hotel manager|chef|event planner|sommelier|restaurant owner|concierge|travel agent",
        "seasonal staffing|online reviews|menu engineering"
        "|booking platforms|guest loyalty|food waste",
    ),
    "Retail": (
        "e-commerce|merchandising|omnichannel|store operations"
        "|loss prevention|visual merchandising|pricing|dtc brands",
        "store manager|merchandiser|buyer|e-commerce manager|category manager|retail analyst",
        "customer loyalty|holiday peaks|inventory shrinkage"
        "|marketplace strategy|checkout conversion|pop-up stores",
    ),
    "Agriculture": (
        "agtech|precision farming|organic farming|irrigation|livestock"
        "|soil health|crop science|vertical farming|agronomy",
        "farmer|agronomist|farm manager|agricultural engineer|crop consultant|veterinarian",
        "yield monitoring|regenerative practices|water rights"
        "|commodity prices|farm succession|drone scouting",
    ),
    "Construction": (
        "civil engineering|bim|project controls|sustainable building"
        "|infrastructure|site safety|estimating|modular construction",
        "project manager|site engineer|architect|quantity surveyor"
        "|construction manager|structural engineer",
        "cost overruns|subcontractor management|green certifications"
        "|bid preparation|health and safety|digital twins",
    ),
    "Nonprofit": (
        "fundraising|grant writing|volunteering|social impact"
        "|community development|advocacy|philanthropy|capacity building",
        "executive director|fundraiser|program coordinator"
        "|volunteer manager|grant writer|development officer",
        "donor retention|impact measurement|board governance"
        "|volunteer recruitment|annual appeals|mission alignment",
    ),
    "Media and Journalism": (
        "journalism|podcasting|video production|publishing|fact checking"
        "|broadcasting|newsletters|documentary|investigative reporting",
        "journalist|editor|podcast host|producer|video editor|copy editor|news anchor",
        "audience growth|editorial independence|paywall strategy"
        "|misinformation|source protection|story pitching",
    ),
    "Gaming": (
        "game development|unity|unreal engine|esports|game design"
        "|indie games|level design|game art|monetization|modding",
        "game designer|gameplay programmer|technical artist"
        "|community manager|producer|esports coach",
        "crunch culture|playtesting|game jams|player retention|live operations|publisher deals",
    ),
    "Biotech": (
        "genomics|drug discovery|crispr|bioinformatics|cell therapy"
        "|proteomics|synthetic biology|regulatory affairs|biomanufacturing",
        "research scientist|bioinformatician|lab manager"
        "|regulatory specialist|clinical scientist|biotech founder",
        "wet lab automation|fda submissions|assay development"
        "|venture funding|tech transfer|lab safety",
    ),
    "Automotive": (
        "electric vehicles|autonomous driving|adas|powertrain"
        "|automotive software|dealerships|aftermarket|battery systems",
        "automotive engineer|service advisor|dealer principal"
        "|vehicle dynamics engineer|embedded engineer|fleet manager",
        "software defined vehicles|charging infrastructure|recall management"
        "|supplier quality|vehicle testing|dealer networks",
    ),
    "Aerospace": (
        "avionics|space systems|satellites|aircraft maintenance|drones"
        "|propulsion|flight testing|air traffic management|composites",
        "aerospace engineer|pilot|avionics technician|mission planner"
        "|systems engineer|flight test engineer",
        "launch schedules|certification processes|airworthiness"
        "|small satellites|supply bottlenecks|space startups",
    ),
    "Consulting": (
        "management consulting|strategy|digital transformation"
        "|change management|operations excellence|business analysis",
        "consultant|engagement manager|partner|business analyst"
        "|independent consultant|strategy director",
        "client workshops|proposal writing|utilization rates"
        "|framework thinking|knowledge sharing|freelance rates",
    ),
    "Telecommunications": (
        "5g|fiber networks|network engineering|voip|satellite internet"
        "|spectrum|edge computing|network security|iot connectivity",
        "network engineer|rf engineer|telecom analyst|noc technician"
        "|solutions architect|field technician",
        "rural broadband|network slicing|tower sharing|outage response|spectrum auctions|open ran",
    ),
    "Fitness and Wellness": (
        "personal training|yoga|nutrition|mental health|physiotherapy"
        "|running|strength training|mindfulness|sports science",
        "personal trainer|yoga teacher|nutritionist|physiotherapist|wellness coach|gym owner",
        "client motivation|injury prevention|habit building"
        "|online coaching|recovery routines|workplace wellbeing",
    ),
    "Arts and Culture": (
        "photography|painting|museums|theatre|music production|film"
        "|creative writing|galleries|dance|street art",
        "photographer|curator|musician|artist|writer|art teacher|theatre director",
        "artist residencies|grant applications|portfolio building"
        "|exhibition planning|creative collaborations|art markets",
    ),
}

CITIES = split_list(
    "London|Berlin|Paris|Madrid|Lisbon|Amsterdam|Dublin|Stockholm|Warsaw"
    "|Prague|Vienna|Zurich|Milan|Rome|Athens|Istanbul|Cairo|Lagos|Nairobi"
    "|Cape Town|Dubai|Mumbai|Bangalore|Delhi|Singapore|Jakarta|Manila|Tokyo"
    "|Seoul|Shanghai|Sydney|Melbourne|Auckland|Toronto|Vancouver|Montreal"
    "|New York|Boston|Chicago|Austin|Denver|Seattle|San Francisco"
    "|Los Angeles|Atlanta|Miami|Mexico City|Bogota|Lima|Santiago"
    "|Buenos Aires|Sao Paulo|Remote|Worldwide|Europe|North America"
)

FIRST_NAMES = split_list(
    "Anna|Ben|Carla|David|Elena|Farid|Grace|Hiro|Ines|Jamal|Kate|Liam|Maria"
    "|Noah|Olga|Pedro|Quinn|Rosa|Sam|Tara|Umar|Vera|Wei|Ximena|Yusuf|Zoe"
    "|Aisha|Bruno|Chen|Dana|Emeka|Fatima|Gustavo|Hannah|Ivan|Julia|Kofi"
    "|Lena|Mateo|Nadia|Oscar|Priya|Rahul|Sofia|Tomas|Uma|Victor|Yara|Leo"
)

LAST_NAMES = split_list(
    "Smith|Garcia|Müller|Rossi|Kowalski|Nguyen|Kim|Patel|Silva|Okafor|Cohen"
    "|Dubois|Jensen|Novak|Ivanova|Tanaka|Martin|Lopez|Brown|Singh|Ahmed"
    "|Andersson|Fischer|Costa|Murphy|Wang|Li|Haddad|Mensah|Herrera|Schmidt"
    "|O'Brien|Yilmaz|Papadopoulos|Moreau|Bianchi|Santos|Nakamura|Ali|Walker"
)

ADJECTIVES = split_list(
    "practical|friendly|global|local|independent|ambitious|curious|senior"
    "|early-career|open|supportive|active|vibrant|small|growing|honest"
)

COMPANY_SUFFIXES = split_list("Labs|Inc|GmbH|Group|Partners|Ltd|Systems|Studio|Co|AG")

SYLLABLES = split_list(
    "ka|lo|mi|ren|to|va|sel|dor|ix|qua|ber|nu|fal|ze|tri|gon|pa|ly|mar|ost"
    "|ven|cor|sha|ki|bro|dal|em|fi|har|jo|lum|nex|or|pix|ru|sta|tel|ur|wyn|zo"
    "|al|bex|cy|dra|el|gri|hol|in|kor|mo"
)

EMOJI = split_list("🚀|💡|📈|🤝|✨|🔥|🎉|👋|🌍|💬|📚|✅")

# --------------------------------------------------------------------------
# Templates ({t} topic, {t2} second topic, {j} job, {p} phrase, {c} city,
# {a} adjective, {b} brand, {n} number, {y} year)
# --------------------------------------------------------------------------

TITLE_TEMPLATES = (
    "{T} {J}s {C}",
    "{C} {T} Network",
    "{P} Professionals",
    "Women in {T}",
    "{T} & {T2} Meetup",
    "The {T} Club",
    "{B} {T} Community",
    "Global {J} Forum",
    "{A} {J}s of {C}",
    "{T} Leaders Circle",
    "{C} {J} Exchange",
    "Future of {T}",
    "{T} Jobs and Careers",
    "{P} Discussion Group",
)

DESC_TEMPLATES = (
    "A {a} community for {j}s working on {t} and {t2} across {c} and beyond.",
    "We share news about {p}, job leads, events and practical advice on {t}.",
    "Members discuss {t}, {t2} and {p}, and help each other solve real "
    "problems at work every week.",
    "Join more than {n} professionals in {c} who care about {t} and want to grow their careers.",
    "Our monthly meetups cover {p} with guest speakers from {b} and other "
    "leading companies in the field.",
    "Whether you are an experienced {j} or just curious about {t}, you are "
    "very welcome to join the conversation here.",
    "No spam and no cold pitches, just honest conversations about {p} and {t2} between peers.",
    "This group was founded in {y} by a few {j}s from {c} who wanted a "
    "better place to talk about {t}.",
    "Post your questions about {t} and get thoughtful answers from "
    "experienced {j}s who have been there.",
    "We also organise hands-on workshops on {t2}, reading circles and mentoring sessions on {p}.",
    "Please introduce yourself when you join and tell us what you are working on in {t}.",
    "The group is moderated by volunteers from {b}; self-promotion is only "
    "allowed in the weekly thread.",
    "Recent topics include {p}, hiring trends for {j}s and the impact of {t2} on our industry.",
    "Everyone is welcome, from students to senior {j}s, as long as you are respectful and {a}.",
)

DISC_TITLE_TEMPLATES = (
    "How do you handle {p} as a {j}?",
    "Looking for advice on {t} in {c}",
    "What tools do you use for {t} these days?",
    "Anyone hiring a {j} with {t2} experience?",
    "Best resources to learn about {p} this year",
    "Thoughts on the new {b} report about {t}?",
    "Moving from {t} to {t2}: is it worth it?",
    "Salary expectations for a {j} in {c}",
    "Weekly thread: share your wins with {p}",
    "Is {t} overhyped or here to stay?",
    "Free webinar on {p} next Thursday",
    "Case study: how {b} improved {t2}",
)

BODY_TEMPLATES = (
    "I have been working as a {j} for {n2} years and recently moved into {t}.",
    "Our team at {b} is struggling with {p} and I would love some input.",
    "Has anyone here tried combining {t} with {t2}?",
    "We are hiring in {c}, so send me a message if you know {t2} well.",
    "I wrote a short article about {p}, feedback is welcome.",
    "The main challenge for us is budget, since {t} tools are expensive.",
    "Thanks everyone for the great answers last week about {t}.",
    "Happy to share the slides from my talk on {p} if people are interested.",
    "In my experience a good {j} spends more time on {p} than on {t}.",
    "Any recommendations for books or courses about {t2}?",
)

FOREIGN_TEMPLATES = (
    "Grupo para profesionales de {t} en {c}, compartimos ofertas y consejos.",
    "Nos reunimos cada mes para hablar de {p} y aprender juntos.",
    "Communauté francophone autour de {t} et des métiers de {j}.",
    "Nous partageons des ressources, des offres d'emploi et des événements.",
    "Netzwerk für {j}s in {c} mit Fokus auf {t} und {t2}.",
    "Wir tauschen uns über {p} aus und organisieren regelmäßige Treffen.",
    "Comunidade para quem trabalha com {t} no Brasil e em Portugal.",
    "{t}に関心のある人のための勉強会コミュニティです。",
    "这是一个关于{t}的专业交流群，欢迎{c}的朋友加入。",  # noqa: RUF001
)

MENTION_TEMPLATES = (
    "Organised together with {b}.",
    "Thanks to {b} and {b2} for hosting us.",
    "Ask {b} for an invite.",
    "Sponsored by {b} {b2}.",
    "See the {b} wiki for details.",
)

GOAL_TEMPLATES = (
    "I am a {j} in {c} looking to learn more about {t} and {p}.",
    "Find groups where {j}s discuss {t} and {t2}.",
    "I want to hire a {j} with experience in {t}.",
    "Looking for a mentor in {t} to help me move into {t2}.",
    "Communities about {p} for beginners.",
    "I sell {t} services to companies and want to meet potential clients.",
    "Networking with other {j}s about {p} in {c}.",
)


# --------------------------------------------------------------------------
# Composer
# --------------------------------------------------------------------------


def pseudo_word(index: int) -> str:
    """Return a deterministic, pronounceable pseudo-word for an integer."""
    n = len(SYLLABLES)
    parts = [SYLLABLES[index % n]]
    index //= n
    parts.append(SYLLABLES[index % n])
    index //= n
    while index:
        parts.append(SYLLABLES[index % n])
        index //= n
    return "".join(parts).capitalize()


ACRONYMS = frozenset(split_list("cfo|ciso|cpo|chro|sre|qa|hr|ux|ui|ml|nlp|seo|crm|soc|b2b"))


def title_case(text: str) -> str:
    """Capitalise each word of a phrase without touching inner capitals."""
    return " ".join(w.upper() if w in ACRONYMS else w[:1].upper() + w[1:] for w in text.split())


encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def esc(text: str) -> str:
    """JSON-escape a string (without the surrounding quotes)."""
    return encode_json(text)[1:-1]


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """Fast uniform choice (``random.choice`` is ~3x slower)."""
    return seq[int(rng.random() * len(seq))]


def between(rng: random.Random, lo: int, hi: int) -> int:
    """Fast uniform integer in ``lo..hi`` inclusive."""
    return lo + int(rng.random() * (hi - lo + 1))


def zipf_index(rng: random.Random, alpha: float = 0.25, cap: int = 3_000_000) -> int:
    """Heavy-tailed index so rare words keep appearing as N grows."""
    return int(rng.paretovariate(alpha)) % cap


@dataclass
class Vocab:
    """Word lists for one industry."""

    name: str
    topics: list[str]
    jobs: list[str]
    phrases: list[str]


@dataclass
class Pools:
    """Pre-composed, JSON-escaped text for one industry; groups sample from these."""

    vocab: Vocab
    titles: list[str]
    sentences: list[tuple[str, int]]
    disc_titles: list[str]
    bodies: list[str]
    foreign: list[str]
    members: list[str]


class Composer:
    """Fill templates from an industry vocabulary with a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def brand(self) -> str:
        """A Zipf-distributed pseudo brand/company name."""
        return pseudo_word(zipf_index(self.rng))

    def slots(self, vocab: Vocab) -> dict[str, str]:
        """Draw one value for every template slot."""
        rng = self.rng
        t, t2 = rng.sample(vocab.topics, 2)
        slots = {
            "t": t,
            "t2": t2,
            "j": pick(rng, vocab.jobs),
            "p": pick(rng, vocab.phrases),
            "c": pick(rng, CITIES),
            "a": pick(rng, ADJECTIVES),
            "b": self.brand(),
            "n": f"{pick(rng, (2, 3, 5, 8, 10, 12, 20, 50))},000",
            "n2": str(between(rng, 2, 25)),
            "y": str(between(rng, 2004, 2024)),
        }
        for key in ("t", "t2", "j", "p", "a"):
            slots[key.upper()] = title_case(slots[key])
        slots["C"], slots["B"] = slots["c"], slots["b"]
        return slots

    def fill(self, template: str, vocab: Vocab) -> str:
        """Fill one template."""
        text = template.format(**self.slots(vocab))
        return text[:1].upper() + text[1:]

    def fill_words(self, templates: tuple[str, ...], vocab: Vocab, lo: int, hi: int) -> str:
        """Fill a template and clamp its word count to ``lo..hi``."""
        words = self.fill(pick(self.rng, templates), vocab).split()
        while len(words) < lo:
            words.append(pick(self.rng, ("Group", "Network", "Hub", "Community", "Online")))
        return " ".join(words[:hi])

    def member(self, vocab: Vocab, industry_names: list[str]) -> dict[str, str]:
        """Compose one member profile."""
        rng = self.rng
        last = pick(rng, LAST_NAMES) if rng.random() < 0.8 else self.brand()
        company = f"{self.brand()} {pick(rng, COMPANY_SUFFIXES)}"
        industry = vocab.name if rng.random() < 0.75 else pick(rng, industry_names)
        return {
            "name": f"{pick(rng, FIRST_NAMES)} {last}",
            "headline": f"{title_case(pick(rng, vocab.jobs))} at {company}",
            "industry": industry,
            "location": pick(rng, CITIES),
        }

    def pools(self, vocab: Vocab, industry_names: list[str], size: int) -> Pools:
        """Pre-compose the text pools for one industry."""
        rng = self.rng
        sentences = [self.fill(pick(rng, DESC_TEMPLATES), vocab) for _ in range(size)]
        return Pools(
            vocab=vocab,
            titles=[esc(self.fill_words(TITLE_TEMPLATES, vocab, 3, 8)) for _ in range(size)],
            sentences=[(esc(s), len(s.split())) for s in sentences],
            disc_titles=[
                esc(self.fill_words(DISC_TITLE_TEMPLATES, vocab, 5, 12)) for _ in range(size)
            ],
            bodies=[esc(self.fill(pick(rng, BODY_TEMPLATES), vocab)) for _ in range(size)],
            foreign=[esc(self.fill(pick(rng, FOREIGN_TEMPLATES), vocab)) for _ in range(50)],
            members=[encode_json(self.member(vocab, industry_names)) for _ in range(size * 4)],
        )


def load_vocabs() -> list[Vocab]:
    """Parse the built-in industry word lists."""
    return [
        Vocab(name, split_list(topics), split_list(jobs), split_list(phrases))
        for name, (topics, jobs, phrases) in INDUSTRIES.items()
    ]


# --------------------------------------------------------------------------
# Group generation
# --------------------------------------------------------------------------
#
# Lines are assembled with f-strings from fragments that are already JSON-escaped:
# every pool string goes through ``esc`` once, and everything added per group
# (pseudo-words, numbers, dates, emoji, HTML tags) needs no escaping. This is
# about twice as fast as building dicts and calling ``json.dumps`` per group.

DATES = [(date(2019, 1, 1) + timedelta(days=i)).isoformat() for i in range(2500)]


class GroupGenerator:
    """Stream synthetic groups; deterministic for a given seed."""

    def __init__(self, seed: int = 0, pool_size: int = 400) -> None:
        self.rng = random.Random(seed)
        self.composer = Composer(self.rng)
        vocabs = load_vocabs()
        self.industry_names = [v.name for v in vocabs]
        self.pools = [self.composer.pools(v, self.industry_names, pool_size) for v in vocabs]

    def description(self, pools: Pools) -> str:
        """2-5 sentences, 40-120 words, with occasional noise (escaped)."""
        rng = self.rng
        target = between(rng, 40, 120)
        chosen: list[str] = []
        words = 0
        while len(chosen) < 5 and (len(chosen) < 2 or words < target):
            sentence, count = pick(rng, pools.sentences)
            if len(chosen) >= 2 and words + count > 120:
                break
            chosen.append(sentence)
            words += count
        if rng.random() < 0.03:
            chosen[-1] = pick(rng, pools.foreign)
        if len(chosen) < 5 and words <= 112 and rng.random() < 0.5:
            chosen.append(self.mention())
        return self.add_noise(chosen)

    def mention(self) -> str:
        """A short sentence naming rare entities (grows the vocabulary)."""
        rng = self.rng
        first, second = pseudo_word(zipf_index(rng)), pseudo_word(zipf_index(rng))
        return pick(rng, MENTION_TEMPLATES).format(b=first, b2=second)

    def add_noise(self, sentences: list[str]) -> str:
        """Sprinkle HTML, URLs and emoji over some descriptions."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.06:
            text = "".join(f"<p>{s.replace(' and ', ' &amp; ', 1)}</p>" for s in sentences)
        elif roll < 0.10:
            head, _, tail = "<br/>".join(sentences).replace(", ", ",&nbsp;", 1).partition(" ")
            text = f"<b>{head}</b> {tail}"
        else:
            text = " ".join(sentences)
        if rng.random() < 0.08:
            site = pseudo_word(zipf_index(rng)).lower()
            text += f" More info: https://www.{site}.com/join?ref=group"
        if rng.random() < 0.06:
            text += " " + pick(rng, EMOJI)
        return text

    def discussion(self, pools: Pools) -> str:
        """One discussion thread as a JSON object."""
        rng = self.rng
        sentences = rng.choices(pools.bodies, k=between(rng, 1, 4))
        if len(sentences) < 4 and rng.random() < 0.3:
            sentences.append(self.mention())
        comments = int(rng.expovariate(0.2))
        likes = int(rng.expovariate(0.1)) + comments // 2
        return (
            f'{{"title":"{pick(rng, pools.disc_titles)}","body":"{" ".join(sentences)}",'
            f'"date":"{pick(rng, DATES)}","comments":{comments},"likes":{likes}}}'
        )

    def effort(self) -> str:
        """Effort a user already spent in a joined group, as a JSON object."""
        rng = self.rng
        return encode_json(
            {
                "hours": round(rng.expovariate(0.1), 1),
                "posts": int(rng.expovariate(0.3)),
                "comments": int(rng.expovariate(0.1)),
                "connections": int(rng.expovariate(0.2)),
                "replies": int(rng.expovariate(0.15)),
            }
        )

    def members(self, pools: Pools, member_count: int) -> str:
        """0-20 member profiles (never more than ``member_count``) as JSON."""
        rng = self.rng
        members = rng.choices(pools.members, k=min(member_count, between(rng, 0, 20)))
        if members and rng.random() < 0.3:
            members[0] = encode_json(self.composer.member(pools.vocab, self.industry_names))
        return ",".join(members)

    def group(self, index: int) -> str:
        """Compose group number ``index`` (1-based) as one JSON line."""
        rng = self.rng
        pools = pick(rng, self.pools)
        title = pick(rng, pools.titles)
        if rng.random() < 0.3:
            title = " ".join(f"{pseudo_word(zipf_index(rng))} {title}".split()[:8])
        member_count = min(5_000_000, max(1, int(rng.lognormvariate(5.0, 2.2))))
        slug = "-".join(title.lower().split()[:5]).replace("&amp;", "and").replace("&", "and")
        members = self.members(pools, member_count)
        description = self.description(pools)
        discussions = ",".join(self.discussion(pools) for _ in range(between(rng, 0, 6)))
        joined = rng.random() < 0.05
        effort = f',"effort":{self.effort()}' if joined else ""
        return (
            f'{{"id":"g{index:06d}","title":"{title}","description":"{description}",'
            f'"url":"https://groups.example.com/{slug}-{index}","member_count":{member_count},'
            f'"members":[{members}],"discussions":[{discussions}],'
            f'"joined":{"true" if joined else "false"}{effort}}}'
        )

    def groups(self, n: int) -> Iterator[str]:
        """Yield ``n`` groups as JSON lines."""
        for i in range(1, n + 1):
            yield self.group(i)

    def goals(self, n: int) -> Iterator[str]:
        """Yield ``n`` user goals ({"id", "text"}) as JSON lines."""
        for i in range(1, n + 1):
            pools = pick(self.rng, self.pools)
            text = self.composer.fill(pick(self.rng, GOAL_TEMPLATES), pools.vocab)
            yield encode_json({"id": f"q{i:05d}", "text": text})


def write_jsonl(lines: Iterator[str], out: Path) -> int:
    """Stream JSON lines to ``out``; return bytes written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", buffering=1 << 20) as fh:
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) >= 2000:
                fh.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            fh.write("\n".join(batch) + "\n")
    return out.stat().st_size


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line arguments."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of groups (or goals)")
    parser.add_argument("out", type=Path, help="output .jsonl path")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--goals", action="store_true", help="write goals, not groups")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    start = time.perf_counter()
    gen = GroupGenerator(args.seed)
    records = gen.goals(args.n) if args.goals else gen.groups(args.n)
    size = write_jsonl(records, args.out)
    elapsed = time.perf_counter() - start
    print(
        f"wrote {args.n:,} {'goals' if args.goals else 'groups'} to {args.out} "
        f"({size / 1e6:,.1f} MB) in {elapsed:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
