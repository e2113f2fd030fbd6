"""An employer posts, edits, publishes and closes roles from the web dashboard."""

import pytest

from backend.accounts.models import Role as UserRole
from events.models import JobRole, JobRoleStatus
from tests.factories import JobRoleFactory, MembershipFactory, ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(client):
    membership = MembershipFactory(user__role=UserRole.EMPLOYER)
    client.force_login(membership.user)
    return membership


def _role_post(organisation_id, **overrides):
    data = {
        "organisation": organisation_id,
        "title": "Junior web developer",
        "description": "Build and fix pages with HTML, CSS and a little JavaScript.",
        "skills": "HTML, CSS",
        "city": "Athens",
        "country": "GR",
        "level": "intermediate",
        "contract_type": "permanent",
        "salary_min_eur": "",
        "salary_max_eur": "",
        "lang_0": "en",
        "level_0": "B1",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url", ["/employer/roles/new/", "/employer/roles/1/"])
def test_role_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_employer_posts_a_role_as_draft(client, employer):
    assert client.get("/employer/roles/new/").status_code == 200
    response = client.post("/employer/roles/new/", _role_post(employer.organisation_id))
    assert response.status_code == 302
    role = JobRole.objects.get(title="Junior web developer")
    assert (role.organisation_id, role.status) == (employer.organisation_id, JobRoleStatus.DRAFT)
    assert role.skills == ["HTML", "CSS"]
    assert role.languages == [{"code": "en", "level": "B1"}]


def test_dashboard_offers_publish_then_close(client, employer):
    role = JobRoleFactory(organisation=employer.organisation, status=JobRoleStatus.DRAFT)
    html = client.get("/employer/").content.decode()
    assert f'action="/employer/roles/{role.pk}/publish/"' in html
    assert client.post(f"/employer/roles/{role.pk}/publish/").status_code == 302
    role.refresh_from_db()
    assert role.status == JobRoleStatus.PUBLISHED
    html = client.get("/employer/").content.decode()
    assert f'action="/employer/roles/{role.pk}/close/"' in html
    client.post(f"/employer/roles/{role.pk}/close/")
    role.refresh_from_db()
    assert role.status == JobRoleStatus.CLOSED


def test_unverified_employer_sees_why_and_cannot_publish(client, employer):
    employer.organisation.verified = False
    employer.organisation.save()
    role = JobRoleFactory(organisation=employer.organisation, status=JobRoleStatus.DRAFT)
    html = client.get("/employer/").content.decode()
    assert "is not verified yet, so its roles cannot be published" in html
    response = client.post(f"/employer/roles/{role.pk}/publish/", follow=True)
    assert "must be verified by staff before publishing" in response.content.decode()
    role.refresh_from_db()
    assert role.status == JobRoleStatus.DRAFT


def test_bad_role_input_is_400_and_nothing_saved(client, employer):
    response = client.post(
        "/employer/roles/new/", _role_post(employer.organisation_id, title="", lang_0="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Add at least one language." in html
    assert JobRole.objects.count() == 0


def test_employer_edits_her_role(client, employer):
    role = JobRoleFactory(organisation=employer.organisation, status=JobRoleStatus.DRAFT)
    response = client.post(
        f"/employer/roles/{role.pk}/", _role_post(employer.organisation_id, title="Data clerk")
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.title == "Data clerk"


def test_other_organisations_roles_are_404(client, employer):
    other = JobRoleFactory(status=JobRoleStatus.DRAFT)
    assert client.get(f"/employer/roles/{other.pk}/").status_code == 404
    assert client.post(f"/employer/roles/{other.pk}/publish/").status_code == 404
    other.refresh_from_db()
    assert other.status == JobRoleStatus.DRAFT


def test_unknown_action_is_404(client, employer):
    role = JobRoleFactory(organisation=employer.organisation)
    assert client.post(f"/employer/roles/{role.pk}/delete/").status_code == 404


def test_role_pages_are_404_for_women(client):
    client.force_login(ProfileFactory().user)
    assert client.get("/employer/roles/new/").status_code == 404


def test_dashboard_escapes_role_titles(client, employer):
    JobRoleFactory(organisation=employer.organisation, title="<script>alert(1)</script>")
    html = client.get("/employer/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_with_one_organisation_the_form_fills_it_in(client, employer):
    html = client.get("/employer/roles/new/").content.decode()
    assert f'<input type="hidden" name="organisation" value="{employer.organisation_id}"' in html
