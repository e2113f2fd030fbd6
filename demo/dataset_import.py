"""Load a dataset in the evaluation format (docs/dataset-format.md) into the database.

All or nothing: every line is parsed and validated inside one transaction, and the first bad line
aborts the whole import with its file and line number. Rows carry the dataset id as `external_id`,
so running the import again updates them instead of creating duplicates.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts.models import Organisation, OrganisationKind, Role, User
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import MentorProfile, Profile
from events.models import JobRole, JobRoleStatus

IMPORT_EMAIL_DOMAIN = "import.pathways.invalid"
KINDS = ("training", "mentor", "job", "financing")


class DatasetError(Exception):
    """A line that cannot be imported; the message names the file and line."""


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def note(self, what: str, created: bool) -> None:
        (self.created if created else self.updated)[what] += 1


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise DatasetError(f"{path}: file not found")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(
                    f"{path.name}, line {number}: not valid JSON ({exc.msg})"
                ) from exc
            if not isinstance(row, dict):
                raise DatasetError(f"{path.name}, line {number}: expected a JSON object")
            rows.append((number, row))
    return rows


def _require(row: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    missing = [n for n in names if n not in row]
    if missing:
        raise DatasetError(f"{where}: missing field(s) {', '.join(missing)}")
    if not isinstance(row["id"], str) or not row["id"].strip():
        raise DatasetError(f"{where}: id must be a non-empty string, not {row['id']!r}")


def _languages(codes: Any) -> list[dict[str, Any]]:
    if not isinstance(codes, list):
        raise ValidationError({"languages": "expected a list of language codes"})
    return [{"code": code, "level": None} for code in codes]


def _imported_org(name: str, kind: str, key: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        external_id=key, defaults={"name": name, "kind": kind, "verified": True}
    )
    return organisation


def _user_for(external_id: str, role: str, name: str) -> User:
    email = f"{external_id.lower()}@{IMPORT_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, role=role, display_name=name[:80])
        user.set_unusable_password()
        user.save()
    elif user.role != role:
        raise ValidationError({"role": f"{external_id} was imported before with role {user.role}"})
    return user


def _save(instance: Any, values: dict[str, Any]) -> Any:
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _upsert(model: type, external_id: str, values: dict[str, Any]) -> tuple[Any, bool]:
    instance = model.objects.filter(external_id=external_id).first()
    created = instance is None
    if created:
        instance = model(external_id=external_id)
    return _save(instance, values), created


def _opportunity(row: dict[str, Any], orgs: dict[str, Organisation], report: ImportReport) -> None:
    kind = row["kind"]
    common = {
        "title": row["title"],
        "description": row["description"],
        "skills": row.get("skills") or [],
        "languages": _languages(row["languages"]),
        "city": row.get("city") or "",
        "country": row.get("country") or "",
        "remote": bool(row.get("remote", row.get("city") is None)),
    }
    level = row.get("level") or ""
    if kind == "training":
        values = {
            **common,
            "level": level,
            "audience": row.get("audience", "any"),
            "published": True,
        }
        values["organisation"] = orgs["training"]
        _obj, created = _upsert(Training, row["id"], values)
    elif kind == "job":
        values = {
            **common,
            "level": level,
            "status": JobRoleStatus.PUBLISHED,
            "organisation": orgs["job"],
        }
        _obj, created = _upsert(JobRole, row["id"], values)
    elif kind == "financing":
        _require(row, ("amount_min_eur", "amount_max_eur", "stages"), row["id"])
        country = common.pop("country")
        values = {
            **common,
            "amount_min_eur": row["amount_min_eur"],
            "amount_max_eur": row["amount_max_eur"],
            "stages": row["stages"],
            "eligible_countries": [country] if country else [],
            "audience": row.get("audience", "entrepreneur"),
            "organisation": orgs["financing"],
            "published": True,
        }
        _obj, created = _upsert(FinancingScheme, row["id"], values)
    elif kind == "mentor":
        _require(row, ("capacity",), row["id"])
        user = _user_for(row["id"], Role.MENTOR, row["title"])
        values = {
            "user": user,
            "headline": row["title"][:200],
            "bio": row["description"],
            "expertise": common["skills"],
            "languages": common["languages"],
            "city": common["city"],
            "country": common["country"],
            "remote": common["remote"],
            "level": level,
            "audience": row.get("audience", "any"),
            "capacity": row["capacity"],
        }
        _obj, created = _upsert(MentorProfile, row["id"], values)
    else:
        raise ValidationError({"kind": f"unknown kind {kind!r} (use {', '.join(KINDS)})"})
    report.note(kind, created)


def _profile(row: dict[str, Any], report: ImportReport) -> None:
    role = row["role"]
    if role not in (Role.JOBSEEKER, Role.ENTREPRENEUR):
        raise ValidationError({"role": f"unknown role {role!r}"})
    user = _user_for(row["id"], role, row["id"])
    values = {
        "user": user,
        "bio": row["bio"],
        "goals": row.get("goals", ""),
        "skills": row.get("skills") or [],
        "languages": _languages(row["languages"]),
        "city": row.get("city") or "",
        "country": row.get("country") or "",
        "open_to_remote": bool(row.get("open_to_remote", False)),
        "digital_level": row.get("digital_level", "beginner"),
        "business_stage": row.get("business_stage") or "",
        "funding_need_eur": row.get("funding_need_eur"),
    }
    _obj, created = _upsert(Profile, row["id"], values)
    report.note("profile", created)


def dataset_import(*, directory: Path) -> ImportReport:
    """Import opportunities.jsonl and profiles.jsonl from `directory`; all or nothing."""
    files = {name: directory / f"{name}.jsonl" for name in ("opportunities", "profiles")}
    parsed = {name: _read_jsonl(path) for name, path in files.items()}
    report = ImportReport()
    with transaction.atomic():
        orgs = {
            "training": _imported_org(
                "Imported training providers", OrganisationKind.PROGRAMME, "import:training"
            ),
            "financing": _imported_org(
                "Imported finance programmes", OrganisationKind.PROGRAMME, "import:financing"
            ),
            "job": _imported_org("Imported employers", OrganisationKind.EMPLOYER, "import:job"),
        }
        for name, rows in parsed.items():
            required = (
                ("id", "kind", "title", "description", "languages")
                if name == "opportunities"
                else ("id", "role", "bio", "languages")
            )
            for number, row in rows:
                where = f"{files[name].name}, line {number}"
                _require(row, required, where)
                try:
                    with transaction.atomic():
                        if name == "opportunities":
                            _opportunity(row, orgs, report)
                        else:
                            _profile(row, report)
                except ValidationError as exc:
                    detail = "; ".join(
                        f"{k}: {' '.join(v)}"
                        for k, v in getattr(exc, "message_dict", {"": exc.messages}).items()
                    )
                    raise DatasetError(f"{where} (id {row.get('id')!r}): {detail}") from exc
                except (TypeError, ValueError, AttributeError) as exc:
                    raise DatasetError(f"{where} (id {row.get('id')!r}): {exc}") from exc
    return report
