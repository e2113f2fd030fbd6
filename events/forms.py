from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Organisation
from backend.catalog.forms import CatalogItemForm
from events.models import Fair, InterviewOutcome, JobRole, ReportReason


class ApplicationForm(forms.Form):
    note = forms.CharField(
        label=_("A short note to the employer (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RoleForm(CatalogItemForm):
    """An employer's role; the write is events.services.role_save (publishing is a button)."""

    class Meta:
        model = JobRole
        fields = (
            "title", "description", "skills", "city", "country", "remote", "level",
            "contract_type", "salary_min_eur", "salary_max_eur", "fair",
        )  # fmt: skip
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "city": _("City or town"),
            "remote": _("Remote: she can work from home"),
            "level": _("Digital level needed"),
            "contract_type": _("Contract"),
            "salary_min_eur": _("Lowest yearly salary (€, optional)"),
            "salary_max_eur": _("Highest yearly salary (€, optional)"),
            "fair": _("Job fair (optional)"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        self.fields["skills"].label = _("Skills needed")
        # Only upcoming fairs her organisation takes part in (role_save checks it again).
        fairs = Fair.objects.filter(
            published=True, ends_at__gt=timezone.now(), employers__in=organisations
        )
        if self.instance.fair_id:
            fairs = fairs | Fair.objects.filter(pk=self.instance.fair_id)
        self.fields["fair"].queryset = fairs.distinct().order_by("starts_at", "id")
        self.fields["fair"].required = False


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ReportReason.choices)
    text = forms.CharField(
        label=_("Tell us more (needed for “other”)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=InterviewOutcome.choices)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Check-in code"), max_length=64)
