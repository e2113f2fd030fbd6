"""Asks: one line, hidden until approved, never with the author; one vote per woman, not her own."""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from demand import services
from demand.models import Ask, AskStatus, AskVote
from tests.factories import PASSWORD, MembershipFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

LINE = "An evening coding course with childcare in Arabic"


def _approved(text: str = LINE, **author: object) -> Ask:
    ask = services.ask_create(user=UserFactory(**author), text=text)
    services.ask_review(ask_ids=[ask.pk], approve=True)
    ask.refresh_from_db()
    return ask


def test_ask_is_pending_and_whitespace_is_tidied() -> None:
    ask = services.ask_create(user=UserFactory(role="entrepreneur"), text=f"  {LINE}\n ")
    assert (ask.text, ask.status) == (LINE, AskStatus.PENDING)


@pytest.mark.parametrize("text", ["", "   ", "x" * 201])
def test_ask_must_be_one_line_of_at_most_200_characters(text: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.ask_create(user=UserFactory(), text=text)
    assert list(exc.value.message_dict) == ["text"]
    assert Ask.objects.count() == 0


def test_at_most_five_asks_wait_for_review_per_woman() -> None:
    woman = UserFactory()
    for i in range(5):
        services.ask_create(user=woman, text=f"Ask {i}")
    with pytest.raises(ValidationError) as exc:
        services.ask_create(user=woman, text="One more")
    assert list(exc.value.message_dict) == ["text"]
    assert Ask.objects.filter(author=woman).count() == 5


@pytest.mark.parametrize("role", ["mentor", "employer", "programme", "staff"])
def test_only_women_ask(role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.ask_create(user=UserFactory(role=role), text=LINE)


def test_vote_counts_once_per_woman() -> None:
    ask = _approved()
    voter = UserFactory()
    services.ask_vote(user=voter, ask_id=ask.pk)
    with pytest.raises(ValidationError):
        services.ask_vote(user=voter, ask_id=ask.pk)
    assert AskVote.objects.filter(ask=ask).count() == 1


def test_she_cannot_vote_for_her_own_ask() -> None:
    author = UserFactory()
    ask = services.ask_create(user=author, text=LINE)
    services.ask_review(ask_ids=[ask.pk], approve=True)
    with pytest.raises(ValidationError) as exc:
        services.ask_vote(user=author, ask_id=ask.pk)
    assert list(exc.value.message_dict) == ["ask"]
    assert AskVote.objects.count() == 0


def test_pending_or_rejected_asks_cannot_be_voted_for() -> None:
    pending = services.ask_create(user=UserFactory(), text=LINE)
    rejected = services.ask_create(user=UserFactory(), text="Something else")
    services.ask_review(ask_ids=[rejected.pk], approve=False)
    for ask in (pending, rejected):
        with pytest.raises(Ask.DoesNotExist):
            services.ask_vote(user=UserFactory(), ask_id=ask.pk)


def test_api_lists_only_approved_asks_with_votes_and_no_author(api_client) -> None:  # type: ignore[no-untyped-def]
    ask = _approved(display_name="Nadia Privatename", email="nadia-secret@example.org")
    services.ask_create(user=UserFactory(), text="Still waiting for review")
    services.ask_vote(user=UserFactory(), ask_id=ask.pk)
    viewer = UserFactory()
    api_client.force_authenticate(viewer)
    response = api_client.get("/api/demand/asks/")
    assert response.json() == {
        "results": [{"id": ask.pk, "text": LINE, "votes": 1, "voted": False, "can_vote": True}]
    }
    body = response.content.decode()
    assert "Privatename" not in body and "nadia-secret" not in body and "author" not in body


def test_api_add_ask_and_vote(api_client) -> None:  # type: ignore[no-untyped-def]
    ask = _approved()
    woman = UserFactory(role="entrepreneur")
    api_client.force_authenticate(woman)
    assert api_client.post("/api/demand/asks/", {"text": "Mentors in Tigrinya"}).status_code == 201
    assert Ask.objects.get(text="Mentors in Tigrinya").status == AskStatus.PENDING
    response = api_client.post(f"/api/demand/asks/{ask.pk}/vote/")
    assert response.status_code == 201
    assert response.json() == {
        "id": ask.pk,
        "text": LINE,
        "votes": 1,
        "voted": True,
        "can_vote": False,
    }
    again = api_client.post(f"/api/demand/asks/{ask.pk}/vote/")
    assert again.status_code == 400
    assert list(again.json()) == ["ask"]


def test_api_bad_ask_is_400_per_field(api_client) -> None:  # type: ignore[no-untyped-def]
    api_client.force_authenticate(UserFactory())
    response = api_client.post("/api/demand/asks/", {"text": "y" * 201})
    assert response.status_code == 400
    assert list(response.json()) == ["text"]
    assert Ask.objects.count() == 0


def test_api_vote_for_a_hidden_ask_is_404(api_client) -> None:  # type: ignore[no-untyped-def]
    pending = services.ask_create(user=UserFactory(), text=LINE)
    api_client.force_authenticate(UserFactory())
    assert api_client.post(f"/api/demand/asks/{pending.pk}/vote/").status_code == 404
    assert api_client.post("/api/demand/asks/999999/vote/").status_code == 404


@pytest.mark.parametrize("role", ["mentor", "employer", "programme"])
def test_api_only_women_add_asks(api_client, role: str) -> None:  # type: ignore[no-untyped-def]
    api_client.force_authenticate(UserFactory(role=role))
    assert api_client.post("/api/demand/asks/", {"text": LINE}).status_code == 403


def test_programme_reads_asks_as_csv(api_client) -> None:  # type: ignore[no-untyped-def]
    ask = _approved(display_name="Nadia Privatename")
    member = MembershipFactory(organisation=ProgrammeFactory(), user__role="programme")
    api_client.force_authenticate(member.user)
    response = api_client.get("/api/demand/asks/?format=csv")
    assert response.content.decode().splitlines() == ["id,text,votes", f"{ask.pk},{LINE},0"]


def test_asks_list_is_a_fixed_number_of_queries(api_client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        _approved(text=f"Ask number {i}")
    api_client.force_authenticate(UserFactory())
    with django_assert_max_num_queries(4):
        assert len(api_client.get("/api/demand/asks/").json()["results"]) == 5


def test_asks_page_adds_an_ask_and_votes(client) -> None:  # type: ignore[no-untyped-def]
    ask = _approved(display_name="Nadia Privatename")
    woman = UserFactory()
    client.login(email=woman.email, password=PASSWORD)
    page = client.get(reverse("voice-asks"))
    assert page.status_code == 200
    assert LINE in page.content.decode() and "Privatename" not in page.content.decode()
    assert client.post(reverse("voice-asks"), {"text": "Childcare at trainings"}).status_code == 302
    assert client.post(reverse("voice-ask-vote", args=[ask.pk])).status_code == 302
    assert AskVote.objects.filter(ask=ask, voter=woman).count() == 1
    assert Ask.objects.filter(text="Childcare at trainings", status=AskStatus.PENDING).count() == 1


def test_asks_page_bad_input_is_400_and_nothing_saved(client) -> None:  # type: ignore[no-untyped-def]
    woman = UserFactory()
    client.login(email=woman.email, password=PASSWORD)
    assert client.post(reverse("voice-asks"), {"text": ""}).status_code == 400
    assert Ask.objects.count() == 0


def test_asks_page_is_for_women_only(client) -> None:  # type: ignore[no-untyped-def]
    user = UserFactory(role="mentor")
    client.login(email=user.email, password=PASSWORD)
    assert client.get(reverse("voice-asks")).status_code == 403


def test_admin_actions_approve_and_reject_without_showing_the_author(admin_client) -> None:  # type: ignore[no-untyped-def]
    ask = services.ask_create(user=UserFactory(email="hidden-author@example.org"), text=LINE)
    url = reverse("admin:voice_ask_changelist")
    response = admin_client.post(url, {"action": "approve", "_selected_action": [ask.pk]})
    assert response.status_code == 302
    ask.refresh_from_db()
    assert ask.status == AskStatus.APPROVED
    change = admin_client.get(reverse("admin:voice_ask_change", args=[ask.pk]))
    assert "hidden-author" not in change.content.decode()
    admin_client.post(url, {"action": "reject", "_selected_action": [ask.pk]})
    ask.refresh_from_db()
    assert ask.status == AskStatus.REJECTED


def test_memberships_are_not_in_the_admin() -> None:
    from demand.models import DemandMembership, DemandNotification

    assert DemandMembership not in site._registry
    assert DemandNotification not in site._registry
