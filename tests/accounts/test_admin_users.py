import pytest

from backend.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase-7"


def _add(client, email: str):  # type: ignore[no-untyped-def]
    admin = UserFactory(role="staff", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client.post(
        "/admin/accounts/user/add/",
        {"email": email, "role": "jobseeker", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_admin_refuses_an_email_that_differs_only_in_case_with_a_clear_message(client):
    UserFactory(email="amina@example.org")
    response = _add(client, "AMINA@example.org")
    assert response.status_code == 200
    assert "An account with this email address already exists." in response.content.decode()
    assert User.objects.filter(email__iexact="amina@example.org").count() == 1


def test_admin_stores_a_new_email_lower_cased(client):
    response = _add(client, "Olena@Example.org")
    assert response.status_code == 302
    assert User.objects.filter(email="olena@example.org").exists()
