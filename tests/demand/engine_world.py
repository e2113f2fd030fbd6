"""A small world for tests with the real engine: women who want a beginners' data course in
Arabic in Athens, the advanced course in Greek that serves them badly, and the course that
answers them."""

from typing import Any

from backend.catalog.models import Training
from matching.models import Match
from tests.factories import TrainingFactory

WANTS = {
    "bio": "I was a shop assistant in Aleppo. I am new to computers and want to learn data analysis.",
    "goals": "Learn data analysis with Excel and become a data analyst",
    "skills": ["Excel", "customer service"],
    "languages": [{"code": "ar", "level": "native"}],
    "city": "Athens",
    "country": "GR",
    "open_to_remote": False,
    "digital_level": "beginner",
}

# What answers them, as a programme would post it.
ARABIC_COURSE: dict[str, Any] = {
    "title": "Data analysis for beginners, in Arabic",
    "description": "Evening course for beginners in Athens, taught in Arabic: Excel, data "
    "cleaning, charts and first SQL queries.",
    "skills": ["Excel", "data analysis", "SQL"],
    "languages": [{"code": "ar", "level": None}],
    "city": "Athens",
    "country": "GR",
    "remote": False,
    "level": "beginner",
    "schedule": ["evenings"],
    "published": True,
}


def advanced_course_in_greek() -> Training:
    """The nearest offer they have: too advanced, and in a language they do not list."""
    return TrainingFactory(
        title="Advanced machine learning for analysts",
        description="Advanced course: statistics, Python and machine learning for data analysts.",
        skills=["Python", "machine learning", "statistics"],
        languages=[{"code": "el", "level": "B2"}],
        level="advanced",
        remote=False,
    )


def best_score(profile_id: int) -> float:
    row = Match.objects.filter(profile_id=profile_id, kind="training").order_by("-score").first()
    return row.score if row else 0.0
