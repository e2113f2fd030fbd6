from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events import services
from events.models import RegistrationStatus
from events.qr import checkin_qr_svg
from tests.events.factories import BookingFactory, FairFactory, RegistrationFactory, SlotFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ATHENS = ZoneInfo("Europe/Athens")


def _athens_fair(**kwargs):  # type: ignore[no-untyped-def]
    return FairFactory(
        title="Athens digital jobs fair",
        starts_at=datetime(2031, 3, 14, 9, 30, tzinfo=ATHENS),
        ends_at=datetime(2031, 3, 14, 17, 0, tzinfo=ATHENS),
        venue="Technopolis",
        city="Athens",
        **kwargs,
    )


def _event(body: bytes):  # type: ignore[no-untyped-def]
    events = Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_fair_ics_parses_with_times_in_the_fairs_zone(client):
    fair = _athens_fair()
    response = client.get(f"/fairs/{fair.pk}/fair.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    event = _event(response.content)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2031, 3, 14, 9, 30, tzinfo=ATHENS)
    assert end == datetime(2031, 3, 14, 17, 0, tzinfo=ATHENS)
    assert event["dtstart"].params["TZID"] == "Europe/Athens"
    assert str(event["uid"]) == f"fair-{fair.pk}@pathways.local"
    assert str(event["summary"]) == "Athens digital jobs fair"
    assert str(event["location"]) == "Technopolis, Athens"


def test_fair_ics_includes_the_time_zone_definition(client):
    fair = _athens_fair()
    calendar = Calendar.from_ical(client.get(f"/fairs/{fair.pk}/fair.ics").content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Athens"]


def test_fair_ics_from_the_api_is_the_same_file(api_client):
    fair = _athens_fair()
    body = api_client.get(f"/api/fairs/{fair.pk}/ics/").content
    assert str(_event(body)["uid"]) == f"fair-{fair.pk}@pathways.local"


def test_ics_of_an_unpublished_fair_is_404(client):
    fair = _athens_fair(published=False)
    assert client.get(f"/fairs/{fair.pk}/fair.ics").status_code == 404


def test_schedule_ics_lists_her_interviews(client_for, jobseeker):
    fair = _athens_fair()
    registration = RegistrationFactory(fair=fair, user=jobseeker)
    slot = SlotFactory(fair=fair)
    BookingFactory(slot=slot, registration=registration)
    response = client_for(jobseeker).get(f"/api/fair-registrations/{registration.pk}/schedule/ics/")
    event = _event(response.content)
    assert event.decoded("dtstart") == slot.starts_at
    assert str(event["summary"]).startswith(slot.organisation.name)


def test_checkin_codes_are_random_and_distinct():
    codes = {RegistrationFactory().checkin_code for _ in range(20)}
    assert len(codes) == 20
    assert all(len(code) >= 22 for code in codes)


def test_qr_svg_encodes_only_the_code():
    svg = checkin_qr_svg(code="abc123")
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert b"abc123" not in svg  # the code is in the modules, not as text


def test_her_qr_endpoint_returns_svg(client_for, jobseeker):
    registration = RegistrationFactory(user=jobseeker)
    response = client_for(jobseeker).get(f"/api/fair-registrations/{registration.pk}/qr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "private, no-store"


def test_another_womans_qr_is_404(client_for, entrepreneur, jobseeker):
    registration = RegistrationFactory(user=jobseeker)
    response = client_for(entrepreneur).get(f"/api/fair-registrations/{registration.pk}/qr/")
    assert response.status_code == 404


def test_staff_check_in_is_idempotent(client_for, staff):
    registration = RegistrationFactory()
    client = client_for(staff)
    first = client.post("/api/check-in/", {"code": registration.checkin_code}, format="json")
    second = client.post("/api/check-in/", {"code": registration.checkin_code}, format="json")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["already_checked_in"] is False
    assert second.json()["already_checked_in"] is True
    assert first.json()["checked_in_at"] == second.json()["checked_in_at"]
    assert first.json()["registration"] == registration.pk


def test_check_in_with_an_unknown_code_is_400(client_for, staff):
    response = client_for(staff).post("/api/check-in/", {"code": "nope"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()


def test_check_in_of_a_waitlisted_woman_is_refused(staff):
    registration = RegistrationFactory(status=RegistrationStatus.WAITLISTED)
    with pytest.raises(ValidationError):
        services.registration_check_in(code=registration.checkin_code, user=staff)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_organiser_checks_in_at_her_own_fair(programme_user, programme_org):
    registration = RegistrationFactory(fair=FairFactory(organiser=programme_org))
    checked, already = services.registration_check_in(
        code=registration.checkin_code, user=programme_user
    )
    assert (checked.pk, already, checked.checked_in_at is not None) == (
        registration.pk,
        False,
        True,
    )


def test_another_programme_cannot_check_in_at_a_fair_it_does_not_run(programme_user):
    other = OrganisationFactory(kind="programme")
    registration = RegistrationFactory(fair=FairFactory(organiser=other))
    with pytest.raises(ValidationError):
        services.registration_check_in(code=registration.checkin_code, user=programme_user)


@pytest.mark.parametrize("who", ["jobseeker", "employer", "mentor"])
def test_check_in_endpoint_refuses_non_staff(request, client_for, who):
    registration = RegistrationFactory()
    user = request.getfixturevalue(who)
    response = client_for(user).post(
        "/api/check-in/", {"code": registration.checkin_code}, format="json"
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None
