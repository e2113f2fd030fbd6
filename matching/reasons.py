"""Match reasons in the reader's language.

The engine stores reasons as data ({"code": "skills", "params": {...}}, see
matching.engine.wording); this words them with gettext in the active language. Skill names,
cities and her own goal are data and stay as written. Rows stored before reasons were data hold
plain English strings: those are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf.locale import LANG_INFO
from django.utils.formats import number_format
from django.utils.translation import (
    get_language,
    gettext_lazy,
    ngettext,
    pgettext,
    pgettext_lazy,
)
from django.utils.translation import gettext as _

from backend.core.choices import TimeSlot
from matching.engine.filters import LANGUAGE_NAMES

Params = Mapping[str, Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def join_words(items: list[str], *, last: str = "and") -> str:
    """ "A, B and C" with the separator and conjunction of the active language."""
    if len(items) <= 1:
        return "".join(items)
    head = pgettext("list separator", ", ").join(items[:-1])
    if last == "or":
        return _("%(items)s or %(last)s") % {"items": head, "last": items[-1]}
    return _("%(items)s and %(last)s") % {"items": head, "last": items[-1]}


_SMALL_LANGUAGE_NAMES = frozenset({"fr", "uk", "es", "it", "pt", "ru", "pl"})


def language_name(code: Any) -> str:
    """A language's name in the active language; Django's catalogue names most of them."""
    key = _text(code).lower()
    info = LANG_INFO.get(key)
    english = info["name"] if info and "name" in info else LANGUAGE_NAMES.get(key, key)
    # The names are msgids of Django's catalogue or of ours (profiles.forms); not literals here.
    name = _(english) if english else key
    # Catalogues capitalise names for menus; inside a sentence these languages write them small.
    if (get_language() or "").split("-")[0] in _SMALL_LANGUAGE_NAMES:
        name = name[:1].lower() + name[1:]
    return name


def _eur(value: Any) -> str:
    amount = number_format(value if isinstance(value, int) else 0, force_grouping=True)
    return _("%(amount)s EUR") % {"amount": amount}


def _cefr(value: Any) -> str:
    level = _text(value)
    return pgettext("language level", "native") if level.lower() == "native" else level


def _slots(value: Any) -> str:
    names = []
    for slot in _list(value):
        label = str(TimeSlot(slot).label) if slot in TimeSlot.values else slot
        # The labels start a line in forms; here they run inside a sentence.
        names.append(label[:1].lower() + label[1:])
    return join_words(names)


_STAGES = {
    "idea": pgettext_lazy("business stage", "idea"),
    "early": pgettext_lazy("business stage", "early"),
    "growth": pgettext_lazy("business stage", "growth"),
}

# One sentence per level rather than a level name in a slot: level words agree in gender and
# case with the noun around them in French, Arabic and Ukrainian.
_LEVEL_SAME = {
    "beginner": gettext_lazy("for beginner level, like you"),
    "intermediate": gettext_lazy("for intermediate level, like you"),
    "advanced": gettext_lazy("for advanced level, like you"),
}
_LEVEL_ROLE = {
    "beginner": gettext_lazy("a beginner-level role, like your experience"),
    "intermediate": gettext_lazy("an intermediate-level role, like your experience"),
    "advanced": gettext_lazy("an advanced-level role, like your experience"),
}


def _skills(p: Params) -> str:
    skills = _list(p.get("skills"))
    n, names = len(skills), {"skills": join_words(skills)}
    kind = p.get("verb_kind")
    if kind == "training":
        return (
            ngettext(
                "teaches %(skills)s, which you list as a skill",
                "teaches %(skills)s, which you list as skills",
                n,
            )
            % names
        )
    if kind == "mentor":
        return (
            ngettext(
                "can help with %(skills)s, which you list as a skill",
                "can help with %(skills)s, which you list as skills",
                n,
            )
            % names
        )
    if kind == "job":
        return (
            ngettext(
                "asks for %(skills)s, which you list as a skill",
                "asks for %(skills)s, which you list as skills",
                n,
            )
            % names
        )
    if kind == "financing":
        return (
            ngettext(
                "supports %(skills)s, which you list as a skill",
                "supports %(skills)s, which you list as skills",
                n,
            )
            % names
        )
    return (
        ngettext(
            "involves %(skills)s, which you list as a skill",
            "involves %(skills)s, which you list as skills",
            n,
        )
        % names
    )


def _her_skills(p: Params) -> str:
    names = {"skills": join_words(_list(p.get("skills")))}
    kind = p.get("verb_kind")
    if kind == "training":
        return _("lists %(skills)s, which you teach") % names
    if kind == "mentor":
        return _("lists %(skills)s, which you help with") % names
    if kind == "job":
        return _("lists %(skills)s, which you ask for") % names
    if kind == "financing":
        return _("lists %(skills)s, which you support") % names
    return _("lists %(skills)s, which you need") % names


def _level_same(p: Params) -> str:
    return str(_LEVEL_SAME.get(_text(p.get("level")), _("at your level, like you")))


def _level_role(p: Params) -> str:
    return str(_LEVEL_ROLE.get(_text(p.get("level")), _("a role at your level of experience")))


def _audience(p: Params) -> str:
    if p.get("audience") == "jobseeker":
        return _("only for job seekers")
    return _("only for entrepreneurs")


def _stage_only(p: Params) -> str:
    stages = [str(_STAGES.get(s, s)) for s in _list(p.get("stages"))]
    return _("only for businesses at the %(stages)s stage") % {
        "stages": join_words(stages, last="or")
    }


def _her_elsewhere(p: Params) -> str:
    if p.get("city"):
        return _("lives in %(city)s, not %(place)s") % {
            "city": _text(p.get("city")),
            "place": _text(p.get("place")),
        }
    return _("lives in another city, not %(place)s") % {"place": _text(p.get("place"))}


def _her_relocate(p: Params) -> str:
    if p.get("city"):
        return _("would move from %(city)s") % {"city": _text(p.get("city"))}
    return _("would move from elsewhere")


_WORDS: dict[str, Callable[[Params], str]] = {
    # To her, about the opportunity.
    "field_goal": lambda p: _("close to your goal: “%(goal)s”") % {"goal": _text(p.get("goal"))},
    "field_profile": lambda p: _("close to what you wrote about yourself"),
    "sector": lambda p: _("aimed at businesses like yours"),
    "skills": _skills,
    "level_open": lambda p: _("open to all levels"),
    "level_stage": lambda p: _("for businesses at your stage"),
    "level_same": _level_same,
    "level_role": _level_role,
    "level_up": lambda p: _("one step above your level — a good stretch"),
    "level_down": lambda p: _("one step below your level — an easy start"),
    "place_city": lambda p: _("in %(city)s, where you live") % {"city": _text(p.get("city"))},
    "place_remote": lambda p: _("remote — you can join from home"),
    "language_apply": lambda p: (
        _("you can apply in %(language)s") % {"language": language_name(p.get("language"))}
    ),
    "language_shared": lambda p: (
        _("you both speak %(language)s") % {"language": language_name(p.get("language"))}
    ),
    "amount_fit": lambda p: (
        _("amounts from %(min)s to %(max)s fit your need of %(need)s")
        % {"min": _eur(p.get("min")), "max": _eur(p.get("max")), "need": _eur(p.get("need"))}
    ),
    # To her, what weakens or rules out the opportunity.
    "language_gap": lambda p: (
        _("needs %(language)s %(needed)s; you have %(have)s")
        % {
            "language": language_name(p.get("language")),
            "needed": _cefr(p.get("needed")),
            "have": _cefr(p.get("have")),
        }
    ),
    "language_course": lambda p: (
        _("“%(title)s” teaches %(language)s and can help you get there")
        % {"title": _text(p.get("title")), "language": language_name(p.get("language"))}
    ),
    "language_unlisted": lambda p: (
        _("works in %(languages)s, which you did not list")
        % {
            "languages": join_words(
                [language_name(c) for c in _list(p.get("languages"))], last="or"
            )
        }
    ),
    "stage_only": _stage_only,
    "country_closed": lambda p: _("not open to businesses in your country"),
    "amount_above": lambda p: (
        _("starts at %(min)s, above your need of %(need)s")
        % {"min": _eur(p.get("min")), "need": _eur(p.get("need"))}
    ),
    "amount_below": lambda p: (
        _("goes up to %(max)s, below your need of %(need)s")
        % {"max": _eur(p.get("max")), "need": _eur(p.get("need"))}
    ),
    "relocate": lambda p: (
        _("in %(city)s — you said you could move") % {"city": _text(p.get("city"))}
    ),
    "on_site_elsewhere": lambda p: (
        _("on site in %(city)s, not where you live") % {"city": _text(p.get("city"))}
    ),
    "schedule": lambda p: (
        _("%(when)s only — you said %(hers)s")
        % {"when": _slots(p.get("schedule")), "hers": _slots(p.get("availability"))}
    ),
    "hidden": lambda p: _("you hid this one"),
    "audience_only": _audience,
    "mentor_full": lambda p: _("has no free place right now"),
    "woman_mentor": lambda p: _("you asked for a woman mentor"),
    "no_childcare": lambda p: _("no childcare offered"),
    # To her only, never stored: her self-declared right to work (Match.reasons_for_her).
    "right_to_work": lambda p: (
        _("you said your right to work here is pending: ask whether they can wait for it")
        if p.get("status") == "pending"
        else _("you are not sure of your right to work here: an adviser can help you check")
    ),
    # To the employer, mentor or programme, about her.
    "her_goal": lambda p: _("her goal fits: “%(goal)s”") % {"goal": _text(p.get("goal"))},
    "her_profile": lambda p: _("her profile is close to what you offer"),
    "her_skills": _her_skills,
    "her_level_same": lambda p: _("at the level you aim at"),
    "her_level_below": lambda p: _("one step below your level — a good stretch for her"),
    "her_level_above": lambda p: _("more experienced than the role asks"),
    "her_city": lambda p: _("lives in %(city)s") % {"city": _text(p.get("city"))},
    "her_remote": lambda p: _("open to taking part remotely"),
    "her_language": lambda p: (
        _("speaks %(language)s") % {"language": language_name(p.get("language"))}
    ),
    "her_amount": lambda p: _("needs %(need)s, within your range") % {"need": _eur(p.get("need"))},
    "her_sector": lambda p: _("her business is in the sector you support"),
    "her_elsewhere": _her_elsewhere,
    "her_schedule": lambda p: (
        _("available %(when)s only") % {"when": _slots(p.get("availability"))}
    ),
    "her_childcare": lambda p: _("needs childcare"),
    "her_relocate": _her_relocate,
    "her_amount_outside": lambda p: (
        _("needs %(need)s, just outside your range") % {"need": _eur(p.get("need"))}
    ),
    "her_language_gap": lambda p: (
        _("%(language)s %(have)s; you ask for %(needed)s")
        % {
            "language": language_name(p.get("language")),
            "have": _cefr(p.get("have")),
            "needed": _cefr(p.get("needed")),
        }
    ),
    # A plain string kept as data (rows stored before reasons were codes, see as_code).
    "text": lambda p: _text(p.get("text")),
}

CODES: frozenset[str] = frozenset(_WORDS)


def as_code(reason: Any) -> dict[str, Any]:
    """The stored reason as {"code", "params"}; an old plain string becomes code "text"."""
    if isinstance(reason, Mapping) and isinstance(reason.get("code"), str):
        params = reason.get("params")
        return {
            "code": reason["code"],
            "params": dict(params) if isinstance(params, Mapping) else {},
        }
    return {"code": "text", "params": {"text": _text(reason)}}


def render_reason(reason: Any) -> str:
    """One reason in the active language; "" for a code this version does not know."""
    if isinstance(reason, str):
        return reason
    if not isinstance(reason, Mapping):
        return ""
    item = as_code(reason)
    words = _WORDS.get(item["code"])
    if words is None:
        return ""
    try:
        return words(item["params"])
    except (KeyError, TypeError, ValueError):  # malformed stored params must not break a page
        return ""


def render_reasons(reasons: Any) -> list[str]:
    """The stored list in the active language, dropping what cannot be worded."""
    if not isinstance(reasons, list):
        return []
    return [text for text in (render_reason(r) for r in reasons) if text]
