"""Writes for job fairs, roles, applications, interview bookings and reports.

Each service validates, then acts inside its own transaction, then schedules side effects
(matching hooks, emails) with transaction.on_commit so nothing leaks from a rolled-back write.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import Organisation, OrganisationKind, User
from backend.profiles.models import Profile
from backend.profiles.skills import skills_normalise
from events.models import (
    Application,
    ApplicationStatus,
    Booking,
    Fair,
    Interest,
    InterviewOutcome,
    InterviewSlot,
    JobRole,
    JobRoleStatus,
    Registration,
    RegistrationStatus,
    Report,
    ReportReason,
    ReportStatus,
)
from events.permissions import (
    can_manage_employer,
    can_manage_fair,
    can_organise_with,
    is_staff_user,
    is_woman,
)
from matching import hooks as matching_hooks
from matching import services as matching_services

logger = logging.getLogger(__name__)

# Independent reports (one per woman) that take a role out of lists and matching until review.
HIDE_AFTER_REPORTS = 3


def _after_commit(fn: Callable[[], Any]) -> None:
    # robust: a failing hook in another app is logged, never turned into an error for her request.
    transaction.on_commit(fn, robust=True)


def _notify_role_changed(role_id: int) -> None:
    _after_commit(lambda: matching_hooks.opportunity_changed(kind="job", object_id=role_id))


def _match_requested(profile: Profile, role_id: int) -> None:
    _after_commit(
        lambda: matching_services.match_set_status(
            profile=profile, kind="job", object_id=role_id, status="requested"
        )
    )


def _require_woman(user: User) -> None:
    if not is_woman(user):
        raise PermissionDenied(_("Only job seekers and entrepreneurs can do this."))


def _profile_of(user: User) -> Profile:
    _require_woman(user)
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Write your profile first."))
    return profile


# --- Fairs -------------------------------------------------------------------------------------


def _check_employers(employers: Iterable[Organisation]) -> list[Organisation]:
    employers = list(employers)
    bad = [o.name for o in employers if o.kind != OrganisationKind.EMPLOYER or not o.verified]
    if bad:
        raise ValidationError(
            {
                "employers": _("Only verified employers can join a fair: %(names)s.")
                % {"names": ", ".join(bad)}
            }
        )
    return employers


@transaction.atomic
def fair_create(
    *,
    user: User,
    organiser: Organisation | None = None,
    employers: Iterable[Organisation] = (),
    **fields: Any,
) -> Fair:
    if not can_organise_with(user=user, organiser=organiser):
        raise PermissionDenied(_("Only staff and verified start-up programmes organise job fairs."))
    employer_list = _check_employers(employers)
    fair = Fair(organiser=organiser, created_by=user, **fields)
    fair.full_clean()
    fair.save()
    fair.employers.set(employer_list)
    return fair


@transaction.atomic
def fair_update(
    *, fair: Fair, user: User, employers: Iterable[Organisation] | None = None, **fields: Any
) -> Fair:
    if not can_manage_fair(user=user, fair_organiser=fair.organiser):
        raise PermissionDenied(_("You can only change fairs your organisation runs."))
    if "organiser" in fields and fields.pop("organiser") != fair.organiser:
        raise ValidationError({"organiser": _("A fair cannot move to another organiser.")})
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    for name, value in fields.items():
        setattr(fair, name, value)
    fair.full_clean()
    registered = fair.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if fair.capacity < registered:
        raise ValidationError(
            {
                "capacity": _("%(n)d women are already registered; capacity cannot be lower.")
                % {"n": registered}
            }
        )
    fair.save()
    if employers is not None:
        fair.employers.set(_check_employers(employers))
    _promote_waitlisted(fair)
    return fair


def _promote_waitlisted(fair: Fair) -> list[int]:
    """Give free seats to the first in line. The caller holds the fair row lock."""
    registered = fair.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    free = fair.capacity - registered
    if free <= 0:
        return []
    promoted = list(
        fair.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("queued_at", "id")
        .values_list("id", flat=True)[:free]
    )
    if promoted:
        Registration.objects.filter(id__in=promoted).update(
            status=RegistrationStatus.REGISTERED,
            queued_at=None,
            seat_notified_at=None,
            updated_at=timezone.now(),
        )
        from events.tasks import notify_seat_freed

        for registration_id in promoted:
            _after_commit(lambda rid=registration_id: notify_seat_freed.delay(rid))
    return promoted


def fair_register(*, fair: Fair, user: User) -> Registration:
    """Register her, or put her on the waiting list when the fair is full. Idempotent."""
    # Employers see her through her profile (what she shares): no profile, no seat.
    _profile_of(user)
    with transaction.atomic():
        # The fair row lock serialises every seat change for this fair (register, cancel, promote).
        fair = Fair.objects.select_for_update().get(pk=fair.pk)
        if not fair.published:
            raise ValidationError({"fair": _("This fair is not open for registration.")})
        if fair.starts_at <= timezone.now():
            raise ValidationError({"fair": _("This fair has already started or is over.")})
        registration = Registration.objects.filter(fair=fair, user=user).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            return registration
        registered = fair.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        full = registered >= fair.capacity
        status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED
        queued_at = timezone.now() if full else None
        if registration is None:
            registration = Registration.objects.create(
                fair=fair, user=user, status=status, queued_at=queued_at
            )
        else:
            registration.status, registration.queued_at = status, queued_at
            registration.save(update_fields=["status", "queued_at", "updated_at"])
        return registration


def fair_cancel(*, registration: Registration, user: User) -> Registration:
    """She gives up her seat (or her place in line); a freed seat goes to the first in line."""
    if registration.user_id != user.pk:
        raise PermissionDenied(_("You can only cancel your own registration."))
    with transaction.atomic():
        fair = Fair.objects.select_for_update().get(pk=registration.fair_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if fair.starts_at <= timezone.now():
            raise ValidationError(
                {"fair": _("This fair has already started; it cannot be cancelled.")}
            )
        registration.status = RegistrationStatus.CANCELLED
        registration.queued_at = None
        registration.save(update_fields=["status", "queued_at", "updated_at"])
        # Her interview slots go back to the employers.
        registration.bookings.all().delete()
        _promote_waitlisted(fair)
        return registration


def registration_check_in(*, code: str, user: User) -> tuple[Registration, bool]:
    """Staff (or the organiser) scan her code at the door. Returns (registration, already_in)."""
    registration = (
        Registration.objects.select_related("fair", "fair__organiser", "user")
        .filter(checkin_code=code.strip())
        .first()
    )
    # An unknown code and a fair the scanner does not run look the same: codes must not be probed.
    if registration is None or not can_manage_fair(
        user=user, fair_organiser=registration.fair.organiser
    ):
        raise ValidationError({"code": _("Unknown check-in code.")})
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(
            {
                "code": _("This person has no seat at this fair (%(status)s).")
                % {"status": registration.get_status_display()}
            }
        )
    claimed = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now()
    )
    registration.refresh_from_db(fields=["checked_in_at"])
    return registration, claimed == 0


def registration_notify_seat(*, registration_id: int) -> bool:
    """Tell her once that a freed seat is hers. False when already told or no longer hers."""
    now = timezone.now()
    claimed = Registration.objects.filter(
        pk=registration_id, seat_notified_at__isnull=True, status=RegistrationStatus.REGISTERED
    ).update(seat_notified_at=now)
    if not claimed:
        return False
    registration = Registration.objects.select_related("fair", "user").get(pk=registration_id)
    try:
        send_mail(
            subject=_("A seat is yours: %(title)s") % {"title": registration.fair.title},
            message=_("Good news: a seat at %(title)s was freed and is now yours.")
            % {"title": registration.fair.title},
            from_email=None,
            recipient_list=[registration.user.email],
        )
    except Exception:
        # Release the claim so the task's retry can send it.
        Registration.objects.filter(pk=registration_id, seat_notified_at=now).update(
            seat_notified_at=None
        )
        raise
    return True


def registration_remind(*, registration_id: int) -> bool:
    """Email the day-before reminder once. Returns False when it was already sent (or is moot)."""
    now = timezone.now()
    # Claim first: a second run (beat overlap, redelivery) finds reminded_at set and does nothing.
    claimed = Registration.objects.filter(
        pk=registration_id, reminded_at__isnull=True, status=RegistrationStatus.REGISTERED
    ).update(reminded_at=now)
    if not claimed:
        return False
    registration = Registration.objects.select_related("fair", "user").get(pk=registration_id)
    fair = registration.fair
    local_start = timezone.localtime(fair.starts_at, timezone=_zone(fair.timezone))
    try:
        send_mail(
            subject=_("Tomorrow: %(title)s") % {"title": fair.title},
            message=_(
                "Hello %(name)s,\n\nA reminder that %(title)s starts on %(start)s (%(tz)s) at %(place)s.\n"
                "Bring your check-in code: %(code)s\n"
            )
            % {
                "name": registration.user.public_name,
                "title": fair.title,
                "start": local_start.strftime("%Y-%m-%d %H:%M"),
                "tz": fair.timezone,
                "place": fair.location_text,
                "code": registration.checkin_code,
            },
            from_email=None,
            recipient_list=[registration.user.email],
        )
    except Exception:
        # Release the claim so the retry can send it; the task decides whether to retry.
        Registration.objects.filter(pk=registration_id, reminded_at=now).update(reminded_at=None)
        raise
    return True


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


# --- Roles -------------------------------------------------------------------------------------

ROLE_FIELDS = frozenset(
    {
        "organisation", "title", "description", "skills", "languages", "city", "country", "remote",
        "level", "contract_type", "salary_min_eur", "salary_max_eur", "status", "fair",
    }
)  # fmt: skip


@transaction.atomic
def role_save(*, user: User | None, instance: JobRole | None = None, **fields: Any) -> JobRole:
    """Create (instance None) or edit a role. Unverified employers may draft but not publish."""
    unknown = set(fields) - ROLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if instance is not None:
        role = JobRole.objects.select_for_update().get(pk=instance.pk)
        organisation = role.organisation
    else:
        role = JobRole()
        organisation = fields.get("organisation")
    if user is not None and not can_manage_employer(user=user, organisation=organisation):
        raise PermissionDenied(_("You can only manage your own organisation's roles."))
    if instance is not None and fields.get("organisation", organisation) != organisation:
        raise ValidationError({"organisation": _("A role cannot move to another organisation.")})
    fair = fields.get("fair")
    if (
        fair is not None
        and organisation is not None
        and not fair.employers.filter(pk=organisation.pk).exists()
    ):
        raise ValidationError({"fair": _("Your organisation does not take part in this fair.")})
    previous_status = role.status if instance is not None else None
    if "skills" in fields:
        fields["skills"] = skills_normalise(fields["skills"])
    for name, value in fields.items():
        setattr(role, name, value)
    if role.status == JobRoleStatus.PUBLISHED and (
        organisation is None or not organisation.verified
    ):
        raise ValidationError(
            {"status": _("Your organisation must be verified by staff before publishing.")}
        )
    now = timezone.now()
    if role.status != previous_status:
        if role.status == JobRoleStatus.PUBLISHED:
            role.published_at, role.closed_at = role.published_at or now, None
        elif role.status == JobRoleStatus.CLOSED:
            role.closed_at = now
    role.full_clean()
    role.save()
    _notify_role_changed(role.pk)
    return role


def role_publish(*, role: JobRole, user: User) -> JobRole:
    return role_save(user=user, instance=role, status=JobRoleStatus.PUBLISHED)


def role_close(*, role: JobRole, user: User) -> JobRole:
    return role_save(user=user, instance=role, status=JobRoleStatus.CLOSED)


def _check_open(role: JobRole) -> None:
    if not JobRole.objects.matchable().filter(pk=role.pk).exists():
        raise ValidationError({"role": _("This role is not open.")})


# --- Interest and applications ----------------------------------------------------------------


def interest_add(*, user: User, role: JobRole) -> Interest:
    profile = _profile_of(user)
    _check_open(role)
    interest, _created = Interest.objects.get_or_create(role=role, profile=profile)
    return interest


def interest_remove(*, user: User, interest: Interest) -> None:
    if interest.profile.user_id != user.pk:
        raise PermissionDenied(_("This is not your bookmark."))
    interest.delete()


def application_create(*, user: User, role: JobRole, note: str = "") -> Application:
    """She applies: the employer now sees her email and the fields she chose to share."""
    profile = _profile_of(user)
    with transaction.atomic():
        _check_open(role)
        application = (
            Application.objects.select_for_update().filter(role=role, profile=profile).first()
        )
        if application is not None and application.status == ApplicationStatus.APPLIED:
            raise ValidationError({"role": _("You have already applied for this role.")})
        if application is None:
            application = Application(role=role, profile=profile)
        application.note = note.strip()
        application.status = ApplicationStatus.APPLIED
        application.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError as exc:  # a double click racing the first request
            raise ValidationError({"role": _("You have already applied for this role.")}) from exc
        _match_requested(profile, role.pk)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user: User) -> Application:
    if application.profile.user_id != user.pk:
        raise PermissionDenied(_("This is not your application."))
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.WITHDRAWN, updated_at=timezone.now()
    )
    application.refresh_from_db()
    return application


# --- Interview slots and bookings --------------------------------------------------------------


@transaction.atomic
def slot_create(
    *,
    user: User,
    fair: Fair,
    organisation: Organisation,
    starts_at: datetime,
    ends_at: datetime,
    role: JobRole | None = None,
) -> InterviewSlot:
    if not can_manage_employer(user=user, organisation=organisation):
        raise PermissionDenied(_("You can only offer slots for your own organisation."))
    if not organisation.verified or not fair.employers.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"fair": _("Your organisation is not a participating employer here.")}
        )
    if role is not None and role.organisation_id != organisation.pk:
        raise ValidationError({"role": _("This role belongs to another organisation.")})
    slot = InterviewSlot(
        fair=fair, organisation=organisation, role=role, starts_at=starts_at, ends_at=ends_at
    )
    slot.full_clean()
    if starts_at < fair.starts_at or ends_at > fair.ends_at:
        raise ValidationError(
            {"starts_at": _("The slot must lie within the fair's opening hours.")}
        )
    slot.save()
    return slot


@transaction.atomic
def slot_delete(*, user: User, slot: InterviewSlot) -> None:
    if not can_manage_employer(user=user, organisation=slot.organisation):
        raise PermissionDenied(_("You can only remove your own organisation's slots."))
    slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if Booking.objects.filter(slot=slot).exists():
        raise ValidationError({"slot": _("Someone has booked this slot; it cannot be removed.")})
    slot.delete()


def booking_create(*, user: User, slot: InterviewSlot) -> Booking:
    """Book a slot: never one someone else holds, never two that overlap for her."""
    _profile_of(user)
    with transaction.atomic():
        # Lock order is always her user row, then the fair, then the slot: her concurrent
        # bookings queue up (so the overlap check sees the other), a booking and a cancellation
        # of her seat queue on the fair row (fair_cancel takes it too, so no booking lands on a
        # cancelled registration), and two women racing for one slot queue on it.
        User.objects.select_for_update().filter(pk=user.pk).first()
        Fair.objects.select_for_update().filter(pk=slot.fair_id).first()
        slot = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
        registration = Registration.objects.filter(
            fair_id=slot.fair_id, user=user, status=RegistrationStatus.REGISTERED
        ).first()
        if registration is None:
            raise ValidationError(
                {"slot": _("Register for the fair first; a waiting-list place is not enough.")}
            )
        if slot.starts_at <= timezone.now():
            raise ValidationError({"slot": _("This slot is in the past.")})
        existing = Booking.objects.filter(slot=slot).select_related("registration").first()
        if existing is not None:
            if existing.registration.user_id == user.pk:
                return existing
            raise ValidationError({"slot": _("Someone else has booked this slot.")})
        overlapping = Booking.objects.filter(
            registration__user=user,
            slot__starts_at__lt=slot.ends_at,
            slot__ends_at__gt=slot.starts_at,
        ).exists()
        if overlapping:
            raise ValidationError({"slot": _("You already have an interview at this time.")})
        try:
            with transaction.atomic():
                return Booking.objects.create(slot=slot, registration=registration)
        except IntegrityError as exc:
            raise ValidationError({"slot": _("Someone else has booked this slot.")}) from exc


@transaction.atomic
def booking_cancel(*, user: User, booking: Booking) -> None:
    if booking.registration.user_id != user.pk:
        raise PermissionDenied(_("This is not your booking."))
    if booking.slot.starts_at <= timezone.now():
        raise ValidationError({"slot": _("This interview has already started.")})
    booking.delete()


@transaction.atomic
def booking_outcome_record(*, user: User, booking: Booking, outcome: str) -> Booking:
    if not can_manage_employer(user=user, organisation=booking.slot.organisation):
        raise PermissionDenied(_("Only the interviewing employer records the outcome."))
    if outcome not in InterviewOutcome.values:
        raise ValidationError(
            {"outcome": _("Choose one of: %(c)s.") % {"c": ", ".join(InterviewOutcome.values)}}
        )
    if booking.slot.starts_at > timezone.now():
        raise ValidationError({"outcome": _("Record the outcome after the interview.")})
    booking.outcome = outcome
    booking.outcome_recorded_at = timezone.now()
    booking.outcome_recorded_by = user
    booking.save(update_fields=["outcome", "outcome_recorded_at", "outcome_recorded_by"])
    # Interviewed / offer / hired become outcomes for the impact figures (idempotent).
    from impact.services import outcome_from_booking

    outcome_from_booking(booking=booking)
    return booking


# --- Reports -----------------------------------------------------------------------------------


def report_create(
    *,
    user: User,
    reason: str,
    role: JobRole | None = None,
    organisation: Organisation | None = None,
    text: str = "",
) -> Report:
    """A woman reports a role or an employer. Enough reports hide a role until staff review it."""
    _require_woman(user)
    if (role is None) == (organisation is None):
        raise ValidationError(_("Report either a role or an employer."))
    if role is not None:
        organisation = role.organisation
    if organisation is None or organisation.kind != OrganisationKind.EMPLOYER:
        raise ValidationError(
            {"organisation": _("Only employers and their roles can be reported.")}
        )
    text = text.strip()
    if reason == ReportReason.OTHER and not text:
        raise ValidationError({"text": _("Tell us what is wrong.")})
    with transaction.atomic():
        if role is not None:
            # Serialise reports on one role so the count that hides it is exact.
            role = JobRole.objects.select_for_update().get(pk=role.pk)
        else:
            # The same for reports on one employer.
            organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        duplicate = Report.objects.filter(reporter=user, role=role, organisation=organisation)
        if duplicate.exists():
            raise ValidationError(
                {"role" if role else "organisation": _("You have already reported this.")}
            )
        report = Report(
            reporter=user, role=role, organisation=organisation, reason=reason, text=text
        )
        report.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError as exc:
            raise ValidationError(_("You have already reported this.")) from exc
        if role is not None and not role.hidden:
            reporters = (
                Report.objects.filter(role=role, status=ReportStatus.OPEN)
                .values("reporter")
                .distinct()
                .count()
            )
            if reporters >= HIDE_AFTER_REPORTS:
                JobRole.objects.filter(pk=role.pk).update(hidden=True, updated_at=timezone.now())
                _notify_role_changed(role.pk)
        elif role is None:
            _hide_reported_employer(organisation)
    return report


def _employer_reporters(organisation: Organisation) -> int:
    return (
        Report.objects.filter(
            organisation=organisation, role__isnull=True, status=ReportStatus.OPEN
        )
        .values("reporter")
        .distinct()
        .count()
    )


def _hide_reported_employer(organisation: Organisation) -> None:
    """Enough independent reports against an employer hide all its open roles until review.

    A scam employer posts new roles when one is hidden; the reports are about who posts them.
    """
    if _employer_reporters(organisation) < HIDE_AFTER_REPORTS:
        return
    role_ids = list(
        JobRole.objects.filter(
            organisation=organisation, status=JobRoleStatus.PUBLISHED, hidden=False
        ).values_list("id", flat=True)
    )
    JobRole.objects.filter(pk__in=role_ids).update(hidden=True, updated_at=timezone.now())
    for role_id in role_ids:
        _notify_role_changed(role_id)


def employer_under_review(*, organisation: Organisation) -> bool:
    """True while enough open reports against the employer keep its roles hidden."""
    return _employer_reporters(organisation) >= HIDE_AFTER_REPORTS


@transaction.atomic
def report_review(*, report: Report, reviewer: User, confirm: bool) -> int:
    """Staff decide on a report; for a role, the decision covers all its open reports.

    Clearing brings the role back; confirming closes it for good. Returns reports decided.
    """
    if not is_staff_user(reviewer):
        raise PermissionDenied(_("Only staff review reports."))
    status = ReportStatus.CONFIRMED if confirm else ReportStatus.CLEARED
    now = timezone.now()
    if report.role_id is None:
        scope = Report.objects.filter(
            organisation_id=report.organisation_id, role__isnull=True, status=ReportStatus.OPEN
        ) | Report.objects.filter(pk=report.pk)
        _review_employer_roles(organisation_id=report.organisation_id, confirm=confirm, now=now)
    else:
        scope = Report.objects.filter(role_id=report.role_id, status=ReportStatus.OPEN)
        scope = scope | Report.objects.filter(pk=report.pk)
        role = JobRole.objects.select_for_update().get(pk=report.role_id)
        if confirm:
            role.hidden, role.status, role.closed_at = (
                True,
                JobRoleStatus.CLOSED,
                role.closed_at or now,
            )
        else:
            # Still hidden while the reports against its employer await review.
            role.hidden = employer_under_review(organisation=role.organisation)
        role.save(update_fields=["hidden", "status", "closed_at", "updated_at"])
        _notify_role_changed(role.pk)
    return scope.update(status=status, reviewed_by=reviewer, reviewed_at=now)


def _review_employer_roles(*, organisation_id: int, confirm: bool, now: datetime) -> None:
    """Staff's decision on an employer covers its roles hidden by the reports against it.

    Confirming closes its published roles; clearing brings back those not under their own review.
    """
    roles = JobRole.objects.filter(organisation_id=organisation_id)
    list(roles.select_for_update().values_list("id", flat=True))  # lock before deciding
    if confirm:
        changed = list(roles.filter(status=JobRoleStatus.PUBLISHED).values_list("id", flat=True))
        JobRole.objects.filter(pk__in=changed).update(
            hidden=True, status=JobRoleStatus.CLOSED, closed_at=now, updated_at=now
        )
    else:
        restored = (
            roles.filter(hidden=True, status=JobRoleStatus.PUBLISHED)
            .annotate(
                own_reporters=Count(
                    "reports__reporter",
                    filter=Q(reports__status=ReportStatus.OPEN),
                    distinct=True,
                )
            )
            .filter(own_reporters__lt=HIDE_AFTER_REPORTS)
        )
        changed = list(restored.values_list("id", flat=True))
        JobRole.objects.filter(pk__in=changed).update(hidden=False, updated_at=now)
    for role_id in changed:
        _notify_role_changed(role_id)
