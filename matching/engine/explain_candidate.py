"""Reasons for the reverse view: an employer, mentor or programme looking at a woman who matches.

The same signals as `explain.reasons`, worded about her ("lists SQL, which you ask for")
rather than to her.
"""

from __future__ import annotations

import numpy as np

from .explain import MAX_NOTES, MAX_REASONS, ranked_topics
from .features import FEATURE_INDEX, level_gap
from .filters import FilterResult, language_name
from .scoring import GroupWeights
from .skills import skill_overlap
from .types import OpportunityData, ProfileData

_VERB = {"training": "teach", "mentor": "help with", "job": "ask for", "financing": "support"}


def _eur(value: int | None) -> str:
    return f"{value or 0:,} EUR"


def _field(profile: ProfileData) -> str:
    goals = " ".join(profile.goals.split())
    if not goals:
        return "her profile is close to what you offer"
    return f"her goal fits: “{goals if len(goals) <= 70 else goals[:69].rstrip() + '…'}”"


def _sentence(
    topic: str, p: ProfileData, o: OpportunityData, x: np.ndarray, filt: FilterResult
) -> str | None:
    if topic == "field":
        return _field(p)
    if topic == "skills":
        names = [hers for hers, _ in skill_overlap(p.skills, o.skills)][:3]
        if names:
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            return f"lists {listed}, which you {_VERB.get(o.kind, 'need')}"
    if topic == "level":
        gap = level_gap(p, o)
        if gap == 0:
            return "at the level you aim at"
        if gap == 1 and o.kind in ("training", "mentor"):
            return "one step below your level — a good stretch for her"
        if gap == -1 and o.kind == "job":
            return "more experienced than the role asks"
    if topic == "place":
        if x[FEATURE_INDEX["same_city"]] > 0:
            return f"lives in {p.city}"
        if x[FEATURE_INDEX["remote_fit"]] > 0:
            return "open to taking part remotely"
    if topic == "language":
        local = [c for c in filt.shared_languages if c != "en"]
        if local:
            return f"speaks {language_name(local[0])}"
    if topic == "amount" and o.kind == "financing" and p.funding_need_eur:
        return f"needs {_eur(p.funding_need_eur)}, within your range"
    if topic == "sector" and p.role == "entrepreneur":
        return "her business is in the sector you support"
    return None


def _notes(p: ProfileData, o: OpportunityData, filt: FilterResult) -> list[str]:
    notes = []
    if filt.on_site_elsewhere:
        notes.append(f"lives in {p.city or 'another city'}, not {o.city}")
    for key in filt.penalties:
        if key == "schedule":
            notes.append("available " + " and ".join(sorted(p.availability)) + " only")
        elif key == "childcare":
            notes.append("needs childcare")
        elif key == "relocate":
            notes.append(f"would move from {p.city or 'elsewhere'}")
        elif key == "amount":
            notes.append(f"needs {_eur(p.funding_need_eur)}, just outside your range")
    for code, needed, mine in filt.language_gaps:
        notes.append(f"{language_name(code)} {mine}; you ask for {needed}")
    return notes[:MAX_NOTES]


def candidate_reasons(
    profile: ProfileData,
    opportunity: OpportunityData,
    x: np.ndarray,
    group: GroupWeights,
    filt: FilterResult,
) -> list[str]:
    """1-4 short sentences about her, for the provider of the opportunity."""
    try:
        notes = _notes(profile, opportunity, filt)
        room = max(1, MAX_REASONS - len(notes))
        positive: list[str] = []
        for topic in ranked_topics(group, x):
            sentence = _sentence(topic, profile, opportunity, x, filt)
            if sentence and sentence not in positive:
                positive.append(sentence)
            if len(positive) >= room:
                break
        return ((positive or [_field(profile)]) + notes)[:MAX_REASONS]
    except Exception:  # an explanation must never break a ranking
        return [_field(profile)]
