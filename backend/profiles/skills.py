"""The skill vocabulary: map what women type ("MS Excel", "excel ") to one canonical name."""

import re

from backend.profiles.models import Skill

_SPACES = re.compile(r"\s+")


def skill_key(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def skills_normalise(names: list[str]) -> list[str]:
    """Canonical names for known skills (by name or alias), cleaned free text for the rest; no repeats."""
    keys = [skill_key(n) for n in names if skill_key(n)]
    canonical: dict[str, str] = {}
    if keys:
        for skill in Skill.objects.all().only("name", "aliases"):
            canonical[skill_key(skill.name)] = skill.name
            for alias in skill.aliases:
                canonical.setdefault(skill_key(alias), skill.name)
    result: list[str] = []
    seen: set[str] = set()
    for name in names:
        key = skill_key(name)
        if not key:
            continue
        value = canonical.get(key, _SPACES.sub(" ", name).strip())
        if skill_key(value) not in seen:
            seen.add(skill_key(value))
            result.append(value)
    return result


def skills_suggest(*, query: str, limit: int = 10) -> list[str]:
    query = skill_key(query)
    qs = Skill.objects.filter(curated=True)
    if query:
        qs = qs.filter(name__icontains=query)
    return list(qs.order_by("name").values_list("name", flat=True)[:limit])
