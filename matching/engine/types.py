"""Plain data the engine takes and returns; the Django layer converts its models to and from these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

Role = Literal["jobseeker", "entrepreneur"]
Kind = Literal["training", "mentor", "job", "financing"]
Level = Literal["beginner", "intermediate", "advanced"]
Stage = Literal["idea", "early", "growth"]

KINDS: tuple[Kind, ...] = ("training", "mentor", "job", "financing")
LEVELS: tuple[str, ...] = ("beginner", "intermediate", "advanced")
STAGES: tuple[str, ...] = ("idea", "early", "growth")
SCHEDULES: frozenset[str] = frozenset({"daytime", "evenings", "weekends", "self_paced"})

ReasonParam = str | int | list[str] | None


class Reason(TypedDict):
    """Why a pair matches, as data: the Django layer words it in the reader's language."""

    code: str
    params: dict[str, ReasonParam]


@dataclass(frozen=True)
class ProfileData:
    id: str
    role: Role
    bio: str
    goals: str
    skills: tuple[str, ...]
    # ISO 639-1 code -> "A1".."C2" or "native"; None = level unknown, treated as workable.
    languages: dict[str, str | None]
    city: str | None
    country: str | None
    open_to_remote: bool
    willing_to_relocate: bool = False
    digital_level: Level = "beginner"
    business_stage: Stage | None = None
    funding_need_eur: int | None = None
    # Subset of SCHEDULES; empty = unknown, i.e. any time suits her.
    availability: frozenset[str] = frozenset()
    needs_childcare: bool = False
    prefers_woman_mentor: bool = False
    blocked: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OpportunityData:
    id: str
    kind: Kind
    title: str
    description: str
    skills: tuple[str, ...] = ()
    # code -> minimum level needed; None = any level will do.
    languages: dict[str, str | None] = field(default_factory=dict)
    city: str | None = None
    country: str | None = None
    remote: bool = True
    level: str | None = None
    audience: Literal["jobseeker", "entrepreneur", "any"] = "any"
    amount_min_eur: int | None = None
    amount_max_eur: int | None = None
    stages: tuple[str, ...] = ()
    # Mentors: free places now; None = not applicable / unknown.
    capacity: int | None = None
    # Subset of SCHEDULES; empty = unknown.
    schedule: frozenset[str] = frozenset()
    childcare_offered: bool = False
    mentor_gender: str | None = None
    # Financing: None = only `country` applies (and country None = open everywhere).
    eligible_countries: frozenset[str] | None = None


@dataclass(frozen=True)
class MatchResult:
    opportunity_id: str
    kind: str
    score: float
    reasons: list[Reason]


@dataclass(frozen=True)
class CandidateResult:
    """Reverse match: a profile ranked for one opportunity (employers and mentors see these)."""

    profile_id: str
    score: float
    reasons: list[Reason]
