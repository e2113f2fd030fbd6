from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import Booking, InterviewOutcome, InterviewSlot, RegistrationStatus
from impact.models import Outcome
from tests.events.factories import (
    ApplicationFactory,
    BookingFactory,
    FairFactory,
    RegistrationFactory,
    SlotFactory,
)
from tests.factories import JobRoleFactory, OrganisationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(employer_org):  # type: ignore[no-untyped-def]
    return FairFactory(employers=[employer_org])


def _slot_payload(fair, organisation, minutes=60, length=20, **extra):  # type: ignore[no-untyped-def]
    start = fair.starts_at + timedelta(minutes=minutes)
    return {
        "fair": fair.pk,
        "organisation": organisation.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=length)).isoformat(),
        **extra,
    }


def test_participating_employer_offers_a_slot(client_for, employer, employer_org, fair):
    role = JobRoleFactory(organisation=employer_org)
    payload = _slot_payload(fair, employer_org, role=role.pk)
    response = client_for(employer).post("/api/slots/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert InterviewSlot.objects.get().role == role


def test_employer_not_at_the_fair_cannot_offer_slots(client_for, employer, employer_org):
    fair = FairFactory()
    response = client_for(employer).post(
        "/api/slots/", _slot_payload(fair, employer_org), format="json"
    )
    assert response.status_code == 400
    assert "fair" in response.json()
    assert InterviewSlot.objects.count() == 0


def test_slot_outside_the_fair_hours_is_refused(client_for, employer, employer_org, fair):
    payload = _slot_payload(fair, employer_org, minutes=-60)
    response = client_for(employer).post("/api/slots/", payload, format="json")
    assert response.status_code == 400
    assert InterviewSlot.objects.count() == 0


def test_slot_ending_before_it_starts_is_refused(client_for, employer, employer_org, fair):
    payload = _slot_payload(fair, employer_org, length=-10)
    response = client_for(employer).post("/api/slots/", payload, format="json")
    assert response.status_code == 400
    assert "ends_at" in response.json()


def test_slot_for_another_organisations_role_is_refused(client_for, employer, employer_org, fair):
    payload = _slot_payload(fair, employer_org, role=JobRoleFactory().pk)
    response = client_for(employer).post("/api/slots/", payload, format="json")
    assert response.status_code == 400
    assert "role" in response.json()


def test_registered_woman_books_a_slot(client_for, jobseeker, fair, employer_org):
    RegistrationFactory(fair=fair, user=jobseeker)
    slot = SlotFactory(fair=fair, organisation=employer_org)
    response = client_for(jobseeker).post("/api/bookings/", {"slot": slot.pk}, format="json")
    assert response.status_code == 201
    assert Booking.objects.get().slot == slot


def test_booking_a_slot_she_already_holds_is_idempotent(jobseeker, fair):
    RegistrationFactory(fair=fair, user=jobseeker)
    slot = SlotFactory(fair=fair)
    first = services.booking_create(user=jobseeker, slot=slot)
    assert services.booking_create(user=jobseeker, slot=slot).pk == first.pk


def test_a_slot_someone_else_holds_cannot_be_booked(jobseeker, fair):
    slot = SlotFactory(fair=fair)
    BookingFactory(slot=slot)
    RegistrationFactory(fair=fair, user=jobseeker)
    with pytest.raises(ValidationError) as exc:
        services.booking_create(user=jobseeker, slot=slot)
    assert "someone else" in exc.value.message_dict["slot"][0].lower()
    assert Booking.objects.count() == 1


def test_overlapping_slots_are_refused(jobseeker, fair):
    RegistrationFactory(fair=fair, user=jobseeker)
    first = SlotFactory(fair=fair)
    overlapping = SlotFactory(fair=fair, starts_at=first.starts_at + timedelta(minutes=10))
    services.booking_create(user=jobseeker, slot=first)
    with pytest.raises(ValidationError):
        services.booking_create(user=jobseeker, slot=overlapping)
    assert Booking.objects.count() == 1


def test_back_to_back_slots_are_fine(jobseeker, fair):
    RegistrationFactory(fair=fair, user=jobseeker)
    first = SlotFactory(fair=fair)
    second = SlotFactory(fair=fair, starts_at=first.ends_at)
    services.booking_create(user=jobseeker, slot=first)
    services.booking_create(user=jobseeker, slot=second)
    assert Booking.objects.count() == 2


def test_waitlisted_woman_cannot_book(jobseeker, fair):
    RegistrationFactory(fair=fair, user=jobseeker, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(ValidationError):
        services.booking_create(user=jobseeker, slot=SlotFactory(fair=fair))
    assert Booking.objects.count() == 0


def test_unregistered_woman_cannot_book(client_for, jobseeker, fair):
    slot = SlotFactory(fair=fair)
    response = client_for(jobseeker).post("/api/bookings/", {"slot": slot.pk}, format="json")
    assert response.status_code == 400
    assert "slot" in response.json()


def test_past_slot_cannot_be_booked(jobseeker):
    start = timezone.now() - timedelta(hours=1)
    fair = FairFactory(starts_at=start, ends_at=start + timedelta(hours=5))
    RegistrationFactory(fair=fair, user=jobseeker)
    with pytest.raises(ValidationError):
        services.booking_create(user=jobseeker, slot=SlotFactory(fair=fair))


def test_her_schedule_is_in_time_order(client_for, jobseeker, fair):
    registration = RegistrationFactory(fair=fair, user=jobseeker)
    late = SlotFactory(fair=fair, starts_at=fair.starts_at + timedelta(hours=3))
    early = SlotFactory(fair=fair, starts_at=fair.starts_at + timedelta(hours=1))
    BookingFactory(slot=late, registration=registration)
    BookingFactory(slot=early, registration=registration)
    BookingFactory(slot=SlotFactory(fair=fair))  # someone else's
    client = client_for(jobseeker)
    schedule = client.get(f"/api/fair-registrations/{registration.pk}/schedule/").json()
    assert [b["slot"] for b in schedule] == [early.pk, late.pk]
    listed = client.get(f"/api/bookings/?fair={fair.pk}").json()["results"]
    assert [b["slot"] for b in listed] == [early.pk, late.pk]


def test_she_cancels_her_booking_and_the_slot_is_free_again(client_for, jobseeker, fair):
    registration = RegistrationFactory(fair=fair, user=jobseeker)
    booking = BookingFactory(slot=SlotFactory(fair=fair), registration=registration)
    client = client_for(jobseeker)
    assert client.delete(f"/api/bookings/{booking.pk}/").status_code == 204
    available = client.get(f"/api/slots/?fair={fair.pk}&available=true").json()["results"]
    assert [s["id"] for s in available] == [booking.slot_id]


def test_slot_list_query_count_does_not_grow(
    client_for, jobseeker, fair, django_assert_max_num_queries
):
    for i in range(12):
        slot = SlotFactory(fair=fair, starts_at=fair.starts_at + timedelta(minutes=30 * i))
        if i % 2:
            BookingFactory(slot=slot)
    with django_assert_max_num_queries(5):
        response = client_for(jobseeker).get(f"/api/slots/?fair={fair.pk}")
    assert [s["booked"] for s in response.json()["results"]] == [bool(i % 2) for i in range(12)]


def test_booked_slot_cannot_be_removed(employer, employer_org, fair):
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    with pytest.raises(ValidationError):
        services.slot_delete(user=employer, slot=booking.slot)
    assert InterviewSlot.objects.count() == 1


def test_employer_records_an_outcome_after_the_interview(client_for, employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(
        starts_at=start, ends_at=start + timedelta(hours=6), employers=[employer_org]
    )
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    response = client_for(employer).patch(
        f"/api/outcomes/{booking.pk}/", {"outcome": "offer"}, format="json"
    )
    assert response.status_code == 200, response.json()
    booking.refresh_from_db()
    assert (booking.outcome, booking.outcome_recorded_by) == (InterviewOutcome.OFFER, employer)


def test_outcome_before_the_interview_is_refused(employer, employer_org, fair):
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    with pytest.raises(ValidationError):
        services.booking_outcome_record(user=employer, booking=booking, outcome="hired")
    booking.refresh_from_db()
    assert booking.outcome == ""


def test_unknown_outcome_is_refused(client_for, employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(starts_at=start, ends_at=start + timedelta(hours=6))
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    response = client_for(employer).patch(
        f"/api/outcomes/{booking.pk}/", {"outcome": "maybe"}, format="json"
    )
    assert response.status_code == 400
    assert "outcome" in response.json()


def test_another_employers_interview_is_404(client_for, employer):
    booking = BookingFactory(slot=SlotFactory(organisation=OrganisationFactory()))
    client = client_for(employer)
    assert client.get(f"/api/outcomes/{booking.pk}/").status_code == 404
    assert (
        client.patch(
            f"/api/outcomes/{booking.pk}/", {"outcome": "hired"}, format="json"
        ).status_code
        == 404
    )


def test_employer_interview_list_shows_what_she_shares_and_her_email_once_she_applied(
    client_for, employer, employer_org
):
    booking = BookingFactory(slot=SlotFactory(organisation=employer_org))
    profile = booking.registration.user.profile
    profile.shared_fields = ["city"]
    profile.right_to_work = "yes"
    profile.save()
    ApplicationFactory(role=JobRoleFactory(organisation=employer_org), profile=profile)
    rows = client_for(employer).get("/api/outcomes/").json()["results"]
    assert rows[0]["candidate"] == {
        "profile_id": profile.pk,
        "city": "Athens",
        "email": profile.user.email,
    }


def test_booking_a_slot_without_applying_shows_no_email(client_for, employer, employer_org):
    fair = FairFactory(employers=[employer_org])
    her = ProfileFactory(employers_can_view=True, shared_fields=["city"]).user
    RegistrationFactory(fair=fair, user=her)
    slot = SlotFactory(fair=fair, organisation=employer_org)
    ApplicationFactory(profile=her.profile)  # to another employer: not this one's business
    withdrawn = ApplicationFactory(
        role=JobRoleFactory(organisation=employer_org), profile=her.profile
    )
    withdrawn.status = "withdrawn"
    withdrawn.save()
    assert (
        client_for(her).post("/api/bookings/", {"slot": slot.pk}, format="json").status_code == 201
    )
    rows = client_for(employer).get("/api/outcomes/").json()["results"]
    assert rows[0]["candidate"] == {"profile_id": her.profile.pk, "city": "Athens"}


def test_booking_a_slot_without_consent_or_application_shows_nothing(
    client_for, employer, employer_org
):
    booking = BookingFactory(slot=SlotFactory(organisation=employer_org))
    rows = client_for(employer).get("/api/outcomes/").json()["results"]
    assert rows[0]["candidate"] == {}
    assert booking.registration.user.email not in str(rows)


def test_a_woman_without_a_profile_can_neither_register_nor_book(client_for, employer_org):
    fair = FairFactory(employers=[employer_org])
    slot = SlotFactory(fair=fair, organisation=employer_org)
    her = UserFactory(role="jobseeker")
    client = client_for(her)
    registered = client.post(f"/api/fairs/{fair.pk}/register/")
    assert registered.status_code == 400
    assert "Write your profile first." in str(registered.json())
    RegistrationFactory(fair=fair, user=her)  # a seat taken before profiles were required
    booked = client.post("/api/bookings/", {"slot": slot.pk}, format="json")
    assert booked.status_code == 400
    assert "Write your profile first." in str(booked.json())
    assert not Booking.objects.exists()


def test_interview_list_survives_a_booking_by_a_woman_without_a_profile(
    client_for, employer, employer_org
):
    fair = FairFactory(employers=[employer_org])
    registration = RegistrationFactory(fair=fair, user=UserFactory(role="jobseeker"))
    Booking.objects.create(
        slot=SlotFactory(fair=fair, organisation=employer_org), registration=registration
    )
    response = client_for(employer).get("/api/outcomes/")
    assert response.status_code == 200
    assert response.json()["results"][0]["candidate"] == {}


def test_a_corrected_outcome_stops_the_earlier_one_counting(client_for, employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(
        starts_at=start, ends_at=start + timedelta(hours=6), employers=[employer_org]
    )
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    client = client_for(employer)
    url = f"/api/outcomes/{booking.pk}/"
    assert client.patch(url, {"outcome": "hired"}, format="json").status_code == 200
    assert list(Outcome.objects.values_list("kind", flat=True)) == ["got_job"]
    assert client.patch(url, {"outcome": "no_show"}, format="json").status_code == 200
    assert not Outcome.objects.exists()
    assert client.patch(url, {"outcome": "offer"}, format="json").status_code == 200
    assert list(Outcome.objects.values_list("kind", flat=True)) == ["job_offer"]


def test_a_corrected_outcome_keeps_what_she_confirmed(client_for, employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(
        starts_at=start, ends_at=start + timedelta(hours=6), employers=[employer_org]
    )
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    client = client_for(employer)
    url = f"/api/outcomes/{booking.pk}/"
    client.patch(url, {"outcome": "hired"}, format="json")
    Outcome.objects.update(confirmed_by_woman=True)
    client.patch(url, {"outcome": "interviewed"}, format="json")
    assert sorted(Outcome.objects.values_list("kind", flat=True)) == ["got_job", "interviewed"]


def test_only_the_interviewing_employer_records_outcomes(other_employer):
    booking = BookingFactory()
    with pytest.raises(PermissionDenied):
        services.booking_outcome_record(user=other_employer, booking=booking, outcome="hired")
