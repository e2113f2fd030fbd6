"""The demand maths on synthetic vectors: groups, names, facts, nearest offer, determinism."""

import numpy as np

from matching.engine import demand
from matching.engine.types import OpportunityData, ProfileData


def _woman(i: int, **kw: object) -> ProfileData:
    base: dict[str, object] = {
        "id": str(i),
        "role": "jobseeker",
        "bio": "",
        "goals": "",
        "skills": (),
        "languages": {"ar": "native"},
        "city": "Athens",
        "country": "GR",
        "open_to_remote": False,
        "digital_level": "beginner",
    }
    base.update(kw)
    return ProfileData(**base)  # type: ignore[arg-type]


def _two_blobs(n: int = 6, dim: int = 16, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a, b = np.zeros(dim), np.zeros(dim)
    a[0], b[1] = 1.0, 1.0
    rows = [a + 0.05 * rng.standard_normal(dim) for _ in range(n)]
    rows += [b + 0.05 * rng.standard_normal(dim) for _ in range(n)]
    return np.array(rows)


def test_cluster_finds_two_clear_groups() -> None:
    x = demand._normalise(_two_blobs())
    labels = demand.cluster(x)
    assert labels.tolist() == [0] * 6 + [1] * 6


def test_cluster_does_not_split_off_groups_below_min_size() -> None:
    x = demand._normalise(_two_blobs(n=6))
    x = np.vstack([x[:6], x[6:9]])  # six and three
    assert demand.cluster(x).tolist() == [0] * 6 + [1] * 3
    assert demand.cluster(x, min_size=5).tolist() == [0] * 9


def test_facts_leave_out_languages_she_only_starts() -> None:
    women = [_woman(i, languages={"uk": "native", "de": "A1"}) for i in range(3)]
    assert demand.facts(women).languages == ("uk",)


def test_cluster_is_deterministic() -> None:
    x = demand._normalise(_two_blobs(n=9, seed=3))
    assert demand.cluster(x).tolist() == demand.cluster(x.copy()).tolist()


def test_cluster_without_structure_is_one_group() -> None:
    x = np.tile(np.array([[1.0, 0.0, 0.0]]), (7, 1))
    assert demand.cluster(x).tolist() == [0] * 7


def test_cluster_of_few_rows_is_one_group() -> None:
    assert demand.cluster(demand._normalise(_two_blobs(n=1))).tolist() == [0, 0]


def test_group_separates_cities_with_the_same_wish() -> None:
    women = [_woman(i, city="Athens") for i in range(5)] + [
        _woman(i + 5, city="Berlin", country="DE") for i in range(5)
    ]
    vectors = np.tile(np.eye(8)[0], (10, 1)) + 0.01 * np.random.default_rng(0).random((10, 8))
    assert demand.group(vectors, women).tolist() == [0] * 5 + [1] * 5


def test_group_separates_languages_with_the_same_wish_and_city() -> None:
    women = [_woman(i, languages={"ar": "native"}) for i in range(5)] + [
        _woman(i + 5, languages={"uk": "native", "de": "A1"}) for i in range(5)
    ]
    vectors = np.tile(np.eye(8)[0], (10, 1)) + 0.01 * np.random.default_rng(0).random((10, 8))
    assert demand.group(vectors, women).tolist() == [0] * 5 + [1] * 5


def test_feature_matrix_ignores_languages_she_only_starts() -> None:
    a = _woman(1, languages={"uk": "native"})
    b = _woman(2, languages={"uk": "native", "de": "A2"})
    x = demand.feature_matrix(np.tile(np.eye(4)[0], (2, 1)), [a, b])
    assert np.allclose(x[0], x[1])


def test_telling_terms_prefer_what_is_frequent_here_and_rare_elsewhere() -> None:
    docs = [
        ["data analysis", "excel", "data analysis", "english"],
        ["ux design", "figma", "ux design", "english"],
    ]
    assert demand.telling_terms(docs, top=2) == [["data analysis", "excel"], ["ux design", "figma"]]


def test_terms_of_takes_skills_and_goal_phrases_without_stopwords() -> None:
    woman = _woman(1, skills=("Excel",), goals="I want to learn data analysis, or coding")
    assert demand.terms_of(woman) == ["excel", "data analysis", "data analysis", "coding"]


def test_facts_are_the_common_place_languages_and_level() -> None:
    women = [_woman(i, languages={"ar": "native", "en": "B1"}) for i in range(3)]
    women += [_woman(3, languages={"ar": "native"}, digital_level="intermediate")]
    f = demand.facts(women)
    assert f == demand.Facts(place="Athens", languages=("ar", "en"), level="beginner")


def test_facts_say_remote_when_spread_out_and_open_to_remote() -> None:
    women = [_woman(i, city=c, open_to_remote=True) for i, c in enumerate(["A", "B", "C"])]
    assert demand.facts(women).place == "remote"


def test_nearest_is_the_closest_row_to_the_centroid() -> None:
    center = demand.centroid(np.array([[1.0, 0.1], [1.0, -0.1]]))
    assert demand.nearest(center, np.array([[0.0, 1.0], [0.9, 0.1], [1.0, 1.0]])) == 1
    assert demand.nearest(center, np.zeros((0, 2))) is None


def test_misfit_names_level_language_and_place() -> None:
    f = demand.Facts(place="Athens", languages=("ar", "en"), level="beginner")
    course = OpportunityData(
        id="training:1",
        kind="training",
        title="Advanced analytics",
        description="",
        languages={"el": "B2"},
        city="Thessaloniki",
        remote=False,
        level="advanced",
    )
    why = demand.misfit(f, course)
    assert why == [
        {"code": "demand_level", "params": {"offered": "advanced", "level": "beginner"}},
        {"code": "demand_language", "params": {"languages": ["el"]}},
        {"code": "demand_place", "params": {"city": "Thessaloniki"}},
    ]
    assert [demand.why_english(w) for w in why] == [
        "advanced level, they are beginners",
        "in Greek",
        "on site in Thessaloniki",
    ]


def test_misfit_keeps_notes_about_the_offer_and_drops_those_addressed_to_her() -> None:
    f = demand.Facts(place="Athens", languages=("ar",), level="beginner")
    for_founders = OpportunityData(
        id="training:2",
        kind="training",
        title="Founders' bootcamp",
        description="",
        city="Athens",
        schedule=frozenset({"mornings"}),
        audience="entrepreneur",
    )
    assert demand.misfit(f, for_founders) == [
        {"code": "audience_only", "params": {"audience": "entrepreneur"}}
    ]


def test_describe_is_a_code_with_params_not_words() -> None:
    f = demand.Facts(place="Athens", languages=("ar", "en"), level="beginner")
    d = demand.describe(size=37, kind="training", label="data analysis", f=f, offer=None)
    assert d == {
        "code": "demand_group",
        "params": {
            "size": 37,
            "kind": "training",
            "label": "data analysis",
            "place": "Athens",
            "languages": ["ar", "en"],
            "level": "beginner",
            "offer": None,
        },
    }


def test_describe_reads_as_one_sentence_in_english() -> None:
    f = demand.Facts(place="Athens", languages=("ar", "en"), level="beginner")
    d = demand.describe(
        size=37, kind="training", label="data analysis", f=f, offer="Advanced analytics"
    )
    text = demand.describe_english(
        d, [{"code": "demand_language", "params": {"languages": ["el"]}}]
    )
    assert text == (
        "37 women in Athens, Arabic or English, beginners, want training in data analysis; "
        "the nearest offer is Advanced analytics (in Greek)"
    )
