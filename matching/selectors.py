"""Reads for matches, each applying who may see what.

A woman sees only her own matches. The other direction (candidates for an opportunity) shows a
woman to an employer only when she consented (Profile.employers_can_view); mentors are ranked
against all women with a complete profile because mentoring shows a mentor only the women who
asked her.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from backend.accounts.models import WOMEN_ROLES
from backend.profiles.models import Profile
from matching import adapters, ranking
from matching.engine.types import KINDS, Reason
from matching.models import Match, MatchState, MatchStatus


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
    return rows.order_by("-score", "pk")


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
        return profiles.filter(user__role__in=sorted(WOMEN_ROLES))
    roles = ["jobseeker"] if kind == "job" else sorted(WOMEN_ROLES)
    # Everyone who is not her mentor sees her only with her consent.
    return profiles.filter(user__role__in=roles, employers_can_view=True)


def candidates_for_opportunity(*, kind: str, object_id: int, limit: int = 50) -> list[Candidate]:
    """Women ranked for one opportunity, best first, only those she allowed to be seen by.

    Her hard constraints apply as in her own matches (no shared language, not eligible: not a
    candidate). Callers decide which fields of each profile to show (Profile.shared_fields).
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
        Candidate(profile=profiles[c.profile_id], score=c.score, reasons=c.reasons) for c in scored
    ]
