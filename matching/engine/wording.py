"""Reasons as data, and their English wording for the engine's own tests and evaluation.

The engine never words a reason for a reader: it returns a code and plain JSON params
(`reason("skills", verb_kind="job", skills=["SQL"])`); `matching.reasons` renders them in the
reader's language. `render_english` mirrors that wording in English, without Django.
"""

from __future__ import annotations

from collections.abc import Callable

from .filters import language_name
from .types import Reason, ReasonParam


def reason(code: str, **params: ReasonParam) -> Reason:
    return {"code": code, "params": dict(params)}


def unique(items: list[Reason]) -> list[Reason]:
    """Drops repeats, keeping the first; dicts are not hashable, so no dict.fromkeys."""
    out: list[Reason] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _names(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _eur(value: ReasonParam) -> str:
    return f"{value if isinstance(value, int) else 0:,} EUR"


def _text(value: ReasonParam) -> str:
    return "" if value is None else str(value)


def _list(value: ReasonParam) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


_SKILL_VERB = {
    "training": "teaches",
    "mentor": "can help with",
    "job": "asks for",
    "financing": "supports",
}
_HER_SKILL_VERB = {
    "training": "teach",
    "mentor": "help with",
    "job": "ask for",
    "financing": "support",
}


def _skills(p: dict[str, ReasonParam]) -> str:
    skills = _list(p.get("skills"))
    verb = _SKILL_VERB.get(_text(p.get("verb_kind")), "involves")
    what = "a skill" if len(skills) == 1 else "skills"
    return f"{verb} {_names(skills)}, which you list as {what}"


def _level_same(p: dict[str, ReasonParam]) -> str:
    return f"for {_text(p.get('level'))} level, like you"


def _level_role(p: dict[str, ReasonParam]) -> str:
    level = _text(p.get("level"))
    article = "an" if level[:1] in "aeiou" else "a"
    return f"{article} {level}-level role, like your experience"


_ENGLISH: dict[str, Callable[[dict[str, ReasonParam]], str]] = {
    # To her, about the opportunity.
    "field_goal": lambda p: f"close to your goal: “{_text(p.get('goal'))}”",
    "field_profile": lambda p: "close to what you wrote about yourself",
    "sector": lambda p: "aimed at businesses like yours",
    "skills": _skills,
    "level_open": lambda p: "open to all levels",
    "level_stage": lambda p: "for businesses at your stage",
    "level_same": _level_same,
    "level_role": _level_role,
    "level_up": lambda p: "one step above your level — a good stretch",
    "level_down": lambda p: "one step below your level — an easy start",
    "place_city": lambda p: f"in {_text(p.get('city'))}, where you live",
    "place_remote": lambda p: "remote — you can join from home",
    "language_apply": lambda p: f"you can apply in {language_name(_text(p.get('language')))}",
    "language_shared": lambda p: f"you both speak {language_name(_text(p.get('language')))}",
    "amount_fit": lambda p: (
        f"amounts from {_eur(p.get('min'))} to {_eur(p.get('max'))} fit your need of "
        f"{_eur(p.get('need'))}"
    ),
    # To her, what weakens or rules out the opportunity (filters).
    "language_gap": lambda p: (
        f"needs {language_name(_text(p.get('language')))} {_text(p.get('needed'))}; "
        f"you have {_text(p.get('have'))}"
    ),
    # A course that closes a language gap (her list of what the language level hides).
    "language_course": lambda p: (
        f"“{_text(p.get('title'))}” teaches {language_name(_text(p.get('language')))} "
        "and can help you get there"
    ),
    "language_unlisted": lambda p: (
        f"works in {_names([language_name(c) for c in _list(p.get('languages'))], 'or')}, "
        "which you did not list"
    ),
    "stage_only": lambda p: (
        f"only for businesses at the {' or '.join(_list(p.get('stages')))} stage"
    ),
    "country_closed": lambda p: "not open to businesses in your country",
    "amount_above": lambda p: (
        f"starts at {_eur(p.get('min'))}, above your need of {_eur(p.get('need'))}"
    ),
    "amount_below": lambda p: (
        f"goes up to {_eur(p.get('max'))}, below your need of {_eur(p.get('need'))}"
    ),
    "relocate": lambda p: f"in {_text(p.get('city'))} — you said you could move",
    "on_site_elsewhere": lambda p: f"on site in {_text(p.get('city'))}, not where you live",
    "schedule": lambda p: (
        " and ".join(s.replace("_", "-") for s in _list(p.get("schedule")))
        + " only — you said "
        + " and ".join(s.replace("_", "-") for s in _list(p.get("availability")))
    ),
    "hidden": lambda p: "you hid this one",
    "audience_only": lambda p: (
        "only for job seekers" if p.get("audience") == "jobseeker" else "only for entrepreneurs"
    ),
    "mentor_full": lambda p: "has no free place right now",
    "woman_mentor": lambda p: "you asked for a woman mentor",
    "no_childcare": lambda p: "no childcare offered",
    # To the provider, about her (explain_candidate).
    "her_goal": lambda p: f"her goal fits: “{_text(p.get('goal'))}”",
    "her_profile": lambda p: "her profile is close to what you offer",
    "her_skills": lambda p: (
        f"lists {_names(_list(p.get('skills')))}, which you "
        f"{_HER_SKILL_VERB.get(_text(p.get('verb_kind')), 'need')}"
    ),
    "her_level_same": lambda p: "at the level you aim at",
    "her_level_below": lambda p: "one step below your level — a good stretch for her",
    "her_level_above": lambda p: "more experienced than the role asks",
    "her_city": lambda p: f"lives in {_text(p.get('city'))}",
    "her_remote": lambda p: "open to taking part remotely",
    "her_language": lambda p: f"speaks {language_name(_text(p.get('language')))}",
    "her_amount": lambda p: f"needs {_eur(p.get('need'))}, within your range",
    "her_sector": lambda p: "her business is in the sector you support",
    "her_elsewhere": lambda p: (
        f"lives in {_text(p.get('city')) or 'another city'}, not {_text(p.get('place'))}"
    ),
    "her_schedule": lambda p: f"available {' and '.join(_list(p.get('availability')))} only",
    "her_childcare": lambda p: "needs childcare",
    "her_relocate": lambda p: f"would move from {_text(p.get('city')) or 'elsewhere'}",
    "her_amount_outside": lambda p: f"needs {_eur(p.get('need'))}, just outside your range",
    "her_language_gap": lambda p: (
        f"{language_name(_text(p.get('language')))} {_text(p.get('have'))}; "
        f"you ask for {_text(p.get('needed'))}"
    ),
}

CODES: frozenset[str] = frozenset(_ENGLISH)


def render_english(item: Reason | str) -> str:
    """English words for one reason; for the engine's tests and evaluation, not for readers."""
    if isinstance(item, str):
        return item
    words = _ENGLISH.get(item["code"])
    return words(item["params"]) if words else item["code"]
