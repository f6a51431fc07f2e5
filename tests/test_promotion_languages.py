"""Pitches and job ads in other languages, and recovery scams written in a field's own words.

From a new user's trial (review 7): a recovery-scam takeover of an asset-recovery lawyers' group
was JOIN 0.87 (the group's own "asset recovery" set the one mark it had aside), a Spanish
farmers' group whose six posts were all investment pitches was JOIN 0.69 with "1 of 6 reads as
promotion", and a Spanish co-op group whose newest half was job ads was JOIN 0.81.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from relevance import Analyzer, Result
from relevance.signals import job_ads, promotion
from relevance.signals.promotion import _fold

TODAY = date(2026, 11, 29)


def _group(
    group_id: str, title: str, description: str, posts: list[str], members: int = 1500
) -> dict[str, Any]:
    return {
        "id": group_id,
        "title": title,
        "description": description,
        "member_count": members,
        "discussions": [_post(i, text) for i, text in enumerate(posts)],
    }


def _post(i: int, text: str) -> dict[str, Any]:
    """Discussion ``i`` (a week apart, newest first) from "title // body"."""
    title, _, body = text.partition(" // ")
    day = (TODAY - timedelta(days=2 + 6 * i)).isoformat()
    return {"title": title, "body": body or None, "date": day}


def _score(goal: str, *groups: dict[str, Any]) -> dict[str, Result]:
    return {r.id: r for r in Analyzer(today=TODAY).score(list(groups), goal=goal)}


def _searched_in_full(text: str) -> list[str]:
    """Every mark whose pattern matches, keys aside: what the key index must not lose."""
    folded = _fold(text)
    return [m.name for m in promotion.MARKS if m.pattern_found(folded)]


PITCHES = [
    "Gana 500€ al día desde casa, escríbeme por WhatsApp. Rentabilidad garantizada, sin riesgo.",
    "Multiplica tu dinero con criptomonedas. Únete a mi grupo de Telegram y empieza hoy.",
    "Gagnez 300 € par jour depuis chez vous, rendement garanti, écrivez-moi sur WhatsApp",
    "Verdiene 200€ pro Tag von zu Hause, garantierte Rendite, schreib mir auf Telegram",
    "Guadagna 100€ al giorno da casa, rendimento garantito, scrivimi su WhatsApp",
    "Ganhe dinheiro de casa com lucro garantido, fale comigo pelo WhatsApp",
    "Compra tokens antes de la preventa, potencial de 10x, enlace en los comentarios",
    "Lost money to a fake investment? We recover it for you, contact us on WhatsApp",
    "Fund recovery notice for victims of trading fraud // Reply with your full name and the "
    "amount lost to start your claim.",
    "Victims of online investment fraud: email our recovery desk with your transaction records",
]


@pytest.mark.parametrize("text", PITCHES)
def test_a_pitch_in_another_language_or_to_victims_is_a_pitch(text: str) -> None:
    found = promotion.marks_of(text)
    assert promotion.is_promotional(found), found
    assert promotion._all_marks(text) == _searched_in_full(text)  # the keys lose no mark


HONEST = [
    "Riego deficitario controlado en olivar intensivo: ahorramos un 30% de agua",
    "Ayudas de la PAC 2027 para el olivar: plazos de la solicitud única",
    "¿Alguien ha probado cubiertas vegetales entre hileras? Escríbeme si quieres los datos",
    "Enherbement des rangs et érosion des sols : retours d'expérience",
    "Wie plant ihr die Fruchtfolge ohne Glyphosat? Erfahrungen von zu Hause aus dem Büro",
    "Vendemmia 2026: resa e qualità delle uve in Toscana",
    "Victims of investment fraud can report it to Action Fraud; our note on the FCA's rules",
    "Recognition of foreign insolvency proceedings: COMI and public policy",
    "Our disaster recovery experts rebuilt the cluster in four hours",
    "Free case review clinic for tenants at the law school on Saturday",
]


@pytest.mark.parametrize("text", HONEST)
def test_honest_talk_in_those_languages_and_fields_is_not_a_pitch(text: str) -> None:
    assert not promotion.is_promotional(promotion.marks_of(text)), promotion.marks_of(text)
    assert promotion._all_marks(text) == _searched_in_full(text)


def test_a_recovery_scam_takeover_of_an_asset_recovery_group_is_not_join() -> None:
    goal = (
        "Meet cross-border insolvency and asset recovery lawyers in Europe to compare asset "
        "tracing and fraud litigation practice"
    )
    description = (
        "Lawyers and litigators working on asset recovery, fraud litigation and asset tracing "
        "across borders."
    )
    scams = [
        "Victims of online investment fraud: our solicitors recovered funds for 300 clients // "
        "If you lost money to a fraudulent trading platform, our lawyers can trace the funds. "
        "Free case evaluation; email our recovery desk with your transaction records.",
        "Chargeback and asset tracing for trading platform losses // Our legal recovery "
        "specialists reclaim deposits lost to unregulated brokers. Send your bank statements "
        "for a no-obligation review.",
        "Lost digital assets to a romance scam? Forensic recovery by certified attorneys // "
        "Contact our case officer today for a free assessment.",
        "Fund recovery notice: compensation for victims of trading fraud // Reply with your "
        "full name and the amount lost to start your claim.",
    ]
    honest = [
        "Worldwide freezing injunctions against crypto exchanges // Three orders this year.",
        "Asset tracing through offshore trusts in insolvency // Norwich Pharmacal orders.",
        "Recognition of foreign insolvency proceedings under the UNCITRAL Model Law",
        "Cross-border cooperation between insolvency practitioners in the EU",
    ]
    title = "Asset Recovery Lawyers Europe"
    found = _score(
        goal,
        _group("taken", title, description, scams + scams[:2]),
        _group("honest", title, description, honest),
    )
    taken = found["taken"]
    # A group about fraud reads only the marks of posts that address the reader (its honest
    # posts report what scams say): the offer of a free assessment alone is not counted.
    assert taken.promotion is not None and taken.promotion >= 0.75
    assert taken.misleading and taken.decision != "JOIN"
    assert any(
        r.startswith("5 of 6 recent discussions are promotion or spam") for r in taken.reasons
    ), taken.reasons
    assert found["honest"].decision == "JOIN"


def test_a_spanish_takeover_is_caught_and_counted() -> None:
    goal = "Agricultores españoles: experiencias sobre cultivos, maquinaria agrícola y ayudas"
    description = (
        "Comunidad de agricultores españoles para compartir experiencias sobre cultivos, "
        "maquinaria agrícola, precios y ayudas."
    )
    posts = [
        "Agricultores: gana 500€ al día desde casa con nuestra plataforma, escríbeme por WhatsApp",
        "Agricultores: multiplica tu dinero con criptomonedas // Únete a mi grupo de Telegram.",
        "¿Has perdido dinero en una estafa? Recuperamos tus fondos // Contacta por WhatsApp.",
        "Inversión en Bitcoin con beneficios diarios del 3% // Escríbeme por privado.",
        "Trabaja desde casa, plazas limitadas // Ingresos pasivos, mándame un mensaje.",
        "Compra tokens del nuevo AgroCoin antes de la preventa // Enlace en los comentarios.",
    ]
    result = _score(goal, _group("es", "Agricultores Unidos España", description, posts))["es"]
    assert result.promotion == 1.0 and result.decision == "SKIP"
    assert any(
        r.startswith("All 6 recent discussions are promotion or spam") for r in result.reasons
    )


@pytest.mark.parametrize(
    ("text", "ad"),
    [
        ("Se busca técnico de riego para cooperativa en Jaén, envía tu CV", True),
        ("Oferta de empleo: gerente de almazara en Córdoba", True),
        ("Buscamos gerente con experiencia. Envía tu currículum.", True),
        ("Nous recrutons un chef de culture (H/F) en CDI", True),
        ("Wir suchen ab sofort einen Agraringenieur (m/w/d)", True),
        ("Cerchiamo un enologo per la cantina, contratto a tempo pieno", True),
        ("Estamos contratando técnico agrícola para a safra", True),
        ("Buscamos ideas para la feria de maquinaria", False),
        ("Se busca socio para compartir tractor", False),
        ("Cerchiamo un modo per ridurre l'acqua in vigna", False),
    ],
)
def test_job_ads_in_other_languages(text: str, ad: bool) -> None:
    assert job_ads.is_job_ad(text) is ad


def test_spanish_job_ads_in_a_coops_newer_half_are_a_drift() -> None:
    goal = "Conocer gerentes de cooperativas agrarias en Andalucía: riego y aceite de oliva"
    description = (
        "Grupo para gerentes y socios de cooperativas agrarias andaluzas: gestión de la "
        "cooperativa, comercialización del aceite de oliva, riego y ayudas de la PAC."
    )
    posts = [
        "Se busca técnico de riego para cooperativa en Jaén, envía tu CV",
        "Oferta de empleo: gerente de almazara en Córdoba // Buscamos gerente con experiencia.",
        "Buscamos ingeniero agrónomo, incorporación inmediata // Envía tu CV.",
        "Vacante: responsable de calidad del aceite, Sevilla",
        "Riego deficitario controlado en olivar intensivo en la cooperativa",
        "Ayudas de la PAC 2027 para el olivar de las cooperativas",
        "Negociar el precio del aceite de oliva con la distribución",
        "Relevo generacional en la cooperativa agraria",
    ]
    title = "Cooperativas Agrarias de Andalucía"
    result = _score(goal, _group("coop", title, description, posts))["coop"]
    assert result.drift is not None and result.drift >= 0.5
    assert result.decision != "JOIN"
    assert any("newer discussions are job ads" in r for r in result.reasons), result.reasons


# -- review 8: reported speech, invitations, one pitch in a small group, French phrasings ------


@pytest.mark.parametrize(
    "text",
    [
        "Free webinar from the district on phonics, limited spots",
        "Book giveaway for our classroom libraries, DM me your school",
        "Free course on differentiated instruction, sign up by Friday, limited seats",
    ],
)
def test_invitations_alone_are_not_a_pitch(text: str) -> None:
    found = promotion.marks_of(text)
    assert len(found) >= 1 and not promotion.is_promotional(found), found


@pytest.mark.parametrize(
    "text",
    [
        "Gagnez 4 % par jour garantis avec notre robot de trading, contactez-moi",
        "Doublez votre capital en 30 jours, résultats garantis, écrivez-moi",
        "Multiplica tu dinero en 30 días, escríbeme",
    ],
)
def test_french_and_spanish_money_promises_are_pitches(text: str) -> None:
    assert promotion.is_promotional(promotion.marks_of(text)), promotion.marks_of(text)
    assert promotion._all_marks(text) == _searched_in_full(text)


def test_a_group_about_scams_reports_them_without_being_spam() -> None:
    goal = "Meet bank fraud analysts to compare scam typologies and money mule detection"
    description = "Fraud analysts at UK banks: scam typologies, APP fraud and money mules."
    reports = [
        "Pig-butchering: victims are moved to WhatsApp, then to Telegram channels promising "
        "guaranteed returns on crypto",
        "Recovery scams follow the first loss: fake lawyers offer fund recovery for a fee",
        "Money mule recruitment on Instagram: 'earn $500 a day from home' adverts",
        "APP fraud reimbursement under the PSR rules: what changed in October",
    ]
    honest = _score(goal, _group("fraud", "UK Bank Fraud Analysts", description, reports))
    assert honest["fraud"].promotion == 0.0 and honest["fraud"].decision == "JOIN"
    spam = [
        "Lost money to a scam? We recover it for you, contact us on WhatsApp today",
        "Recovered 90% for our clients: reply with the amount lost and your bank statements",
        *reports[:2],
    ]
    taken = _score(goal, _group("taken", "UK Bank Fraud Analysts", description, spam))["taken"]
    assert taken.promotion is not None and taken.promotion >= 0.25
    assert taken.decision != "JOIN"


def test_one_pitch_in_a_small_group_is_an_incident_and_a_paying_group_stays() -> None:
    goal = "gestion des risques bancaires et conformité"
    description = "Risques bancaires, conformité, LCB-FT et Bâle IV, entre praticiens."
    posts = [
        "Risque de modèle : pourquoi le quantifier // SR 11-7 et les attentes de la BCE.",
        "Rendement garanti et contactez-moi sur WhatsApp : les arnaques que voient nos équipes",
        "Bâle IV : l'output floor et les banques françaises",
        "LCB-FT : les nouvelles typologies de blanchiment",
    ]
    group = _group("risque", "Gestion des risques bancaires", description, posts)
    group.update(joined=True, joined_on="2026-06-01", effort={"hours": 10, "connections": 4,
                                                              "replies": 7})  # fmt: skip
    result = _score(goal, group)["risque"]
    assert result.promotion is not None and result.promotion < 0.25
    assert result.decision == "STAY"
    assert not any("turned to promotion" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Tracking kit authors through reused PHP code and Telegram bot tokens",
         ["Telegram or WhatsApp"]),
        ("My grandmother got the 'Hi Mum' text on WhatsApp, almost sent £900",
         ["Telegram or WhatsApp"]),
        ("Text me on WhatsApp for the signals", ["taken to Telegram or WhatsApp"]),
        ("Design tokens for our UI kit and arcade tokens for the demo", []),
        ("Buy bitcoin before the halving", ["crypto"]),
    ],
)  # fmt: skip
def test_marks_are_only_what_the_text_says(text: str, marks: list[str]) -> None:
    assert promotion.marks_of(text) == marks
