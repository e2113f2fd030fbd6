import pytest

from mentoring import services
from mentoring.models import ModerationAccess, Report
from tests.factories import PASSWORD, MentorProfileFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):  # type: ignore[no-untyped-def]
    assert client.login(email=user.email, password=PASSWORD)


def test_staff_reading_a_reported_conversation_is_logged(client, pair):
    services.message_send(
        user=pair.mentor,
        conversation_id=pair.conversation.pk,
        client_id="a",
        text="<script>x</script>",
    )
    report = services.report_create(reporter=pair.mentee, conversation=pair.conversation)
    staff = UserFactory(role="staff", is_staff=True, is_superuser=True)
    _login(client, staff)
    response = client.get(f"/admin/mentoring/report/{report.pk}/transcript/")
    assert response.status_code == 200
    assert b"&lt;script&gt;x&lt;/script&gt;" in response.content
    access = ModerationAccess.objects.get()
    assert (access.staff, access.conversation, access.report) == (staff, pair.conversation, report)


def test_reports_are_listed_in_the_admin(client, pair):
    services.report_create(reporter=pair.mentee, conversation=pair.conversation, reason="spam")
    _login(client, UserFactory(role="staff", is_staff=True, is_superuser=True))
    response = client.get("/admin/mentoring/report/")
    assert response.status_code == 200
    assert Report.objects.count() == 1


def test_chat_page_for_a_member(client, pair):
    _login(client, pair.mentee)
    response = client.get(f"/conversations/{pair.conversation.pk}/")
    assert response.status_code == 200
    assert b"mentoring/chat.js" in response.content


def test_chat_page_is_404_for_an_outsider(client, pair):
    _login(client, UserFactory())
    assert client.get(f"/conversations/{pair.conversation.pk}/").status_code == 404


def test_mentor_inbox_lists_and_accepts_a_request(client):
    mentor = MentorProfileFactory()
    mentee = ProfileFactory(user__display_name="Amina").user
    mentorship = services.mentorship_request(
        mentee=mentee, mentor_profile_id=mentor.pk, message="<b>hi</b>"
    )
    _login(client, mentor.user)
    page = client.get("/mentoring/inbox/")
    assert b"Amina" in page.content
    assert b"&lt;b&gt;hi&lt;/b&gt;" in page.content
    response = client.post(f"/mentoring/{mentorship.pk}/accept/", {"next": "/mentoring/inbox/"})
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == "accepted"


def test_woman_asks_a_mentor_from_the_page(client):
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    _login(client, mentee)
    response = client.post(f"/mentoring/ask/{mentor.pk}/", {"message": "Hello"})
    assert response.status_code == 302
    assert client.get("/mentoring/").status_code == 200
    assert mentee.mentorships_as_mentee.get().status == "pending"
