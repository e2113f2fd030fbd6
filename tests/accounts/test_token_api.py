import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_right_password_and_authenticates(api_client):
    user = UserFactory(email="olena@example.org")
    response = api_client.post(
        "/api/auth/token/", {"email": "OLENA@example.org", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = api_client.get("/api/me/")
    assert me.json()["email"] == user.email


def test_token_refused_for_wrong_password(api_client):
    UserFactory(email="olena@example.org")
    response = api_client.post(
        "/api/auth/token/", {"email": "olena@example.org", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400


def test_me_requires_authentication(api_client):
    assert api_client.get("/api/me/").status_code in (401, 403)


def test_token_delete_revokes_it(api_client):
    UserFactory(email="olena@example.org")
    token = api_client.post(
        "/api/auth/token/", {"email": "olena@example.org", "password": PASSWORD}, format="json"
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.delete("/api/auth/token/").status_code == 204
    assert api_client.get("/api/me/").status_code == 401
