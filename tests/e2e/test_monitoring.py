"""Journey: a front-office operator fills and submits a month; the analyst sees it in the
matrix, reads the findings and approves it."""

from __future__ import annotations

import datetime as dt

import pytest

from asar.monitoring.models import MonthlyReport
from tests.e2e.conftest import screenshot
from tests.monitoring.factories import consistent_values

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, email: str, lang: str = "en") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/{lang}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "correct-horse-42")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_operator_submits_and_analyst_approves(page, actors) -> None:  # type: ignore[no-untyped-def]
    year = dt.date.today().year - 1
    _login(page, actors.operator.email, "ru")
    page.goto(f"{page.base_url}/ru/monitoring/my/")
    assert page.locator("h1").inner_text() == "Мои ежемесячные отчёты"
    # Start the report of the oldest month shown (always past its deadline).
    page.locator("form[action$='/reports/start/'] button").last.click()
    page.wait_for_url("**/edit/")
    values = consistent_values(1200)
    for code, value in values.items():
        page.fill(f"[name='{code}']", str(value))
    page.fill("[name='volunteers_women']", "5")  # breaks women + men = total
    page.click("button[value='submit']")
    assert page.locator(".mon-violations").is_visible()
    assert "Сумма женщин и мужчин" in page.locator(".mon-violations").inner_text()
    screenshot(page, "monitoring-edit-errors")
    page.fill("[name='volunteers_women']", str(values["volunteers_women"]))
    page.click("button[value='submit']")
    page.wait_for_url("**/reports/*/")
    assert "Отчёт отправлен на утверждение." in page.locator(".messages").inner_text()
    report = MonthlyReport.objects.get()
    assert report.status == "submitted" and report.year >= year

    page.context.clear_cookies()
    _login(page, actors.analyst.email, "kk")
    page.goto(f"{page.base_url}/kk/monitoring/matrix/?year={report.year}")
    cell = page.locator(f"a[href$='/monitoring/reports/{report.pk}/']")
    assert cell.count() == 1
    screenshot(page, "monitoring-matrix")
    cell.click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    assert "Дерек" in page.locator("h2").first.inner_text()  # "Деректер сапасы…"
    page.click("button[value='approve']")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "approved"
    assert page.locator(".badge.ok").first.is_visible()
    screenshot(page, "monitoring-approved")
