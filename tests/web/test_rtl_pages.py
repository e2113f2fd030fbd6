"""Mentoring and fair pages, the employer and programme dashboards in Arabic: right to left and
translated."""

import pytest
from django.conf import settings

from backend.accounts.models import Role
from tests.events.factories import FairFactory
from tests.factories import MembershipFactory, MentorProfileFactory, ProgrammeFactory
from tests.mentoring.conftest import make_pair

pytestmark = pytest.mark.django_db

RTL = '<html lang="ar" dir="rtl">'


@pytest.fixture
def arabic(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return client


def test_chat_page_is_right_to_left_in_arabic(arabic):
    pair = make_pair()
    arabic.force_login(pair.mentee)
    html = arabic.get(f"/conversations/{pair.conversation.pk}/").content.decode()
    assert RTL in html
    assert "عرض الرسائل الأقدم" in html  # "Show older messages"
    assert "<style>" not in html  # its styles live in site.css, written with logical properties


def test_fair_pages_are_right_to_left_in_arabic(arabic):
    fair = FairFactory()
    html = arabic.get("/fairs/").content.decode()
    assert RTL in html
    html = arabic.get(f"/fairs/{fair.pk}/").content.decode()
    assert RTL in html
    assert "أضيفي إلى تقويمي (.ics)" in html


def test_employer_dashboard_is_right_to_left_in_arabic(arabic):
    membership = MembershipFactory(user__role=Role.EMPLOYER)
    arabic.force_login(membership.user)
    html = arabic.get("/employer/").content.decode()
    assert RTL in html
    assert "<h1>وظائفي</h1>" in html
    assert "نشر وظيفة" in html


def test_programme_dashboard_and_mentor_profile_in_arabic(arabic):
    membership = MembershipFactory(user__role=Role.PROGRAMME, organisation=ProgrammeFactory())
    arabic.force_login(membership.user)
    html = arabic.get("/programme/").content.decode()
    assert RTL in html
    assert "برامج التمويل" in html
    arabic.force_login(MentorProfileFactory().user)
    html = arabic.get("/profile/mentor/").content.decode()
    assert "<h1>ملفي كمرشدة</h1>" in html


def test_stylesheet_uses_logical_properties_only():
    css = (settings.BASE_DIR / "backend" / "static" / "css" / "site.css").read_text()
    for physical in ("margin-left", "margin-right", "padding-left", "padding-right",
                     "text-align: left", "text-align: right", "float:"):  # fmt: skip
        assert physical not in css
