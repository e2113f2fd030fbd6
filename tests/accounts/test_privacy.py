import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from backend.accounts.models import User
from backend.accounts.services import user_delete, user_export
from backend.profiles.models import Profile
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_export_contains_her_profile_and_no_password_hash():
    profile = ProfileFactory(bio="I like SQL")
    data = user_export(user=profile.user)
    text = json.dumps(data, cls=DjangoJSONEncoder)
    assert data["profile"]["bio"] == "I like SQL"
    assert data["account"]["email"] == profile.user.email
    assert profile.user.password not in text


def test_export_holds_nothing_of_another_woman():
    mine = ProfileFactory()
    other = ProfileFactory(bio="Someone else's story")
    text = json.dumps(user_export(user=mine.user), cls=DjangoJSONEncoder)
    assert other.user.email not in text
    assert "Someone else's story" not in text


def test_delete_removes_account_and_profile():
    profile = ProfileFactory()
    user_delete(user=profile.user)
    assert not User.objects.filter(pk=profile.user_id).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()


def test_export_words_her_match_reasons_and_keeps_the_codes():
    from tests.matching.factories import MatchFactory

    match = MatchFactory()
    row = user_export(user=match.profile.user)["matches"][0]
    assert row["reason_codes"] == match.reasons
    assert len(row["reasons"]) == 1
    assert "SQL" in row["reasons"][0]
    assert "{" not in row["reasons"][0]
