"""The main menu in a real browser: at 1280 px it stays on one line for every role in kk, ru
and en (a user with several roles gets a menu per role that opens with the keyboard); at
390 px it folds under a "Menu" button that opens and closes with the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from asar.hours import services as hours
from asar.opportunities import services as opportunities
from asar.opportunities.models import Agreement
from tests import factories as f
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-42"
ROLES = ["volunteer", "coordinator", "operator", "analyst", "helpline", "admin", "both"]


def _context(browser, live_server, email: str | None, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    if email:
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.fill("#id_username", email)
        page.fill("#id_password", PASSWORD)
        page.click("form.narrow button[type=submit]")
        page.wait_for_load_state()
    return context, page


def _row_tops(page, selector: str) -> set[int]:  # type: ignore[no-untyped-def]
    return set(
        page.evaluate(
            f"[...document.querySelectorAll('{selector}')].map("
            "e => Math.round(e.getBoundingClientRect().top))"
        )
    )


@pytest.fixture
def users(actors):  # type: ignore[no-untyped-def]
    # A volunteer who also coordinates an initiative group: two areas, so two role menus.
    both = f.VolunteerFactory(user__email="aigerim.both@example.kz").user
    f.MembershipFactory(organization=f.OrganizationFactory(), user=both)
    return {**{role: getattr(actors, role).email for role in ROLES[:-1]}, "both": both.email}


def test_menu_fits_one_line_at_1280_for_every_role(browser, live_server, users) -> None:  # type: ignore[no-untyped-def]
    for role in ROLES:
        context, page = _context(browser, live_server, users[role], 1280)
        for lang in ("kk", "ru", "en"):
            page.goto(f"{live_server.url}/{lang}/")
            assert len(_row_tops(page, ".nav-list > li")) == 1, (role, lang)
            # Brand, languages and account share the bar above (their heights overlap).
            assert page.evaluate(
                "(() => { const r = [...document.querySelectorAll('.brand, .lang-switch, .account')]"
                ".map(e => e.getBoundingClientRect());"
                " return Math.max(...r.map(b => b.top)) < Math.min(...r.map(b => b.bottom)); })()"
            ), (role, lang)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            groups = page.locator(".nav-group-toggle")
            assert groups.count() == (2 if role in ("admin", "both") else 0), role
            if lang == "ru":
                screenshot(page, f"nav-{role}-{lang}-1280")
        context.close()


def test_role_menus_open_with_the_keyboard(browser, live_server, users) -> None:  # type: ignore[no-untyped-def]
    context, page = _context(browser, live_server, users["admin"], 1280)
    page.goto(f"{live_server.url}/ru/")
    toggle = page.locator(".nav-group-toggle").nth(1)
    submenu = page.locator("#" + toggle.get_attribute("aria-controls"))
    assert toggle.inner_text().strip() == "Мониторинг" and not submenu.is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and submenu.is_visible()
    page.keyboard.press("Tab")  # into the open menu: its first link
    assert page.evaluate("document.activeElement.textContent") == "Проверка"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not submenu.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "nav-monitoring"
    # Opening one closes the other; a click elsewhere closes it.
    page.locator(".nav-group-toggle").nth(0).click()
    toggle.click()
    assert page.locator(".nav-group-toggle").nth(0).get_attribute("aria-expanded") == "false"
    page.mouse.click(640, 700)  # somewhere on the page
    assert toggle.get_attribute("aria-expanded") == "false"
    # The page's own link is marked, and so is the menu holding it.
    page.goto(f"{live_server.url}/ru/monitoring/matrix/")
    assert page.locator(".nav-group.current .nav-group-toggle").inner_text().strip() == "Мониторинг"
    assert page.locator("a[aria-current=page]").count() == 1
    context.close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_phone_menu_opens_and_closes_with_the_keyboard(browser, live_server, users, lang) -> None:  # type: ignore[no-untyped-def]
    for role in ("admin", "volunteer", None):
        context, page = _context(browser, live_server, users[role] if role else None, 390)
        page.goto(f"{live_server.url}/{lang}/")
        toggle = page.locator(".menu-toggle")
        assert toggle.is_visible() and not page.locator(".main-nav").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator(".main-nav").is_visible() and page.locator(".account").is_visible()
        # On a phone the role menus are laid out open, under their names.
        for link in page.locator(".nav-list a").all():
            assert link.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, f"nav-{role or 'visitor'}-{lang}-390")
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator(".main-nav").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
        context.close()


def test_pages_do_not_scroll_sideways_on_a_phone(browser, live_server, users, actors) -> None:  # type: ignore[no-untyped-def]
    """Wide tables scroll inside themselves, long select options do not widen the filters."""
    f.PositionFactory(project__organization=actors.org)
    context, page = _context(browser, live_server, users["volunteer"], 390)
    for path in ("/kk/positions/", "/kk/hours/", "/ru/positions/my-applications/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


def test_coordinator_and_volunteer_pages_do_not_scroll_sideways_on_a_phone(  # type: ignore[no-untyped-def]
    browser, live_server, actors
) -> None:
    """The applicants' table (its hidden "reason" labels), a shift's roster beside its QR code,
    the profile's long e-mail and the agreement's "accepted by" line stay within 390 px."""
    actors.volunteer.email = "a.rather.long.address.for.a.phone@example.kz"
    actors.volunteer.save()
    position = f.PositionFactory(
        project__organization=actors.org, start_date=timezone.localdate() - dt.timedelta(days=3)
    )
    accepted = f.ApplicationFactory(position=position, volunteer=actors.profile)
    f.ApplicationFactory(position=position)  # still waits for a decision: a reason field
    opportunities.application_transition(
        actor=actors.coordinator, application_id=accepted.pk, action="accept"
    )
    agreement = Agreement.objects.get(application=accepted)
    opportunities.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    shift = hours.shift_create(
        actor=actors.coordinator,
        position=position,
        date=timezone.localdate(),
        starts_at=dt.time(10),
        ends_at=dt.time(14),
    )
    pages = {
        actors.coordinator.email: (
            f"/kk/positions/manage/{actors.org.pk}/",
            f"/ru/hours/shifts/{shift.pk}/",
        ),
        actors.volunteer.email: (
            "/ru/volunteers/me/",
            f"/kk/positions/applications/{accepted.pk}/agreement/",
        ),
    }
    for email, paths in pages.items():
        context, page = _context(browser, live_server, email, 390)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        context.close()


def test_monthly_report_pages_do_not_scroll_sideways_on_a_phone(
    browser, live_server, users, actors
) -> None:  # type: ignore[no-untyped-def]
    """The report's tables of figures sit in fieldsets, which grow with their content unless
    told otherwise: the tables must scroll inside them, not widen the page."""
    from asar.monitoring import services
    from tests.monitoring.factories import consistent_values, make_report

    approved = make_report(iso="KZ-75", year=2023, month=5)
    operator = actors.operator
    draft = services.report_open(user=operator, region=f.region("KZ-75"), year=2023, month=6)
    services.report_save_values(user=operator, report=draft, raw=consistent_values(123456))
    context, page = _context(browser, live_server, users["operator"], 390)
    for path in (
        f"/kk/monitoring/reports/{approved.pk}/",
        f"/ru/monitoring/reports/{draft.pk}/edit/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()
