from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.catalog.models import FinancingScheme, Training
from events.models import JobRole
from impact.models import MAX_AMOUNT_EUR, OriginRegion, Outcome, OutcomeKind
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
    # Omitted: she records her own. A plain id, not a related field: the API answers a missing
    # id exactly as a woman the caller may not record for, so ids cannot be probed.
    woman = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    kind = OutcomeKindField()
    date = serializers.DateField()
    amount_eur = serializers.IntegerField(
        min_value=0, max_value=MAX_AMOUNT_EUR, required=False, allow_null=True
    )
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


@extend_schema_field(OpenApiTypes.STR)
class OriginRegionField(serializers.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            choices=OriginRegion.choices,
            help_text="One of: " + ", ".join(OriginRegion.values),
            **kwargs,
        )


class StatisticsConsentSerializer(serializers.Serializer):
    share_origin = serializers.BooleanField()
    origin_region = OriginRegionField(required=False, allow_blank=True, default="")
    share_right_to_work = serializers.BooleanField()
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)
