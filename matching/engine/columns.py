"""Column-wise (numpy) views of many profiles and many opportunities of one kind.

Filters and features run on arrays of (profile row, opportunity row) pairs so that a recompute
of thousands of profiles costs a few vectorised passes instead of millions of Python calls. The
scalar `filters.check` stays the reference for the notes shown to a woman; tests hold the two
to the same decisions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .skills import normalise_skill
from .types import LEVELS, SCHEDULES, STAGES, OpportunityData, ProfileData

# Language level ranks: 1-6 CEFR A1-C2, 7 native; a level nobody stated counts as workable.
CEFR_RANK = {"a1": 1, "a2": 2, "b1": 3, "b2": 4, "c1": 5, "c2": 6, "native": 7}
UNKNOWN_LEVEL = 8
ANY_LEVEL = 1
_SCHEDULE_BIT = {name: 1 << i for i, name in enumerate(sorted(SCHEDULES))}
SELF_PACED = _SCHEDULE_BIT["self_paced"]
AUDIENCE = {"jobseeker": 0, "entrepreneur": 1, "any": 2}
_UNLIMITED = np.iinfo(np.int64).max


def speaker_rank(level: str | None) -> int:
    return CEFR_RANK.get(level.strip().lower(), UNKNOWN_LEVEL) if level else UNKNOWN_LEVEL


def needed_rank(level: str | None) -> int:
    return CEFR_RANK.get(level.strip().lower(), ANY_LEVEL) if level else ANY_LEVEL


def place_key(name: str | None) -> str | None:
    return name.strip().casefold() if name and name.strip() else None


def schedule_bits(values: Iterable[str]) -> int:
    bits = 0
    for v in values:
        bits |= _SCHEDULE_BIT.get(v, 0)
    return bits


class Interner:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def get(self, key: str | None) -> int:
        if key is None:
            return -1
        return self.ids.setdefault(key, len(self.ids))


@dataclass
class Vocab:
    """Shared numbering of places, languages and skills for one matching run."""

    cities: Interner
    countries: Interner
    languages: Interner
    skill_names: Interner  # normalised names, for exact overlap
    skill_texts: Interner  # opportunity skills as written, for overlap by meaning

    @classmethod
    def build(cls, profiles: list[ProfileData], opportunities: list[OpportunityData]) -> Vocab:
        # Everything is numbered up front so both sides' matrices have the same widths.
        vocab = cls(Interner(), Interner(), Interner(), Interner(), Interner())
        for p in profiles:
            vocab.cities.get(place_key(p.city))
            vocab.countries.get(place_key(p.country))
            for code in p.languages:
                vocab.languages.get(code.lower())
            for s in p.skills:
                if normalise_skill(s):
                    vocab.skill_names.get(normalise_skill(s))
        for o in opportunities:
            vocab.cities.get(place_key(o.city))
            for c in set(o.eligible_countries or ()) | ({o.country} if o.country else set()):
                vocab.countries.get(place_key(c))
            for code in o.languages:
                vocab.languages.get(code.lower())
            for s in o.skills:
                if normalise_skill(s):
                    vocab.skill_names.get(normalise_skill(s))
                if s.strip():
                    vocab.skill_texts.get(s.strip())
        return vocab


def _incidence(
    rows: list[list[int]], width: int, weights: list[list[float]] | None = None
) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    if weights is None:
        data = np.ones(len(indices), dtype=np.float32)
    else:
        data = np.fromiter((w for r in weights for w in r), dtype=np.float32, count=len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


@dataclass
class ProfileColumns:
    items: list[ProfileData]
    full: np.ndarray
    focus: np.ndarray
    entrepreneur: np.ndarray
    digital: np.ndarray
    stage: np.ndarray
    city: np.ndarray
    country: np.ndarray
    open_remote: np.ndarray
    relocate: np.ndarray
    needs_childcare: np.ndarray
    prefers_woman: np.ndarray
    need: np.ndarray
    availability: np.ndarray
    has_languages: np.ndarray
    lang: np.ndarray  # (n, L) speaker rank, 0 = does not speak it
    skills: sparse.csr_matrix  # (n, names) exact normalised names
    skill_best: np.ndarray  # (n, texts) best cosine of her skills to each opportunity skill
    any_blocked: bool

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class OpportunityColumns:
    items: list[OpportunityData]
    kind: str
    full: np.ndarray
    core: np.ndarray
    level: np.ndarray
    audience: np.ndarray
    city: np.ndarray
    remote: np.ndarray
    amount_min: np.ndarray
    amount_max: np.ndarray
    stages: np.ndarray  # bitmask; 0 = no stage listed, i.e. any
    capacity: np.ndarray  # no capacity set = unlimited
    schedule: np.ndarray
    childcare: np.ndarray
    mentor_man: np.ndarray
    open_everywhere: np.ndarray
    eligible: np.ndarray  # (m, countries) bool
    has_languages: np.ndarray
    lang_need: np.ndarray  # (m, L) needed rank, 0 = not a language it works in
    skills: sparse.csr_matrix  # (m, names) exact normalised names
    skill_count: np.ndarray  # distinct normalised names
    skill_mean: sparse.csr_matrix  # (m, texts) 1/k over its k distinct written skills
    sentences: np.ndarray | None  # financing: (S, d) description sentences
    sentence_start: np.ndarray | None  # (m,) first sentence row of each item

    def __len__(self) -> int:
        return len(self.items)


def profile_columns(
    profiles: list[ProfileData],
    full: np.ndarray,
    focus: np.ndarray,
    vocab: Vocab,
    skill_best: np.ndarray,
) -> ProfileColumns:
    n_lang = len(vocab.languages)
    lang = np.zeros((len(profiles), n_lang), dtype=np.int8)
    skill_rows: list[list[int]] = []
    for i, p in enumerate(profiles):
        for code, level in p.languages.items():
            lang[i, vocab.languages.get(code.lower())] = speaker_rank(level)
        names = {normalise_skill(s) for s in p.skills} - {""}
        skill_rows.append(sorted(vocab.skill_names.get(s) for s in names))
    digital = [LEVELS.index(p.digital_level) if p.digital_level in LEVELS else 0 for p in profiles]
    stage = [STAGES.index(p.business_stage) if p.business_stage in STAGES else -1 for p in profiles]
    return ProfileColumns(
        items=profiles,
        full=full,
        focus=focus,
        entrepreneur=np.array([p.role == "entrepreneur" for p in profiles], dtype=bool),
        digital=np.array(digital, dtype=np.int8),
        stage=np.array(stage, dtype=np.int8),
        city=np.array([vocab.cities.get(place_key(p.city)) for p in profiles], dtype=np.int64),
        country=np.array(
            [vocab.countries.get(place_key(p.country)) for p in profiles], dtype=np.int64
        ),
        open_remote=np.array([p.open_to_remote for p in profiles], dtype=bool),
        relocate=np.array([p.willing_to_relocate for p in profiles], dtype=bool),
        needs_childcare=np.array([p.needs_childcare for p in profiles], dtype=bool),
        prefers_woman=np.array([p.prefers_woman_mentor for p in profiles], dtype=bool),
        need=np.array(
            [p.funding_need_eur if p.funding_need_eur else np.nan for p in profiles], np.float64
        ),
        availability=np.array([schedule_bits(p.availability) for p in profiles], np.int64),
        has_languages=np.array([bool(p.languages) for p in profiles], dtype=bool),
        lang=lang,
        skills=_incidence(skill_rows, len(vocab.skill_names)),
        skill_best=skill_best,
        any_blocked=any(p.blocked for p in profiles),
    )


def opportunity_columns(
    kind: str,
    opportunities: list[OpportunityData],
    full: np.ndarray,
    core: np.ndarray,
    vocab: Vocab,
    sentences: np.ndarray | None = None,
    sentence_counts: list[int] | None = None,
) -> OpportunityColumns:
    n_lang = len(vocab.languages)
    lang = np.zeros((len(opportunities), n_lang), dtype=np.int8)
    name_rows: list[list[int]] = []
    text_rows: list[list[int]] = []
    text_weights: list[list[float]] = []
    eligible_rows: list[list[int]] = []
    open_everywhere = []
    for j, o in enumerate(opportunities):
        for code, level in o.languages.items():
            lang[j, vocab.languages.get(code.lower())] = needed_rank(level)
        names = {normalise_skill(s) for s in o.skills} - {""}
        name_rows.append(sorted(vocab.skill_names.get(s) for s in names))
        texts = sorted({vocab.skill_texts.get(s.strip()) for s in o.skills if s.strip()})
        text_rows.append(texts)
        text_weights.append([1.0 / len(texts)] * len(texts) if texts else [])
        countries = (
            o.eligible_countries
            if o.eligible_countries is not None
            else ({o.country} if o.country else None)
        )
        open_everywhere.append(countries is None)
        eligible_rows.append(
            sorted({vocab.countries.get(place_key(c)) for c in countries or ()} - {-1})
        )
    start = None
    if sentences is not None and sentence_counts is not None:
        start = np.zeros(len(opportunities), dtype=np.int64)
        start[1:] = np.cumsum(sentence_counts)[:-1]
    levels = [LEVELS.index(o.level) if o.level in LEVELS else -1 for o in opportunities]
    return OpportunityColumns(
        items=opportunities,
        kind=kind,
        full=full,
        core=core,
        level=np.array(levels, dtype=np.int8),
        audience=np.array([AUDIENCE.get(o.audience, 2) for o in opportunities], dtype=np.int8),
        city=np.array([vocab.cities.get(place_key(o.city)) for o in opportunities], np.int64),
        remote=np.array([o.remote or o.city is None for o in opportunities], dtype=bool),
        amount_min=np.array(
            [np.nan if o.amount_min_eur is None else o.amount_min_eur for o in opportunities]
        ),
        amount_max=np.array(
            [np.nan if o.amount_max_eur is None else o.amount_max_eur for o in opportunities]
        ),
        stages=np.array(
            [
                sum(1 << STAGES.index(s) for s in set(o.stages) if s in STAGES)
                for o in opportunities
            ],
            dtype=np.int64,
        ),
        capacity=np.array(
            [_UNLIMITED if o.capacity is None else o.capacity for o in opportunities], np.int64
        ),
        schedule=np.array([schedule_bits(o.schedule) for o in opportunities], dtype=np.int64),
        childcare=np.array([o.childcare_offered for o in opportunities], dtype=bool),
        mentor_man=np.array(
            [(o.mentor_gender or "").strip().lower() == "man" for o in opportunities], dtype=bool
        ),
        open_everywhere=np.array(open_everywhere, dtype=bool),
        eligible=_incidence(eligible_rows, len(vocab.countries)).toarray() > 0,
        has_languages=np.array([bool(o.languages) for o in opportunities], dtype=bool),
        lang_need=lang,
        skills=_incidence(name_rows, len(vocab.skill_names)),
        skill_count=np.array([len(r) for r in name_rows], dtype=np.float64),
        skill_mean=_incidence(text_rows, len(vocab.skill_texts), text_weights),
        sentences=sentences,
        sentence_start=start,
    )
