"""What happened to each woman after Pathways: trained, mentored, interviewed, hired, funded.

One row per outcome. Links to what led to it are nullable foreign keys (the opportunity may be
deleted later; the outcome stays) plus the Match that suggested it, so the scorer can learn
which matches end in something real.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
        "events.Role", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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
            )
        ]
        indexes = [
            models.Index(fields=["woman", "kind"], name="outcome_woman_kind"),
            models.Index(fields=["date"], name="outcome_date"),
        ]

    def __str__(self) -> str:
        return f"{self.woman_id}: {self.kind} on {self.date}"
