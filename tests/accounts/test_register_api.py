import pytest

from backend.accounts.models import Membership, Organisation, User
from backend.profiles.models import MentorProfile, Profile

pytestmark = pytest.mark.django_db

STRONG = "a-long-enough-secret-9"


def register(api_client, **fields):
    payload = {"email": "amina@example.org", "password": STRONG, "role": "jobseeker", **fields}
    return api_client.post("/api/auth/register/", payload, format="json")


def test_register_creates_jobseeker_with_empty_profile(api_client):
    response = register(api_client, email="Amina@Example.org")
    assert response.status_code == 201
    user = User.objects.get()
    assert user.email == "amina@example.org"
    assert Profile.objects.filter(user=user).count() == 1


def test_register_rejects_duplicate_email_case_insensitively(api_client):
    register(api_client)
    response = register(api_client, email="AMINA@example.org")
    assert response.status_code == 400
    assert "email" in response.json()
    assert User.objects.count() == 1


def test_register_mentor_creates_mentor_profile(api_client):
    response = register(api_client, role="mentor")
    assert response.status_code == 201
    assert MentorProfile.objects.filter(user__email="amina@example.org").count() == 1


def test_register_employer_creates_unverified_organisation_with_admin(api_client):
    response = register(api_client, role="employer", organisation_name="Aegean Logistics")
    assert response.status_code == 201
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.kind, organisation.verified) == (
        "Aegean Logistics",
        "employer",
        False,
    )
    assert Membership.objects.get().is_admin is True


def test_register_employer_without_organisation_name_is_refused(api_client):
    response = register(api_client, role="employer")
    assert response.status_code == 400
    assert "organisation_name" in response.json()
    assert User.objects.count() == 0


def test_register_cannot_choose_staff_role(api_client):
    response = register(api_client, role="staff")
    assert response.status_code == 400
    assert "role" in response.json()


def test_register_rejects_weak_password(api_client):
    response = register(api_client, password="12345678")
    assert response.status_code == 400
    assert "password" in response.json()
    assert User.objects.count() == 0


def test_register_rejects_malformed_email(api_client):
    response = register(api_client, email="not-an-email")
    assert response.status_code == 400
    assert "email" in response.json()
