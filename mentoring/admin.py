"""Staff moderation: reports, blocks, and a logged transcript view; messages are never listed freely."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mentoring import services
from mentoring.models import (
    Block,
    Conversation,
    Mentorship,
    Message,
    ModerationAccess,
    Report,
    ReportStatus,
)


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["id", "mentee", "mentor", "status", "created_at", "responded_at"]
    list_filter = ["status"]
    search_fields = ["mentee__email", "mentor__user__email"]
    raw_id_fields = ["mentee", "mentor", "ended_by"]
    # Status changes go through the services (capacity, hooks); staff only look here.
    readonly_fields = ["status", "created_at", "responded_at", "ended_at", "ended_by"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    """Metadata only: reading messages goes through a report, and is logged."""

    list_display = ["id", "mentorship", "last_message_at", "created_at"]
    readonly_fields = ["mentorship", "last_message_id", "last_message_at", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["id", "reporter", "conversation", "message_id", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["reporter", "conversation", "message", "reason", "created_at", "transcript"]
    fields = ["status", "reporter", "conversation", "message", "reason", "created_at", "transcript"]
    actions = ["mark_resolved", "mark_dismissed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("Conversation"))
    def transcript(self, obj: Report) -> str:
        url = reverse("admin:mentoring_report_transcript", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Read the conversation (logged)"))

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "<int:report_id>/transcript/",
                self.admin_site.admin_view(self.transcript_view),
                name="mentoring_report_transcript",
            ),
            *super().get_urls(),
        ]

    def transcript_view(self, request: HttpRequest, report_id: int) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        report = get_object_or_404(Report.objects.select_related("conversation"), pk=report_id)
        services.moderation_access_log(
            staff=request.user, conversation=report.conversation, report=report
        )
        messages = (
            Message.objects.filter(conversation=report.conversation)
            .select_related("sender")
            .order_by("id")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Conversation %(id)s (report %(report)s)")
            % {"id": report.conversation_id, "report": report.pk},
            "report": report,
            "chat_messages": messages,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "mentoring/admin/transcript.html", context)

    @admin.action(description=_("Mark as resolved"))
    def mark_resolved(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        queryset.update(status=ReportStatus.RESOLVED)

    @admin.action(description=_("Mark as dismissed"))
    def mark_dismissed(self, request: HttpRequest, queryset) -> None:  # type: ignore[no-untyped-def]
        queryset.update(status=ReportStatus.DISMISSED)


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["id", "blocker", "blocked", "created_at"]
    raw_id_fields = ["blocker", "blocked"]


@admin.register(ModerationAccess)
class ModerationAccessAdmin(admin.ModelAdmin):
    """The audit trail cannot be edited or deleted from the admin."""

    list_display = ["accessed_at", "staff", "conversation", "report"]
    list_filter = ["staff"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
