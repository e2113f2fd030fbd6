from rest_framework import serializers

from backend.profiles.models import MentorProfile, Profile

PROFILE_FIELDS = [
    "bio", "goals", "skills", "languages", "city", "country", "open_to_remote", "willing_to_relocate",
    "digital_level", "availability", "needs_childcare", "business_stage", "funding_need_eur",
    "right_to_work", "employers_can_view", "shared_fields", "mentors_can_view",
    "prefers_woman_mentor",
]  # fmt: skip


class ProfileSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="user.role", read_only=True)
    is_complete = serializers.BooleanField(read_only=True)

    class Meta:
        model = Profile
        fields = ["id", "role", *PROFILE_FIELDS, "is_complete", "updated_at"]
        read_only_fields = ["id", "role", "is_complete", "updated_at"]


class MentorProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = MentorProfile
        fields = [
            "id", "headline", "bio", "expertise", "languages", "city", "country", "remote", "level",
            "audience", "capacity", "gender", "gender_description", "available", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "updated_at"]


class SkillSuggestionSerializer(serializers.Serializer):
    name = serializers.CharField()
