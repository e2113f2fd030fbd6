from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.choices import BusinessStage, DigitalLevel, TimeSlot
from backend.core.validators import (
    validate_city_has_country,
    validate_country_code,
    validate_languages,
    validate_plain_text,
    validate_skill_list,
)


def validate_time_slots(value: object) -> None:
    from backend.core.validators import validate_choice_list

    validate_choice_list(value, TimeSlot.values, "time slots")


class Skill(models.Model):
    """The normalised skill vocabulary: canonical names with aliases; women may add free text too."""

    name = models.CharField(max_length=80, unique=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text=_("Other spellings that mean the same skill.")
    )
    curated = models.BooleanField(
        default=False, help_text=_("Part of the vocabulary offered as suggestions.")
    )

    def __str__(self) -> str:
        return self.name


class RightToWork(models.TextChoices):
    YES = "yes", _("Yes")
    PENDING = "pending", _("Pending")
    NOT_SURE = "not_sure", _("Not sure")


# What an employer may be shown of a profile, when she consents, field by field.
SHAREABLE_FIELDS: tuple[str, ...] = (
    "display_name",
    "bio",
    "goals",
    "skills",
    "languages",
    "city",
    "digital_level",
    "availability",
)


def validate_shared_fields(value: object) -> None:
    from backend.core.validators import validate_choice_list

    validate_choice_list(value, SHAREABLE_FIELDS, "shareable fields")


class Profile(models.Model):
    """A job seeker's or entrepreneur's profile, written once in her own words."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(
        _("about you"), max_length=10000, blank=True, validators=[validate_plain_text]
    )
    goals = models.CharField(
        _("what you want"), max_length=500, blank=True, validators=[validate_plain_text]
    )
    skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    open_to_remote = models.BooleanField(default=True)
    willing_to_relocate = models.BooleanField(default=False)
    digital_level = models.CharField(
        max_length=20, choices=DigitalLevel.choices, default=DigitalLevel.BEGINNER
    )
    availability = models.JSONField(default=list, blank=True, validators=[validate_time_slots])
    needs_childcare = models.BooleanField(default=False)
    business_stage = models.CharField(max_length=10, choices=BusinessStage.choices, blank=True)
    funding_need_eur = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    # Self-declared, optional; used only to explain matches and never shown to anyone else.
    right_to_work = models.CharField(max_length=10, choices=RightToWork.choices, blank=True)
    employers_can_view = models.BooleanField(
        default=False, help_text=_("Employers may see the fields below when ranking candidates.")
    )
    shared_fields = models.JSONField(default=list, blank=True, validators=[validate_shared_fields])
    # Off by default: a mentor sees her otherwise only once she asks that mentor.
    mentors_can_view = models.BooleanField(
        default=False,
        help_text=_(
            "Mentors may find her among the women they could help, and see the fields she shares."
        ),
    )
    prefers_woman_mentor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set for rows created by `import_dataset`.
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def clean(self) -> None:
        validate_city_has_country(self.city, self.country)

    @property
    def role(self) -> str:
        return self.user.role

    @property
    def is_complete(self) -> bool:
        return bool(self.bio.strip() and self.languages and self.city and self.country)


class MentorGender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("I describe it myself")


class MentorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    headline = models.CharField(max_length=200, blank=True, validators=[validate_plain_text])
    bio = models.TextField(max_length=5000, blank=True, validators=[validate_plain_text])
    expertise = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    remote = models.BooleanField(default=True)
    level = models.CharField(max_length=20, choices=DigitalLevel.choices, blank=True)
    audience = models.CharField(
        max_length=20,
        choices=[
            ("jobseeker", _("Job seekers")),
            ("entrepreneur", _("Entrepreneurs")),
            ("any", _("Everyone")),
        ],
        default="any",
    )
    # How many mentees she can take in all; free places = capacity - active mentorships.
    capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(0), MaxValueValidator(50)]
    )
    gender = models.CharField(max_length=20, choices=MentorGender.choices, blank=True)
    gender_description = models.CharField(
        max_length=80, blank=True, validators=[validate_plain_text]
    )
    available = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)

    def __str__(self) -> str:
        return f"Mentor {self.user}"

    def clean(self) -> None:
        validate_city_has_country(self.city, self.country)
