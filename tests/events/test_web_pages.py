"""The browser pages for roles, interviews and check-in, through the Django test client."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.accounts.models import Role as UserRole
from events.models import Booking, Interest, Report
from tests.events.factories import (
    ApplicationFactory,
    BookingFactory,
    FairFactory,
    RegistrationFactory,
    SlotFactory,
)
from tests.factories import JobRoleFactory, OrganisationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _role_form(organisation, **extra):  # type: ignore[no-untyped-def]
    return {
        "organisation": organisation.pk, "title": "Junior tester",
        "description": "Test our web app by hand and write clear bug reports.",
        "skills": "Testing, Excel", "city": "Athens", "country": "GR", "level": "beginner",
        "contract_type": "permanent", "salary_min_eur": "", "salary_max_eur": "",
        "lang_0": "en", "level_0": "B1", **extra,
    }  # fmt: skip


def test_role_form_offers_only_upcoming_fairs_her_organisation_takes_part_in(
    client, employer, employer_org
):
    ours = FairFactory(title="Ours fair", employers=[employer_org])
    FairFactory(title="Someone else's fair")
    past_start = timezone.now() - timedelta(days=3)
    FairFactory(
        title="Past fair", employers=[employer_org], starts_at=past_start,
        ends_at=past_start + timedelta(hours=5),
    )  # fmt: skip
    client.force_login(employer)
    page = client.get("/employer/roles/new/")
    choices = [str(f) for f in page.context["form"].fields["fair"].queryset]
    assert choices == [ours.title]


def test_role_form_posts_a_role_for_a_fair(client, employer, employer_org):
    fair = FairFactory(employers=[employer_org])
    client.force_login(employer)
    response = client.post("/employer/roles/new/", _role_form(employer_org, fair=fair.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert employer_org.roles.get().fair == fair


def test_role_form_refuses_a_fair_her_organisation_is_not_in(client, employer, employer_org):
    fair = FairFactory()
    client.force_login(employer)
    response = client.post("/employer/roles/new/", _role_form(employer_org, fair=fair.pk))
    assert response.status_code == 400
    assert "fair" in response.context["form"].errors
    assert not employer_org.roles.exists()


def test_she_marks_and_unmarks_interest_on_the_role_page(client, jobseeker):
    role = JobRoleFactory()
    client.force_login(jobseeker)
    page = client.post(f"/roles/{role.pk}/interest/", follow=True)
    assert Interest.objects.filter(role=role, profile=jobseeker.profile).exists()
    assert b"Remove from my interests" in page.content
    client.post(f"/roles/{role.pk}/interest/")
    assert not Interest.objects.exists()


def test_she_reports_a_role_from_its_page(client, jobseeker):
    role = JobRoleFactory()
    client.force_login(jobseeker)
    assert b"Report this role" in client.get(f"/roles/{role.pk}/").content
    response = client.post(
        f"/roles/{role.pk}/report/", {"reason": "asks_for_money", "about": "role"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.role, report.reason) == (role, "asks_for_money")


def test_she_reports_the_employer_from_a_role_page(client, jobseeker):
    role = JobRoleFactory()
    client.force_login(jobseeker)
    client.post(f"/roles/{role.pk}/report/", {"reason": "scam", "about": "employer"})
    report = Report.objects.get()
    assert (report.role, report.organisation) == (None, role.organisation)


def test_an_other_report_without_text_shows_the_error_on_the_form(client, jobseeker):
    role = JobRoleFactory()
    client.force_login(jobseeker)
    response = client.post(f"/roles/{role.pk}/report/", {"reason": "other", "text": ""})
    assert response.status_code == 400
    assert "text" in response.context["form"].errors
    assert not Report.objects.exists()


def test_registered_woman_books_and_cancels_a_slot_on_the_fair_page(client, employer_org):
    fair = FairFactory(employers=[employer_org])
    slot = SlotFactory(fair=fair, organisation=employer_org)
    registration = RegistrationFactory(fair=fair)
    client.force_login(registration.user)
    page = client.get(f"/fairs/{fair.pk}/")
    assert f"/fairs/slots/{slot.pk}/book/".encode() in page.content
    page = client.post(f"/fairs/slots/{slot.pk}/book/", follow=True)
    booking = Booking.objects.get(slot=slot, registration=registration)
    assert b"My interviews" in page.content
    assert f"/fairs/bookings/{booking.pk}/cancel/".encode() in page.content
    client.post(f"/fairs/bookings/{booking.pk}/cancel/")
    assert not Booking.objects.exists()


def test_a_slot_someone_holds_is_not_offered_and_cannot_be_booked(client, employer_org):
    fair = FairFactory(employers=[employer_org])
    held = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org)).slot
    registration = RegistrationFactory(fair=fair)
    client.force_login(registration.user)
    assert f"/fairs/slots/{held.pk}/book/".encode() not in client.get(f"/fairs/{fair.pk}/").content
    page = client.post(f"/fairs/slots/{held.pk}/book/", follow=True)
    assert b"Someone else has booked this slot." in page.content


def test_she_cannot_cancel_another_womans_booking(client, jobseeker):
    booking = BookingFactory()
    client.force_login(jobseeker)
    assert client.post(f"/fairs/bookings/{booking.pk}/cancel/").status_code == 404
    assert Booking.objects.exists()


def test_role_people_page_shows_every_field_each_woman_shares(client, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org)
    applicant = ProfileFactory(
        shared_fields=["bio", "goals", "languages", "digital_level", "availability"],
        availability=["morning"],
    )
    ApplicationFactory(role=role, profile=applicant, note="Keen to start")
    ProfileFactory(employers_can_view=True, shared_fields=["city"], bio="Never shown bio")
    client.force_login(employer)
    content = client.get(f"/employer/roles/{role.pk}/people/").content.decode()
    for shown in (applicant.bio, applicant.goals, "ar native", "en B1", "beginner", "morning",
                  applicant.user.email, "Keen to start"):  # fmt: skip
        assert shown in content, shown
    assert "Never shown bio" not in content
    assert "Athens" in content  # the candidate's shared city


def test_another_employer_gets_404_for_role_people(client, other_employer, employer_org):
    role = JobRoleFactory(organisation=employer_org)
    ApplicationFactory(role=role)
    client.force_login(other_employer)
    assert client.get(f"/employer/roles/{role.pk}/people/").status_code == 404


def test_employer_records_an_interview_outcome_in_the_browser(client, employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(
        starts_at=start, ends_at=start + timedelta(hours=6), employers=[employer_org]
    )
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    client.force_login(employer)
    page = client.get("/employer/interviews/")
    assert f"/employer/interviews/{booking.pk}/outcome/".encode() in page.content
    assert booking.registration.user.email.encode() not in page.content  # she has not applied
    client.post(f"/employer/interviews/{booking.pk}/outcome/", {f"b{booking.pk}-outcome": "hired"})
    booking.refresh_from_db()
    assert booking.outcome == "hired"


def test_another_employer_gets_404_recording_an_outcome(client, other_employer, employer_org):
    start = timezone.now() - timedelta(hours=3)
    fair = FairFactory(
        starts_at=start, ends_at=start + timedelta(hours=6), employers=[employer_org]
    )
    booking = BookingFactory(slot=SlotFactory(fair=fair, organisation=employer_org))
    client.force_login(other_employer)
    response = client.post(
        f"/employer/interviews/{booking.pk}/outcome/", {f"b{booking.pk}-outcome": "hired"}
    )
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.outcome == ""


def test_staff_check_in_a_woman_with_her_code(client, staff):
    registration = RegistrationFactory()
    client.force_login(staff)
    response = client.post("/fairs/check-in/", {"code": registration.checkin_code})
    assert response.status_code == 200
    assert b"is checked in" in response.content
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    again = client.post("/fairs/check-in/", {"code": registration.checkin_code})
    assert b"was already checked in" in again.content


def test_an_unknown_code_is_an_error_on_the_check_in_form(client, staff):
    client.force_login(staff)
    response = client.post("/fairs/check-in/", {"code": "nope"})
    assert response.status_code == 400
    assert "Unknown check-in code." in response.context["form"].errors["code"]


def test_an_organiser_cannot_check_in_at_someone_elses_fair(client):
    organiser = OrganisationFactory(kind="programme")
    member = UserFactory(role=UserRole.PROGRAMME)
    organiser.memberships.create(user=member)
    registration = RegistrationFactory()  # a staff-run fair
    client.force_login(member)
    response = client.post("/fairs/check-in/", {"code": registration.checkin_code})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("who", ["jobseeker", "employer"])
def test_check_in_page_is_404_for_women_and_employers(request, client, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/fairs/check-in/").status_code == 404


def test_report_page_is_404_for_employers(client, employer):
    client.force_login(employer)
    assert client.get(f"/roles/{JobRoleFactory().pk}/report/").status_code == 404
