import json

import numpy as np
import pytest

from matching.engine.features import FEATURE_INDEX, FEATURES
from matching.engine.scoring import WEAK_FACTOR, WEIGHTS_PATH, Scorer, load_scorer


def test_shipped_weights_are_small():
    assert WEIGHTS_PATH.stat().st_size < 10_000


def test_shipped_weights_have_a_version_and_encoder():
    data = json.loads(WEIGHTS_PATH.read_text())
    assert (data["version"], data["encoder"]) == ("1", "minilm+usem3")


def test_all_weights_are_non_negative():
    assert all((g.coef >= 0).all() for g in load_scorer().groups)


def test_every_kind_has_a_group():
    scorer = load_scorer()
    assert {k for g in scorer.groups for k in g.kinds} == {"training", "mentor", "job", "financing"}


def test_negative_weights_are_refused():
    data = json.loads(WEIGHTS_PATH.read_text())
    data["groups"][0]["coef"][0] = -1.0
    with pytest.raises(ValueError, match="non-negative"):
        Scorer.from_json(data)


def test_json_round_trip_keeps_the_weights():
    scorer = load_scorer()
    again = Scorer.from_json(scorer.to_json())
    assert np.allclose(again.groups[0].coef, scorer.groups[0].coef, atol=1e-5)


def test_centroids_survive_int8_packing():
    scorer = load_scorer()
    again = Scorer.from_json(scorer.to_json())
    assert float(np.abs(again.centroids - scorer.centroids).max()) < 1e-3


def _row(**values):
    x = np.zeros((1, len(FEATURES)))
    for name, v in values.items():
        x[0, FEATURE_INDEX[name]] = v
    return x


def test_scores_lie_in_zero_one():
    scorer = load_scorer()
    x = np.vstack([_row(), _row(**dict.fromkeys(FEATURES, 1.0))])
    s = scorer.score("training", x, np.zeros(2, bool), np.ones(2))
    assert bool(((s >= 0) & (s <= 1)).all())


def test_more_shared_skills_never_lower_the_score():
    scorer = load_scorer()
    x = np.vstack([_row(sem_full=0.4, skill_exact=v) for v in np.linspace(0, 1, 6)])
    s = scorer.score("job", x, np.zeros(6, bool), np.ones(6))
    assert bool((np.diff(s) >= 0).all())


def test_weak_item_scores_a_fraction_of_the_same_item_kept_normal():
    scorer = load_scorer()
    x = np.vstack([_row(sem_full=0.5, level_ok=1.0)] * 2)
    s = scorer.score("mentor", x, np.array([False, True]), np.ones(2))
    assert s[1] == pytest.approx(WEAK_FACTOR * s[0])


def test_penalty_lowers_the_score():
    scorer = load_scorer()
    x = np.vstack([_row(sem_full=0.5), _row(sem_full=0.5)])
    s = scorer.score("training", x, np.zeros(2, bool), np.array([1.0, 0.8]))
    assert s[1] < s[0]
