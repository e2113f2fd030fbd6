"""Demo demand: Ukrainian-speaking beginners in Berlin who want UX design in Ukrainian and find
only a French bootcamp in Lyon. Fictional women with unusable passwords (nobody logs in as them);
running it twice changes nothing but a new demand run."""

from __future__ import annotations

from backend.accounts.models import Role, User
from backend.profiles.services import profile_create
from demand import services
from demand.models import Ask, DemandRun
from matching.services import match_recompute_for_profiles

NAMES = ["Olena", "Iryna", "Kateryna", "Oksana", "Natalia", "Yulia", "Svitlana", "Tetiana"]
BIOS = [
    "I was a primary school teacher in Kharkiv and drew illustrations for children's books.",
    "I worked in a print shop in Odesa, making layouts for posters and leaflets.",
    "I sold clothes online from Kyiv and designed the pictures for my shop myself.",
    "I was a receptionist at a hotel in Lviv and love drawing and making things look clear.",
    "I studied architecture in Dnipro for two years before the war stopped my studies.",
    "I made wedding invitations and menus by hand in Zaporizhzhia.",
    "I was an interior decorator in Chernihiv, with sketches and colour plans for clients.",
    "I ran the social media pictures for a bakery in Mykolaiv.",
]
ASKS = [
    "A UX design course in Ukrainian, for beginners, in Berlin",
    "An evening coding course with childcare in Arabic",
    "A small loan for women who sell handmade things online",
]


def _woman(n: int) -> tuple[User, bool]:
    email = f"demo-voice-{n + 1:02d}@pathways.demo"
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    # No password: these women exist only to make demand visible.
    user = User.objects.create_user(
        email=email, password=None, role=Role.JOBSEEKER, display_name=NAMES[n]
    )
    profile_create(
        user=user,
        bio=BIOS[n] + " In Berlin I want to become a UX designer.",
        goals="Learn UX design and user research in Ukrainian, then find a junior UX designer job",
        skills=["drawing", "Canva", "UX design"],
        languages=[{"code": "uk", "level": "native"}, {"code": "de", "level": "A1"}],
        city="Berlin",
        country="DE",
        open_to_remote=False,
        digital_level="beginner",
        availability=["evenings"],
        needs_childcare=n % 2 == 0,
    )
    return user, True


def demand_demo_seed() -> DemandRun:
    """Eight demo women, three approved asks, their matches and a demand run."""
    women = [_woman(n) for n in range(len(NAMES))]
    for i, text in enumerate(ASKS):
        if not Ask.objects.filter(text=text).exists():
            ask = services.ask_create(user=women[i][0], text=text)
            services.ask_review(ask_ids=[ask.pk], approve=True)
    created = [user.profile.pk for user, new in women if new]
    if created:
        match_recompute_for_profiles(profile_ids=created)
    return services.demand_recompute()
