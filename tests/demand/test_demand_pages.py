"""/demand/ and its exports: who may see them, small groups suppressed, no woman identifiable."""

import csv
import io

import pytest
from django.urls import reverse

from backend.accounts.models import OrganisationKind
from demand.models import DemandMembership
from tests.demand.helpers import make_run
from tests.factories import PASSWORD, MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def viewer(role: str):  # type: ignore[no-untyped-def]
    """Someone allowed to see demand: staff, or a member of a verified programme."""
    if role == "staff":
        return UserFactory(role="staff")
    return MembershipFactory(organisation=ProgrammeFactory(), user__role="programme").user


def _client(client, role: str, **extra):  # type: ignore[no-untyped-def]
    user = viewer(role) if role in ("programme", "staff") else UserFactory(role=role, **extra)
    client.login(email=user.email, password=PASSWORD)
    return client


def _forbidden_text(big, small) -> list[str]:  # type: ignore[no-untyped-def]
    """Everything that could single out a woman or a suppressed group."""
    out = [small.label, "Patras"]
    for m in DemandMembership.objects.select_related("profile__user"):
        user = m.profile.user
        out += [user.email, user.display_name]
    return out


@pytest.mark.parametrize("role", ["programme", "staff"])
def test_verified_programme_and_staff_see_the_demand_page(client, role: str) -> None:
    _run, big, _small = make_run()
    response = _client(client, role).get(reverse("voice-demand"))
    assert response.status_code == 200
    assert big.description in response.content.decode()


def test_a_verified_city_partner_sees_the_demand_page(client) -> None:  # type: ignore[no-untyped-def]
    _run, big, _small = make_run()
    partner = ProgrammeFactory(kind=OrganisationKind.CITY_PARTNER, name="City of Athens")
    user = MembershipFactory(organisation=partner, user__role="programme").user
    client.login(email=user.email, password=PASSWORD)
    response = client.get(reverse("voice-demand"))
    assert response.status_code == 200
    assert big.description in response.content.decode()


@pytest.mark.parametrize("verified", [False, None], ids=["unverified", "no organisation"])
def test_a_programme_sign_up_without_a_verified_organisation_sees_no_demand(
    client, api_client, verified
) -> None:  # type: ignore[no-untyped-def]
    make_run()
    user = UserFactory(role="programme")
    if verified is not None:
        MembershipFactory(
            user=user, organisation=ProgrammeFactory(verified=False, verified_at=None)
        )
    client.login(email=user.email, password=PASSWORD)
    assert client.get(reverse("voice-demand")).status_code == 403
    api_client.force_authenticate(user)
    assert api_client.get("/api/demand/groups/").status_code == 403
    assert api_client.get("/api/demand/groups/?format=csv").status_code == 403


def test_a_verified_employer_sees_no_demand(api_client) -> None:  # type: ignore[no-untyped-def]
    member = MembershipFactory()
    api_client.force_authenticate(member.user)
    assert api_client.get("/api/demand/groups/").status_code == 403


@pytest.mark.parametrize(
    "query",
    ["kind=bogus", "kind=", "kind=TRAINING", "knd=training", "kind=training&size=3"],
)
def test_bad_group_query_is_400_with_a_message(api_client, query: str) -> None:  # type: ignore[no-untyped-def]
    make_run()
    api_client.force_authenticate(viewer("programme"))
    response = api_client.get(f"/api/demand/groups/?{query}")
    assert response.status_code == 400
    messages = [m for ms in response.json().values() for m in ms]
    assert messages and all(messages)


def test_groups_can_be_filtered_by_kind(api_client) -> None:  # type: ignore[no-untyped-def]
    _run, big, _small = make_run()
    api_client.force_authenticate(viewer("staff"))
    training = api_client.get("/api/demand/groups/?kind=training").json()
    assert [g["label"] for g in training["results"]] == [big.label]
    assert api_client.get("/api/demand/groups/?kind=job").json()["results"] == []


@pytest.mark.parametrize("role", ["jobseeker", "entrepreneur", "mentor", "employer"])
def test_women_and_others_cannot_see_the_demand_page(client, role: str) -> None:
    make_run()
    assert _client(client, role).get(reverse("voice-demand")).status_code == 403


def test_anonymous_is_sent_to_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("voice-demand"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["jobseeker", "employer"])
def test_women_and_employers_cannot_export_groups(api_client, role: str) -> None:
    make_run()
    api_client.force_authenticate(UserFactory(role=role))
    assert api_client.get("/api/demand/groups/").status_code == 403


def test_page_shows_a_group_of_seven_and_never_the_group_of_four(client) -> None:  # type: ignore[no-untyped-def]
    _run, big, small = make_run()
    html = _client(client, "programme").get(reverse("voice-demand")).content.decode()
    assert big.label in html
    assert "1 smaller group is not shown." in html
    assert "<td>&lt;5</td>" in html
    for text in _forbidden_text(big, small):
        assert text not in html
    assert "<polyline" in html


def test_json_export_lists_only_groups_of_five_or_more(api_client) -> None:  # type: ignore[no-untyped-def]
    _run, big, small = make_run()
    api_client.force_authenticate(viewer("programme"))
    response = api_client.get("/api/demand/groups/?format=json")
    assert response.status_code == 200
    data = response.json()
    assert [g["label"] for g in data["results"]] == [big.label]
    assert data["suppressed_groups"] == 1
    assert data["results"][0]["size"] == 7
    assert data["results"][0]["history"] == [
        {"at": "2026-11-24T02:00:00+00:00", "size": "<5"},
        {"at": "2026-11-25T02:00:00+00:00", "size": 7},
    ]
    body = response.content.decode()
    for text in _forbidden_text(big, small):
        assert text not in body
    assert "profile" not in body


def test_csv_export_lists_only_groups_of_five_or_more(api_client) -> None:  # type: ignore[no-untyped-def]
    _run, big, small = make_run()
    api_client.force_authenticate(viewer("staff"))
    response = api_client.get("/api/demand/groups/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["kind", "size", "label"]
    assert rows[1][:3] == ["training", "7", big.label]
    assert rows[1][-2:] == ["Advanced analytics", "in Greek"]
    assert rows[2] == ["suppressed", "<5", "1 groups"]
    assert len(rows) == 3
    for text in _forbidden_text(big, small):
        assert text not in response.content.decode()


def test_export_with_no_run_is_empty(api_client) -> None:  # type: ignore[no-untyped-def]
    api_client.force_authenticate(viewer("programme"))
    assert api_client.get("/api/demand/groups/").json() == {
        "run_at": None,
        "results": [],
        "suppressed_groups": 0,
    }


def test_group_export_is_a_fixed_number_of_queries(
    api_client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    make_run()
    api_client.force_authenticate(viewer("programme"))
    with django_assert_max_num_queries(6):
        assert api_client.get("/api/demand/groups/").status_code == 200


def test_admin_lists_only_groups_of_five_or_more(admin_client) -> None:  # type: ignore[no-untyped-def]
    _run, big, small = make_run()
    html = admin_client.get(reverse("admin:voice_demandgroup_changelist")).content.decode()
    assert big.label in html
    assert small.label not in html
    assert (
        admin_client.get(reverse("admin:voice_demandgroup_change", args=[small.pk])).status_code
        == 302
    )
