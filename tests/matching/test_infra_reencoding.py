"""Saving her profile through the API re-encodes her text only when it changed.

The real chain runs: profile PATCH API -> profiles service -> matching hook -> Celery task
(eager, in-process) -> engine. Only the encoder is wrapped, to see which texts reach the model.
"""

import numpy as np
import pytest

from backend.profiles.models import Profile
from matching import adapters, ranking
from matching.embedding_store import get_cache
from matching.engine.pipeline import Engine
from matching.engine.text import profile_text
from matching.models import Match, MatchState
from tests.factories import JobRoleFactory, MentorProfileFactory, ProfileFactory, TrainingFactory
from tests.matching.helpers import CountingEncoder

pytestmark = pytest.mark.django_db

URL = "/api/profile/"


class RecordingEncoder(CountingEncoder):
    """The counting wrapper around the real encoder, keeping the texts it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode(texts)


@pytest.fixture
def recorder():  # type: ignore[no-untyped-def]
    encoder = RecordingEncoder()
    ranking.set_engine(Engine(encoder=encoder, cache=get_cache(), scorer=ranking.scorer()))
    yield encoder
    ranking.set_engine(None)


@pytest.fixture
def her(api_client):  # type: ignore[no-untyped-def]
    TrainingFactory(), JobRoleFactory(), MentorProfileFactory()
    profile = ProfileFactory()
    api_client.force_authenticate(profile.user)
    return profile


def _patch(api_client, capture, data):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        response = api_client.patch(URL, data, format="json")
    assert response.status_code == 200, response.data
    return response


def _her_text(profile: Profile) -> str:
    return profile_text(adapters.profile_to_data(Profile.objects.get(pk=profile.pk)))


def test_same_bio_saved_again_encodes_nothing(
    api_client, django_capture_on_commit_callbacks, her, recorder
):
    bio = "I kept the books of a shop in Kharkiv and want to move into data analysis."
    _patch(api_client, django_capture_on_commit_callbacks, {"bio": bio})
    assert recorder.calls > 0  # the first save did reach the model
    recorder.calls, recorder.texts = 0, []

    _patch(api_client, django_capture_on_commit_callbacks, {"bio": bio})

    assert (recorder.calls, recorder.texts) == (0, [])


def test_changed_bio_encodes_exactly_her_new_text(
    api_client, django_capture_on_commit_callbacks, her, recorder
):
    _patch(api_client, django_capture_on_commit_callbacks, {"bio": "I was a bookkeeper."})
    recorder.calls, recorder.texts = 0, []

    _patch(
        api_client,
        django_capture_on_commit_callbacks,
        {"bio": "I taught mathematics for ten years and now want to learn SQL."},
    )

    # Goals and skills are unchanged, so her focus text is too: one new text, hers.
    assert recorder.texts == [_her_text(her)]
    assert "taught mathematics" in recorder.texts[0]


def test_unchanged_profile_saved_again_does_not_recompute(
    api_client, django_capture_on_commit_callbacks, her, recorder
):
    _patch(api_client, django_capture_on_commit_callbacks, {"bio": "I was a bookkeeper."})
    state = MatchState.objects.get(profile=her)
    updated = sorted(Match.objects.filter(profile=her).values_list("pk", "updated_at"))

    _patch(api_client, django_capture_on_commit_callbacks, {"bio": "I was a bookkeeper."})

    state.refresh_from_db()
    assert (state.requested, state.computed) == (1, 1)
    assert sorted(Match.objects.filter(profile=her).values_list("pk", "updated_at")) == updated


def test_language_change_recomputes_without_encoding(
    api_client, django_capture_on_commit_callbacks, her, recorder
):
    _patch(api_client, django_capture_on_commit_callbacks, {"bio": "I was a bookkeeper."})
    recorder.calls, recorder.texts = 0, []

    _patch(
        api_client,
        django_capture_on_commit_callbacks,
        {"languages": [{"code": "en", "level": "C1"}, {"code": "fr", "level": "B2"}]},
    )

    state = MatchState.objects.get(profile=her)
    assert (state.requested, state.computed) == (2, 2)
    assert recorder.texts == []
