"""Writes for matches: recompute (per woman, per opportunity), her decisions, recompute state.

The engine's work (encoding, ranking) runs before any transaction opens; only storing the
result is atomic. Rows she decided on (saved, dismissed, requested, accepted) are never
overwritten or dropped by a recompute, and a dismissed opportunity never comes back as a new
suggestion. Suggestions are kept for the best settings.MATCHES_KEPT_PER_KIND per kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backend.accounts.models import WOMEN_ROLES
from backend.profiles.models import Profile
from matching import adapters, ranking
from matching.engine.types import KINDS, MatchResult, OpportunityData, ProfileData, Reason
from matching.models import (
    DECIDED_STATUSES,
    Match,
    MatchNotification,
    MatchState,
    MatchStatus,
)
from matching.reasons import render_reasons

_UPDATED_FIELDS = ["title", "summary", "score", "reasons", "available", "updated_at"]


def kept_per_kind() -> int:
    return int(getattr(settings, "MATCHES_KEPT_PER_KIND", 50))


def strong_score() -> float:
    """A new match at least this good is worth an email."""
    return float(getattr(settings, "MATCH_NOTIFY_MIN_SCORE", 0.7))


def _clamp(score: float) -> float:
    return min(1.0, max(0.0, float(score)))


def _row(
    profile_id: int, opportunity: OpportunityData, score: float, reasons: list[Reason]
) -> Match:
    kind, object_id = adapters.split_opportunity_id(opportunity.id)
    return Match(
        profile_id=profile_id,
        kind=kind,
        object_id=object_id,
        title=opportunity.title[:200],
        summary=adapters.summary_of(opportunity),
        score=_clamp(score),
        # Stored as data (code and params) and worded when shown, in the reader's language.
        reasons=[{"code": r["code"], "params": dict(r["params"])} for r in reasons],
        available=True,
        updated_at=timezone.now(),
    )


def _upsert(rows: list[Match]) -> None:
    # Status is not among the updated fields: her decision survives any recompute.
    Match.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["profile", "kind", "object_id"],
        update_fields=_UPDATED_FIELDS,
    )


# --- Recompute state ("recomputing" flag) ---------------------------------------------------------


def match_state_mark_requested(*, profile_id: int) -> None:
    if MatchState.objects.filter(profile_id=profile_id).update(requested=F("requested") + 1):
        return
    if not Profile.objects.filter(pk=profile_id).exists():
        return
    try:
        with transaction.atomic():
            MatchState.objects.create(profile_id=profile_id, requested=1)
    except IntegrityError:  # created by a concurrent edit in between
        MatchState.objects.filter(profile_id=profile_id).update(requested=F("requested") + 1)


def _requested_version(profile_id: int) -> int:
    return (
        MatchState.objects.filter(profile_id=profile_id).values_list("requested", flat=True).first()
        or 0
    )


def _mark_computed(profile_id: int, version: int) -> None:
    now = timezone.now()
    state, created = MatchState.objects.get_or_create(
        profile_id=profile_id,
        defaults={"requested": version, "computed": version, "computed_at": now},
    )
    if not created:
        # Never move backwards: a slower, older recompute must not hide a newer one's result.
        MatchState.objects.filter(pk=state.pk, computed__lte=version).update(
            computed=version, computed_at=now
        )


# --- Recompute -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecomputeOutcome:
    kept: dict[str, int]  # kind -> rows stored or updated
    new_strong: list[int]  # ids of matches created now and worth an email


def _dismissed(profile_ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    rows = Match.objects.filter(profile_id__in=profile_ids, status=MatchStatus.DISMISSED)
    for profile_id, kind, object_id in rows.values_list("profile_id", "kind", "object_id"):
        out.setdefault(profile_id, set()).add(adapters.opportunity_id(kind, object_id))
    return out


def _profile_data(profiles: list[Profile]) -> list[ProfileData]:
    # What she dismissed is "blocked" for the engine: it never takes one of her kept places.
    dismissed = _dismissed([p.pk for p in profiles])
    return [
        adapters.profile_to_data(
            p, blocked=adapters.blocked_opportunities_for(p) | dismissed.get(p.pk, set())
        )
        for p in profiles
    ]


def _store_for_profile_kind(
    data: ProfileData,
    kind: str,
    results: list[MatchResult],
    opportunities: dict[str, OpportunityData],
) -> int:
    profile_id = int(data.id)
    results = results[: kept_per_kind()]
    kept = {adapters.split_opportunity_id(r.opportunity_id)[1]: r for r in results}
    decided = [s for s in DECIDED_STATUSES if s != MatchStatus.DISMISSED]
    decided_ids = set(
        Match.objects.filter(profile_id=profile_id, kind=kind, status__in=decided).values_list(
            "object_id", flat=True
        )
    )
    # Her saved or requested items outside the top still get a fresh score if she qualifies.
    outside, more = ranking.rank_subset(data, kind, sorted(decided_ids - set(kept)))
    opportunities = {**opportunities, **more}
    eligible = {**kept, **{adapters.split_opportunity_id(r.opportunity_id)[1]: r for r in outside}}
    rows = [
        _row(profile_id, opportunities[r.opportunity_id], r.score, r.reasons)
        for r in eligible.values()
    ]
    _upsert(rows)
    mine = Match.objects.filter(profile_id=profile_id, kind=kind)
    mine.filter(status=MatchStatus.SUGGESTED).exclude(object_id__in=list(kept)).delete()
    mine.filter(status__in=decided).exclude(object_id__in=list(eligible)).update(available=False)
    return len(rows)


def match_recompute_for_profiles(
    *, profile_ids: list[int], kinds: Iterable[str] = KINDS
) -> dict[int, dict[str, int]]:
    """Rank every matchable opportunity for these women and store the best of each kind.

    Women who are gone (or are not job seekers or entrepreneurs) are skipped quietly. Returns
    profile id -> kind -> rows stored.
    """
    profiles = [
        p
        for p in Profile.objects.select_related("user").filter(pk__in=profile_ids).order_by("pk")
        if p.user.role in WOMEN_ROLES
    ]
    if not profiles:
        return {}
    versions = dict(
        MatchState.objects.filter(profile_id__in=[p.pk for p in profiles]).values_list(
            "profile_id", "requested"
        )
    )
    datas = _profile_data(profiles)
    kinds = list(kinds)
    ranked = ranking.rank_profiles(datas, kinds=kinds, limit=kept_per_kind())
    stored: dict[int, dict[str, int]] = {}
    for data in datas:
        profile_id = int(data.id)
        with transaction.atomic():
            stored[profile_id] = {
                kind: _store_for_profile_kind(
                    data,
                    kind,
                    ranked.results[kind].get(data.id, []),
                    ranked.opportunities[kind],
                )
                for kind in kinds
            }
            _mark_computed(profile_id, versions.get(profile_id, 0))
    return stored


def match_recompute_for_profile(
    *, profile_id: int, kinds: Iterable[str] = KINDS
) -> RecomputeOutcome | None:
    """Her matches of every kind, recomputed and stored; None if she is gone."""
    stored = match_recompute_for_profiles(profile_ids=[profile_id], kinds=kinds)
    if profile_id not in stored:
        return None
    return RecomputeOutcome(kept=stored[profile_id], new_strong=[])


def women_profile_ids(*, roles: Iterable[str] = WOMEN_ROLES) -> list[int]:
    """Active job seekers' and entrepreneurs' profiles, in id order."""
    return list(
        Profile.objects.filter(user__role__in=sorted(roles), user__is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def profile_ids_to_rematch(*, kind: str) -> list[int]:
    """Women whose matches of this kind an opportunity change may touch, in id order."""
    return women_profile_ids(roles=["jobseeker"] if kind == "job" else WOMEN_ROLES)


def match_rebuild_all(
    *,
    kinds: Iterable[str] = KINDS,
    batch_size: int = 100,
    on_batch: Callable[[int], object] | None = None,
) -> int:
    """Every woman's matches, recomputed here in batches (after a bulk import, for the demo, after
    a model change); `on_batch` hears how many profiles each batch held. Returns how many."""
    ids, kinds, size = women_profile_ids(), list(kinds), max(1, batch_size)
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        match_recompute_for_profiles(profile_ids=batch, kinds=kinds)
        if on_batch is not None:
            on_batch(len(batch))
    return len(ids)


def _withdraw(kind: str, object_id: int, profile_ids: list[int] | None) -> None:
    """The opportunity is gone or she no longer qualifies: drop suggestions, keep decisions."""
    rows = Match.objects.filter(kind=kind, object_id=object_id)
    if profile_ids is not None:
        rows = rows.filter(profile_id__in=profile_ids)
    rows.filter(status=MatchStatus.SUGGESTED).delete()
    rows.exclude(status=MatchStatus.SUGGESTED).update(available=False)


def match_recompute_for_opportunity(
    *, kind: str, object_id: int, profile_ids: list[int] | None = None
) -> RecomputeOutcome:
    """Score one changed opportunity for a batch of women (all of them when None).

    It enters her list only if it beats her weakest kept suggestion of that kind (or she has
    room); then her weakest is dropped, so the cap holds without re-ranking everything.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    opportunity = adapters.opportunity_of(kind, object_id)
    if opportunity is None:
        _withdraw(kind, object_id, profile_ids)
        return RecomputeOutcome(kept={kind: 0}, new_strong=[])
    if profile_ids is None:
        profile_ids = profile_ids_to_rematch(kind=kind)
    profiles = list(Profile.objects.select_related("user").filter(pk__in=profile_ids))
    profiles = [p for p in profiles if p.user.role in WOMEN_ROLES]
    excluded = ranking.women_blocked_by(opportunity_kind=kind, object_id=object_id)
    # Dismissed rows are skipped below rather than blocked, so they keep their place.
    datas = [adapters.profile_to_data(p) for p in profiles if p.user_id not in excluded]
    # Stored as her matches, so the reasons speak to her, not to the employer or mentor.
    scored = {
        c.profile_id: c for c in ranking.score_candidates(opportunity, datas, wording="woman")
    }
    cap = kept_per_kind()
    existing = dict(
        Match.objects.filter(
            kind=kind, object_id=object_id, profile_id__in=profile_ids
        ).values_list("profile_id", "status")
    )
    room = {
        row["profile_id"]: (row["n"], row["weakest"])
        for row in Match.objects.filter(
            kind=kind, status=MatchStatus.SUGGESTED, profile_id__in=[int(pid) for pid in scored]
        )
        .exclude(object_id=object_id)
        .values("profile_id")
        .annotate(n=Count("pk"), weakest=Min("score"))
    }
    rows: list[Match] = []
    admitted: list[int] = []
    for profile in profiles:
        candidate = scored.get(str(profile.pk))
        status = existing.get(profile.pk)
        if candidate is None:
            continue
        if status == MatchStatus.DISMISSED:
            continue
        count, weakest = room.get(profile.pk, (0, None))
        if status is None and count >= cap and weakest is not None and candidate.score <= weakest:
            continue
        rows.append(_row(profile.pk, opportunity, candidate.score, candidate.reasons))
        if status is None:
            admitted.append(profile.pk)
    with transaction.atomic():
        gone = [pid for pid in profile_ids if str(pid) not in scored]
        if gone:
            _withdraw(kind, object_id, gone)
        _upsert(rows)
        for profile_id in admitted:
            if room.get(profile_id, (0, None))[0] >= cap:
                _drop_weakest(profile_id, kind, keep=cap)
        new_strong = list(
            Match.objects.filter(
                kind=kind,
                object_id=object_id,
                profile_id__in=admitted,
                status=MatchStatus.SUGGESTED,
                score__gte=strong_score(),
            ).values_list("pk", flat=True)
        )
        if new_strong:
            from matching import tasks

            transaction.on_commit(lambda: tasks.enqueue_match_notifications(new_strong))
    return RecomputeOutcome(kept={kind: len(rows)}, new_strong=new_strong)


def _drop_weakest(profile_id: int, kind: str, *, keep: int) -> None:
    suggestions = Match.objects.filter(
        profile_id=profile_id, kind=kind, status=MatchStatus.SUGGESTED
    )
    surplus = suggestions.order_by("score", "-pk").values_list("pk", flat=True)
    total = suggestions.count()
    if total > keep:
        Match.objects.filter(pk__in=list(surplus[: total - keep])).delete()


# --- Her decisions ---------------------------------------------------------------------------------


def match_set_status(*, profile: Profile, kind: str, object_id: int, status: str) -> Match:
    """Set the status of her match to an opportunity, creating the row if she had none.

    Mentoring sets "requested"/"accepted", events may set "saved"; a row created here (she asked
    a mentor who was not among her suggestions) is scored so it ranks sensibly in her lists.
    """
    if kind not in KINDS:
        raise ValidationError({"kind": _("Unknown kind of opportunity.")})
    if status not in MatchStatus.values:
        raise ValidationError({"status": _("Unknown match status.")})
    with transaction.atomic():
        match = (
            Match.objects.select_for_update()
            .filter(profile=profile, kind=kind, object_id=object_id)
            .first()
        )
        if match is None:
            opportunity = adapters.opportunity_of(kind, object_id)
            if opportunity is None:
                raise ValidationError({"object_id": _("This opportunity is not open.")})
            data = adapters.profile_to_data(profile)
            found = ranking.score_candidates(opportunity, [data], wording="woman")
            score, reasons = (found[0].score, found[0].reasons) if found else (0.0, [])
            match = _row(profile.pk, opportunity, score, reasons)
            match.status = status
            try:
                with transaction.atomic():
                    match.save()
            except IntegrityError:  # created concurrently; set the status on that one
                match = Match.objects.get(profile=profile, kind=kind, object_id=object_id)
        if match.status != status:
            match.status = status
            match.save(update_fields=["status", "updated_at"])
    return match


# A woman cannot undo, by saving or dismissing, what a mentor already acted on.
_LOCKED = frozenset({MatchStatus.REQUESTED, MatchStatus.ACCEPTED})


def _decide(match: Match, status: str) -> Match:
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.status in _LOCKED:
            raise ValidationError(
                {"status": _("You already asked for this; it can no longer be saved or dismissed.")}
            )
        if match.status != status:
            match.status = status
            match.save(update_fields=["status", "updated_at"])
    return match


def match_save(*, match: Match) -> Match:
    return _decide(match, MatchStatus.SAVED)


def match_dismiss(*, match: Match) -> Match:
    """Dismissed: hidden from her lists and never suggested again, whatever recomputes."""
    return _decide(match, MatchStatus.DISMISSED)


# --- Notifications ---------------------------------------------------------------------------------


def match_notify(*, match_id: int) -> bool:
    """Email her about a strong new match; False when it is gone, decided, or already sent.

    The claim row and the email share a transaction: if sending fails the claim is rolled back
    and a retry may send; once committed, no delivery of this task sends again.
    """
    match = Match.objects.select_related("profile__user").filter(pk=match_id).first()
    if match is None or match.status != MatchStatus.SUGGESTED or not match.available:
        return False
    user = match.profile.user
    if not user.is_active or not user.email:
        return False
    from demand.services import demand_notifies

    if demand_notifies(profile_id=match.profile_id, kind=match.kind, object_id=match.object_id):
        return False  # what women like her asked for now exists: voice.demand_answered tells her
    with transaction.atomic():
        _claim, created = MatchNotification.objects.get_or_create(
            profile_id=match.profile_id, kind=match.kind, object_id=match.object_id
        )
        if not created:
            return False
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = _("A new match for you: %(title)s") % {"title": match.title}
            body = _strong_match_body(match, user.public_name)
        send_mail(subject, body, None, [user.email])
    return True


def _strong_match_body(match: Match, name: str) -> str:
    lines = [
        _("Hello %(name)s,") % {"name": name},
        "",
        _("We found a new %(kind)s that fits your profile well: %(title)s.")
        % {"kind": match.get_kind_display().lower(), "title": match.title},
        "",
        match.summary,
    ]
    if match.reasons:
        reasons = render_reasons(match.reasons_for_her)
        lines += ["", _("Why it fits you:"), *(f"- {reason}" for reason in reasons)]
    lines += ["", _("Sign in to Pathways to see all your matches, save this one or hide it.")]
    return "\n".join(lines) + "\n"


def match_prepare_opportunity(*, kind: str, object_id: int) -> None:
    """Encode a changed opportunity once, before batches of women are scored against it."""
    ranking.prepare_opportunity(kind, object_id)
