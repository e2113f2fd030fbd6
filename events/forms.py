from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.catalog.forms import CatalogItemForm
from events.models import Role


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
        model = Role
        fields = (
            "title", "description", "skills", "city", "country", "remote", "level",
            "contract_type", "salary_min_eur", "salary_max_eur",
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
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].label = _("Skills needed")
