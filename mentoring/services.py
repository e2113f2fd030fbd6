"""Writes for mentorships and chat. The only code that changes their rows; each owns its transaction.

Side effects (broadcasts, Celery tasks, matching hooks) run in transaction.on_commit, so nothing is sent
for data that was rolled back.
"""

import logging
from datetime import datetime, timedelta
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import WOMEN_ROLES, User
from backend.core.validators import validate_plain_text
from backend.profiles.models import MentorProfile, Profile
from mentoring import conf
from mentoring.models import (
    CLIENT_ID_MAX,
    DELETED_USER_NAME,
    MESSAGE_TEXT_MAX,
    OPEN_STATUSES,
    REQUEST_MESSAGE_MAX,
    Block,
    Conversation,
    ConversationMember,
    Mentorship,
    MentorshipStatus,
    Message,
    ModerationAccess,
    Report,
)
from mentoring.selectors import blocked_user_ids, message_frame
from mentoring.send_checks import send_checks_locked

logger = logging.getLogger(__name__)


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def _broadcast(conversation_id: int, payload: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(conversation_group(conversation_id), payload)


def _broadcast_on_commit(conversation_id: int, payload: dict[str, Any]) -> None:
    # robust: the row is saved whatever happens to the channel layer (Redis restarting); a member
    # who missed the broadcast gets it from the gap catch-up or on reconnect, and the sender must
    # still be told her message went through.
    transaction.on_commit(lambda: _broadcast(conversation_id, payload), robust=True)


# --- matching hooks ----------------------------------------------------------------------------------


def _mentor_places_changed(mentor_profile_id: int) -> None:
    def notify() -> None:
        from matching.hooks import opportunity_changed

        opportunity_changed(kind="mentor", object_id=mentor_profile_id)

    # robust: a failure in matching is logged and never undoes or fails a mentorship change.
    transaction.on_commit(notify, robust=True)


def _match_status(*, mentee: User, mentor_profile_id: int, status: str) -> None:
    def record() -> None:
        try:
            from matching.services import match_set_status
        except (ImportError, AttributeError):
            return
        profile = Profile.objects.filter(user_id=mentee.pk).first()
        if profile is not None:
            match_set_status(
                profile=profile, kind="mentor", object_id=mentor_profile_id, status=status
            )

    transaction.on_commit(record, robust=True)


# --- mentorships -----------------------------------------------------------------------------------


def _locked_mentorship(mentorship_id: int) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentor")
        .get(pk=mentorship_id)
    )


def _require_status(mentorship: Mentorship, *allowed: str) -> None:
    if mentorship.status not in allowed:
        raise ValidationError(
            {
                "status": _("This request is %(status)s and cannot be changed this way.")
                % {"status": mentorship.get_status_display()}
            }
        )


def _active_count(mentor_profile_id: int) -> int:
    return Mentorship.objects.filter(
        mentor_id=mentor_profile_id, status=MentorshipStatus.ACCEPTED
    ).count()


def mentorship_request(*, mentee: User, mentor_profile_id: int, message: str = "") -> Mentorship:
    """A woman asks a mentor; at most a few pending at once and one open per mentor."""
    if mentee.role not in WOMEN_ROLES:
        raise PermissionDenied(_("Only job seekers and entrepreneurs can ask for a mentor."))
    if not isinstance(message, str) or len(message) > REQUEST_MESSAGE_MAX:
        raise ValidationError(
            {"message": _("At most %(n)d characters.") % {"n": REQUEST_MESSAGE_MAX}}
        )
    try:
        validate_plain_text(message)
    except ValidationError as exc:
        raise ValidationError({"message": exc.messages}) from exc
    with transaction.atomic():
        # Her own row serialises her concurrent requests, so the pending limit holds.
        User.objects.select_for_update().filter(pk=mentee.pk).first()
        mentor = MentorProfile.objects.select_related("user").filter(pk=mentor_profile_id).first()
        if mentor is None:
            raise ValidationError({"mentor": _("This mentor does not exist.")})
        if not mentor.available or mentor.user_id in blocked_user_ids(user=mentee):
            # Same answer for "not available" and "blocked": a block is never revealed.
            raise ValidationError({"mentor": _("This mentor is not taking requests.")})
        if _active_count(mentor.pk) >= mentor.capacity:
            raise ValidationError({"mentor": _("This mentor has no free place at the moment.")})
        open_with_mentor = Mentorship.objects.filter(
            mentee=mentee,
            mentor=mentor,
            status__in=[MentorshipStatus.PENDING, MentorshipStatus.ACCEPTED],
        )
        if open_with_mentor.exists():
            raise ValidationError(
                {"mentor": _("You already have an open request or mentorship with this mentor.")}
            )
        pending = Mentorship.objects.filter(mentee=mentee, status=MentorshipStatus.PENDING).count()
        if pending >= conf.max_pending_requests():
            raise ValidationError(
                {
                    "mentor": _(
                        "You have %(n)d requests waiting for an answer; withdraw one or wait."
                    )
                    % {"n": pending}
                }
            )
        try:
            with transaction.atomic():
                mentorship = Mentorship.objects.create(
                    mentee=mentee, mentor=mentor, message=message
                )
        except IntegrityError as exc:  # the same pair raced past the check above
            raise ValidationError(
                {"mentor": _("You already have an open request or mentorship with this mentor.")}
            ) from exc
        _match_status(mentee=mentee, mentor_profile_id=mentor.pk, status="requested")
    return mentorship


def mentorship_accept(*, mentorship: Mentorship, user: User) -> Mentorship:
    """The mentor accepts; her capacity holds even when two accepts race (row lock on her profile)."""
    if mentorship.mentor_user_id != user.pk:
        raise PermissionDenied(_("Only the mentor can accept this request."))
    with transaction.atomic():
        # Lock order everywhere: mentor profile, then mentorship.
        mentor = MentorProfile.objects.select_for_update().get(pk=mentorship.mentor_id)
        locked = _locked_mentorship(mentorship.pk)
        _require_status(locked, MentorshipStatus.PENDING)
        if mentor.user_id in blocked_user_ids(user=locked.mentee):
            raise ValidationError({"status": _("This request can no longer be accepted.")})
        if _active_count(mentor.pk) >= mentor.capacity:
            raise ValidationError(
                {"capacity": _("You have no free place; end a mentorship or raise your capacity.")}
            )
        locked.status = MentorshipStatus.ACCEPTED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at"])
        conversation, created = Conversation.objects.get_or_create(mentorship=locked)
        if created:
            ConversationMember.objects.bulk_create(
                [
                    ConversationMember(conversation=conversation, user_id=locked.mentee_id),
                    ConversationMember(conversation=conversation, user_id=mentor.user_id),
                ]
            )
        _match_status(mentee=locked.mentee, mentor_profile_id=mentor.pk, status="accepted")
        _mentor_places_changed(mentor.pk)
    return locked


def mentorship_decline(*, mentorship: Mentorship, user: User) -> Mentorship:
    if mentorship.mentor_user_id != user.pk:
        raise PermissionDenied(_("Only the mentor can decline this request."))
    with transaction.atomic():
        locked = _locked_mentorship(mentorship.pk)
        _require_status(locked, MentorshipStatus.PENDING)
        locked.status = MentorshipStatus.DECLINED
        locked.responded_at = timezone.now()
        locked.save(update_fields=["status", "responded_at"])
    return locked


def mentorship_withdraw(*, mentorship: Mentorship, user: User) -> Mentorship:
    if mentorship.mentee_id != user.pk:
        raise PermissionDenied(_("Only the woman who asked can withdraw this request."))
    with transaction.atomic():
        locked = _locked_mentorship(mentorship.pk)
        _require_status(locked, MentorshipStatus.PENDING)
        locked.status = MentorshipStatus.WITHDRAWN
        locked.save(update_fields=["status"])
    return locked


def mentorship_end(*, mentorship: Mentorship, user: User) -> Mentorship:
    """Either side ends an active mentorship; the conversation stays readable but closes to new messages."""
    if user.pk not in (mentorship.mentee_id, mentorship.mentor_user_id):
        raise PermissionDenied(_("Only the mentee or the mentor can end this mentorship."))
    with transaction.atomic():
        locked = _locked_mentorship(mentorship.pk)
        _require_status(locked, MentorshipStatus.ACCEPTED)
        _end(locked, by=user)
        # Ended by one of them (not by a block): a completed mentorship, for her to confirm.
        from impact.services import outcome_from_mentorship_end

        outcome_from_mentorship_end(mentorship=locked)
    return locked


def mentorships_close_for_leaving_user(*, user: User) -> None:
    """Before an account goes: withdraw or decline its pending requests, end its mentorships.

    Leaving is not completing a mentorship, so no completion outcome is recorded; the other side
    keeps a closed, read-only conversation in which the departed member shows as "deleted user".
    """
    with transaction.atomic():
        _close_open(Q(mentee=user) | Q(mentor__user=user), by=user)


def _close_open(between: Q, *, by: User) -> None:
    """End the active mentorships among `between`; her pending requests are withdrawn when she
    (`by`) asked, declined when she was asked. Call inside a transaction."""
    for mentorship in Mentorship.objects.select_for_update(of=("self",)).filter(
        between, status__in=OPEN_STATUSES
    ):
        if mentorship.status == MentorshipStatus.ACCEPTED:
            _end(mentorship, by=by)
            continue
        mentorship.status = (
            MentorshipStatus.WITHDRAWN
            if mentorship.mentee_id == by.pk
            else MentorshipStatus.DECLINED
        )
        mentorship.responded_at = timezone.now()
        mentorship.save(update_fields=["status", "responded_at"])


def _end(mentorship: Mentorship, *, by: User) -> None:
    mentorship.status = MentorshipStatus.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = by
    mentorship.save(update_fields=["status", "ended_at", "ended_by"])
    _mentor_places_changed(mentorship.mentor_id)


def mentorship_expire_stale(*, now: datetime | None = None) -> int:
    """Pending requests older than the expiry become expired; one conditional UPDATE, so rerunnable."""
    cutoff = (now or timezone.now()) - timedelta(days=conf.request_expiry_days())
    return Mentorship.objects.filter(status=MentorshipStatus.PENDING, created_at__lt=cutoff).update(
        status=MentorshipStatus.EXPIRED, responded_at=now or timezone.now()
    )


# --- chat ------------------------------------------------------------------------------------------


def _chat_error(code: str, message: Any) -> ValidationError:
    field = "client_id" if code == "invalid_client_id" else "text"
    if code in ("not_found", "closed", "blocked"):
        field = "conversation"
    return ValidationError({field: [ValidationError(message, code=code)]})


def _validate_message(client_id: object, text: object) -> None:
    if not isinstance(client_id, str) or not 1 <= len(client_id) <= CLIENT_ID_MAX:
        raise _chat_error(
            "invalid_client_id",
            _("client_id must be a string of 1 to %(n)d characters.") % {"n": CLIENT_ID_MAX},
        )
    if not isinstance(text, str):
        raise _chat_error("invalid_text", _("text must be a string."))
    if not text.strip():
        raise _chat_error("empty", _("A message cannot be empty."))
    if len(text) > MESSAGE_TEXT_MAX:
        raise _chat_error(
            "too_long", _("A message may be at most %(n)d characters.") % {"n": MESSAGE_TEXT_MAX}
        )
    try:
        validate_plain_text(text)
    except ValidationError as exc:
        raise _chat_error("invalid_text", exc.messages[0]) from exc


def message_save(
    *, user: User, conversation_id: int, client_id: str, text: str
) -> tuple[Message, bool, dict[str, Any] | None]:
    """Save a message; returns it, whether it is new, and the group event to broadcast once
    committed (None for a resend). A known client_id returns the saved message.

    The live chat calls this from the socket and sends the event from the event loop itself; every
    other caller goes through message_send.
    """
    _validate_message(client_id, text)
    window_start = timezone.now() - timedelta(seconds=conf.rate_window_seconds())
    limit = conf.rate_limit()
    with transaction.atomic():
        # One statement takes the row lock and answers every question about this send. The lock
        # orders this conversation's messages: ids grow in commit order, and each broadcast can
        # carry its predecessor's id. The rate limit is a sliding window over her saved messages
        # in all her conversations (fixed cache windows let a burst through whenever it
        # straddled a window edge).
        checks = send_checks_locked(
            conversation_id=conversation_id,
            user_id=user.pk,
            client_id=client_id,
            since=window_start,
            limit=limit,
        )
        if checks is None or not checks.is_member:
            raise _chat_error("not_found", _("This conversation does not exist."))
        if checks.existing_id is not None:
            return Message.objects.get(pk=checks.existing_id), False, None
        if checks.mentorship_status != MentorshipStatus.ACCEPTED:
            raise _chat_error("closed", _("This mentorship has ended; the chat is closed."))
        if checks.blocked:
            raise _chat_error("blocked", _("You cannot send messages in this conversation."))
        if checks.limit_reached:
            raise _chat_error(
                "rate_limited",
                _("Too many messages: at most %(n)d in %(s)d seconds. Wait a moment.")
                % {"n": limit, "s": conf.rate_window_seconds()},
            )
        prev_id = checks.last_message_id
        message = Message.objects.create(
            conversation_id=conversation_id, sender=user, client_id=client_id, text=text
        )
        Conversation.objects.filter(pk=conversation_id).update(
            last_message_id=message.pk, last_message_at=message.created_at
        )
        if checks.notify_someone:
            for member_id in _members_to_notify(user.pk).filter(conversation_id=conversation_id):
                _schedule_unread_notification(member_id)
        frame = message_frame(
            {
                "id": message.pk,
                "sender_id": user.pk,
                "text": text,
                "created_at": message.created_at,
                "client_id": client_id,
            }
        )
    return message, True, {"type": "chat.message", "message": frame, "prev_id": prev_id}


def message_send(
    *, user: User, conversation_id: int, client_id: str, text: str
) -> tuple[Message, bool]:
    """Save a message, then broadcast it after commit. A known client_id returns the saved message."""
    message, created, event = message_save(
        user=user, conversation_id=conversation_id, client_id=client_id, text=text
    )
    if event is not None:
        _broadcast_on_commit(conversation_id, event)
    return message, created


def _members_to_notify(sender_id: int) -> QuerySet[ConversationMember, int]:
    """The other members who would get an unread-messages email: away, none pending, and not
    already emailed about messages they have not read. send_checks asks the same in SQL, on the
    hot path; change the two together (tests/mentoring/test_notifications.py covers both)."""
    return (
        ConversationMember.objects.filter(
            connections=0,
            notification_due_at__isnull=True,
            last_read_id__gte=F("notified_up_to"),
        )
        .exclude(user_id=sender_id)
        .values_list("pk", flat=True)
    )


def _schedule_unread_notification(member_id: int) -> None:
    """One email per batch of unread messages: scheduled by the first one while she is away."""
    due = timezone.now() + timedelta(seconds=conf.notify_delay_seconds())
    claimed = ConversationMember.objects.filter(
        pk=member_id, notification_due_at__isnull=True
    ).update(notification_due_at=due)
    if claimed:
        from mentoring.tasks import notify_unread_messages

        transaction.on_commit(
            lambda: notify_unread_messages.apply_async(
                args=[member_id], countdown=conf.notify_delay_seconds()
            )
        )


def conversation_mark_read(*, user: User, conversation_id: int, up_to: object) -> int:
    """Move her read marker forward (never back) and tell the other member."""
    if isinstance(up_to, bool) or not isinstance(up_to, int) or up_to < 0:
        raise ValidationError(
            {"up_to": [ValidationError(_("up_to must be a message id."), code="invalid_up_to")]}
        )
    with transaction.atomic():
        member = (
            ConversationMember.objects.select_for_update()
            .select_related("conversation")
            .filter(conversation_id=conversation_id, user=user)
            .first()
        )
        if member is None:
            raise _chat_error("not_found", _("This conversation does not exist."))
        target = min(up_to, member.conversation.last_message_id)
        if target <= member.last_read_id:
            return member.last_read_id
        member.last_read_id = target
        member.save(update_fields=["last_read_id"])
        _broadcast_on_commit(
            conversation_id, {"type": "chat.read", "user": user.pk, "up_to": target}
        )
    return target


def conversation_presence_change(*, user_id: int, conversation_id: int, delta: int) -> None:
    """Count her open sockets on a conversation (all processes share the database)."""
    members = ConversationMember.objects.filter(conversation_id=conversation_id, user_id=user_id)
    if delta > 0:
        members.update(connections=F("connections") + delta)
    else:
        members.filter(connections__gte=-delta).update(connections=F("connections") + delta)


def unread_notify(*, member_id: int) -> bool:
    """Email her once about unread messages, if she is still away and still has not read them."""
    from django.core.mail import send_mail

    with transaction.atomic():
        member = (
            ConversationMember.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=member_id, notification_due_at__isnull=False)
            .first()
        )
        if member is None:
            return False  # already handled, or the member is gone
        member.notification_due_at = None
        unread = Message.objects.filter(
            conversation_id=member.conversation_id,
            id__gt=max(member.last_read_id, member.notified_up_to),
        ).exclude(sender_id=member.user_id)
        newest = unread.order_by("-id").values_list("id", flat=True).first()
        if member.connections > 0 or newest is None:
            member.save(update_fields=["notification_due_at"])
            return False
        count = unread.count()
        sender_names = sorted(
            {
                m.sender.public_name if m.sender else str(DELETED_USER_NAME)
                for m in unread.select_related("sender").order_by()[:20]
            }
        )
        subject = str(_("You have unread messages on Pathways"))
        body = str(
            _("You have %(n)d unread message(s) from %(names)s. Log in to Pathways to read them.")
        ) % {"n": count, "names": ", ".join(sender_names)}
        # If sending fails the transaction rolls back, the claim is undone and the task retries.
        send_mail(subject, body, None, [member.user.email])
        member.notified_up_to = newest
        member.save(update_fields=["notification_due_at", "notified_up_to"])
    return True


def user_block(*, blocker: User, blocked: User) -> Block:
    """Block someone: open mentorships between them end, their chats close and refuse new sockets."""
    if blocker.pk == blocked.pk:
        raise ValidationError({"user": _("You cannot block yourself.")})
    with transaction.atomic():
        block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
        _close_open(
            Q(mentee=blocker, mentor__user=blocked) | Q(mentee=blocked, mentor__user=blocker),
            by=blocker,
        )
        conversation_ids = (
            Conversation.objects.filter(members__user=blocker)
            .filter(members__user=blocked)
            .values_list("id", flat=True)
        )
        for conversation_id in conversation_ids:
            _broadcast_on_commit(conversation_id, {"type": "chat.blocked"})
    return block


def conversation_block(*, user: User, conversation: Conversation) -> Block:
    other = (
        ConversationMember.objects.filter(conversation=conversation)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    if other is None:
        raise ValidationError({"conversation": _("There is nobody to block here.")})
    return user_block(blocker=user, blocked=other.user)


def report_create(
    *, reporter: User, conversation: Conversation, message_id: int | None = None, reason: str = ""
) -> Report:
    """A member reports a message or the whole conversation to staff."""
    if not isinstance(reason, str) or len(reason) > 2000:
        raise ValidationError({"reason": _("At most 2000 characters.")})
    try:
        validate_plain_text(reason)
    except ValidationError as exc:
        raise ValidationError({"reason": exc.messages}) from exc
    if not ConversationMember.objects.filter(conversation=conversation, user=reporter).exists():
        raise PermissionDenied
    message = None
    if message_id is not None:
        message = Message.objects.filter(pk=message_id, conversation=conversation).first()
        if message is None:
            raise ValidationError({"message": _("No such message in this conversation.")})
    return Report.objects.create(
        reporter=reporter, conversation=conversation, message=message, reason=reason
    )


def moderation_access_log(
    *, staff: User, conversation: Conversation, report: Report | None = None
) -> ModerationAccess:
    if not staff.is_staff:
        raise PermissionDenied
    access = ModerationAccess.objects.create(staff=staff, conversation=conversation, report=report)
    logger.info(
        "moderation access: staff %s read conversation %s (report %s)",
        staff.pk,
        conversation.pk,
        report.pk if report else None,
    )
    return access
