"""Writes for profiles. Saving a profile asks matching to recompute, after the commit."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.models import Role, User
from backend.profiles.models import MentorProfile, Profile
from backend.profiles.skills import skills_normalise

# Fields that change what she is matched to; editing others (consent) needs no recompute.
MATCHING_FIELDS = frozenset(
    {
        "bio", "goals", "skills", "languages", "city", "country", "open_to_remote",
        "willing_to_relocate", "digital_level", "availability", "needs_childcare",
        "business_stage", "funding_need_eur", "prefers_woman_mentor",
    }
)  # fmt: skip


def _on_profile_changed(profile_id: int) -> None:
    from matching.hooks import profile_changed  # imported late: matching reads profiles' models

    transaction.on_commit(lambda: profile_changed(profile_id=profile_id))


def _on_mentor_changed(mentor_profile_id: int) -> None:
    from matching.hooks import opportunity_changed

    transaction.on_commit(lambda: opportunity_changed(kind="mentor", object_id=mentor_profile_id))


def profile_create(*, user: User, **fields: Any) -> Profile:
    if user.role not in (Role.JOBSEEKER, Role.ENTREPRENEUR):
        raise ValidationError(_("Only job seekers and entrepreneurs have this profile."))
    profile = Profile(user=user)
    return profile_update(profile=profile, **fields) if fields else _save(profile)


def _save(profile: Profile) -> Profile:
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def profile_update(*, profile: Profile, **fields: Any) -> Profile:
    unknown = set(fields) - {f.name for f in Profile._meta.fields}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "skills" in fields and isinstance(fields["skills"], list):
        fields["skills"] = skills_normalise([s for s in fields["skills"] if isinstance(s, str)])
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.user.role != Role.ENTREPRENEUR:
        # Business fields mean nothing for a job seeker; not keeping them is collecting less.
        profile.business_stage = ""
        profile.funding_need_eur = None
    profile.full_clean()
    profile.save()
    if profile.pk and (not fields or MATCHING_FIELDS & set(fields)):
        _on_profile_changed(profile.pk)
    return profile


def mentor_profile_create(*, user: User, **fields: Any) -> MentorProfile:
    if user.role != Role.MENTOR:
        raise ValidationError(_("Only mentors have a mentor profile."))
    return mentor_profile_update(mentor_profile=MentorProfile(user=user), **fields)


@transaction.atomic
def mentor_profile_update(*, mentor_profile: MentorProfile, **fields: Any) -> MentorProfile:
    unknown = set(fields) - {f.name for f in MentorProfile._meta.fields}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "expertise" in fields and isinstance(fields["expertise"], list):
        fields["expertise"] = skills_normalise(
            [s for s in fields["expertise"] if isinstance(s, str)]
        )
    for name, value in fields.items():
        setattr(mentor_profile, name, value)
    mentor_profile.full_clean()
    mentor_profile.save()
    _on_mentor_changed(mentor_profile.pk)
    return mentor_profile


def profile_for_new_user(*, user: User, **_signal: object) -> None:
    """What her role needs to start: a profile for a woman, a mentor profile for a mentor."""
    if user.role in (Role.JOBSEEKER, Role.ENTREPRENEUR):
        profile_create(user=user)
    elif user.role == Role.MENTOR:
        mentor_profile_create(user=user)
