"""Job fairs, employers' roles, and what women do with them (register, apply, book, report)."""

import secrets
from functools import lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Organisation
from backend.core.choices import DigitalLevel
from backend.core.validators import (
    validate_country_code,
    validate_languages,
    validate_plain_text,
    validate_skill_list,
)
from backend.profiles.models import Profile


@lru_cache(maxsize=1)
def _known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_timezone_name(value: str) -> None:
    if value not in _known_timezones():
        raise ValidationError(
            _("Unknown time zone %(tz)r (use an IANA name such as 'Europe/Athens').")
            % {"tz": value}
        )


def new_checkin_code() -> str:
    # 128 bits from the OS CSPRNG: the code is the only thing the door checks, so it must not be
    # guessable from another woman's code or from her registration id.
    return secrets.token_urlsafe(16)


class Fair(models.Model):
    """A job fair, organised by staff (no organiser) or by a verified start-up programme."""

    title = models.CharField(max_length=200, validators=[validate_plain_text])
    description = models.TextField(max_length=5000, blank=True, validators=[validate_plain_text])
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Times are stored in UTC; this is the zone the fair happens in, for display and .ics files.
    timezone = models.CharField(
        max_length=64, default="Europe/Athens", validators=[validate_timezone_name]
    )
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    venue = models.CharField(max_length=300, blank=True, validators=[validate_plain_text])
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="organised_fairs",
        null=True,
        blank=True,
    )
    employers = models.ManyToManyField(Organisation, related_name="fairs", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The fair must end after it starts.")})
        if not self.online_url and not (self.city and self.venue):
            raise ValidationError({"venue": _("Give a city and a venue, or an online link.")})
        if self.city and not self.country:
            raise ValidationError({"country": _("A city needs a country.")})

    @property
    def location_text(self) -> str:
        place = ", ".join(part for part in (self.venue, self.city) if part)
        return place or self.online_url


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A woman's place at a fair. One row per woman per fair; cancelling keeps the row."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fair_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    # Place in the waiting list: first in line is the oldest queued_at (then lowest id).
    queued_at = models.DateTimeField(null=True, blank=True)
    checkin_code = models.CharField(
        max_length=32, unique=True, default=new_checkin_code, editable=False
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Claimed before the "a seat is yours" email, so a redelivered task never sends it twice.
    seat_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "user"], name="registration_once_per_fair")
        ]
        indexes = [models.Index(fields=["fair", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} @ {self.fair} ({self.status})"


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed term")
    PART_TIME = "part_time", _("Part time")
    INTERNSHIP = "internship", _("Paid internship")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    FREELANCE = "freelance", _("Freelance")


class JobRoleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class JobRoleQuerySet(models.QuerySet):
    def matchable(self) -> "JobRoleQuerySet":
        """What women may see and matching may rank: published, not under review, verified employer."""
        return self.filter(
            status=JobRoleStatus.PUBLISHED, hidden=False, organisation__verified=True
        )


class JobRole(models.Model):
    """A digital-sector role an employer posts (kind "job" for matching)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles", null=True, blank=True
    )
    title = models.CharField(max_length=200, validators=[validate_plain_text])
    description = models.TextField(max_length=5000, validators=[validate_plain_text])
    skills = models.JSONField(default=list, blank=True, validators=[validate_skill_list])
    languages = models.JSONField(default=list, validators=[validate_languages])
    city = models.CharField(max_length=100, blank=True, validators=[validate_plain_text])
    country = models.CharField(max_length=2, blank=True, validators=[validate_country_code])
    remote = models.BooleanField(default=False)
    level = models.CharField(max_length=20, choices=DigitalLevel.choices, blank=True)
    contract_type = models.CharField(
        max_length=20, choices=ContractType.choices, default=ContractType.PERMANENT
    )
    salary_min_eur = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    salary_max_eur = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    status = models.CharField(
        max_length=10, choices=JobRoleStatus.choices, default=JobRoleStatus.DRAFT
    )
    fair = models.ForeignKey(
        Fair, on_delete=models.SET_NULL, null=True, blank=True, related_name="roles"
    )
    # Set when enough women report the role: out of lists and matching until staff review it.
    hidden = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobRoleQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.city and not self.country:
            raise ValidationError({"country": _("A city needs a country.")})
        if not self.city and not self.remote:
            raise ValidationError({"remote": _("A role with no city must be remote.")})
        if (
            self.salary_min_eur is not None
            and self.salary_max_eur is not None
            and self.salary_min_eur > self.salary_max_eur
        ):
            raise ValidationError({"salary_max_eur": _("The maximum salary is below the minimum.")})


class Interest(models.Model):
    """She marked a role as interesting: a bookmark, shares nothing with the employer."""

    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="interests")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="role_interests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "profile"], name="interest_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.profile} likes {self.role}"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """She applied: from now on the employer sees her email and the fields she shares."""

    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="applications")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="applications")
    note = models.TextField(
        max_length=2000, blank=True, validators=[validate_plain_text, MaxLengthValidator(2000)]
    )
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "profile"], name="application_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.profile} -> {self.role} ({self.status})"


class InterviewSlot(models.Model):
    """A time a participating employer offers for an interview at a fair."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="slots")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interview_slots"
    )
    role = models.ForeignKey(
        JobRole, on_delete=models.SET_NULL, null=True, blank=True, related_name="interview_slots"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The slot must end after it starts.")})


class InterviewOutcome(models.TextChoices):
    NO_SHOW = "no_show", _("Did not come")
    INTERVIEWED = "interviewed", _("Interviewed")
    OFFER = "offer", _("Offer made")
    HIRED = "hired", _("Hired")


class Booking(models.Model):
    """A woman holds an interview slot; after the fair the employer records the outcome."""

    # One-to-one: the database itself refuses a second holder of a slot.
    slot = models.OneToOneField(InterviewSlot, on_delete=models.CASCADE, related_name="booking")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="bookings"
    )
    outcome = models.CharField(max_length=12, choices=InterviewOutcome.choices, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.registration.user} @ {self.slot}"


class ReportReason(models.TextChoices):
    SCAM = "scam", _("Looks like a scam")
    UNPAID_TRIAL = "unpaid_trial", _("Unpaid trial work")
    ASKS_FOR_MONEY = "asks_for_money", _("Asks for money")
    ASKS_FOR_DOCUMENTS = "asks_for_documents", _("Asks for identity documents")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLEARED = "cleared", _("Cleared by staff")
    CONFIRMED = "confirmed", _("Confirmed by staff")


class Report(models.Model):
    """A woman flags a role or an employer as suspicious."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_reports"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    role = models.ForeignKey(
        JobRole, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    text = models.TextField(max_length=2000, blank=True, validators=[validate_plain_text])
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "role"],
                condition=Q(role__isnull=False),
                name="report_once_per_role",
            ),
            models.UniqueConstraint(
                fields=["reporter", "organisation"],
                condition=Q(role__isnull=True),
                name="report_once_per_employer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.role or self.organisation}"
