"""Her data, hers to take and to erase: export everything about a user as JSON, and delete it.

EXPORTED lists every relation from a model to her account, profile or mentor profile whose rows
are about her; NOT_PERSONAL lists the others, each with the reason. tests/security/test_privacy
walks every model's foreign keys and fails on a relation in neither list, so a new model that
points at a user must decide whether it belongs in her export.
"""

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User

# Internal bookkeeping that means nothing to her and would only clutter her export.
_SKIP_FIELDS = {"password", "user_permissions", "groups", "is_superuser"}

# (model label, field pointing at her or at her profile) -> (export section, fields left out).
# Fields are left out when they are a secret of the system (a check-in code), not hers to carry.
EXPORTED: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("accounts.Membership", "user"): ("memberships", ()),
    ("profiles.Profile", "user"): ("profile", ("user",)),
    ("profiles.MentorProfile", "user"): ("mentor_profile", ("user",)),
    ("matching.Match", "profile"): ("matches", ()),
    ("matching.MatchState", "profile"): ("match_state", ()),
    ("matching.MatchNotification", "profile"): ("match_notifications", ()),
    ("mentoring.Mentorship", "mentee"): ("mentorships", ()),
    ("mentoring.Mentorship", "mentor"): ("mentorships_as_mentor", ()),
    ("mentoring.ConversationMember", "user"): ("conversations", ()),
    ("mentoring.Message", "sender"): ("messages_sent", ()),
    ("mentoring.Block", "blocker"): ("blocks", ()),
    ("mentoring.Report", "reporter"): ("reports_made", ()),
    ("events.Registration", "user"): ("fair_registrations", ("code",)),
    ("events.Interest", "profile"): ("interests", ()),
    ("events.Application", "profile"): ("applications", ()),
    ("events.Report", "reporter"): ("role_reports", ()),
    ("impact.Outcome", "woman"): ("outcomes", ()),
    ("impact.StatisticsConsent", "woman"): ("statistics_consent", ()),
    ("voice.Ask", "author"): ("asks", ()),
    ("voice.AskVote", "voter"): ("ask_votes", ()),
    ("voice.DemandMembership", "profile"): ("demand_groups", ()),
    ("voice.DemandNotification", "profile"): ("demand_notifications", ()),
}

NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("admin.LogEntry", "user"): "staff's record of admin edits, not data about the editor",
    ("authtoken.Token", "user"): "a credential: exporting it would hand out her API access",
    ("authtoken.TokenProxy", "user"): "the same credential, as the admin shows it",
    ("accounts.Organisation", "members"): "exported through accounts.Membership",
    ("mentoring.Mentorship", "ended_by"): "a field of a mentorship already in her export",
    ("mentoring.Block", "blocked"): "another person's decision, private to that person",
    ("mentoring.ModerationAccess", "staff"): "audit of staff reading chats, kept for safety",
    ("events.Fair", "created_by"): "an organisation's fair, not data about the person who typed it",
    ("events.Booking", "outcome_recorded_by"): "the employer's record of an interview",
    ("events.Report", "reviewed_by"): "staff's review of a report",
    ("impact.Outcome", "recorded_by"): "who recorded an outcome; the woman's outcome is exported",
}

# Export sections that follow her through another table (no direct field to her).
_SINGLE = {"profile", "mentor_profile", "match_state", "statistics_consent"}


def _rows(queryset: Any, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in model_to_dict(row).items() if k not in exclude}
        | {"id": row.pk, **({"created_at": row.created_at} if hasattr(row, "created_at") else {})}
        for row in queryset
    ]


def _owner_for(model: Any, field_name: str, user: User) -> Any | None:
    """What the field points at for her: the user, her profile or her mentor profile."""
    from backend.profiles.models import MentorProfile, Profile

    target = model._meta.get_field(field_name).related_model
    if target is Profile:
        return Profile.objects.filter(user=user).first()
    if target is MentorProfile:
        return MentorProfile.objects.filter(user=user).first()
    return user


def user_export(*, user: User) -> dict[str, Any]:
    """Everything Pathways stores about her, as plain JSON-ready data."""
    from events.models import Booking

    account = {k: v for k, v in model_to_dict(user).items() if k not in _SKIP_FIELDS}
    account["created_at"] = user.created_at
    data: dict[str, Any] = {"account": account}
    for (label, field_name), (section, exclude) in EXPORTED.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # an optional app that is not installed
        owner = _owner_for(model, field_name, user)
        if owner is None:
            continue
        rows = _rows(model.objects.filter(**{field_name: owner}).order_by("pk"), exclude)
        if section in _SINGLE:
            if rows:
                data[section] = rows[0]
        else:
            data[section] = rows
    data["interview_bookings"] = _rows(Booking.objects.filter(registration__user=user))
    _word_match_reasons(data.get("matches", []))
    return data


def _word_match_reasons(matches: list[dict[str, Any]]) -> None:
    """Reasons are stored as codes; she reads sentences (in the active language), codes kept beside."""
    from matching.reasons import render_reasons

    for row in matches:
        row["reason_codes"] = row.get("reasons")
        row["reasons"] = render_reasons(row.get("reasons"))


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete her account and, through the database's cascades, everything that belongs to her.

    Her open mentorships are closed first (as mentee or as mentor), so the other side keeps a
    read-only conversation whose messages from her show "deleted user".
    """
    from mentoring import services as mentoring_services
    from mentoring.models import ModerationAccess

    if ModerationAccess.objects.filter(staff=user).exists():
        raise ValidationError(
            _(
                "Your account has read conversations as a moderator; the audit log must keep "
                "it. Ask another staff member to deactivate it instead."
            ),
            code="moderation_audit",
        )
    mentoring_services.mentorships_close_for_leaving_user(user=user)
    user.delete()
