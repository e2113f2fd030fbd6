import json
from pathlib import Path

import pytest

from matching.engine.dataset import load_dataset


def _write(folder: Path, profiles: list[str], opportunities: list[str], qrels: list[str]) -> Path:
    (folder / "profiles.jsonl").write_text("\n".join(profiles) + "\n", encoding="utf-8")
    (folder / "opportunities.jsonl").write_text("\n".join(opportunities) + "\n", encoding="utf-8")
    (folder / "qrels.jsonl").write_text("\n".join(qrels) + "\n", encoding="utf-8")
    return folder


PROFILE = json.dumps(
    {
        "id": "p1",
        "role": "jobseeker",
        "bio": "Hi",
        "goals": "Work",
        "skills": ["SQL"],
        "languages": ["ar", "en"],
        "city": "Lyon",
        "country": "FR",
        "open_to_remote": True,
        "digital_level": "beginner",
    }
)
OPPORTUNITY = json.dumps(
    {
        "id": "o1",
        "kind": "training",
        "title": "SQL",
        "description": "Learn SQL.",
        "skills": [],
        "languages": ["fr"],
        "city": None,
        "country": None,
        "remote": True,
        "level": None,
        "audience": "any",
    }
)


def test_dev_set_has_the_documented_counts(dev):
    assert (len(dev.profiles), len(dev.opportunities)) == (30, 160)


def test_dev_qrels_count(dev):
    assert sum(len(g) for g in dev.qrels.values()) == 593


def test_language_lists_become_codes_with_unknown_level(tmp_path):
    ds = load_dataset(_write(tmp_path, [PROFILE], [OPPORTUNITY], []))
    assert ds.profiles[0].languages == {"ar": None, "en": None}


def test_skills_become_tuples(tmp_path):
    ds = load_dataset(_write(tmp_path, [PROFILE], [OPPORTUNITY], []))
    assert ds.profiles[0].skills == ("SQL",)


def test_online_only_opportunity_is_remote(tmp_path):
    online = json.dumps(json.loads(OPPORTUNITY) | {"remote": False})
    ds = load_dataset(_write(tmp_path, [PROFILE], [online], []))
    assert ds.opportunities[0].remote is True


def test_qrels_are_grouped_by_profile(tmp_path):
    qrel = json.dumps({"profile": "p1", "opportunity": "o1", "grade": 2})
    ds = load_dataset(_write(tmp_path, [PROFILE], [OPPORTUNITY], [qrel]))
    assert ds.qrels == {"p1": {"o1": 2}}


def test_malformed_json_names_file_and_line(tmp_path):
    _write(tmp_path, [PROFILE, "{not json"], [OPPORTUNITY], [])
    with pytest.raises(ValueError, match=r"profiles\.jsonl line 2"):
        load_dataset(tmp_path)


def test_missing_field_names_file_and_line(tmp_path):
    broken = json.dumps({"id": "o2", "title": "no kind"})
    _write(tmp_path, [PROFILE], [OPPORTUNITY, broken], [])
    with pytest.raises(ValueError, match=r"opportunities\.jsonl line 2"):
        load_dataset(tmp_path)


def test_bad_grade_names_file_and_line(tmp_path):
    qrel = json.dumps({"profile": "p1", "opportunity": "o1", "grade": 7})
    _write(tmp_path, [PROFILE], [OPPORTUNITY], [qrel])
    with pytest.raises(ValueError, match=r"qrels\.jsonl line 1"):
        load_dataset(tmp_path)


def test_duplicate_id_is_rejected(tmp_path):
    _write(tmp_path, [PROFILE, PROFILE], [OPPORTUNITY], [])
    with pytest.raises(ValueError, match="duplicate id"):
        load_dataset(tmp_path)
