import numpy as np
import pytest

from matching.engine.features import FEATURE_INDEX, level_gap
from matching.engine.skills import normalise_skill, skill_overlap


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("MS Excel", "microsoft excel"),
        ("Accessibility (WCAG)", "accessibility"),
        ("NodeJS", "node"),
        ("  Google   Sheets ", "google sheets"),
        ("C#", "c#"),
    ],
)
def test_skill_names_are_normalised(written, normal):
    assert normalise_skill(written) == normal


def test_overlap_pairs_her_skill_with_its_skill():
    assert skill_overlap(("ms excel", "SQL"), ("MS Excel", "Python")) == [("ms excel", "MS Excel")]


def test_overlap_counts_a_skill_once():
    assert skill_overlap(("SQL",), ("SQL", "sql")) == [("SQL", "SQL")]


def test_level_gap_is_none_for_all_levels(make_profile, make_opportunity):
    assert level_gap(make_profile(), make_opportunity(level=None)) is None


def test_level_gap_counts_steps_above_her(make_profile, make_opportunity):
    p = make_profile(digital_level="beginner")
    assert level_gap(p, make_opportunity(level="advanced")) == 2


def test_entrepreneur_is_compared_by_business_stage_when_closer(make_profile, make_opportunity):
    p = make_profile(role="entrepreneur", digital_level="advanced", business_stage="idea")
    assert level_gap(p, make_opportunity(level="beginner")) == 0


def test_entrepreneur_keeps_digital_level_when_closer(make_profile, make_opportunity):
    p = make_profile(role="entrepreneur", digital_level="advanced", business_stage="idea")
    assert level_gap(p, make_opportunity(level="advanced")) == 0


def _features(engine, profile, opportunity):
    [(_, batch)] = engine.all_pairs([profile], [opportunity])
    return batch.X[0]


def test_exact_skill_share(engine, make_profile, make_opportunity):
    x = _features(engine, make_profile(skills=("SQL",)), make_opportunity(skills=("SQL", "Excel")))
    assert x[FEATURE_INDEX["skill_exact"]] == 0.5


def test_soft_skill_is_one_for_identical_skills(engine, make_profile, make_opportunity):
    x = _features(engine, make_profile(skills=("SQL",)), make_opportunity(skills=("SQL",)))
    assert x[FEATURE_INDEX["skill_soft"]] == pytest.approx(1.0, abs=1e-5)


def test_training_one_step_above_is_ok(engine, make_profile, make_opportunity):
    x = _features(
        engine, make_profile(digital_level="beginner"), make_opportunity(level="intermediate")
    )
    assert (x[FEATURE_INDEX["level_ok"]], x[FEATURE_INDEX["level_exact"]]) == (1.0, 0.0)


def test_job_one_step_below_is_ok(engine, make_profile, make_opportunity):
    x = _features(
        engine,
        make_profile(digital_level="advanced"),
        make_opportunity(kind="job", audience="jobseeker", level="intermediate"),
    )
    assert x[FEATURE_INDEX["level_ok"]] == 1.0


def test_job_one_step_above_is_not_ok(engine, make_profile, make_opportunity):
    x = _features(
        engine,
        make_profile(digital_level="beginner"),
        make_opportunity(kind="job", audience="jobseeker", level="intermediate"),
    )
    assert (x[FEATURE_INDEX["level_ok"]], x[FEATURE_INDEX["level_near"]]) == (0.0, 1.0)


def test_two_steps_off_is_not_near(engine, make_profile, make_opportunity):
    x = _features(
        engine, make_profile(digital_level="beginner"), make_opportunity(level="advanced")
    )
    assert x[FEATURE_INDEX["level_near"]] == 0.0


def test_online_only_item_misses_place_preference_of_on_site_seeker(
    engine, make_profile, make_opportunity
):
    x = _features(engine, make_profile(open_to_remote=False), make_opportunity(city=None))
    assert x[FEATURE_INDEX["place_pref"]] == 0.0


def test_shared_local_language(engine, make_profile, make_opportunity):
    x = _features(
        engine,
        make_profile(languages={"ar": None, "en": None}),
        make_opportunity(languages={"ar": None, "en": None}),
    )
    assert x[FEATURE_INDEX["local_language"]] == 1.0


def test_english_alone_is_not_a_local_language(engine, make_profile, make_opportunity):
    x = _features(
        engine,
        make_profile(languages={"ar": None, "en": None}),
        make_opportunity(languages={"en": None}),
    )
    assert x[FEATURE_INDEX["local_language"]] == 0.0


def test_lifts_are_zero_outside_financing(engine, make_profile, make_opportunity):
    x = _features(engine, make_profile(), make_opportunity())
    assert float(np.abs(x[FEATURE_INDEX["lift_full"] :]).sum()) == 0.0


def test_financing_amount_fit_feature(engine, make_profile, make_opportunity):
    p = make_profile(role="entrepreneur", business_stage="early", funding_need_eur=11000)
    o = make_opportunity(kind="financing", amount_min_eur=2000, amount_max_eur=10000, level=None)
    assert _features(engine, p, o)[FEATURE_INDEX["amount_fit"]] == pytest.approx(0.6)
