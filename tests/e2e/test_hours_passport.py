"""Volunteer logs hours → coordinator confirms them (HTMX) → the passport shows them → the
certificate PDF downloads and its signed file verifies on the public page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from asar.hours.models import HourEntry
from asar.opportunities.models import Application
from tests import factories as f
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-42"


def sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/kk/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("form.narrow button[type=submit]")
    page.wait_for_load_state()


def test_hours_from_diary_to_verified_certificate(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(
        name_kk="Мейірім жастар орталығы", name_ru="Молодёжный центр Мейирим"
    )
    coordinator = f.MembershipFactory(organization=org, user__email="coord@example.kz").user
    volunteer = f.VolunteerFactory(
        user__email="aigerim@example.kz", first_name="Әйгерім", last_name="Құрманғали"
    )
    position = f.PositionFactory(
        project__organization=org, title_kk="Оқушыларға тәлімгер", start_date=dt.date(2024, 1, 1)
    )
    f.ApplicationFactory(
        position=position,
        volunteer=volunteer,
        status=Application.Status.ACCEPTED,
        accepted_at=timezone.now() - dt.timedelta(days=30),
    )
    day = timezone.localdate() - dt.timedelta(days=1)

    # 1. The volunteer writes the diary line (in Kazakh).
    sign_in(page, "aigerim@example.kz")
    page.goto(f"{page.base_url}/kk/hours/")
    page.select_option("#id_position", str(position.pk))
    page.fill("#id_date", day.isoformat())
    page.fill("#id_hours", "2.5")
    page.fill("#id_beneficiaries", "6")
    page.fill("#id_description", "Алты оқушымен математикадан сабақ")
    page.click("main form button[type=submit]")
    assert "үйлестірушісі растағаннан кейін" in page.locator(".messages").inner_text()
    assert page.locator("[data-testid=confirmed-hours]").inner_text() == "0"
    screenshot(page, "hours-diary-kk")

    # 2. The coordinator confirms it from the queue, without reloading the page.
    coord_context = page.context.browser.new_context(locale="kk-KZ")
    coord = coord_context.new_page()
    coord.base_url = page.base_url
    sign_in(coord, coordinator.email)
    coord.goto(f"{coord.base_url}/kk/hours/queue/")
    entry = HourEntry.objects.get()
    coord.check(f"input[name=entry][value='{entry.pk}']")
    coord.click("button[name=action][value=confirm]")
    coord.wait_for_selector("[data-testid=queue-empty]")
    assert "Расталды: 1" in coord.locator("#queue").inner_text()
    screenshot(coord, "hours-queue-confirmed-kk")
    coord_context.close()
    assert HourEntry.objects.get().status == "confirmed"

    # 3. The passport shows the confirmed hours.
    page.goto(f"{page.base_url}/kk/passport/")
    assert page.locator("[data-testid=passport-confirmed]").inner_text() == "2,5"
    assert "Мейірім жастар орталығы" in page.locator("main").inner_text()
    screenshot(page, "passport-kk")

    # 4. A certificate: PDF and signed file download; the public page verifies the file.
    page.click("text=Сертификат алу (PDF)")
    page.fill("#id_period_from", (day - dt.timedelta(days=10)).isoformat())
    page.fill("#id_period_to", day.isoformat())
    page.select_option("#id_language", "kk")
    page.click("main form button[type=submit]")
    assert page.locator("[data-testid=cert-hours]").inner_text() == "2,5"
    with page.expect_download() as pdf_download:
        page.click("[data-testid=download-pdf]")
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as json_download:
        page.click("text=Қолтаңбаланған файлды жүктеп алу (JSON)")
    signed = tmp_path / "certificate.json"
    signed.write_bytes(Path(json_download.value.path()).read_bytes())
    assert json.loads(signed.read_text(encoding="utf-8"))["certificate"]["holder"]["name"] == (
        "Құрманғали Әйгерім"
    )
    page.click("text=Тексеру беті")
    assert page.locator("[data-testid=verify-result]").inner_text().startswith("Жарамды")
    page.set_input_files("#id_document", str(signed))
    page.click("main form.card button[type=submit]")
    assert "дәл сәйкес" in page.locator("[data-testid=verify-result]").inner_text()
    screenshot(page, "passport-verify-kk")
