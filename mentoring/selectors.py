"""Reads for mentoring and chat; each applies the viewer's permissions (members only)."""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from backend.accounts.models import User
from backend.profiles.models import MentorProfile
from mentoring.models import (
    Block,
    Conversation,
    ConversationMember,
    Mentorship,
    MentorshipStatus,
    Message,
)


def mentor_free_places(*, mentor_profile_ids: list[int]) -> dict[int, int]:
    """Capacity minus active mentorships, never below 0; an unknown id has no place (0)."""
    rows = (
        MentorProfile.objects.filter(id__in=mentor_profile_ids)
        .annotate(
            active=Count("mentorships", filter=Q(mentorships__status=MentorshipStatus.ACCEPTED))
        )
        .values_list("id", "capacity", "active")
    )
    places = {mentor_id: 0 for mentor_id in mentor_profile_ids}
    for mentor_id, capacity, active in rows:
        places[mentor_id] = max(capacity - active, 0)
    return places


def blocked_user_ids(*, user: User) -> set[int]:
    """Users she blocked or who blocked her: neither side may reach the other."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id"
    )
    return {blocked if blocker == user.pk else blocker for blocker, blocked in pairs}


def is_blocked_pair(*, user_a_id: int, user_b_id: int) -> bool:
    return Block.objects.filter(
        Q(blocker_id=user_a_id, blocked_id=user_b_id)
        | Q(blocker_id=user_b_id, blocked_id=user_a_id)
    ).exists()


def mentorships_for(*, user: User, as_role: str | None = None) -> QuerySet[Mentorship]:
    """Her requests and mentorships, as mentee or as mentor; as_role narrows to one side."""
    mentee_q = Q(mentee=user)
    mentor_q = Q(mentor__user=user)
    if as_role == "mentee":
        condition = mentee_q
    elif as_role == "mentor":
        condition = mentor_q
    else:
        condition = mentee_q | mentor_q
    return (
        Mentorship.objects.filter(condition)
        .select_related("mentee", "mentor__user", "conversation")
        .order_by("-created_at", "-id")
    )


def pending_requests_for_mentor(*, user: User) -> QuerySet[Mentorship]:
    return mentorships_for(user=user, as_role="mentor").filter(status=MentorshipStatus.PENDING)


def conversations_for(*, user: User) -> QuerySet[Conversation]:
    """Her conversations with her unread count and the other member, in a fixed number of queries."""
    unread = (
        Message.objects.filter(
            conversation=OuterRef("pk"),
            id__gt=Coalesce(
                Subquery(
                    ConversationMember.objects.filter(
                        conversation=OuterRef(OuterRef("pk")), user=user
                    ).values("last_read_id")[:1]
                ),
                Value(0),
            ),
        )
        .exclude(sender=user)
        .order_by()
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")
    )
    other = ConversationMember.objects.filter(conversation=OuterRef("pk")).exclude(user=user)
    return (
        Conversation.objects.filter(members__user=user)
        .select_related("mentorship")
        .annotate(
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            other_user_id=Subquery(other.values("user_id")[:1]),
            other_user_name=Subquery(other.values("user__display_name")[:1]),
            other_user_email=Subquery(other.values("user__email")[:1]),
        )
        .order_by("-last_message_at", "-id")
    )


def conversation_for_member(*, user: User, conversation_id: int) -> Conversation | None:
    """The conversation if she is a member, else None: outsiders learn nothing about it."""
    if not user.is_authenticated:
        return None
    return (
        Conversation.objects.filter(pk=conversation_id, members__user=user)
        .select_related("mentorship__mentee", "mentorship__mentor__user")
        .first()
    )


@dataclass(frozen=True)
class ChatAccess:
    """What a socket needs to know about its conversation, read once at connect."""

    conversation_id: int
    user_id: int
    other_user_ids: tuple[int, ...]
    last_message_id: int


def chat_access(*, user: User, conversation_id: int) -> ChatAccess | None:
    """None when she is not a member, the conversation does not exist, or a member blocked the other."""
    member_ids = list(
        ConversationMember.objects.filter(conversation_id=conversation_id).values_list(
            "user_id", flat=True
        )
    )
    if user.pk not in member_ids:
        return None
    others = tuple(uid for uid in member_ids if uid != user.pk)
    if Block.objects.filter(
        Q(blocker_id=user.pk, blocked_id__in=others) | Q(blocker_id__in=others, blocked_id=user.pk)
    ).exists():
        return None
    last_id = (
        Conversation.objects.filter(pk=conversation_id)
        .values_list("last_message_id", flat=True)
        .first()
    )
    return ChatAccess(
        conversation_id=conversation_id,
        user_id=user.pk,
        other_user_ids=others,
        last_message_id=last_id or 0,
    )


def messages_after(
    *, conversation_id: int, after_id: int, limit: int = 200
) -> list[dict[str, object]]:
    """The next messages after an id, oldest first, as the frames a socket sends."""
    rows = (
        Message.objects.filter(conversation_id=conversation_id, id__gt=after_id)
        .order_by("id")
        .values("id", "sender_id", "text", "created_at", "client_id")[:limit]
    )
    return [message_frame(row) for row in rows]


def message_frame(row: dict[str, object]) -> dict[str, object]:
    created_at = row["created_at"]
    return {
        "type": "message",
        "id": row["id"],
        "sender": row["sender_id"],
        "text": row["text"],
        "created_at": created_at.isoformat() if hasattr(created_at, "isoformat") else created_at,
        "client_id": row["client_id"],
    }


def messages_of(*, conversation: Conversation) -> QuerySet[Message]:
    """History for a member (the caller has checked membership via conversation_for_member)."""
    return Message.objects.filter(conversation=conversation)


def member_of(*, conversation: Conversation, user: User) -> ConversationMember | None:
    return ConversationMember.objects.filter(conversation=conversation, user=user).first()


def unread_count(*, user: User) -> int:
    """All messages to her that she has not read yet, across her conversations (the header badge)."""
    if not user.is_authenticated:
        return 0
    return (
        Message.objects.filter(
            conversation__members__user=user,
            id__gt=F("conversation__members__last_read_id"),
        )
        .exclude(sender=user)
        .count()
    )
