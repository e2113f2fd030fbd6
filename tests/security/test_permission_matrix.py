"""Every route x every role x own and another's object: the status each role gets.

The routes come from the URL conf itself, so a new endpoint without a rule here fails the test
("no permission rule for <name>"). One small world, one request per cell, each in a rolled-back
savepoint so a POST in one cell cannot change what the next cell sees.

Reading a rule: R(path, kind=..., method=..., default=<status for every role>, <role>=<status> or
(<status on her own object>, <status on another's object>)). Roles: anon, js (job seeker), ent
(entrepreneur), mentor, emp (employer, verified organisation), emp_u (unverified organisation),
prog (programme), staff. Another's object must never answer 2xx/3xx with its content: 404 (or
403 for a role that never has such objects).
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.security.matrix import Rule, routes
from tests.security.world import ROLES, build_world

_SHORT = {
    "anon": "anonymous",
    "js": "jobseeker",
    "ent": "entrepreneur",
    "mentor": "mentor",
    "emp": "employer",
    "emp_u": "employer_unverified",
    "prog": "programme",
    "staff": "staff",
}


def R(
    path: str,
    *,
    default: int | tuple[int, int],
    kind: str | None = None,
    method: str = "get",
    **by_role: int | tuple[int, int],
) -> Rule:
    expect = {role: by_role.get(short, default) for short, role in _SHORT.items()}
    return Rule(path=path, expect=expect, kind=kind, method=method)


RULES: dict[str, Rule] = {
    "home": R("/", default=200),
    "healthz": R("/healthz", default=200),
    "admin": R("/admin/", default=302, staff=200),
    "account": R("/accounts/", default=200, anon=302),
    "account-export": R("/accounts/export/", default=200, anon=302),
    "account-delete": R("/accounts/delete/", default=200, anon=302),
    "language-set": R("/accounts/language/", method="post", default=302),
    "register": R("/accounts/register/", default=302, anon=200),
    "login": R("/accounts/login/", default=302, anon=200),
    "logout": R("/accounts/logout/", method="post", default=302),
    "password_change": R("/accounts/password/change/", default=200, anon=302),
    "password_change_done": R("/accounts/password/change/done/", default=200, anon=302),
    "password_reset": R("/accounts/password/reset/", default=200),
    "password_reset_done": R("/accounts/password/reset/done/", default=200),
    "password_reset_confirm": R("/accounts/password/reset/MQ/x-y/", default=200),
    "password_reset_complete": R("/accounts/password/reset/complete/", default=200),
    "profile-edit": R("/profile/", default=302, js=200, ent=200),
    "profile-step": R("/profile/step/about/", default=302, js=200, ent=200),
    "mentor-profile": R("/profile/mentor/", default=302, mentor=200),
    "profile-skill-suggestions": R("/profile/skills/suggest/", default=302, js=200, ent=200),
    "set_language": R("/i18n/setlang/", default=302),
    "api:api-register": R("/api/auth/register/", method="post", default=400),
    "api:api-token": R("/api/auth/token/", method="post", default=400),
    "api:api-me": R("/api/me/", default=200, anon=401),
    "api:organisation-list": R("/api/organisations/", default=200, anon=401),
    "api:organisation-detail": R(
        "/api/organisations/{pk}/", kind="organisation", default=404, anon=401, emp=(200, 404)
    ),
    "api:organisation-members": R(
        "/api/organisations/{pk}/members/",
        kind="organisation",
        default=404,
        anon=401,
        emp=(200, 404),
    ),
    "api:api-root": R("/api/", default=200, anon=401),
    "api:api-profile": R("/api/profile/", default=403, anon=401, js=200, ent=200),
    "api:api-mentor-profile": R("/api/mentor-profile/", default=403, anon=401, mentor=200),
    "api:api-skills": R("/api/skills/", default=200, anon=401),
    "api:training-list": R("/api/trainings/", default=200),
    "api:training-detail": R("/api/trainings/{pk}/", kind="training", default=200),
    "api:financing-scheme-list": R("/api/financing-schemes/", default=200),
    "api:financing-scheme-detail": R("/api/financing-schemes/{pk}/", kind="scheme", default=200),
    "api:match-list": R("/api/matches/", default=403, anon=401, js=200, ent=200),
    "api:match-state": R("/api/matches/state/", default=403, anon=401, js=200, ent=200),
    "api:match-dismiss": R(
        "/api/matches/{pk}/dismiss/",
        kind="match",
        method="post",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:match-save": R(
        "/api/matches/{pk}/save/",
        kind="match",
        method="post",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:mentorship-list": R("/api/mentorships/", default=200, anon=401),
    "api:mentorship-detail": R(
        "/api/mentorships/{pk}/",
        kind="mentorship",
        default=404,
        anon=401,
        js=(200, 404),
        mentor=(200, 404),
    ),
    "api:mentorship-accept": R(
        "/api/mentorships/{pk}/accept/",
        kind="mentorship",
        method="post",
        default=404,
        anon=401,
        js=(403, 404),
        mentor=(400, 404),
    ),
    "api:mentorship-decline": R(
        "/api/mentorships/{pk}/decline/",
        kind="mentorship",
        method="post",
        default=404,
        anon=401,
        js=(403, 404),
        mentor=(400, 404),
    ),
    "api:mentorship-end": R(
        "/api/mentorships/{pk}/end/",
        kind="mentorship",
        method="post",
        default=404,
        anon=401,
        js=(200, 404),
        mentor=(200, 404),
    ),
    "api:mentorship-withdraw": R(
        "/api/mentorships/{pk}/withdraw/",
        kind="mentorship",
        method="post",
        default=404,
        anon=401,
        js=(400, 404),
        mentor=(403, 404),
    ),
    "api:conversation-list": R("/api/conversations/", default=200, anon=401),
    "api:conversation-detail": R(
        "/api/conversations/{pk}/",
        kind="conversation",
        default=404,
        anon=401,
        js=(200, 404),
        mentor=(200, 404),
    ),
    "api:conversation-block": R(
        "/api/conversations/{pk}/block/",
        kind="conversation",
        method="post",
        default=404,
        anon=401,
        js=(201, 404),
        mentor=(201, 404),
    ),
    "api:conversation-messages": R(
        "/api/conversations/{pk}/messages/",
        kind="conversation",
        default=404,
        anon=401,
        js=(200, 404),
        mentor=(200, 404),
    ),
    "api:conversation-read": R(
        "/api/conversations/{pk}/read/",
        kind="conversation",
        method="post",
        default=404,
        anon=401,
        js=(400, 404),
        mentor=(400, 404),
    ),
    "api:conversation-report": R(
        "/api/conversations/{pk}/report/",
        kind="conversation",
        method="post",
        default=404,
        anon=401,
        js=(201, 404),
        mentor=(201, 404),
    ),
    "api:api-check-in": R(
        "/api/check-in/", method="post", default=403, anon=401, prog=400, staff=400
    ),
    "api:api-programme-financing-stats": R(
        "/api/programme-stats/financing/", default=403, anon=401, prog=200, staff=200
    ),
    "api:fair-list": R("/api/fairs/", default=200),
    "api:fair-detail": R("/api/fairs/{pk}/", kind="fair", default=200),
    "api:fair-cancel": R(
        "/api/fairs/{pk}/cancel/",
        kind="fair",
        method="post",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:fair-ics": R("/api/fairs/{pk}/ics/", kind="fair", default=200),
    "api:fair-register": R(
        "/api/fairs/{pk}/register/",
        kind="fair",
        method="post",
        default=403,
        anon=401,
        js=201,
        ent=201,
    ),
    "api:fair-registration-list": R(
        "/api/fair-registrations/", default=403, anon=401, js=200, ent=200
    ),
    "api:fair-registration-detail": R(
        "/api/fair-registrations/{pk}/",
        kind="registration",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:fair-registration-cancel": R(
        "/api/fair-registrations/{pk}/cancel/",
        kind="registration",
        method="post",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:fair-registration-qr": R(
        "/api/fair-registrations/{pk}/qr/",
        kind="registration",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:fair-registration-schedule": R(
        "/api/fair-registrations/{pk}/schedule/",
        kind="registration",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:fair-registration-schedule-ics": R(
        "/api/fair-registrations/{pk}/schedule/ics/",
        kind="registration",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:job-role-list": R("/api/roles/", default=200),
    "api:job-role-detail": R("/api/roles/{pk}/", kind="role", default=200),
    "api:job-role-applications": R(
        "/api/roles/{pk}/applications/", kind="role", default=404, emp=(200, 404)
    ),
    "api:job-role-candidates": R(
        "/api/roles/{pk}/candidates/", kind="role", default=404, emp=(200, 404)
    ),
    "api:job-role-close": R(
        "/api/roles/{pk}/close/", kind="role", method="post", default=404, anon=401, emp=(200, 404)
    ),
    "api:job-role-publish": R(
        "/api/roles/{pk}/publish/",
        kind="role",
        method="post",
        default=404,
        anon=401,
        emp=(200, 404),
    ),
    "api:application-list": R("/api/applications/", default=403, anon=401, js=200, ent=200),
    "api:application-detail": R(
        "/api/applications/{pk}/", kind="application", default=403, anon=401, js=(200, 404), ent=404
    ),
    "api:application-withdraw": R(
        "/api/applications/{pk}/withdraw/",
        kind="application",
        method="post",
        default=403,
        anon=401,
        js=(200, 404),
        ent=404,
    ),
    "api:interest-list": R("/api/interests/", default=403, anon=401, js=200, ent=200),
    "api:interest-detail": R(
        "/api/interests/{pk}/", kind="interest", default=403, anon=401, js=405, ent=405
    ),
    "api:slot-list": R("/api/slots/", default=200, anon=401),
    "api:slot-detail": R("/api/slots/{pk}/", kind="slot", default=200, anon=401),
    "api:booking-list": R("/api/bookings/", default=403, anon=401, js=200, ent=200),
    "api:booking-detail": R(
        "/api/bookings/{pk}/", kind="booking", default=403, anon=401, js=(200, 404), ent=404
    ),
    "api:outcome-list": R("/api/outcomes/", default=403, anon=401, emp=200, emp_u=200),
    "api:outcome-detail": R(
        "/api/outcomes/{pk}/", kind="booking", default=403, anon=401, emp=(200, 404), emp_u=404
    ),
    "api:report-list": R("/api/reports/", default=403, anon=401, js=200, ent=200),
    "api:report-detail": R(
        "/api/reports/{pk}/", kind="report", default=403, anon=401, js=(200, 404), ent=404
    ),
    "api:api-impact-funnel": R("/api/impact/funnel/", default=403, anon=401, prog=200, staff=200),
    "api:impact-outcome-list": R("/api/impact/outcomes/", default=200, anon=401),
    "api:impact-outcome-confirm": R(
        "/api/impact/outcomes/{pk}/confirm/", method="post", default=404, anon=401
    ),
    "api:impact-outcome-reject": R(
        "/api/impact/outcomes/{pk}/reject/", method="post", default=404, anon=401
    ),
    "api:api-demand-groups": R("/api/demand/groups/", default=403, anon=401, prog=200, staff=200),
    "api:api-demand-asks": R(
        "/api/demand/asks/", default=200, anon=401, mentor=403, emp=403, emp_u=403
    ),
    "api:api-demand-ask-vote": R(
        "/api/demand/asks/{pk}/vote/", method="post", default=403, anon=401, js=404, ent=404
    ),
    "api:schema": R("/api/schema/", default=200),
    "api:api-docs": R("/api/docs/", default=200),
    "matches": R("/matches/", default=302, js=200, ent=200),
    "matches-state": R("/matches/state/", default=404, anon=302),
    "matches-kind": R("/matches/training/", default=302, js=404, ent=404),
    "match-decide": R(
        "/matches/{pk}/save/", kind="match", method="post", default=404, anon=302, js=(302, 404)
    ),
    "mentoring-list": R("/mentoring/", default=200, anon=302),
    "mentoring-inbox": R("/mentoring/inbox/", default=200, anon=302),
    "mentoring-ask": R("/mentoring/ask/{pk}/", kind="mentor_profile", default=200, anon=302),
    "mentoring-action": R(
        "/mentoring/{pk}/end/",
        kind="mentorship",
        method="post",
        default=404,
        anon=302,
        js=(302, 404),
        mentor=(302, 404),
    ),
    "conversation-page": R(
        "/conversations/{pk}/",
        kind="conversation",
        default=404,
        anon=302,
        js=(200, 404),
        mentor=(200, 404),
    ),
    "training-page": R("/trainings/{pk}/", kind="training", default=200),
    "financing-page": R("/financing/{pk}/", default=404),
    "programme-dashboard": R("/programme/", default=404, anon=302, prog=200),
    "programme-item-new": R("/programme/training/new/", default=404, anon=302, prog=200),
    "programme-item-edit": R("/programme/training/{pk}/", default=404, anon=302),
    "programme-item-publish": R(
        "/programme/training/{pk}/publish/", method="post", default=404, anon=302
    ),
    "fair-list": R("/fairs/", default=200),
    "fair-detail": R("/fairs/{pk}/", kind="fair", default=200),
    "fair-register": R("/fairs/{pk}/register/", kind="fair", method="post", default=302),
    "fair-cancel": R(
        "/fairs/{pk}/cancel/", kind="fair", method="post", default=404, anon=302, js=(302, 404)
    ),
    "fair-ics": R("/fairs/{pk}/fair.ics", kind="fair", default=200),
    "registration-qr": R(
        "/fairs/registrations/{pk}/qr.svg",
        kind="registration",
        default=404,
        anon=302,
        js=(200, 404),
    ),
    "role-detail": R("/roles/{pk}/", kind="role", default=200),
    "employer-dashboard": R("/employer/", default=200, anon=302),
    "role-new": R("/employer/roles/new/", default=404, anon=302, emp=200, emp_u=200),
    "role-edit": R("/employer/roles/{pk}/", kind="role", default=404, anon=302, emp=(200, 404)),
    "role-status": R(
        "/employer/roles/{pk}/close/",
        kind="role",
        method="post",
        default=404,
        anon=302,
        emp=(302, 404),
    ),
    "impact-dashboard": R("/impact/", default=403, anon=302, prog=200, staff=200),
    "voice-demand": R("/demand/", default=403, anon=302, prog=200, staff=200),
    "voice-asks": R("/asks/", default=403, anon=302, js=200, ent=200),
    "voice-ask-vote": R("/asks/{pk}/vote/", method="post", default=403, anon=302, js=404, ent=404),
    # Job fairs in the browser (issue 5).
    "slot-book": R("/fairs/slots/{pk}/book/", kind="slot", method="post", default=302),
    "booking-cancel": R(
        "/fairs/bookings/{pk}/cancel/",
        kind="booking",
        method="post",
        default=404,
        anon=302,
        js=(302, 404),
    ),
    "check-in": R("/fairs/check-in/", default=404, anon=302, prog=200, staff=200),
    "role-interest": R("/roles/{pk}/interest/", kind="role", method="post", default=302),
    "role-report": R("/roles/{pk}/report/", kind="role", default=404, anon=302, js=200, ent=200),
    "interviews": R("/employer/interviews/", default=404, anon=302, emp=200, emp_u=200),
    "interview-outcome": R(
        "/employer/interviews/{pk}/outcome/",
        kind="booking",
        method="post",
        default=404,
        anon=302,
        emp=(302, 404),
    ),
    "role-people": R(
        "/employer/roles/{pk}/people/", kind="role", default=404, anon=302, emp=(200, 404)
    ),
    # Outcomes and the statistics opt-in (issue 8).
    "api:api-impact-statistics-consent": R(
        "/api/impact/statistics-consent/", default=403, anon=401, js=200, ent=200
    ),
    "my-outcomes": R("/impact/my-outcomes/", default=403, anon=302, js=200, ent=200),
    "outcome-confirm": R(
        "/impact/my-outcomes/{pk}/confirm/", method="post", default=403, anon=302, js=404, ent=404
    ),
    "outcome-reject": R(
        "/impact/my-outcomes/{pk}/reject/", method="post", default=403, anon=302, js=404, ent=404
    ),
    "programme-record": R("/impact/outcomes/record/", default=403, anon=302, prog=200),
    "statistics-consent": R("/impact/statistics/", default=403, anon=302, js=200, ent=200),
}


def test_every_route_has_a_permission_rule() -> None:
    keys = [route.key for route in routes()]
    missing = [f"no permission rule for {key}" for key in keys if key not in RULES]
    stale = [f"rule for a route that no longer exists: {key}" for key in RULES if key not in keys]
    assert not missing + stale, "\n".join(missing + stale)


@pytest.mark.django_db
def test_permission_matrix() -> None:
    world = build_world()
    clients = {}
    cookies = {}
    for role in ROLES:
        clients[role] = Client()
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
        cookies[role] = type(clients[role].cookies)(clients[role].cookies)
    wrong = []
    for key, rule in RULES.items():
        sides = ("own", "other") if rule.kind else ("own",)
        for role in ROLES:
            expected = rule.expect[role]
            for index, side in enumerate(sides):
                path = rule.path.replace("{pk}", str(world.pk(rule.kind, side) if rule.kind else 0))
                want = expected[index] if isinstance(expected, tuple) else expected
                # Throttle counters live in the cache: one cell must not throttle the next.
                cache.clear()
                with transaction.atomic():
                    response = getattr(clients[role], rule.method)(path)
                    transaction.set_rollback(True)
                # A logout or login in one cell must not change who the next cell is.
                clients[role].cookies = type(cookies[role])(cookies[role])
                if response.status_code != want:
                    wrong.append(f"{key} {role} {side}: {response.status_code}, expected {want}")
    assert not wrong, "\n".join(wrong)
