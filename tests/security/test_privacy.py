"""Privacy by default: her export covers every table about her, deletion removes her everywhere
while the other side of a chat keeps an anonymised conversation, employers never see what she did
not share, and every staff read of a chat is in the audit log."""

import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from rest_framework.test import APIClient

from backend.accounts.privacy import EXPORTED, NOT_PERSONAL, user_delete, user_export
from backend.profiles.models import MentorProfile, Profile
from mentoring import services as mentoring_services
from mentoring.models import (
    ConversationMember,
    Mentorship,
    MentorshipStatus,
    Message,
    ModerationAccess,
)
from tests.factories import PASSWORD, ProfileFactory
from tests.security.test_permission_matrix import RULES
from tests.security.world import World, build_world

pytestmark = pytest.mark.django_db


def _relations_to_people() -> set[tuple[str, str]]:
    targets = {get_user_model(), Profile, MentorProfile}
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                getattr(field, "concrete", False)
                and field.is_relation
                and field.related_model in targets
            ):
                found.add((model._meta.label, field.name))
    return found


def test_every_relation_to_a_person_is_exported_or_declared_not_personal():
    undecided = _relations_to_people() - set(EXPORTED) - set(NOT_PERSONAL)
    assert undecided == set(), (
        "add each to backend/accounts/privacy.py EXPORTED or NOT_PERSONAL: "
        + ", ".join(sorted(f"{m}.{f}" for m, f in undecided))
    )


def test_privacy_lists_name_no_relation_that_does_not_exist():
    relations = _relations_to_people()
    stale = {r for r in set(EXPORTED) | set(NOT_PERSONAL) if r not in relations}
    installed = {m._meta.label for m in apps.get_models()}
    assert {r for r in stale if r[0] in installed} == set()


@pytest.fixture
def world() -> World:
    return build_world()


def test_export_of_a_woman_holds_each_of_her_rows(world):
    her = world.users["jobseeker"]
    data = user_export(user=her)
    counts = {
        section: len(data[section])
        for section in (
            "matches", "mentorships", "conversations", "messages_sent", "fair_registrations",
            "interests", "applications", "role_reports", "interview_bookings",
        )
    }  # fmt: skip
    assert counts == {section: 1 for section in counts}
    assert data["profile"]["id"] == her.profile.pk
    assert "code" not in data["fair_registrations"][0]
    assert her.password not in json.dumps(data, cls=DjangoJSONEncoder)


def test_export_of_a_mentor_and_an_employer(world):
    mentor = user_export(user=world.users["mentor"])
    employer = user_export(user=world.users["employer"])
    assert mentor["mentor_profile"]["id"] == world.users["mentor"].mentor_profile.pk
    assert len(mentor["mentorships_as_mentor"]) == 1
    assert [m["organisation"] for m in employer["memberships"]] == [
        world.objects["organisation"][0].pk
    ]


def test_delete_leaves_no_row_pointing_at_her(world):
    her = world.users["jobseeker"]
    profile_id, user_id = her.profile.pk, her.pk
    assert not MentorProfile.objects.filter(user=her).exists()
    user_delete(user=her)
    left = {}
    for (label, field_name), _section in EXPORTED.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        target = model._meta.get_field(field_name).related_model
        if target is MentorProfile:
            continue  # she has none (asserted above)
        owner_id = profile_id if target is Profile else user_id
        count = model.objects.filter(**{f"{field_name}_id": owner_id}).count()
        if count:
            left[label] = count
    assert left == {}


def test_delete_ends_her_mentorship_and_keeps_the_chat_for_the_mentor(world):
    her = world.users["jobseeker"]
    conversation = world.objects["conversation"][0]
    user_delete(user=her)
    mentorship = Mentorship.objects.get(pk=world.objects["mentorship"][0].pk)
    assert (mentorship.mentee_id, mentorship.status) == (None, MentorshipStatus.ENDED)
    assert list(
        Message.objects.filter(conversation=conversation).values_list("sender", "text")
    ) == [(None, "Hi")]
    assert not ConversationMember.objects.filter(conversation=conversation, user_id=her.pk).exists()


def _chat_as_seen_by(user, conversation) -> tuple:  # type: ignore[no-untyped-def]
    """Her messages and mentorships through the API, the chat page and her mentorships page."""
    api = APIClient()
    api.force_authenticate(user)
    web = Client()
    web.force_login(user)
    return (
        api.get(f"/api/conversations/{conversation.pk}/messages/"),
        api.get("/api/mentorships/"),
        web.get(f"/conversations/{conversation.pk}/"),
        web.get("/mentoring/"),
    )


def test_mentor_sees_deleted_user_after_she_deletes_her_account(world):
    mentor = world.users["mentor"]
    conversation = world.objects["conversation"][0]
    user_delete(user=world.users["jobseeker"])
    messages, mentorships, page, listing = _chat_as_seen_by(mentor, conversation)
    assert messages.status_code == 200
    assert [(m["sender"], m["text"]) for m in _results(messages.json())] == [(None, "Hi")]
    assert [m["mentee"] for m in _results(mentorships.json())] == [
        {"user_id": None, "name": "deleted user"}
    ]
    assert page.status_code == 200
    assert "Chat with deleted user" in page.content.decode()
    assert "deleted user" in listing.content.decode()


def test_a_mentor_leaving_keeps_the_chat_for_the_woman_with_deleted_user(world):
    mentor, her = world.users["mentor"], world.users["jobseeker"]
    conversation = world.objects["conversation"][0]
    mentoring_services.message_send(
        user=mentor, conversation_id=conversation.pk, client_id="m1", text="Good luck"
    )
    user_delete(user=mentor)
    mentorship = Mentorship.objects.get(pk=world.objects["mentorship"][0].pk)
    messages, mentorships, page, listing = _chat_as_seen_by(her, conversation)
    assert (mentorship.mentor_id, mentorship.status) == (None, MentorshipStatus.ENDED)
    assert [(m["sender"], m["text"]) for m in _results(messages.json())] == [
        (None, "Good luck"),  # newest first
        (her.pk, "Hi"),
    ]
    assert [m["mentor"]["name"] for m in _results(mentorships.json())] == ["deleted user"]
    assert "Chat with deleted user" in page.content.decode()
    assert "deleted user" in listing.content.decode()


def test_a_mentor_leaving_declines_her_pending_requests():
    from tests.factories import MentorProfileFactory

    her = ProfileFactory().user
    mentor_profile = MentorProfileFactory()
    mentoring_services.mentorship_request(mentee=her, mentor_profile_id=mentor_profile.pk)
    user_delete(user=mentor_profile.user)
    assert list(Mentorship.objects.values_list("mentor", "status")) == [
        (None, MentorshipStatus.DECLINED)
    ]


def test_her_side_a_pending_request_is_withdrawn_and_gone_from_the_inbox():
    from tests.factories import MentorProfileFactory

    her = ProfileFactory().user
    mentor_profile = MentorProfileFactory()
    mentoring_services.mentorship_request(mentee=her, mentor_profile_id=mentor_profile.pk)
    user_delete(user=her)
    assert list(Mentorship.objects.values_list("mentee", "status")) == [
        (None, MentorshipStatus.WITHDRAWN)
    ]
    web = Client()
    web.force_login(mentor_profile.user)
    inbox = web.get("/mentoring/inbox/")
    assert inbox.status_code == 200
    assert "deleted user" not in inbox.content.decode()


def test_unread_email_to_the_mentor_names_a_deleted_sender(world, mailoutbox):
    conversation = world.objects["conversation"][0]
    member = ConversationMember.objects.get(conversation=conversation, user=world.users["mentor"])
    user_delete(user=world.users["jobseeker"])
    assert mentoring_services.unread_notify(member_id=member.pk) is True
    assert "deleted user" in mailoutbox[0].body


def test_delete_through_the_page_for_a_moderator_refuses_with_a_message(world):
    staff = world.users["staff"]
    ModerationAccess.objects.create(staff=staff, conversation=world.objects["conversation"][0])
    web = Client()
    web.force_login(staff)
    response = web.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "audit log must keep it" in response.content.decode()
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def _results(body: Any) -> list[dict[str, Any]]:
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _dicts(value: Any):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dicts(item)


def test_employers_never_see_what_she_did_not_share(world):
    """Every GET route, as each employer, on own and others' objects: no right_to_work, no
    country of a person, no email of a woman who has not applied, nothing of a woman who did not
    consent."""
    from events.models import Interest, Registration
    from tests.matching.factories import MatchFactory

    role = world.objects["role"][0]
    consenting = ProfileFactory(
        user__email="consenting-secret@example.org",
        employers_can_view=True,
        shared_fields=["display_name", "bio", "skills", "city"],
        right_to_work="pending",
        country="UA",
    )
    private = ProfileFactory(
        user__email="private-secret@example.org",
        employers_can_view=False,
        bio="PRIVATE-BIO-never-shown",
    )
    for profile in (consenting, private):
        MatchFactory(profile=profile, kind="job", object_id=role.pk, score=0.9)
        Interest.objects.create(role=role, profile=profile)
        Registration.objects.create(fair=world.objects["fair"][0], user=profile.user)
    leaks = []
    for employer in ("employer", "employer_unverified"):
        api = Client()
        api.force_login(world.users[employer])
        for key, rule in RULES.items():
            if rule.method != "get":
                continue
            for side in ("own", "other") if rule.kind else ("own",):
                path = rule.path.replace("{pk}", str(world.pk(rule.kind, side) if rule.kind else 0))
                response = api.get(path)
                text = response.content.decode(errors="replace")
                for secret in ("consenting-secret@", "private-secret@", "PRIVATE-BIO"):
                    if secret in text:
                        leaks.append(f"{key} as {employer} ({side}): {secret}")
                if "json" not in response.get("Content-Type", ""):
                    continue
                for item in _dicts(response.json()):
                    person = "profile_id" in item or "email" in item
                    for field in ("right_to_work", "country") if person else ("right_to_work",):
                        if field in item:
                            leaks.append(f"{key} as {employer} ({side}): {field}")
    assert leaks == []


def test_every_staff_read_of_a_conversation_is_logged(world):
    report = mentoring_services.report_create(
        reporter=world.users["jobseeker"],
        conversation=world.objects["conversation"][0],
        reason="rude",
    )
    web = Client()
    web.force_login(world.users["staff"])
    url = f"/admin/mentoring/report/{report.pk}/transcript/"
    statuses = [web.get(url).status_code for _ in range(2)]
    assert statuses == [200, 200]
    assert (
        list(ModerationAccess.objects.values_list("staff", "conversation", "report"))
        == [(world.users["staff"].pk, report.conversation_id, report.pk)] * 2
    )


def test_messages_can_only_be_read_by_staff_through_the_logged_transcript():
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    inlines = {
        inline.model._meta.label
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert "mentoring.Message" not in registered | inlines
    audit_admin = admin.site._registry[ModerationAccess]
    assert audit_admin.has_delete_permission(None) is False
