"""Match reasons are stored as codes and worded in the reader's language (fr, ar, uk, en)."""

import pytest
from django.core import mail
from django.utils import translation

from matching import services, tasks
from matching.engine.wording import CODES as ENGINE_CODES
from matching.models import Match
from matching.reasons import CODES, render_reason, render_reasons
from tests.factories import ProfileFactory, TrainingFactory, UserFactory
from tests.matching.factories import MatchFactory

REMOTE = {"code": "place_remote", "params": {}}
TWO_SKILLS = {"code": "skills", "params": {"verb_kind": "training", "skills": ["Python", "SQL"]}}
ARABIC = {"code": "language_shared", "params": {"language": "ar"}}


def test_every_engine_code_has_words_here():
    assert ENGINE_CODES <= CODES


def test_reason_is_worded_in_french():
    with translation.override("fr"):
        assert render_reason(REMOTE) == "à distance — vous pouvez participer depuis chez vous"


def test_language_course_reason_names_the_course_and_the_language():
    course = {"code": "language_course", "params": {"title": "German A2", "language": "de"}}
    with translation.override("en"):
        assert render_reason(course) == "“German A2” teaches German and can help you get there"


def test_reason_is_worded_in_english():
    with translation.override("en"):
        assert render_reason(TWO_SKILLS) == "teaches Python and SQL, which you list as skills"


def test_two_skills_take_the_arabic_dual():
    with translation.override("ar"):
        assert render_reason(TWO_SKILLS) == "يعلّم Python وSQL، وهما مهارتان ذكرتِهما"


def test_one_skill_takes_the_ukrainian_singular():
    one = {"code": "skills", "params": {"verb_kind": "job", "skills": ["SQL"]}}
    with translation.override("uk"):
        assert render_reason(one) == "вимагає SQL — цю навичку ви вказали"


def test_language_names_are_translated_and_small_inside_a_french_sentence():
    with translation.override("fr"):
        assert render_reason(ARABIC) == "vous avez une langue en commun : arabe"


def test_amounts_use_the_readers_number_format():
    fit = {"code": "amount_fit", "params": {"min": 2000, "max": 15000, "need": 8000}}
    with translation.override("fr"):
        text = render_reason(fit)
    assert text == (
        "des montants de 2\xa0000\xa0€ à 15\xa0000\xa0€, adaptés à votre besoin de 8\xa0000\xa0€"
    )


def test_time_slots_come_from_the_translated_choices():
    clash = {"code": "schedule", "params": {"schedule": ["daytime"], "availability": ["evenings"]}}
    with translation.override("uk"):
        assert render_reason(clash) == "лише будні, вдень — ви вказали вечорами"


def test_old_plain_strings_are_shown_as_they_are():
    with translation.override("fr"):
        assert render_reasons(["remote", REMOTE]) == [
            "remote",
            "à distance — vous pouvez participer depuis chez vous",
        ]


def test_unknown_or_malformed_reasons_are_left_out():
    with translation.override("en"):
        texts = render_reasons([{"code": "from_the_future", "params": {}}, 3, REMOTE])
    assert texts == ["remote — you can join from home"]


@pytest.mark.django_db
def test_api_words_reasons_in_the_requested_language(api_client):
    match = MatchFactory(reasons=[REMOTE, ARABIC])
    api_client.force_authenticate(match.profile.user)

    response = api_client.get("/api/matches/", HTTP_ACCEPT_LANGUAGE="ar")

    first = response.data["results"][0]
    assert first["reasons"] == ["عن بُعد — يمكنكِ المشاركة من البيت", "لديكما لغة مشتركة: العربيّة"]
    assert first["reason_codes"] == [REMOTE, ARABIC]


@pytest.mark.django_db
def test_api_falls_back_to_her_chosen_language(api_client):
    match = MatchFactory(profile__user__preferred_language="fr", reasons=[REMOTE])
    api_client.force_authenticate(match.profile.user)

    response = api_client.get("/api/matches/")

    assert response.data["results"][0]["reasons"] == [
        "à distance — vous pouvez participer depuis chez vous"
    ]
    # Her language is for this response only, not for whatever the thread serves next.
    assert (response["Content-Language"], translation.get_language()) == ("fr", "en")


@pytest.mark.django_db
def test_api_gives_old_plain_strings_a_text_code(api_client):
    match = MatchFactory(reasons=["remote"])
    api_client.force_authenticate(match.profile.user)

    first = api_client.get("/api/matches/").data["results"][0]

    assert first["reason_codes"] == [{"code": "text", "params": {"text": "remote"}}]


@pytest.mark.django_db
def test_card_shows_the_reasons_in_the_page_language(client):
    match = MatchFactory(reasons=[REMOTE])
    client.force_login(match.profile.user)

    html = client.get("/matches/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "<li>à distance — vous pouvez participer depuis chez vous</li>" in html


@pytest.mark.django_db
def test_strong_match_email_words_reasons_in_her_language():
    user = UserFactory(preferred_language="uk")
    match = MatchFactory(profile__user=user, score=0.9, reasons=[REMOTE])

    tasks.notify_strong_match.delay(match.pk)

    assert "- дистанційно — можна долучитися з дому" in mail.outbox[0].body


@pytest.mark.django_db
def test_recompute_stores_reasons_as_codes_it_can_word():
    profile = ProfileFactory()
    TrainingFactory()

    services.match_recompute_for_profile(profile_id=profile.pk)

    stored = [r for m in Match.objects.filter(profile=profile) for r in m.reasons]
    assert stored and all(isinstance(r, dict) and r["code"] in CODES for r in stored)
