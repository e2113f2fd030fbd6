"""Reasons for the reverse view: an employer, mentor or programme looking at a woman who matches.

The same signals as `explain.reasons`, as reasons about her ("lists SQL, which you ask for")
rather than to her.
"""

from __future__ import annotations

import numpy as np

from .explain import MAX_NOTES, MAX_REASONS, ranked_topics
from .features import FEATURE_INDEX, level_gap
from .filters import FilterResult
from .scoring import GroupWeights
from .skills import skill_overlap
from .types import OpportunityData, ProfileData, Reason
from .wording import reason


def _field(profile: ProfileData) -> Reason:
    goals = " ".join(profile.goals.split())
    if not goals:
        return reason("her_profile")
    return reason("her_goal", goal=goals if len(goals) <= 70 else goals[:69].rstrip() + "…")


def _sentence(
    topic: str, p: ProfileData, o: OpportunityData, x: np.ndarray, filt: FilterResult
) -> Reason | None:
    if topic == "field":
        return _field(p)
    if topic == "skills":
        names = [hers for hers, _ in skill_overlap(p.skills, o.skills)][:3]
        if names:
            return reason("her_skills", verb_kind=o.kind, skills=names)
    if topic == "level":
        gap = level_gap(p, o)
        if gap == 0:
            return reason("her_level_same")
        if gap == 1 and o.kind in ("training", "mentor"):
            return reason("her_level_below")
        if gap == -1 and o.kind == "job":
            return reason("her_level_above")
    if topic == "place":
        if x[FEATURE_INDEX["same_city"]] > 0:
            return reason("her_city", city=p.city)
        if x[FEATURE_INDEX["remote_fit"]] > 0:
            return reason("her_remote")
    if topic == "language":
        local = [c for c in filt.shared_languages if c != "en"]
        if local:
            return reason("her_language", language=local[0])
    if topic == "amount" and o.kind == "financing" and p.funding_need_eur:
        return reason("her_amount", need=p.funding_need_eur)
    if topic == "sector" and p.role == "entrepreneur":
        return reason("her_sector")
    return None


def _notes(p: ProfileData, o: OpportunityData, filt: FilterResult) -> list[Reason]:
    notes = []
    if filt.on_site_elsewhere:
        notes.append(reason("her_elsewhere", city=p.city or None, place=o.city))
    for key in filt.penalties:
        if key == "schedule":
            notes.append(reason("her_schedule", availability=sorted(p.availability)))
        elif key == "childcare":
            notes.append(reason("her_childcare"))
        elif key == "relocate":
            notes.append(reason("her_relocate", city=p.city or None))
        elif key == "amount":
            notes.append(reason("her_amount_outside", need=p.funding_need_eur or 0))
    for code, needed, mine in filt.language_gaps:
        notes.append(reason("her_language_gap", language=code, have=mine, needed=needed))
    return notes[:MAX_NOTES]


def candidate_reasons(
    profile: ProfileData,
    opportunity: OpportunityData,
    x: np.ndarray,
    group: GroupWeights,
    filt: FilterResult,
) -> list[Reason]:
    """1-4 reasons about her, for the provider of the opportunity."""
    try:
        notes = _notes(profile, opportunity, filt)
        room = max(1, MAX_REASONS - len(notes))
        positive: list[Reason] = []
        for topic in ranked_topics(group, x):
            sentence = _sentence(topic, profile, opportunity, x, filt)
            if sentence and sentence not in positive:
                positive.append(sentence)
            if len(positive) >= room:
                break
        return ((positive or [_field(profile)]) + notes)[:MAX_REASONS]
    except Exception:  # an explanation must never break a ranking
        return [_field(profile)]
