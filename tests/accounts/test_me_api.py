import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_me_patch_changes_her_display_name_and_language(client_for):
    user = UserFactory()
    response = client_for(user).patch(
        "/api/me/", {"display_name": "Olena", "preferred_language": "uk"}, format="json"
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language) == ("Olena", "uk")


def test_me_patch_refuses_an_unknown_language_and_changes_nothing(client_for):
    user = UserFactory(preferred_language="en")
    response = client_for(user).patch("/api/me/", {"preferred_language": "zz"}, format="json")
    assert response.status_code == 400
    assert "preferred_language" in response.json()
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_me_patch_cannot_change_her_role(client_for):
    user = UserFactory(role="jobseeker")
    client_for(user).patch("/api/me/", {"role": "staff"}, format="json")
    user.refresh_from_db()
    assert user.role == "jobseeker"
