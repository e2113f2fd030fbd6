"""What happened to each woman after Pathways: trained, mentored, interviewed, hired, funded.

One row per outcome. Links to what led to it are nullable foreign keys (the opportunity may be
deleted later; the outcome stays) plus the Match that suggested it, so the scorer can learn
which matches end in something real.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Larger than any grant or salary a woman here records; anything above is a typing slip.
MAX_AMOUNT_EUR = 10_000_000


class OutcomeKind(models.TextChoices):
    FINISHED_TRAINING = "finished_training", _("Finished a training")
    GOT_JOB = "got_job", _("Got a job")
    STARTED_BUSINESS = "started_business", _("Started a business")
    RECEIVED_FUNDING = "received_funding", _("Received funding")
    MENTORSHIP_COMPLETED = "mentorship_completed", _("Completed a mentorship")
    INTERVIEWED = "interviewed", _("Interviewed")
    JOB_OFFER = "job_offer", _("Job offer")


class RecorderRole(models.TextChoices):
    WOMAN = "woman", _("The woman herself")
    EMPLOYER = "employer", _("Employer")
    PROGRAMME = "programme", _("Programme")
    MENTOR = "mentor", _("Mentor")
    STAFF = "staff", _("Staff")


class Outcome(models.Model):
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(max_length=24, choices=OutcomeKind.choices)
    date = models.DateField()
    amount_eur = models.PositiveIntegerField(null=True, blank=True)
    training = models.ForeignKey(
        "catalog.Training", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    financing = models.ForeignKey(
        "catalog.FinancingScheme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.ForeignKey(
        "events.JobRole", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentorship = models.ForeignKey(
        "mentoring.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booking = models.ForeignKey(
        "events.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    match = models.ForeignKey(
        "matching.Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by_role = models.CharField(max_length=10, choices=RecorderRole.choices)
    # True when she recorded it herself or confirmed someone else's record of it.
    confirmed_by_woman = models.BooleanField(default=False)
    # She said it did not happen: kept (so the same booking does not re-create it) but never
    # counted or listed.
    rejected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__gte=0),
                name="outcome_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__lte=MAX_AMOUNT_EUR),
                name="outcome_amount_sane",
            ),
            # The database, not only a query, keeps two concurrent requests from recording the
            # same thing twice: once per booking and kind, once per mentorship and kind, and for
            # other records once per woman, kind and day (a row she rejected does not count).
            models.UniqueConstraint(
                fields=["booking", "kind"],
                condition=Q(booking__isnull=False),
                name="outcome_once_per_booking",
            ),
            models.UniqueConstraint(
                fields=["mentorship", "kind"],
                condition=Q(mentorship__isnull=False),
                name="outcome_once_per_mentorship",
            ),
            models.UniqueConstraint(
                fields=["woman", "kind", "date"],
                condition=Q(
                    rejected_at__isnull=True, booking__isnull=True, mentorship__isnull=True
                ),
                name="outcome_once_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["woman", "kind"], name="outcome_woman_kind"),
            models.Index(fields=["date"], name="outcome_date"),
        ]

    def __str__(self) -> str:
        return f"{self.woman_id}: {self.kind} on {self.date}"


class OriginRegion(models.TextChoices):
    """Broad world regions, never countries: a country of origin in a small city would name her."""

    MIDDLE_EAST_NORTH_AFRICA = "mena", _("Middle East and North Africa")
    SUB_SAHARAN_AFRICA = "ssa", _("Sub-Saharan Africa")
    SOUTH_CENTRAL_ASIA = "sca", _("South and Central Asia")
    EAST_ASIA_PACIFIC = "eap", _("East Asia and the Pacific")
    EUROPE = "europe", _("Europe")
    AMERICAS = "americas", _("The Americas")


class StatisticsConsent(models.Model):
    """Her opt-in to be counted, aggregated only, in breakdowns by origin and right to work.

    Kept here, not in her profile: it is a choice about statistics, no one else reads it, and
    without a row she is in no breakdown at all.
    """

    woman = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statistics_consent"
    )
    share_origin = models.BooleanField(default=False)
    origin_region = models.CharField(max_length=10, choices=OriginRegion.choices, blank=True)
    share_right_to_work = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(share_origin=False) & Q(origin_region=""))
                | (Q(share_origin=True) & ~Q(origin_region="")),
                name="statistics_consent_region_only_when_shared",
            )
        ]

    def __str__(self) -> str:
        return f"statistics consent of {self.woman_id}"
