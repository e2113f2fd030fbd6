"""Staff moderate asks here. Demand memberships are deliberately not registered: no one sees them."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from demand import services
from demand.models import Ask, DemandGroup


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ["text", "status", "created_at", "reviewed_at"]
    list_filter = ["status"]
    search_fields = ["text"]
    # The author is never shown, even to staff: moderation judges the words alone.
    fields = ["text", "status", "created_at", "reviewed_at"]
    readonly_fields = ["text", "created_at", "reviewed_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Approve selected asks"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Ask]) -> None:
        n = services.ask_review(ask_ids=queryset.values_list("pk", flat=True), approve=True)
        self.message_user(request, _("%(n)d asks approved.") % {"n": n})

    @admin.action(description=_("Reject selected asks"))
    def reject(self, request: HttpRequest, queryset: QuerySet[Ask]) -> None:
        n = services.ask_review(ask_ids=queryset.values_list("pk", flat=True), approve=False)
        self.message_user(request, _("%(n)d asks rejected.") % {"n": n})


@admin.register(DemandGroup)
class DemandGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "size", "place", "level", "run"]
    list_filter = ["kind"]
    exclude = ["centroid"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DemandGroup]:
        # Staff see what programmes see: a group too small to show is not listed here either.
        return super().get_queryset(request).filter(size__gte=services.min_group_size())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
