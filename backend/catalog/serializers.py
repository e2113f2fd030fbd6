from django.utils.translation import gettext as _
from rest_framework import serializers

from backend.accounts.models import Organisation
from backend.catalog.models import FinancingScheme, Training


class MyOrganisationField(serializers.PrimaryKeyRelatedField):
    """Only organisations the requesting user belongs to can be chosen."""

    def get_queryset(self):  # type: ignore[no-untyped-def]
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return Organisation.objects.none()
        return Organisation.objects.filter(memberships__user=request.user)


class TrainingSerializer(serializers.ModelSerializer):
    organisation = MyOrganisationField()
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None
    )

    class Meta:
        model = Training
        fields = [
            "id", "organisation", "organisation_name", "title", "description", "skills", "languages",
            "city", "country", "remote", "level", "audience", "starts_on", "ends_on", "schedule",
            "childcare_offered", "seats", "published", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        city = attrs.get("city", getattr(self.instance, "city", ""))
        country = attrs.get("country", getattr(self.instance, "country", ""))
        if city and not country:
            raise serializers.ValidationError({"country": _("A city needs a country.")})
        return attrs


class FinancingSchemeSerializer(serializers.ModelSerializer):
    organisation = MyOrganisationField()
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None
    )

    class Meta:
        model = FinancingScheme
        fields = [
            "id", "organisation", "organisation_name", "title", "description", "skills", "languages",
            "amount_min_eur", "amount_max_eur", "stages", "eligible_countries", "audience", "city",
            "remote", "deadline", "published", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        low = attrs.get("amount_min_eur", getattr(self.instance, "amount_min_eur", None))
        high = attrs.get("amount_max_eur", getattr(self.instance, "amount_max_eur", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"amount_max_eur": _("The maximum is below the minimum.")}
            )
        return attrs
