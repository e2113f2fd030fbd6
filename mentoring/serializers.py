from typing import Any

from rest_framework import serializers

from mentoring.models import (
    CLIENT_ID_MAX,
    DELETED_USER_NAME,
    MESSAGE_TEXT_MAX,
    REQUEST_MESSAGE_MAX,
    Conversation,
    Mentorship,
    Message,
)


def _public_name(display_name: str | None, email: str | None) -> str:
    return display_name or (email or "").split("@")[0]


class MentorshipSerializer(serializers.ModelSerializer):
    mentee = serializers.SerializerMethodField()
    mentor = serializers.SerializerMethodField()
    conversation = serializers.SerializerMethodField()
    my_role = serializers.SerializerMethodField()

    class Meta:
        model = Mentorship
        fields = [
            "id", "status", "message", "mentee", "mentor", "conversation", "my_role",
            "created_at", "responded_at", "ended_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_mentee(self, obj: Mentorship) -> dict[str, Any]:
        name = obj.mentee.public_name if obj.mentee is not None else str(DELETED_USER_NAME)
        return {"user_id": obj.mentee_id, "name": name}

    def get_mentor(self, obj: Mentorship) -> dict[str, Any]:
        if obj.mentor is None:
            return {"id": None, "user_id": None, "name": str(DELETED_USER_NAME), "headline": ""}
        return {
            "id": obj.mentor_id,
            "user_id": obj.mentor.user_id,
            "name": obj.mentor.user.public_name,
            "headline": obj.mentor.headline,
        }

    def get_conversation(self, obj: Mentorship) -> int | None:
        conversation = getattr(obj, "conversation", None)
        return conversation.pk if conversation else None

    def get_my_role(self, obj: Mentorship) -> str | None:
        request = self.context.get("request")
        if request is None:
            return None
        return "mentee" if obj.mentee_id == request.user.pk else "mentor"


class MentorshipRequestSerializer(serializers.Serializer):
    mentor = serializers.IntegerField(min_value=1)
    message = serializers.CharField(
        max_length=REQUEST_MESSAGE_MAX,
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
    )


class ConversationSerializer(serializers.ModelSerializer):
    mentorship = serializers.IntegerField(source="mentorship_id", read_only=True)
    status = serializers.CharField(source="mentorship.status", read_only=True)
    other = serializers.SerializerMethodField()
    unread_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Conversation
        fields = [
            "id", "mentorship", "status", "other", "unread_count", "last_message_id",
            "last_message_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_other(self, obj: Conversation) -> dict[str, Any]:
        return {
            "user_id": obj.other_user_id,  # type: ignore[attr-defined]
            "name": _public_name(obj.other_user_name, obj.other_user_email),  # type: ignore[attr-defined]
        }


class MessageSerializer(serializers.ModelSerializer):
    sender = serializers.IntegerField(source="sender_id", read_only=True)

    class Meta:
        model = Message
        fields = ["id", "sender", "text", "created_at", "client_id"]
        read_only_fields = fields


class MessageSendSerializer(serializers.Serializer):
    # Lengths and emptiness are checked by message_send, so the socket and the API answer alike.
    client_id = serializers.CharField(max_length=CLIENT_ID_MAX, trim_whitespace=False)
    text = serializers.CharField(
        max_length=MESSAGE_TEXT_MAX, allow_blank=True, trim_whitespace=False
    )


class MarkReadSerializer(serializers.Serializer):
    up_to = serializers.IntegerField(min_value=0)


class ReportSerializer(serializers.Serializer):
    message = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
