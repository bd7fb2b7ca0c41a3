"""Journey: a front-office operator generates their region's report edition and opens it; the
analyst reads the economic value; a visitor reads the public dashboard and the method."""

from __future__ import annotations

import pytest

from asar.reporting.models import NationalReport
from tests.e2e.conftest import screenshot
from tests.reporting.conftest import _media_in_tmp, country, wages  # noqa: F401 - fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dataset(live_server, request):  # type: ignore[no-untyped-def]
    """The hand-computed country of tests/reporting, built on the live server's database."""
    return request.getfixturevalue("country")


def _login(page, email: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/{lang}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-42")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_operator_generates_and_opens_their_regions_edition(page, dataset, actors) -> None:  # type: ignore[no-untyped-def]
    _login(page, actors.operator.email, "kk")
    page.goto(f"{page.base_url}/kk/reports/editions/")
    assert page.locator("h1").inner_text() == "Ұлттық талдамалық баяндама"
    # An operator can only choose their own region.
    assert page.locator("#id_region option").all_inner_texts() == ["Алматы қаласы"]
    page.select_option("#id_year", "2023")
    page.select_option("#id_format", "html")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/reports/editions/*/")
    page.locator("#edition-status .button").wait_for()
    assert "Дайын" in page.locator("#edition-status").inner_text()
    screenshot(page, "reporting-edition-kk")
    edition = NationalReport.objects.get()
    assert edition.region.iso_code == "KZ-75" and edition.status == "done"
    page.click("#edition-status .button")
    page.wait_for_load_state()
    assert "Қазақстандағы волонтерлік, 2023" in page.locator("h1").inner_text()
    assert page.locator("svg.chart").count() >= 5
    assert "9 750" in page.locator("#economic_value").inner_text().replace("\u00a0", " ")
    screenshot(page, "reporting-document-kk")


def test_analyst_reads_the_economic_value(page, dataset, actors) -> None:  # type: ignore[no-untyped-def]
    _login(page, actors.analyst.email, "ru")
    page.goto(f"{page.base_url}/ru/reports/value/?year=2023")
    cards = page.locator(".cards").inner_text().replace("\u00a0", " ")
    assert "14 934 ₸" in cards and "16 230 ₸" in cards and "604 800 000 ₸" in cards
    assert page.locator("table .badge.warn").count() >= 1  # Shymkent at the national average
    screenshot(page, "reporting-value-ru")


def test_visitor_reads_dashboard_and_method(page, dataset) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/en/reports/?year=2023")
    assert page.locator(".counter").count() == 6
    assert page.locator("svg.chart").count() >= 2
    screenshot(page, "reporting-dashboard-en")
    page.click("text=How the economic value is calculated")
    page.wait_for_load_state()
    assert "168" in page.locator("main").inner_text()
    screenshot(page, "reporting-method-en")
