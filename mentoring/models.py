"""Mentorships between a woman and a mentor, the conversation they chat in, and its moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.core.validators import validate_plain_text

REQUEST_MESSAGE_MAX = 1000
MESSAGE_TEXT_MAX = 4000
CLIENT_ID_MAX = 64
# Shown in place of a person who deleted her account (her messages stay for the other side).
DELETED_USER_NAME = _("deleted user")


class MentorshipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the mentor")
    ACCEPTED = "accepted", _("Active")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    ENDED = "ended", _("Ended")


OPEN_STATUSES = (MentorshipStatus.PENDING, MentorshipStatus.ACCEPTED)


class Mentorship(models.Model):
    """A request from a woman to a mentor; once accepted, an active mentorship."""

    # NULL once she deletes her account: the mentor keeps the (ended) conversation, anonymised.
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="mentorships_as_mentee",
    )
    # NULL once the mentor deletes her account: the woman keeps the (ended) conversation too.
    mentor = models.ForeignKey(
        "profiles.MentorProfile",
        on_delete=models.SET_NULL,
        null=True,
        related_name="mentorships",
    )
    message = models.TextField(
        _("message to the mentor"),
        max_length=REQUEST_MESSAGE_MAX,
        blank=True,
        validators=[validate_plain_text],
    )
    status = models.CharField(
        max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The database, not only the service, keeps one open request/mentorship per pair.
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(status__in=["pending", "accepted"]),
                name="mentorship_one_open_per_pair",
            )
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentorship_mentor_status"),
            models.Index(fields=["status", "created_at"], name="mentorship_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} -> {self.mentor} ({self.status})"

    @property
    def mentor_user_id(self) -> int | None:
        return self.mentor.user_id if self.mentor is not None else None

    @property
    def is_active(self) -> bool:
        return self.status == MentorshipStatus.ACCEPTED


class Conversation(models.Model):
    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="conversation"
    )
    # Written under the row lock taken by message_send: gives each broadcast its predecessor's id,
    # so a consumer sees a gap (a broadcast overtaken by a later one) without asking the database.
    last_message_id = models.BigIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"


class ConversationMember(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    last_read_id = models.BigIntegerField(default=0)
    # Open sockets of this member on this conversation, across every daphne process.
    connections = models.PositiveIntegerField(default=0)
    # The newest message an unread-messages email has covered; no second email until she reads it.
    notified_up_to = models.BigIntegerField(default=0)
    notification_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="conversation_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # NULL once the sender deletes her account: the other side sees "deleted user" as the author.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="chat_messages",
    )
    # Chosen by the sending client; a resend after a lost ack finds the same row.
    client_id = models.CharField(max_length=CLIENT_ID_MAX)
    # Stored exactly as sent; escaped wherever it is shown.
    text = models.TextField(max_length=MESSAGE_TEXT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "sender", "client_id"], name="message_client_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["conversation", "id"], name="message_conversation_id"),
            # The chat rate limit counts her messages of the last seconds.
            models.Index(fields=["sender", "created_at"], name="message_sender_recent"),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.conversation_id}"


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_reports"
    )
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    reason = models.TextField(max_length=2000, blank=True, validators=[validate_plain_text])
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Report {self.pk} on conversation {self.conversation_id}"


class ModerationAccess(models.Model):
    """Audit trail: every time staff read a conversation to moderate it."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_accesses"
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="moderation_accesses"
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="accesses"
    )
    accessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name_plural = "moderation accesses"

    def __str__(self) -> str:
        return f"{self.staff} read conversation {self.conversation_id} at {self.accessed_at}"
