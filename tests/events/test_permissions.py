"""Who may do what, per account type, through the API."""

import pytest

from events.models import Fair, JobRole, Registration
from tests.events.factories import FairFactory, RegistrationFactory
from tests.factories import JobRoleFactory

pytestmark = pytest.mark.django_db

EVERYONE = [
    None, "jobseeker", "entrepreneur", "mentor", "employer", "unverified_employer",
    "programme_user", "staff",
]  # fmt: skip
WOMEN = {"jobseeker", "entrepreneur"}


def _user(request, who):  # type: ignore[no-untyped-def]
    return None if who is None else request.getfixturevalue(who)


def _fair_payload(**extra):  # type: ignore[no-untyped-def]
    fair = FairFactory.build()
    return {
        "title": "New fair",
        "starts_at": fair.starts_at.isoformat(),
        "ends_at": fair.ends_at.isoformat(),
        "timezone": "Europe/Berlin",
        "city": "Berlin",
        "country": "DE",
        "venue": "Hall 1",
        "capacity": 10,
        **extra,
    }


@pytest.mark.parametrize("who", EVERYONE)
def test_everyone_reads_published_fairs_and_roles(request, client_for, who):
    fair, role = FairFactory(), JobRoleFactory()
    client = client_for(_user(request, who))
    assert [f["id"] for f in client.get("/api/fairs/").json()["results"]] == [fair.pk]
    assert [r["id"] for r in client.get("/api/roles/").json()["results"]] == [role.pk]


@pytest.mark.parametrize("who", EVERYONE)
def test_unpublished_fair_is_404_except_for_staff(request, client_for, who):
    fair = FairFactory(published=False)
    status = client_for(_user(request, who)).get(f"/api/fairs/{fair.pk}/").status_code
    assert status == (200 if who == "staff" else 404)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 401), ("jobseeker", 403), ("entrepreneur", 403), ("mentor", 403),
        ("employer", 403), ("unverified_employer", 403), ("staff", 201),
    ],
)  # fmt: skip
def test_who_creates_a_fair_without_organiser(request, client_for, who, expected):
    response = client_for(_user(request, who)).post("/api/fairs/", _fair_payload(), format="json")
    assert response.status_code == expected
    assert Fair.objects.count() == (1 if expected == 201 else 0)


def test_programme_creates_a_fair_for_its_organisation(client_for, programme_user, programme_org):
    payload = _fair_payload(organiser=programme_org.pk)
    response = client_for(programme_user).post("/api/fairs/", payload, format="json")
    assert response.status_code == 201
    assert Fair.objects.get().organiser == programme_org


def test_fair_ending_before_start_via_api_is_400(client_for, staff):
    payload = _fair_payload()
    payload["ends_at"], payload["starts_at"] = payload["starts_at"], payload["ends_at"]
    response = client_for(staff).post("/api/fairs/", payload, format="json")
    assert response.status_code == 400
    assert "ends_at" in response.json()
    assert Fair.objects.count() == 0


def test_bad_time_zone_via_api_is_400(client_for, staff):
    response = client_for(staff).post(
        "/api/fairs/", _fair_payload(timezone="Mars/Olympus"), format="json"
    )
    assert response.status_code == 400
    assert "timezone" in response.json()


@pytest.mark.parametrize("who", EVERYONE)
def test_only_women_register_for_fairs(request, client_for, who):
    fair = FairFactory()
    response = client_for(_user(request, who)).post(f"/api/fairs/{fair.pk}/register/")
    expected = 201 if who in WOMEN else (401 if who is None else 403)
    assert response.status_code == expected
    assert Registration.objects.count() == (1 if who in WOMEN else 0)


def test_register_for_a_past_fair_via_api_is_400(client_for, jobseeker):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() - timedelta(days=1)
    fair = FairFactory(starts_at=start, ends_at=start + timedelta(hours=5))
    response = client_for(jobseeker).post(
        "/api/fair-registrations/", {"fair": fair.pk}, format="json"
    )
    assert response.status_code == 400
    assert "fair" in response.json()
    assert Registration.objects.count() == 0


def test_fair_registrations_are_hers_only(client_for, jobseeker, entrepreneur):
    mine = RegistrationFactory(user=jobseeker)
    theirs = RegistrationFactory(user=entrepreneur)
    client = client_for(jobseeker)
    assert [r["id"] for r in client.get("/api/fair-registrations/").json()["results"]] == [mine.pk]
    assert client.get(f"/api/fair-registrations/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/fair-registrations/{theirs.pk}/cancel/").status_code == 404


def test_register_cancel_and_waitlist_via_api(client_for, jobseeker, entrepreneur):
    fair = FairFactory(capacity=1)
    first = client_for(jobseeker).post(f"/api/fairs/{fair.pk}/register/").json()
    second = client_for(entrepreneur).post(f"/api/fairs/{fair.pk}/register/").json()
    assert (first["status"], second["status"], second["waitlist_position"]) == (
        "registered", "waitlisted", 1,
    )  # fmt: skip
    client_for(jobseeker).post(f"/api/fairs/{fair.pk}/cancel/")
    mine = client_for(entrepreneur).get(f"/api/fair-registrations/{second['id']}/").json()
    assert (mine["status"], mine["waitlist_position"]) == ("registered", None)
    detail = client_for(None).get(f"/api/fairs/{fair.pk}/").json()
    assert detail["seats"] == {"registered": 1, "waitlisted": 0, "free": 0}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, 401), ("jobseeker", 400), ("entrepreneur", 400), ("mentor", 400),
        ("programme_user", 400), ("staff", 400), ("employer", 201), ("unverified_employer", 400),
    ],
)  # fmt: skip
def test_who_creates_roles(request, client_for, employer_org, unverified_org, who, expected):
    # Each posts for the organisation she would own; non-members fail the organisation field.
    organisation = unverified_org if who == "unverified_employer" else employer_org
    payload = {
        "organisation": organisation.pk, "title": "QA tester", "description": "Test apps.",
        "languages": [{"code": "en"}], "remote": True, "status": "published",
    }  # fmt: skip
    response = client_for(_user(request, who)).post("/api/roles/", payload, format="json")
    assert response.status_code == expected
    assert JobRole.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("who", ["mentor", "employer", "programme_user", "staff"])
def test_only_women_apply_mark_interest_book_and_report(request, client_for, who):
    role = JobRoleFactory()
    client = client_for(_user(request, who))
    assert client.post("/api/applications/", {"role": role.pk}, format="json").status_code == 403
    assert client.post("/api/interests/", {"role": role.pk}, format="json").status_code == 403
    assert client.post("/api/bookings/", {"slot": 1}, format="json").status_code == 403
    assert (
        client.post("/api/reports/", {"role": role.pk, "reason": "scam"}, format="json").status_code
        == 403
    )


def test_anonymous_cannot_write_anything(client_for):
    client = client_for(None)
    for url in ("/api/applications/", "/api/interests/", "/api/bookings/", "/api/reports/",
                "/api/slots/", "/api/check-in/", "/api/fair-registrations/"):  # fmt: skip
        assert client.post(url, {}, format="json").status_code in (401, 403), url


@pytest.mark.parametrize("who", ["jobseeker", "mentor", "programme_user", "staff"])
def test_outcomes_are_for_employers_only(request, client_for, who):
    assert client_for(_user(request, who)).get("/api/outcomes/").status_code == 403


def test_fair_list_query_count_does_not_grow(
    client_for, django_assert_max_num_queries, employer_org
):
    for _ in range(12):
        fair = FairFactory(employers=[employer_org])
        RegistrationFactory(fair=fair)
    with django_assert_max_num_queries(4):
        response = client_for(None).get("/api/fairs/")
    rows = response.json()["results"]
    assert [r["seats"]["registered"] for r in rows] == [1] * 12
    assert rows[0]["employers"] == [employer_org.pk]


def test_her_registration_list_shows_waitlist_positions_in_few_queries(
    client_for, jobseeker, django_assert_max_num_queries
):
    expected = []
    for _ in range(8):
        fair = FairFactory(capacity=1)
        RegistrationFactory(fair=fair)
        RegistrationFactory(fair=fair, status="waitlisted", queued_at=fair.starts_at)
        RegistrationFactory(fair=fair, user=jobseeker, status="waitlisted", queued_at=fair.ends_at)
        expected.append(2)
    with django_assert_max_num_queries(3):
        response = client_for(jobseeker).get("/api/fair-registrations/")
    assert [r["waitlist_position"] for r in response.json()["results"]] == expected
