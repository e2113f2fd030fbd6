"""factory_boy factories for every model tests need; each builds a valid, realistic row."""

import factory
from django.utils import timezone

from backend.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import MentorProfile, Profile
from events.models import JobRole, JobRoleStatus

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Faker("first_name")
    role = Role.JOBSEEKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, role=Role.JOBSEEKER)
    bio = "I worked as an accountant in Aleppo. I want to learn data analysis with Excel and SQL."
    goals = "Find an entry-level data analyst job"
    skills = ["Excel", "bookkeeping"]
    languages = [{"code": "ar", "level": "native"}, {"code": "en", "level": "B1"}]
    city = "Athens"
    country = "GR"
    open_to_remote = True
    digital_level = "beginner"


class EntrepreneurProfileFactory(ProfileFactory):
    user = factory.SubFactory(UserFactory, role=Role.ENTREPRENEUR)
    bio = "I run a small catering business from home and want to open a food truck."
    goals = "A loan for a food truck"
    skills = ["cooking", "menu costing"]
    business_stage = "early"
    funding_need_eur = 12000


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    user = factory.SubFactory(UserFactory, role=Role.MENTOR)
    headline = "Data analyst, ten years in retail"
    bio = "I help women start a career in data analysis: SQL, Excel, dashboards."
    expertise = ["SQL", "Excel", "data analysis"]
    languages = [{"code": "en", "level": "native"}, {"code": "ar", "level": "C1"}]
    city = "Athens"
    country = "GR"
    remote = True
    capacity = 2
    gender = "woman"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.EMPLOYER
    verified = True
    verified_at = factory.LazyFunction(timezone.now)


class ProgrammeFactory(OrganisationFactory):
    kind = OrganisationKind.PROGRAMME


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.EMPLOYER)
    organisation = factory.SubFactory(OrganisationFactory)
    is_admin = True


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    organisation = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Data analysis with Excel and SQL {n}")
    description = (
        "A twelve-week evening course for beginners: spreadsheets, SQL queries and dashboards."
    )
    skills = ["Excel", "SQL", "data analysis"]
    languages = [{"code": "en", "level": "B1"}]
    city = "Athens"
    country = "GR"
    remote = True
    level = "beginner"
    audience = "any"
    schedule = ["evenings"]
    published = True


class FinancingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingScheme

    organisation = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Women founders microloan {n}")
    description = "Microloans for women who start or grow a small business, with mentoring."
    languages = [{"code": "en", "level": None}]
    amount_min_eur = 2000
    amount_max_eur = 15000
    stages = ["idea", "early"]
    eligible_countries = []
    audience = "entrepreneur"
    published = True


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Junior data analyst {n}")
    description = "Entry-level role cleaning data and building weekly reports in Excel and SQL."
    skills = ["Excel", "SQL"]
    languages = [{"code": "en", "level": "B1"}]
    city = "Athens"
    country = "GR"
    remote = False
    level = "beginner"
    status = JobRoleStatus.PUBLISHED
