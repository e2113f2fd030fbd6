"""Seeding for bench/load.py: women with matches, mentors in conversations, a small catalogue.

Everything is written in bulk (no password hashing, no per-row hooks), then the matches of every
woman are computed once in this process, so the load starts with full match tabs and an idle
worker. All rows hang off users `bench-<run>-...@example.invalid` and organisations named
`bench-<run> ...`, which `load_cleanup` deletes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from chat import cleanup, setup_pairs

# One mentor for every five users: a mentor and her mentee chat, the other women only browse.
USERS_PER_MENTOR = 5
PROFILE_FIELDS_SKIPPED = frozenset({"email", "role", "display_name"})


@dataclass(frozen=True)
class SimUser:
    name: str
    role: str  # "jobseeker" or "mentor"
    token: str
    session: str
    conversation_id: int | None  # the conversation she chats in, if any


def _women_templates() -> list[dict[str, object]]:
    from backend.core import demo_data

    return [
        {k: v for k, v in w.items() if k not in PROFILE_FIELDS_SKIPPED}
        for w in demo_data.WOMEN
        if w["role"] == "jobseeker"
    ]


def _mentor_templates() -> list[dict[str, object]]:
    from backend.core import demo_data

    return [
        {k: v for k, v in m.items() if k not in PROFILE_FIELDS_SKIPPED} for m in demo_data.MENTORS
    ]


def _catalogue(run: str, copies: int) -> None:
    """The demo trainings and job roles, `copies` cohorts of each, from verified organisations."""
    from django.utils import timezone

    from backend.accounts.models import Organisation, OrganisationKind
    from backend.catalog.models import Training
    from backend.core import demo_data
    from events.models import JobRole, JobRoleStatus

    now = timezone.now()
    programme, employer = Organisation.objects.bulk_create(
        [
            Organisation(name=f"bench-{run} {kind}", kind=kind, verified=True, verified_at=now)
            for kind in (OrganisationKind.PROGRAMME, OrganisationKind.EMPLOYER)
        ]
    )
    Training.objects.bulk_create(
        [
            Training(
                **{**t, "title": f"{t['title']} (cohort {c + 1})"},
                organisation=programme,
                published=True,
                external_id=f"bench-{run}-t{c}-{i}",
            )
            for c in range(copies)
            for i, t in enumerate(demo_data.PROGRAMME["trainings"])
        ]
    )
    roles = [r for e in demo_data.EMPLOYERS for r in e["roles"]]
    JobRole.objects.bulk_create(
        [
            JobRole(
                **{**r, "title": f"{r['title']} ({c + 1})"},
                organisation=employer,
                status=JobRoleStatus.PUBLISHED,
                published_at=now,
                external_id=f"bench-{run}-r{c}-{i}",
            )
            for c in range(copies)
            for i, r in enumerate(roles)
        ]
    )


def _sessions(users: list[object]) -> dict[int, str]:
    """A signed-in web session per user, as the login view would leave it: user id -> key."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    keys = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
        store.create()
        keys[user.pk] = store.session_key  # type: ignore[attr-defined]
    return keys


def load_seed(run: str, users: int, copies: int = 5) -> list[SimUser]:
    """`users` simulated people: one mentor in five, each with one mentee to chat with."""
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from backend.accounts.models import Role, User
    from backend.profiles.models import MentorProfile, Profile
    from matching import services

    pairs = max(1, users // USERS_PER_MENTOR)
    chat = setup_pairs(run, pairs)  # migrates; mentee and mentor of each pair, with tokens
    extra = User.objects.bulk_create(
        [
            User(email=f"bench-{run}-s{i}@example.invalid", role=Role.JOBSEEKER, password="!")  # noqa: S106 - unusable
            for i in range(users - 2 * pairs)
        ]
    )
    Profile.objects.bulk_create([Profile(user=u) for u in extra])
    Token.objects.bulk_create([Token(user=u, key=Token.generate_key()) for u in extra])

    women = list(
        Profile.objects.filter(user__email__startswith=f"bench-{run}-").order_by("user_id")
    )
    for profile, template in zip(women, itertools.cycle(_women_templates()), strict=False):
        for name, value in template.items():
            setattr(profile, name, value)
    Profile.objects.bulk_update(women, fields=list(_women_templates()[0]))
    mentors = list(
        MentorProfile.objects.filter(user__email__startswith=f"bench-{run}-").order_by("user_id")
    )
    for mentor, template in zip(mentors, itertools.cycle(_mentor_templates()), strict=False):
        for name, value in template.items():
            setattr(mentor, name, value)
        # Free places left after her mentee: mentors also show up in the women's matches.
        mentor.capacity = 3
    MentorProfile.objects.bulk_update(mentors, fields=[*_mentor_templates()[0], "capacity"])
    _catalogue(run, copies)
    services.match_recompute_for_profiles(profile_ids=[p.pk for p in women])

    people = list(User.objects.filter(email__startswith=f"bench-{run}-").order_by("pk"))
    sessions = _sessions(people)
    tokens = dict(Token.objects.filter(user__in=people).values_list("user_id", "key"))
    conversation_of = {}
    for conversation_id, mentee_token, mentor_token in chat:
        conversation_of[mentee_token] = conversation_of[mentor_token] = conversation_id
    connection.close()
    return [
        SimUser(
            name=u.email.split("@")[0],
            role=u.role,
            token=tokens[u.pk],
            session=sessions[u.pk],
            conversation_id=conversation_of.get(tokens[u.pk]),
        )
        for u in people
    ]


def load_cleanup(run: str, people: list[SimUser]) -> None:
    from django.contrib.sessions.models import Session
    from django.db import connection

    from backend.accounts.models import Organisation

    Session.objects.filter(session_key__in=[p.session for p in people]).delete()
    Organisation.objects.filter(name__startswith=f"bench-{run} ").delete()
    cleanup(run)
    connection.close()
