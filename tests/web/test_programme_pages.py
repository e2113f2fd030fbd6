"""Programme dashboard, training/financing detail pages and the mentor's own profile page."""

import pytest

from backend.accounts.models import Role
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import MentorProfile
from matching.models import Match
from tests.factories import (
    EntrepreneurProfileFactory,
    FinancingSchemeFactory,
    MembershipFactory,
    MentorProfileFactory,
    ProfileFactory,
    ProgrammeFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


@pytest.fixture
def programme_user(client):
    membership = MembershipFactory(
        user__role=Role.PROGRAMME, organisation=ProgrammeFactory(name="Start Strong")
    )
    client.force_login(membership.user)
    return membership


def _training_post(organisation_id, **overrides):
    data = {
        "organisation": organisation_id,
        "title": "Bookkeeping basics",
        "description": "Six evenings on invoices, receipts and simple accounts.",
        "skills": "Bookkeeping, Excel",
        "city": "Athens",
        "country": "GR",
        "remote": "on",
        "level": "beginner",
        "audience": "any",
        "schedule": ["evenings"],
        "lang_0": "el",
        "level_0": "B1",
        "lang_1": "en",
        "level_1": "",
    }
    data.update(overrides)
    return data


def _scheme_post(organisation_id, **overrides):
    data = {
        "organisation": organisation_id,
        "title": "Seed grant for women founders",
        "description": "Grants for women who start a business.",
        "skills": "",
        "amount_min_eur": "1000",
        "amount_max_eur": "5000",
        "stages": ["idea", "early"],
        "eligible_countries": ["GR", "IT"],
        "audience": "entrepreneur",
        "remote": "on",
        "lang_0": "en",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "url",
    ["/programme/", "/programme/training/new/", "/programme/financing/new/", "/profile/mentor/"],
)
def test_pages_send_anonymous_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_dashboard_shows_schemes_with_counts_and_trainings(client, programme_user):
    org = programme_user.organisation
    scheme = FinancingSchemeFactory(organisation=org, title="Microloan A")
    TrainingFactory(organisation=org, title="Excel evenings", published=False)
    FinancingSchemeFactory(title="Someone else's scheme")
    for status in ("saved", "saved", "requested"):
        Match.objects.create(
            profile=EntrepreneurProfileFactory(), kind="financing", object_id=scheme.pk,
            title=scheme.title, score=0.8, status=status,
        )  # fmt: skip
    response = client.get("/programme/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Microloan A" in html and "Excel evenings" in html
    assert "Someone else" not in html
    assert "<dt>Saved it</dt><dd>2</dd>" in html
    assert "<dt>Asked about it</dt><dd>1</dd>" in html
    assert 'href="/programme/"' in html  # the header links to it


def test_dashboard_is_404_for_people_outside_programmes(client):
    client.force_login(ProfileFactory().user)
    assert client.get("/programme/").status_code == 404


def test_unverified_programme_sees_why_it_cannot_publish(client, programme_user):
    org = programme_user.organisation
    org.verified = False
    org.save()
    TrainingFactory(organisation=org, published=False)
    html = client.get("/programme/").content.decode()
    assert "not verified yet, so you cannot publish" in html
    assert ">Publish</button>" not in html


def test_programme_creates_a_training_as_draft(client, programme_user):
    org = programme_user.organisation
    response = client.post("/programme/training/new/", _training_post(org.pk))
    assert response.status_code == 302
    training = Training.objects.get(title="Bookkeeping basics")
    assert training.organisation == org
    assert training.published is False
    assert training.skills == ["Bookkeeping", "Excel"]
    assert training.languages == [{"code": "el", "level": "B1"}, {"code": "en", "level": None}]


def test_programme_creates_and_edits_a_financing_scheme(client, programme_user):
    org = programme_user.organisation
    assert client.post("/programme/financing/new/", _scheme_post(org.pk)).status_code == 302
    scheme = FinancingScheme.objects.get(title="Seed grant for women founders")
    assert scheme.eligible_countries == ["GR", "IT"]
    page = client.get(f"/programme/financing/{scheme.pk}/").content.decode()
    assert 'value="Seed grant for women founders"' in page
    response = client.post(
        f"/programme/financing/{scheme.pk}/", _scheme_post(org.pk, amount_max_eur="9000")
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.amount_max_eur == 9000


def test_bad_input_is_400_with_field_messages_and_nothing_saved(client, programme_user):
    org = programme_user.organisation
    response = client.post(
        "/programme/financing/new/",
        _scheme_post(org.pk, amount_min_eur="9000", amount_max_eur="10", stages=[]),
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert FinancingScheme.objects.count() == 0
    response = client.post(
        "/programme/financing/new/",
        _scheme_post(org.pk, amount_min_eur="9000", amount_max_eur="10"),
    )
    assert response.status_code == 400
    assert "The maximum is below the minimum." in response.content.decode()
    assert FinancingScheme.objects.count() == 0


def test_publish_and_unpublish(client, programme_user):
    training = TrainingFactory(organisation=programme_user.organisation, published=False)
    url = f"/programme/training/{training.pk}/publish/"
    assert client.post(url, {"published": "1"}).status_code == 302
    training.refresh_from_db()
    assert training.published is True
    client.post(url, {"published": "0"})
    training.refresh_from_db()
    assert training.published is False


def test_unverified_organisation_cannot_publish(client, programme_user):
    org = programme_user.organisation
    org.verified = False
    org.save()
    training = TrainingFactory(organisation=org, published=False)
    response = client.post(
        f"/programme/training/{training.pk}/publish/", {"published": "1"}, follow=True
    )
    assert "must be verified by staff before publishing" in response.content.decode()
    training.refresh_from_db()
    assert training.published is False


def test_other_organisations_items_are_404(client, programme_user):
    other = TrainingFactory(published=False)
    scheme = FinancingSchemeFactory(published=True)
    assert client.get(f"/programme/training/{other.pk}/").status_code == 404
    assert client.get(f"/programme/financing/{scheme.pk}/").status_code == 404
    response = client.post(f"/programme/financing/{scheme.pk}/publish/", {"published": "0"})
    assert response.status_code == 404
    scheme.refresh_from_db()
    assert scheme.published is True


def test_unknown_kind_is_404(client, programme_user):
    assert client.get("/programme/role/new/").status_code == 404


def test_training_detail_is_public_when_published(client):
    training = TrainingFactory(title="Excel evenings", childcare_offered=True)
    html = client.get(f"/trainings/{training.pk}/").content.decode()
    assert "Excel evenings" in html
    assert "English (B1)" in html
    assert "Offered" in html


def test_financing_detail_is_public_when_published(client):
    scheme = FinancingSchemeFactory(title="Microloan A", eligible_countries=["GR"])
    html = client.get(f"/financing/{scheme.pk}/").content.decode()
    assert "Microloan A" in html
    assert "Greece" in html
    assert "Idea" in html


def test_drafts_are_404_except_for_the_owning_organisation(client, programme_user):
    mine = TrainingFactory(organisation=programme_user.organisation, published=False)
    theirs = FinancingSchemeFactory(published=False)
    assert client.get(f"/trainings/{mine.pk}/").status_code == 200
    assert client.get(f"/financing/{theirs.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/trainings/{mine.pk}/").status_code == 404


def test_detail_pages_escape_user_text(client):
    training = TrainingFactory(title=f"Course {XSS}", description=XSS)
    html = client.get(f"/trainings/{training.pk}/").content.decode()
    assert XSS not in html
    assert "&lt;script&gt;" in html


def test_match_cards_link_to_training_and_financing_pages(client):
    profile = EntrepreneurProfileFactory()
    training, scheme = TrainingFactory(), FinancingSchemeFactory()
    for kind, item in (("training", training), ("financing", scheme)):
        Match.objects.create(
            profile=profile, kind=kind, object_id=item.pk, title=item.title, score=0.7
        )
    client.force_login(profile.user)
    html = client.get("/matches/").content.decode()
    assert f'href="/trainings/{training.pk}/"' in html
    html = client.get("/matches/financing/").content.decode()
    assert f'href="/financing/{scheme.pk}/"' in html


@pytest.fixture
def mentor(client):
    mentor = MentorProfileFactory(user__display_name="Layla")
    client.force_login(mentor.user)
    return mentor


def _mentor_post(**overrides):
    data = {
        "headline": "Bookkeeper and coach",
        "bio": "I help women with accounts.",
        "expertise": "Bookkeeping, Excel",
        "lang_0": "ar",
        "level_0": "native",
        "lang_1": "en",
        "level_1": "C1",
        "city": "Athens",
        "country": "GR",
        "remote": "on",
        "capacity": "3",
        "available": "on",
        "gender": "self_described",
        "gender_description": "Woman, in my words",
    }
    data.update(overrides)
    return data


def test_mentor_profile_page_shows_her_profile_and_header_link(client, mentor):
    html = client.get("/profile/mentor/").content.decode()
    assert 'href="/profile/mentor/"' in html
    assert 'value="Data analyst, ten years in retail"' in html
    assert 'value="SQL, Excel, data analysis"' in html


def test_mentor_saves_her_profile(client, mentor):
    response = client.post("/profile/mentor/", _mentor_post())
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.headline == "Bookkeeper and coach"
    assert mentor.expertise == ["Bookkeeping", "Excel"]
    assert mentor.languages == [{"code": "ar", "level": "native"}, {"code": "en", "level": "C1"}]
    assert mentor.capacity == 3
    assert (mentor.gender, mentor.gender_description) == ("self_described", "Woman, in my words")


def test_mentor_profile_bad_input_is_400_and_nothing_changes(client, mentor):
    response = client.post("/profile/mentor/", _mentor_post(capacity="99", lang_0="", lang_1=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Add at least one language." in html
    mentor.refresh_from_db()
    assert mentor.headline == "Data analyst, ten years in retail"
    response = client.post("/profile/mentor/", _mentor_post(capacity="99"))
    assert response.status_code == 400
    assert "less than or equal to 50" in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.capacity == 2


def test_mentor_profile_escapes_her_text(client, mentor):
    client.post("/profile/mentor/", _mentor_post(headline="Coach", bio="I like <b>bold</b>"))
    html = client.get("/profile/mentor/").content.decode()
    assert "<b>bold</b>" not in html


def test_a_new_mentor_gets_an_empty_profile(client):
    user = UserFactory(role=Role.MENTOR)
    client.force_login(user)
    assert client.get("/profile/mentor/").status_code == 200
    assert MentorProfile.objects.filter(user=user).exists()


def test_mentor_profile_is_for_mentors_only(client):
    client.force_login(ProfileFactory().user)
    response = client.get("/profile/mentor/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"


def test_dashboard_queries_do_not_grow_with_items(client, programme_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = programme_user.organisation
    FinancingSchemeFactory(organisation=org)
    TrainingFactory(organisation=org)
    with CaptureQueriesContext(connection) as few:
        client.get("/programme/")
    FinancingSchemeFactory.create_batch(4, organisation=org)
    TrainingFactory.create_batch(4, organisation=org)
    with CaptureQueriesContext(connection) as many:
        client.get("/programme/")
    assert len(many) == len(few)
