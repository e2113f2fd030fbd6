"""Hard constraints: what a woman must never be shown, and what may only trail at the bottom.

`check(profile, opportunity)` returns a `FilterResult`:
- `allowed` False: left out of her matches (no shared workable language, wrong audience, full
  mentor, blocked, financing she is not eligible for...). `notes` say why, so a caller can
  explain a gap ("needs German B2; you have A1") and suggest a language course.
- `weak` True: kept but ranked below every normal match (graders call such items "at most
  marginal": on site in another city, a scheme she cannot apply for in her languages).
- `penalties`: things that lower the score without excluding (schedule, childcare, amount
  slightly outside the range), each with a note.

Notes are `Reason` data (a code and plain params), never sentences: `engine.wording` has their
English, `matching.reasons` words them in the reader's language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .columns import CEFR_RANK, SELF_PACED
from .types import OpportunityData, ProfileData, Reason, ReasonParam

if TYPE_CHECKING:
    from .columns import OpportunityColumns, ProfileColumns


# A need within this fraction outside the amount range is "slightly outside": kept, weaker.
AMOUNT_TOLERANCE = 0.25
# Score multipliers for what lowers a match without ruling it out. No labelled data covers
# these yet, so they are set by hand, mild enough that a strong match still shows.
SCHEDULE_PENALTY = 0.8
CHILDCARE_PENALTY = 0.9
RELOCATE_PENALTY = 0.9

LANGUAGE_NAMES = {
    "am": "Amharic", "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ha": "Hausa", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "ko": "Korean", "ku": "Kurdish", "ln": "Lingala", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "ti": "Tigrinya", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "wo": "Wolof",
    "yo": "Yoruba", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.lower(), code)


def _note(code: str, **params: ReasonParam) -> Reason:
    # Built here, not with wording.reason: wording imports this module for language names.
    return {"code": code, "params": dict(params)}


def _rank(level: str | None) -> int | None:
    # Unknown strings rank as None, i.e. workable: no evidence of a gap.
    return CEFR_RANK.get(level.strip().lower()) if level else None


def _same_place(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


@dataclass
class FilterResult:
    allowed: bool = True
    weak: bool = False
    notices: list[Reason] = field(default_factory=list)
    # name -> (multiplier in (0, 1], note)
    penalties: dict[str, tuple[float, Reason]] = field(default_factory=dict)
    # Languages she shares with it at a workable level (codes, in the opportunity's order).
    shared_languages: tuple[str, ...] = ()
    # She speaks the language but below the level needed: (code, needed, hers).
    language_gaps: tuple[tuple[str, str, str], ...] = ()
    on_site_elsewhere: bool = False

    @property
    def notes(self) -> list[str]:
        """The notices in English, for callers inside the engine (demand groups, tests)."""
        from .wording import render_english

        return [render_english(n) for n in self.notices]

    def exclude(self, note: Reason) -> FilterResult:
        self.allowed = False
        self.notices.append(note)
        return self


def shared_languages(
    profile: ProfileData, opportunity: OpportunityData
) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    mine = {code.lower(): level for code, level in profile.languages.items()}
    shared: list[str] = []
    gaps: list[tuple[str, str, str]] = []
    for code, needed in opportunity.languages.items():
        key = code.lower()
        if key not in mine:
            continue
        need_rank, my_rank = _rank(needed), _rank(mine[key])
        if need_rank is None or my_rank is None or my_rank >= need_rank:
            shared.append(key)
        else:
            gaps.append((key, str(needed), str(mine[key])))
    return tuple(shared), tuple(gaps)


def _language_check(profile: ProfileData, opportunity: OpportunityData, out: FilterResult) -> None:
    # Nothing to compare (no languages on either side) is not evidence of a gap.
    if not profile.languages or not opportunity.languages:
        return
    shared, gaps = shared_languages(profile, opportunity)
    out.shared_languages, out.language_gaps = shared, gaps
    if shared:
        return
    if gaps:
        code, needed, mine = gaps[0]
        note = _note("language_gap", language=code, needed=needed, have=mine)
    else:
        note = _note("language_unlisted", languages=[c.lower() for c in opportunity.languages])
    if opportunity.kind == "financing":
        # Weak, not excluded: someone can help her fill in a form, and docs/dataset-format.md
        # grades a scheme she cannot apply for in her languages "at most marginal" (grade 1),
        # not irrelevant. Hiding it would drop grade-1 items from her list; ranking it below
        # every normal match with this note keeps them, last, and says why.
        out.weak = True
        out.notices.append(note)
    else:
        out.exclude(note)


def _eligible_countries(opportunity: OpportunityData) -> frozenset[str] | None:
    if opportunity.eligible_countries is not None:
        return frozenset(c.upper() for c in opportunity.eligible_countries)
    return frozenset({opportunity.country.upper()}) if opportunity.country else None


def amount_fit(need: int | None, low: int | None, high: int | None) -> float | None:
    """1 inside the range, falling linearly to 0 at AMOUNT_TOLERANCE outside; None if unknown."""
    if need is None or need <= 0 or (low is None and high is None):
        return None
    if low is not None and need < low:
        gap = (low - need) / low
    elif high is not None and need > high:
        gap = (need - high) / high
    else:
        return 1.0
    return max(0.0, 1.0 - gap / AMOUNT_TOLERANCE)


def _financing_check(profile: ProfileData, opportunity: OpportunityData, out: FilterResult) -> None:
    stage = profile.business_stage
    if stage and opportunity.stages and stage not in opportunity.stages:
        out.exclude(_note("stage_only", stages=list(opportunity.stages)))
        return
    eligible = _eligible_countries(opportunity)
    if eligible is not None and profile.country and profile.country.upper() not in eligible:
        out.exclude(_note("country_closed"))
        return
    fit = amount_fit(
        profile.funding_need_eur, opportunity.amount_min_eur, opportunity.amount_max_eur
    )
    if fit is None or fit == 1.0:
        return
    need = profile.funding_need_eur or 0
    low, high = opportunity.amount_min_eur, opportunity.amount_max_eur
    if low is not None and need < low:
        note = _note("amount_above", min=low, need=need)
    else:
        note = _note("amount_below", max=high or 0, need=need)
    if fit <= 0.0:
        out.exclude(note)
    else:
        # The score model weighs the amount itself (amount_fit); this only carries the note.
        out.penalties["amount"] = (1.0, note)


def _place_check(profile: ProfileData, opportunity: OpportunityData, out: FilterResult) -> None:
    if opportunity.city is None or _same_place(opportunity.city, profile.city):
        # Online only, or in her own city. A woman who wants on-site work still gets online
        # items; the score's remote signal ranks them lower for her.
        return
    if opportunity.remote and profile.open_to_remote:
        return
    if profile.willing_to_relocate:
        out.penalties["relocate"] = (
            RELOCATE_PENALTY,
            _note("relocate", city=opportunity.city),
        )
        return
    # Weak, not excluded: the graders (docs/dataset-format.md) call an on-site item in another
    # city "at most marginal" (grade 1), not irrelevant, so hiding it would lose grade-1 items.
    # It trails every normal match with a note saying where it is; she decides.
    out.on_site_elsewhere = True
    out.weak = True
    out.notices.append(_note("on_site_elsewhere", city=opportunity.city))


def _schedule_check(profile: ProfileData, opportunity: OpportunityData, out: FilterResult) -> None:
    if not profile.availability or not opportunity.schedule:
        return
    if "self_paced" in opportunity.schedule or profile.availability & opportunity.schedule:
        return
    note = _note(
        "schedule", schedule=sorted(opportunity.schedule), availability=sorted(profile.availability)
    )
    out.penalties["schedule"] = (SCHEDULE_PENALTY, note)


def check(profile: ProfileData, opportunity: OpportunityData) -> FilterResult:
    out = FilterResult()
    if opportunity.id in profile.blocked:
        return out.exclude(_note("hidden"))
    if opportunity.audience not in ("any", profile.role):
        return out.exclude(_note("audience_only", audience=str(opportunity.audience)))
    if opportunity.kind == "mentor":
        if opportunity.capacity is not None and opportunity.capacity <= 0:
            return out.exclude(_note("mentor_full"))
        if profile.prefers_woman_mentor and (opportunity.mentor_gender or "").lower() == "man":
            return out.exclude(_note("woman_mentor"))
    _language_check(profile, opportunity, out)
    if not out.allowed:
        return out
    if opportunity.kind == "financing":
        _financing_check(profile, opportunity, out)
        if not out.allowed:
            return out
    _place_check(profile, opportunity, out)
    _schedule_check(profile, opportunity, out)
    from_home = opportunity.remote and profile.open_to_remote
    if profile.needs_childcare and not opportunity.childcare_offered and not from_home:
        out.penalties["childcare"] = (CHILDCARE_PENALTY, _note("no_childcare"))
    return out


@dataclass
class PairFilters:
    """Vectorised `check` over pairs (profile row pi[k], opportunity row oj[k])."""

    allowed: np.ndarray
    weak: np.ndarray
    penalty: np.ndarray
    # Shares a workable language other than English (a signal for the score, not a filter).
    shared_local: np.ndarray


def _blocked(
    pc: ProfileColumns, oc: OpportunityColumns, pi: np.ndarray, oj: np.ndarray
) -> np.ndarray:
    out = np.zeros(len(pi), dtype=bool)
    if not pc.any_blocked:
        return out
    for k, (i, j) in enumerate(zip(pi.tolist(), oj.tolist(), strict=True)):
        blocked = pc.items[i].blocked
        out[k] = bool(blocked) and oc.items[j].id in blocked
    return out


def amount_fit_array(need: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Vectorised `amount_fit`; NaN where it is None."""
    with np.errstate(invalid="ignore", divide="ignore"):
        below = np.where(need < low, (low - need) / low, 0.0)
        above = np.where(need > high, (need - high) / high, 0.0)
        fit = np.clip(1.0 - (below + above) / AMOUNT_TOLERANCE, 0.0, 1.0)
    unknown = np.isnan(need) | (np.isnan(low) & np.isnan(high))
    return np.where(unknown, np.nan, fit)


def pair_filters(
    pc: ProfileColumns, oc: OpportunityColumns, pi: np.ndarray, oj: np.ndarray, english: int
) -> PairFilters:
    """`english`: the vocabulary number of "en" (-1 if nobody lists it)."""
    n = len(pi)
    allowed = ~_blocked(pc, oc, pi, oj)
    weak = np.zeros(n, dtype=bool)
    penalty = np.ones(n, dtype=np.float64)
    audience = oc.audience[oj]
    allowed &= (audience == 2) | (audience == pc.entrepreneur[pi].astype(np.int8))
    if oc.kind == "mentor":
        allowed &= oc.capacity[oj] > 0
        allowed &= ~(pc.prefers_woman[pi] & oc.mentor_man[oj])

    need = oc.lang_need[oj]
    workable = (need > 0) & (pc.lang[pi] >= need)
    shared = workable.any(axis=1)
    if 0 <= english < workable.shape[1]:
        workable[:, english] = False
    shared_local = workable.any(axis=1)
    no_language = pc.has_languages[pi] & oc.has_languages[oj] & ~shared
    if oc.kind == "financing":
        # Weak, not hidden: the same rule as _language_check (graded "at most marginal").
        weak |= no_language
        stage = pc.stage[pi].astype(np.int64)
        stages = oc.stages[oj]
        allowed &= ~((stage >= 0) & (stages != 0) & (((stages >> np.maximum(stage, 0)) & 1) == 0))
        country = pc.country[pi]
        if oc.eligible.shape[1]:
            listed = oc.eligible[oj, np.maximum(country, 0)]
        else:
            listed = np.zeros(n, dtype=bool)
        allowed &= ~((country >= 0) & ~oc.open_everywhere[oj] & ~listed)
        fit = amount_fit_array(pc.need[pi], oc.amount_min[oj], oc.amount_max[oj])
        allowed &= ~(fit <= 0.0)  # NaN (unknown) compares False: kept
    else:
        allowed &= ~no_language

    city = oc.city[oj]
    elsewhere = (city >= 0) & (city != pc.city[pi])
    from_home = oc.remote[oj] & pc.open_remote[pi]
    moves = elsewhere & ~from_home & pc.relocate[pi]
    weak |= elsewhere & ~from_home & ~pc.relocate[pi]  # as _place_check: last, not hidden
    penalty *= np.where(moves, RELOCATE_PENALTY, 1.0)

    mine, theirs = pc.availability[pi], oc.schedule[oj]
    clash = (mine != 0) & (theirs != 0) & ((theirs & SELF_PACED) == 0) & ((mine & theirs) == 0)
    penalty *= np.where(clash, SCHEDULE_PENALTY, 1.0)
    no_care = pc.needs_childcare[pi] & ~oc.childcare[oj] & ~from_home
    penalty *= np.where(no_care, CHILDCARE_PENALTY, 1.0)
    return PairFilters(
        allowed=allowed, weak=weak & allowed, penalty=penalty, shared_local=shared_local
    )


# --- Language gaps: what the language level alone hides, and a course that closes the gap ------


@dataclass(frozen=True)
class LanguageGap:
    """An item hidden from her only because her level in its language is too low."""

    opportunity: OpportunityData
    language: str  # ISO 639-1 code, lower case
    needed: str
    have: str


def language_gap_only(profile: ProfileData, opportunity: OpportunityData) -> LanguageGap | None:
    """The gap when the language level alone keeps this item from her, else None.

    None when it is shown anyway (financing: weak, not hidden), when something else rules it
    out too (audience, eligibility, blocked...: closing the gap would not help), or when she
    does not speak its language at all (nothing to close; the profile notice covers that).
    """
    found = check(profile, opportunity)
    if found.allowed or not found.language_gaps or found.shared_languages:
        return None
    closed = {code.lower(): level for code, level in profile.languages.items()}
    for code, needed, _have in found.language_gaps:
        closed[code] = needed
    if not check(dataclasses.replace(profile, languages=closed), opportunity).allowed:
        return None

    def size(gap: tuple[str, str, str]) -> tuple[int, str]:
        return ((_rank(gap[1]) or 0) - (_rank(gap[2]) or 0), gap[0])

    code, needed, have = min(found.language_gaps, key=size)
    return LanguageGap(opportunity=opportunity, language=code, needed=needed, have=have)


_CEFR_WORD = re.compile(r"(?<![\w])([abc][12])(?![\w])", re.IGNORECASE)


def _mentions(text: str, names: list[str]) -> bool:
    folded = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded) for n in names)


def course_levels(course: OpportunityData) -> set[int]:
    """CEFR levels a course names in its title or skills (its description if they name none)."""
    found = {m.lower() for t in (course.title, *course.skills) for m in _CEFR_WORD.findall(t)}
    if not found:
        found = {m.lower() for m in _CEFR_WORD.findall(course.description)}
    return {CEFR_RANK[m] for m in found}


def teaches_language(course: OpportunityData, names: Iterable[str]) -> bool:
    """A training whose title or skills name the language ("German", "Deutsch", "Allemand")."""
    wanted = [n.strip().casefold() for n in names if n and n.strip()]
    if course.kind != "training" or not wanted:
        return False
    return any(_mentions(text, wanted) for text in (course.title, *course.skills))


def language_course_for(
    profile: ProfileData,
    language: str,
    names: Iterable[str],
    courses: Iterable[OpportunityData],
) -> OpportunityData | None:
    """The best course for her that teaches `language`, or None.

    It must name the language (`names`: its names in the languages courses are written in),
    pass her own filters (so it is taught in a language she speaks workably, or in the target
    language at her level, for her audience, not hidden), and aim at her level or the step
    above when it names CEFR levels at all. The step above comes first, then her level, then
    courses that name no level; items on site elsewhere come after those she can attend.
    """
    mine = {code.lower(): level for code, level in profile.languages.items()}
    have = _rank(mine.get(language.lower())) or 0
    wanted = [n for n in names if n and n.strip()]
    ranked: list[tuple[tuple[bool, int, str], OpportunityData]] = []
    for course in courses:
        if not teaches_language(course, wanted):
            continue
        found = check(profile, course)
        if not found.allowed:
            continue
        levels = course_levels(course)
        if levels and not levels & {have, have + 1}:
            continue
        aim = 0 if have + 1 in levels else 1 if have in levels else 2
        ranked.append(((found.weak, aim, course.id), course))
    if not ranked:
        return None
    return min(ranked, key=lambda item: item[0])[1]
