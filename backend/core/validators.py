"""Validators shared by models, forms and serializers, so every entry point rejects the same input."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backend.core.codes import COUNTRY_CODES, LANGUAGE_CODES, LANGUAGE_LEVELS

# Control characters break PostgreSQL (NUL) and terminals; tabs and newlines are fine in prose.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_plain_text(value: str) -> None:
    if value and _CONTROL_CHARS.search(value):
        raise ValidationError(_("Text contains control characters that cannot be stored."))


def validate_language_code(code: object) -> None:
    if not isinstance(code, str) or code not in LANGUAGE_CODES:
        raise ValidationError(
            _("Unknown language code %(code)r (use ISO 639-1, e.g. 'en', 'ar').") % {"code": code}
        )


def validate_country_code(code: object) -> None:
    if not isinstance(code, str) or code not in COUNTRY_CODES:
        raise ValidationError(
            _("Unknown country code %(code)r (use ISO 3166-1, e.g. 'DE', 'GR').") % {"code": code}
        )


def validate_country_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of country codes."))
    for code in value:
        validate_country_code(code)


def validate_languages(value: object) -> None:
    """A list of {"code": ISO 639-1, "level": CEFR level or "native"}, each code once."""
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of languages."))
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, dict) or set(item) - {"code", "level"} or "code" not in item:
            raise ValidationError(_("Each language needs a 'code' and optionally a 'level'."))
        validate_language_code(item["code"])
        level = item.get("level")
        if level is not None and level not in LANGUAGE_LEVELS:
            raise ValidationError(
                _("Unknown language level %(level)r (use A1-C2 or 'native').") % {"level": level}
            )
        if item["code"] in seen:
            raise ValidationError(_("Language %(code)r is listed twice.") % {"code": item["code"]})
        seen.add(item["code"])


def validate_choice_list(value: object, allowed: Iterable[str], what: str) -> None:
    allowed_set = set(allowed)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Expected a list of %(what)s.") % {"what": what})
    unknown = [v for v in value if v not in allowed_set]
    if unknown:
        raise ValidationError(
            _("Unknown %(what)s: %(unknown)s (allowed: %(allowed)s).")
            % {
                "what": what,
                "unknown": ", ".join(unknown),
                "allowed": ", ".join(sorted(allowed_set)),
            }
        )


def validate_skill_list(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Expected a list of skill names."))
    if len(value) > 50:
        raise ValidationError(_("At most 50 skills."))
    for skill in value:
        if len(skill) > 80:
            raise ValidationError(_("A skill name may be at most 80 characters."))
        validate_plain_text(skill)


def validate_city_has_country(city: str, country: str) -> None:
    """A city name alone is ambiguous (there are several Alexandrias): it needs its country."""
    if city and not country:
        raise ValidationError({"country": _("A city needs a country.")})
