"""One small world for the security tests: every role, with an own and another's object of each kind.

"Own" objects belong to the first user of each role (or her organisation); "other" objects belong to a
second, unrelated set of users, so a role's request on an "other" object must never succeed.
"""

from dataclasses import dataclass, field
from typing import Any

from backend.accounts.models import Role as UserRole
from backend.accounts.models import User
from mentoring import services as mentoring_services
from mentoring.models import Conversation
from tests.events.factories import (
    ApplicationFactory,
    BookingFactory,
    FairFactory,
    RegistrationFactory,
    ReportFactory,
    SlotFactory,
)
from tests.factories import (
    EntrepreneurProfileFactory,
    FinancingSchemeFactory,
    MembershipFactory,
    MentorProfileFactory,
    OrganisationFactory,
    ProfileFactory,
    ProgrammeFactory,
    TrainingFactory,
    UserFactory,
)
from tests.matching.factories import MatchFactory

ROLES = (
    "anonymous",
    "jobseeker",
    "entrepreneur",
    "mentor",
    "employer",
    "employer_unverified",
    "programme",
    "staff",
)


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    # kind -> (own object, other object)
    objects: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def pk(self, kind: str, side: str) -> int:
        own, other = self.objects[kind]
        return (own if side == "own" else other).pk


def _side(
    *, jobseeker: User, mentor_profile: Any, employer_org: Any, programme_org: Any
) -> dict[str, Any]:
    """One set of related objects around one woman, one mentor, one employer and one programme."""
    from events.models import Interest

    mentorship = mentoring_services.mentorship_request(
        mentee=jobseeker, mentor_profile_id=mentor_profile.pk, message="Hello"
    )
    mentorship = mentoring_services.mentorship_accept(
        mentorship=mentorship, user=mentor_profile.user
    )
    conversation = Conversation.objects.get(mentorship=mentorship)
    mentoring_services.message_send(
        user=jobseeker, conversation_id=conversation.pk, client_id="c1", text="Hi"
    )
    fair = FairFactory(organiser=programme_org, employers=[employer_org])
    role = _role(employer_org, fair)
    registration = RegistrationFactory(fair=fair, user=jobseeker)
    slot = SlotFactory(fair=fair, organisation=employer_org, role=role)
    booking = BookingFactory(slot=slot, registration=registration)
    return {
        "organisation": employer_org,
        "programme": programme_org,
        "training": TrainingFactory(organisation=programme_org),
        "scheme": FinancingSchemeFactory(organisation=programme_org),
        "match": MatchFactory(profile=jobseeker.profile),
        "mentor_profile": mentor_profile,
        "mentorship": mentorship,
        "conversation": conversation,
        "fair": fair,
        "registration": registration,
        "role": role,
        "application": ApplicationFactory(role=role, profile=jobseeker.profile),
        "interest": Interest.objects.create(role=role, profile=jobseeker.profile),
        "slot": slot,
        "booking": booking,
        "report": ReportFactory(reporter=jobseeker, role=role, organisation=employer_org),
    }


def _role(org: Any, fair: Any) -> Any:
    from tests.factories import JobRoleFactory

    return JobRoleFactory(organisation=org, fair=fair)


def build_world() -> World:
    world = World()
    jobseeker = ProfileFactory().user
    mentor_profile = MentorProfileFactory()
    employer_org = OrganisationFactory()
    programme_org = ProgrammeFactory()
    world.users = {
        "anonymous": None,
        "jobseeker": jobseeker,
        "entrepreneur": EntrepreneurProfileFactory().user,
        "mentor": mentor_profile.user,
        "employer": MembershipFactory(organisation=employer_org).user,
        "employer_unverified": MembershipFactory(
            organisation=OrganisationFactory(verified=False, verified_at=None)
        ).user,
        "programme": MembershipFactory(
            organisation=programme_org, user__role=UserRole.PROGRAMME
        ).user,
        "staff": UserFactory(role=UserRole.STAFF, is_staff=True, is_superuser=True),
    }
    own = _side(
        jobseeker=jobseeker,
        mentor_profile=mentor_profile,
        employer_org=employer_org,
        programme_org=programme_org,
    )
    other_org = OrganisationFactory()
    other_programme = ProgrammeFactory()
    MembershipFactory(organisation=other_org)
    MembershipFactory(organisation=other_programme, user__role=UserRole.PROGRAMME)
    other = _side(
        jobseeker=ProfileFactory().user,
        mentor_profile=MentorProfileFactory(),
        employer_org=other_org,
        programme_org=other_programme,
    )
    world.objects = {kind: (own[kind], other[kind]) for kind in own}
    return world
