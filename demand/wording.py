"""Demand groups in the reader's language.

The engine (matching.engine.demand) returns what a group is as data: the group's facts and the
reasons its nearest offer misfits as codes with params. This words them with gettext in the
active language, like matching.reasons does for match reasons. Group labels (her skills and
goal words), cities and offer titles are data and stay as written. Rows stored before the
reasons were data hold plain English strings: those are shown as they are.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from demand.models import DemandGroup
from matching.engine.demand import REMOTE
from matching.reasons import join_words, language_name, render_reason

# One phrase per level rather than a level name in a slot: the words agree with "women".
_LEVEL_PEOPLE = {
    "beginner": gettext_lazy("beginners"),
    "intermediate": gettext_lazy("intermediate level"),
    "advanced": gettext_lazy("advanced level"),
}
_LEVEL_OFFER = {
    "beginner": gettext_lazy("beginner level"),
    "intermediate": gettext_lazy("intermediate level"),
    "advanced": gettext_lazy("advanced level"),
}
_LEVEL_THEY_ARE = {
    "beginner": gettext_lazy("they are beginners"),
    "intermediate": gettext_lazy("they are at intermediate level"),
    "advanced": gettext_lazy("they are at advanced level"),
}


def _who(size: int, place: str) -> str:
    if place == REMOTE:
        return ngettext("%(n)d woman, remote", "%(n)d women, remote", size) % {"n": size}
    if place:
        return ngettext("%(n)d woman in %(place)s", "%(n)d women in %(place)s", size) % {
            "n": size,
            "place": place,
        }
    return ngettext("%(n)d woman", "%(n)d women", size) % {"n": size}


def _wants(kind: str, field: str) -> str:
    words = {
        "training": _("want training in %(field)s"),
        "mentor": _("want a mentor in %(field)s"),
        "job": _("want jobs in %(field)s"),
        "financing": _("want finance in %(field)s"),
    }
    return words.get(kind, _("want %(field)s")) % {"field": field}


def _level_misfit(p: dict[str, Any]) -> str:
    offered = _LEVEL_OFFER.get(str(p.get("offered")), str(p.get("offered") or ""))
    theirs = _LEVEL_THEY_ARE.get(str(p.get("level")), str(p.get("level") or ""))
    return _("%(offered)s, %(they_are)s") % {"offered": offered, "they_are": theirs}


def _language_misfit(p: dict[str, Any]) -> str:
    codes = p.get("languages") if isinstance(p.get("languages"), list) else []
    names = [language_name(c) for c in codes or []]
    return pgettext("offer language", "in %(languages)s") % {
        "languages": join_words(names, last="or")
    }


def why_text(item: Any) -> str:
    """One reason the nearest offer misfits, in the active language ("" if unknown)."""
    if isinstance(item, str):
        return item
    if not isinstance(item, dict) or not isinstance(item.get("params"), dict):
        return ""
    code, params = item.get("code"), item["params"]
    if code == "demand_level":
        return _level_misfit(params)
    if code == "demand_language":
        return _language_misfit(params)
    if code == "demand_place":
        return _("on site in %(city)s") % {"city": str(params.get("city") or "")}
    return render_reason(item)


def why_texts(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    return [text for text in (why_text(i) for i in items) if text]


def level_name(level: str) -> str:
    return str(_LEVEL_PEOPLE.get(level, level))


def place_name(place: str) -> str:
    return _("Remote") if place == REMOTE else place


def group_name(group: DemandGroup) -> str:
    return group.label or _("Unnamed group")


def group_sentence(group: DemandGroup) -> str:
    """The sentence a programme manager reads, worded from the group's stored facts."""
    parts = [_who(group.size, group.place)]
    languages = [language_name(c) for c in group.languages if isinstance(c, str)]
    if languages:
        parts.append(join_words(languages, last="or"))
    if group.level:
        parts.append(str(_LEVEL_PEOPLE.get(group.level, group.level)))
    parts.append(_wants(group.kind, group.label or _("their field")))
    text = pgettext("list separator", ", ").join(parts)
    if not group.nearest_title:
        return _("%(group)s; there is no offer of this kind yet") % {"group": text}
    why = why_texts(group.nearest_why)
    if why:
        return _("%(group)s; the nearest offer is %(offer)s (%(why)s)") % {
            "group": text,
            "offer": group.nearest_title,
            "why": pgettext("reasons separator", "; ").join(why),
        }
    return _("%(group)s; the nearest offer is %(offer)s") % {
        "group": text,
        "offer": group.nearest_title,
    }
