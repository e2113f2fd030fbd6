from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from backend.accounts.models import Organisation, OrganisationKind
from events import selectors
from events.models import (
    Application,
    Booking,
    Fair,
    Interest,
    InterviewOutcome,
    InterviewSlot,
    JobRole,
    Registration,
    RegistrationStatus,
    Report,
    ReportReason,
)
from events.timezones import times_read_in


class _MyOrganisationField(serializers.PrimaryKeyRelatedField):
    """Only organisations of the given kind that the requesting user belongs to can be chosen."""

    kind: str = OrganisationKind.EMPLOYER

    def get_queryset(self):  # type: ignore[no-untyped-def]
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return Organisation.objects.none()
        return Organisation.objects.filter(memberships__user=request.user, kind=self.kind)


class MyEmployerField(_MyOrganisationField):
    kind = OrganisationKind.EMPLOYER


class MyProgrammeField(_MyOrganisationField):
    kind = OrganisationKind.PROGRAMME


class FairSerializer(serializers.ModelSerializer):
    organiser = MyProgrammeField(required=False, allow_null=True)
    organiser_name = serializers.CharField(source="organiser.name", read_only=True, default=None)
    employers = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.EMPLOYER),
    )
    seats = serializers.SerializerMethodField()

    class Meta:
        model = Fair
        fields = [
            "id", "title", "description", "starts_at", "ends_at", "timezone", "city", "country",
            "venue", "online_url", "capacity", "organiser", "organiser_name", "employers",
            "published", "seats",
        ]  # fmt: skip
        read_only_fields = ["id", "seats"]

    def get_seats(self, fair: Fair) -> dict[str, int]:
        # Annotated by the viewset's queryset so a list costs one query, not one per fair.
        registered = getattr(fair, "n_registered", None)
        if registered is None:
            return selectors.fair_seats(fair=fair)
        return {
            "registered": registered,
            "waitlisted": fair.n_waitlisted,
            "free": max(fair.capacity - registered, 0),
        }

    def to_internal_value(self, data: Any) -> dict:
        zone_name = data.get("timezone") if hasattr(data, "get") else None
        with times_read_in(zone_name or getattr(self.instance, "timezone", None)):
            return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": _("The fair must end after it starts.")})
        return attrs


class RegistrationSerializer(serializers.ModelSerializer):
    fair_title = serializers.CharField(source="fair.title", read_only=True)
    fair_starts_at = serializers.DateTimeField(source="fair.starts_at", read_only=True)
    waitlist_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id", "fair", "fair_title", "fair_starts_at", "status", "waitlist_position",
            "checkin_code", "checked_in_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_waitlist_position(self, registration: Registration) -> int | None:
        if registration.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = getattr(registration, "n_ahead", None)  # annotated by registrations_of
        if ahead is None:
            return selectors.waitlist_position(registration=registration)
        return ahead + 1


class RegistrationCreateSerializer(serializers.Serializer):
    fair = serializers.PrimaryKeyRelatedField(queryset=Fair.objects.filter(published=True))


class RoleSerializer(serializers.ModelSerializer):
    organisation = MyEmployerField()
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, default=None
    )
    fair = serializers.PrimaryKeyRelatedField(
        queryset=Fair.objects.filter(published=True), required=False, allow_null=True
    )

    class Meta:
        model = JobRole
        fields = [
            "id", "organisation", "organisation_name", "title", "description", "skills",
            "languages", "city", "country", "remote", "level", "contract_type", "salary_min_eur",
            "salary_max_eur", "status", "fair", "hidden", "published_at", "closed_at",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "hidden", "published_at", "closed_at", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        low = attrs.get("salary_min_eur", getattr(self.instance, "salary_min_eur", None))
        high = attrs.get("salary_max_eur", getattr(self.instance, "salary_max_eur", None))
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"salary_max_eur": _("The maximum salary is below the minimum.")}
            )
        return attrs


class ApplicationSerializer(serializers.ModelSerializer):
    role_title = serializers.CharField(source="role.title", read_only=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = Application
        fields = ["id", "role", "role_title", "note", "status", "created_at"]
        read_only_fields = ["id", "role_title", "status", "created_at"]


class InterestSerializer(serializers.ModelSerializer):
    role_title = serializers.CharField(source="role.title", read_only=True)

    class Meta:
        model = Interest
        fields = ["id", "role", "role_title", "created_at"]
        read_only_fields = ["id", "role_title", "created_at"]


class SlotSerializer(serializers.ModelSerializer):
    organisation = MyEmployerField()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.PrimaryKeyRelatedField(
        queryset=JobRole.objects.all(), required=False, allow_null=True
    )
    booked = serializers.SerializerMethodField()

    class Meta:
        model = InterviewSlot
        fields = [
            "id", "fair", "organisation", "organisation_name", "role", "starts_at", "ends_at",
            "booked",
        ]  # fmt: skip
        read_only_fields = ["id", "organisation_name", "booked"]

    def get_booked(self, slot: InterviewSlot) -> bool:
        return hasattr(slot, "booking")

    def validate(self, attrs: dict) -> dict:
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": _("The slot must end after it starts.")})
        return attrs


class BookingSerializer(serializers.ModelSerializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=InterviewSlot.objects.all())
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    fair = serializers.IntegerField(source="slot.fair_id", read_only=True)
    organisation_name = serializers.CharField(source="slot.organisation.name", read_only=True)
    role_title = serializers.CharField(source="slot.role.title", read_only=True, default=None)

    class Meta:
        model = Booking
        fields = [
            "id", "slot", "fair", "starts_at", "ends_at", "organisation_name", "role_title",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at"]


class InterviewSerializer(serializers.ModelSerializer):
    """An interview as the employer sees it: the slot, the outcome, and what she shares."""

    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    fair = serializers.IntegerField(source="slot.fair_id", read_only=True)
    role = serializers.IntegerField(source="slot.role_id", read_only=True, default=None)
    candidate = serializers.SerializerMethodField()
    outcome = serializers.ChoiceField(choices=InterviewOutcome.choices)

    class Meta:
        model = Booking
        fields = [
            "id", "fair", "role", "starts_at", "ends_at", "candidate", "outcome",
            "outcome_recorded_at",
        ]  # fmt: skip
        read_only_fields = ["id", "outcome_recorded_at"]

    def get_candidate(self, booking: Booking) -> dict:
        return selectors.interview_candidate(booking=booking)


class RoleReportSerializer(serializers.ModelSerializer):
    role = serializers.PrimaryKeyRelatedField(
        queryset=JobRole.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.EMPLOYER),
        required=False,
        allow_null=True,
    )
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = Report
        fields = ["id", "role", "organisation", "reason", "text", "status", "created_at"]
        read_only_fields = ["id", "status", "created_at"]

    def validate(self, attrs: dict) -> dict:
        role, organisation = attrs.get("role"), attrs.get("organisation")
        if (role is None) == (organisation is None):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Report either a role or an employer.")]}
            )
        return attrs


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)


class CheckInResultSerializer(serializers.Serializer):
    registration = serializers.IntegerField(source="pk")
    fair = serializers.IntegerField(source="fair_id")
    name = serializers.CharField(source="user.public_name")
    checked_in_at = serializers.DateTimeField()
