from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import services
from events.models import (
    Application,
    Booking,
    Fair,
    Interest,
    InterviewSlot,
    JobRole,
    Registration,
    Report,
    ReportStatus,
)
from events.timezones import times_read_in


class FairAdminForm(forms.ModelForm):
    """Start and end are typed and shown as wall-clock times in the fair's own time zone."""

    class Meta:
        model = Fair
        fields = [
            "title", "description", "starts_at", "ends_at", "timezone", "city", "country",
            "venue", "online_url", "capacity", "organiser", "employers", "published", "created_by",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.timezone:
            zone = ZoneInfo(self.instance.timezone)
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.make_naive(value, zone)

    def full_clean(self) -> None:
        with times_read_in(self.data.get(self.add_prefix("timezone")) if self.is_bound else None):
            super().full_clean()


@admin.register(Fair)
class FairAdmin(admin.ModelAdmin):
    form = FairAdminForm
    list_display = ["title", "starts_at", "timezone", "city", "capacity", "organiser", "published"]
    list_filter = ["published", "city"]
    search_fields = ["title", "description", "venue"]
    filter_horizontal = ["employers"]
    date_hierarchy = "starts_at"


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "fair", "status", "queued_at", "checked_in_at", "reminded_at"]
    list_filter = ["status", "fair"]
    search_fields = ["user__email", "checkin_code"]
    raw_id_fields = ["user", "fair"]
    # Seats move through fair_register/fair_cancel only (waiting list, locks); admin just reads.
    readonly_fields = ["checkin_code", "status", "queued_at", "reminded_at", "created_at"]


@admin.register(JobRole)
class RoleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "city",
        "remote",
        "level",
        "status",
        "hidden",
        "open_reports",
    ]
    list_filter = ["status", "hidden", "level", "remote", "contract_type"]
    search_fields = ["title", "description", "organisation__name"]
    raw_id_fields = ["organisation", "fair"]

    def get_queryset(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        return (
            super()
            .get_queryset(request)
            .select_related("organisation")
            .annotate(n_open=Count("reports", filter=Q(reports__status=ReportStatus.OPEN)))
        )

    @admin.display(description=_("open reports"), ordering="n_open")
    def open_reports(self, obj: JobRole) -> int:
        return obj.n_open  # type: ignore[attr-defined]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["profile", "role", "created_at"]
    raw_id_fields = ["profile", "role"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["profile", "role", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["profile", "role"]


@admin.register(InterviewSlot)
class InterviewSlotAdmin(admin.ModelAdmin):
    list_display = ["fair", "organisation", "role", "starts_at", "ends_at"]
    list_filter = ["fair"]
    raw_id_fields = ["fair", "organisation", "role"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["registration", "slot", "outcome", "outcome_recorded_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["slot", "registration", "outcome_recorded_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "reason",
        "role",
        "organisation",
        "reporter",
        "status",
        "reviewed_by",
    ]
    list_filter = ["status", "reason"]
    search_fields = ["text", "role__title", "organisation__name"]
    raw_id_fields = ["reporter", "role", "organisation"]
    readonly_fields = ["reviewed_by", "reviewed_at", "created_at"]
    actions = ["clear_reports", "confirm_reports"]

    def _review(self, request: HttpRequest, queryset, *, confirm: bool) -> int:  # type: ignore[no-untyped-def]
        decided = 0
        for report in queryset.filter(status=ReportStatus.OPEN):
            report.refresh_from_db()
            if report.status == ReportStatus.OPEN:  # an earlier one may have covered the same role
                decided += services.report_review(
                    report=report, reviewer=request.user, confirm=confirm
                )
        return decided

    @admin.action(description=_("Clear: nothing wrong, show the role again"))
    def clear_reports(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        n = self._review(request, queryset, confirm=False)
        self.message_user(
            request, ngettext("%d report cleared.", "%d reports cleared.", n) % n, messages.SUCCESS
        )

    @admin.action(description=_("Confirm: close the role and keep it hidden"))
    def confirm_reports(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        n = self._review(request, queryset, confirm=True)
        self.message_user(
            request,
            ngettext("%d report confirmed.", "%d reports confirmed.", n) % n,
            messages.SUCCESS,
        )
