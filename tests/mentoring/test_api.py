import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring import services
from mentoring.models import Block, Mentorship, MentorshipStatus, Message, Report
from tests.factories import MentorProfileFactory, ProfileFactory, UserFactory
from tests.mentoring.conftest import make_pair

pytestmark = pytest.mark.django_db


def _send(pair, n, sender=None):  # type: ignore[no-untyped-def]
    sender = sender or pair.mentor
    return [
        services.message_send(
            user=sender, conversation_id=pair.conversation.pk, client_id=f"c{i}", text=f"m{i}"
        )[0]
        for i in range(n)
    ]


def test_woman_requests_a_mentor(api_client):
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    api_client.force_authenticate(mentee)
    response = api_client.post(
        "/api/mentorships/", {"mentor": mentor.pk, "message": "Hi!"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert response.json()["my_role"] == "mentee"


def test_request_with_long_message_is_400_on_message_and_creates_nothing(api_client):
    api_client.force_authenticate(ProfileFactory().user)
    response = api_client.post(
        "/api/mentorships/",
        {"mentor": MentorProfileFactory().pk, "message": "x" * 1001},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["message"]
    assert Mentorship.objects.count() == 0


def test_request_with_bad_mentor_id_is_400_on_mentor(api_client):
    api_client.force_authenticate(ProfileFactory().user)
    response = api_client.post("/api/mentorships/", {"mentor": "abc"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["mentor"]


def test_mentor_cannot_create_a_request(api_client):
    api_client.force_authenticate(MentorProfileFactory().user)
    response = api_client.post(
        "/api/mentorships/", {"mentor": MentorProfileFactory().pk}, format="json"
    )
    assert response.status_code == 403


def test_mentor_accepts_then_mentee_ends(api_client):
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    mentorship = services.mentorship_request(mentee=mentee, mentor_profile_id=mentor.pk)
    api_client.force_authenticate(mentor.user)
    accepted = api_client.post(f"/api/mentorships/{mentorship.pk}/accept/")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["conversation"] is not None
    api_client.force_authenticate(mentee)
    ended = api_client.post(f"/api/mentorships/{mentorship.pk}/end/")
    assert ended.json()["status"] == "ended"


def test_mentee_cannot_accept_her_own_request(api_client):
    mentee = ProfileFactory().user
    mentorship = services.mentorship_request(
        mentee=mentee, mentor_profile_id=MentorProfileFactory().pk
    )
    api_client.force_authenticate(mentee)
    assert api_client.post(f"/api/mentorships/{mentorship.pk}/accept/").status_code == 403


def test_decline_twice_is_400_on_status(api_client):
    mentor = MentorProfileFactory()
    mentorship = services.mentorship_request(
        mentee=ProfileFactory().user, mentor_profile_id=mentor.pk
    )
    api_client.force_authenticate(mentor.user)
    api_client.post(f"/api/mentorships/{mentorship.pk}/decline/")
    response = api_client.post(f"/api/mentorships/{mentorship.pk}/decline/")
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_outsider_gets_404_on_a_mentorship(api_client, pair):
    api_client.force_authenticate(UserFactory())
    assert api_client.get(f"/api/mentorships/{pair.mentorship.pk}/").status_code == 404
    assert api_client.post(f"/api/mentorships/{pair.mentorship.pk}/end/").status_code == 404


def test_mentorship_list_has_a_fixed_number_of_queries(api_client):
    mentor = MentorProfileFactory(capacity=10)
    for _ in range(3):
        services.mentorship_request(mentee=ProfileFactory().user, mentor_profile_id=mentor.pk)
    api_client.force_authenticate(mentor.user)
    with CaptureQueriesContext(connection) as few:
        api_client.get("/api/mentorships/")
    for _ in range(3):
        services.mentorship_request(mentee=ProfileFactory().user, mentor_profile_id=mentor.pk)
    with CaptureQueriesContext(connection) as more:
        response = api_client.get("/api/mentorships/?role=mentor&status=pending")
    assert response.json()["count"] == 6
    assert len(more.captured_queries) == len(few.captured_queries)


def test_conversation_list_shows_unread_counts_without_n_plus_one(api_client):
    mentee = ProfileFactory().user
    pairs = []
    for n in range(3):
        pair = make_pair()
        pairs.append(pair)
        _send(pair, n + 1)
    api_client.force_authenticate(pairs[0].mentor)
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/conversations/")
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["unread_count"] == 0  # her own messages are not unread for her
    api_client.force_authenticate(pairs[2].mentee)
    response = api_client.get("/api/conversations/")
    assert response.json()["results"][0]["unread_count"] == 3
    assert response.json()["results"][0]["other"]["user_id"] == pairs[2].mentor.pk
    assert len(queries.captured_queries) <= 4
    assert mentee  # an unrelated woman sees none of them
    api_client.force_authenticate(mentee)
    assert api_client.get("/api/conversations/").json()["count"] == 0


def test_conversation_list_query_count_does_not_grow_with_conversations(api_client):
    mentor = MentorProfileFactory(capacity=10)

    def add_conversation():  # type: ignore[no-untyped-def]
        mentee = ProfileFactory().user
        m = services.mentorship_request(mentee=mentee, mentor_profile_id=mentor.pk)
        services.mentorship_accept(mentorship=m, user=mentor.user)
        services.message_send(
            user=mentee, conversation_id=m.conversation.pk, client_id="x", text="hi"
        )

    add_conversation()
    api_client.force_authenticate(mentor.user)
    with CaptureQueriesContext(connection) as one:
        api_client.get("/api/conversations/")
    for _ in range(4):
        add_conversation()
    with CaptureQueriesContext(connection) as five:
        response = api_client.get("/api/conversations/")
    assert [c["unread_count"] for c in response.json()["results"]] == [1] * 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_mark_read_clears_unread_count(api_client, pair):
    messages = _send(pair, 3)
    api_client.force_authenticate(pair.mentee)
    response = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/read/", {"up_to": messages[1].pk}, format="json"
    )
    assert response.json() == {"up_to": messages[1].pk}
    assert api_client.get("/api/conversations/").json()["results"][0]["unread_count"] == 1


def test_mark_read_with_bad_value_is_400(api_client, pair):
    api_client.force_authenticate(pair.mentee)
    response = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/read/", {"up_to": "x"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["up_to"]


def test_history_is_cursor_paginated_newest_first(api_client, pair):
    messages = _send(pair, 5)
    api_client.force_authenticate(pair.mentee)
    first = api_client.get(
        f"/api/conversations/{pair.conversation.pk}/messages/?page_size=3"
    ).json()
    assert [m["id"] for m in first["results"]] == [m.pk for m in reversed(messages)][:3]
    second = api_client.get(first["next"]).json()
    assert [m["id"] for m in second["results"]] == [messages[1].pk, messages[0].pk]
    assert second["next"] is None


def test_history_query_count_is_fixed(api_client, pair):
    _send(pair, 2)
    api_client.force_authenticate(pair.mentee)
    url = f"/api/conversations/{pair.conversation.pk}/messages/"
    with CaptureQueriesContext(connection) as few:
        api_client.get(url)
    services.mentorship_end(mentorship=pair.mentorship, user=pair.mentee)
    Message.objects.bulk_create(
        [
            Message(conversation=pair.conversation, sender=pair.mentor, client_id=f"b{i}", text="x")
            for i in range(30)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        api_client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_outsider_gets_404_on_history_read_report_block(api_client, pair):
    api_client.force_authenticate(UserFactory())
    base = f"/api/conversations/{pair.conversation.pk}/"
    assert api_client.get(base).status_code == 404
    assert api_client.get(base + "messages/").status_code == 404
    assert api_client.post(base + "read/", {"up_to": 1}, format="json").status_code == 404
    assert api_client.post(base + "report/", {}, format="json").status_code == 404
    assert api_client.post(base + "block/").status_code == 404


def test_send_over_rest_is_idempotent_by_client_id(api_client, pair):
    api_client.force_authenticate(pair.mentee)
    url = f"/api/conversations/{pair.conversation.pk}/messages/"
    first = api_client.post(url, {"client_id": "r1", "text": "hello"}, format="json")
    again = api_client.post(url, {"client_id": "r1", "text": "hello"}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_send_empty_over_rest_is_400_on_text(api_client, pair):
    api_client.force_authenticate(pair.mentee)
    response = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/messages/",
        {"client_id": "r1", "text": "   "},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["text"]


def test_report_a_message(api_client, pair):
    message = _send(pair, 1)[0]
    api_client.force_authenticate(pair.mentee)
    response = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/report/",
        {"message": message.pk, "reason": "rude"},
        format="json",
    )
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.reporter, report.message, report.reason) == (pair.mentee, message, "rude")


def test_report_of_a_message_from_another_conversation_is_400(api_client, pair):
    other = make_pair()
    foreign = _send(other, 1)[0]
    api_client.force_authenticate(pair.mentee)
    response = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/report/", {"message": foreign.pk}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["message"]
    assert Report.objects.count() == 0


def test_block_the_other_member(api_client, pair):
    api_client.force_authenticate(pair.mentor)
    response = api_client.post(f"/api/conversations/{pair.conversation.pk}/block/")
    assert response.status_code == 201
    assert Block.objects.filter(blocker=pair.mentor, blocked=pair.mentee).count() == 1
    pair.mentorship.refresh_from_db()
    assert pair.mentorship.status == MentorshipStatus.ENDED
    send = api_client.post(
        f"/api/conversations/{pair.conversation.pk}/messages/",
        {"client_id": "after-block", "text": "hello?"},
        format="json",
    )
    assert send.status_code == 400


def test_unread_count_sums_her_conversations(pair):
    from mentoring.selectors import unread_count

    other = make_pair()
    _send(pair, 2)
    services.message_send(
        user=pair.mentee, conversation_id=pair.conversation.pk, client_id="own", text="mine"
    )
    _send(other, 1)
    assert unread_count(user=pair.mentee) == 2
    assert unread_count(user=pair.mentor) == 1
