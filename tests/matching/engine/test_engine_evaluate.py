import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.evaluate import (
    counted_grades,
    evaluate_rankings,
    format_table,
    main,
    pair_metrics,
    summarise,
)


def test_ranking_by_grade_scores_one_everywhere(dev):
    rankings: dict[str, dict[str, list[str]]] = {}
    for (pid, kind), grades in counted_grades(dev).items():
        ideal = sorted(grades, key=lambda o: (-grades[o], o))
        rankings.setdefault(pid, {})[kind] = ideal
    summary = summarise(evaluate_rankings(dev, rankings))
    assert {m: v for row in summary.values() for m, v in row.items() if m != "pairs"} == {
        "ndcg@5": 1.0,
        "ndcg@10": 1.0,
        "recall@10": 1.0,
        "mrr": 1.0,
    }


def test_counted_pairs_per_kind_match_the_readme(dev):
    summary = summarise(evaluate_rankings(dev, {}))
    assert {k: row["pairs"] for k, row in summary.items()} == {
        "training": 30,
        "mentor": 30,
        "job": 20,
        "financing": 10,
        "overall": 90,
    }


def test_pair_metrics_of_a_small_ranking():
    out = pair_metrics(["b", "a", "x"], {"a": 3, "b": 1})
    # DCG = 1/log2(2) + 7/log2(3); ideal = 7/log2(2) + 1/log2(3)
    assert (out["recall@10"], out["mrr"], round(out["ndcg@5"], 4)) == (1.0, 0.5, 0.7098)


def test_missing_ranking_scores_zero():
    assert pair_metrics([], {"a": 2})["ndcg@10"] == 0.0


def test_table_layout():
    table = format_table(
        {"overall": {"pairs": 90, "ndcg@5": 0.5, "ndcg@10": 0.6, "recall@10": 0.7, "mrr": 0.8}}
    )
    assert table.splitlines() == [
        "kind       pairs  nDCG@5  nDCG@10  recall@10    MRR",
        "overall       90   0.500    0.600      0.700  0.800",
    ]


def test_engine_meets_the_quality_goal_on_dev(dev, dev_rankings):
    summary = summarise(evaluate_rankings(dev, dev_rankings))
    assert summary["overall"]["ndcg@10"] >= 0.90
    assert min(summary[k]["ndcg@10"] for k in ("training", "mentor", "job", "financing")) >= 0.85


def _tiny(tmp_path):
    profile = {
        "id": "p1",
        "role": "jobseeker",
        "bio": "I test software.",
        "goals": "QA job",
        "skills": ["Cypress"],
        "languages": ["en"],
        "city": "Lyon",
        "country": "FR",
        "open_to_remote": True,
        "digital_level": "advanced",
    }
    jobs = [
        {
            "id": f"j{i}",
            "kind": "job",
            "title": t,
            "description": t + ".",
            "skills": [],
            "languages": ["en"],
            "city": None,
            "country": None,
            "remote": True,
            "level": "advanced",
            "audience": "jobseeker",
        }
        for i, t in enumerate(["QA Lead", "Baker"])
    ]
    (tmp_path / "profiles.jsonl").write_text(json.dumps(profile) + "\n")
    (tmp_path / "opportunities.jsonl").write_text("\n".join(json.dumps(j) for j in jobs) + "\n")
    (tmp_path / "qrels.jsonl").write_text(
        json.dumps({"profile": "p1", "opportunity": "j0", "grade": 3}) + "\n"
    )
    return tmp_path


def test_cli_json_has_summary_and_pairs(tmp_path, capsys):
    main([str(_tiny(tmp_path)), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["engine"]["pairs"] == [
        {
            "profile": "p1",
            "kind": "job",
            "ndcg@5": 1.0,
            "ndcg@10": 1.0,
            "recall@10": 1.0,
            "mrr": 1.0,
        }
    ]


def test_cli_prints_engine_and_baseline_tables(tmp_path, capsys):
    main([str(_tiny(tmp_path)), "--baseline", "tfidf"])
    out = capsys.readouterr().out
    assert out.count("kind       pairs  nDCG@5") == 2 and "baseline: tfidf" in out


def test_cli_rejects_unknown_baseline(tmp_path):
    with pytest.raises(SystemExit):
        main([str(_tiny(tmp_path)), "--baseline", "bm25"])


def test_engine_and_evaluation_import_no_django():
    code = (
        "import sys, matching.evaluate, matching.engine.pipeline, matching.engine.fit;"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def _cli_error(argv, capsys):  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "Traceback" not in err
    return err


def test_cli_missing_folder_is_a_usage_error(tmp_path, capsys):
    err = _cli_error([str(tmp_path / "nowhere")], capsys)

    assert "nowhere: no such folder" in err


def test_cli_missing_file_names_it(tmp_path, capsys):
    (_tiny(tmp_path) / "qrels.jsonl").unlink()

    err = _cli_error([str(tmp_path)], capsys)

    assert "cannot read" in err and "qrels.jsonl" in err


def test_cli_malformed_jsonl_names_file_and_line(tmp_path, capsys):
    folder = _tiny(tmp_path)
    with (folder / "opportunities.jsonl").open("a") as fh:
        fh.write('{"id": "j9", "kind": "job", \n')

    err = _cli_error([str(folder)], capsys)

    assert "opportunities.jsonl line 3: invalid JSON" in err


def test_cli_invalid_field_names_file_and_line(tmp_path, capsys):
    folder = _tiny(tmp_path)
    (folder / "qrels.jsonl").write_text(
        json.dumps({"profile": "p1", "opportunity": "j0", "grade": 7}) + "\n"
    )

    err = _cli_error([str(folder)], capsys)

    assert "qrels.jsonl line 1" in err and "grade must be an integer 0-3" in err


def test_cli_error_from_the_shell_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "matching.evaluate", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )

    assert result.returncode == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr
