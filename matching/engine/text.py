"""Turn profiles and opportunities into the texts the encoder sees.

A profile gives two texts. "full" is everything she wrote (bio, goals, skills); bios are noisy
(past jobs back home, family, volunteering), so a second, "focus" text keeps only what she aims
at and can do (goals and skills). Scoring uses both: "full" catches fields she only describes
in the bio, "focus" keeps a nurse-turned-web-developer from matching nursing.
"""

from __future__ import annotations

import re

from .types import OpportunityData, ProfileData

_SPACES = re.compile(r"\s+")
# Sentence ends in the scripts bios are written in (Latin, Cyrillic, Arabic).
_SENTENCE_END = re.compile(r"(?<=[.!?؟…。])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text or "")) if s]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _sentence(text: str) -> str:
    text = _clean(text)
    if text and text[-1] not in ".!?…؟":
        text += "."
    return text


def _skills(skills: tuple[str, ...]) -> str:
    names = [_clean(s) for s in skills if _clean(s)]
    return "Skills: " + ", ".join(names) + "." if names else ""


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def profile_text(profile: ProfileData) -> str:
    return _join(_sentence(profile.bio), _sentence(profile.goals), _skills(profile.skills))


def profile_focus_text(profile: ProfileData) -> str:
    focus = _join(_sentence(profile.goals), _skills(profile.skills))
    # With neither goals nor skills the bio is all there is.
    return focus or _sentence(profile.bio)


def opportunity_text(opportunity: OpportunityData) -> str:
    return _join(
        _sentence(opportunity.title),
        _sentence(opportunity.description),
        _skills(opportunity.skills),
    )


def opportunity_focus_text(opportunity: OpportunityData) -> str:
    return _join(_sentence(opportunity.title), _skills(opportunity.skills))


def opportunity_sentences(opportunity: OpportunityData) -> list[str]:
    """Description sentences, each encoded on its own.

    A financing scheme's description is mostly boilerplate (amounts, deadlines, languages); the
    one sentence that names the sector it funds gets drowned in a whole-text embedding.
    """
    return split_sentences(opportunity.description) or [_sentence(opportunity.title) or "."]
