"""Demand groups are worded at read time, in the reader's language, from stored codes."""

import pytest
from django.urls import reverse
from django.utils import translation

from demand import wording
from demand.models import DemandRun
from matching.engine import demand
from tests.demand.helpers import make_group
from tests.factories import PASSWORD, MembershipFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

WHY = [
    {"code": "demand_level", "params": {"offered": "advanced", "level": "beginner"}},
    {"code": "demand_language", "params": {"languages": ["el"]}},
    {"code": "demand_place", "params": {"city": "Thessaloniki"}},
]


def _group():  # type: ignore[no-untyped-def]
    group = make_group(DemandRun.objects.create(), size=7, label="data analysis")
    group.nearest_why = WHY
    group.save()
    return group


def test_english_sentence_matches_the_engines_english() -> None:
    group = _group()
    facts = demand.Facts(place="Athens", languages=("ar",), level="beginner")
    engine = demand.describe(
        size=7, kind="training", label="data analysis", f=facts, offer="Advanced analytics"
    )
    with translation.override("en"):
        assert wording.group_sentence(group) == demand.describe_english(engine, WHY)


def test_sentence_follows_the_active_language() -> None:
    group = _group()
    with translation.override("fr"):
        text = wording.group_sentence(group)
    assert "arabe" in text and "grec" in text
    assert "Arabic" not in text and "Greek" not in text


def test_old_plain_english_reasons_are_shown_as_they_are() -> None:
    assert wording.why_texts(["in Greek", {"code": "nonsense", "params": {}}]) == ["in Greek"]


def test_remote_and_no_offer_are_worded() -> None:
    group = _group()
    group.place, group.nearest_title = "remote", ""
    with translation.override("en"):
        assert wording.group_sentence(group) == (
            "7 women, remote, Arabic, beginners, want training in data analysis; "
            "there is no offer of this kind yet"
        )


def test_demand_page_is_worded_in_her_language(client) -> None:  # type: ignore[no-untyped-def]
    _group()
    user = MembershipFactory(organisation=ProgrammeFactory(), user__role="programme").user
    client.login(email=user.email, password=PASSWORD)
    html = client.get(reverse("voice-demand"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "grec" in html and "Greek" not in html
