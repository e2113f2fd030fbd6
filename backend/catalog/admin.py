from django.contrib import admin

from backend.catalog.models import FinancingScheme, Training


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "city", "remote", "level", "published"]
    list_filter = ["published", "level", "remote", "audience"]
    search_fields = ["title", "description"]


@admin.register(FinancingScheme)
class FinancingSchemeAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "amount_min_eur", "amount_max_eur", "published"]
    list_filter = ["published", "audience"]
    search_fields = ["title", "description"]
