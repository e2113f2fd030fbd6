import pytest

from events.models import Application, Registration, RegistrationStatus
from tests.events.factories import ApplicationFactory, FairFactory
from tests.factories import JobRoleFactory

pytestmark = pytest.mark.django_db


def test_fair_list_page_shows_upcoming_fairs(client):
    fair = FairFactory(title="Spring fair")
    FairFactory(title="Secret fair", published=False)
    response = client.get("/fairs/")
    assert response.status_code == 200
    assert b"Spring fair" in response.content
    assert b"Secret fair" not in response.content
    assert f"/fairs/{fair.pk}/".encode() in response.content


def test_fair_page_register_then_cancel(client, jobseeker):
    fair = FairFactory(capacity=1)
    client.force_login(jobseeker)
    page = client.get(f"/fairs/{fair.pk}/")
    assert b"fair.ics" in page.content
    response = client.post(f"/fairs/{fair.pk}/register/", follow=True)
    assert b"You are registered." in response.content
    registration = Registration.objects.get()
    assert registration.checkin_code.encode() in response.content
    client.post(f"/fairs/{fair.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_full_fair_page_offers_the_waiting_list(client, jobseeker, entrepreneur):
    fair = FairFactory(capacity=1)
    client.force_login(entrepreneur)
    client.post(f"/fairs/{fair.pk}/register/")
    client.force_login(jobseeker)
    assert b"Join the waiting list" in client.get(f"/fairs/{fair.pk}/").content
    response = client.post(f"/fairs/{fair.pk}/register/", follow=True)
    assert b"number 1 on the waiting list" in response.content


def test_registration_page_rejects_get(client, jobseeker):
    client.force_login(jobseeker)
    assert client.get(f"/fairs/{FairFactory().pk}/register/").status_code == 405


def test_role_page_apply(client, jobseeker):
    role = JobRoleFactory(title="Support engineer")
    client.force_login(jobseeker)
    assert b"Support engineer" in client.get(f"/roles/{role.pk}/").content
    response = client.post(f"/roles/{role.pk}/", {"note": "Hello!"}, follow=True)
    assert b"You have applied" in response.content
    assert Application.objects.get().note == "Hello!"


def test_role_page_long_note_shows_an_error(client, jobseeker):
    role = JobRoleFactory()
    client.force_login(jobseeker)
    response = client.post(f"/roles/{role.pk}/", {"note": "x" * 2001})
    assert response.status_code == 200
    assert Application.objects.count() == 0


def test_draft_role_page_is_404_for_women(client, jobseeker):
    role = JobRoleFactory(status="draft")
    client.force_login(jobseeker)
    assert client.get(f"/roles/{role.pk}/").status_code == 404


def test_employer_dashboard_lists_applications(client, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org, title="Data intern")
    application = ApplicationFactory(role=role)
    ApplicationFactory(note="not for this employer")
    client.force_login(employer)
    response = client.get("/employer/")
    assert b"Data intern" in response.content
    assert application.profile.user.email.encode() in response.content
    assert b"not for this employer" not in response.content


def test_admin_changelists_load(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    for model in ("fair", "registration", "jobrole", "interest", "application", "interviewslot",
                  "booking", "report"):  # fmt: skip
        assert client.get(f"/admin/events/{model}/").status_code == 200, model
