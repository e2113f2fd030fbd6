import pytest

from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_lists_only_own_organisations(api_client):
    mine = MembershipFactory()
    MembershipFactory()
    api_client.force_authenticate(mine.user)
    response = api_client.get("/api/organisations/")
    assert [o["id"] for o in response.json()["results"]] == [mine.organisation.id]


def test_member_cannot_read_other_organisation(api_client):
    mine = MembershipFactory()
    other = MembershipFactory()
    api_client.force_authenticate(mine.user)
    assert api_client.get(f"/api/organisations/{other.organisation.id}/").status_code == 404


def test_admin_cannot_verify_own_organisation(api_client):
    membership = MembershipFactory(organisation__verified=False, organisation__verified_at=None)
    api_client.force_authenticate(membership.user)
    response = api_client.patch(
        f"/api/organisations/{membership.organisation.id}/",
        {"verified": True, "name": "New"},
        format="json",
    )
    assert response.status_code == 200
    membership.organisation.refresh_from_db()
    assert (membership.organisation.name, membership.organisation.verified) == ("New", False)


def test_non_admin_member_cannot_edit(api_client):
    membership = MembershipFactory(is_admin=False)
    api_client.force_authenticate(membership.user)
    response = api_client.patch(
        f"/api/organisations/{membership.organisation.id}/", {"name": "New"}, format="json"
    )
    assert response.status_code == 403


def test_admin_adds_member_of_matching_role(api_client):
    membership = MembershipFactory()
    colleague = UserFactory(role="employer", email="colleague@example.org")
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        f"/api/organisations/{membership.organisation.id}/members/",
        {"email": colleague.email},
        format="json",
    )
    assert response.status_code == 200
    assert sorted(m["email"] for m in response.json()) == sorted(
        [membership.user.email, colleague.email]
    )


def test_admin_cannot_add_a_jobseeker_as_member(api_client):
    membership = MembershipFactory()
    woman = UserFactory(role="jobseeker")
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        f"/api/organisations/{membership.organisation.id}/members/",
        {"email": woman.email},
        format="json",
    )
    assert response.status_code == 400


def test_admin_cannot_edit_another_organisation(api_client):
    mine = MembershipFactory(is_admin=True)
    other = MembershipFactory(organisation__name="Theirs")
    api_client.force_authenticate(mine.user)
    response = api_client.patch(
        f"/api/organisations/{other.organisation.id}/", {"name": "Hacked"}, format="json"
    )
    assert response.status_code == 404
    other.organisation.refresh_from_db()
    assert other.organisation.name == "Theirs"


def test_admin_cannot_add_herself_to_another_organisation(api_client):
    mine = MembershipFactory(is_admin=True)
    other = MembershipFactory()
    api_client.force_authenticate(mine.user)
    response = api_client.post(
        f"/api/organisations/{other.organisation.id}/members/",
        {"email": mine.user.email},
        format="json",
    )
    assert response.status_code == 404
    assert not other.organisation.members.filter(pk=mine.user.pk).exists()


def test_a_city_without_a_country_is_refused(api_client):
    membership = MembershipFactory(is_admin=True, organisation__city="", organisation__country="")
    api_client.force_authenticate(membership.user)
    response = api_client.patch(
        f"/api/organisations/{membership.organisation.id}/", {"city": "Athens"}, format="json"
    )
    assert response.status_code == 400
    assert "country" in response.json()
    membership.organisation.refresh_from_db()
    assert membership.organisation.city == ""
