"""Browser forms for outcomes and the statistics opt-in; the services do the real checks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impact.models import MAX_AMOUNT_EUR, OriginRegion, OutcomeKind


class DateInput(forms.DateInput):
    input_type = "date"


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=OutcomeKind.choices)
    date = forms.DateField(label=_("When"), widget=DateInput)
    amount_eur = forms.IntegerField(
        label=_("Amount in euros (only for funding received)"),
        min_value=0,
        max_value=MAX_AMOUNT_EUR,
        required=False,
    )


class ProgrammeOutcomeForm(forms.Form):
    match = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    date = forms.DateField(label=_("When"), widget=DateInput)
    amount_eur = forms.IntegerField(
        label=_("Amount in euros (funding only)"),
        min_value=0,
        max_value=MAX_AMOUNT_EUR,
        required=False,
    )


class StatisticsConsentForm(forms.Form):
    share_origin = forms.BooleanField(
        label=_("Count me in the figures by region of origin"), required=False
    )
    origin_region = forms.ChoiceField(
        label=_("The world region I come from"),
        choices=[("", _("Choose a region")), *list(OriginRegion.choices)],
        required=False,
    )
    share_right_to_work = forms.BooleanField(
        label=_("Count me in the figures by right to work (the answer in my profile)"),
        required=False,
    )
