"""The browser pages: her outcomes, a programme recording funding, her statistics opt-in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Role as UserRole
from impact.models import Outcome, StatisticsConsent
from impact.services import outcome_record
from tests.events.factories import ApplicationFactory
from tests.factories import (
    FinancingSchemeFactory,
    JobRoleFactory,
    ProgrammeFactory,
    TrainingFactory,
    UserFactory,
)
from tests.impact.helpers import match, outcome, woman

pytestmark = pytest.mark.django_db
MINE = reverse("impact:my-outcomes")
RECORD = reverse("impact:programme-record")
CONSENT = reverse("impact:statistics-consent")


def _today() -> str:
    return timezone.localdate().isoformat()


# --- Her outcomes -----------------------------------------------------------------------------


def test_her_page_lists_what_an_employer_recorded_for_her(
    client, employer, employer_org, jobseeker
):  # type: ignore[no-untyped-def]
    role = JobRoleFactory(organisation=employer_org, title="Kitchen assistant")
    ApplicationFactory(role=role, profile=jobseeker.profile)
    outcome_record(
        user=employer, woman=jobseeker, kind="got_job", date=timezone.localdate(), role=role
    )
    client.force_login(jobseeker)
    html = client.get(MINE).content.decode()
    assert "Kitchen assistant" in html
    assert "Yes, confirm" in html


def test_she_records_an_outcome_from_the_page(client, entrepreneur):  # type: ignore[no-untyped-def]
    client.force_login(entrepreneur)
    response = client.post(
        MINE, {"kind": "received_funding", "date": _today(), "amount_eur": "4000"}
    )
    assert response.status_code == 302
    saved = Outcome.objects.get(woman=entrepreneur)
    assert (saved.kind, saved.amount_eur, saved.confirmed_by_woman) == (
        "received_funding",
        4000,
        True,
    )


def test_a_bad_outcome_shows_the_errors_on_the_form(client, jobseeker):  # type: ignore[no-untyped-def]
    client.force_login(jobseeker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(MINE, {"kind": "got_job", "date": tomorrow, "amount_eur": "5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert "An amount is only recorded for funding received." in html
    assert Outcome.objects.count() == 0


def test_she_confirms_then_rejects_from_the_page(client, employer, employer_org, jobseeker):  # type: ignore[no-untyped-def]
    role = JobRoleFactory(organisation=employer_org)
    ApplicationFactory(role=role, profile=jobseeker.profile)
    recorded = outcome_record(
        user=employer, woman=jobseeker, kind="got_job", date=timezone.localdate(), role=role
    )
    client.force_login(jobseeker)
    client.post(reverse("impact:outcome-confirm", args=[recorded.pk]))
    recorded.refresh_from_db()
    assert recorded.confirmed_by_woman is True
    client.post(reverse("impact:outcome-reject", args=[recorded.pk]))
    recorded.refresh_from_db()
    assert recorded.rejected_at is not None


def test_another_womans_outcome_is_404_on_the_page(client, jobseeker):  # type: ignore[no-untyped-def]
    hers = outcome(woman(registered=date(2026, 1, 1)), day=date(2026, 1, 2))
    client.force_login(jobseeker)
    assert client.post(reverse("impact:outcome-confirm", args=[hers.pk])).status_code == 404
    assert client.post(reverse("impact:outcome-reject", args=[hers.pk])).status_code == 404
    hers.refresh_from_db()
    assert (hers.rejected_at, hers.confirmed_by_woman) == (None, True)


def test_the_outcome_page_is_403_for_an_employer(client, employer):  # type: ignore[no-untyped-def]
    client.force_login(employer)
    assert client.get(MINE).status_code == 403


def test_the_outcome_page_sends_anonymous_to_login(client):  # type: ignore[no-untyped-def]
    assert client.get(MINE).status_code == 302


# --- Programmes record ------------------------------------------------------------------------


def _engaged(programme_org, *, shares_name: bool):  # type: ignore[no-untyped-def]
    scheme = FinancingSchemeFactory(organisation=programme_org, title="Start-up grant")
    profile = woman(registered=timezone.localdate(), role=UserRole.ENTREPRENEUR)
    profile.shared_fields = ["display_name"] if shares_name else []
    profile.save(update_fields=["shared_fields"])
    return match(profile, kind="financing", object_id=scheme.pk, status="requested")


def test_programme_records_funding_for_a_woman_who_asked_about_its_scheme(  # type: ignore[no-untyped-def]
    client, programme_user, programme_org
):
    engaged = _engaged(programme_org, shares_name=True)
    client.force_login(programme_user)
    assert engaged.profile.user.display_name in client.get(RECORD).content.decode()
    response = client.post(RECORD, {"match": engaged.pk, "date": _today(), "amount_eur": "3000"})
    assert response.status_code == 302
    saved = Outcome.objects.get(woman=engaged.profile.user)
    assert (saved.kind, saved.amount_eur, saved.recorded_by_role, saved.confirmed_by_woman) == (
        "received_funding",
        3000,
        "programme",
        False,
    )


def test_programme_sees_no_name_she_did_not_share(client, programme_user, programme_org):  # type: ignore[no-untyped-def]
    engaged = _engaged(programme_org, shares_name=False)
    client.force_login(programme_user)
    html = client.get(RECORD).content.decode()
    assert engaged.profile.user.display_name not in html
    assert "Name not shared" in html


def test_programme_cannot_record_through_another_programmes_match(client, programme_user):  # type: ignore[no-untyped-def]
    theirs = _engaged(ProgrammeFactory(), shares_name=True)
    client.force_login(programme_user)
    response = client.post(RECORD, {"match": theirs.pk, "date": _today()})
    assert response.status_code == 404
    assert Outcome.objects.count() == 0


def test_programme_amount_too_large_is_shown_on_the_form(client, programme_user, programme_org):  # type: ignore[no-untyped-def]
    engaged = _engaged(programme_org, shares_name=True)
    client.force_login(programme_user)
    response = client.post(
        RECORD, {"match": engaged.pk, "date": _today(), "amount_eur": "20000000"}
    )
    assert response.status_code == 400
    assert "10000000" in response.content.decode().replace(",", "").replace("\u00a0", "")
    assert Outcome.objects.count() == 0


def test_a_finished_training_is_recorded_for_a_training_match(
    client, programme_user, programme_org
):  # type: ignore[no-untyped-def]
    training = TrainingFactory(organisation=programme_org)
    profile = woman(registered=timezone.localdate())
    engaged = match(profile, kind="training", object_id=training.pk, status="saved")
    client.force_login(programme_user)
    client.post(RECORD, {"match": engaged.pk, "date": _today()})
    assert Outcome.objects.get(woman=profile.user).training == training


def test_the_record_page_is_403_for_women_and_employers(client, jobseeker, employer):  # type: ignore[no-untyped-def]
    for user in (jobseeker, employer):
        client.force_login(user)
        assert client.get(RECORD).status_code == 403


# --- Her statistics opt-in --------------------------------------------------------------------


def test_she_opts_in_to_origin_and_right_to_work(client, jobseeker):  # type: ignore[no-untyped-def]
    client.force_login(jobseeker)
    assert "no one can recognise you" in client.get(CONSENT).content.decode()
    response = client.post(
        CONSENT, {"share_origin": "on", "origin_region": "mena", "share_right_to_work": "on"}
    )
    assert response.status_code == 302
    consent = StatisticsConsent.objects.get(woman=jobseeker)
    assert (consent.share_origin, consent.origin_region, consent.share_right_to_work) == (
        True,
        "mena",
        True,
    )


def test_opting_in_to_origin_needs_a_region(client, jobseeker):  # type: ignore[no-untyped-def]
    client.force_login(jobseeker)
    response = client.post(CONSENT, {"share_origin": "on", "origin_region": ""})
    assert response.status_code == 400
    assert "Choose the region you come from." in response.content.decode()
    assert not StatisticsConsent.objects.exists()


def test_opting_out_forgets_the_region(client, jobseeker):  # type: ignore[no-untyped-def]
    StatisticsConsent.objects.create(woman=jobseeker, share_origin=True, origin_region="ssa")
    client.force_login(jobseeker)
    client.post(CONSENT, {"origin_region": "ssa"})
    consent = StatisticsConsent.objects.get(woman=jobseeker)
    assert (consent.share_origin, consent.origin_region) == (False, "")


def test_the_consent_page_is_403_for_programmes(client, programme_user):  # type: ignore[no-untyped-def]
    client.force_login(programme_user)
    assert client.get(CONSENT).status_code == 403


def test_the_nav_links_her_outcomes(client, jobseeker):  # type: ignore[no-untyped-def]
    client.force_login(jobseeker)
    assert f'href="{MINE}"' in client.get(CONSENT).content.decode()


# --- The opt-in through the API ---------------------------------------------------------------

CONSENT_API = "/api/impact/statistics-consent/"


def test_api_reads_and_sets_only_her_own_consent(client_for, jobseeker):  # type: ignore[no-untyped-def]
    other = UserFactory(role=UserRole.JOBSEEKER)
    StatisticsConsent.objects.create(woman=other, share_origin=True, origin_region="eap")
    client = client_for(jobseeker)
    assert client.get(CONSENT_API).json()["share_origin"] is False
    body = {"share_origin": True, "origin_region": "americas", "share_right_to_work": False}
    assert client.put(CONSENT_API, body, format="json").status_code == 200
    assert client.get(CONSENT_API).json()["origin_region"] == "americas"
    assert StatisticsConsent.objects.get(woman=other).origin_region == "eap"


def test_api_refuses_a_country_instead_of_a_region(client_for, jobseeker):  # type: ignore[no-untyped-def]
    body = {"share_origin": True, "origin_region": "SY", "share_right_to_work": False}
    response = client_for(jobseeker).put(CONSENT_API, body, format="json")
    assert response.status_code == 400
    assert "origin_region" in response.json()


def test_api_consent_is_403_for_employers_and_401_for_anonymous(client_for, employer):  # type: ignore[no-untyped-def]
    assert client_for(employer).get(CONSENT_API).status_code == 403
    assert client_for(None).get(CONSENT_API).status_code == 401
