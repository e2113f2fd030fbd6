"""Skill names as people write them ("MS Excel", "Excel", "excel (advanced)") made comparable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Small, general aliases: the same tool written in different ways.
_ALIASES = {
    "ms": "microsoft",
    "js": "javascript",
    "nodejs": "node",
    "node js": "node",
    "office 365": "microsoft 365",
    "ms office": "microsoft office",
    "g suite": "google workspace",
    "ux": "user experience",
    "ui": "user interface",
}
_NON_WORD = re.compile(r"[^\w+#]+")
_BRACKETS = re.compile(r"\(.*?\)")


@lru_cache(maxsize=65536)  # the same few thousand names recur in every batch
def normalise_skill(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = _NON_WORD.sub(" ", _BRACKETS.sub(" ", text)).strip()
    if text in _ALIASES:
        return _ALIASES[text]
    return " ".join(_ALIASES.get(w, w) for w in text.split())


def skill_overlap(
    profile_skills: tuple[str, ...], opportunity_skills: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(her skill, its skill) pairs with the same normalised name, in the opportunity's order."""
    mine: dict[str, str] = {}
    for s in profile_skills:
        key = normalise_skill(s)
        if key:
            mine.setdefault(key, s)
    out = []
    seen = set()
    for s in opportunity_skills:
        key = normalise_skill(s)
        if key in mine and key not in seen:
            seen.add(key)
            out.append((mine[key], s))
    return out
