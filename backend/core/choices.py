"""Choice sets shared across apps (profiles, catalog, events, matching)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DigitalLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class BusinessStage(models.TextChoices):
    IDEA = "idea", _("Idea — not trading yet")
    EARLY = "early", _("Early — trading for a short time")
    GROWTH = "growth", _("Growth — established and expanding")


class Audience(models.TextChoices):
    JOBSEEKER = "jobseeker", _("Job seekers")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneurs")
    ANY = "any", _("Everyone")


class TimeSlot(models.TextChoices):
    DAYTIME = "daytime", _("Weekday daytime")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")
    SELF_PACED = "self_paced", _("Self-paced")
