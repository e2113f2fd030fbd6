import pytest

from events import services
from events.models import JobRole, JobRoleStatus
from tests.events.factories import FairFactory
from tests.events.matches import job_match_ids
from tests.factories import JobRoleFactory, OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _payload(organisation, **overrides):  # type: ignore[no-untyped-def]
    return {
        "organisation": organisation.pk,
        "title": "Junior web developer",
        "description": "Build and test web pages with our product team.",
        "skills": ["HTML", "CSS", "JavaScript"],
        "languages": [{"code": "en", "level": "B2"}],
        "city": "Athens",
        "country": "GR",
        "remote": False,
        "level": "beginner",
        "contract_type": "permanent",
        "salary_min_eur": 18000,
        "salary_max_eur": 24000,
        "status": "draft",
        **overrides,
    }


def test_verified_employer_creates_and_publishes_a_role(
    client_for, employer, employer_org, django_capture_on_commit_callbacks
):
    her = ProfileFactory(languages=[{"code": "en", "level": "B2"}])
    client = client_for(employer)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/roles/", _payload(employer_org), format="json")
    assert created.status_code == 201, created.json()
    role_id = created.json()["id"]
    assert role_id not in job_match_ids(her)  # a draft does not match
    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"/api/roles/{role_id}/publish/")
    assert published.status_code == 200
    role = JobRole.objects.get()
    assert (role.status, role.published_at is not None) == (JobRoleStatus.PUBLISHED, True)
    assert role_id in job_match_ids(her)


def test_nothing_reaches_matching_when_the_write_is_rolled_back(
    employer, employer_org, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    from events import services

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        services.role_save(user=employer, organisation=employer_org, title="x", description="y",
                           languages=[{"code": "xx"}], city="Athens", country="GR")  # fmt: skip
    assert callbacks == []


def test_skills_are_normalised_on_save(client_for, employer, employer_org):
    payload = _payload(employer_org, skills=["  Python ", "python", "SQL"])
    response = client_for(employer).post("/api/roles/", payload, format="json")
    assert response.json()["skills"] == ["Python", "SQL"]


def test_unverified_employer_can_draft(client_for, unverified_employer, unverified_org):
    response = client_for(unverified_employer).post(
        "/api/roles/", _payload(unverified_org), format="json"
    )
    assert response.status_code == 201
    assert JobRole.objects.get().status == JobRoleStatus.DRAFT


def test_unverified_employer_cannot_publish(client_for, unverified_employer, unverified_org):
    client = client_for(unverified_employer)
    created = client.post("/api/roles/", _payload(unverified_org), format="json").json()
    response = client.post(f"/api/roles/{created['id']}/publish/")
    assert response.status_code == 400
    assert "status" in response.json()
    assert JobRole.objects.get().status == JobRoleStatus.DRAFT


def test_unverified_employer_cannot_create_published(
    client_for, unverified_employer, unverified_org
):
    payload = _payload(unverified_org, status="published")
    response = client_for(unverified_employer).post("/api/roles/", payload, format="json")
    assert response.status_code == 400
    assert "status" in response.json()
    assert JobRole.objects.count() == 0


def test_inverted_salary_range_is_refused(client_for, employer, employer_org):
    payload = _payload(employer_org, salary_min_eur=30000, salary_max_eur=20000)
    response = client_for(employer).post("/api/roles/", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["salary_max_eur"]
    assert JobRole.objects.count() == 0


def test_inverted_salary_in_an_edit_changes_nothing(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org, salary_min_eur=20000, salary_max_eur=25000)
    response = client_for(employer).patch(
        f"/api/roles/{role.pk}/", {"salary_min_eur": 26000}, format="json"
    )
    assert response.status_code == 400
    role.refresh_from_db()
    assert role.salary_min_eur == 20000


def test_unknown_language_code_is_refused(client_for, employer, employer_org):
    payload = _payload(employer_org, languages=[{"code": "xx", "level": "B1"}])
    response = client_for(employer).post("/api/roles/", payload, format="json")
    assert response.status_code == 400
    assert "languages" in response.json()
    assert JobRole.objects.count() == 0


def test_role_without_city_must_be_remote(client_for, employer, employer_org):
    payload = _payload(employer_org, city="", country="", remote=False)
    response = client_for(employer).post("/api/roles/", payload, format="json")
    assert response.status_code == 400
    assert "remote" in response.json()


def test_employer_cannot_create_a_role_for_another_organisation(client_for, employer):
    other = OrganisationFactory()
    response = client_for(employer).post("/api/roles/", _payload(other), format="json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert JobRole.objects.count() == 0


def test_employer_editing_another_employers_published_role_is_forbidden(client_for, employer):
    role = JobRoleFactory(title="Theirs")
    response = client_for(employer).patch(
        f"/api/roles/{role.pk}/", {"title": "Mine"}, format="json"
    )
    assert response.status_code == 403
    assert "own organisation" in response.json()["detail"]
    role.refresh_from_db()
    assert role.title == "Theirs"


def test_another_employers_draft_is_404(client_for, employer):
    role = JobRoleFactory(status=JobRoleStatus.DRAFT, title="Secret")
    client = client_for(employer)
    assert client.get(f"/api/roles/{role.pk}/").status_code == 404
    assert client.patch(f"/api/roles/{role.pk}/", {"title": "x"}, format="json").status_code == 404
    assert client.post(f"/api/roles/{role.pk}/publish/").status_code == 404
    role.refresh_from_db()
    assert (role.title, role.status) == ("Secret", JobRoleStatus.DRAFT)


def test_another_employers_role_applications_are_404(client_for, employer):
    role = JobRoleFactory()
    assert client_for(employer).get(f"/api/roles/{role.pk}/applications/").status_code == 404
    assert client_for(employer).get(f"/api/roles/{role.pk}/candidates/").status_code == 404


def test_role_cannot_move_to_another_organisation(client_for, employer, employer_org):
    from tests.factories import MembershipFactory

    second = OrganisationFactory()
    MembershipFactory(user=employer, organisation=second)
    role = JobRoleFactory(organisation=employer_org)
    response = client_for(employer).patch(
        f"/api/roles/{role.pk}/", {"organisation": second.pk}, format="json"
    )
    assert response.status_code == 400
    role.refresh_from_db()
    assert role.organisation == employer_org


def test_closing_a_role_takes_it_out_of_the_public_list_and_her_matches(
    client_for, employer, employer_org, django_capture_on_commit_callbacks
):
    her = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        role = services.role_save(user=employer, instance=JobRoleFactory(organisation=employer_org))
    assert role.pk in job_match_ids(her)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(employer).post(f"/api/roles/{role.pk}/close/")
    assert response.json()["status"] == "closed"
    assert response.json()["closed_at"] is not None
    assert role.pk not in job_match_ids(her)
    assert client_for(None).get("/api/roles/").json()["results"] == []
    assert list(JobRole.objects.matchable()) == []


def test_public_list_shows_only_open_roles_of_verified_employers(client_for):
    open_role = JobRoleFactory()
    JobRoleFactory(status=JobRoleStatus.DRAFT)
    JobRoleFactory(status=JobRoleStatus.CLOSED)
    JobRoleFactory(hidden=True)
    JobRoleFactory(organisation=OrganisationFactory(verified=False))
    ids = [r["id"] for r in client_for(None).get("/api/roles/").json()["results"]]
    assert ids == [open_role.pk]
    assert list(JobRole.objects.matchable()) == [open_role]


def test_employer_sees_her_drafts_with_mine_filter(client_for, employer, employer_org):
    draft = JobRoleFactory(organisation=employer_org, status=JobRoleStatus.DRAFT)
    JobRoleFactory()  # someone else's open role
    ids = [r["id"] for r in client_for(employer).get("/api/roles/?mine=true").json()["results"]]
    assert ids == [draft.pk]


def test_role_filters(client_for):
    remote = JobRoleFactory(remote=True, city="", country="", contract_type="freelance")
    JobRoleFactory()
    client = client_for(None)
    assert [r["id"] for r in client.get("/api/roles/?remote=true").json()["results"]] == [remote.pk]
    assert [
        r["id"] for r in client.get("/api/roles/?contract_type=freelance").json()["results"]
    ] == [remote.pk]


def test_role_can_point_at_a_fair(client_for, employer, employer_org):
    fair = FairFactory()
    fair.employers.add(employer_org)
    response = client_for(employer).post(
        "/api/roles/", _payload(employer_org, fair=fair.pk), format="json"
    )
    assert response.json()["fair"] == fair.pk


def test_role_list_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    for _ in range(15):
        JobRoleFactory(fair=FairFactory())
    with django_assert_max_num_queries(4):
        response = client_for(None).get("/api/roles/")
    assert len(response.json()["results"]) == 15


def test_role_for_a_fair_her_employer_does_not_join_is_refused(employer, employer_org):
    from django.core.exceptions import ValidationError

    from events import services
    from tests.events.factories import FairFactory

    fair = FairFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.role_save(
            user=employer,
            organisation=employer_org,
            title="Data analyst",
            description="Reports in Excel.",
            languages=[{"code": "en", "level": None}],
            remote=True,
            fair=fair,
        )
    assert "fair" in excinfo.value.message_dict
