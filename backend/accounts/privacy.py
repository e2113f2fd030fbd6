"""Her data, hers to take and to erase: export everything about a user as JSON, and delete it."""

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from backend.accounts.models import User

# Internal bookkeeping that means nothing to her and would only clutter her export.
_SKIP_FIELDS = {"password", "user_permissions", "groups", "is_superuser"}


def _rows(queryset: Any, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in model_to_dict(row).items() if k not in exclude}
        | {"id": row.pk, **({"created_at": row.created_at} if hasattr(row, "created_at") else {})}
        for row in queryset
    ]


def user_export(*, user: User) -> dict[str, Any]:
    """Everything Pathways stores about her, as plain JSON-ready data."""
    from backend.profiles.models import MentorProfile, Profile
    from events.models import Application, Booking, Interest, Registration
    from matching.models import Match
    from mentoring.models import Block, Mentorship, Message
    from mentoring.models import Report as ChatReport

    account = {k: v for k, v in model_to_dict(user).items() if k not in _SKIP_FIELDS}
    account["created_at"] = user.created_at
    data: dict[str, Any] = {"account": account}
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        data["profile"] = _rows([profile], exclude=("user",))[0]
        data["matches"] = _rows(Match.objects.filter(profile=profile).order_by("kind", "-score"))
        data["applications"] = _rows(Application.objects.filter(profile=profile))
        data["interests"] = _rows(Interest.objects.filter(profile=profile))
    mentor_profile = MentorProfile.objects.filter(user=user).first()
    if mentor_profile is not None:
        data["mentor_profile"] = _rows([mentor_profile], exclude=("user",))[0]
    data["mentorships"] = _rows(
        Mentorship.objects.filter(mentee=user) | Mentorship.objects.filter(mentor__user=user)
    )
    data["messages_sent"] = _rows(Message.objects.filter(sender=user).order_by("id"))
    data["blocks"] = _rows(Block.objects.filter(blocker=user))
    data["reports_made"] = _rows(ChatReport.objects.filter(reporter=user))
    data["fair_registrations"] = _rows(Registration.objects.filter(user=user), exclude=("code",))
    data["interview_bookings"] = _rows(Booking.objects.filter(registration__user=user))
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete her account and, through the database's cascades, everything that belongs to her."""
    user.delete()
