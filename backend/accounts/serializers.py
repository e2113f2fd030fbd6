from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from rest_framework import serializers

from backend.accounts.models import Membership, Organisation, Role, User
from backend.accounts.services import SELF_SERVICE_ROLES


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        write_only=True, max_length=128, style={"input_type": "password"}
    )
    role = serializers.ChoiceField(
        choices=[(r.value, r.label) for r in Role if r in SELF_SERVICE_ROLES]
    )
    display_name = serializers.CharField(
        max_length=80, required=False, allow_blank=True, default=""
    )
    organisation_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})

    def validate(self, attrs: dict) -> dict:
        request = self.context.get("request")
        # The HttpRequest under DRF's wrapper: django-axes marks a lockout on it for its middleware.
        user = authenticate(
            getattr(request, "_request", request),
            email=attrs["email"].lower(),
            password=attrs["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                _("Email or password is wrong."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name", "role", "preferred_language"]
        read_only_fields = ["id", "email", "role"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "website",
            "city",
            "country",
            "verified",
            "verified_at",
        ]
        read_only_fields = ["id", "kind", "verified", "verified_at"]


class MembershipSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "email", "is_admin", "created_at"]
        read_only_fields = fields


class MemberAddSerializer(serializers.Serializer):
    email = serializers.EmailField()
    is_admin = serializers.BooleanField(default=False)
