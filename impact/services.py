"""Writes for outcomes: who may record what for whom, and her confirmation or rejection."""

from datetime import date as Date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import WOMEN_ROLES, OrganisationKind, User
from backend.accounts.models import Role as UserRole
from backend.accounts.selectors import is_member
from backend.catalog.models import FinancingScheme, Training
from events.models import Application, ApplicationStatus, Booking, InterviewOutcome, JobRole
from events.permissions import is_staff_user
from impact.models import (
    MAX_AMOUNT_EUR,
    OriginRegion,
    Outcome,
    OutcomeKind,
    RecorderRole,
    StatisticsConsent,
)
from matching.models import Match, MatchStatus
from mentoring.models import Mentorship, MentorshipStatus

EMPLOYER_KINDS = frozenset({OutcomeKind.GOT_JOB, OutcomeKind.INTERVIEWED, OutcomeKind.JOB_OFFER})
PROGRAMME_KINDS = frozenset({OutcomeKind.RECEIVED_FUNDING, OutcomeKind.FINISHED_TRAINING})
# A Match in one of these means she engaged with the opportunity, not merely was shown it.
ENGAGED_STATUSES = (MatchStatus.SAVED, MatchStatus.REQUESTED, MatchStatus.ACCEPTED)
# One answer for "not yours to record" and "no such woman", so ids cannot be probed.
NOT_ALLOWED = _("You cannot record this outcome for this person.")
BOOKING_KINDS = {
    InterviewOutcome.INTERVIEWED: OutcomeKind.INTERVIEWED,
    InterviewOutcome.OFFER: OutcomeKind.JOB_OFFER,
    InterviewOutcome.HIRED: OutcomeKind.GOT_JOB,
}


def _match_for(
    woman: User,
    *,
    training: Training | None,
    financing: FinancingScheme | None,
    role: JobRole | None,
    mentorship: Mentorship | None,
) -> Match | None:
    if training is not None:
        kind, object_id = "training", training.pk
    elif financing is not None:
        kind, object_id = "financing", financing.pk
    elif role is not None:
        kind, object_id = "job", role.pk
    elif mentorship is not None:
        kind, object_id = "mentor", mentorship.mentor_id
    else:
        return None
    return Match.objects.filter(profile__user=woman, kind=kind, object_id=object_id).first()


def _engaged_with(woman: User, *, kind: str, object_id: int) -> bool:
    return Match.objects.filter(
        profile__user=woman, kind=kind, object_id=object_id, status__in=ENGAGED_STATUSES
    ).exists()


def _recorder_role(
    *,
    user: User,
    woman: User,
    kind: str,
    training: Training | None,
    financing: FinancingScheme | None,
    role: JobRole | None,
    mentorship: Mentorship | None,
) -> str:
    """Which hat the recorder wears for this outcome; PermissionDenied if none fits."""
    if user.pk == woman.pk:
        return RecorderRole.WOMAN
    if is_staff_user(user):
        return RecorderRole.STAFF
    if user.role == UserRole.EMPLOYER and kind in EMPLOYER_KINDS and role is not None:
        org = role.organisation
        if org.kind == OrganisationKind.EMPLOYER and is_member(user=user, organisation=org):
            applied = Application.objects.filter(
                role=role, profile__user=woman, status=ApplicationStatus.APPLIED
            ).exists()
            interviewed = Booking.objects.filter(
                registration__user=woman, slot__organisation=org
            ).exists()
            if applied or interviewed:
                return RecorderRole.EMPLOYER
    if user.role == UserRole.PROGRAMME and kind in PROGRAMME_KINDS:
        item = financing if kind == OutcomeKind.RECEIVED_FUNDING else training
        item_kind = "financing" if kind == OutcomeKind.RECEIVED_FUNDING else "training"
        if (
            item is not None
            and is_member(user=user, organisation=item.organisation)
            and _engaged_with(woman, kind=item_kind, object_id=item.pk)
        ):
            return RecorderRole.PROGRAMME
    if (
        user.role == UserRole.MENTOR
        and kind == OutcomeKind.MENTORSHIP_COMPLETED
        and mentorship is not None
        and mentorship.mentor_user_id == user.pk
        and mentorship.mentee_id == woman.pk
        and mentorship.status in (MentorshipStatus.ACCEPTED, MentorshipStatus.ENDED)
    ):
        return RecorderRole.MENTOR
    raise PermissionDenied(NOT_ALLOWED)


def _validate(
    *,
    woman: User,
    kind: str,
    date: Date,
    amount_eur: int | None,
    mentorship: Mentorship | None,
) -> None:
    errors: dict[str, str] = {}
    if woman.role not in WOMEN_ROLES:
        errors["woman"] = _("Outcomes are recorded for job seekers and entrepreneurs only.")
    if kind not in OutcomeKind.values:
        errors["kind"] = _("Choose one of: %(c)s.") % {"c": ", ".join(OutcomeKind.values)}
    if date > timezone.localdate():
        errors["date"] = _("The date cannot be in the future.")
    elif date < timezone.localdate(woman.created_at):
        errors["date"] = _("The date cannot be before registering on Pathways.")
    if amount_eur is not None:
        if kind != OutcomeKind.RECEIVED_FUNDING:
            errors["amount_eur"] = _("An amount is only recorded for funding received.")
        elif amount_eur < 0:
            errors["amount_eur"] = _("The amount cannot be negative.")
        elif amount_eur > MAX_AMOUNT_EUR:
            errors["amount_eur"] = _("The amount cannot be more than %(max)s EUR.") % {
                "max": f"{MAX_AMOUNT_EUR:,}"
            }
    if mentorship is not None and mentorship.mentee_id != woman.pk:
        errors["mentorship"] = _("This mentorship is not hers.")
    if errors:
        raise ValidationError(errors)


def outcome_record(
    *,
    user: User,
    woman: User,
    kind: str,
    date: Date,
    amount_eur: int | None = None,
    training: Training | None = None,
    financing: FinancingScheme | None = None,
    role: JobRole | None = None,
    mentorship: Mentorship | None = None,
) -> Outcome:
    """She records her own outcome (confirmed); others record one that awaits her confirmation.

    Permission comes before validation: someone who may not record for her learns nothing
    about her (not her registration date, not whether she exists) from the errors.
    """
    links = {"training": training, "financing": financing, "role": role, "mentorship": mentorship}
    recorder_role = _recorder_role(user=user, woman=woman, kind=kind, **links)
    _validate(woman=woman, kind=kind, date=date, amount_eur=amount_eur, mentorship=mentorship)
    duplicate = ValidationError({"kind": _("This outcome is already recorded.")})
    try:
        with transaction.atomic():
            # Her row locked: two concurrent requests for her are checked one after the other
            # (the unique constraints catch what this misses, e.g. on SQLite).
            list(User.objects.select_for_update().filter(pk=woman.pk).values_list("pk"))
            if Outcome.objects.filter(
                woman=woman, kind=kind, date=date, rejected_at__isnull=True, **links
            ).exists():
                raise duplicate
            return Outcome.objects.create(
                woman=woman,
                kind=kind,
                date=date,
                amount_eur=amount_eur,
                match=_match_for(woman, **links),
                recorded_by=user,
                recorded_by_role=recorder_role,
                confirmed_by_woman=recorder_role == RecorderRole.WOMAN,
                **links,
            )
    except IntegrityError as exc:
        raise duplicate from exc


def _require_hers(user: User, outcome: Outcome) -> None:
    if outcome.woman_id != user.pk:
        raise PermissionDenied(_("Only she can confirm or reject her outcomes."))
    if outcome.rejected_at is not None:
        raise ValidationError({"outcome": _("You already said this did not happen.")})


def outcome_confirm(*, user: User, outcome: Outcome) -> Outcome:
    _require_hers(user, outcome)
    if not outcome.confirmed_by_woman:
        outcome.confirmed_by_woman = True
        outcome.save(update_fields=["confirmed_by_woman"])
    return outcome


def outcome_reject(*, user: User, outcome: Outcome) -> Outcome:
    _require_hers(user, outcome)
    outcome.rejected_at = timezone.now()
    outcome.confirmed_by_woman = False
    outcome.save(update_fields=["rejected_at", "confirmed_by_woman"])
    return outcome


def outcome_from_booking(*, booking: Booking) -> Outcome | None:
    """After an employer records an interview outcome: the matching Outcome, awaiting her word.

    Idempotent per (booking, kind), and a row she rejected is not re-created.
    """
    kind = BOOKING_KINDS.get(booking.outcome)
    # A corrected outcome (hired, then no-show) replaces what the employer said before: the
    # earlier records she has not confirmed stop counting. Her confirmed or rejected word stays.
    Outcome.objects.filter(
        booking=booking, confirmed_by_woman=False, rejected_at__isnull=True
    ).exclude(kind=kind).delete()
    if kind is None:
        return None
    woman = booking.registration.user
    role = booking.slot.role
    recorded_at = booking.outcome_recorded_at or timezone.now()
    outcome, _created = Outcome.objects.get_or_create(
        booking=booking,
        kind=kind,
        defaults={
            "woman": woman,
            "date": timezone.localdate(recorded_at),
            "role": role,
            "match": _match_for(woman, training=None, financing=None, role=role, mentorship=None),
            "recorded_by": booking.outcome_recorded_by,
            "recorded_by_role": RecorderRole.EMPLOYER,
        },
    )
    return outcome


def _ender_role(mentorship: Mentorship) -> str:
    """Who ended it, as the recorder of the outcome: the mentor, the mentee, or staff."""
    if mentorship.ended_by_id is not None and mentorship.ended_by_id == mentorship.mentor_user_id:
        return RecorderRole.MENTOR
    if mentorship.ended_by_id is not None and mentorship.ended_by_id == mentorship.mentee_id:
        return RecorderRole.WOMAN
    return RecorderRole.STAFF


def outcome_from_mentorship_end(*, mentorship: Mentorship) -> Outcome | None:
    """An ended mentorship is recorded as completed, by whoever ended it.

    Unconfirmed even when she ended it herself: ending is not the same as completing, so she
    still says whether it was a completed mentorship.
    """
    if mentorship.status != MentorshipStatus.ENDED:
        return None
    ended_at = mentorship.ended_at or timezone.now()
    outcome, _created = Outcome.objects.get_or_create(
        mentorship=mentorship,
        kind=OutcomeKind.MENTORSHIP_COMPLETED,
        defaults={
            "woman_id": mentorship.mentee_id,
            "date": timezone.localdate(ended_at),
            "match": Match.objects.filter(
                profile__user_id=mentorship.mentee_id,
                kind="mentor",
                object_id=mentorship.mentor_id,
            ).first(),
            "recorded_by_id": mentorship.ended_by_id,
            "recorded_by_role": _ender_role(mentorship),
        },
    )
    return outcome


def statistics_consent_set(
    *, user: User, share_origin: bool, origin_region: str, share_right_to_work: bool
) -> StatisticsConsent:
    """Her choice to be counted in breakdowns by origin region and right to work.

    Turning origin off forgets the region too: nothing is kept that she no longer shares.
    """
    if user.role not in WOMEN_ROLES:
        raise PermissionDenied(_("Only job seekers and entrepreneurs are counted in breakdowns."))
    region = origin_region if share_origin else ""
    if share_origin and region not in OriginRegion.values:
        raise ValidationError({"origin_region": _("Choose the region you come from.")})
    with transaction.atomic():
        consent, _created = StatisticsConsent.objects.select_for_update().get_or_create(woman=user)
        consent.share_origin = share_origin
        consent.origin_region = region
        consent.share_right_to_work = share_right_to_work
        consent.save()
    return consent
