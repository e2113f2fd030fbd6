import pytest
from django.core import mail

from backend.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_register_page_creates_account_and_logs_in(client):
    response = client.post(
        "/accounts/register/",
        {"email": "fatima@example.org", "password": "a-long-enough-secret-9", "role": "jobseeker"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    assert client.get("/profile/").status_code == 200
    assert User.objects.filter(email="fatima@example.org").exists()


def test_register_page_shows_duplicate_email_error(client):
    UserFactory(email="fatima@example.org")
    response = client.post(
        "/accounts/register/",
        {"email": "Fatima@example.org", "password": "a-long-enough-secret-9", "role": "jobseeker"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_login_with_email_and_password(client):
    UserFactory(email="fatima@example.org")
    response = client.post(
        "/accounts/login/", {"username": "fatima@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_sends_one_email(client):
    UserFactory(email="fatima@example.org")
    response = client.post("/accounts/password/reset/", {"email": "fatima@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_password_change_requires_login(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
