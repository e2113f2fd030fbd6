"""Web pages with the Django test client: who sees what, htmx fragments, escaping, i18n."""

import json

import pytest
from django.conf import settings

from backend.accounts.models import Role, User
from matching.models import Match, MatchState, MatchStatus
from tests.factories import (
    PASSWORD,
    EntrepreneurProfileFactory,
    MembershipFactory,
    MentorProfileFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PRIVATE_PAGES = [
    "/matches/",
    "/matches/jobs/",
    "/profile/",
    "/profile/step/about/",
    "/accounts/",
    "/accounts/export/",
    "/accounts/delete/",
]


def _match(profile, kind="training", title="Data analysis with Excel", **fields):
    fields.setdefault("object_id", Match.objects.count() + 1)
    fields.setdefault("score", 0.82)
    fields.setdefault("reasons", ["teaches SQL, which you want to learn", "remote"])
    return Match.objects.create(profile=profile, kind=kind, title=title, **fields)


@pytest.fixture
def amina(client):
    profile = ProfileFactory(user__email="amina@example.org", user__display_name="Amina")
    client.force_login(profile.user)
    return profile


def test_landing_says_what_and_for_whom(client):
    html = client.get("/").content.decode()
    assert "Pathways helps migrant and refugee women" in html
    assert 'href="/accounts/register/"' in html
    assert 'dir="ltr"' in html


@pytest.mark.parametrize("url", PRIVATE_PAGES)
def test_private_pages_send_anonymous_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("url", ["/matches/", "/profile/", "/profile/step/place/"])
@pytest.mark.parametrize("role", [Role.MENTOR, Role.EMPLOYER, Role.PROGRAMME, Role.STAFF])
def test_women_only_pages_send_other_roles_to_their_account(client, url, role):
    client.force_login(UserFactory(role=role))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


@pytest.mark.parametrize("role", [Role.MENTOR, Role.EMPLOYER, Role.PROGRAMME, Role.STAFF])
def test_account_page_renders_for_every_role(client, role):
    user = UserFactory(role=role, is_staff=role == Role.STAFF)
    client.force_login(user)
    html = client.get("/accounts/").content.decode()
    assert user.email in html
    assert "Download my data" in html
    assert ("/admin/" in html) is (role == Role.STAFF)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/matches/",
        "/matches/mentors/",
        "/matches/jobs/",
        "/profile/",
        "/profile/step/about/",
        "/profile/step/skills/",
        "/profile/step/place/",
        "/profile/step/consent/",
        "/accounts/",
        "/accounts/delete/",
        "/accounts/password/change/",
    ],
)
def test_pages_render_for_a_job_seeker(client, amina, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"<h1" in response.content


def test_register_offers_the_five_roles_with_hints(client):
    html = client.get("/accounts/register/?role=entrepreneur").content.decode()
    for value in ["jobseeker", "entrepreneur", "mentor", "employer", "programme"]:
        assert f'value="{value}"' in html
    assert 'value="entrepreneur" checked' in html
    assert 'value="staff"' not in html


def test_register_employer_goes_to_account(client):
    response = client.post(
        "/accounts/register/",
        {
            "email": "hr@example.org",
            "password": "a-long-enough-secret-9",
            "role": "employer",
            "organisation_name": "Aegean Data",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


def test_login_takes_a_woman_to_her_matches_in_her_language(client):
    UserFactory(email="olena@example.org", preferred_language="uk")
    response = client.post(
        "/accounts/login/", {"username": "olena@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/matches/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"


# --- Matches ---------------------------------------------------------------------------------------


def test_job_seeker_sees_jobs_tab_not_financing(client, amina):
    html = client.get("/matches/").content.decode()
    assert 'href="/matches/jobs/"' in html
    assert 'href="/matches/financing/"' not in html
    assert client.get("/matches/financing/").status_code == 404


def test_entrepreneur_sees_financing_tab_not_jobs(client):
    profile = EntrepreneurProfileFactory()
    client.force_login(profile.user)
    html = client.get("/matches/").content.decode()
    assert 'href="/matches/financing/"' in html
    assert 'href="/matches/jobs/"' not in html
    assert client.get("/matches/jobs/").status_code == 404


def test_matches_are_ranked_with_reason_chips_and_only_hers(client, amina):
    _match(amina, title="Second best", score=0.5)
    _match(amina, title="Best fit", score=0.9, reasons=["you both speak Arabic"])
    _match(amina, title="Hidden one", status=MatchStatus.DISMISSED)
    _match(amina, kind="mentor", title="A mentor")
    _match(ProfileFactory(), title="Someone else's training")
    html = client.get("/matches/").content.decode()
    assert html.index("Best fit") < html.index("Second best")
    assert "<li>you both speak Arabic</li>" in html
    assert "Fits you at 90%" in html
    assert "Hidden one" not in html
    assert "A mentor" not in html
    assert "Someone else" not in html


def test_match_page_escapes_titles_and_reasons(client, amina):
    _match(amina, title="<script>alert(1)</script>", reasons=["<b>bold</b>"])
    html = client.get("/matches/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_mentor_match_links_to_asking_her(client, amina):
    mentor = MentorProfileFactory()
    _match(amina, kind="mentor", title="Layla", object_id=mentor.pk)
    html = client.get("/matches/mentors/").content.decode()
    assert f'href="/mentoring/ask/{mentor.pk}/"' in html


def test_empty_tab_says_what_to_do_next(client, amina):
    html = client.get("/matches/jobs/").content.decode()
    assert "No job-fair roles fit your profile yet" in html
    assert 'href="/profile/"' in html


def test_htmx_save_returns_the_updated_card(client, amina):
    match = _match(amina)
    response = client.post(f"/matches/{match.pk}/save/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<li id="match-{match.pk}" class="card saved">')
    assert "<html" not in html
    assert "Saved" in html
    match.refresh_from_db()
    assert match.status == MatchStatus.SAVED


def test_htmx_dismiss_hides_the_card_for_good(client, amina):
    match = _match(amina, title="Not this one")
    response = client.post(f"/matches/{match.pk}/dismiss/", HTTP_HX_REQUEST="true")
    assert "is hidden" in response.content.decode()
    assert "Not this one" not in client.get("/matches/").content.decode()


def test_save_without_javascript_redirects_back(client, amina):
    match = _match(amina, kind="mentor")
    response = client.post(f"/matches/{match.pk}/save/", {"next": "/matches/mentors/"})
    assert response.status_code == 302
    assert response["Location"] == "/matches/mentors/"
    response = client.post(f"/matches/{match.pk}/dismiss/", {"next": "https://evil.example/"})
    assert response["Location"] == "/matches/mentors/"


def test_cannot_decide_on_someone_elses_match(client, amina):
    other = _match(ProfileFactory())
    assert client.post(f"/matches/{other.pk}/save/").status_code == 404
    other.refresh_from_db()
    assert other.status == MatchStatus.SUGGESTED


def test_saved_only_filter(client, amina):
    _match(amina, title="Kept", status=MatchStatus.SAVED)
    _match(amina, title="Just suggested")
    html = client.get("/matches/?show=saved").content.decode()
    assert "Kept" in html
    assert "Just suggested" not in html


def test_recomputing_note_polls_until_ready(client, amina):
    state = MatchState.objects.create(profile=amina, requested=2, computed=1)
    html = client.get("/matches/").content.decode()
    assert "being updated" in html
    assert 'hx-trigger="every 3s"' in html
    polled = client.get("/matches/state/?kind=trainings", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 3s"' in polled
    state.computed = 2
    state.save()
    _match(amina, title="Fresh match")
    done = client.get("/matches/state/?kind=trainings", HTTP_HX_REQUEST="true").content.decode()
    assert "every 3s" not in done
    assert "up to date" in done
    assert 'hx-swap-oob="true"' in done
    assert "Fresh match" in done


def test_list_page_stays_small(client, amina):
    for i in range(25):
        _match(amina, title=f"Training {i}", object_id=1000 + i)
    response = client.get("/matches/")
    assert len(response.content) < 60_000
    assert response.content.decode().count('<li id="match-') == 20


# --- Onboarding ------------------------------------------------------------------------------------


def test_onboarding_steps_show_progress_and_save_each_part(client):
    user = UserFactory(role=Role.JOBSEEKER)
    client.force_login(user)
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert "Start with step 1" in client.get("/profile/").content.decode()
    html = client.get("/profile/step/skills/").content.decode()
    assert "Step 2 of 4" in html

    response = client.post(
        "/profile/step/about/",
        {"bio": "I was a teacher in Kharkiv.", "goals": "Learn web design"},
    )
    assert response["Location"] == "/profile/step/skills/"
    response = client.post(
        "/profile/step/skills/",
        {
            "skills_text": "teaching, MS Word",
            "suggested": ["HTML"],
            "digital_level": "intermediate",
        },
    )
    assert response["Location"] == "/profile/step/place/"
    response = client.post(
        "/profile/step/place/",
        {
            "lang_0": "uk", "level_0": "native", "lang_1": "en", "level_1": "B1",
            "city": "Athens", "country": "GR", "open_to_remote": "on",
            "availability": ["evenings"],
        },
    )  # fmt: skip
    assert response["Location"] == "/profile/step/consent/"
    response = client.post(
        "/profile/step/consent/",
        {"employers_can_view": "on", "shared_fields": ["skills", "languages"], "finish": "1"},
    )
    assert response["Location"] == "/matches/"

    profile = User.objects.get(pk=user.pk).profile
    assert profile.bio == "I was a teacher in Kharkiv."
    assert profile.goals == "Learn web design"
    assert "HTML" in profile.skills and "teaching" in profile.skills
    assert profile.digital_level == "intermediate"
    assert profile.languages == [{"code": "uk", "level": "native"}, {"code": "en", "level": "B1"}]
    assert (profile.city, profile.country, profile.open_to_remote) == ("Athens", "GR", True)
    assert profile.availability == ["evenings"]
    assert profile.employers_can_view is True
    assert profile.shared_fields == ["skills", "languages"]


def test_a_step_keeps_what_other_steps_wrote(client, amina):
    client.post("/profile/step/about/", {"bio": "New words about me.", "goals": ""})
    amina.refresh_from_db()
    assert amina.bio == "New words about me."
    assert amina.skills == ["Excel", "bookkeeping"]
    assert amina.city == "Athens"


def test_about_step_needs_some_words(client, amina):
    response = client.post("/profile/step/about/", {"bio": "  ", "goals": ""})
    assert response.status_code == 200
    assert "Write a few words" in response.content.decode()


def test_place_step_explains_language_mistakes(client, amina):
    response = client.post(
        "/profile/step/place/",
        {"lang_0": "ar", "lang_1": "ar", "level_2": "B1", "city": "Athens", "country": "GR"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You chose this language twice." in html
    assert "Choose the language for this level." in html


def test_place_step_needs_a_country_for_a_city(client, amina):
    response = client.post("/profile/step/place/", {"lang_0": "ar", "city": "Athens"})
    assert "Choose the country of this city." in response.content.decode()


def test_business_questions_only_for_entrepreneurs(client, amina):
    assert "funding_need_eur" not in client.get("/profile/step/about/").content.decode()
    profile = EntrepreneurProfileFactory()
    client.force_login(profile.user)
    html = client.get("/profile/step/about/").content.decode()
    assert 'name="funding_need_eur"' in html
    client.post(
        "/profile/step/about/",
        {"bio": "Catering", "goals": "A van", "business_stage": "idea", "funding_need_eur": "8000"},
    )
    profile.refresh_from_db()
    assert (profile.business_stage, profile.funding_need_eur) == ("idea", 8000)


def test_profile_overview_escapes_her_words(client, amina):
    amina.bio = "<img src=x onerror=alert(1)>"
    amina.save()
    html = client.get("/profile/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_skill_suggestions_fragment(client, amina):
    html = client.get("/profile/skills/suggest/?skill_q=java", HTTP_HX_REQUEST="true").content
    assert b'value="JavaScript"' in html
    assert b"<html" not in html


# --- Account ---------------------------------------------------------------------------------------


def test_account_edit_saves_name_and_language(client, amina):
    response = client.post("/accounts/", {"display_name": "Mina", "preferred_language": "fr"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    amina.user.refresh_from_db()
    assert (amina.user.display_name, amina.user.preferred_language) == ("Mina", "fr")


def test_switching_language_is_remembered_on_her_account(client, amina):
    response = client.post("/accounts/language/", {"language": "ar", "next": "/matches/"})
    assert response.status_code == 302
    assert response["Location"] == "/matches/"
    amina.user.refresh_from_db()
    assert amina.user.preferred_language == "ar"
    html = client.get("/matches/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_switching_language_anonymously_sets_only_the_cookie(client):
    response = client.post("/accounts/language/", {"language": "uk", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "uk"
    assert cookie["max-age"] == 365 * 24 * 3600  # remembered beyond this browser session
    assert 'lang="uk"' in client.get("/").content.decode()


def test_pages_are_translated(client, amina):
    client.post("/accounts/language/", {"language": "fr", "next": "/"})
    html = client.get("/matches/").content.decode()
    assert "Formations" in html
    client.post("/accounts/language/", {"language": "uk", "next": "/"})
    assert "Наставники" in client.get("/matches/").content.decode()


def test_consent_summary_on_account(client, amina):
    amina.employers_can_view = True
    amina.shared_fields = ["skills", "city"]
    amina.save()
    html = client.get("/accounts/").content.decode()
    assert "Your skills, Your city" in html
    assert 'href="/profile/step/consent/"' in html


def test_download_my_data_is_hers_only(client, amina):
    _match(amina, title="Her training")
    _match(ProfileFactory(bio="Somebody else entirely"), title="Not hers")
    response = client.get("/accounts/export/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert data["profile"]["bio"] == amina.bio
    assert [m["title"] for m in data["matches"]] == ["Her training"]
    assert "Somebody else" not in response.content.decode()


def test_delete_account_needs_her_password(client, amina):
    response = client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "This password is not right." in response.content.decode()
    assert User.objects.filter(pk=amina.user.pk).exists()
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=amina.user.pk).exists()
    assert client.get("/accounts/").status_code == 302


def test_employer_header_has_no_women_links(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    html = client.get("/accounts/").content.decode()
    assert 'href="/matches/"' not in html
    assert 'href="/profile/"' not in html


@pytest.mark.parametrize("language", ["fr", "ar", "uk"])
def test_every_interface_string_is_translated(language):
    from pathlib import Path

    po = Path(settings.BASE_DIR, "backend", "locale", language, "LC_MESSAGES", "django.po")
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]
    empty = [e.split("\n")[-2] for e in entries if e.rstrip().endswith('msgstr ""')]
    assert empty == []
    assert po.with_suffix(".mo").exists()
