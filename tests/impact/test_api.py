import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Role as UserRole
from impact.models import Outcome
from impact.selectors import impact_figures
from tests.factories import FinancingSchemeFactory, MembershipFactory, ProgrammeFactory, UserFactory
from tests.impact.helpers import match, outcome, woman

pytestmark = pytest.mark.django_db
FUNNEL = "/api/impact/funnel/"
OUTCOMES = "/api/impact/outcomes/"
RANGE = {"from": "2026-01-01", "to": "2026-03-31"}


def _programme_world(programme_org):  # type: ignore[no-untyped-def]
    """10 women matched to the programme's scheme (5 saved it), 7 more to another programme's."""
    mine = FinancingSchemeFactory(organisation=programme_org)
    theirs = FinancingSchemeFactory()
    for i in range(17):
        profile = woman(registered=date(2026, 1, 10))
        scheme, status = (mine, "saved" if i < 5 else "suggested") if i < 10 else (theirs, "saved")
        match(profile, kind="financing", object_id=scheme.pk, status=status)


# --- Outcomes ---------------------------------------------------------------------------------


def test_she_creates_and_lists_only_her_own_outcomes(client_for, jobseeker):
    other = woman(registered=date(2026, 1, 1))
    outcome(other, day=date(2026, 1, 2))
    client = client_for(jobseeker)
    created = client.post(OUTCOMES, {"kind": "got_job", "date": timezone.localdate().isoformat()})
    assert created.status_code == 201
    assert created.json()["confirmed_by_woman"] is True
    listed = client.get(OUTCOMES).json()["results"]
    assert [o["id"] for o in listed] == [created.json()["id"]]


def test_bad_outcome_input_is_400_per_field_and_nothing_changes(client_for, jobseeker):
    response = client_for(jobseeker).post(
        OUTCOMES, {"kind": "became_queen", "date": "yesterday", "amount_eur": -3}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "date", "amount_eur"}
    assert Outcome.objects.count() == 0


def test_an_employer_cannot_record_for_a_stranger(client_for, employer, jobseeker):
    response = client_for(employer).post(
        OUTCOMES,
        {"woman": jobseeker.pk, "kind": "got_job", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    assert Outcome.objects.count() == 0


def test_another_womans_outcome_is_404_to_confirm(client_for, jobseeker):
    other = outcome(woman(registered=date(2026, 1, 1)), day=date(2026, 1, 2))
    response = client_for(jobseeker).post(f"{OUTCOMES}{other.pk}/confirm/")
    assert response.status_code == 404


def test_she_rejects_and_it_leaves_her_list(client_for, jobseeker):
    mine = outcome(jobseeker.profile, day=date(2026, 1, 2))
    client = client_for(jobseeker)
    assert client.post(f"{OUTCOMES}{mine.pk}/reject/").status_code == 200
    assert client.get(OUTCOMES).json()["results"] == []


def test_outcome_list_is_a_fixed_number_of_queries(client_for, jobseeker):
    client = client_for(jobseeker)
    for i in range(8):
        outcome(jobseeker.profile, day=date(2026, 1, 1 + i))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(OUTCOMES).status_code == 200
    assert len(ctx.captured_queries) <= 3


# --- Figures ----------------------------------------------------------------------------------


def test_anonymous_gets_401(client_for):
    assert client_for(None).get(FUNNEL).status_code == 401


@pytest.mark.parametrize("role", [UserRole.JOBSEEKER, UserRole.EMPLOYER, UserRole.MENTOR])
def test_women_employers_and_mentors_get_403(client_for, role):
    assert client_for(UserFactory(role=role)).get(FUNNEL).status_code == 403


def test_a_programme_user_without_a_verified_programme_gets_403(client_for):
    member = MembershipFactory(
        organisation=ProgrammeFactory(verified=False), user__role=UserRole.PROGRAMME
    ).user
    assert client_for(member).get(FUNNEL).status_code == 403


def test_programme_sees_only_women_matched_to_its_own_schemes(
    client_for, programme_user, programme_org
):
    _programme_world(programme_org)
    body = client_for(programme_user).get(FUNNEL, RANGE).json()
    assert body["filters"]["programme"] == programme_org.pk
    total = [c["value"] for c in body["funnel_by_period"]["total"]]
    assert total == [10, 10, 10, 5, 0]


def test_programme_asking_for_another_programme_gets_404(client_for, programme_user):
    other = ProgrammeFactory()
    assert client_for(programme_user).get(FUNNEL, {"programme": other.pk}).status_code == 404


def test_staff_see_everyone_or_one_programme(client_for, staff, programme_org):
    _programme_world(programme_org)
    client = client_for(staff)
    everyone = client.get(FUNNEL, RANGE).json()
    one = client.get(FUNNEL, {**RANGE, "programme": programme_org.pk}).json()
    assert everyone["funnel_by_period"]["total"][0]["value"] == 15  # 17, rounded
    assert one["funnel_by_period"]["total"][0]["value"] == 10


def test_bad_filters_are_400_per_field(client_for, staff):
    response = client_for(staff).get(
        FUNNEL, {"from": "2026-13-01", "programme": "x", "period": "week"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"from", "programme", "period"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "9999-01-01", "to": "9999-12-31"}, "from"),
        ({"from": "2026-03-01", "to": "2026-01-01"}, "to"),
        ({"programme": "9" * 30}, "programme"),
    ],
)
def test_out_of_range_filters_are_400_not_500(client_for, staff, params, field):
    response = client_for(staff).get(FUNNEL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_json_export_is_the_selector_output(client_for, staff, programme_org):
    _programme_world(programme_org)
    body = client_for(staff).get(FUNNEL, {**RANGE, "format": "json"}).json()
    assert body == impact_figures(
        date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), period="quarter"
    )


def test_csv_export_has_the_same_numbers_and_hides_small_cells(client_for, staff, programme_org):
    _programme_world(programme_org)
    response = client_for(staff).get(FUNNEL, {**RANGE, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    cell = next(
        r
        for r in rows
        if (r["table"], r["row"], r["column"]) == ("funnel_by_period", "total", "registered")
    )
    assert cell["value"] == "15"
    counts = [r for r in rows if not r["column"].endswith("_share") and r["column"] != "days"]
    assert all(r["value"] == "<5" or int(r["value"]) % 5 == 0 for r in counts)


# --- Dashboard --------------------------------------------------------------------------------


def test_dashboard_sends_anonymous_to_login(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("impact:impact-dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [UserRole.JOBSEEKER, UserRole.EMPLOYER, UserRole.MENTOR])
def test_dashboard_is_403_for_women_employers_and_mentors(client, role):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("impact:impact-dashboard")).status_code == 403


def test_dashboard_shows_the_same_figures_as_the_export(client, staff, programme_org):  # type: ignore[no-untyped-def]
    _programme_world(programme_org)
    client.force_login(staff)
    response = client.get(reverse("impact:impact-dashboard"), RANGE)
    assert response.status_code == 200
    assert response.context["figures"] == impact_figures(
        date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), period="quarter"
    )
    html = response.content.decode()
    assert html.count("<svg") == 3
    assert '<title id="chart-funnel-title">' in html
    assert "&lt;5" in html


def test_dashboard_for_another_programme_is_404(client, programme_user):  # type: ignore[no-untyped-def]
    client.force_login(programme_user)
    response = client.get(reverse("impact:impact-dashboard"), {"programme": ProgrammeFactory().pk})
    assert response.status_code == 404


def test_dashboard_bad_date_is_400_with_a_message(client, staff):  # type: ignore[no-untyped-def]
    client.force_login(staff)
    response = client.get(reverse("impact:impact-dashboard"), {"from": "soon"})
    assert response.status_code == 400
    assert "Use a date like 2026-01-31." in response.content.decode()


# --- Command ----------------------------------------------------------------------------------


def test_command_rejects_bad_dates_clearly():
    with pytest.raises(CommandError, match=r"--from: Use a date like 2026-01-31\."):
        call_command("impact_report", "--from", "2026-02-30", "--to", "2026-03-01")


def test_command_rejects_an_unknown_programme():
    with pytest.raises(CommandError, match="no programme"):
        call_command(
            "impact_report", "--from", "2026-01-01", "--to", "2026-03-01", "--programme", "999999"
        )


def test_command_json_equals_the_api_json(client_for, staff, programme_org):
    import json

    _programme_world(programme_org)
    out = io.StringIO()
    call_command(
        "impact_report",
        "--from",
        RANGE["from"],
        "--to",
        RANGE["to"],
        "--format",
        "json",
        "--programme",
        str(programme_org.pk),
        stdout=out,
    )
    api = client_for(staff).get(FUNNEL, {**RANGE, "programme": programme_org.pk}).json()
    assert json.loads(out.getvalue()) == api


# --- Bad input ----------------------------------------------------------------------------------


def test_an_absurd_amount_is_400(client_for, entrepreneur):
    response = client_for(entrepreneur).post(
        OUTCOMES,
        {
            "kind": "received_funding",
            "date": timezone.localdate().isoformat(),
            "amount_eur": 10**12,
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"amount_eur"}
    assert Outcome.objects.count() == 0


def test_a_date_before_she_registered_is_400_with_a_clear_message(client_for, jobseeker):
    response = client_for(jobseeker).post(OUTCOMES, {"kind": "got_job", "date": "2020-01-01"})
    assert response.status_code == 400
    assert response.json() == {"date": ["The date cannot be before registering on Pathways."]}


@pytest.mark.parametrize("role", [UserRole.JOBSEEKER, UserRole.PROGRAMME, UserRole.EMPLOYER])
def test_another_real_woman_and_a_missing_id_get_the_same_answer(client_for, role):
    client = client_for(UserFactory(role=role))
    real = woman(registered=date(2026, 1, 1)).user
    not_a_woman = UserFactory(role=UserRole.MENTOR)
    body = {"kind": "got_job", "date": timezone.localdate().isoformat()}
    answers = [
        client.post(OUTCOMES, {**body, "woman": woman_id}, format="json")
        for woman_id in (real.pk, 99_999_999, not_a_woman.pk)
    ]
    assert {a.status_code for a in answers} == {403}
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert Outcome.objects.count() == 0


def test_a_bad_date_for_another_woman_answers_as_for_a_missing_id(client_for, employer):
    """Permission is checked first: errors never tell a stranger about her registration."""
    client = client_for(employer)
    real = woman(registered=timezone.localdate()).user
    body = {"kind": "got_job", "date": "2020-01-01"}
    answers = [
        client.post(OUTCOMES, {**body, "woman": woman_id}, format="json")
        for woman_id in (real.pk, 99_999_999)
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert answers[0].json() == answers[1].json()
