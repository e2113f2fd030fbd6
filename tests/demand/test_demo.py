"""The demo shows at least one named demand group a programme could act on."""

import pytest

from backend.accounts.models import User
from demand import selectors
from demand.demo import demand_demo_seed
from demand.models import Ask, AskStatus
from demo.seed import demo_seed


@pytest.mark.slow
@pytest.mark.django_db
def test_demand_demo_seed_shows_a_named_group_and_approved_asks() -> None:
    demo_seed()
    demand_demo_seed()
    groups = selectors.demand_groups().groups
    berlin = [g for g in groups if g.kind == "training" and g.place == "Berlin"]
    assert len(berlin) == 1
    assert berlin[0].size >= 8
    assert "ux design" in berlin[0].label
    assert Ask.objects.filter(status=AskStatus.APPROVED).count() == 3
    assert not User.objects.get(email="demo-voice-01@pathways.demo").has_usable_password()
    demand_demo_seed()
    assert User.objects.filter(email__startswith="demo-voice-").count() == 8
    assert Ask.objects.count() == 3


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["programme", "staff"])
def test_seed_demo_page_shows_a_named_group_with_its_nearest_offer(client, who: str) -> None:  # type: ignore[no-untyped-def]
    import io
    import re

    from django.core.management import call_command
    from django.urls import reverse

    from backend.core import demo_data
    from tests.factories import PASSWORD, UserFactory

    call_command("seed_demo", stdout=io.StringIO())
    if who == "programme":
        client.login(email=demo_data.PROGRAMME["email"], password=demo_data.DEMO_PASSWORD)
    else:
        client.login(email=UserFactory(role="staff").email, password=PASSWORD)
    response = client.get(reverse("voice-demand"))
    assert response.status_code == 200
    sentences = re.findall(r'<p class="demand-sentence">([^<]*)</p>', response.content.decode())
    named = [
        s
        for s in sentences
        if re.search(r"\d+ women in Berlin, .*want training in [^;]*ux design", s)
        and "the nearest offer is" in s
    ]
    assert named, sentences
