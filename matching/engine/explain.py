"""Reasons in plain words for one match, taken from the signals that actually raised its score.

Each feature's contribution is its weight times how far the pair sits above a typical pair;
the largest positive contributions become reasons. Notes about what lowers the match (another
city, a schedule she cannot attend, no childcare, amount slightly off) always follow.
"""

from __future__ import annotations

import numpy as np

from .features import FEATURE_INDEX, level_gap
from .filters import FilterResult, language_name
from .scoring import GroupWeights
from .skills import skill_overlap
from .types import LEVELS, STAGES, OpportunityData, ProfileData

MAX_REASONS = 4
MAX_NOTES = 2

# Features that speak to the same reason share one sentence.
_TOPIC = {
    "sem_full": "field",
    "sem_focus": "field",
    "sem_core": "field",
    "lift_full": "sector",
    "lift_focus": "sector",
    "sentence_lift_full": "sector",
    "sentence_lift_focus": "sector",
    "skill_exact": "skills",
    "skill_soft": "field",
    "level_near": "level",
    "level_ok": "level",
    "level_exact": "level",
    "level_open": "level",
    "same_city": "place",
    "remote_fit": "place",
    "place_pref": "place",
    "local_language": "language",
    "amount_fit": "amount",
}
_SKILL_VERB = {
    "training": "teaches",
    "mentor": "can help with",
    "job": "asks for",
    "financing": "supports",
}


def _names(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _eur(value: int | None) -> str:
    return f"{value or 0:,} EUR"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _field(profile: ProfileData, opportunity: OpportunityData) -> str:
    if profile.goals.strip():
        return f"close to your goal: “{_short(profile.goals)}”"
    return "close to what you wrote about yourself"


def _skills(profile: ProfileData, opportunity: OpportunityData) -> str | None:
    matched = [theirs for _, theirs in skill_overlap(profile.skills, opportunity.skills)]
    if not matched:
        return None
    verb = _SKILL_VERB.get(opportunity.kind, "involves")
    what = "a skill" if len(matched) == 1 else "skills"
    return f"{verb} {_names(matched[:3])}, which you list as {what}"


def _level(profile: ProfileData, opportunity: OpportunityData) -> str | None:
    gap = level_gap(profile, opportunity)
    if gap is None:
        return "open to all levels" if opportunity.kind in ("training", "mentor") else None
    by_stage = (
        profile.role == "entrepreneur"
        and profile.business_stage in STAGES
        and opportunity.level in LEVELS
        and LEVELS.index(opportunity.level) - STAGES.index(profile.business_stage) == gap
    )
    if gap == 0:
        if by_stage:
            return "for businesses at your stage"
        if opportunity.kind == "job":
            article = "an" if str(opportunity.level)[:1] in "aeiou" else "a"
            return f"{article} {opportunity.level}-level role, like your experience"
        return f"for {opportunity.level} level, like you"
    if gap == 1 and opportunity.kind in ("training", "mentor"):
        return "one step above your level — a good stretch"
    if gap == -1 and opportunity.kind == "job":
        return "one step below your level — an easy start"
    return None


def _place(profile: ProfileData, opportunity: OpportunityData, x: np.ndarray) -> str | None:
    if x[FEATURE_INDEX["same_city"]] > 0:
        return f"in {opportunity.city}, where you live"
    if x[FEATURE_INDEX["remote_fit"]] > 0:
        return "remote — you can join from home"
    return None


def _language(opportunity: OpportunityData, filt: FilterResult) -> str | None:
    local = [c for c in filt.shared_languages if c != "en"]
    if not local:
        return None
    if opportunity.kind == "financing":
        return f"you can apply in {language_name(local[0])}"
    return f"you both speak {language_name(local[0])}"


def _amount(profile: ProfileData, opportunity: OpportunityData, x: np.ndarray) -> str | None:
    if opportunity.kind != "financing" or profile.funding_need_eur is None:
        return None
    if x[FEATURE_INDEX["amount_fit"]] < 1.0:
        return None
    low, high = opportunity.amount_min_eur, opportunity.amount_max_eur
    if low is None or high is None:
        return None
    return (
        f"amounts from {_eur(low)} to {_eur(high)} fit your need of "
        f"{_eur(profile.funding_need_eur)}"
    )


def _sentence(
    topic: str,
    profile: ProfileData,
    opportunity: OpportunityData,
    x: np.ndarray,
    filt: FilterResult,
) -> str | None:
    if topic == "field":
        return _field(profile, opportunity)
    if topic == "sector":
        return "aimed at businesses like yours" if profile.role == "entrepreneur" else None
    if topic == "skills":
        return _skills(profile, opportunity)
    if topic == "level":
        return _level(profile, opportunity)
    if topic == "place":
        return _place(profile, opportunity, x)
    if topic == "language":
        return _language(opportunity, filt)
    if topic == "amount":
        return _amount(profile, opportunity, x)
    return None


def _notes(filt: FilterResult) -> list[str]:
    notes = list(filt.notes) if filt.allowed else []
    notes += [note for _, note in filt.penalties.values()]
    for code, needed, mine in filt.language_gaps:
        notes.append(f"needs {language_name(code)} {needed}; you have {mine}")
    return list(dict.fromkeys(notes))[:MAX_NOTES]


def ranked_topics(group: GroupWeights, x: np.ndarray) -> list[str]:
    """Reason topics that lifted this pair above a typical one, strongest first."""
    topics: dict[str, float] = {}
    for name, value in group.contributions(x).items():
        topic = _TOPIC.get(name)
        if topic:
            topics[topic] = topics.get(topic, 0.0) + value
    return [t for t, v in sorted(topics.items(), key=lambda kv: -kv[1]) if v > 0]


def reasons(
    profile: ProfileData,
    opportunity: OpportunityData,
    x: np.ndarray,
    group: GroupWeights,
    filt: FilterResult,
) -> list[str]:
    """1-4 short sentences for her: why it matches, then what weakens it."""
    try:
        notes = _notes(filt)
        positive: list[str] = []
        room = max(1, MAX_REASONS - len(notes))
        for topic in ranked_topics(group, x):
            if len(positive) >= room:
                break
            sentence = _sentence(topic, profile, opportunity, x, filt)
            if sentence and sentence not in positive:
                positive.append(sentence)
        if not positive:
            positive.append(_field(profile, opportunity))
        return (positive + notes)[:MAX_REASONS]
    except Exception:  # an explanation must never break a ranking
        return [_field(profile, opportunity)]
