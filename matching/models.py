"""Rows the matching engine keeps: her ranked matches, cached embeddings, recompute state.

A match points at its opportunity by kind + object id rather than a foreign key: the four kinds
live in three apps, and a match must survive the opportunity being closed (her "saved" and
"dismissed" decisions outlive it). The title and a short summary are copied in, so a list of
matches is one query.
"""

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from backend.profiles.models import Profile, RightToWork

# The right-to-work answers that change how she should approach a job (see Match.reasons_for_her).
RIGHT_TO_WORK_NOTED = frozenset({RightToWork.PENDING, RightToWork.NOT_SURE})


class OpportunityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    MENTOR = "mentor", _("Mentor")
    JOB = "job", _("Job role")
    FINANCING = "financing", _("Financing scheme")


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    SAVED = "saved", _("Saved")
    DISMISSED = "dismissed", _("Dismissed")
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")


# Statuses she (or a mentor) chose; a recompute never overwrites or drops them.
DECIDED_STATUSES = frozenset(
    {MatchStatus.SAVED, MatchStatus.DISMISSED, MatchStatus.REQUESTED, MatchStatus.ACCEPTED}
)


class Match(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=10, choices=OpportunityKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    score = models.FloatField()
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=10, choices=MatchStatus.choices, default=MatchStatus.SUGGESTED
    )
    # False when the opportunity is no longer published or she no longer qualifies; rows she
    # decided on are kept (a dismissed one must stay dismissed) but not listed.
    available = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "object_id"], name="match_profile_kind_object_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="match_score_in_unit_range"
            ),
        ]
        indexes = [
            models.Index(
                F("profile"), F("kind"), F("score").desc(), name="match_profile_kind_score"
            ),
            models.Index(fields=["kind", "object_id"], name="match_kind_object"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} -> {self.kind}:{self.object_id} ({self.score:.2f})"

    @property
    def reasons_for_her(self) -> list[Any]:
        """What she reads: the stored reasons, plus, for a job, what only she may know.

        Her self-declared right to work is used only here, to explain a job to her; it is never
        stored with the match, so no employer-facing list can carry it.
        """
        reasons = list(self.reasons or [])
        status = self.profile.right_to_work if self.kind == OpportunityKind.JOB else ""
        if status in RIGHT_TO_WORK_NOTED:
            reasons = [*reasons[:3], {"code": "right_to_work", "params": {"status": status}}]
        return reasons

    @property
    def opportunity_id(self) -> str:
        return f"{self.kind}:{self.object_id}"


class MatchState(models.Model):
    """Whether her matches are up to date: a UI shows "recomputing" while they are not.

    Each edit bumps `requested`; a recompute records the `requested` it started from in
    `computed`, so an edit made while a recompute runs still leaves her marked as recomputing.
    """

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="match_state")
    requested = models.PositiveIntegerField(default=0)
    computed = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.computed}/{self.requested}"

    @property
    def recomputing(self) -> bool:
        return self.computed < self.requested


class Embedding(models.Model):
    """An encoded text, keyed by model and a hash of the text, shared by every process."""

    model = models.CharField(max_length=64)
    text_hash = models.CharField(max_length=64)
    dim = models.PositiveIntegerField()
    # float32, native little-endian, `dim` values.
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model", "text_hash"], name="embedding_model_hash_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.text_hash[:12]}"


class MatchNotification(models.Model):
    """One row per (woman, opportunity) she was emailed about: the claim that stops a second."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=OpportunityKind.choices)
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "object_id"], name="match_notification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} notified of {self.kind}:{self.object_id}"
