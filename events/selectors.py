"""Reads for fairs, roles and what employers may see, already limited to the viewer."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from backend.accounts.models import OrganisationKind, User
from backend.profiles.models import SHAREABLE_FIELDS, Profile
from events.models import (
    Application,
    ApplicationStatus,
    Booking,
    Fair,
    Interest,
    InterviewSlot,
    JobRole,
    Registration,
    RegistrationStatus,
    Report,
)
from events.permissions import is_staff_user, is_woman
from matching.reasons import render_reasons
from matching.selectors import candidates_for_opportunity

# --- What an employer sees of a woman ----------------------------------------------------------


def profile_public_view(*, profile: Profile, applied: bool) -> dict[str, Any]:
    """The single place that decides what an employer sees of a woman.

    - Before she applies, only if she opted in (employers_can_view), and only her shared fields.
    - Once she applies (or books an interview), her email and her shared fields.
    - Never right_to_work, country or anything outside SHAREABLE_FIELDS, whatever is stored.
    An empty dict means: show nothing at all.
    """
    if not applied and not profile.employers_can_view:
        return {}
    shared = set(profile.shared_fields or ()) & set(SHAREABLE_FIELDS)
    view: dict[str, Any] = {"profile_id": profile.pk}
    for field in SHAREABLE_FIELDS:  # fixed order, whitelisted names only
        if field not in shared:
            continue
        source = profile.user if field == "display_name" else profile
        value = getattr(source, field)
        # Copies, so a caller editing the dict cannot write back into the profile's JSON.
        view[field] = (
            [dict(v) if isinstance(v, dict) else v for v in value]
            if isinstance(value, list)
            else value
        )
    if applied:
        view["email"] = profile.user.email
    return view


# --- Fairs -------------------------------------------------------------------------------------


def fairs_visible(*, user: User) -> QuerySet[Fair]:
    qs = Fair.objects.select_related("organiser")
    if is_staff_user(user):
        return qs
    org_ids = my_organisation_ids(user=user)
    if org_ids:
        return qs.filter(Q(published=True) | Q(organiser_id__in=org_ids))
    return qs.filter(published=True)


def fair_seats(*, fair: Fair) -> dict[str, int]:
    counts = dict(
        fair.registrations.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    registered = counts.get(RegistrationStatus.REGISTERED, 0)
    return {
        "registered": registered,
        "waitlisted": counts.get(RegistrationStatus.WAITLISTED, 0),
        "free": max(fair.capacity - registered, 0),
    }


def registration_of(*, fair: Fair, user: User) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(fair=fair, user=user).first()


def registrations_of(*, user: User) -> QuerySet[Registration]:
    """Her registrations, each with how many are ahead of her in line (one query for the list)."""
    ahead = (
        Registration.objects.filter(
            fair_id=OuterRef("fair_id"), status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(queued_at__lt=OuterRef("queued_at"))
            | Q(queued_at=OuterRef("queued_at"), id__lt=OuterRef("id"))
        )
        .order_by()
        .values("fair_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Registration.objects.filter(user=user)
        .select_related("fair")
        .annotate(n_ahead=Coalesce(Subquery(ahead), 0))
        .order_by("fair__starts_at", "id")
    )


def waitlist_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        fair_id=registration.fair_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_due_reminder(*, now: Any = None) -> QuerySet[Registration]:
    """Registered, not yet reminded, fair starting within the next day."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminded_at__isnull=True,
        fair__published=True,
        fair__starts_at__gt=now,
        fair__starts_at__lte=now + timedelta(days=1),
    )


def schedule_of(*, user: User, fair: Fair | None = None) -> QuerySet[Booking]:
    qs = Booking.objects.filter(registration__user=user).select_related(
        "slot", "slot__organisation", "slot__role", "slot__fair"
    )
    if fair is not None:
        qs = qs.filter(slot__fair=fair)
    return qs.order_by("slot__starts_at", "id")


# --- Roles -------------------------------------------------------------------------------------


def my_organisation_ids(*, user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(user.memberships.values_list("organisation_id", flat=True))


def roles_visible(*, user: User) -> QuerySet[JobRole]:
    """Open roles for everyone; members also see all their own organisation's roles."""
    qs = JobRole.objects.select_related("organisation", "fair")
    if is_staff_user(user):
        return qs
    open_roles = Q(status="published", hidden=False, organisation__verified=True)
    org_ids = my_organisation_ids(user=user)
    if org_ids:
        return qs.filter(open_roles | Q(organisation_id__in=org_ids))
    return qs.filter(open_roles)


def roles_managed(*, user: User) -> QuerySet[JobRole]:
    return JobRole.objects.select_related("organisation", "fair").filter(
        organisation_id__in=my_organisation_ids(user=user),
        organisation__kind=OrganisationKind.EMPLOYER,
    )


def applications_for_role(*, role: JobRole) -> list[dict[str, Any]]:
    """The women who applied (and have not withdrawn), as the employer may see them."""
    applications = (
        Application.objects.filter(role=role, status=ApplicationStatus.APPLIED)
        .select_related("profile", "profile__user")
        .order_by("created_at", "id")
    )
    return [
        {
            "id": a.pk,
            "created_at": a.created_at,
            "note": a.note,
            "candidate": profile_public_view(profile=a.profile, applied=True),
        }
        for a in applications
    ]


def candidates_for_role(*, role: JobRole, limit: int = 50) -> list[dict[str, Any]]:
    """Ranked candidates from matching: only women who let employers see them, each reason only
    when it reveals nothing she did not share (both applied by candidates_for_opportunity)."""
    ranked = candidates_for_opportunity(kind="job", object_id=role.pk, limit=limit)
    applied_ids = set(
        Application.objects.filter(
            role=role,
            status=ApplicationStatus.APPLIED,
            profile_id__in=[c.profile.pk for c in ranked],
        ).values_list("profile_id", flat=True)
    )
    return [
        {
            "score": round(float(c.score), 4),
            "reasons": render_reasons(c.reasons),
            "applied": c.profile.pk in applied_ids,
            "candidate": profile_public_view(
                profile=c.profile, applied=c.profile.pk in applied_ids
            ),
        }
        for c in ranked
    ]


def applications_of(*, user: User) -> QuerySet[Application]:
    return Application.objects.filter(profile__user=user).select_related(
        "role", "role__organisation"
    )


def interests_of(*, user: User) -> QuerySet[Interest]:
    return Interest.objects.filter(profile__user=user).select_related("role", "role__organisation")


# --- Slots, bookings, reports ------------------------------------------------------------------


def slots_visible(*, user: User) -> QuerySet[InterviewSlot]:
    """Women see slots of fairs they can see; employers also see their own slots."""
    qs = InterviewSlot.objects.select_related("organisation", "role", "fair", "booking")
    if is_staff_user(user):
        return qs
    fair_ids = fairs_visible(user=user).values("id")
    org_ids = my_organisation_ids(user=user)
    return qs.filter(Q(fair_id__in=fair_ids) | Q(organisation_id__in=org_ids))


def bookings_of(*, user: User) -> QuerySet[Booking]:
    return schedule_of(user=user)


def _applied_to_organisation(profile_ref: Any, organisation_ref: Any) -> Exists:
    return Exists(
        Application.objects.filter(
            profile=profile_ref,
            role__organisation=organisation_ref,
            status=ApplicationStatus.APPLIED,
        )
    )


def interviews_for_employer(*, user: User) -> QuerySet[Booking]:
    """Interviews at her organisations' slots, each knowing whether the woman applied there."""
    return (
        Booking.objects.filter(slot__organisation_id__in=my_organisation_ids(user=user))
        .select_related(
            "slot", "slot__organisation", "slot__role", "slot__fair", "registration__user__profile"
        )
        .annotate(
            applied_here=_applied_to_organisation(
                OuterRef("registration__user__profile"), OuterRef("slot__organisation")
            )
        )
    )


def interview_candidate(*, booking: Booking) -> dict[str, Any]:
    """What the interviewing employer sees of her.

    Booking a slot is not applying: her email shows only once she has applied to one of the
    employer's roles; before that, what she lets employers see (possibly nothing).
    """
    try:
        profile = booking.registration.user.profile
    except Profile.DoesNotExist:  # bookings made before a profile was required
        return {}
    applied = getattr(booking, "applied_here", None)
    if applied is None:
        applied = Application.objects.filter(
            profile=profile,
            role__organisation_id=booking.slot.organisation_id,
            status=ApplicationStatus.APPLIED,
        ).exists()
    return profile_public_view(profile=profile, applied=bool(applied))


def reports_of(*, user: User) -> QuerySet[Report]:
    if not is_woman(user):
        return Report.objects.none()
    return Report.objects.filter(reporter=user).select_related("role", "organisation")


def open_slots(*, fair: Fair) -> QuerySet[InterviewSlot]:
    """Slots of the fair nobody holds yet and that have not started."""
    return (
        InterviewSlot.objects.filter(fair=fair, booking__isnull=True, starts_at__gt=timezone.now())
        .select_related("organisation", "role")
        .order_by("starts_at", "id")
    )
