from django.contrib import admin

from impact.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["id", "woman", "kind", "date", "recorded_by_role", "confirmed_by_woman"]
    list_filter = ["kind", "recorded_by_role", "confirmed_by_woman"]
    raw_id_fields = [
        "woman",
        "recorded_by",
        "training",
        "financing",
        "role",
        "mentorship",
        "booking",
        "match",
    ]
    date_hierarchy = "date"
