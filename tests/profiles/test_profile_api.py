import pytest

from backend.profiles.models import Profile
from tests.factories import (
    EntrepreneurProfileFactory,
    MentorProfileFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def woman(api_client):
    profile = ProfileFactory()
    api_client.force_authenticate(profile.user)
    return profile


def test_woman_reads_her_own_profile(api_client, woman):
    response = api_client.get("/api/profile/")
    assert response.status_code == 200
    assert response.json()["city"] == "Athens"
    assert response.json()["id"] == woman.id


def test_woman_updates_her_profile(api_client, woman):
    response = api_client.patch(
        "/api/profile/",
        {"city": "Thessaloniki", "skills": ["SQL", " sql ", "Python"]},
        format="json",
    )
    assert response.status_code == 200
    woman.refresh_from_db()
    assert woman.city == "Thessaloniki"
    assert woman.skills == ["SQL", "Python"]


def test_profile_endpoint_never_exposes_someone_else(api_client, woman):
    other = ProfileFactory(city="Lyon", country="FR")
    response = api_client.get("/api/profile/", {"id": other.id, "user": other.user_id})
    assert response.json()["id"] == woman.id


def test_profile_write_ignores_attempts_to_target_another_profile(api_client, woman):
    other = ProfileFactory(city="Lyon", country="FR")
    api_client.patch("/api/profile/", {"id": other.id, "city": "Patras"}, format="json")
    other.refresh_from_db()
    assert other.city == "Lyon"


def test_mentor_has_no_woman_profile_endpoint(api_client):
    api_client.force_authenticate(MentorProfileFactory().user)
    assert api_client.get("/api/profile/").status_code == 403


def test_anonymous_gets_401(api_client):
    assert api_client.get("/api/profile/").status_code == 401


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"languages": [{"code": "xx", "level": "B1"}]}, "languages"),
        ({"languages": [{"code": "en", "level": "B7"}]}, "languages"),
        ({"languages": [{"code": "en"}, {"code": "en"}]}, "languages"),
        ({"languages": "en"}, "languages"),
        ({"city": "Lyon", "country": ""}, "country"),
        ({"country": "XX"}, "country"),
        ({"bio": "x" * 10001}, "bio"),
        ({"goals": "x" * 501}, "goals"),
        ({"bio": "hello\x00world"}, "bio"),
        ({"digital_level": "expert"}, "digital_level"),
        ({"availability": ["nights"]}, "availability"),
        ({"shared_fields": ["right_to_work"]}, "shared_fields"),
        ({"funding_need_eur": -5}, "funding_need_eur"),
        ({"skills": ["x" * 81]}, "skills"),
    ],
)
def test_bad_input_is_rejected_with_field_message_and_nothing_changes(
    api_client, woman, payload, field
):
    response = api_client.patch("/api/profile/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    woman.refresh_from_db()
    assert (woman.city, woman.country, woman.bio[:20]) == ("Athens", "GR", "I worked as an accou")


def test_html_is_stored_as_text(api_client, woman):
    api_client.patch(
        "/api/profile/", {"bio": "<script>alert(1)</script> I like SQL"}, format="json"
    )
    woman.refresh_from_db()
    assert woman.bio == "<script>alert(1)</script> I like SQL"


def test_html_is_escaped_on_the_profile_page(client, woman):
    woman.bio = "<script>alert(1)</script>"
    woman.save()
    client.force_login(woman.user)
    page = client.get("/profile/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_jobseeker_business_fields_are_not_kept(api_client, woman):
    api_client.patch(
        "/api/profile/", {"business_stage": "idea", "funding_need_eur": 5000}, format="json"
    )
    woman.refresh_from_db()
    assert (woman.business_stage, woman.funding_need_eur) == ("", None)


def test_entrepreneur_keeps_business_fields(api_client):
    profile = EntrepreneurProfileFactory()
    api_client.force_authenticate(profile.user)
    api_client.patch(
        "/api/profile/", {"business_stage": "growth", "funding_need_eur": 50000}, format="json"
    )
    profile.refresh_from_db()
    assert (profile.business_stage, profile.funding_need_eur) == ("growth", 50000)


def test_profile_is_created_on_first_read_for_a_new_woman(api_client):
    user = UserFactory(role="entrepreneur")
    api_client.force_authenticate(user)
    assert api_client.get("/api/profile/").status_code == 200
    assert Profile.objects.filter(user=user).count() == 1
