"""Reasons for one match, taken from the signals that actually raised its score.

Each feature's contribution is its weight times how far the pair sits above a typical pair;
the largest positive contributions become reasons. Notes about what lowers the match (another
city, a schedule she cannot attend, no childcare, amount slightly off) always follow.
Reasons are data (a code and params, see `wording`); the Django layer words them for her.
"""

from __future__ import annotations

import numpy as np

from .features import FEATURE_INDEX, level_gap
from .filters import FilterResult
from .scoring import GroupWeights
from .skills import skill_overlap
from .types import LEVELS, STAGES, OpportunityData, ProfileData, Reason
from .wording import reason, unique

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


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _field(profile: ProfileData, opportunity: OpportunityData) -> Reason:
    if profile.goals.strip():
        return reason("field_goal", goal=_short(profile.goals))
    return reason("field_profile")


def _skills(profile: ProfileData, opportunity: OpportunityData) -> Reason | None:
    matched = [theirs for _, theirs in skill_overlap(profile.skills, opportunity.skills)]
    if not matched:
        return None
    return reason("skills", verb_kind=opportunity.kind, skills=matched[:3])


def _level(profile: ProfileData, opportunity: OpportunityData) -> Reason | None:
    gap = level_gap(profile, opportunity)
    if gap is None:
        return reason("level_open") if opportunity.kind in ("training", "mentor") else None
    by_stage = (
        profile.role == "entrepreneur"
        and profile.business_stage in STAGES
        and opportunity.level in LEVELS
        and LEVELS.index(opportunity.level) - STAGES.index(profile.business_stage) == gap
    )
    if gap == 0:
        if by_stage:
            return reason("level_stage")
        if opportunity.kind == "job":
            return reason("level_role", level=str(opportunity.level))
        return reason("level_same", level=str(opportunity.level))
    if gap == 1 and opportunity.kind in ("training", "mentor"):
        return reason("level_up")
    if gap == -1 and opportunity.kind == "job":
        return reason("level_down")
    return None


def _place(profile: ProfileData, opportunity: OpportunityData, x: np.ndarray) -> Reason | None:
    if x[FEATURE_INDEX["same_city"]] > 0:
        return reason("place_city", city=opportunity.city)
    if x[FEATURE_INDEX["remote_fit"]] > 0:
        return reason("place_remote")
    return None


def _language(opportunity: OpportunityData, filt: FilterResult) -> Reason | None:
    local = [c for c in filt.shared_languages if c != "en"]
    if not local:
        return None
    if opportunity.kind == "financing":
        return reason("language_apply", language=local[0])
    return reason("language_shared", language=local[0])


def _amount(profile: ProfileData, opportunity: OpportunityData, x: np.ndarray) -> Reason | None:
    if opportunity.kind != "financing" or profile.funding_need_eur is None:
        return None
    if x[FEATURE_INDEX["amount_fit"]] < 1.0:
        return None
    low, high = opportunity.amount_min_eur, opportunity.amount_max_eur
    if low is None or high is None:
        return None
    return reason("amount_fit", min=low, max=high, need=profile.funding_need_eur)


def _sentence(
    topic: str,
    profile: ProfileData,
    opportunity: OpportunityData,
    x: np.ndarray,
    filt: FilterResult,
) -> Reason | None:
    if topic == "field":
        return _field(profile, opportunity)
    if topic == "sector":
        return reason("sector") if profile.role == "entrepreneur" else None
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


def _notes(filt: FilterResult) -> list[Reason]:
    notes = list(filt.notices) if filt.allowed else []
    notes += [note for _, note in filt.penalties.values()]
    for code, needed, mine in filt.language_gaps:
        notes.append(reason("language_gap", language=code, needed=needed, have=mine))
    return unique(notes)[:MAX_NOTES]


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
) -> list[Reason]:
    """1-4 reasons for her: why it matches, then what weakens it."""
    try:
        notes = _notes(filt)
        positive: list[Reason] = []
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
