import json

import pytest
from django.core.management import CommandError, call_command

from matching import ranking
from matching.models import Match
from tests.factories import JobRoleFactory, ProfileFactory, TrainingFactory
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_rebuild_matches_recomputes_every_woman():
    women = ProfileFactory.create_batch(3)
    TrainingFactory(), JobRoleFactory()

    call_command("rebuild_matches", verbosity=0)

    assert Match.objects.count() == 6
    assert {m.profile_id for m in Match.objects.all()} == {w.pk for w in women}


def test_rebuild_matches_for_one_kind_leaves_the_others():
    ProfileFactory()
    TrainingFactory(), JobRoleFactory()

    call_command("rebuild_matches", kind=["job"], verbosity=0)

    assert list(Match.objects.values_list("kind", flat=True)) == ["job"]


def test_rebuild_matches_async_keeps_to_the_kind():
    ProfileFactory()
    TrainingFactory(), JobRoleFactory()

    # Tasks run eagerly in tests: the same task a worker would run, with the same arguments.
    call_command("rebuild_matches", "--async", kind=["job"], verbosity=0)

    assert list(Match.objects.values_list("kind", flat=True)) == ["job"]


def test_rebuild_matches_shows_progress(capsys):
    ProfileFactory.create_batch(3)
    TrainingFactory()

    call_command("rebuild_matches", batch_size=2, verbosity=1)

    captured = capsys.readouterr()
    # tqdm draws on stderr: from none of the three profiles to all of them.
    assert "3/3" in captured.err and "profile" in captured.err
    assert "0/3" in captured.err
    assert "Recomputed matches for 3 profiles." in captured.out


def test_rebuild_matches_quiet_draws_no_bar(capsys):
    ProfileFactory()

    call_command("rebuild_matches", verbosity=0)

    assert "profile/s" not in capsys.readouterr().err


def _tiny_dataset(folder):
    profiles = [
        {"id": "a", "role": "jobseeker", "bio": "I want to learn SQL and Excel for data work.",
         "goals": "Data analyst", "skills": ["Excel"], "languages": ["en"], "city": "Athens",
         "country": "GR", "open_to_remote": True, "digital_level": "beginner"},
    ]  # fmt: skip
    opportunities = [
        {"id": f"t{i}", "kind": "training", "title": title, "description": title + " course.",
         "skills": [], "languages": ["en"], "city": None, "country": None, "remote": True,
         "level": "beginner", "audience": "any"}
        for i, title in enumerate(["SQL for data analysis", "Flower arranging"])
    ]  # fmt: skip
    qrels = [{"profile": "a", "opportunity": "t0", "grade": 3}]
    for name, rows in (("profiles", profiles), ("opportunities", opportunities), ("qrels", qrels)):
        (folder / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


def test_fit_weights_writes_weights_from_dataset_and_feedback(tmp_path):
    MatchFactory(status="saved")
    MatchFactory(status="dismissed", score=0.3)
    out = tmp_path / "weights.json"

    try:
        call_command("fit_weights", dataset=_tiny_dataset(tmp_path), out=out, stdout=None)
    finally:
        ranking.set_engine(None)

    written = json.loads(out.read_text())
    assert written["encoder"] == ranking.encoder_name()
    assert written["meta"]["feedback"] == 2
    assert [g["kinds"] for g in written["groups"]] == [["training", "mentor", "job"], ["financing"]]


def test_fit_weights_without_a_dataset_folder_says_so(tmp_path):
    with pytest.raises(CommandError, match="no dataset folder"):
        call_command("fit_weights", dataset=tmp_path / "missing", out=tmp_path / "w.json")
