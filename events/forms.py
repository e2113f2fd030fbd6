from django import forms
from django.utils.translation import gettext_lazy as _


class ApplicationForm(forms.Form):
    note = forms.CharField(
        label=_("A short note to the employer (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
