import pytest

from backend.catalog.models import FinancingScheme, Training
from tests.factories import (
    FinancingSchemeFactory,
    MembershipFactory,
    ProfileFactory,
    ProgrammeFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def programme_member(**org):
    return MembershipFactory(organisation=ProgrammeFactory(**org), user__role="programme")


def training_payload(organisation_id, **fields):
    return {
        "organisation": organisation_id,
        "title": "Web development for beginners",
        "description": "HTML, CSS and JavaScript in twelve weeks.",
        "skills": ["HTML", "CSS"],
        "languages": [{"code": "en", "level": "B1"}],
        "city": "Athens",
        "country": "GR",
        "remote": False,
        "level": "beginner",
        "schedule": ["evenings"],
        "published": True,
        **fields,
    }


def test_anonymous_sees_only_published_trainings(api_client):
    published = TrainingFactory()
    TrainingFactory(published=False)
    response = api_client.get("/api/trainings/")
    assert [t["id"] for t in response.json()["results"]] == [published.id]


def test_member_sees_own_drafts_but_not_others(api_client):
    membership = programme_member()
    own_draft = TrainingFactory(organisation=membership.organisation, published=False)
    TrainingFactory(published=False)
    api_client.force_authenticate(membership.user)
    ids = [t["id"] for t in api_client.get("/api/trainings/").json()["results"]]
    assert ids == [own_draft.id]


def test_training_list_query_count_does_not_grow(api_client, django_assert_max_num_queries):
    TrainingFactory.create_batch(15)
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/trainings/")
    assert response.json()["count"] == 15


def test_member_creates_training_for_own_organisation(api_client):
    membership = programme_member()
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/trainings/", training_payload(membership.organisation.id), format="json"
    )
    assert response.status_code == 201
    assert Training.objects.get().organisation == membership.organisation


def test_cannot_create_for_another_organisation(api_client):
    membership = programme_member()
    other = ProgrammeFactory()
    api_client.force_authenticate(membership.user)
    response = api_client.post("/api/trainings/", training_payload(other.id), format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert Training.objects.count() == 0


def test_cannot_edit_another_organisations_published_training(api_client):
    membership = programme_member()
    other = TrainingFactory(title="Original")
    api_client.force_authenticate(membership.user)
    response = api_client.patch(f"/api/trainings/{other.id}/", {"title": "Hacked"}, format="json")
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title == "Original"


def test_cannot_delete_another_organisations_training(api_client):
    membership = programme_member()
    other = TrainingFactory()
    api_client.force_authenticate(membership.user)
    assert api_client.delete(f"/api/trainings/{other.id}/").status_code == 403
    assert Training.objects.filter(id=other.id).exists()


def test_another_organisations_draft_is_invisible(api_client):
    membership = programme_member()
    draft = TrainingFactory(published=False)
    api_client.force_authenticate(membership.user)
    assert api_client.get(f"/api/trainings/{draft.id}/").status_code == 404


def test_woman_cannot_create_training(api_client):
    api_client.force_authenticate(ProfileFactory().user)
    response = api_client.post(
        "/api/trainings/", training_payload(ProgrammeFactory().id), format="json"
    )
    assert response.status_code == 400
    assert Training.objects.count() == 0


def test_unverified_organisation_cannot_publish(api_client):
    membership = programme_member(verified=False, verified_at=None)
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/trainings/", training_payload(membership.organisation.id), format="json"
    )
    assert response.status_code == 400
    assert "published" in response.json()


def test_unverified_organisation_can_save_a_draft(api_client):
    membership = programme_member(verified=False, verified_at=None)
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/trainings/",
        training_payload(membership.organisation.id, published=False),
        format="json",
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"city": "Athens", "country": ""}, "country"),
        ({"languages": [{"code": "zz"}]}, "languages"),
        ({"starts_on": "2027-03-01", "ends_on": "2027-02-01"}, "ends_on"),
        ({"title": ""}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"schedule": ["mornings"]}, "schedule"),
        ({"seats": -3}, "seats"),
    ],
)
def test_bad_training_input_is_rejected(api_client, fields, field):
    membership = programme_member()
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/trainings/", training_payload(membership.organisation.id, **fields), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Training.objects.count() == 0


def financing_payload(organisation_id, **fields):
    return {
        "organisation": organisation_id,
        "title": "Microloan",
        "description": "Small loans for women founders.",
        "languages": [{"code": "en"}],
        "amount_min_eur": 1000,
        "amount_max_eur": 10000,
        "stages": ["idea"],
        "eligible_countries": ["GR", "PT"],
        "published": True,
        **fields,
    }


def test_programme_creates_financing_scheme(api_client):
    membership = programme_member()
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/financing-schemes/", financing_payload(membership.organisation.id), format="json"
    )
    assert response.status_code == 201
    assert FinancingScheme.objects.get().eligible_countries == ["GR", "PT"]


def test_employer_cannot_list_financing_schemes_as_their_own(api_client):
    membership = MembershipFactory()  # an employer organisation
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/financing-schemes/", financing_payload(membership.organisation.id), format="json"
    )
    assert response.status_code == 403
    assert FinancingScheme.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount_min_eur": 20000, "amount_max_eur": 1000}, "amount_max_eur"),
        ({"amount_min_eur": -1}, "amount_min_eur"),
        ({"stages": []}, "stages"),
        ({"stages": ["seed"]}, "stages"),
        ({"eligible_countries": ["Greece"]}, "eligible_countries"),
    ],
)
def test_bad_financing_input_is_rejected(api_client, fields, field):
    membership = programme_member()
    api_client.force_authenticate(membership.user)
    response = api_client.post(
        "/api/financing-schemes/",
        financing_payload(membership.organisation.id, **fields),
        format="json",
    )
    assert response.status_code == 400
    assert field in response.json()
    assert FinancingScheme.objects.count() == 0


def test_financing_filter_by_need(api_client):
    fits = FinancingSchemeFactory(amount_min_eur=1000, amount_max_eur=10000)
    FinancingSchemeFactory(amount_min_eur=20000, amount_max_eur=90000)
    response = api_client.get("/api/financing-schemes/", {"need": 5000})
    assert [s["id"] for s in response.json()["results"]] == [fits.id]


def test_cannot_edit_another_programmes_financing_scheme(api_client):
    membership = programme_member()
    other = FinancingSchemeFactory(title="Original", published=True)
    api_client.force_authenticate(membership.user)
    response = api_client.patch(
        f"/api/financing-schemes/{other.id}/", {"title": "Hacked"}, format="json"
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.title == "Original"


def test_cannot_delete_another_programmes_financing_scheme(api_client):
    membership = programme_member()
    other = FinancingSchemeFactory(published=True)
    api_client.force_authenticate(membership.user)
    assert api_client.delete(f"/api/financing-schemes/{other.id}/").status_code == 403
    assert FinancingScheme.objects.filter(id=other.id).exists()


def test_cannot_take_over_another_programmes_scheme_by_naming_her_own(api_client):
    membership = programme_member(verified=True)
    other = FinancingSchemeFactory(title="Original", published=True)
    api_client.force_authenticate(membership.user)
    payload = financing_payload(membership.organisation.id, title="Mine now")
    response = api_client.put(f"/api/financing-schemes/{other.id}/", payload, format="json")
    assert response.status_code == 403
    other.refresh_from_db()
    assert (other.title, other.organisation_id) == ("Original", other.organisation.id)
