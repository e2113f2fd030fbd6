import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from backend.accounts.models import User
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import MentorProfile, Profile
from events.models import JobRole
from matching.engine.dataset import DEV_SET

pytestmark = pytest.mark.django_db

OPPORTUNITIES = [
    {"id": "tr-1", "kind": "training", "title": "SQL basics", "description": "Learn SQL online.",
     "skills": ["SQL"], "languages": ["en"], "city": None, "country": None, "remote": True,
     "level": "beginner", "audience": "any"},
    {"id": "me-1", "kind": "mentor", "title": "Data mentor", "description": "I mentor analysts.",
     "skills": ["SQL"], "languages": ["en", "ar"], "city": "Athens", "country": "GR", "remote": True,
     "level": None, "audience": "any", "capacity": 2},
    {"id": "job-1", "kind": "job", "title": "Junior analyst", "description": "Reports in Excel.",
     "skills": ["Excel"], "languages": ["en"], "city": "Athens", "country": "GR", "remote": False,
     "level": "beginner", "audience": "jobseeker"},
    {"id": "fin-1", "kind": "financing", "title": "Microloan", "description": "Loans for founders.",
     "skills": [], "languages": ["en"], "city": None, "country": "PT", "remote": True, "level": None,
     "audience": "entrepreneur", "amount_min_eur": 1000, "amount_max_eur": 9000, "stages": ["idea"]},
]  # fmt: skip
PROFILES = [
    {"id": "p1", "role": "jobseeker", "bio": "I was an accountant.", "goals": "Data job",
     "skills": ["Excel"], "languages": ["ar", "en"], "city": "Athens", "country": "GR",
     "open_to_remote": True, "digital_level": "beginner"},
]  # fmt: skip


def write_dataset(
    folder: Path, opportunities=OPPORTUNITIES, profiles=PROFILES, raw_lines=None
) -> Path:
    lines = [json.dumps(o) for o in opportunities] + (raw_lines or [])
    (folder / "opportunities.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "profiles.jsonl").write_text("\n".join(json.dumps(p) for p in profiles) + "\n")
    return folder


def counts():
    return (
        Training.objects.count(),
        MentorProfile.objects.count(),
        JobRole.objects.count(),
        FinancingScheme.objects.count(),
        Profile.objects.count(),
        User.objects.count(),
    )


def test_import_creates_every_kind(tmp_path):
    call_command("import_dataset", write_dataset(tmp_path), "--no-matching")
    assert counts() == (1, 1, 1, 1, 1, 2)
    assert FinancingScheme.objects.get().eligible_countries == ["PT"]
    assert Profile.objects.get().languages == [
        {"code": "ar", "level": None},
        {"code": "en", "level": None},
    ]


def test_second_import_creates_no_duplicates_and_updates(tmp_path):
    call_command("import_dataset", write_dataset(tmp_path), "--no-matching")
    changed = [dict(OPPORTUNITIES[0], title="SQL basics, new edition"), *OPPORTUNITIES[1:]]
    call_command("import_dataset", write_dataset(tmp_path, opportunities=changed), "--no-matching")
    assert counts() == (1, 1, 1, 1, 1, 2)
    assert Training.objects.get().title == "SQL basics, new edition"


def test_malformed_json_names_file_and_line_and_imports_nothing(tmp_path):
    write_dataset(tmp_path, raw_lines=['{"id": "broken", '])
    with pytest.raises(CommandError, match=r"opportunities.jsonl, line 5"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_invalid_field_names_line_and_imports_nothing(tmp_path):
    bad = dict(OPPORTUNITIES[0], id="tr-2", languages=["english"])
    write_dataset(tmp_path, opportunities=[*OPPORTUNITIES, bad])
    with pytest.raises(CommandError, match=r"line 5 \(id 'tr-2'\).*languages"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_missing_field_is_reported(tmp_path):
    bad = {k: v for k, v in PROFILES[0].items() if k != "bio"}
    write_dataset(tmp_path, profiles=[bad])
    with pytest.raises(CommandError, match=r"profiles.jsonl, line 1: missing field\(s\) bio"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert Profile.objects.count() == 0


def test_inverted_amount_range_is_refused(tmp_path):
    bad = dict(OPPORTUNITIES[3], amount_min_eur=9000, amount_max_eur=10)
    write_dataset(tmp_path, opportunities=[bad])
    with pytest.raises(CommandError, match="amount_max_eur"):
        call_command("import_dataset", tmp_path, "--no-matching")


def test_an_id_that_is_not_a_string_is_a_clear_error(tmp_path):
    write_dataset(tmp_path, profiles=[dict(PROFILES[0], id=5)])
    with pytest.raises(
        CommandError, match=r"profiles.jsonl, line 1: id must be a non-empty string"
    ):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert Profile.objects.count() == 0


def test_a_city_without_a_country_is_refused(tmp_path):
    write_dataset(tmp_path, profiles=[dict(PROFILES[0], country=None)])
    with pytest.raises(CommandError, match=r"profiles.jsonl, line 1 \(id 'p1'\): country"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert Profile.objects.count() == 0


def test_an_overlong_bio_is_refused(tmp_path):
    write_dataset(tmp_path, profiles=[dict(PROFILES[0], bio="word " * 2_500)])
    with pytest.raises(CommandError, match=r"line 1 \(id 'p1'\): bio"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert Profile.objects.count() == 0


def test_an_overlong_description_is_refused(tmp_path):
    write_dataset(tmp_path, opportunities=[dict(OPPORTUNITIES[0], description="x" * 20_001)])
    with pytest.raises(CommandError, match=r"line 1 \(id 'tr-1'\): description"):
        call_command("import_dataset", tmp_path, "--no-matching")
    assert Training.objects.count() == 0


def test_import_computes_her_matches(tmp_path):
    from matching.models import Match

    call_command("import_dataset", write_dataset(tmp_path))
    kinds = set(Match.objects.filter(profile__external_id="p1").values_list("kind", flat=True))
    assert {"training", "job"} <= kinds


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("import_dataset", tmp_path / "nope", "--no-matching")


@pytest.mark.slow
def test_dev_set_imports():
    call_command("import_dataset", DEV_SET, "--no-matching")
    assert counts()[:5] == (50, 40, 45, 25, 30)
