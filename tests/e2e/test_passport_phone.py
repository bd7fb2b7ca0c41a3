"""On a 390 px phone the passport's "Organisations and positions" and the certificate's table
become a card per row: every cell (the hours too) is on the screen, nothing hides off to the
right, and the page itself never scrolls sideways."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from asar.passport import services
from tests import factories as f
from tests.e2e.conftest import screenshot
from tests.reporting.factories import hour_entry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _cells_on_screen(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    boxes = page.eval_on_selector_all(
        f"{selector} td",
        "cells => cells.map(c => { const r = c.getBoundingClientRect();"
        " return [c.innerText.trim(), r.left, r.right]; })",
    )
    assert boxes, f"no rows in {selector}"
    outside = [(text, left, right) for text, left, right in boxes if left < 0 or right > 390]
    assert not outside, f"cells off the screen: {outside}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_passport_and_certificate_tables_fit_a_phone(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(
        name_kk="«Үміт жолы» қоғамдық қоры (Жамбыл облысы бойынша филиалы)",
        name_ru="Общественный фонд «Дорога надежды» (филиал по Жамбылской области)",
    )
    volunteer = f.VolunteerFactory(
        user__email="arujan@example.kz", first_name="Аружан", last_name="Демо"
    )
    volunteer.passport_public = True
    volunteer.save()
    today = timezone.localdate()
    for days, direction in ((20, "education"), (10, "children_in_care")):
        hour_entry(
            volunteer,
            day=today - dt.timedelta(days=days),
            minutes=150,
            status="confirmed",
            organization=org,
            direction=direction,
        )
    certificate = services.certificate_issue(
        actor=volunteer.user,
        volunteer=volunteer,
        period_from=today - dt.timedelta(days=30),
        period_to=today,
        language="kk",
    )
    context = browser.new_context(locale="kk-KZ", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/kk/accounts/login/")
    page.fill("#id_username", "arujan@example.kz")
    page.fill("#id_password", "correct-horse-42")
    page.click("form.narrow button[type=submit]")
    page.wait_for_load_state()
    for language in ("kk", "ru", "en"):
        page.goto(f"{live_server.url}/{language}/passport/")
        _cells_on_screen(page, "[data-testid=passport-activities]")
        _cells_on_screen(page, "[data-testid=value-by-year]")
        screenshot(page, f"passport-phone-{language}")
        page.goto(f"{live_server.url}/{language}/passport/certificates/{certificate.pk}/")
        _cells_on_screen(page, "[data-testid=cert-activities]")
        screenshot(page, f"certificate-phone-{language}")
    page.goto(f"{live_server.url}/kk/passport/verify/{certificate.pk}/")
    _cells_on_screen(page, "[data-testid=cert-activities]")
    context.close()
