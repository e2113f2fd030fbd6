"""The onboarding steps: one small form per step, each a plain POST that works without JavaScript.

Each form knows which profile fields it edits (`service_fields`), so a step never blanks what
another step wrote: profiles.services.profile_update receives only that step's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Role
from backend.core.choices import BusinessStage, DigitalLevel, TimeSlot
from backend.core.codes import COUNTRY_CODES, LANGUAGE_CODES, LANGUAGE_LEVELS
from backend.profiles.models import (
    SHAREABLE_FIELDS,
    MentorGender,
    MentorProfile,
    Profile,
    RightToWork,
)
from backend.profiles.skills import skills_suggest

SHARE_LABELS = {
    "display_name": _("Your name"),
    "bio": _("About you"),
    "goals": _("Your goals"),
    "skills": _("Your skills"),
    "languages": _("Your languages"),
    "city": _("Your city"),
    "digital_level": _("Your digital level"),
    "availability": _("When you can take part"),
}
assert set(SHARE_LABELS) == set(SHAREABLE_FIELDS)

# Countries where RIDE and EMEN work and their neighbours; anything else she already has is kept.
COUNTRY_NAMES = {
    "AL": _("Albania"), "AT": _("Austria"), "BA": _("Bosnia and Herzegovina"),
    "BE": _("Belgium"), "BG": _("Bulgaria"), "CH": _("Switzerland"), "CY": _("Cyprus"),
    "CZ": _("Czechia"), "DE": _("Germany"), "DK": _("Denmark"), "EE": _("Estonia"),
    "ES": _("Spain"), "FI": _("Finland"), "FR": _("France"), "GB": _("United Kingdom"),
    "GR": _("Greece"), "HR": _("Croatia"), "HU": _("Hungary"), "IE": _("Ireland"),
    "IS": _("Iceland"), "IT": _("Italy"), "LT": _("Lithuania"), "LU": _("Luxembourg"),
    "LV": _("Latvia"), "MD": _("Moldova"), "ME": _("Montenegro"), "MK": _("North Macedonia"),
    "MT": _("Malta"), "NL": _("Netherlands"), "NO": _("Norway"), "PL": _("Poland"),
    "PT": _("Portugal"), "RO": _("Romania"), "RS": _("Serbia"), "SE": _("Sweden"),
    "SI": _("Slovenia"), "SK": _("Slovakia"), "TR": _("Türkiye"), "UA": _("Ukraine"),
}  # fmt: skip

# Languages many women on Pathways speak that Django has no name for.
EXTRA_LANGUAGE_NAMES = {
    "am": _("Amharic"), "ff": _("Fula"), "ha": _("Hausa"), "ku": _("Kurdish"),
    "ln": _("Lingala"), "om": _("Oromo"), "ps": _("Pashto"), "so": _("Somali"),
    "ti": _("Tigrinya"), "wo": _("Wolof"), "yo": _("Yoruba"),
}  # fmt: skip

LEVEL_LABELS = {
    "A1": _("A1 — a few words"),
    "A2": _("A2 — simple conversations"),
    "B1": _("B1 — everyday conversations"),
    "B2": _("B2 — work conversations"),
    "C1": _("C1 — fluent"),
    "C2": _("C2 — like a native speaker"),
    "native": _("Native language"),
}

# Offered when the curated skill vocabulary is still empty (a fresh install).
COMMON_SKILLS = [
    "Excel", "Customer service", "Social media", "Data entry", "HTML", "CSS", "JavaScript",
    "Python", "SQL", "Graphic design", "Bookkeeping", "Digital marketing", "Project management",
    "Translation", "Teaching", "Sales",
]  # fmt: skip


def language_choices() -> list[tuple[str, str]]:
    """Every language code she may pick, named in the interface language, sorted by that name."""
    names: list[tuple[str, str]] = []
    for code in LANGUAGE_CODES:
        info = LANG_INFO.get(code)
        if info and "name" in info:
            label = gettext(info["name"])
            if info.get("name_local") and info["name_local"] != label:
                label = f"{label} ({info['name_local']})"
        elif code in EXTRA_LANGUAGE_NAMES:
            label = str(EXTRA_LANGUAGE_NAMES[code])
        else:
            continue  # obscure codes without a name would only confuse
        names.append((code, label))
    names.sort(key=lambda item: item[1].casefold())
    return [("", _("— choose a language —")), *names]


def country_choices(current: str = "") -> list[tuple[str, str]]:
    choices = sorted(
        ((code, str(name)) for code, name in COUNTRY_NAMES.items()), key=lambda c: c[1].casefold()
    )
    if current and current not in COUNTRY_NAMES and current in COUNTRY_CODES:
        choices.append((current, current))
    return [("", _("— choose a country —")), *choices]


def suggested_skills(
    *, query: str = "", exclude: list[str] | None = None, limit: int = 12
) -> list[str]:
    have = {s.casefold() for s in exclude or []}
    names = skills_suggest(query=query, limit=limit + len(have))
    if not names and not query:
        names = COMMON_SKILLS
    elif not names:
        names = [s for s in COMMON_SKILLS if query.casefold() in s.casefold()]
    return [n for n in names if n.casefold() not in have][:limit]


class StepForm(forms.Form):
    """A step edits some profile fields; `service_fields` are exactly what it sends to the service."""

    fields_edited: tuple[str, ...] = ()

    def __init__(self, *args: Any, profile: Profile, **kwargs: Any) -> None:
        self.profile = profile
        kwargs.setdefault("initial", {name: getattr(profile, name) for name in self.fields_edited})
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def is_entrepreneur(self) -> bool:
        return self.profile.user.role == Role.ENTREPRENEUR

    def service_fields(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.fields_edited
            if name in self.cleaned_data
        }

    def error_target(self, field: str | None) -> str | None:
        """Where a service error about `field` shows on this form (None: at the top)."""
        return field if field in self.fields else None


class AboutForm(StepForm):
    fields_edited = ("bio", "goals", "business_stage", "funding_need_eur")

    bio = forms.CharField(
        label=_("Tell us about yourself"),
        help_text=_(
            "In your own words and in any language: what you did before, what you like doing, "
            "what you are good at."
        ),
        widget=forms.Textarea(attrs={"rows": 7}),
        max_length=10000,
        required=False,
    )
    goals = forms.CharField(
        label=_("What do you want to do next?"),
        help_text=_("For example: “find a job in web design” or “get a loan for my shop”."),
        max_length=500,
        required=False,
    )
    business_stage = forms.ChoiceField(
        label=_("Where is your business now?"),
        choices=BusinessStage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    funding_need_eur = forms.IntegerField(
        label=_("How much money do you need, in euros?"),
        help_text=_("An estimate is fine. Leave it empty if you do not know yet."),
        min_value=0,
        max_value=100_000_000,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_entrepreneur:
            # A job seeker has no business: collecting less is kinder and simpler.
            del self.fields["business_stage"]
            del self.fields["funding_need_eur"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("bio") or "").strip() and not (data.get("goals") or "").strip():
            raise forms.ValidationError(
                _("Write a few words about yourself or about what you want: we match on them.")
            )
        return data


class SkillsForm(StepForm):
    fields_edited = ("skills", "digital_level")

    skills_text = forms.CharField(
        label=_("Your skills"),
        help_text=_("Separate them with commas, e.g. Excel, customer service, cooking."),
        max_length=2000,
        required=False,
    )
    suggested = forms.MultipleChoiceField(
        label=_("Add skills from the list"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digital_level = forms.ChoiceField(
        label=_("How do you use computers and phones today?"),
        choices=[
            (DigitalLevel.BEGINNER, _("Beginner — I use a phone and messaging apps")),
            (
                DigitalLevel.INTERMEDIATE,
                _("Intermediate — I use email, documents and spreadsheets"),
            ),
            (DigitalLevel.ADVANCED, _("Advanced — I build websites, work with data or write code")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills_text"].initial = ", ".join(self.profile.skills)
        # Any curated name is accepted on POST, so a suggestion fetched by search can be ticked.
        offered = suggested_skills(exclude=self.profile.skills)
        posted = self.data.getlist("suggested") if hasattr(self.data, "getlist") else []
        self.fields["suggested"].choices = [(s, s) for s in dict.fromkeys([*offered, *posted])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        typed = [s.strip() for s in (data.get("skills_text") or "").split(",") if s.strip()]
        data["skills"] = [*typed, *data.get("suggested", [])]
        if len(data["skills"]) > 50:
            raise forms.ValidationError(_("At most 50 skills."))
        return data

    def error_target(self, field: str | None) -> str | None:
        return "skills_text" if field == "skills" else super().error_target(field)


class LanguageRowsMixin:
    """Plain selects for languages with levels: one row per language already listed, plus empty
    rows to add more. `clean_language_rows` turns them into [{"code", "level"}]."""

    fields: dict[str, forms.Field]
    language_rows: int

    def add_language_rows(self, existing: list[dict[str, Any]], extra: int = 1) -> None:
        self.language_rows = max(3, len(existing) + extra)
        codes = language_choices()
        levels = [("", _("— level —")), *((lv, LEVEL_LABELS[lv]) for lv in LANGUAGE_LEVELS)]
        for i in range(self.language_rows):
            item = existing[i] if i < len(existing) else {}
            self.fields[f"lang_{i}"] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i + 1}, choices=codes, required=False,
                initial=item.get("code", ""),
            )  # fmt: skip
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("Level of language %(n)s") % {"n": i + 1}, choices=levels, required=False,
                initial=item.get("level") or "",
            )  # fmt: skip

    def error_target(self, field: str | None) -> str | None:
        """A service error about the languages shows on the first language row."""
        if field == "languages":
            return "lang_0"
        return field if field in self.fields else None

    def language_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"lang_{i}"], self[f"level_{i}"]) for i in range(self.language_rows)]  # type: ignore[index]

    def clean_language_rows(
        self, data: dict[str, Any], *, required: bool, missing: str | None = None
    ) -> list[dict[str, Any]]:
        languages: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i in range(self.language_rows):
            code, level = data.get(f"lang_{i}") or "", data.get(f"level_{i}") or ""
            if not code:
                if level:
                    self.add_error(f"lang_{i}", _("Choose the language for this level."))  # type: ignore[attr-defined]
                continue
            if code in seen:
                self.add_error(f"lang_{i}", _("You chose this language twice."))  # type: ignore[attr-defined]
                continue
            seen.add(code)
            languages.append({"code": code, "level": level or None})
        if required and not languages:
            self.add_error("lang_0", missing or _("Add at least one language."))  # type: ignore[attr-defined]
        return languages


class PlaceForm(LanguageRowsMixin, StepForm):
    fields_edited = (
        "languages", "city", "country", "open_to_remote", "willing_to_relocate", "availability",
        "needs_childcare", "right_to_work",
    )  # fmt: skip

    city = forms.CharField(label=_("City or town where you live"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    open_to_remote = forms.BooleanField(
        label=_("I can work or learn online from home"), required=False
    )
    willing_to_relocate = forms.BooleanField(
        label=_("I could move to another city for the right opportunity"), required=False
    )
    availability = forms.MultipleChoiceField(
        label=_("When can you take part?"),
        choices=TimeSlot.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_childcare = forms.BooleanField(
        label=_("I need childcare to take part"),
        help_text=_("We use it to show you trainings and events that offer it."),
        required=False,
    )
    right_to_work = forms.ChoiceField(
        label=_("Are you allowed to work in this country?"),
        help_text=_("Optional. Only used to explain your matches; never shown to anyone."),
        choices=[("", _("I prefer not to say")), *RightToWork.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(self.profile.country)
        if self.is_entrepreneur:
            del self.fields["right_to_work"]
        # One row per language she has, plus empty ones to add more, as plain selects.
        self.add_language_rows(list(self.profile.languages))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["languages"] = self.clean_language_rows(
            data, required=True, missing=_("Add at least one language you speak.")
        )
        if data.get("city", "").strip() and not data.get("country"):
            self.add_error("country", _("Choose the country of this city."))
        return data


class ConsentForm(StepForm):
    fields_edited = (
        "employers_can_view", "shared_fields", "mentors_can_view", "prefers_woman_mentor",
    )  # fmt: skip

    employers_can_view = forms.BooleanField(
        label=_("Employers may find my profile"),
        help_text=_(
            "Verified employers at job fairs can see you as a candidate. You choose what they see "
            "below, and you can stop this at any time."
        ),
        required=False,
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("What employers may see"),
        help_text=_("Your email and your exact address are never shown."),
        choices=list(SHARE_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mentors_can_view = forms.BooleanField(
        label=_("Mentors may find my profile"),
        help_text=_(
            "Mentors can see you among the women they could help, with only what you chose to "
            "share above. Without this, a mentor sees you only after you ask her or him."
        ),
        required=False,
    )
    prefers_woman_mentor = forms.BooleanField(
        label=_("I would prefer a woman as my mentor"), required=False
    )


def split_list(text: str) -> list[str]:
    """'Excel, SQL ,, data' -> ['Excel', 'SQL', 'data']."""
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class MentorProfileForm(LanguageRowsMixin, forms.ModelForm):
    """The mentor's own profile; writes go through profiles.services.mentor_profile_update."""

    expertise = forms.CharField(
        label=_("What you can help with"),
        help_text=_("Separate with commas, for example: Excel, CV writing, starting a business."),
        max_length=1000,
        required=False,
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    class Meta:
        model = MentorProfile
        fields = (
            "headline", "bio", "expertise", "city", "country", "remote", "capacity",
            "available", "gender", "gender_description",
        )  # fmt: skip
        labels = {
            "headline": _("Headline"),
            "bio": _("About you"),
            "city": _("City or town"),
            "remote": _("I can mentor online"),
            "capacity": _("How many mentees you can take at once"),
            "available": _("I am taking new mentees"),
            "gender": _("Gender (optional)"),
            "gender_description": _("In your own words (optional)"),
        }
        help_texts = {
            "headline": _("One line, for example: Data analyst, ten years in retail."),
            "gender": _("Some women prefer a woman mentor; you may leave it empty."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.initial["expertise"] = ", ".join(self.instance.expertise or [])
        self.fields["country"].choices = country_choices(self.instance.country)
        self.fields["gender"].choices = [("", _("I prefer not to say")), *MentorGender.choices]
        self.add_language_rows(list(self.instance.languages or []))

    def clean_expertise(self) -> list[str]:
        return split_list(self.cleaned_data.get("expertise") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["languages"] = self.clean_language_rows(data, required=True)
        if (data.get("city") or "").strip() and not data.get("country"):
            self.add_error("country", _("Choose the country of this city."))
        if data.get("gender") != MentorGender.SELF_DESCRIBED:
            data["gender_description"] = ""
        return data

    def _post_clean(self) -> None:
        # The service validates and saves; the form must not touch the instance first, so a
        # refused change leaves the stored profile as it was.
        pass

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in (*self.Meta.fields, "languages")}
