import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mentoring import services
from mentoring.models import Mentorship, MentorshipStatus
from tests.factories import MentorProfileFactory, ProfileFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_two_racing_accepts_for_the_last_place_let_exactly_one_through(round_):
    mentor = MentorProfileFactory(capacity=1)
    requests = [
        services.mentorship_request(mentee=ProfileFactory().user, mentor_profile_id=mentor.pk)
        for _ in range(2)
    ]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(mentorship: Mentorship) -> None:
        try:
            start.wait()
            services.mentorship_accept(mentorship=mentorship, user=mentor.user)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()  # each thread has its own connection; the test DB is dropped later

    threads = [threading.Thread(target=accept, args=(m,)) for m in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Mentorship.objects.filter(mentor=mentor, status=MentorshipStatus.ACCEPTED).count() == 1
