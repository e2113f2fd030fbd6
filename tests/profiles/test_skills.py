import pytest

from backend.profiles.models import Skill
from backend.profiles.skills import skills_normalise

pytestmark = pytest.mark.django_db


def test_known_skills_map_to_their_canonical_name_via_aliases():
    Skill.objects.create(name="Excel", aliases=["MS Excel", "spreadsheets"], curated=True)
    assert skills_normalise(["ms  excel", "Spreadsheets", "baking"]) == ["Excel", "baking"]


def test_free_text_skills_are_kept_cleaned_and_deduplicated():
    assert skills_normalise(["  data   entry ", "Data entry", ""]) == ["data entry"]


def test_suggestions_come_from_curated_vocabulary(api_client):
    from tests.factories import ProfileFactory

    Skill.objects.create(name="SQL", curated=True)
    Skill.objects.create(name="SQL tuning", curated=False)
    api_client.force_authenticate(ProfileFactory().user)
    assert api_client.get("/api/skills/", {"q": "sq"}).json() == ["SQL"]
