"""Matching tests: in-process engine state must not leak between tests."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_matching_state():  # type: ignore[no-untyped-def]
    # Indexes mirror database rows that each test rolls back; the engine and its encoder stay
    # loaded (content-addressed caches never go stale).
    from matching import vector_store

    vector_store.reset_process_indexes()
    yield
    vector_store.reset_process_indexes()


@pytest.fixture(autouse=True)
def _weights_from_environment(settings):  # type: ignore[no-untyped-def]
    """MATCHING_WEIGHTS_PATH in the environment points the tests at other fitted weights."""
    import os

    if os.environ.get("MATCHING_WEIGHTS_PATH"):
        settings.MATCHING_WEIGHTS_PATH = os.environ["MATCHING_WEIGHTS_PATH"]
