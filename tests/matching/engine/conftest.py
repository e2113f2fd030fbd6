"""Engine fixtures: the real encoder and the shipped weights, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from matching.engine.dataset import DEV_SET, Dataset, load_dataset
from matching.engine.pipeline import Engine
from matching.engine.types import OpportunityData, ProfileData

DEV = DEV_SET


@pytest.fixture(scope="session")
def dev() -> Dataset:
    return load_dataset(DEV)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


@pytest.fixture(scope="session")
def dev_rankings(dev: Dataset, engine: Engine) -> dict[str, dict[str, list[str]]]:
    from matching.evaluate import engine_rankings

    return engine_rankings(dev, engine)


def _profile(**overrides: object) -> ProfileData:
    fields: dict[str, object] = {
        "id": "p1",
        "role": "jobseeker",
        "bio": "I worked two years in IT support and want to learn SQL for data analysis.",
        "goals": "Get a job as a data analyst",
        "skills": ("SQL", "Excel"),
        "languages": {"en": None, "ar": None},
        "city": "Lyon",
        "country": "FR",
        "open_to_remote": True,
        "digital_level": "intermediate",
    }
    fields.update(overrides)
    return ProfileData(**fields)  # type: ignore[arg-type]


def _opportunity(**overrides: object) -> OpportunityData:
    fields: dict[str, object] = {
        "id": "o1",
        "kind": "training",
        "title": "SQL for Data Analysis",
        "description": "A practical course on writing SQL queries and building reports.",
        "skills": ("SQL", "reporting"),
        "languages": {"en": None},
        "city": None,
        "country": None,
        "remote": True,
        "level": "intermediate",
        "audience": "any",
    }
    fields.update(overrides)
    return OpportunityData(**fields)  # type: ignore[arg-type]


@pytest.fixture
def make_profile() -> Callable[..., ProfileData]:
    return _profile


@pytest.fixture
def make_opportunity() -> Callable[..., OpportunityData]:
    return _opportunity
