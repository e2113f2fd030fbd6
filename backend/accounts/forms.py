from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Role, User
from backend.accounts.services import SELF_SERVICE_ROLES

ROLE_HINTS = {
    Role.JOBSEEKER: _("I am looking for training or a job in the digital sector."),
    Role.ENTREPRENEUR: _("I run a business or want to start one, and need finance or advice."),
    Role.MENTOR: _("I want to guide a woman who is starting out."),
    Role.EMPLOYER: _("My organisation is hiring for digital roles."),
    Role.PROGRAMME: _("My organisation offers trainings or financing schemes."),
}


class RegisterForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        help_text=_("At least 8 characters. A short sentence is easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[(r.value, r.label) for r in Role if r in SELF_SERVICE_ROLES],
        widget=forms.RadioSelect,
    )
    display_name = forms.CharField(
        label=_("What should we call you?"),
        help_text=_("A first name or a nickname is enough."),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    organisation_name = forms.CharField(
        label=_("Organisation (employers and programmes)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def role_options(self) -> list[dict[str, object]]:
        """Each role with a one-line hint, so the choice is clear before she commits to it."""
        current = self["role"].value()
        return [
            {
                "value": value,
                "label": label,
                "hint": ROLE_HINTS.get(value, ""),
                "checked": value == current,
            }
            for value, label in self.fields["role"].choices
        ]


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class AccountForm(forms.Form):
    display_name = forms.CharField(
        label=_("Name to show"),
        help_text=_("Mentors and organisations see this name, never your email."),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of the site and of our emails"),
        choices=settings.LANGUAGES,
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        return password
