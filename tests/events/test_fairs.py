from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import Booking, Fair, Registration, RegistrationStatus
from tests.events.factories import (
    BookingFactory,
    FairFactory,
    RegistrationFactory,
    SlotFactory,
    in_days,
)
from tests.factories import OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _fair_fields(**overrides):  # type: ignore[no-untyped-def]
    return {
        "title": "Athens digital jobs fair",
        "description": "Meet employers.",
        "starts_at": in_days(20, 9),
        "ends_at": in_days(20, 17),
        "timezone": "Europe/Athens",
        "city": "Athens",
        "country": "GR",
        "venue": "Technopolis",
        "capacity": 2,
        **overrides,
    }


def test_staff_creates_fair_without_organiser(staff):
    fair = services.fair_create(user=staff, **_fair_fields())
    assert (fair.organiser, fair.created_by, fair.capacity) == (None, staff, 2)


def test_verified_programme_member_creates_fair_for_her_programme(programme_user, programme_org):
    fair = services.fair_create(user=programme_user, organiser=programme_org, **_fair_fields())
    assert fair.organiser == programme_org


def test_unverified_programme_cannot_organise(programme_user, programme_org):
    programme_org.verified = False
    programme_org.save()
    with pytest.raises(PermissionDenied):
        services.fair_create(user=programme_user, organiser=programme_org, **_fair_fields())
    assert Fair.objects.count() == 0


def test_employer_cannot_organise(employer, employer_org):
    with pytest.raises(PermissionDenied):
        services.fair_create(user=employer, organiser=employer_org, **_fair_fields())
    assert Fair.objects.count() == 0


def test_fair_ending_before_it_starts_is_refused(staff):
    with pytest.raises(ValidationError) as exc:
        services.fair_create(user=staff, **_fair_fields(ends_at=in_days(20, 8)))
    assert "ends_at" in exc.value.message_dict
    assert Fair.objects.count() == 0


def test_unknown_time_zone_is_refused(staff):
    with pytest.raises(ValidationError) as exc:
        services.fair_create(user=staff, **_fair_fields(timezone="Europe/Atlantis"))
    assert "timezone" in exc.value.message_dict


def test_fair_needs_a_venue_or_an_online_link(staff):
    with pytest.raises(ValidationError) as exc:
        services.fair_create(user=staff, **_fair_fields(venue="", city="", country=""))
    assert "venue" in exc.value.message_dict
    online = services.fair_create(
        user=staff,
        **_fair_fields(venue="", city="", country="", online_url="https://meet.example.org/x"),
    )
    assert online.location_text == "https://meet.example.org/x"


def test_unverified_employer_cannot_join_a_fair(staff, unverified_org):
    with pytest.raises(ValidationError) as exc:
        services.fair_create(user=staff, employers=[unverified_org], **_fair_fields())
    assert "employers" in exc.value.message_dict
    assert Fair.objects.count() == 0


def test_register_gives_a_seat_while_there_is_room(jobseeker):
    fair = FairFactory(capacity=1)
    registration = services.fair_register(fair=fair, user=jobseeker)
    assert (registration.status, registration.queued_at) == (RegistrationStatus.REGISTERED, None)
    assert len(registration.checkin_code) >= 20


def test_register_when_full_puts_her_on_the_waiting_list(jobseeker, entrepreneur):
    fair = FairFactory(capacity=1)
    services.fair_register(fair=fair, user=jobseeker)
    registration = services.fair_register(fair=fair, user=entrepreneur)
    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.queued_at is not None


def test_register_twice_returns_the_same_registration(jobseeker):
    fair = FairFactory()
    first = services.fair_register(fair=fair, user=jobseeker)
    second = services.fair_register(fair=fair, user=jobseeker)
    assert first.pk == second.pk
    assert Registration.objects.count() == 1


def test_register_for_a_past_fair_is_refused(jobseeker):
    fair = FairFactory(starts_at=timezone.now() - timedelta(days=2))
    with pytest.raises(ValidationError) as exc:
        services.fair_register(fair=fair, user=jobseeker)
    assert "fair" in exc.value.message_dict
    assert Registration.objects.count() == 0


def test_register_for_a_fair_under_way_is_refused(jobseeker):
    fair = FairFactory(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.fair_register(fair=fair, user=jobseeker)


@pytest.mark.parametrize("role_fixture", ["mentor", "employer", "programme_user", "staff"])
def test_only_women_register(request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(PermissionDenied):
        services.fair_register(fair=FairFactory(), user=user)
    assert Registration.objects.count() == 0


def test_cancel_gives_the_seat_to_the_first_in_line_only():
    fair = FairFactory(capacity=1)
    holder, first, second = (ProfileFactory().user for _ in range(3))
    seat = services.fair_register(fair=fair, user=holder)
    services.fair_register(fair=fair, user=first)
    services.fair_register(fair=fair, user=second)
    services.fair_cancel(registration=seat, user=holder)
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {
        holder.pk: RegistrationStatus.CANCELLED,
        first.pk: RegistrationStatus.REGISTERED,
        second.pk: RegistrationStatus.WAITLISTED,
    }


def test_promoted_woman_gets_an_email(django_capture_on_commit_callbacks):
    fair = FairFactory(capacity=1)
    holder, waiting = ProfileFactory().user, ProfileFactory().user
    seat = services.fair_register(fair=fair, user=holder)
    services.fair_register(fair=fair, user=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.fair_cancel(registration=seat, user=holder)
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_seat_email_is_sent_once_when_the_task_runs_twice(django_capture_on_commit_callbacks):
    from events.tasks import notify_seat_freed

    fair = FairFactory(capacity=1)
    holder, waiting = ProfileFactory().user, ProfileFactory().user
    seat = services.fair_register(fair=fair, user=holder)
    promoted = services.fair_register(fair=fair, user=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.fair_cancel(registration=seat, user=holder)
    assert notify_seat_freed(promoted.pk) is False  # a redelivery finds the claim taken
    assert len(mail.outbox) == 1


def test_cancelling_a_waitlisted_place_promotes_nobody():
    fair = FairFactory(capacity=1)
    holder, first, second = (ProfileFactory().user for _ in range(3))
    services.fair_register(fair=fair, user=holder)
    waiting = services.fair_register(fair=fair, user=first)
    services.fair_register(fair=fair, user=second)
    services.fair_cancel(registration=waiting, user=first)
    assert Registration.objects.get(user=second).status == RegistrationStatus.WAITLISTED
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 1


def test_cancel_twice_is_harmless(jobseeker):
    fair = FairFactory(capacity=1)
    seat = services.fair_register(fair=fair, user=jobseeker)
    services.fair_cancel(registration=seat, user=jobseeker)
    again = services.fair_cancel(registration=seat, user=jobseeker)
    assert again.status == RegistrationStatus.CANCELLED


def test_register_again_after_cancelling_reuses_the_row(jobseeker):
    fair = FairFactory(capacity=1)
    seat = services.fair_register(fair=fair, user=jobseeker)
    services.fair_cancel(registration=seat, user=jobseeker)
    again = services.fair_register(fair=fair, user=jobseeker)
    assert (again.pk, again.status) == (seat.pk, RegistrationStatus.REGISTERED)


def test_cancel_someone_elses_registration_is_refused(jobseeker, entrepreneur):
    seat = services.fair_register(fair=FairFactory(), user=jobseeker)
    with pytest.raises(PermissionDenied):
        services.fair_cancel(registration=seat, user=entrepreneur)
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED


def test_cancel_frees_her_interview_slots(jobseeker):
    slot = SlotFactory()
    registration = RegistrationFactory(fair=slot.fair, user=jobseeker)
    BookingFactory(slot=slot, registration=registration)
    services.fair_cancel(registration=registration, user=jobseeker)
    assert Booking.objects.count() == 0


def test_raising_capacity_promotes_the_waiting_list(staff):
    fair = FairFactory(capacity=1)
    users = [ProfileFactory().user for _ in range(3)]
    for user in users:
        services.fair_register(fair=fair, user=user)
    services.fair_update(fair=fair, user=staff, capacity=2)
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 2
    assert Registration.objects.get(user=users[2]).status == RegistrationStatus.WAITLISTED


def test_capacity_below_registered_count_is_refused(staff):
    fair = FairFactory(capacity=2)
    for _ in range(2):
        RegistrationFactory(fair=fair)
    with pytest.raises(ValidationError) as exc:
        services.fair_update(fair=fair, user=staff, capacity=1)
    assert "capacity" in exc.value.message_dict
    fair.refresh_from_db()
    assert fair.capacity == 2


def test_programme_cannot_edit_another_organisers_fair(programme_user):
    fair = FairFactory(organiser=OrganisationFactory(kind="programme"))
    with pytest.raises(PermissionDenied):
        services.fair_update(fair=fair, user=programme_user, title="Mine now")
    fair.refresh_from_db()
    assert fair.title != "Mine now"


def test_a_time_without_offset_is_read_in_the_fairs_time_zone(client_for, staff):
    response = client_for(staff).post(
        "/api/fairs/",
        {
            "title": "Athens digital jobs", "starts_at": "2031-03-14T09:30",
            "ends_at": "2031-03-14T17:00", "timezone": "Europe/Athens", "city": "Athens",
            "country": "GR", "venue": "Technopolis", "capacity": 5,
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    fair = Fair.objects.get()
    athens = ZoneInfo("Europe/Athens")
    assert fair.starts_at == datetime(2031, 3, 14, 9, 30, tzinfo=athens)
    assert fair.ends_at == datetime(2031, 3, 14, 17, 0, tzinfo=athens)


def test_a_time_with_an_offset_is_kept_as_given(client_for, staff):
    response = client_for(staff).post(
        "/api/fairs/",
        {
            "title": "Athens digital jobs", "starts_at": "2031-03-14T09:30:00Z",
            "ends_at": "2031-03-14T17:00:00+02:00", "timezone": "Europe/Athens",
            "city": "Athens", "country": "GR", "venue": "Technopolis", "capacity": 5,
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    fair = Fair.objects.get()
    assert fair.starts_at == datetime(2031, 3, 14, 9, 30, tzinfo=UTC)
    assert fair.ends_at == datetime(2031, 3, 14, 15, 0, tzinfo=UTC)


def test_admin_form_reads_and_shows_times_in_the_fairs_time_zone(staff):
    from events.admin import FairAdminForm

    form = FairAdminForm(
        data={
            "title": "Tokyo fair", "description": "", "starts_at": "2031-03-14 09:30",
            "ends_at": "2031-03-14 17:00", "timezone": "Asia/Tokyo", "city": "Tokyo",
            "country": "JP", "venue": "Hub", "online_url": "", "capacity": "10",
            "published": "on",
        }
    )  # fmt: skip
    assert form.is_valid(), form.errors
    fair = form.save()
    tokyo = ZoneInfo("Asia/Tokyo")
    assert fair.starts_at == datetime(2031, 3, 14, 9, 30, tzinfo=tokyo)
    again = FairAdminForm(instance=fair)
    assert again.initial["starts_at"] == datetime(2031, 3, 14, 9, 30)
