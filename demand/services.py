"""Writes for the women's voice: demand groups, notifying a group that was answered, asks, votes.

The engine's work (encoding, clustering) runs before any transaction opens; storing a run is
atomic. Only aggregates leave this module: memberships are kept for notifying and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backend.accounts.models import WOMEN_ROLES, User
from backend.profiles.models import Profile
from demand.models import (
    ASK_MAX_LENGTH,
    Ask,
    AskStatus,
    AskVote,
    DemandGroup,
    DemandMembership,
    DemandNotification,
    DemandRun,
)
from matching import adapters, ranking
from matching.engine import demand
from matching.engine.types import KINDS, ProfileData, Reason
from matching.models import Match, MatchNotification, MatchStatus

HISTORY_KEPT = 30
# Moderation is by hand: one woman cannot fill the queue.
PENDING_ASKS_MAX = 5
# A group in this run continues one of the previous run if their centroids are this close.
SAME_GROUP_COSINE = 0.9
# Profiles encoded per step when grouping: the command's progress bar advances by this much.
ENCODE_CHUNK = 32
# Publishing these kinds tells the women of the groups they answer (matching.hooks enqueues
# `demand_answered` for them); groups of the other kinds are shown, never notified.
ANSWERED_KINDS = ("training", "financing")


def good_match_score() -> float:
    """Best match below this is "weak": the score is calibrated as P(good fit)."""
    return float(getattr(settings, "DEMAND_GOOD_MATCH_SCORE", 0.5))


def min_group_size() -> int:
    """Groups smaller than this are never shown: a handful of women could be singled out."""
    return int(getattr(settings, "DEMAND_MIN_GROUP_SIZE", 5))


def answer_min_cosine() -> float:
    """A new offer answers a group whose centroid is at least this close to it."""
    return float(getattr(settings, "DEMAND_ANSWER_MIN_COSINE", 0.5))


def roles_for(kind: str) -> list[str]:
    if kind == "job":
        return ["jobseeker"]
    if kind == "financing":
        return ["entrepreneur"]
    return sorted(str(role) for role in WOMEN_ROLES)


def _to_bytes(v: np.ndarray) -> bytes:
    return np.asarray(v, dtype="<f4").tobytes()


def centroid_of(group: DemandGroup) -> np.ndarray:
    return np.frombuffer(bytes(group.centroid), dtype="<f4")


# --- Demand groups ----------------------------------------------------------------------------------


def weak_profiles(*, kind: str) -> list[Profile]:
    """Women whose matches were computed and whose best open match of this kind is weak (or none)."""
    best = dict(
        Match.objects.filter(kind=kind, available=True)
        .exclude(status=MatchStatus.DISMISSED)
        .values("profile_id")
        .annotate(best=Max("score"))
        .values_list("profile_id", "best")
    )
    women = (
        Profile.objects.select_related("user")
        .filter(
            user__role__in=roles_for(kind),
            user__is_active=True,
            match_state__computed_at__isnull=False,
        )
        .order_by("pk")
    )
    threshold = good_match_score()
    return [p for p in women if best.get(p.pk, 0.0) < threshold]


@dataclass
class _Planned:
    kind: str
    size: int
    label: str
    description: str
    facts: demand.Facts
    centroid: np.ndarray
    nearest: tuple[str, int, str, list[Reason]] | None
    members: list[int]


def _vectors(datas: list[ProfileData], advance: Callable[[int], None]) -> np.ndarray:
    """Her profile vectors, encoded in chunks so a progress bar moves with the real work."""
    engine = ranking.engine()
    parts = []
    for at in range(0, len(datas), ENCODE_CHUNK):
        chunk = datas[at : at + ENCODE_CHUNK]
        parts.append(np.asarray(engine.profile_vectors(chunk)[0]))
        advance(len(chunk))
    return np.vstack(parts)


def _plan_kind(
    kind: str, profiles: list[Profile], advance: Callable[[int], None] = lambda _n: None
) -> list[_Planned]:
    if not profiles:
        return []
    datas = [adapters.profile_to_data(p) for p in profiles]
    engine = ranking.engine()
    vectors = _vectors(datas, advance)
    labels = demand.group(vectors, datas, min_size=min_group_size())
    k = int(labels.max()) + 1
    members = [[i for i in range(len(datas)) if labels[i] == g] for g in range(k)]
    names = demand.telling_terms(
        [[t for i in m for t in demand.terms_of(datas[i])] for m in members]
    )
    offers = adapters.opportunities_of(kind)
    offer_vectors = engine.opportunity_vectors(offers)[0] if offers else np.zeros((0, 1))
    planned = []
    for g, rows in enumerate(members):
        group_data: list[ProfileData] = [datas[i] for i in rows]
        facts = demand.facts(group_data)
        center = demand.centroid(vectors[rows])
        label = ", ".join(names[g])
        role = "entrepreneur" if kind == "financing" else _majority_role(group_data)
        nearest = None
        at = demand.nearest(center, offer_vectors)
        if at is not None:
            offer = offers[at]
            _kind, object_id = adapters.split_opportunity_id(offer.id)
            nearest = (kind, object_id, offer.title, demand.misfit(facts, offer, role=role))
        # Stored in English for the admin; pages and exports word it from the facts
        # (demand.wording) in the reader's language.
        description = demand.describe_english(
            demand.describe(
                size=len(rows),
                kind=kind,
                label=label,
                f=facts,
                offer=nearest[2] if nearest else None,
            ),
            nearest[3] if nearest else [],
        )
        planned.append(
            _Planned(
                kind=kind,
                size=len(rows),
                label=label[:200],
                description=description[:500],
                facts=facts,
                centroid=center,
                nearest=nearest,
                members=[int(datas[i].id) for i in rows],
            )
        )
    return planned


def _majority_role(datas: list[ProfileData]) -> str:
    entrepreneurs = sum(d.role == "entrepreneur" for d in datas)
    return "entrepreneur" if entrepreneurs > len(datas) / 2 else "jobseeker"


def _history(
    previous: list[DemandGroup], plan: _Planned, taken: set[int]
) -> list[dict[str, object]]:
    best, best_sim = None, SAME_GROUP_COSINE
    for old in previous:
        if old.kind != plan.kind or old.pk in taken:
            continue
        sim = float(centroid_of(old) @ plan.centroid)
        if sim >= best_sim:
            best, best_sim = old, sim
    if best is None:
        return []
    taken.add(best.pk)
    return list(best.history)[-(HISTORY_KEPT - 1) :]


def demand_recompute(
    *,
    kinds: Iterable[str] = KINDS,
    progress: Callable[[int, int], None] | None = None,
) -> DemandRun:
    """Group the women whose best match of each kind is weak and store the groups as a new run.

    The previous run's groups (and their private memberships) are replaced; each group's size
    history carries over from the previous group it continues. `progress(done, total)` is
    called as profiles are encoded (one step per weak profile per kind) and once more when the
    run is stored.
    """
    kinds = list(kinds)
    for kind in kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
    weak = {kind: weak_profiles(kind=kind) for kind in kinds}
    total = sum(len(p) for p in weak.values()) + 1
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    plans: list[_Planned] = []
    weak_counts = {kind: len(profiles) for kind, profiles in weak.items()}
    for kind, profiles in weak.items():
        plans += _plan_kind(kind, profiles, advance)
    with transaction.atomic():
        previous = list(DemandGroup.objects.all())
        run = DemandRun.objects.create(weak_counts=weak_counts)
        at = run.created_at.isoformat()
        taken: set[int] = set()
        for plan in plans:
            nearest = plan.nearest
            group = DemandGroup.objects.create(
                run=run,
                kind=plan.kind,
                size=plan.size,
                label=plan.label,
                description=plan.description,
                place=plan.facts.place,
                languages=list(plan.facts.languages),
                level=plan.facts.level,
                nearest_kind=nearest[0] if nearest else "",
                nearest_object_id=nearest[1] if nearest else None,
                nearest_title=nearest[2][:200] if nearest else "",
                nearest_why=nearest[3] if nearest else [],
                centroid=_to_bytes(plan.centroid),
                history=[*_history(previous, plan, taken), {"at": at, "size": plan.size}],
            )
            DemandMembership.objects.bulk_create(
                [DemandMembership(group=group, profile_id=pid) for pid in plan.members]
            )
        DemandGroup.objects.filter(pk__in=[g.pk for g in previous]).delete()
    advance(1)
    return run


# --- A new offer answers a group ----------------------------------------------------------------


def _answered_groups(kind: str, object_id: int) -> list[DemandGroup]:
    """The current groups this published offer answers: its vector close to their centroid."""
    if kind not in ANSWERED_KINDS:
        return []
    offer = adapters.opportunity_of(kind, object_id)
    if offer is None:
        return []
    groups = list(DemandGroup.objects.filter(kind=kind))
    if not groups:
        return []
    vector = ranking.engine().opportunity_vectors([offer])[0][0]
    threshold = answer_min_cosine()
    return [g for g in groups if float(centroid_of(g) @ vector) >= threshold]


def demand_notifies(*, profile_id: int, kind: str, object_id: int) -> bool:
    """Whether the email about this offer is the demand one, sent by `demand_answered`.

    For matching's generic "new match" email: when the offer answers a group she is in, that
    email stands down, so she hears once, in the words that say her demand was heard.
    """
    groups = _answered_groups(kind, object_id)
    return DemandMembership.objects.filter(group__in=groups, profile_id=profile_id).exists()


def demand_answered(*, kind: str, object_id: int) -> int:
    """A training or scheme was published: rematch the women of every group it answers and tell
    each of them once. Returns the number of emails sent (0 on a repeat)."""
    from matching.services import match_recompute_for_opportunity

    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    answered = _answered_groups(kind, object_id)
    if not answered:
        return 0
    group_of: dict[int, int] = {}
    for group_id, profile_id in DemandMembership.objects.filter(group__in=answered).values_list(
        "group_id", "profile_id"
    ):
        group_of.setdefault(profile_id, group_id)
    match_recompute_for_opportunity(kind=kind, object_id=object_id, profile_ids=sorted(group_of))
    # Only women for whom it is now a good match hear about it, not everyone near the topic.
    reached = (
        Match.objects.filter(
            kind=kind,
            object_id=object_id,
            profile_id__in=list(group_of),
            available=True,
            score__gte=good_match_score(),
        )
        .exclude(status=MatchStatus.DISMISSED)
        .select_related("profile__user")
        .order_by("profile_id")
    )
    return sum(_notify(match, group_of[match.profile_id]) for match in reached)


def _notify(match: Match, group_id: int) -> bool:
    user = match.profile.user
    if not user.is_active or not user.email:
        return False
    with transaction.atomic():
        _claim, created = DemandNotification.objects.get_or_create(
            profile_id=match.profile_id,
            kind=match.kind,
            object_id=match.object_id,
            defaults={"group_id": group_id},
        )
        if not created:
            return False
        # Matching's own "strong new match" email for the same offer must not come as a second.
        _told, fresh = MatchNotification.objects.get_or_create(
            profile_id=match.profile_id, kind=match.kind, object_id=match.object_id
        )
        if not fresh:
            return False
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = _("Something new for what you were looking for: %(title)s") % {
                "title": match.title
            }
            body = "\n".join(
                [
                    _("Hello %(name)s,") % {"name": user.public_name},
                    "",
                    _(
                        "Many women told us they could not find this, and a programme has just "
                        "published it: %(title)s."
                    )
                    % {"title": match.title},
                    "",
                    match.summary,
                    "",
                    _("Sign in to Pathways to see it among your matches."),
                ]
            )
        send_mail(subject, body + "\n", None, [user.email])
    return True


# --- Asks and votes ---------------------------------------------------------------------------------


def _check_woman(user: User) -> None:
    if not user.is_authenticated or user.role not in WOMEN_ROLES:
        raise PermissionDenied(_("Only job seekers and entrepreneurs can do this."))


def ask_create(*, user: User, text: str) -> Ask:
    """Her one line about what she is missing; hidden until staff approve it."""
    _check_woman(user)
    clean = " ".join(str(text or "").split())
    if not clean:
        raise ValidationError({"text": _("Say in one line what you are missing.")})
    if len(clean) > ASK_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Keep it to %(n)d characters or fewer.") % {"n": ASK_MAX_LENGTH}}
        )
    if Ask.objects.filter(author=user, status=AskStatus.PENDING).count() >= PENDING_ASKS_MAX:
        raise ValidationError(
            {
                "text": _("You have %(n)d asks waiting for review; please wait for them first.")
                % {"n": PENDING_ASKS_MAX}
            }
        )
    return Ask.objects.create(author=user, text=clean)


def ask_vote(*, user: User, ask_id: int) -> AskVote:
    """One vote per woman per approved ask, never for her own. Ask.DoesNotExist if not shown."""
    _check_woman(user)
    ask = Ask.objects.get(pk=ask_id, status=AskStatus.APPROVED)
    if ask.author_id == user.pk:
        raise ValidationError({"ask": _("You cannot vote for your own ask.")})
    try:
        with transaction.atomic():
            return AskVote.objects.create(ask=ask, voter=user)
    except IntegrityError:
        raise ValidationError({"ask": _("You already voted for this.")}) from None


def ask_review(*, ask_ids: Iterable[int], approve: bool) -> int:
    """Staff moderation: approve or reject; returns the number of asks changed."""
    status = AskStatus.APPROVED if approve else AskStatus.REJECTED
    return (
        Ask.objects.filter(pk__in=list(ask_ids))
        .exclude(status=status)
        .update(status=status, reviewed_at=timezone.now())
    )
