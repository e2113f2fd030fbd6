import numpy as np
import pytest

from matching.engine.columns import Vocab, opportunity_columns, profile_columns
from matching.engine.filters import (
    amount_fit,
    check,
    language_course_for,
    language_gap_only,
    pair_filters,
    teaches_language,
)
from matching.engine.wording import render_english


def test_shared_language_is_allowed(make_profile, make_opportunity):
    assert check(make_profile(), make_opportunity(languages={"ar": None})).allowed is True


def test_no_shared_language_is_excluded(make_profile, make_opportunity):
    result = check(make_profile(languages={"ar": None}), make_opportunity(languages={"de": None}))
    assert (result.allowed, result.notes) == (False, ["works in German, which you did not list"])


def test_language_below_the_level_needed_is_excluded_with_the_gap(make_profile, make_opportunity):
    result = check(make_profile(languages={"de": "A1"}), make_opportunity(languages={"de": "B2"}))
    assert (result.allowed, result.notes) == (False, ["needs German B2; you have A1"])


def test_language_at_the_level_needed_is_allowed(make_profile, make_opportunity):
    p = make_profile(languages={"de": "C1"})
    assert check(p, make_opportunity(languages={"de": "B2"})).allowed is True


def test_unknown_level_counts_as_workable(make_profile, make_opportunity):
    p = make_profile(languages={"de": None})
    assert check(p, make_opportunity(languages={"de": "B2"})).allowed is True


def test_profile_without_languages_is_not_excluded(make_profile, make_opportunity):
    assert check(make_profile(languages={}), make_opportunity(languages={"de": None})).allowed


def test_financing_in_no_language_of_hers_is_weak_not_excluded(make_profile, make_opportunity):
    p = make_profile(role="entrepreneur", languages={"fa": None}, business_stage="early")
    result = check(p, make_opportunity(kind="financing", languages={"en": None}))
    assert (result.allowed, result.weak) == (True, True)


def test_audience_must_include_her_role(make_profile, make_opportunity):
    result = check(make_profile(role="jobseeker"), make_opportunity(audience="entrepreneur"))
    assert (result.allowed, result.notes) == (False, ["only for entrepreneurs"])


def test_full_mentor_is_excluded(make_profile, make_opportunity):
    assert check(make_profile(), make_opportunity(kind="mentor", capacity=0)).allowed is False


def test_mentor_with_places_is_allowed(make_profile, make_opportunity):
    assert check(make_profile(), make_opportunity(kind="mentor", capacity=2)).allowed is True


def test_man_mentor_is_excluded_when_she_prefers_a_woman(make_profile, make_opportunity):
    p = make_profile(prefers_woman_mentor=True)
    assert check(p, make_opportunity(kind="mentor", mentor_gender="man")).allowed is False


def test_mentor_of_unknown_gender_is_kept_when_she_prefers_a_woman(make_profile, make_opportunity):
    p = make_profile(prefers_woman_mentor=True)
    assert check(p, make_opportunity(kind="mentor", mentor_gender=None)).allowed is True


def test_blocked_item_is_excluded(make_profile, make_opportunity):
    assert check(make_profile(blocked=frozenset({"o1"})), make_opportunity()).allowed is False


def _fin(make_opportunity, **kw):
    fields = {
        "kind": "financing",
        "audience": "entrepreneur",
        "amount_min_eur": 2000,
        "amount_max_eur": 10000,
        "stages": ("idea", "early"),
        "country": None,
    }
    return make_opportunity(**(fields | kw))


def _founder(make_profile, **kw):
    fields = {"role": "entrepreneur", "business_stage": "early", "funding_need_eur": 8000}
    return make_profile(**(fields | kw))


def test_financing_for_another_stage_is_excluded(make_profile, make_opportunity):
    result = check(_founder(make_profile, business_stage="growth"), _fin(make_opportunity))
    assert result.allowed is False


def test_financing_for_another_country_is_excluded(make_profile, make_opportunity):
    assert check(_founder(make_profile), _fin(make_opportunity, country="DE")).allowed is False


def test_financing_with_eligible_countries_list_is_allowed(make_profile, make_opportunity):
    o = _fin(make_opportunity, country="DE", eligible_countries=frozenset({"DE", "FR"}))
    assert check(_founder(make_profile), o).allowed is True


def test_financing_open_everywhere_is_allowed(make_profile, make_opportunity):
    assert check(_founder(make_profile), _fin(make_opportunity, country=None)).allowed is True


def test_need_far_above_the_range_is_excluded(make_profile, make_opportunity):
    p = _founder(make_profile, funding_need_eur=30000)
    assert check(p, _fin(make_opportunity)).allowed is False


def test_need_slightly_above_the_range_is_kept_with_a_note(make_profile, make_opportunity):
    result = check(_founder(make_profile, funding_need_eur=11000), _fin(make_opportunity))
    assert (result.allowed, render_english(result.penalties["amount"][1])) == (
        True,
        "goes up to 10,000 EUR, below your need of 11,000 EUR",
    )


def test_amount_fit_inside_range_is_one():
    assert amount_fit(8000, 2000, 10000) == 1.0


def test_amount_fit_fades_to_zero_at_a_quarter_outside():
    assert (amount_fit(11000, 2000, 10000), amount_fit(12500, 2000, 10000)) == (
        pytest.approx(0.6),
        0.0,
    )


def test_amount_fit_unknown_need_is_none():
    assert amount_fit(None, 2000, 10000) is None


def test_on_site_in_another_city_is_weak(make_profile, make_opportunity):
    result = check(make_profile(city="Lyon"), make_opportunity(city="Paris", remote=False))
    assert (result.allowed, result.weak) == (True, True)


def test_remote_item_elsewhere_is_normal_when_she_is_open_to_remote(make_profile, make_opportunity):
    p = make_profile(city="Lyon", open_to_remote=True)
    assert check(p, make_opportunity(city="Paris", remote=True)).weak is False


def test_remote_item_elsewhere_is_weak_when_she_wants_on_site(make_profile, make_opportunity):
    p = make_profile(city="Lyon", open_to_remote=False)
    assert check(p, make_opportunity(city="Paris", remote=True)).weak is True


def test_city_names_compare_without_case(make_profile, make_opportunity):
    p = make_profile(city="lyon ", open_to_remote=False)
    assert check(p, make_opportunity(city="Lyon", remote=False)).weak is False


def test_willing_to_relocate_keeps_it_normal_but_lower(make_profile, make_opportunity):
    p = make_profile(city="Lyon", willing_to_relocate=True)
    result = check(p, make_opportunity(city="Paris", remote=False))
    assert (result.weak, result.penalties["relocate"][0]) == (False, 0.9)


def test_schedule_she_cannot_attend_lowers_but_keeps(make_profile, make_opportunity):
    p = make_profile(availability=frozenset({"evenings"}))
    result = check(p, make_opportunity(schedule=frozenset({"daytime"})))
    assert (result.allowed, result.penalties["schedule"]) == (
        True,
        (
            0.8,
            {"code": "schedule", "params": {"schedule": ["daytime"], "availability": ["evenings"]}},
        ),
    )


def test_self_paced_suits_any_availability(make_profile, make_opportunity):
    p = make_profile(availability=frozenset({"evenings"}))
    assert (
        "schedule" not in check(p, make_opportunity(schedule=frozenset({"self_paced"}))).penalties
    )


def test_missing_childcare_lowers_on_site_items(make_profile, make_opportunity):
    p = make_profile(needs_childcare=True, city="Lyon")
    result = check(p, make_opportunity(city="Lyon", remote=False))
    assert result.penalties["childcare"] == (0.9, {"code": "no_childcare", "params": {}})


def test_childcare_does_not_matter_from_home(make_profile, make_opportunity):
    p = make_profile(needs_childcare=True, open_to_remote=True)
    assert "childcare" not in check(p, make_opportunity(remote=True)).penalties


def _vectorised(profiles, opportunities):
    vocab = Vocab.build(profiles, opportunities)
    dim = 4
    pc = profile_columns(
        profiles,
        np.zeros((len(profiles), dim), np.float32),
        np.zeros((len(profiles), dim), np.float32),
        vocab,
        np.zeros((len(profiles), len(vocab.skill_texts)), np.float32),
    )
    out = {}
    for kind in {o.kind for o in opportunities}:
        items = [o for o in opportunities if o.kind == kind]
        oc = opportunity_columns(
            kind,
            items,
            np.zeros((len(items), dim), np.float32),
            np.zeros((len(items), dim), np.float32),
            vocab,
        )
        pi = np.repeat(np.arange(len(profiles)), len(items))
        oj = np.tile(np.arange(len(items)), len(profiles))
        f = pair_filters(pc, oc, pi, oj, vocab.languages.ids.get("en", -1))
        for k in range(len(pi)):
            key = (profiles[pi[k]].id, items[oj[k]].id)
            out[key] = (bool(f.allowed[k]), bool(f.weak[k]), round(float(f.penalty[k]), 6))
    return out


def _scalar(profiles, opportunities):
    out = {}
    for p in profiles:
        for o in opportunities:
            r = check(p, o)
            penalty = float(np.prod([m for m, _ in r.penalties.values()])) if r.allowed else 1.0
            out[(p.id, o.id)] = (r.allowed, r.weak and r.allowed, round(penalty, 6))
    return out


def _kept(table):
    return {k: v if v[0] else (False, False, 1.0) for k, v in table.items()}


def test_vectorised_filters_agree_with_check_on_dev(dev):
    assert _kept(_vectorised(dev.profiles, dev.opportunities)) == _kept(
        _scalar(dev.profiles, dev.opportunities)
    )


def test_vectorised_filters_agree_on_levels_schedules_and_preferences(
    make_profile, make_opportunity
):
    profiles = [
        make_profile(
            id="a",
            languages={"de": "A1", "en": "B2"},
            availability=frozenset({"evenings"}),
            needs_childcare=True,
            prefers_woman_mentor=True,
            open_to_remote=False,
        ),
        make_profile(
            id="b", languages={"de": "C1"}, willing_to_relocate=True, blocked=frozenset({"m1"})
        ),
        make_profile(
            id="c",
            role="entrepreneur",
            business_stage="idea",
            funding_need_eur=11000,
            languages={},
            country="DE",
            city=None,
        ),
    ]
    opportunities = [
        make_opportunity(
            id="t1",
            languages={"de": "B2"},
            schedule=frozenset({"daytime"}),
            city="Lyon",
            remote=False,
        ),
        make_opportunity(id="t2", languages={"en": "C1"}, city="Paris", remote=False),
        make_opportunity(id="m1", kind="mentor", mentor_gender="man", capacity=3),
        make_opportunity(id="m2", kind="mentor", capacity=0),
        make_opportunity(
            id="f1",
            kind="financing",
            amount_min_eur=2000,
            amount_max_eur=10000,
            stages=("idea",),
            country="DE",
        ),
        make_opportunity(
            id="f2",
            kind="financing",
            amount_min_eur=2000,
            amount_max_eur=8000,
            country=None,
            eligible_countries=frozenset({"FR"}),
        ),
    ]
    assert _kept(_vectorised(profiles, opportunities)) == _kept(_scalar(profiles, opportunities))


# --- Language gaps -----------------------------------------------------------------------------

GERMAN = ["German", "Deutsch", "allemand"]


def _german_a1(make_profile, **overrides):
    return make_profile(languages={"de": "A1", "en": "B2"}, **overrides)


def test_item_hidden_only_by_her_level_is_a_gap(make_profile, make_opportunity):
    gap = language_gap_only(_german_a1(make_profile), make_opportunity(languages={"de": "B2"}))
    assert gap is not None and (gap.language, gap.needed, gap.have) == ("de", "B2", "A1")


def test_item_also_hidden_for_another_reason_is_no_gap(make_profile, make_opportunity):
    item = make_opportunity(languages={"de": "B2"}, audience="entrepreneur")
    assert language_gap_only(_german_a1(make_profile), item) is None


def test_item_in_a_language_she_does_not_speak_is_no_gap(make_profile, make_opportunity):
    assert (
        language_gap_only(_german_a1(make_profile), make_opportunity(languages={"fr": "B2"}))
        is None
    )


def test_item_she_can_join_is_no_gap(make_profile, make_opportunity):
    item = make_opportunity(languages={"de": "B2", "en": "B1"})
    assert language_gap_only(_german_a1(make_profile), item) is None


def test_financing_in_a_language_above_her_level_is_ranked_not_a_gap(
    make_profile, make_opportunity
):
    p = make_profile(role="entrepreneur", languages={"de": "A1"})
    item = make_opportunity(kind="financing", languages={"de": "B2"})
    assert language_gap_only(p, item) is None


def test_language_course_is_recognised_by_its_title_or_skills(make_opportunity):
    assert teaches_language(make_opportunity(title="Deutsch für den Beruf", skills=()), GERMAN)
    assert teaches_language(make_opportunity(title="Evening class", skills=("German",)), GERMAN)
    assert not teaches_language(make_opportunity(title="Jobs in Germany", skills=()), GERMAN)


def test_course_at_the_step_above_her_level_is_suggested(make_profile, make_opportunity):
    courses = [
        make_opportunity(id="b1", title="German B1", skills=("German",)),
        make_opportunity(id="a1", title="German A1", skills=("German",)),
        make_opportunity(id="a2", title="German A2", skills=("German",)),
    ]
    found = language_course_for(_german_a1(make_profile), "de", GERMAN, courses)
    assert found is not None and found.id == "a2"


def test_course_taught_in_a_language_she_cannot_follow_is_not_suggested(
    make_profile, make_opportunity
):
    course = make_opportunity(title="German A2", skills=("German",), languages={"fr": "B1"})
    assert language_course_for(_german_a1(make_profile), "de", GERMAN, [course]) is None


def test_course_taught_in_the_target_language_at_her_level_is_suggested(
    make_profile, make_opportunity
):
    course = make_opportunity(title="Deutsch A1-A2", skills=(), languages={"de": "A1"})
    assert language_course_for(_german_a1(make_profile), "de", GERMAN, [course]) == course


def test_no_language_course_means_no_suggestion(make_profile, make_opportunity):
    other = make_opportunity(title="SQL for Data Analysis", skills=("SQL",))
    assert language_course_for(_german_a1(make_profile), "de", GERMAN, [other]) is None
