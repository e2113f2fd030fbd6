from django.contrib import admin

from matching.models import Embedding, Match, MatchNotification, MatchState


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = [
        "profile",
        "kind",
        "object_id",
        "title",
        "score",
        "status",
        "available",
        "updated_at",
    ]
    list_filter = ["kind", "status", "available"]
    search_fields = ["title", "profile__user__email"]
    raw_id_fields = ["profile"]
    # Rows are the engine's output; staff look, the engine writes.
    readonly_fields = [f.name for f in Match._meta.fields]


@admin.register(MatchState)
class MatchStateAdmin(admin.ModelAdmin):
    list_display = ["profile", "requested", "computed", "computed_at"]
    raw_id_fields = ["profile"]


@admin.register(Embedding)
class EmbeddingAdmin(admin.ModelAdmin):
    list_display = ["model", "text_hash", "dim", "created_at"]
    list_filter = ["model"]
    readonly_fields = ["model", "text_hash", "dim", "created_at"]
    exclude = ["vector"]


@admin.register(MatchNotification)
class MatchNotificationAdmin(admin.ModelAdmin):
    list_display = ["profile", "kind", "object_id", "sent_at"]
    raw_id_fields = ["profile"]
