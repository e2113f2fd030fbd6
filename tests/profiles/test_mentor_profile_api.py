import pytest

from tests.factories import MentorProfileFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def test_mentor_updates_own_capacity_and_expertise(api_client):
    mentor = MentorProfileFactory()
    api_client.force_authenticate(mentor.user)
    response = api_client.patch(
        "/api/mentor-profile/", {"capacity": 4, "expertise": ["Figma", "figma"]}, format="json"
    )
    assert response.status_code == 200
    mentor.refresh_from_db()
    assert (mentor.capacity, mentor.expertise) == (4, ["Figma"])


def test_mentor_capacity_cannot_be_negative(api_client):
    mentor = MentorProfileFactory()
    api_client.force_authenticate(mentor.user)
    assert (
        api_client.patch("/api/mentor-profile/", {"capacity": -1}, format="json").status_code == 400
    )


def test_woman_cannot_use_mentor_profile_endpoint(api_client):
    api_client.force_authenticate(ProfileFactory().user)
    assert api_client.get("/api/mentor-profile/").status_code == 403
