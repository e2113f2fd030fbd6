"""Create the demo world through the same services people use; running it twice changes nothing."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from backend.accounts.models import Organisation, OrganisationKind, Role, User
from backend.accounts.services import organisation_create, organisation_verify
from backend.catalog.models import FinancingScheme, Training
from backend.catalog.services import catalog_item_save
from backend.core import demo_data
from backend.profiles.services import mentor_profile_create, profile_create
from demand.demo import demand_demo_seed
from events.models import Fair, JobRole
from events.services import fair_create, role_save
from impact.demo import impact_demo_seed

PROFILE_KEYS = frozenset({"email", "role", "display_name"})


def _user(email: str, role: str, display_name: str, **extra: Any) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        email=email, password=demo_data.DEMO_PASSWORD, role=role, display_name=display_name, **extra
    )
    return user, True


def _organisation(name: str, kind: str, email: str, city: str, country: str) -> Organisation:
    member, _created = _user(
        email, Role.EMPLOYER if kind == OrganisationKind.EMPLOYER else Role.PROGRAMME, name
    )
    existing = Organisation.objects.filter(memberships__user=member).first()
    if existing:
        return existing
    organisation = organisation_create(
        name=name, kind=kind, admin=member, city=city, country=country
    )
    return organisation_verify(organisation=organisation)


@transaction.atomic
def demo_seed() -> list[tuple[str, str]]:
    """Return (email, role) of every demo login."""
    logins: list[tuple[str, str]] = []
    staff, _created = _user(
        demo_data.STAFF["email"],
        Role.STAFF,
        demo_data.STAFF["display_name"],
        is_staff=True,
        is_superuser=True,
    )
    logins.append((demo_data.STAFF["email"], "staff (admin)"))

    for woman in demo_data.WOMEN:
        user, created = _user(woman["email"], woman["role"], woman["display_name"])
        if created:
            profile_create(user=user, **{k: v for k, v in woman.items() if k not in PROFILE_KEYS})
        logins.append((woman["email"], woman["role"]))

    for mentor in demo_data.MENTORS:
        user, created = _user(mentor["email"], Role.MENTOR, mentor["display_name"])
        if created:
            mentor_profile_create(
                user=user, **{k: v for k, v in mentor.items() if k not in PROFILE_KEYS}
            )
        logins.append((mentor["email"], "mentor"))

    employers = []
    for employer in demo_data.EMPLOYERS:
        organisation = _organisation(
            employer["name"],
            OrganisationKind.EMPLOYER,
            employer["email"],
            employer["city"],
            employer["country"],
        )
        logins.append((employer["email"], f"employer ({organisation.name})"))
        _roles(organisation, employer["roles"])
        employers.append(organisation)

    programme = demo_data.PROGRAMME
    organisation = _organisation(
        programme["name"], OrganisationKind.PROGRAMME, programme["email"], "", ""
    )
    logins.append((programme["email"], f"programme ({organisation.name})"))
    for scheme in programme["schemes"]:
        if not FinancingScheme.objects.filter(
            organisation=organisation, title=scheme["title"]
        ).exists():
            languages = [
                {"code": lang["code"], "level": lang.get("level")} for lang in scheme["languages"]
            ]
            catalog_item_save(
                model=FinancingScheme,
                user=None,
                organisation=organisation,
                published=True,
                **{**scheme, "languages": languages},
            )
    for training in programme["trainings"]:
        if not Training.objects.filter(organisation=organisation, title=training["title"]).exists():
            catalog_item_save(
                model=Training, user=None, organisation=organisation, published=True, **training
            )
    _fair(organisation, employers, staff)
    # Enough fictional women (unusable passwords, not listed) for a demand group of five or more.
    demand_demo_seed()
    # Forty fictional women with matches and outcomes, so the impact funnel is not all "<5".
    impact_demo_seed()
    return logins


def _roles(organisation: Organisation, roles: list[dict[str, Any]]) -> list[Any]:
    saved = []
    for values in roles:
        role = JobRole.objects.filter(organisation=organisation, title=values["title"]).first()
        if role is None:
            role = role_save(user=None, organisation=organisation, status="published", **values)
        saved.append(role)
    return saved


def _fair(organiser: Organisation, employers: list[Organisation], staff: User) -> None:
    """One job fair in Athens in three weeks, with the demo employers taking part."""

    title = "RIDE digital careers fair Athens"
    if Fair.objects.filter(title=title).exists():
        return
    day = (datetime.now(ZoneInfo("Europe/Athens")) + timedelta(days=21)).date()
    starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Europe/Athens"))
    fair_create(
        user=staff,
        organiser=organiser,
        employers=employers,
        title=title,
        description="Meet employers hiring for digital roles; short interviews, CV help and "
        "childcare on site. Bring your CV if you have one.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        timezone="Europe/Athens",
        city="Athens",
        country="GR",
        venue="Technopolis, Pireos 100",
        capacity=120,
    )
