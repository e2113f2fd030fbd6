from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.models import WOMEN_ROLES, User
from backend.catalog.models import FinancingScheme, Training
from backend.impact.models import Outcome, OutcomeKind
from events.models import Role as JobRole
from mentoring.models import Mentorship

KIND_HELP = "One of: " + ", ".join(OutcomeKind.values)


# A plain string in the schema: another "kind" enum would collide with the other apps' "kind"
# enums in drf-spectacular's naming (see ENUM_NAME_OVERRIDES in settings).
@extend_schema_field(OpenApiTypes.STR)
class OutcomeKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=OutcomeKind.choices, help_text=KIND_HELP, **kwargs)


class OutcomeSerializer(serializers.ModelSerializer):
    kind = OutcomeKindField(read_only=True)

    class Meta:
        model = Outcome
        fields = [
            "id",
            "woman",
            "kind",
            "date",
            "amount_eur",
            "training",
            "financing",
            "role",
            "mentorship",
            "booking",
            "match",
            "recorded_by_role",
            "confirmed_by_woman",
            "created_at",
        ]
        read_only_fields = fields


class OutcomeCreateSerializer(serializers.Serializer):
    # Omitted: she records her own.
    woman = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role__in=WOMEN_ROLES), required=False
    )
    kind = OutcomeKindField()
    date = serializers.DateField()
    amount_eur = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    training = serializers.PrimaryKeyRelatedField(
        queryset=Training.objects.all(), required=False, allow_null=True
    )
    financing = serializers.PrimaryKeyRelatedField(
        queryset=FinancingScheme.objects.all(), required=False, allow_null=True
    )
    role = serializers.PrimaryKeyRelatedField(
        queryset=JobRole.objects.all(), required=False, allow_null=True
    )
    mentorship = serializers.PrimaryKeyRelatedField(
        queryset=Mentorship.objects.all(), required=False, allow_null=True
    )
