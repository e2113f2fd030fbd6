"""Voice tests: in-process matching indexes must not leak between tests (rows roll back)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_matching_state():  # type: ignore[no-untyped-def]
    from matching import vector_store

    vector_store.reset_process_indexes()
    yield
    vector_store.reset_process_indexes()
