import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services
from events.models import JobRole, JobRoleStatus, Report, ReportStatus
from tests.events.factories import ReportFactory
from tests.events.matches import job_match_ids
from tests.factories import JobRoleFactory, OrganisationFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _women(n):  # type: ignore[no-untyped-def]
    return [ProfileFactory().user for _ in range(n)]


def test_she_reports_a_role(client_for, jobseeker):
    role = JobRoleFactory()
    response = client_for(jobseeker).post(
        "/api/reports/", {"role": role.pk, "reason": "asks_for_money"}, format="json"
    )
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.organisation, report.status) == (role.organisation, ReportStatus.OPEN)


def test_she_reports_an_employer(client_for, jobseeker):
    organisation = OrganisationFactory()
    response = client_for(jobseeker).post(
        "/api/reports/", {"organisation": organisation.pk, "reason": "scam"}, format="json"
    )
    assert response.status_code == 201
    assert Report.objects.get().role is None


def test_other_reason_needs_text(client_for, jobseeker):
    role = JobRoleFactory()
    response = client_for(jobseeker).post(
        "/api/reports/", {"role": role.pk, "reason": "other"}, format="json"
    )
    assert response.status_code == 400
    assert "text" in response.json()
    assert Report.objects.count() == 0


def test_unknown_reason_is_refused(client_for, jobseeker):
    response = client_for(jobseeker).post(
        "/api/reports/", {"role": JobRoleFactory().pk, "reason": "ugly"}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in response.json()


def test_report_needs_exactly_one_target(client_for, jobseeker):
    role = JobRoleFactory()
    response = client_for(jobseeker).post(
        "/api/reports/",
        {"role": role.pk, "organisation": role.organisation_id, "reason": "scam"},
        format="json",
    )
    assert response.status_code == 400


def test_one_report_per_woman_per_role(client_for, jobseeker):
    role = JobRoleFactory()
    client = client_for(jobseeker)
    client.post("/api/reports/", {"role": role.pk, "reason": "scam"}, format="json")
    response = client.post(
        "/api/reports/", {"role": role.pk, "reason": "asks_for_documents"}, format="json"
    )
    assert response.status_code == 400
    assert Report.objects.count() == 1


def test_two_reports_keep_the_role_listed_three_hide_it(django_capture_on_commit_callbacks):
    first, second, third = _women(3)
    with django_capture_on_commit_callbacks(execute=True):
        role = services.role_save(user=None, instance=JobRoleFactory())
    assert role.pk in job_match_ids(first.profile)
    services.report_create(user=first, role=role, reason="scam")
    services.report_create(user=second, role=role, reason="unpaid_trial")
    role.refresh_from_db()
    assert role.hidden is False
    with django_capture_on_commit_callbacks(execute=True):
        services.report_create(user=third, role=role, reason="asks_for_money")
    role.refresh_from_db()
    assert role.hidden is True
    assert list(JobRole.objects.matchable()) == []
    assert role.pk not in job_match_ids(first.profile)


def test_hidden_role_is_not_listed_nor_open_for_applications(client_for, jobseeker):
    role = JobRoleFactory(hidden=True)
    client = client_for(jobseeker)
    assert client.get("/api/roles/").json()["results"] == []
    assert client.get(f"/api/roles/{role.pk}/").status_code == 404
    assert client.post("/api/applications/", {"role": role.pk}, format="json").status_code == 404


def test_owner_still_sees_her_hidden_role_flagged(client_for, employer, employer_org):
    role = JobRoleFactory(organisation=employer_org, hidden=True)
    assert client_for(employer).get(f"/api/roles/{role.pk}/").json()["hidden"] is True


def test_only_women_report(employer):
    with pytest.raises(PermissionDenied):
        services.report_create(user=employer, role=JobRoleFactory(), reason="scam")


def test_staff_clear_brings_the_role_back():
    role = JobRoleFactory(hidden=True)
    reports = [ReportFactory(role=role) for _ in range(3)]
    staff = ProfileFactory().user
    staff.is_staff = True
    staff.save()
    assert services.report_review(report=reports[0], reviewer=staff, confirm=False) == 3
    role.refresh_from_db()
    assert (role.hidden, role.status) == (False, JobRoleStatus.PUBLISHED)
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.CLEARED}


def test_cleared_reports_no_longer_count_toward_hiding(staff):
    role = JobRoleFactory()
    for user in _women(3):
        services.report_create(user=user, role=role, reason="scam")
    services.report_review(report=Report.objects.first(), reviewer=staff, confirm=False)
    services.report_create(user=ProfileFactory().user, role=role, reason="scam")
    role.refresh_from_db()
    assert role.hidden is False


def test_staff_confirm_closes_the_role(staff):
    role = JobRoleFactory(hidden=True)
    report = ReportFactory(role=role)
    services.report_review(report=report, reviewer=staff, confirm=True)
    role.refresh_from_db()
    assert (role.hidden, role.status) == (True, JobRoleStatus.CLOSED)
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReportStatus.CONFIRMED, staff)


def test_non_staff_cannot_review(employer):
    with pytest.raises(PermissionDenied):
        services.report_review(report=ReportFactory(), reviewer=employer, confirm=False)


def test_admin_actions_clear_and_confirm(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    hidden = JobRoleFactory(hidden=True)
    to_clear = ReportFactory(role=hidden)
    bad = JobRoleFactory(hidden=True)
    to_confirm = ReportFactory(role=bad)
    url = "/admin/events/report/"
    client.post(url, {"action": "clear_reports", "_selected_action": [to_clear.pk]})
    client.post(url, {"action": "confirm_reports", "_selected_action": [to_confirm.pk]})
    hidden.refresh_from_db()
    bad.refresh_from_db()
    assert (hidden.hidden, bad.hidden, bad.status) == (False, True, JobRoleStatus.CLOSED)


def test_her_report_list_shows_only_hers(client_for, jobseeker):
    mine = ReportFactory(reporter=jobseeker)
    ReportFactory()
    ids = [r["id"] for r in client_for(jobseeker).get("/api/reports/").json()["results"]]
    assert ids == [mine.pk]


def test_duplicate_report_through_the_service_is_a_validation_error(jobseeker):
    role = JobRoleFactory()
    services.report_create(user=jobseeker, role=role, reason="scam")
    with pytest.raises(ValidationError):
        services.report_create(user=jobseeker, role=role, reason="scam")


def test_three_reports_against_an_employer_hide_all_its_open_roles(
    client_for, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(kind="employer")
    women = _women(3)
    with django_capture_on_commit_callbacks(execute=True):
        roles = [
            services.role_save(user=None, instance=JobRoleFactory(organisation=organisation))
            for _ in range(2)
        ]
    draft = JobRoleFactory(organisation=organisation, status=JobRoleStatus.DRAFT)
    assert {r.pk for r in roles} <= job_match_ids(women[0].profile)
    for woman in women[:2]:
        client_for(woman).post(
            "/api/reports/", {"organisation": organisation.pk, "reason": "scam"}, format="json"
        )
    assert JobRole.objects.filter(hidden=True).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(women[2]).post(
            "/api/reports/",
            {"organisation": organisation.pk, "reason": "asks_for_money"},
            format="json",
        )
    assert response.status_code == 201
    assert set(JobRole.objects.filter(hidden=True).values_list("id", flat=True)) == {
        r.pk for r in roles
    }
    draft.refresh_from_db()
    assert draft.hidden is False
    assert not {r.pk for r in roles} & job_match_ids(women[0].profile)
    assert client_for(None).get("/api/roles/").json()["results"] == []


def test_one_woman_reporting_an_employer_three_times_hides_nothing(client_for, jobseeker):
    role = JobRoleFactory()
    client = client_for(jobseeker)
    for reason in ("scam", "asks_for_money", "unpaid_trial"):
        client.post(
            "/api/reports/", {"organisation": role.organisation.pk, "reason": reason}, format="json"
        )
    assert Report.objects.count() == 1
    role.refresh_from_db()
    assert role.hidden is False


def test_staff_clearing_an_employer_brings_its_roles_back(staff):
    role = JobRoleFactory()
    for woman in _women(3):
        report = services.report_create(user=woman, organisation=role.organisation, reason="scam")
    role.refresh_from_db()
    assert role.hidden is True
    assert services.report_review(report=report, reviewer=staff, confirm=False) == 3
    role.refresh_from_db()
    assert role.hidden is False


def test_staff_confirming_an_employer_closes_its_roles(staff):
    role = JobRoleFactory()
    for woman in _women(3):
        report = services.report_create(user=woman, organisation=role.organisation, reason="scam")
    services.report_review(report=report, reviewer=staff, confirm=True)
    role.refresh_from_db()
    assert (role.hidden, role.status) == (True, JobRoleStatus.CLOSED)
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 0


def test_withdrawing_verification_takes_its_roles_out_of_her_matches(
    django_capture_on_commit_callbacks,
):
    from backend.accounts.services import organisation_verify

    her = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        role = services.role_save(user=None, instance=JobRoleFactory())
    assert role.pk in job_match_ids(her)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_verify(organisation=role.organisation, verified=False)
    assert role.pk not in job_match_ids(her)
    with django_capture_on_commit_callbacks(execute=True):
        organisation_verify(organisation=role.organisation, verified=True)
    assert role.pk in job_match_ids(her)
