"""End to end in a real Chromium: a woman registers, onboards, sees explained matches and saves one
without a reload; the interface in Arabic is right to left; axe-core finds no serious violation;
screenshots at phone and desktop widths; a mentee and a mentor chat live.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.accounts.models import User
from tests.factories import (
    PASSWORD,
    JobRoleFactory,
    MentorProfileFactory,
    ProfileFactory,
    TrainingFactory,
)

pytestmark = [pytest.mark.slow]


@pytest.fixture(autouse=True, scope="module")
def _allow_orm_beside_playwright_loop():  # type: ignore[no-untyped-def]
    """Playwright's sync API keeps an event loop in this thread; the ORM calls between browser steps
    are plain synchronous test code, which Django would otherwise refuse next to a loop. Scoped to
    these tests (module scope, so it is set before the database fixtures) and removed after."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BIO = (
    "I was an accountant in Aleppo for eight years. I like numbers and spreadsheets and I want "
    "to learn data analysis with Excel and SQL."
)


@pytest.fixture
def opportunities() -> None:
    """Something for her to be matched to: trainings, a mentor with a free place, a job role."""
    TrainingFactory(title="Data analysis with Excel and SQL")
    TrainingFactory(
        title="Web design for beginners",
        description="HTML, CSS and a portfolio site in eight weeks.",
        skills=["HTML", "CSS"],
    )
    MentorProfileFactory(user__email="layla@example.org", user__display_name="Layla")
    JobRoleFactory(title="Junior data analyst")


def _woman_with_matches(email: str = "amina@example.org"):  # type: ignore[no-untyped-def]
    """A woman with stored matches, so pages show real cards without running the engine here."""
    from matching.models import Match

    profile = ProfileFactory(user__email=email, user__display_name="Amina")
    rows = [
        ("training", "Data analysis with Excel and SQL", 0.91,
         ["teaches SQL, which you want to learn", "remote — you can join from home"]),
        ("training", "Web design for beginners", 0.64, ["for beginner level, like you"]),
        ("mentor", "Layla — Data analyst, ten years in retail", 0.88,
         ["you both speak Arabic", "knows Excel, which you list as a skill"]),
        ("job", "Junior data analyst", 0.72, ["in Athens, where you live"]),
    ]  # fmt: skip
    for i, (kind, title, score, reasons) in enumerate(rows, start=1):
        Match.objects.create(
            profile=profile, kind=kind, object_id=i, title=title, score=score, reasons=reasons,
            summary="Twelve evenings online: spreadsheets, SQL queries and a dashboard project.",
        )  # fmt: skip
    return profile


def _page(browser, base: str, viewport: dict[str, int] = PHONE):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, base_url=base, locale="en-GB")
    page = context.new_page()
    # The first recompute in a fresh server loads the embedding model.
    page.set_default_timeout(60_000)
    return page


def _log_in(page, email: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def _register_and_onboard(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.locator("main").get_by_role("link", name="Create your profile").click()
    page.get_by_label("Job seeker").check()
    page.get_by_label("What should we call you?").fill("Amina")
    page.get_by_label("Email").fill("amina@example.org")
    page.get_by_label("Password").fill("a-long-enough-secret-9")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/profile/")
    page.get_by_role("link", name="Start with step 1").click()

    assert page.get_by_text("Step 1 of 4").is_visible()
    page.get_by_label("Tell us about yourself").fill(BIO)
    page.get_by_label("What do you want to do next?").fill("An entry-level data analyst job")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/profile/step/skills/")
    assert page.get_by_text("Step 2 of 4").is_visible()
    page.get_by_label("Your skills").fill("Excel, bookkeeping")
    # Suggestions come from htmx while she types; ticking one adds it.
    page.get_by_label("Search the list").fill("sq")
    page.locator("#skill-suggestions").get_by_label("SQL").check()
    page.get_by_label("Intermediate").check()
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/profile/step/place/")
    assert page.get_by_text("Step 3 of 4").is_visible()
    page.get_by_label("Language 1", exact=True).select_option("ar")
    page.get_by_label("Level of language 1").select_option("native")
    page.get_by_label("Language 2", exact=True).select_option("en")
    page.get_by_label("Level of language 2").select_option("B1")
    page.get_by_label("City or town where you live").fill("Athens")
    page.get_by_label("Country", exact=True).select_option("GR")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/profile/step/consent/")
    assert page.get_by_text("Step 4 of 4").is_visible()
    page.get_by_label("Employers may find my profile").check()
    page.get_by_role("button", name="Save and see my matches").click()
    page.wait_for_url("**/matches/")


def test_woman_registers_onboards_and_saves_an_explained_match(
    browser, app_server, opportunities, screenshot_dir: Path
):  # type: ignore[no-untyped-def]
    page = _page(browser, app_server)
    _register_and_onboard(page)

    profile = User.objects.get(email="amina@example.org").profile
    assert profile.skills[:3] == ["Excel", "bookkeeping", "SQL"]
    assert profile.languages == [{"code": "ar", "level": "native"}, {"code": "en", "level": "B1"}]

    cards = page.locator("li.card")
    assert cards.count() >= 1
    first = cards.first
    assert first.locator(".chips li").count() >= 1  # every match says why
    assert "Data analysis with Excel and SQL" in page.locator("main").inner_text()

    # Saved in place: the page is not reloaded (a marker on window survives) and the card updates.
    page.evaluate("window.__noReload = true")
    first.get_by_role("button", name="Save").click()
    page.locator("li.card.saved").first.wait_for()
    assert page.evaluate("window.__noReload === true")
    assert profile.matches.filter(status="saved").count() == 1

    page.get_by_role("link", name="Mentors").click()
    assert page.locator("li.card").count() >= 1
    page.get_by_role("link", name="Jobs").click()
    assert "Junior data analyst" in page.locator("main").inner_text()


def test_switching_to_arabic_turns_the_page_right_to_left(
    browser, app_server, screenshot_dir: Path
):  # type: ignore[no-untyped-def]
    _woman_with_matches()
    page = _page(browser, app_server)
    _log_in(page, "amina@example.org")
    page.goto("/matches/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "نتائجي" in page.locator("h1").inner_text()
    # Remembered: her account keeps it, and the next page is still in Arabic.
    assert User.objects.get(email="amina@example.org").preferred_language == "ar"
    page.screenshot(path=screenshot_dir / "matches-arabic-phone.png", full_page=True)
    page.goto("/profile/step/place/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=screenshot_dir / "onboarding-place-arabic-phone.png", full_page=True)


def _serious(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_no_serious_accessibility_violations(browser, app_server):  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: dict[str, list[str]] = {}
    page = _page(browser, app_server, DESKTOP)
    for path in ["/", "/accounts/register/", "/accounts/login/", "/accounts/password/reset/"]:
        page.goto(path)
        problems[path] = _serious(axe.run(page))

    _woman_with_matches()
    _log_in(page, "amina@example.org")
    pages = [
        "/profile/",
        "/profile/step/about/",
        "/profile/step/skills/",
        "/profile/step/place/",
        "/profile/step/consent/",
        "/matches/",
        "/matches/mentors/",
        "/accounts/",
        "/accounts/delete/",
    ]
    for path in pages:
        page.goto(path)
        problems[path] = _serious(axe.run(page))
    page.goto("/matches/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    problems["/matches/ (ar)"] = _serious(axe.run(page))
    assert {path: found for path, found in problems.items() if found} == {}


def test_screenshots_at_phone_and_desktop_widths(browser, app_server, screenshot_dir: Path):  # type: ignore[no-untyped-def]
    _woman_with_matches()
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = _page(browser, app_server, viewport)
        for path, slug in (("/", "landing"), ("/accounts/register/", "register")):
            page.goto(path)
            page.screenshot(path=screenshot_dir / f"{slug}-{name}.png", full_page=True)
        _log_in(page, "amina@example.org")
        shots = [
            ("/profile/step/about/", "onboarding-about"),
            ("/profile/step/place/", "onboarding-place"),
            ("/matches/", "matches"),
            ("/accounts/", "account"),
        ]
        for path, slug in shots:
            page.goto(path)
            page.screenshot(path=screenshot_dir / f"{slug}-{name}.png", full_page=True)
        # The page must not scroll sideways on a phone.
        page.goto("/matches/")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: {overflow}px of horizontal scroll"
        page.context.close()
    assert len(list(screenshot_dir.glob("*-phone.png"))) >= 6


def test_list_page_transfer_is_small(browser, app_server):  # type: ignore[no-untyped-def]
    _woman_with_matches()
    page = _page(browser, app_server)
    _log_in(page, "amina@example.org")
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto("/matches/")
    page.wait_for_load_state("networkidle")
    assert sum(sizes) < 200_000


def test_mentee_asks_mentor_accepts_and_both_chat_live(browser, app_server):  # type: ignore[no-untyped-def]
    mentor = MentorProfileFactory(user__email="layla@example.org", user__display_name="Layla")
    ProfileFactory(user__email="amina@example.org", user__display_name="Amina")

    amina = _page(browser, app_server)
    _log_in(amina, "amina@example.org")
    amina.goto(f"/mentoring/ask/{mentor.pk}/")
    amina.locator("main textarea").fill("Hello Layla, could you help me start in data analysis?")
    amina.get_by_role("button", name="Send request").click()
    amina.wait_for_load_state()

    layla = _page(browser, app_server, DESKTOP)  # a second browser context: another person
    _log_in(layla, "layla@example.org")
    layla.goto("/mentoring/inbox/")
    assert "Amina" in layla.locator("main").inner_text()
    layla.get_by_role("button", name="Accept").click()
    layla.wait_for_load_state()
    layla.goto("/mentoring/")
    layla.get_by_role("link", name="Open chat").click()
    amina.goto("/mentoring/")
    amina.get_by_role("link", name="Open chat").click()
    for page in (amina, layla):
        # A locator, not wait_for_function: the CSP (script-src 'self') forbids its eval.
        page.locator("#chat-status", has_text="Connected").wait_for()
        page.evaluate("window.__noReload = true")

    amina.locator("#chat-text").fill("Thank you for accepting!")
    amina.get_by_role("button", name="Send").click()
    layla.locator("#chat-log li", has_text="Thank you for accepting!").wait_for(timeout=15_000)

    layla.locator("#chat-text").fill("Welcome! Let us start with Excel.")
    layla.get_by_role("button", name="Send").click()
    amina.locator("#chat-log li", has_text="Let us start with Excel").wait_for(timeout=15_000)

    for page in (amina, layla):
        assert page.evaluate("window.__noReload === true")
    assert re.search(r"Thank you for accepting", layla.locator("#chat-log").inner_text())


def test_saving_a_match_works_without_javascript(browser, app_server):  # type: ignore[no-untyped-def]
    profile = _woman_with_matches()
    context = browser.new_context(viewport=PHONE, base_url=app_server, java_script_enabled=False)
    page = context.new_page()
    _log_in(page, "amina@example.org")
    page.goto("/matches/")
    page.locator("li.card").first.get_by_role("button", name="Save").click()
    page.wait_for_url("**/matches/")
    assert page.locator("li.card.saved").count() == 1
    page.locator("li.card").nth(1).get_by_role("button", name="Not for me").click()
    page.wait_for_url("**/matches/")
    assert "Web design for beginners" not in page.locator("main").inner_text()
    assert profile.matches.filter(status="dismissed").count() == 1
    context.close()


def _work_pages_world():  # type: ignore[no-untyped-def]
    """A programme member, an employer, a mentor in an active mentorship and an open fair."""
    from backend.accounts.models import Role
    from matching.models import Match
    from tests.events.factories import FairFactory
    from tests.factories import (
        EntrepreneurProfileFactory,
        FinancingSchemeFactory,
        MembershipFactory,
        OrganisationFactory,
        ProgrammeFactory,
    )
    from tests.mentoring.conftest import make_pair

    programme = ProgrammeFactory(name="Start Strong")
    MembershipFactory(
        user__email="nadia@example.org", user__role=Role.PROGRAMME, organisation=programme
    )
    scheme = FinancingSchemeFactory(organisation=programme, title="Women founders microloan")
    TrainingFactory(organisation=programme, title="Bookkeeping for small shops", published=False)
    Match.objects.create(
        profile=EntrepreneurProfileFactory(), kind="financing", object_id=scheme.pk,
        title=scheme.title, score=0.8, status="saved",
    )  # fmt: skip
    employer = OrganisationFactory(name="Athens Data Co")
    MembershipFactory(
        user__email="eleni@example.org", user__role=Role.EMPLOYER, organisation=employer
    )
    JobRoleFactory(organisation=employer, title="Junior data analyst")
    fair = FairFactory(title="Athens digital jobs fair")
    fair.employers.add(employer)
    pair = make_pair(user__email="layla@example.org", user__display_name="Layla")
    return {"fair": fair, "conversation": pair.conversation.pk, "scheme": scheme.pk}


def test_work_pages_pass_axe_and_fit_phone_and_desktop(browser, app_server, screenshot_dir):  # type: ignore[no-untyped-def]
    """Programme dashboard, mentor profile, fairs, employer dashboard and chat: no serious axe
    violation, no sideways scroll on a phone, screenshots at both widths (and the chat in Arabic)."""
    from axe_playwright_python.sync_playwright import Axe

    world = _work_pages_world()
    axe = Axe()
    visits = [
        ("nadia@example.org", "/programme/", "programme-dashboard"),
        ("nadia@example.org", "/programme/financing/new/", "programme-financing-new"),
        ("nadia@example.org", f"/financing/{world['scheme']}/", "financing-detail"),
        ("layla@example.org", "/profile/mentor/", "mentor-profile"),
        ("layla@example.org", f"/conversations/{world['conversation']}/", "chat"),
        ("eleni@example.org", "/employer/", "employer-dashboard"),
        ("eleni@example.org", "/employer/roles/new/", "role-new"),
        ("eleni@example.org", "/fairs/", "fair-list"),
        ("eleni@example.org", f"/fairs/{world['fair'].pk}/", "fair-detail"),
    ]
    problems: dict[str, list[str]] = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        pages: dict[str, object] = {}
        for email, path, slug in visits:
            if email not in pages:
                pages[email] = _page(browser, app_server, viewport)
                _log_in(pages[email], email)
            page = pages[email]
            page.goto(path)
            page.screenshot(path=screenshot_dir / f"{slug}-{name}.png", full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} {name}: {overflow}px of horizontal scroll"
            if name == "desktop":
                problems[path] = _serious(axe.run(page))
        chat = pages["layla@example.org"]
        chat.goto(f"/conversations/{world['conversation']}/")
        chat.locator("#lang-select").select_option("ar")
        chat.locator("form.lang button").click()
        chat.wait_for_load_state()
        assert chat.locator("html").get_attribute("dir") == "rtl"
        chat.screenshot(path=screenshot_dir / f"chat-arabic-{name}.png", full_page=True)
        if name == "desktop":
            problems["chat (ar)"] = _serious(axe.run(chat))
        # Her choice is remembered on her account; back to English for the next round.
        chat.locator("#lang-select").select_option("en")
        chat.locator("form.lang button").click()
        chat.wait_for_load_state()
        for page in pages.values():
            page.context.close()
    assert {path: found for path, found in problems.items() if found} == {}


def test_employer_posts_a_role_publishes_it_and_sees_it(browser, app_server):  # type: ignore[no-untyped-def]
    from backend.accounts.models import Role
    from events.models import JobRole
    from tests.factories import MembershipFactory, OrganisationFactory

    MembershipFactory(
        user__email="eleni@example.org", user__role=Role.EMPLOYER,
        organisation=OrganisationFactory(name="Athens Data Co"),
    )  # fmt: skip
    page = _page(browser, app_server, DESKTOP)
    _log_in(page, "eleni@example.org")
    page.goto("/")
    page.get_by_role("link", name="Employer dashboard").click()
    page.get_by_role("link", name="Post a role").click()
    page.get_by_label("Title").fill("Junior web developer")
    page.get_by_label("Description").fill("Build pages with HTML and CSS for our clients.")
    page.get_by_label("Skills needed").fill("HTML, CSS")
    page.get_by_label("City or town").fill("Athens")
    page.get_by_label("Country", exact=True).select_option("GR")
    page.get_by_label("Language 1", exact=True).select_option("en")
    page.get_by_label("Level of language 1").select_option("B1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/employer/")
    section = page.locator("section", has_text="Junior web developer")
    assert "Draft" in section.inner_text()
    section.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/employer/")
    section = page.locator("section", has_text="Junior web developer")
    assert "Published" in section.inner_text()
    assert section.get_by_role("button", name="Close").is_visible()
    assert JobRole.objects.get(title="Junior web developer").status == "published"
    page.context.close()
