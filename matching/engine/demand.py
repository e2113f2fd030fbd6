"""Unmet demand: group women whose best match of a kind is weak, name and describe each group.

Plain data in, plain data out (no Django): the voice app gathers profiles, vectors and the
opportunities, and stores only the aggregates returned here.

- `group(vectors, profiles)`: cluster labels, from the profile embeddings plus what a programme
  would act on (place, level, working languages), so one group is one thing to create somewhere.
- `telling_terms(...)`: class-based TF-IDF over skills and goals words, to name each group.
- `facts(...)`: the most common place (or "remote"), languages most members speak, level.
- `nearest(...)` and `misfit(...)`: the closest existing offer and why it does not serve them.
- `describe(...)`: the sentence a programme manager reads, as a code and params (like match
  reasons); `demand.wording` words it in the reader's language, `describe_english` here
  in English for the engine's own tests.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .columns import CEFR_RANK
from .filters import check, language_name
from .types import LEVELS, OpportunityData, ProfileData, Reason
from .wording import reason, render_english

# Below this silhouette the data has no real group structure: one group is the honest answer.
MIN_SILHOUETTE = 0.15
MAX_GROUPS = 8
RANDOM_STATE = 0
SILHOUETTE_SAMPLE = 2000
# How much place, level and languages weigh against the meaning of her words when grouping.
STRUCTURE_WEIGHT = 0.6
REMOTE = "remote"

_STOPWORDS = frozenset(
    """a an and or the to of in on for with at by from as is are be been i me my we our you your
    she her they them their it its this that these those want wants would like learn learning
    find get job work working need needs into about more some any can could will how what who
    also not no so than then there here very just own new use using one two become start
    help make better good""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_][\w+#.-]*[\w+#]|[^\W\d_]", re.UNICODE)


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1.0, norms)


def place_of(p: ProfileData) -> str:
    return (p.city or "").strip().title() or (REMOTE if p.open_to_remote else "")


def working_languages(p: ProfileData) -> list[str]:
    """Codes of the languages she could be taught in, sorted."""
    return sorted({code.lower() for code, level in p.languages.items() if _works_in(level)})


def feature_matrix(vectors: np.ndarray, profiles: Sequence[ProfileData]) -> np.ndarray:
    """Meaning (normalised embedding) plus one-hot place, level and working languages (each
    block of unit length, so a woman with three languages weighs no more than one with one),
    weighted, normalised."""
    places = sorted({place_of(p) for p in profiles})
    spoken = [working_languages(p) for p in profiles]
    codes = sorted({c for langs in spoken for c in langs})
    at = {p: i for i, p in enumerate(places)}
    lang_at = {c: i for i, c in enumerate(codes)}
    level0, lang0 = len(places), len(places) + len(LEVELS)
    extra = np.zeros((len(profiles), lang0 + len(codes)), dtype=np.float64)
    for i, p in enumerate(profiles):
        extra[i, at[place_of(p)]] = 1.0
        if p.digital_level in LEVELS:
            extra[i, level0 + LEVELS.index(p.digital_level)] = 1.0
        for c in spoken[i]:
            extra[i, lang0 + lang_at[c]] = 1.0 / math.sqrt(len(spoken[i]))
    meaning = _normalise(np.asarray(vectors, dtype=np.float64))
    return _normalise(np.hstack([meaning, STRUCTURE_WEIGHT * extra / math.sqrt(3)]))


def cluster(x: np.ndarray, *, max_groups: int = MAX_GROUPS, min_size: int = 1) -> np.ndarray:
    """Labels 0..k-1 for the rows of x (normalised): KMeans, k chosen by silhouette.

    A split that leaves a group under `min_size` is not taken: such a group could never be
    shown, and its women count for more inside a larger one. Deterministic: fixed seed, and
    labels renumbered by first appearance.
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = len(x)
    if n < 4:
        return np.zeros(n, dtype=int)
    best_labels, best_score = np.zeros(n, dtype=int), MIN_SILHOUETTE
    distinct = len(np.unique(np.round(x, 6), axis=0))
    for k in range(2, min(max_groups, n - 1, distinct) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE).fit_predict(x)
        if len(set(labels.tolist())) < 2 or np.bincount(labels).min() < min_size:
            continue
        # A sample bounds the quadratic cost; fixed seed, so the choice stays deterministic.
        score = float(
            silhouette_score(
                x,
                labels,
                metric="cosine",
                sample_size=min(n, SILHOUETTE_SAMPLE),
                random_state=RANDOM_STATE,
            )
        )
        if score > best_score + 1e-9:
            best_labels, best_score = labels, score
    order = {old: new for new, old in enumerate(dict.fromkeys(best_labels.tolist()))}
    return np.array([order[v] for v in best_labels.tolist()], dtype=int)


def group(vectors: np.ndarray, profiles: Sequence[ProfileData], *, min_size: int = 1) -> np.ndarray:
    if len(profiles) == 0:
        return np.zeros(0, dtype=int)
    return cluster(feature_matrix(vectors, profiles), min_size=min_size)


def terms_of(p: ProfileData) -> list[str]:
    """Her skills as whole phrases, plus her goals' words: adjacent words as a phrase ("data
    analysis", counted twice as it says more), lone words alone; stopwords dropped."""
    out = [s.strip().lower() for s in p.skills if s.strip()]
    run: list[str] = []
    for word in [*_WORD.findall((p.goals or "").lower()), ""]:
        if word and word not in _STOPWORDS and len(word) > 1:
            run.append(word)
            continue
        if len(run) == 1:
            out.append(run[0])
        for a, b in itertools.pairwise(run):
            out += [f"{a} {b}"] * 2
        run = []
    return out


def telling_terms(docs: Sequence[Sequence[str]], *, top: int = 3) -> list[list[str]]:
    """c-TF-IDF: per group (one bag of terms each), the terms frequent in it and rare elsewhere."""
    counts = [Counter(d) for d in docs]
    total = Counter[str]()
    for c in counts:
        total.update(c)
    if not total:
        return [[] for _ in docs]
    average = sum(total.values()) / len(docs)
    out = []
    for c in counts:
        size = sum(c.values()) or 1
        weight = {t: (n / size) * math.log(1 + average / total[t]) for t, n in c.items()}
        # Ties by term so the label never depends on dict order.
        out.append([t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))][:top])
    return out


@dataclass(frozen=True)
class Facts:
    place: str  # a city, "remote" or "" (spread out)
    languages: tuple[str, ...]  # codes most members speak, most common first
    level: str

    def languages_text(self) -> str:
        return " or ".join(language_name(c) for c in self.languages)


def _works_in(level: str | None) -> bool:
    """Native, B1 or better, or unknown: a beginner's A1/A2 is not a language to teach her in."""
    return not level or CEFR_RANK.get(level.strip().lower(), 3) >= 3


def facts(members: Sequence[ProfileData]) -> Facts:
    half = len(members) / 2
    places = Counter(place_of(p) for p in members)
    place, n = places.most_common(1)[0] if places else ("", 0)
    if n < half or not place:
        place = REMOTE if sum(p.open_to_remote for p in members) >= half else ""
    spoken = Counter(code for p in members for code, lvl in p.languages.items() if _works_in(lvl))
    languages = tuple(
        code for code, m in sorted(spoken.items(), key=lambda kv: (-kv[1], kv[0])) if m >= half
    )
    levels = Counter(p.digital_level for p in members)
    level = sorted(levels.items(), key=lambda kv: (-kv[1], LEVELS.index(kv[0])))[0][0]
    return Facts(place=place, languages=languages, level=level)


def centroid(vectors: np.ndarray) -> np.ndarray:
    mean = np.asarray(vectors, dtype=np.float64).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


def nearest(center: np.ndarray, vectors: np.ndarray) -> int | None:
    """Row of `vectors` closest by cosine to the centroid; ties by row; None when empty."""
    if len(vectors) == 0:
        return None
    sims = _normalise(np.asarray(vectors, dtype=np.float64)) @ np.asarray(center, np.float64)
    return int(np.argmax(np.round(sims, 6)))


def representative(f: Facts, *, role: str = "jobseeker") -> ProfileData:
    """A made-up woman with the group's facts: filters run on her, never on a real member."""
    city = None if f.place in ("", REMOTE) else f.place
    return ProfileData(
        id="group",
        role="entrepreneur" if role == "entrepreneur" else "jobseeker",
        bio="",
        goals="",
        skills=(),
        languages=dict.fromkeys(f.languages),
        city=city,
        country=None,
        open_to_remote=city is None,
        digital_level=f.level if f.level in LEVELS else "beginner",  # type: ignore[arg-type]
    )


# Filter notes that speak of the offer itself, not to one woman ("you have A1", "your need").
_GROUP_NOTES = frozenset({"audience_only", "mentor_full", "stage_only"})


def misfit(f: Facts, opportunity: OpportunityData, *, role: str = "jobseeker") -> list[Reason]:
    """Why the nearest offer does not serve the group, as reasons (codes and params): level,
    language, place, then the filters' notes that are about the offer."""
    reasons: list[Reason] = []
    if opportunity.level and opportunity.level != f.level:
        reasons.append(reason("demand_level", offered=opportunity.level, level=f.level))
    offered = [c for c in opportunity.languages if c not in f.languages]
    if opportunity.languages and not set(opportunity.languages) & set(f.languages):
        reasons.append(reason("demand_language", languages=offered))
    if opportunity.city and not opportunity.remote and opportunity.city.title() != f.place:
        reasons.append(reason("demand_place", city=opportunity.city))
    result = check(representative(f, role=role), opportunity)
    reasons += [n for n in result.notices if n["code"] in _GROUP_NOTES]
    return reasons


def describe(*, size: int, kind: str, label: str, f: Facts, offer: str | None) -> Reason:
    """The sentence a programme manager reads, as data: code "demand_group" and its params
    (the reasons the nearest offer misfits, from `misfit`, go alongside)."""
    return reason(
        "demand_group",
        size=size,
        kind=kind,
        label=label,
        place=f.place,
        languages=list(f.languages),
        level=f.level,
        offer=offer,
    )


_WANTED = {"training": "training", "mentor": "a mentor", "job": "jobs", "financing": "finance"}


def why_english(item: Reason | str) -> str:
    """One misfit reason in English (tests, evaluation, the admin's stored copy)."""
    if isinstance(item, str):
        return item
    p = item["params"]
    if item["code"] == "demand_level":
        return f"{p.get('offered')} level, they are {p.get('level')}s"
    if item["code"] == "demand_language":
        names = p.get("languages")
        return "in " + " or ".join(
            language_name(c) for c in (names if isinstance(names, list) else [])
        )
    if item["code"] == "demand_place":
        return f"on site in {p.get('city')}"
    return render_english(item)


def describe_english(d: Reason, why: Sequence[Reason | str] = ()) -> str:
    """`describe`'s sentence with the misfit reasons, in English, without Django."""
    p = d["params"]
    who = f"{p['size']} women"
    if p["place"] == REMOTE:
        who += ", remote"
    elif p["place"]:
        who += f" in {p['place']}"
    parts = [who]
    languages = p["languages"] if isinstance(p["languages"], list) else []
    if languages:
        parts.append(" or ".join(language_name(c) for c in languages))
    parts.append(f"{p['level']}s")
    kind = str(p["kind"])
    text = ", ".join(parts) + f", want {_WANTED.get(kind, kind)} in {p['label'] or 'their field'}"
    if p["offer"]:
        text += f"; the nearest offer is {p['offer']}"
        if why:
            text += f" ({'; '.join(why_english(w) for w in why)})"
    else:
        text += "; there is no offer of this kind yet"
    return text
