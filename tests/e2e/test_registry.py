"""A visitor becomes a volunteer in Kazakh, then sees their own profile."""

from __future__ import annotations

import datetime as dt

import pytest

from asar.accounts.models import User
from tests.e2e.conftest import screenshot
from tests.volunteers.factories import iin_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_registers_in_kazakh_and_sees_profile(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/kk/")
    page.click("header .account a.button")  # "Волонтер болу"
    assert "/kk/volunteers/register/" in page.url
    assert page.locator("h1").inner_text().strip() == "Волонтер болу"
    assert page.locator("label[for=id_iin]").inner_text().strip() == "ЖСН"

    birth = dt.date(1999, 7, 21)
    iin = iin_for(birth)
    page.fill("#id_email", "zhanar@example.kz")
    page.fill("#id_password1", "saryarka-wind-77")
    page.fill("#id_password2", "saryarka-wind-77")
    page.fill("#id_last_name", "Сейітова")
    page.fill("#id_first_name", "Жанар")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", birth.isoformat())
    page.fill("#id_iin", iin[:11] + str((int(iin[11]) + 1) % 10))  # a typo in the IIN
    page.select_option("#id_region", label="Алматы қаласы")
    page.fill("#id_settlement", "Алматы")
    page.select_option("#id_employment", "employed")
    page.check("input[name=languages][value=kk]")
    page.check("input[name=availability][value=weekends]")
    page.fill("#id_hours_per_week", "5")
    page.check("#id_personal_data_consent")
    page.click("form.registry-form button[type=submit]")

    # The error is in Kazakh, next to the field, and nothing was saved.
    error = page.locator("#id_iin_errors")
    assert "бақылау цифры" in error.inner_text()
    assert not User.objects.filter(email="zhanar@example.kz").exists()
    screenshot(page, "registry-register-error-kk")

    # Passwords are not sent back; type them again and the corrected IIN.
    page.fill("#id_password1", "saryarka-wind-77")
    page.fill("#id_password2", "saryarka-wind-77")
    page.fill("#id_iin", iin)
    page.click("form.registry-form button[type=submit]")
    page.wait_for_url("**/kk/positions/**")
    assert User.objects.get(email="zhanar@example.kz").preferred_language == "kk"

    page.goto(f"{page.base_url}/kk/volunteers/me/")
    assert page.locator("h1").inner_text().strip() == "Менің профилім"
    body = page.locator("main").inner_text()
    assert "Сейітова Жанар" in body
    assert page.locator("[data-testid=iin]").inner_text().startswith("••••••••" + iin[-4:])
    assert iin not in page.content()
    screenshot(page, "registry-profile-kk")
