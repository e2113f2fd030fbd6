"""Signals for (profile, opportunity) pairs, computed for many pairs at once.

Every feature is oriented so that larger means a better match and lies in [0, 1] (cosines and
lifts can dip below 0). The scorer gives each a non-negative weight, so improving any signal
(one more shared skill, a closer level) never lowers the score: the model is monotone by
construction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .filters import PairFilters, amount_fit_array
from .types import LEVELS, STAGES, OpportunityData, ProfileData

if TYPE_CHECKING:
    from .columns import OpportunityColumns, ProfileColumns

FEATURES: tuple[str, ...] = (
    "sem_full",  # whole profile text vs whole opportunity text
    "sem_focus",  # her goals and skills vs the whole opportunity text
    "sem_core",  # her goals and skills vs the opportunity's title and skills
    "skill_exact",  # share of its skills she lists (after normalising names)
    "skill_soft",  # the same by meaning: mean over its skills of the best cosine to hers
    "level_near",  # level at most one step off, or open to all
    "level_ok",  # level equal, or one step in the acceptable direction for this kind
    "level_exact",  # level equal
    "level_open",  # no level set: open to all
    "same_city",
    "remote_fit",  # she can take part from home and is open to that
    "place_pref",  # not an online-only item for a woman who asked for on-site
    "local_language",  # shares a language other than English
    "amount_fit",  # financing: her need inside the amount range (1), fading outside
    # Financing only (0 elsewhere). How much better she matches it than the average woman of
    # her role does: a scheme open to all sectors matches everyone about equally, one reserved
    # for another sector matches her worse than average, one for her sector better.
    "lift_full",
    "lift_focus",
    # The same for its best description sentence, where a sector restriction lives.
    "sentence_lift_full",
    "sentence_lift_focus",
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}

# Which one-step gap is fine, per kind: a course or mentor one step above her is a reasonable
# stretch; a job one step below her level is still a reasonable option.
STRETCH = {"training": 1, "mentor": 1, "job": -1, "financing": 0}


def _index(value: str | None, scale: tuple[str, ...]) -> int | None:
    return scale.index(value) if value in scale else None


def level_gap(profile: ProfileData, opportunity: OpportunityData) -> int | None:
    """Opportunity level minus hers, in steps; None if the opportunity is open to all levels.

    For courses and mentors about running a business, level means how far along the business
    should be, not digital skill. Which of the two an item means is not a field, so for an
    entrepreneur the closer of the two readings counts: a pitching course at the "early" level
    fits an early-stage baker, an advanced online-sales course fits a digitally advanced one.
    """
    target = _index(opportunity.level, LEVELS)
    if target is None:
        return None
    gap = target - (_index(profile.digital_level, LEVELS) or 0)
    stage = _index(profile.business_stage, STAGES)
    if profile.role == "entrepreneur" and stage is not None and abs(target - stage) < abs(gap):
        gap = target - stage
    return gap


def _segment_max(matrix: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Column-segment maxima: one column per segment, segments starting at `starts`."""
    return np.maximum.reduceat(matrix, starts, axis=1)


def pair_features(
    pc: ProfileColumns,
    oc: OpportunityColumns,
    pi: np.ndarray,
    oj: np.ndarray,
    filters: PairFilters,
    centroids: np.ndarray,
    sem_full: np.ndarray | None = None,
) -> np.ndarray:
    """Feature rows (len(pi), len(FEATURES)) for pairs (pc row pi[k], oc row oj[k]).

    centroids: (2, 2, dim) mean profile vectors, [jobseeker/entrepreneur][full/focus].
    sem_full: pc.full @ oc.full.T if the caller already has it.
    """
    X = np.zeros((len(pi), len(FEATURES)), dtype=np.float64)
    if len(pi) == 0:
        return X
    col = FEATURE_INDEX
    full = pc.full @ oc.full.T if sem_full is None else sem_full
    focus = pc.focus @ oc.full.T
    X[:, col["sem_full"]] = full[pi, oj]
    X[:, col["sem_focus"]] = focus[pi, oj]
    X[:, col["sem_core"]] = (pc.focus @ oc.core.T)[pi, oj]

    overlap = (pc.skills @ oc.skills.T).toarray()
    count = oc.skill_count[oj]
    X[:, col["skill_exact"]] = np.where(count > 0, overlap[pi, oj] / np.maximum(count, 1), 0.0)
    soft = np.asarray(oc.skill_mean @ np.clip(pc.skill_best, 0.0, 1.0).T).T
    X[:, col["skill_soft"]] = soft[pi, oj]

    level = oc.level[oj].astype(np.int64)
    is_open = level < 0
    gap = level - pc.digital[pi]
    stage = pc.stage[pi].astype(np.int64)
    by_stage = level - stage
    use_stage = pc.entrepreneur[pi] & (stage >= 0) & (np.abs(by_stage) < np.abs(gap))
    gap = np.where(use_stage, by_stage, gap)
    stretch = STRETCH.get(oc.kind, 0)
    X[:, col["level_near"]] = is_open | (np.abs(gap) <= 1)
    X[:, col["level_ok"]] = ~is_open & ((gap == 0) | ((gap == stretch) & (stretch != 0)))
    X[:, col["level_exact"]] = ~is_open & (gap == 0)
    X[:, col["level_open"]] = is_open

    city = oc.city[oj]
    X[:, col["same_city"]] = (city >= 0) & (city == pc.city[pi])
    X[:, col["remote_fit"]] = oc.remote[oj] & pc.open_remote[pi]
    X[:, col["place_pref"]] = pc.open_remote[pi] | (city >= 0)
    X[:, col["local_language"]] = filters.shared_local

    if oc.kind != "financing":
        X[:, col["amount_fit"]] = 1.0
        return X
    fit = amount_fit_array(pc.need[pi], oc.amount_min[oj], oc.amount_max[oj])
    X[:, col["amount_fit"]] = np.where(np.isnan(fit), 1.0, fit)

    role = pc.entrepreneur.astype(np.int64)  # row of `centroids` per profile
    typical_full = centroids[:, 0] @ oc.full.T  # (2, m)
    typical_focus = centroids[:, 1] @ oc.full.T
    X[:, col["lift_full"]] = full[pi, oj] - typical_full[role[pi], oj]
    X[:, col["lift_focus"]] = focus[pi, oj] - typical_focus[role[pi], oj]
    if oc.sentences is not None and oc.sentence_start is not None and len(oc.sentences):
        for name, mine, which in (
            ("sentence_lift_full", pc.full, 0),
            ("sentence_lift_focus", pc.focus, 1),
        ):
            lift = mine @ oc.sentences.T - (centroids[:, which] @ oc.sentences.T)[role]
            X[:, col[name]] = _segment_max(lift, oc.sentence_start)[pi, oj]
    return X
