"""Reads for matches, each applying who may see what.

A woman sees only her own matches, and only her own language gaps. The other direction
(candidates for an opportunity) shows a woman to an employer only when she consented
(Profile.employers_can_view), and to a mentor only when she consented to that
(Profile.mentors_can_view); either way each reason about her is kept only when it reveals
nothing she did not share (profiles.selectors.reasons_she_shares).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import Q, QuerySet
from django.utils import translation

from backend.accounts.models import WOMEN_ROLES, Role
from backend.catalog.models import Training
from backend.profiles.models import Profile
from backend.profiles.selectors import reasons_she_shares
from matching import adapters, ranking
from matching.engine.columns import CEFR_RANK
from matching.engine.filters import (
    LANGUAGE_NAMES,
    LanguageGap,
    language_course_for,
    language_gap_only,
    teaches_language,
)
from matching.engine.types import KINDS, OpportunityData, Reason
from matching.models import Match, MatchState, MatchStatus

# Her list of items the language level alone hides stays short: the nearest gaps, not a catalogue.
GAPS_PER_KIND = 3
# Rows read per kind (and courses read) to find them: bounded whatever the catalogue's size.
GAP_SCAN_LIMIT = 300
# The kinds a language level can hide: mentors ask no minimum level (adapters.mentor_to_data),
# and financing in none of her languages is ranked last, not hidden (engine.filters).
GAP_KINDS = ("training", "job")
# Which kinds each woman is matched to (jobs: job seekers; financing: entrepreneurs).
KINDS_FOR_ROLE = {
    Role.JOBSEEKER: ("training", "mentor", "job"),
    Role.ENTREPRENEUR: ("training", "mentor", "financing"),
}


def profile_of(*, user: object) -> Profile | None:
    if (
        not getattr(user, "is_authenticated", False)
        or getattr(user, "role", None) not in WOMEN_ROLES
    ):
        return None
    return Profile.objects.filter(user=user).first()


def matches_for(
    *,
    profile: Profile | None,
    kind: str | None = None,
    status: str | None = None,
    include_dismissed: bool = False,
) -> QuerySet[Match]:
    """Her matches, best first. Without a status: everything but what she dismissed."""
    if profile is None:
        return Match.objects.none()
    rows = Match.objects.filter(profile=profile, available=True)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    elif not include_dismissed:
        rows = rows.exclude(status=MatchStatus.DISMISSED)
    # The profile rides along: a job's reasons read her right-to-work answer (reasons_for_her).
    return rows.select_related("profile").order_by("-score", "pk")


def match_state_of(*, profile: Profile | None) -> dict[str, object]:
    """What a UI needs to say "your matches are being updated"."""
    if profile is None:
        return {"recomputing": False, "computed_at": None}
    state = MatchState.objects.filter(profile=profile).first()
    if state is None:
        return {"recomputing": False, "computed_at": None}
    return {"recomputing": state.recomputing, "computed_at": state.computed_at}


def profile_notice(*, profile: Profile | None) -> str | None:
    """Why her matches may be few or weak, in plain words; None when nothing is missing."""
    from django.utils.translation import gettext as _

    if profile is None:
        return _("Write your profile to get matches.")
    if not profile.bio.strip() and not profile.goals.strip() and not profile.skills:
        return _("Tell us about yourself, your goals or your skills to get matches that fit you.")
    if not profile.languages:
        return _("Add the languages you speak: many matches depend on a shared language.")
    if not _any_opportunity_in_her_languages(profile):
        return _(
            "No opportunities are offered in the languages you listed yet: add another "
            "language you speak, even at a basic level."
        )
    if len((profile.bio + " " + profile.goals).split()) < 5 and not profile.skills:
        return _("A few more words about what you want to do would make your matches better.")
    return None


@dataclass(frozen=True)
class Candidate:
    profile: Profile
    score: float
    # Data (code and params): callers word them with matching.reasons.render_reasons.
    reasons: list[Reason]


def _consenting(kind: str) -> QuerySet[Profile]:
    profiles = Profile.objects.select_related("user").filter(user__is_active=True)
    if kind == "mentor":
        # A mentor ranks only the women who said mentors may find them.
        return profiles.filter(user__role__in=sorted(WOMEN_ROLES), mentors_can_view=True)
    roles = ["jobseeker"] if kind == "job" else sorted(WOMEN_ROLES)
    # Employers and programmes see her only with her consent.
    return profiles.filter(user__role__in=roles, employers_can_view=True)


def candidates_for_opportunity(*, kind: str, object_id: int, limit: int = 50) -> list[Candidate]:
    """Women ranked for one opportunity, best first, only those she allowed to be seen by.

    Her hard constraints apply as in her own matches (no shared language, not eligible: not a
    candidate). Reasons are only those that reveal fields she shares (Profile.shared_fields);
    callers decide which fields of each profile to show.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    opportunity = adapters.opportunity_of(kind, object_id)
    if opportunity is None or limit <= 0:
        return []
    excluded = ranking.women_blocked_by(opportunity_kind=kind, object_id=object_id)
    profiles = {
        str(p.pk): p for p in _consenting(kind) if p.is_complete and p.user_id not in excluded
    }
    data = [adapters.profile_to_data(p) for p in profiles.values()]
    scored = ranking.score_candidates(opportunity, data)[:limit]
    return [
        Candidate(
            profile=profiles[c.profile_id],
            score=c.score,
            reasons=[
                Reason(code=r["code"], params=r["params"])
                for r in reasons_she_shares(profile=profiles[c.profile_id], reasons=c.reasons)
            ],
        )
        for c in scored
    ]


# --- Opportunities in her languages, and language gaps -------------------------------------------


def _mentions_any_language(codes: list[str]) -> Q:
    # A cheap pre-filter on the stored JSON text ([{"code": "de", ...}]); the engine decides.
    return reduce(or_, (Q(languages__icontains=json.dumps(code)) for code in codes))


def _her_codes(profile: Profile) -> list[str]:
    return sorted(adapters.profile_to_data(profile).languages)


def _any_opportunity_in_her_languages(profile: Profile) -> bool:
    """False only when there are opportunities for her but none works in a language she listed.

    Checked only when she has no match at all, so the usual page costs one extra query. An item
    that lists no language counts as workable, as in the engine's filters.
    """
    if Match.objects.filter(profile=profile, available=True).exists():
        return True
    codes = _her_codes(profile)
    if not codes:
        return True
    role = getattr(profile.user, "role", Role.JOBSEEKER)
    offered = False
    for kind in KINDS_FOR_ROLE.get(role, KINDS):
        rows = adapters.matchable(kind)
        if rows.filter(Q(languages=[]) | _mentions_any_language(codes)).exists():
            return True
        offered = offered or rows.exists()
    # With nothing offered at all, her languages are not what stands in the way.
    return not offered


@dataclass(frozen=True)
class LanguageGapItem:
    """An item hidden from her only by her level in its language, and a course for it if any."""

    kind: str
    object_id: int
    title: str
    language: str  # ISO 639-1 code
    needed: str
    have: str
    # {"code": "language_gap", ...}: worded with matching.reasons.render_reason.
    reason: Reason
    course_id: int | None = None
    course_title: str | None = None
    # {"code": "language_course", ...} when there is a course.
    course_reason: Reason | None = None


def language_names(code: str) -> set[str]:
    """A language's names as course titles may write them: in English, in itself, and in each
    interface language ("German", "Deutsch", "allemand"...)."""
    english = LANGUAGE_NAMES.get(code.lower())
    info = LANG_INFO.get(code.lower(), {})
    names = {n for n in (english, info.get("name"), info.get("name_local")) if n}
    source = info.get("name") or english
    if source:
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                names.add(translation.gettext(source))
    return names


def _courses_naming(names: set[str]) -> list[OpportunityData]:
    text = reduce(
        or_,
        (
            Q(title__icontains=n)
            | Q(skills__icontains=n)
            | Q(skills__icontains=json.dumps(n)[1:-1])
            for n in names
        ),
    )
    rows = Training.objects.filter(published=True).filter(text).order_by("pk")[:GAP_SCAN_LIMIT]
    return adapters.to_data("training", list(rows))


def language_gaps_for(
    *, profile: Profile | None, kind: str, limit: int = GAPS_PER_KIND
) -> list[LanguageGapItem]:
    """Items of a kind hidden from her only because her level in their language is too low.

    The smallest gaps first (then the items whose skills she lists most, then by id), each with
    a published training that teaches the language at her level or the step above, where one
    exists. Read-time and bounded: a pre-filtered slice of the kind, no encoding.
    """
    if profile is None or kind not in GAP_KINDS or limit <= 0:
        return []
    data = adapters.profile_to_data(profile)
    if not data.languages:
        return []
    rows = adapters.matchable(kind).filter(_mentions_any_language(sorted(data.languages)))
    items = adapters.to_data(kind, list(rows.order_by("pk")[:GAP_SCAN_LIMIT]))
    gaps = [g for g in (language_gap_only(data, o) for o in items) if g is not None]
    if gaps:
        # Read only when there is something to hide: most women have no gap at all.
        dismissed = set(
            Match.objects.filter(
                profile=profile, kind=kind, status=MatchStatus.DISMISSED
            ).values_list("object_id", flat=True)
        )
        gaps = [
            g for g in gaps if adapters.split_opportunity_id(g.opportunity.id)[1] not in dismissed
        ]
    hers = {s.casefold() for s in data.skills}

    def order(gap: LanguageGap) -> tuple[int, int, int]:
        size = CEFR_RANK.get(gap.needed.lower(), 0) - CEFR_RANK.get(gap.have.lower(), 0)
        overlap = sum(1 for skill in gap.opportunity.skills if skill.casefold() in hers)
        return (size, -overlap, adapters.split_opportunity_id(gap.opportunity.id)[1])

    gaps = sorted(gaps, key=order)[:limit]
    if gaps:
        # A course she hid ("not for me") is not suggested back to her.
        hidden = Match.objects.filter(
            profile=profile, kind="training", status=MatchStatus.DISMISSED
        ).values_list("object_id", flat=True)
        data = adapters.profile_to_data(
            profile, blocked={adapters.opportunity_id("training", pk) for pk in hidden}
        )
    courses: dict[str, OpportunityData | None] = {}
    out: list[LanguageGapItem] = []
    for gap in gaps:
        if gap.language not in courses:
            names = language_names(gap.language)
            found = [c for c in _courses_naming(names) if teaches_language(c, names)]
            courses[gap.language] = language_course_for(data, gap.language, names, found)
        course = courses[gap.language]
        params = {"language": gap.language, "needed": gap.needed, "have": gap.have}
        out.append(
            LanguageGapItem(
                kind=kind,
                object_id=adapters.split_opportunity_id(gap.opportunity.id)[1],
                title=gap.opportunity.title,
                language=gap.language,
                needed=gap.needed,
                have=gap.have,
                reason=Reason(code="language_gap", params=dict(params)),
                course_id=adapters.split_opportunity_id(course.id)[1] if course else None,
                course_title=course.title if course else None,
                course_reason=(
                    Reason(
                        code="language_course",
                        params={"title": course.title, "language": gap.language},
                    )
                    if course
                    else None
                ),
            )
        )
    return out
