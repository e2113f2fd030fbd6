"""Template helpers for the web pages: optional links and local numbers.

A link whose URL name does not resolve renders as nothing, so the shared header never breaks a
page (the unread-chat badge is mentoring's own tag: mentoring_ui).
"""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import formats

register = template.Library()


@register.simple_tag
def first_url(*names: str) -> str:
    """The URL of the first of these names that exists, else ''."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@register.filter
def local_number(value: object, decimals: int | None = None) -> str:
    """A number with the active language's grouping and decimal separator (12 000 / 12,000)."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def percent(value: float | None) -> str:
    """A score in [0, 1] as a whole-number percentage in local digits."""
    if value is None:
        return ""
    return formats.number_format(round(float(value) * 100), use_l10n=True)


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    """mapping[key] in a template, '' when absent."""
    if not mapping:
        return ""
    return mapping.get(key, "")
