"""Django rows -> the engine's plain data (ProfileData, OpportunityData).

Opportunity ids are "<kind>:<pk>" so one id names one row across the four kinds. Loading the
published opportunities of a kind is here too, since "what may be matched" (published,
available, free places) is a Django-side fact the engine takes as given.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import MentorProfile, Profile
from events.models import JobRole
from matching.engine.types import KINDS, OpportunityData, ProfileData

SUMMARY_LENGTH = 300


def opportunity_id(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def split_opportunity_id(value: str) -> tuple[str, int]:
    kind, _, pk = value.partition(":")
    if kind not in KINDS or not pk.isdigit():
        raise ValueError(f"not an opportunity id: {value!r}")
    return kind, int(pk)


def _languages(items: Iterable[Any]) -> dict[str, str | None]:
    # Stored as [{"code": "ar", "level": "native"}]; a malformed item is skipped, not fatal.
    out: dict[str, str | None] = {}
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            out[item["code"].lower()] = item.get("level") or None
    return out


def _text_list(values: Any) -> tuple[str, ...]:
    return tuple(v for v in (values or []) if isinstance(v, str) and v.strip())


def _or_none(value: str | None) -> str | None:
    return value.strip() or None if value else None


def profile_to_data(profile: Profile, *, blocked: Iterable[str] = ()) -> ProfileData:
    """`blocked`: opportunity ids she must never be shown (mentors she blocked or who blocked her)."""
    role = profile.user.role
    return ProfileData(
        id=str(profile.pk),
        role=role if role in ("jobseeker", "entrepreneur") else "jobseeker",
        bio=profile.bio or "",
        goals=profile.goals or "",
        skills=_text_list(profile.skills),
        languages=_languages(profile.languages),
        city=_or_none(profile.city),
        country=_or_none(profile.country),
        open_to_remote=profile.open_to_remote,
        willing_to_relocate=profile.willing_to_relocate,
        digital_level=profile.digital_level or "beginner",
        business_stage=profile.business_stage or None,
        funding_need_eur=profile.funding_need_eur,
        availability=frozenset(_text_list(profile.availability)),
        needs_childcare=profile.needs_childcare,
        prefers_woman_mentor=profile.prefers_woman_mentor,
        blocked=frozenset(blocked),
    )


def training_to_data(training: Training) -> OpportunityData:
    return OpportunityData(
        id=opportunity_id("training", training.pk),
        kind="training",
        title=training.title,
        description=training.description,
        skills=_text_list(training.skills),
        languages=_languages(training.languages),
        city=_or_none(training.city),
        country=_or_none(training.country),
        remote=training.remote or not training.city,
        level=training.level or None,
        audience=training.audience,
        schedule=frozenset(_text_list(training.schedule)),
        childcare_offered=training.childcare_offered,
    )


def financing_to_data(scheme: FinancingScheme) -> OpportunityData:
    return OpportunityData(
        id=opportunity_id("financing", scheme.pk),
        kind="financing",
        title=scheme.title,
        description=scheme.description,
        skills=_text_list(scheme.skills),
        languages=_languages(scheme.languages),
        city=_or_none(scheme.city),
        # Eligibility is by the listed countries; no list means open everywhere.
        country=None,
        remote=scheme.remote or not scheme.city,
        level=None,
        audience=scheme.audience,
        amount_min_eur=scheme.amount_min_eur,
        amount_max_eur=scheme.amount_max_eur,
        stages=_text_list(scheme.stages),
        eligible_countries=frozenset(c.upper() for c in _text_list(scheme.eligible_countries))
        or None,
    )


def job_to_data(role: JobRole) -> OpportunityData:
    return OpportunityData(
        id=opportunity_id("job", role.pk),
        kind="job",
        title=role.title,
        description=role.description,
        skills=_text_list(role.skills),
        languages=_languages(role.languages),
        city=_or_none(role.city),
        country=_or_none(role.country),
        remote=role.remote or not role.city,
        level=role.level or None,
        # Employers' roles are for job seekers (the evaluation format says so too).
        audience="jobseeker",
    )


def mentor_title(mentor: MentorProfile) -> str:
    name = mentor.user.public_name
    return f"{name} — {mentor.headline}" if mentor.headline else name


def mentor_to_data(mentor: MentorProfile, *, free_places: int | None = None) -> OpportunityData:
    return OpportunityData(
        id=opportunity_id("mentor", mentor.pk),
        kind="mentor",
        title=mentor_title(mentor),
        description=mentor.bio,
        skills=_text_list(mentor.expertise),
        # Her levels say how well the mentor speaks, not what a mentee needs: any level will do.
        languages=dict.fromkeys(_languages(mentor.languages)),
        city=_or_none(mentor.city),
        country=_or_none(mentor.country),
        remote=mentor.remote or not mentor.city,
        level=mentor.level or None,
        audience=mentor.audience,
        capacity=mentor.capacity if free_places is None else free_places,
        mentor_gender=mentor.gender or None,
    )


# --- Which rows may be matched --------------------------------------------------------------------


def mentor_free_places(mentor_ids: list[int]) -> dict[int, int]:
    """Free places from mentoring when it provides them, else the declared capacity."""
    try:
        from mentoring.selectors import mentor_free_places as from_mentoring
    except (ImportError, AttributeError):
        from_mentoring = None
    if from_mentoring is not None and mentor_ids:
        return dict(from_mentoring(mentor_profile_ids=mentor_ids))
    return dict(MentorProfile.objects.filter(pk__in=mentor_ids).values_list("pk", "capacity"))


def blocked_user_ids(user: Any) -> set[int]:
    try:
        from mentoring.selectors import blocked_user_ids as from_mentoring
    except (ImportError, AttributeError):
        return set()
    return set(from_mentoring(user=user))


def matchable(kind: str) -> QuerySet[Any]:
    """The rows of a kind that may be shown to anyone: published, open, available."""
    if kind == "training":
        return Training.objects.filter(published=True)
    if kind == "financing":
        return FinancingScheme.objects.filter(published=True)
    if kind == "job":
        # Published, not hidden by reports, from a verified employer (events' definition).
        return JobRole.objects.matchable()
    if kind == "mentor":
        return MentorProfile.objects.filter(available=True).select_related("user")
    raise ValueError(f"unknown kind {kind!r}")


def to_data(kind: str, rows: list[Any]) -> list[OpportunityData]:
    if kind == "mentor":
        places = mentor_free_places([m.pk for m in rows])
        return [mentor_to_data(m, free_places=places.get(m.pk, m.capacity)) for m in rows]
    convert = {"training": training_to_data, "financing": financing_to_data, "job": job_to_data}
    return [convert[kind](row) for row in rows]


def opportunities_of(kind: str, *, ids: Iterable[int] | None = None) -> list[OpportunityData]:
    queryset = matchable(kind).order_by("pk")
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    return to_data(kind, list(queryset))


def opportunity_of(kind: str, object_id: int) -> OpportunityData | None:
    found = opportunities_of(kind, ids=[object_id])
    return found[0] if found else None


def summary_of(opportunity: OpportunityData) -> str:
    """A short plain summary of the description, stored on a Match for display."""
    text = " ".join((opportunity.description or "").split())
    if len(text) > SUMMARY_LENGTH:
        text = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def blocked_opportunities_for(profile: Profile) -> frozenset[str]:
    """Mentors she blocked (or who blocked her) as opportunity ids."""
    user_ids = blocked_user_ids(profile.user)
    if not user_ids:
        return frozenset()
    mentor_ids = MentorProfile.objects.filter(user_id__in=user_ids).values_list("pk", flat=True)
    return frozenset(opportunity_id("mentor", pk) for pk in mentor_ids)
