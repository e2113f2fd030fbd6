"""`{{ match.reasons|reason_texts }}`, `{{ reason|reason_text }}`: reasons in the page's language."""

from __future__ import annotations

from typing import Any

from django import template

from matching.reasons import render_reason, render_reasons

register = template.Library()


@register.filter
def reason_texts(reasons: Any) -> list[str]:
    return render_reasons(reasons)


@register.filter
def reason_text(reason: Any) -> str:
    return render_reason(reason)
