from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mentoring import services
from mentoring.models import Conversation, ConversationMember, Mentorship, MentorshipStatus
from mentoring.selectors import blocked_user_ids, mentor_free_places
from tests.factories import (
    EntrepreneurProfileFactory,
    MentorProfileFactory,
    ProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _ask(mentee, mentor_profile, message="Please mentor me"):  # type: ignore[no-untyped-def]
    return services.mentorship_request(
        mentee=mentee, mentor_profile_id=mentor_profile.pk, message=message
    )


def test_request_creates_pending_mentorship():
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    mentorship = _ask(mentee, mentor)
    assert mentorship.status == MentorshipStatus.PENDING
    assert mentorship.message == "Please mentor me"


def test_entrepreneur_can_request():
    mentee = EntrepreneurProfileFactory().user
    assert _ask(mentee, MentorProfileFactory()).status == MentorshipStatus.PENDING


def test_mentor_cannot_request_a_mentor():
    other_mentor = MentorProfileFactory()
    with pytest.raises(PermissionDenied):
        _ask(MentorProfileFactory().user, other_mentor)


def test_request_message_longer_than_1000_is_refused():
    mentee = ProfileFactory().user
    with pytest.raises(ValidationError) as exc:
        _ask(mentee, MentorProfileFactory(), message="x" * 1001)
    assert list(exc.value.message_dict) == ["message"]
    assert Mentorship.objects.count() == 0


def test_request_to_unknown_mentor_is_refused_on_the_mentor_field():
    with pytest.raises(ValidationError) as exc:
        services.mentorship_request(mentee=ProfileFactory().user, mentor_profile_id=999999)
    assert list(exc.value.message_dict) == ["mentor"]


def test_second_open_request_to_same_mentor_is_refused():
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    _ask(mentee, mentor)
    with pytest.raises(ValidationError) as exc:
        _ask(mentee, mentor)
    assert list(exc.value.message_dict) == ["mentor"]
    assert Mentorship.objects.count() == 1


def test_fourth_pending_request_is_refused():
    mentee = ProfileFactory().user
    for _ in range(3):
        _ask(mentee, MentorProfileFactory())
    with pytest.raises(ValidationError):
        _ask(mentee, MentorProfileFactory())
    assert Mentorship.objects.filter(mentee=mentee).count() == 3


def test_withdrawn_request_frees_a_pending_slot_and_allows_asking_again():
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    first = _ask(mentee, mentor)
    services.mentorship_withdraw(mentorship=first, user=mentee)
    assert _ask(mentee, mentor).status == MentorshipStatus.PENDING


def test_blocked_pair_cannot_request():
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    services.user_block(blocker=mentor.user, blocked=mentee)
    with pytest.raises(ValidationError) as exc:
        _ask(mentee, mentor)
    assert list(exc.value.message_dict) == ["mentor"]


def test_unavailable_mentor_cannot_be_asked():
    with pytest.raises(ValidationError):
        _ask(ProfileFactory().user, MentorProfileFactory(available=False))


def test_full_mentor_cannot_be_asked():
    mentor = MentorProfileFactory(capacity=1)
    services.mentorship_accept(mentorship=_ask(ProfileFactory().user, mentor), user=mentor.user)
    with pytest.raises(ValidationError):
        _ask(ProfileFactory().user, mentor)


def test_accept_opens_conversation_with_both_members():
    mentee = ProfileFactory().user
    mentor = MentorProfileFactory()
    mentorship = services.mentorship_accept(mentorship=_ask(mentee, mentor), user=mentor.user)
    assert mentorship.status == MentorshipStatus.ACCEPTED
    conversation = Conversation.objects.get(mentorship=mentorship)
    members = set(
        ConversationMember.objects.filter(conversation=conversation).values_list(
            "user_id", flat=True
        )
    )
    assert members == {mentee.pk, mentor.user_id}


def test_accept_beyond_capacity_is_refused():
    mentor = MentorProfileFactory(capacity=1)
    first = _ask(ProfileFactory().user, mentor)
    second = _ask(ProfileFactory().user, mentor)
    services.mentorship_accept(mentorship=first, user=mentor.user)
    with pytest.raises(ValidationError) as exc:
        services.mentorship_accept(mentorship=second, user=mentor.user)
    assert list(exc.value.message_dict) == ["capacity"]
    second.refresh_from_db()
    assert second.status == MentorshipStatus.PENDING


def test_only_the_mentor_can_accept():
    mentee = ProfileFactory().user
    mentorship = _ask(mentee, MentorProfileFactory())
    with pytest.raises(PermissionDenied):
        services.mentorship_accept(mentorship=mentorship, user=mentee)


def test_declined_request_cannot_be_accepted():
    mentor = MentorProfileFactory()
    mentorship = _ask(ProfileFactory().user, mentor)
    services.mentorship_decline(mentorship=mentorship, user=mentor.user)
    with pytest.raises(ValidationError) as exc:
        services.mentorship_accept(mentorship=mentorship, user=mentor.user)
    assert list(exc.value.message_dict) == ["status"]


def test_only_the_mentee_can_withdraw():
    mentor = MentorProfileFactory()
    mentorship = _ask(ProfileFactory().user, mentor)
    with pytest.raises(PermissionDenied):
        services.mentorship_withdraw(mentorship=mentorship, user=mentor.user)


def test_either_side_can_end_and_the_place_is_freed(pair):
    assert mentor_free_places(mentor_profile_ids=[pair.mentor_profile.pk]) == {
        pair.mentor_profile.pk: 1
    }
    ended = services.mentorship_end(mentorship=pair.mentorship, user=pair.mentee)
    assert ended.status == MentorshipStatus.ENDED
    assert ended.ended_by == pair.mentee
    assert mentor_free_places(mentor_profile_ids=[pair.mentor_profile.pk]) == {
        pair.mentor_profile.pk: 2
    }


def test_outsider_cannot_end(pair):
    with pytest.raises(PermissionDenied):
        services.mentorship_end(mentorship=pair.mentorship, user=UserFactory())


def test_free_places_never_below_zero_and_unknown_is_zero(pair):
    pair.mentor_profile.capacity = 0
    pair.mentor_profile.save()
    assert mentor_free_places(mentor_profile_ids=[pair.mentor_profile.pk, 987654]) == {
        pair.mentor_profile.pk: 0,
        987654: 0,
    }


def test_blocked_user_ids_holds_both_directions():
    her = UserFactory()
    blocked_by_her = UserFactory()
    blocking_her = UserFactory()
    services.user_block(blocker=her, blocked=blocked_by_her)
    services.user_block(blocker=blocking_her, blocked=her)
    assert blocked_user_ids(user=her) == {blocked_by_her.pk, blocking_her.pk}


def test_block_ends_active_mentorship(pair):
    services.user_block(blocker=pair.mentee, blocked=pair.mentor)
    pair.mentorship.refresh_from_db()
    assert pair.mentorship.status == MentorshipStatus.ENDED


def test_expire_stale_requests_expires_only_old_pending_and_is_idempotent():
    mentor = MentorProfileFactory()
    old = _ask(ProfileFactory().user, mentor)
    fresh = _ask(ProfileFactory().user, mentor)
    Mentorship.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=15))
    from mentoring.tasks import expire_stale_requests

    assert expire_stale_requests.delay().get() == 1
    assert expire_stale_requests.delay().get() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (MentorshipStatus.EXPIRED, MentorshipStatus.PENDING)
