"""Demo outcomes: 60 extra fictional women so the impact dashboard shows more than "<5".

Figures are rounded to 5 and hidden under 5, so the demo needs about ten first outcomes a
month over the six months the dashboard shows by default for its charts to read.

Fast on purpose: Match rows are written directly with a plausible score (no encoder run), and
profiles bypass the matching hooks. Running it twice changes nothing.
"""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Role, User
from backend.catalog.models import FinancingScheme, Training
from backend.core import demo_data
from backend.profiles.models import Profile
from events.models import Application, JobRole
from impact.models import Outcome, OutcomeKind, RecorderRole, StatisticsConsent
from matching.models import Match

EXTRA_WOMEN = 60
# Two in three opt in to the breakdowns, from a few regions, so those tables show figures too.
REGIONS = ("mena", "mena", "sca", "europe", "ssa")
RIGHTS = ("yes", "yes", "pending", "not_sure")
CITIES = (("Athens", "GR", "el"), ("Berlin", "DE", "de"), ("Lyon", "FR", "fr"))
NAMES = (
    "Aisha",
    "Nadia",
    "Yasmin",
    "Oksana",
    "Iryna",
    "Samira",
    "Hana",
    "Mariam",
    "Zainab",
    "Leila",
    "Rana",
    "Dina",
    "Tetiana",
    "Halima",
    "Noor",
    "Salma",
)
BIOS = (
    "I cooked for a restaurant for eight years and want to run my own catering.",
    "I was a primary school teacher; I want to work in childcare or training.",
    "I did bookkeeping for a family business and want an office job with Excel.",
    "I sewed and sold clothes at home and want to open a small tailoring shop.",
    "I studied IT for two years and want to become a web developer.",
)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 11, 0))


def _opportunities() -> dict[str, list[tuple[int, str]]]:
    return {
        "training": list(Training.objects.filter(published=True).values_list("pk", "title")[:6]),
        "financing": list(
            FinancingScheme.objects.filter(published=True).values_list("pk", "title")[:4]
        ),
        "job": list(JobRole.objects.filter(status="published").values_list("pk", "title")[:6]),
    }


def _woman(rng: random.Random, n: int, today: date) -> Profile:
    city, country, lang = CITIES[(n // 2) % len(CITIES)]
    role = Role.ENTREPRENEUR if n % 3 == 1 else Role.JOBSEEKER
    user = User.objects.create_user(
        email=f"demo-woman-{n:02d}@pathways.demo",
        password=None,  # unusable: these women exist for figures only, nobody logs in
        role=role,
        display_name=f"{NAMES[n % len(NAMES)]} (demo)",
    )
    registered = today - timedelta(days=10 + (n * 37) % 170)
    User.objects.filter(pk=user.pk).update(created_at=_aware(registered))
    complete = n % 8 != 0
    if n % 3:
        StatisticsConsent.objects.create(
            woman=user,
            share_origin=True,
            origin_region=REGIONS[n % len(REGIONS)],
            share_right_to_work=n % 2 == 0,
        )
    return Profile.objects.create(
        user=user,
        bio=BIOS[n % len(BIOS)] if complete else "",
        goals="Find work or start a business",
        languages=[{"code": lang, "level": "B1"}, {"code": "en", "level": "A2"}],
        city=city,
        country=country,
        digital_level="beginner",
        business_stage="idea" if role == Role.ENTREPRENEUR else "",
        right_to_work=RIGHTS[n % len(RIGHTS)],
    )


def _outcome(
    woman: User, kind: str, day: date, today: date, match: Match | None, **links: object
) -> None:
    Outcome.objects.create(
        woman=woman,
        kind=kind,
        date=min(day, today),
        match=match,
        recorded_by=woman,
        recorded_by_role=RecorderRole.WOMAN,
        confirmed_by_woman=True,
        **links,
    )


def _outcomes_for(
    rng: random.Random,
    profile: Profile,
    kind: str,
    object_id: int,
    match: Match,
    registered: date,
    today: date,
) -> None:
    step = registered + timedelta(days=rng.randint(7, 60))
    woman = profile.user
    if kind == "job":
        Application.objects.get_or_create(role_id=object_id, profile=profile)
        _outcome(woman, OutcomeKind.INTERVIEWED, step, today, match, role_id=object_id)
        if rng.random() < 0.5:
            _outcome(
                woman,
                OutcomeKind.GOT_JOB,
                step + timedelta(days=14),
                today,
                match,
                role_id=object_id,
            )
    elif kind == "training":
        _outcome(woman, OutcomeKind.FINISHED_TRAINING, step, today, match, training_id=object_id)
    else:
        _outcome(
            woman,
            OutcomeKind.RECEIVED_FUNDING,
            step,
            today,
            match,
            financing_id=object_id,
            amount_eur=rng.choice([2000, 5000, 8000]),
        )
        if rng.random() < 0.5:
            _outcome(woman, OutcomeKind.STARTED_BUSINESS, step + timedelta(days=30), today, None)


@transaction.atomic
def impact_demo_seed() -> int:
    """Add the demo women, their matches, applications and outcomes; return how many women."""
    if User.objects.filter(email="demo-woman-01@pathways.demo").exists():
        return 0
    rng = random.Random(7)
    today = timezone.localdate()
    opportunities = _opportunities()
    for n in range(1, EXTRA_WOMEN + 1):
        profile = _woman(rng, n, today)
        if not profile.bio:
            continue
        registered = timezone.localdate(User.objects.get(pk=profile.user_id).created_at)
        kinds = ["training", "financing" if profile.business_stage else "job"]
        # A funnel a funder can read: about 35 complete, 25 engaged, 16 with an outcome.
        engages, succeeds = n % 4 != 1, n % 3 != 0
        engaged: list[tuple[str, int, Match]] = []
        for kind in kinds:
            picks = rng.sample(opportunities[kind], min(3, len(opportunities[kind])))
            for i, (object_id, title) in enumerate(picks):
                if engages and i == 0:
                    status = rng.choice(["saved", "saved", "requested"])
                else:
                    status = rng.choice(["suggested", "suggested", "dismissed"])
                match = Match.objects.create(
                    profile=profile,
                    kind=kind,
                    object_id=object_id,
                    title=title[:200],
                    score=round(rng.uniform(0.35, 0.95), 3),
                    status=status,
                    reasons=[{"code": "field_profile", "params": {}}],
                )
                if status in ("saved", "requested"):
                    engaged.append((kind, object_id, match))
        if not succeeds:
            continue
        for kind, object_id, match in engaged:
            _outcomes_for(rng, profile, kind, object_id, match, registered, today)
    # The five named demo women: one confirmed, one awaiting her confirmation.
    named = list(User.objects.filter(email__in=[w["email"] for w in demo_data.WOMEN]))
    for i, user in enumerate(named[:2]):
        Outcome.objects.create(
            woman=user,
            kind=OutcomeKind.FINISHED_TRAINING,
            date=today - timedelta(days=20),
            recorded_by=user if i == 0 else None,
            recorded_by_role=RecorderRole.WOMAN if i == 0 else RecorderRole.STAFF,
            confirmed_by_woman=i == 0,
        )
    return EXTRA_WOMEN
