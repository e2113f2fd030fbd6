from collections.abc import Mapping
from typing import Any

from backend.accounts.models import User
from backend.profiles.models import MentorProfile, Profile


def profile_of(*, user: User) -> Profile | None:
    return Profile.objects.filter(user=user).select_related("user").first()


def mentor_profile_of(*, user: User) -> MentorProfile | None:
    return MentorProfile.objects.filter(user=user).select_related("user").first()


# Which profile field each reason about her (matching.engine.explain_candidate) reveals to the
# provider looking at her. None: the reason says nothing about her beyond the match itself.
# Codes not listed here (her relocation, childcare, funding need, sector, old free-text reasons
# and any future code) reveal what she cannot share, so they are never shown.
_REASON_FIELD: dict[str, str | None] = {
    "her_profile": None,
    "her_goal": "goals",
    "her_skills": "skills",
    "her_level_same": "digital_level",
    "her_level_below": "digital_level",
    "her_level_above": "digital_level",
    "her_city": "city",
    "her_elsewhere": "city",
    "her_language": "languages",
    "her_language_gap": "languages",
    "her_schedule": "availability",
}


def reasons_she_shares(*, profile: Profile, reasons: list[Any]) -> list[dict[str, Any]]:
    """The stored reasons about her that reveal only fields she chose to share.

    For a provider's view of a candidate (an employer's, a mentor's or a programme's); her own
    view of her matches needs no filter.
    """
    shared = set(profile.shared_fields or ())
    kept = []
    for item in reasons or []:
        if not isinstance(item, Mapping) or not isinstance(item.get("code"), str):
            continue  # an old plain-text reason may say anything about her
        code = item["code"]
        if code not in _REASON_FIELD:
            continue
        field = _REASON_FIELD[code]
        if field is None or field in shared:
            kept.append(dict(item))
    return kept
