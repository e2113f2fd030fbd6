"""What women are looking for and do not find, stored only as aggregates.

A DemandGroup holds a size, a label and facts, never who is in it. DemandMembership is the one
exception: the system uses it to notify a group when something answers it; no page, API,
export or admin lists it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.profiles.models import Profile
from matching.models import OpportunityKind

ASK_MAX_LENGTH = 200


class DemandRun(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    # Women with a weak best match, per kind: {"training": 37, ...}
    weak_counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"demand run {self.pk} at {self.created_at:%Y-%m-%d %H:%M}"


class DemandGroup(models.Model):
    run = models.ForeignKey(DemandRun, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(max_length=10, choices=OpportunityKind.choices)
    size = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    description = models.CharField(max_length=500)
    place = models.CharField(max_length=100, blank=True)
    languages = models.JSONField(default=list)
    level = models.CharField(max_length=20, blank=True)
    nearest_kind = models.CharField(max_length=10, blank=True)
    nearest_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    nearest_title = models.CharField(max_length=200, blank=True)
    nearest_why = models.JSONField(default=list)
    # Normalised float32 mean of the members' profile vectors (for "does this new offer answer it").
    centroid = models.BinaryField()
    # [{"at": iso datetime, "size": n}, ...] across runs, oldest first, this run last.
    history = models.JSONField(default=list)

    class Meta:
        indexes = [models.Index(fields=["run", "kind"], name="demand_group_run_kind")]
        ordering = ["-size", "pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.label} ({self.size})"


class DemandMembership(models.Model):
    """System-only: who is in a group. Never shown, exported or registered in the admin."""

    group = models.ForeignKey(DemandGroup, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "profile"], name="demand_membership_unique")
        ]

    def __str__(self) -> str:
        return f"member of group {self.group_id}"


class DemandNotification(models.Model):
    """The claim that a woman was told once about an offer that answers her group's demand."""

    group = models.ForeignKey(
        DemandGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Per woman and offer, not per group: groups are rebuilt each run, a claim must outlive it.
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "object_id"], name="demand_notification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"told about {self.kind}:{self.object_id}"


class AskStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Ask(models.Model):
    """One line a woman wrote about what she is missing; shown only once staff approved it,
    and never with who wrote it."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=ASK_MAX_LENGTH)
    status = models.CharField(max_length=10, choices=AskStatus.choices, default=AskStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="ask_status_created")]

    def __str__(self) -> str:
        return self.text[:60]


class AskVote(models.Model):
    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ask", "voter"], name="ask_vote_once"),
        ]

    def __str__(self) -> str:
        return f"vote for ask {self.ask_id}"
