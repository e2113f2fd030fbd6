from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Organisation
from backend.core.choices import Audience, BusinessStage, DigitalLevel, TimeSlot
from backend.core.validators import (
    validate_choice_list,
    validate_city_has_country,
    validate_country_code,
    validate_country_list,
    validate_languages,
    validate_plain_text,
    validate_skill_list,
)


def validate_schedule(value: object) -> None:
    validate_choice_list(value, TimeSlot.values, "schedule slots")


def validate_stages(value: object) -> None:
    validate_choice_list(value, BusinessStage.values, "business stages")


class PublishedQuerySet(models.QuerySet):
    def published(self) -> "PublishedQuerySet":
        return self.filter(published=True)


class Training(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="trainings", null=True, blank=True
    )
    title = models.CharField(max_length=200, validators=[validate_plain_text])
    description = models.TextField(max_length=5000, validators=[validate_plain_text])
    skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    # Each {"code": ..., "level": minimum level needed to follow it}.
    languages = models.JSONField(default=list, validators=[validate_languages])
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    remote = models.BooleanField(default=False)
    level = models.CharField(max_length=20, choices=DigitalLevel.choices, blank=True)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.ANY)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    schedule = models.JSONField(default=list, blank=True, validators=[validate_schedule])
    childcare_offered = models.BooleanField(default=False)
    seats = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    published = models.BooleanField(default=False)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_city_has_country(self.city, self.country)
        if not self.city and not self.remote:
            raise ValidationError({"remote": _("A training with no city must be remote.")})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})


class FinancingScheme(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="financing_schemes",
        null=True,
        blank=True,
    )
    title = models.CharField(max_length=200, validators=[validate_plain_text])
    description = models.TextField(max_length=5000, validators=[validate_plain_text])
    skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    # Languages an application can be made in.
    languages = models.JSONField(default=list, validators=[validate_languages])
    amount_min_eur = models.PositiveIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100_000_000)]
    )
    amount_max_eur = models.PositiveIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(100_000_000)]
    )
    stages = models.JSONField(default=list, validators=[validate_stages])
    # Empty = open to businesses in any country.
    eligible_countries = models.JSONField(
        default=list, blank=True, validators=[validate_country_list]
    )
    audience = models.CharField(
        max_length=20, choices=Audience.choices, default=Audience.ENTREPRENEUR
    )
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    remote = models.BooleanField(
        default=True, help_text=_("She can apply and be supported online.")
    )
    deadline = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_min_eur__lte=models.F("amount_max_eur")),
                name="financing_amount_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if (
            self.amount_min_eur is not None
            and self.amount_max_eur is not None
            and self.amount_min_eur > self.amount_max_eur
        ):
            raise ValidationError({"amount_max_eur": _("The maximum is below the minimum.")})
        if not self.stages:
            raise ValidationError({"stages": _("Choose at least one business stage.")})
