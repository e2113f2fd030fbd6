from django.contrib import admin

from backend.profiles.models import MentorProfile, Profile, Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "curated"]
    list_filter = ["curated"]
    search_fields = ["name"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "city", "country", "digital_level", "updated_at"]
    list_filter = [
        "digital_level", "country", "open_to_remote", "employers_can_view", "mentors_can_view",
    ]  # fmt: skip
    search_fields = ["user__email", "city"]
    raw_id_fields = ["user"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "capacity", "available", "city", "country"]
    list_filter = ["available", "remote"]
    search_fields = ["user__email", "headline"]
    raw_id_fields = ["user"]
