import json

from matching.engine.wording import CODES, render_english


def _reasons(engine, profile, opportunity):
    results = engine.rank(profile, [opportunity])
    return [render_english(r) for r in results[0].reasons] if results else None


def test_reasons_are_codes_with_plain_json_params(engine, make_profile, make_opportunity):
    p = make_profile(skills=("SQL", "Python"))
    reasons = engine.rank(p, [make_opportunity(skills=("Python", "SQL"))])[0].reasons
    assert {"code": "skills", "params": {"verb_kind": "training", "skills": ["Python", "SQL"]}} in (
        reasons
    )
    assert json.loads(json.dumps(reasons)) == reasons and {r["code"] for r in reasons} <= CODES


def test_one_to_four_reasons(engine, make_profile, make_opportunity):
    assert 1 <= len(_reasons(engine, make_profile(), make_opportunity())) <= 4


def test_shared_skill_is_named(engine, make_profile, make_opportunity):
    reasons = _reasons(engine, make_profile(skills=("SQL",)), make_opportunity(skills=("SQL",)))
    assert "teaches SQL, which you list as a skill" in reasons


def test_shared_local_language_is_named(engine, make_profile, make_opportunity):
    p = make_profile(languages={"ar": None, "en": None}, skills=())
    reasons = _reasons(engine, p, make_opportunity(languages={"ar": None}, skills=(), level=None))
    assert "you both speak Arabic" in reasons


def test_remote_is_explained(engine, make_profile, make_opportunity):
    reasons = _reasons(engine, make_profile(open_to_remote=True), make_opportunity(remote=True))
    assert "remote — you can join from home" in reasons


def test_amount_fit_is_explained(engine, make_profile, make_opportunity):
    p = make_profile(
        role="entrepreneur",
        business_stage="early",
        funding_need_eur=8000,
        skills=(),
        goals="A loan for my bakery",
    )
    o = make_opportunity(
        kind="financing",
        title="Microloan",
        amount_min_eur=2000,
        amount_max_eur=15000,
        level=None,
        skills=(),
        description="Small loans for new food businesses.",
    )
    assert "amounts from 2,000 EUR to 15,000 EUR fit your need of 8,000 EUR" in _reasons(
        engine, p, o
    )


def test_schedule_clash_is_noted(engine, make_profile, make_opportunity):
    p = make_profile(availability=frozenset({"evenings"}))
    reasons = _reasons(engine, p, make_opportunity(schedule=frozenset({"daytime"})))
    assert reasons[-1] == "daytime only — you said evenings"


def test_missing_childcare_is_noted(engine, make_profile, make_opportunity):
    p = make_profile(needs_childcare=True, city="Lyon")
    reasons = _reasons(engine, p, make_opportunity(city="Lyon", remote=False))
    assert "no childcare offered" in reasons


def test_on_site_elsewhere_is_noted(engine, make_profile, make_opportunity):
    reasons = _reasons(
        engine,
        make_profile(city="Lyon", open_to_remote=False),
        make_opportunity(city="Paris", remote=False),
    )
    assert "on site in Paris, not where you live" in reasons


def test_language_gap_on_a_kept_item_is_noted(engine, make_profile, make_opportunity):
    p = make_profile(languages={"de": "A1", "en": "C1"})
    reasons = _reasons(engine, p, make_opportunity(languages={"de": "B2", "en": "B2"}))
    assert "needs German B2; you have A1" in reasons


def test_matching_level_is_explained(engine, make_profile, make_opportunity):
    p = make_profile(digital_level="beginner", skills=())
    reasons = _reasons(engine, p, make_opportunity(level="beginner", skills=()))
    assert "for beginner level, like you" in reasons


def test_candidate_reasons_speak_about_her(engine, make_profile, make_opportunity):
    p = make_profile(skills=("SQL",), city="Lyon")
    job = make_opportunity(
        kind="job", audience="jobseeker", skills=("SQL",), city="Lyon", remote=False
    )
    reasons = [render_english(r) for r in engine.rank_candidates(job, [p])[0].reasons]
    assert "lists SQL, which you ask for" in reasons and "lives in Lyon" in reasons


def test_candidate_notes_name_her_constraints(engine, make_profile, make_opportunity):
    p = make_profile(needs_childcare=True, open_to_remote=False, city="Lyon")
    reasons = engine.rank_candidates(make_opportunity(city="Lyon", remote=False), [p])[0].reasons
    assert reasons[-1] == {"code": "her_childcare", "params": {}}


def test_language_course_is_worded_in_english():
    course = {"code": "language_course", "params": {"title": "Deutsch A2", "language": "de"}}
    assert render_english(course) == "“Deutsch A2” teaches German and can help you get there"
