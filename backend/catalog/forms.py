"""Web forms for a programme's trainings and financing schemes. They only shape the input; the
write (permissions, publishing rules, matching refresh) is catalog.services.catalog_item_save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Organisation
from backend.catalog.models import FinancingScheme, Training
from backend.core.choices import BusinessStage, TimeSlot
from backend.profiles.forms import COUNTRY_NAMES, LanguageRowsMixin, country_choices, split_list


class DateInput(forms.DateInput):
    input_type = "date"


class CatalogItemForm(LanguageRowsMixin, forms.ModelForm):
    skills = forms.CharField(
        label=_("Skills it teaches or needs"),
        help_text=_("Separate with commas, for example: Excel, SQL, bookkeeping."),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organisation"), queryset=organisations, empty_label=None
            )
            only = list(organisations[:2])
            if len(only) == 1:
                self.fields["organisation"].widget = forms.HiddenInput()
                self.fields["organisation"].initial = only[0].pk
        self.initial["skills"] = ", ".join(self.instance.skills or [])
        if "country" in self.fields:
            self.fields["country"] = forms.ChoiceField(
                label=_("Country"), required=False, choices=country_choices(self.instance.country)
            )
        self.add_language_rows(list(self.instance.languages or []))

    def clean_skills(self) -> list[str]:
        return split_list(self.cleaned_data.get("skills") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["languages"] = self.clean_language_rows(data, required=True)
        return data

    def _post_clean(self) -> None:
        # catalog_item_save validates and saves; a refused change must leave the instance alone.
        pass

    def service_fields(self) -> dict[str, Any]:
        names = [*self.Meta.fields, "languages"]
        if "organisation" in self.fields:
            names.append("organisation")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class TrainingForm(CatalogItemForm):
    schedule = forms.MultipleChoiceField(
        label=_("When it takes place"),
        choices=TimeSlot.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Training
        fields = (
            "title", "description", "skills", "city", "country", "remote", "level", "audience",
            "starts_on", "ends_on", "schedule", "childcare_offered", "seats",
        )  # fmt: skip
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "city": _("City or town"),
            "remote": _("Online: she can join from home"),
            "level": _("Digital level it is for"),
            "audience": _("Who it is for"),
            "starts_on": _("Starts on"),
            "ends_on": _("Ends on"),
            "childcare_offered": _("Childcare offered"),
            "seats": _("Seats"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }


class FinancingSchemeForm(CatalogItemForm):
    stages = forms.MultipleChoiceField(
        label=_("Business stages it funds"),
        choices=BusinessStage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Countries where businesses may apply"),
        help_text=_("Leave empty if businesses in any country may apply."),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FinancingScheme
        fields = (
            "title", "description", "skills", "amount_min_eur", "amount_max_eur", "stages",
            "eligible_countries", "audience", "city", "remote", "deadline",
        )  # fmt: skip
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "amount_min_eur": _("Smallest amount (€)"),
            "amount_max_eur": _("Largest amount (€)"),
            "audience": _("Who it is for"),
            "city": _("City or town"),
            "remote": _("She can apply and be supported online"),
            "deadline": _("Application deadline"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "deadline": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eligible_countries"].choices = sorted(
            ((code, str(name)) for code, name in COUNTRY_NAMES.items()),
            key=lambda c: c[1].casefold(),
        )


FORMS: dict[str, type[CatalogItemForm]] = {
    "training": TrainingForm,
    "financing": FinancingSchemeForm,
}
MODELS: dict[str, type[Training] | type[FinancingScheme]] = {
    "training": Training,
    "financing": FinancingScheme,
}
