"""Load a dataset folder in the evaluation format (docs/dataset-format.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from .types import KINDS, Level, OpportunityData, ProfileData

T = TypeVar("T")

# The project's own fictional datasets, kept in the repository so a clone runs alone.
DATASETS = Path(__file__).resolve().parents[2] / "data" / "eval"
DEV_SET = DATASETS / "dev"


@dataclass(frozen=True)
class Dataset:
    profiles: list[ProfileData]
    opportunities: list[OpportunityData]
    # profile id -> {opportunity id: grade}; unlisted pairs have grade 0.
    qrels: dict[str, dict[str, int]]

    def by_kind(self, kind: str) -> list[OpportunityData]:
        return [o for o in self.opportunities if o.kind == kind]


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} line {number}: invalid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{path.name} line {number}: expected a JSON object")
            yield number, obj


def _parse(path: Path, convert: Callable[[dict[str, Any]], T]) -> list[T]:
    out = []
    seen: set[str] = set()
    for number, obj in _lines(path):
        try:
            item = convert(obj)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name} line {number}: {exc!r}") from exc
        item_id = getattr(item, "id", None)
        if item_id in seen:
            raise ValueError(f"{path.name} line {number}: duplicate id {item_id!r}")
        seen.add(str(item_id))
        out.append(item)
    return out


def _str_list(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


def _opt_int(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number")
    return int(value)


def profile_from_json(obj: dict[str, Any]) -> ProfileData:
    role = obj["role"]
    if role not in ("jobseeker", "entrepreneur"):
        raise ValueError(f"unknown role {role!r}")
    raw_level = obj.get("digital_level") or "beginner"
    if raw_level not in ("beginner", "intermediate", "advanced"):
        raise ValueError(f"unknown digital_level {raw_level!r}")
    level = cast(Level, raw_level)
    return ProfileData(
        id=str(obj["id"]),
        role=role,
        bio=str(obj.get("bio") or ""),
        goals=str(obj.get("goals") or ""),
        skills=_str_list(obj.get("skills"), "skills"),
        # The eval format has no levels: a listed language is taken as workable.
        languages=dict.fromkeys(_str_list(obj.get("languages"), "languages")),
        city=obj.get("city"),
        country=obj.get("country"),
        open_to_remote=bool(obj.get("open_to_remote", False)),
        digital_level=level,
        business_stage=obj.get("business_stage"),
        funding_need_eur=_opt_int(obj.get("funding_need_eur"), "funding_need_eur"),
    )


def opportunity_from_json(obj: dict[str, Any]) -> OpportunityData:
    kind = obj["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    city = obj.get("city")
    return OpportunityData(
        id=str(obj["id"]),
        kind=kind,
        title=str(obj.get("title") or ""),
        description=str(obj.get("description") or ""),
        skills=_str_list(obj.get("skills"), "skills"),
        languages=dict.fromkeys(_str_list(obj.get("languages"), "languages")),
        city=city,
        country=obj.get("country"),
        # README: always true when city is null.
        remote=bool(obj.get("remote", False)) or city is None,
        level=obj.get("level"),
        audience=obj.get("audience") or "any",
        amount_min_eur=_opt_int(obj.get("amount_min_eur"), "amount_min_eur"),
        amount_max_eur=_opt_int(obj.get("amount_max_eur"), "amount_max_eur"),
        stages=_str_list(obj.get("stages"), "stages"),
        capacity=_opt_int(obj.get("capacity"), "capacity"),
    )


def _qrel(obj: dict[str, Any]) -> tuple[str, str, int]:
    grade = obj["grade"]
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 3:
        raise ValueError(f"grade must be an integer 0-3, got {grade!r}")
    return str(obj["profile"]), str(obj["opportunity"]), grade


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for number, obj in _lines(path):
        try:
            profile, opportunity, grade = _qrel(obj)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path.name} line {number}: {exc!r}") from exc
        qrels.setdefault(profile, {})[opportunity] = grade
    return qrels


def load_dataset(directory: str | Path) -> Dataset:
    root = Path(directory)
    return Dataset(
        profiles=_parse(root / "profiles.jsonl", profile_from_json),
        opportunities=_parse(root / "opportunities.jsonl", opportunity_from_json),
        qrels=load_qrels(root / "qrels.jsonl"),
    )
