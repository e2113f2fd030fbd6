"""profile_public_view is the one gate between a woman's profile and an employer: test it hard."""

import pytest

from backend.profiles.models import SHAREABLE_FIELDS
from events.selectors import profile_public_view
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

ALL_SHARED = list(SHAREABLE_FIELDS)


def _profile(**kwargs):  # type: ignore[no-untyped-def]
    defaults = {
        "right_to_work": "pending",
        "country": "SY",
        "availability": ["evenings"],
        "needs_childcare": True,
        "funding_need_eur": 5000,
    }
    return ProfileFactory(**{**defaults, **kwargs})


def test_not_applied_without_consent_shows_nothing():
    profile = _profile(employers_can_view=False, shared_fields=ALL_SHARED)
    assert profile_public_view(profile=profile, applied=False) == {}


def test_not_applied_with_consent_shows_exactly_the_shared_fields_and_no_email():
    profile = _profile(employers_can_view=True, shared_fields=["skills", "city"])
    assert profile_public_view(profile=profile, applied=False) == {
        "profile_id": profile.pk,
        "skills": ["Excel", "bookkeeping"],
        "city": "Athens",
    }


def test_consent_with_no_shared_fields_shows_only_the_reference():
    profile = _profile(employers_can_view=True, shared_fields=[])
    assert profile_public_view(profile=profile, applied=False) == {"profile_id": profile.pk}


def test_applied_adds_email_even_without_candidate_consent():
    profile = _profile(employers_can_view=False, shared_fields=["display_name"])
    assert profile_public_view(profile=profile, applied=True) == {
        "profile_id": profile.pk,
        "display_name": profile.user.display_name,
        "email": profile.user.email,
    }


def test_applied_with_nothing_shared_gives_only_email():
    profile = _profile(employers_can_view=False, shared_fields=[])
    assert profile_public_view(profile=profile, applied=True) == {
        "profile_id": profile.pk,
        "email": profile.user.email,
    }


@pytest.mark.parametrize("applied", [True, False])
def test_everything_shared_still_never_leaks_private_fields(applied):
    profile = _profile(employers_can_view=True, shared_fields=ALL_SHARED)
    view = profile_public_view(profile=profile, applied=applied)
    expected = {"profile_id", *SHAREABLE_FIELDS} | ({"email"} if applied else set())
    assert set(view) == expected
    for private in ("right_to_work", "country", "needs_childcare", "funding_need_eur",
                    "business_stage", "open_to_remote", "willing_to_relocate", "user", "id"):  # fmt: skip
        assert private not in view
    assert "pending" not in repr(view)
    assert "SY" not in repr(view)


def test_field_names_smuggled_into_shared_fields_are_ignored():
    # shared_fields is validated on save, but the gate must hold even for a bad row.
    profile = _profile(employers_can_view=True, shared_fields=["skills"])
    profile.shared_fields = ["skills", "right_to_work", "country", "user", "email"]
    view = profile_public_view(profile=profile, applied=False)
    assert view == {"profile_id": profile.pk, "skills": ["Excel", "bookkeeping"]}


def test_display_name_comes_from_the_user():
    profile = _profile(employers_can_view=True, shared_fields=["display_name"])
    profile.user.display_name = "Amina"
    assert profile_public_view(profile=profile, applied=False)["display_name"] == "Amina"


def test_returned_lists_are_copies():
    profile = _profile(employers_can_view=True, shared_fields=["languages", "skills"])
    view = profile_public_view(profile=profile, applied=False)
    view["skills"].append("hacked")
    view["languages"][0]["level"] = "A1"
    assert profile.skills == ["Excel", "bookkeeping"]
    assert profile.languages[0] == {"code": "ar", "level": "native"}


def test_fields_come_in_a_fixed_order():
    profile = _profile(employers_can_view=True, shared_fields=["city", "bio", "display_name"])
    assert list(profile_public_view(profile=profile, applied=True)) == [
        "profile_id", "display_name", "bio", "city", "email",
    ]  # fmt: skip
