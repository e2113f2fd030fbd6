from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.models import REQUEST_MESSAGE_MAX


class MentorshipRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A short message to the mentor"),
        max_length=REQUEST_MESSAGE_MAX,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
