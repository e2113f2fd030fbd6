import pytest

from matching.interest import tally
from matching.models import Match
from tests.factories import EntrepreneurProfileFactory, FinancingSchemeFactory

pytestmark = pytest.mark.django_db

URL = "/api/programme-stats/financing/"


def test_tally_counts_saved_and_asked_per_scheme():
    rows = [
        (1, "saved", 3),
        (1, "requested", 2),
        (1, "accepted", 1),
        (2, "saved", 1),
        (9, "saved", 5),
    ]
    assert tally([1, 2, 3], rows) == {
        1: {"saved": 3, "asked": 3},
        2: {"saved": 1, "asked": 0},
        3: {"saved": 0, "asked": 0},
    }


def test_programme_member_sees_counts_only_for_her_schemes(
    client_for, programme_user, programme_org
):
    mine = FinancingSchemeFactory(organisation=programme_org)
    other = FinancingSchemeFactory()
    for status in ("saved", "saved", "requested", "suggested", "dismissed"):
        Match.objects.create(
            profile=EntrepreneurProfileFactory(), kind="financing", object_id=mine.pk,
            title=mine.title, score=0.5, status=status,
        )  # fmt: skip
    Match.objects.create(
        profile=EntrepreneurProfileFactory(), kind="financing", object_id=other.pk,
        title=other.title, score=0.5, status="saved",
    )  # fmt: skip
    response = client_for(programme_user).get(URL)
    assert response.status_code == 200
    assert response.json() == [
        {
            "scheme_id": mine.pk,
            "title": mine.title,
            "organisation_id": programme_org.pk,
            "published": True,
            "saved": 2,
            "asked": 1,
        }
    ]


def test_counts_are_zero_when_nobody_saved_or_asked(client_for, programme_user, programme_org):
    scheme = FinancingSchemeFactory(organisation=programme_org, published=False)
    rows = client_for(programme_user).get(URL).json()
    assert [(r["scheme_id"], r["saved"], r["asked"], r["published"]) for r in rows] == [
        (scheme.pk, 0, 0, False)
    ]


def test_response_never_names_anyone(client_for, programme_user, programme_org):
    FinancingSchemeFactory(organisation=programme_org)
    row = client_for(programme_user).get(URL).json()[0]
    assert set(row) == {"scheme_id", "title", "organisation_id", "published", "saved", "asked"}


@pytest.mark.parametrize("who", ["jobseeker", "entrepreneur", "mentor", "employer"])
def test_others_cannot_read_programme_stats(request, client_for, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


def test_anonymous_cannot_read_programme_stats(client_for):
    assert client_for(None).get(URL).status_code in (401, 403)


def test_bad_organisation_parameter_is_400(client_for, programme_user):
    response = client_for(programme_user).get(URL + "?organisation=abc")
    assert response.status_code == 400
    assert "organisation" in response.json()
