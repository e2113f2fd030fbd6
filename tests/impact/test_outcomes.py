from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import User
from impact.models import Outcome
from impact.services import (
    outcome_confirm,
    outcome_from_booking,
    outcome_from_mentorship_end,
    outcome_record,
    outcome_reject,
)
from mentoring.models import Mentorship
from tests.events.factories import ApplicationFactory, BookingFactory, SlotFactory, in_days
from tests.factories import FinancingSchemeFactory, JobRoleFactory
from tests.impact.helpers import match

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_she_records_her_own_outcome_confirmed(jobseeker):
    outcome = outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())
    assert (outcome.recorded_by_role, outcome.confirmed_by_woman) == ("woman", True)


def test_a_future_date_and_an_amount_on_a_job_are_refused_per_field(jobseeker):
    with pytest.raises(ValidationError) as exc:
        outcome_record(
            user=jobseeker,
            woman=jobseeker,
            kind="got_job",
            date=TODAY() + timedelta(days=1),
            amount_eur=100,
        )
    assert set(exc.value.message_dict) == {"date", "amount_eur"}
    assert Outcome.objects.count() == 0


def test_the_same_outcome_twice_is_refused(jobseeker):
    outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())
    with pytest.raises(ValidationError):
        outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())


def test_an_amount_over_ten_million_is_refused(entrepreneur):
    with pytest.raises(ValidationError) as exc:
        outcome_record(
            user=entrepreneur,
            woman=entrepreneur,
            kind="received_funding",
            date=TODAY(),
            amount_eur=10_000_001,
        )
    assert set(exc.value.message_dict) == {"amount_eur"}


def test_ten_million_itself_is_accepted(entrepreneur):
    outcome = outcome_record(
        user=entrepreneur,
        woman=entrepreneur,
        kind="received_funding",
        date=TODAY(),
        amount_eur=10_000_000,
    )
    assert outcome.amount_eur == 10_000_000


def test_a_date_before_her_registration_is_refused(jobseeker):
    with pytest.raises(ValidationError) as exc:
        outcome_record(
            user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY() - timedelta(days=1)
        )
    assert exc.value.message_dict == {
        "date": ["The date cannot be before registering on Pathways."]
    }


def test_the_database_refuses_the_same_outcome_twice(jobseeker):
    Outcome.objects.create(woman=jobseeker, kind="got_job", date=TODAY(), recorded_by_role="woman")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(
            woman=jobseeker, kind="got_job", date=TODAY(), recorded_by_role="woman"
        )


def test_the_database_refuses_two_outcomes_of_one_kind_per_booking():
    booking = BookingFactory(outcome="hired")
    woman = booking.registration.user
    Outcome.objects.create(
        woman=woman, kind="got_job", date=TODAY(), booking=booking, recorded_by_role="employer"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(
            woman=woman,
            kind="got_job",
            date=TODAY() - timedelta(days=3),
            booking=booking,
            recorded_by_role="employer",
        )


def test_after_she_rejects_it_she_can_record_it_again(jobseeker):
    first = outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())
    outcome_reject(user=jobseeker, outcome=first)
    again = outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())
    assert again.pk != first.pk


def test_a_mentor_recording_completion_twice_is_refused_not_a_500(mentor_profile, jobseeker):
    mentorship = Mentorship.objects.create(
        mentee=jobseeker, mentor=mentor_profile, status="accepted"
    )
    kwargs = {"user": mentor_profile.user, "woman": jobseeker, "kind": "mentorship_completed"}
    first = outcome_record(date=TODAY(), mentorship=mentorship, **kwargs)
    outcome_reject(user=jobseeker, outcome=first)
    with pytest.raises(ValidationError):
        outcome_record(date=TODAY(), mentorship=mentorship, **kwargs)


def test_employer_records_a_hire_for_an_applicant_awaiting_her_confirmation(
    employer, employer_org, jobseeker
):
    role = JobRoleFactory(organisation=employer_org)
    ApplicationFactory(role=role, profile=jobseeker.profile)
    m = match(jobseeker.profile, kind="job", object_id=role.pk, status="saved")
    outcome = outcome_record(
        user=employer, woman=jobseeker, kind="got_job", date=TODAY(), role=role
    )
    assert (outcome.recorded_by_role, outcome.confirmed_by_woman, outcome.match) == (
        "employer",
        False,
        m,
    )


def test_employer_cannot_record_for_a_woman_who_never_applied(employer, employer_org, jobseeker):
    role = JobRoleFactory(organisation=employer_org)
    with pytest.raises(PermissionDenied):
        outcome_record(user=employer, woman=jobseeker, kind="got_job", date=TODAY(), role=role)


def test_employer_cannot_record_for_another_employers_role(employer, jobseeker):
    role = JobRoleFactory()
    ApplicationFactory(role=role, profile=jobseeker.profile)
    with pytest.raises(PermissionDenied):
        outcome_record(user=employer, woman=jobseeker, kind="got_job", date=TODAY(), role=role)


def test_programme_records_funding_for_an_entrepreneur_who_engaged(
    programme_user, programme_org, entrepreneur
):
    scheme = FinancingSchemeFactory(organisation=programme_org)
    match(entrepreneur.profile, kind="financing", object_id=scheme.pk, status="requested")
    outcome = outcome_record(
        user=programme_user,
        woman=entrepreneur,
        kind="received_funding",
        date=TODAY(),
        amount_eur=5000,
        financing=scheme,
    )
    assert (outcome.amount_eur, outcome.recorded_by_role) == (5000, "programme")


def test_programme_cannot_record_funding_for_a_woman_only_shown_the_scheme(
    programme_user, programme_org, entrepreneur
):
    scheme = FinancingSchemeFactory(organisation=programme_org)
    match(entrepreneur.profile, kind="financing", object_id=scheme.pk, status="suggested")
    with pytest.raises(PermissionDenied):
        outcome_record(
            user=programme_user,
            woman=entrepreneur,
            kind="received_funding",
            date=TODAY(),
            financing=scheme,
        )


def test_programme_cannot_record_funding_of_another_programmes_scheme(programme_user, entrepreneur):
    scheme = FinancingSchemeFactory()
    match(entrepreneur.profile, kind="financing", object_id=scheme.pk, status="saved")
    with pytest.raises(PermissionDenied):
        outcome_record(
            user=programme_user,
            woman=entrepreneur,
            kind="received_funding",
            date=TODAY(),
            financing=scheme,
        )


def test_mentor_marks_her_accepted_mentorship_completed(mentor_profile, jobseeker):
    mentorship = Mentorship.objects.create(
        mentee=jobseeker, mentor=mentor_profile, status="accepted"
    )
    outcome = outcome_record(
        user=mentor_profile.user,
        woman=jobseeker,
        kind="mentorship_completed",
        date=TODAY(),
        mentorship=mentorship,
    )
    assert outcome.recorded_by_role == "mentor"


def test_mentor_cannot_mark_a_pending_request_completed(mentor_profile, jobseeker):
    mentorship = Mentorship.objects.create(mentee=jobseeker, mentor=mentor_profile)
    with pytest.raises(PermissionDenied):
        outcome_record(
            user=mentor_profile.user,
            woman=jobseeker,
            kind="mentorship_completed",
            date=TODAY(),
            mentorship=mentorship,
        )


def test_she_confirms_and_rejects_and_nobody_else_can(employer, employer_org, jobseeker):
    role = JobRoleFactory(organisation=employer_org)
    ApplicationFactory(role=role, profile=jobseeker.profile)
    outcome = outcome_record(
        user=employer, woman=jobseeker, kind="got_job", date=TODAY(), role=role
    )
    with pytest.raises(PermissionDenied):
        outcome_confirm(user=employer, outcome=outcome)
    assert outcome_confirm(user=jobseeker, outcome=outcome).confirmed_by_woman is True
    assert outcome_reject(user=jobseeker, outcome=outcome).rejected_at is not None


def test_a_booking_outcome_creates_one_unconfirmed_outcome_and_is_idempotent(employer):
    slot = SlotFactory(fair__starts_at=in_days(-2, 9), role=JobRoleFactory())
    booking = BookingFactory(slot=slot, outcome="hired", outcome_recorded_by=employer)
    first = outcome_from_booking(booking=booking)
    assert outcome_from_booking(booking=booking) == first
    assert (first.kind, first.woman, first.confirmed_by_woman, first.role) == (
        "got_job",
        booking.registration.user,
        False,
        slot.role,
    )


def test_a_no_show_creates_no_outcome():
    booking = BookingFactory(outcome="no_show")
    assert outcome_from_booking(booking=booking) is None
    assert Outcome.objects.count() == 0


def test_an_ended_mentorship_becomes_an_unconfirmed_completed_outcome(mentor_profile, jobseeker):
    mentorship = Mentorship.objects.create(
        mentee=jobseeker,
        mentor=mentor_profile,
        status="ended",
        ended_at=timezone.now(),
        ended_by=mentor_profile.user,
    )
    outcome = outcome_from_mentorship_end(mentorship=mentorship)
    assert (
        outcome.kind,
        outcome.confirmed_by_woman,
        outcome.recorded_by,
        outcome.recorded_by_role,
    ) == ("mentorship_completed", False, mentor_profile.user, "mentor")


def test_a_mentorship_she_ended_is_recorded_as_ended_by_her(mentor_profile, jobseeker):
    mentorship = Mentorship.objects.create(
        mentee=jobseeker,
        mentor=mentor_profile,
        status="ended",
        ended_at=timezone.now(),
        ended_by=jobseeker,
    )
    outcome = outcome_from_mentorship_end(mentorship=mentorship)
    assert (outcome.recorded_by, outcome.recorded_by_role, outcome.confirmed_by_woman) == (
        jobseeker,
        "woman",
        False,
    )


def test_deleting_her_account_deletes_her_outcomes(jobseeker):
    outcome_record(user=jobseeker, woman=jobseeker, kind="got_job", date=TODAY())
    User.objects.filter(pk=jobseeker.pk).delete()
    assert Outcome.objects.count() == 0
