"""Retrieval through the in-process index, as Django runs it once a kind outgrows top_n().

With more matchable items than MATCH_RETRIEVE_TOP_N, one woman's recompute syncs the kind into
the in-process index and scores only her closest items by cosine; the stored matches must be
those an exact search over every item would have given.
"""

import numpy as np
import pytest

from backend.profiles.models import Profile
from matching import adapters, ranking, services, vector_store
from matching.models import Match
from tests.factories import ProfileFactory, TrainingFactory

pytestmark = pytest.mark.django_db

TOPICS = [
    ("Data analysis with Excel and SQL", ["Excel", "SQL"]),
    ("Bookkeeping for small businesses", ["bookkeeping", "accounting"]),
    ("Python programming for beginners", ["Python"]),
    ("Dashboards with Power BI", ["Power BI", "data analysis"]),
    ("Hairdressing and salon management", ["hairdressing"]),
    ("Forklift licence and warehouse safety", ["forklift"]),
    ("Professional cooking and food hygiene", ["cooking"]),
    ("Childcare assistant certificate", ["childcare"]),
    ("Statistics refresher for analysts", ["statistics", "Excel"]),
]


@pytest.fixture
def in_process(settings):  # type: ignore[no-untyped-def]
    settings.VECTOR_INDEX = "numpy"
    settings.MATCH_RETRIEVE_TOP_N = 4
    for title, skills in TOPICS:
        TrainingFactory(title=title, description=f"{title}: a practical course.", skills=skills)
    return settings


def _exact_top(profile: Profile, n: int) -> list[str]:
    """Her n closest trainings by cosine, from a full matrix product over all of them."""
    engine = ranking.engine()
    data = adapters.profile_to_data(profile)
    opportunities = adapters.opportunities_of("training")
    query = engine.profile_vectors([data])[0][0]
    matrix = engine.opportunity_vectors(opportunities)[0]
    order = np.argsort(-(matrix @ query), kind="stable")[:n]
    return [opportunities[i].id for i in order]


def test_recompute_retrieves_through_the_in_process_index(in_process):
    profile = ProfileFactory()

    services.match_recompute_for_profile(profile_id=profile.pk, kinds=["training"])

    assert vector_store.backend_name() == "numpy"
    encoder = ranking.encoder()
    index = vector_store.get_index(encoder.name, encoder.dim)
    # The whole kind was synced into the index, not only the items she was shown.
    assert len(index.hashes("training")) == len(TOPICS)


def test_matches_from_the_index_equal_the_exact_ranking(in_process):
    profile = ProfileFactory()
    top = _exact_top(profile, 4)
    data = adapters.profile_to_data(profile)
    expected = ranking.engine().rank(
        data, adapters.opportunities_of("training", ids=[int(i.split(":")[1]) for i in top])
    )

    services.match_recompute_for_profile(profile_id=profile.pk, kinds=["training"])

    stored = list(
        Match.objects.filter(profile=profile, kind="training")
        .order_by("-score", "object_id")
        .values_list("object_id", "score")
    )
    assert [adapters.opportunity_id("training", pk) for pk, _ in stored] == [
        m.opportunity_id for m in expected
    ]
    assert [score for _, score in stored] == pytest.approx([m.score for m in expected], abs=1e-6)
    # Fewer than all: the index really cut the candidates down to top_n().
    assert len(stored) <= 4 < len(TOPICS)


def test_index_follows_an_edited_training(in_process):
    profile = ProfileFactory()
    services.match_recompute_for_profile(profile_id=profile.pk, kinds=["training"])
    far = Match.objects.filter(profile=profile).values_list("object_id", flat=True)
    outsider = next(t for t in adapters.matchable("training") if t.pk not in set(far))
    outsider.title = "Data analyst bootcamp: Excel, SQL and dashboards"
    outsider.description = "Entry-level data analyst jobs: Excel, SQL queries and dashboards."
    outsider.skills = ["Excel", "SQL", "data analysis"]
    outsider.save()

    services.match_recompute_for_profile(profile_id=profile.pk, kinds=["training"])

    assert adapters.opportunity_id("training", outsider.pk) in _exact_top(profile, 4)
    assert Match.objects.filter(profile=profile, object_id=outsider.pk).exists()
