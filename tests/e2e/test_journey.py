"""The main journey: a visitor registers as a volunteer, searches, opens a position, fills the
candidate questionnaire; the coordinator signs in and accepts; the volunteer reads and accepts
the agreement. Plus the same position page in kk, ru and en."""

from __future__ import annotations

import datetime as dt

import pytest

from asar.opportunities.models import Agreement, Application
from tests import factories as f
from tests.e2e.conftest import screenshot
from tests.volunteers.factories import iin_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-42"


@pytest.fixture
def position(transactional_db: None):  # type: ignore[no-untyped-def]
    coordinator = f.MembershipFactory(
        organization=f.OrganizationFactory(
            name_kk="Жақсылық жасайық", name_ru="Творим добро", home_region=f.region("KZ-75")
        ),
        user__email="coordinator@example.kz",
    ).user
    project = f.ProjectFactory(
        organization=coordinator.memberships.get().organization,
        title_kk="Қысқы қамқорлық",
        direction=f.direction("elderly"),
    )
    return f.PositionFactory(
        project=project,
        title_kk="Жалғызбасты қарттарға көмек",
        title_ru="Помощь одиноким пожилым людям",
        title_en="Help for lonely older people",
        description_kk="Азық-түлік жеткізу және қарттармен әңгімелесу.",
        description_ru="Доставка продуктов и общение с пожилыми людьми.",
        description_en="Deliver food and keep older people company.",
        schedule_kk="Сенбі 10:00–14:00",
        places=3,
        benefits=["training", "transport"],
    )


def _register(page) -> None:  # type: ignore[no-untyped-def]
    birth = dt.date(2001, 3, 14)
    page.goto(f"{page.base_url}/kk/volunteers/register/")
    page.fill("#id_email", "aigerim@example.kz")
    page.fill("#id_password1", "steppe-wind-2024")
    page.fill("#id_password2", "steppe-wind-2024")
    page.fill("#id_last_name", "Тестова")
    page.fill("#id_first_name", "Айгерім")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", birth.isoformat())
    page.fill("#id_iin", iin_for(birth))
    page.select_option("#id_region", label="Алматы қаласы")
    page.fill("#id_settlement", "Алматы")
    page.select_option("#id_employment", "student")
    page.check("input[name=languages][value=kk]")
    page.check("input[name=availability][value=weekends]")
    page.fill("#id_hours_per_week", "4")
    page.check("#id_personal_data_consent")
    page.click("form.registry-form button[type=submit]")
    page.wait_for_url("**/kk/positions/**")


def test_volunteer_applies_coordinator_accepts_volunteer_signs(page, browser, position) -> None:  # type: ignore[no-untyped-def]
    _register(page)

    # Search: typing filters the results in place (HTMX), no full reload.
    page.goto(f"{page.base_url}/kk/positions/")
    page.evaluate("window.__sameDocument = true")
    page.fill("#id_q", "қарттарға")
    page.wait_for_function("document.querySelectorAll('.position-card').length === 1")
    assert page.evaluate("window.__sameDocument === true")  # updated in place, not reloaded
    screenshot(page, "journey-1-search-kk")
    page.click(".position-card h3 a")
    assert page.locator("h1").inner_text().strip() == "Жалғызбасты қарттарға көмек"
    screenshot(page, "journey-2-position-kk")

    # The questionnaire: first a mistake (4 motivations), shown next to the field, in Kazakh.
    page.click("#apply-button")
    page.check("input[name=availability][value=weekends]")
    for value in ("learn", "friends", "career", "civic_life"):
        page.check(f"input[name=motivations][value={value}]")
    for quality in (
        "sociability",
        "persuasion",
        "patience",
        "conflict_free",
        "explaining",
        "acceptance",
        "respect",
        "time_planning",
    ):
        page.check(f"input[name=quality_{quality}][value='4']")
    page.check("input[name=experience_kinds][value=student_activism]")
    page.check("input[name=has_health_restrictions][value=yes]")
    page.fill("#id_health_restrictions", "Ауыр жүк көтере алмаймын")
    page.check("input[name=preferred_activities][value=one_to_one]")
    page.click("#send-application")
    error = page.locator("#field-motivations .errorlist")
    assert "3 жауаптан артық таңдамаңыз" in error.inner_text()
    screenshot(page, "journey-3-questionnaire-error-kk")
    page.uncheck("input[name=motivations][value=civic_life]")
    page.click("#send-application")
    page.wait_for_url("**/kk/positions/my-applications/")
    assert page.locator(".applications .status").first.inner_text().strip() == "Өтінім берілді"
    application = Application.objects.get(volunteer__user__email="aigerim@example.kz")

    # The coordinator signs in (own browser), sees the health note and accepts with HTMX.
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    coordinator = context.new_page()
    coordinator.goto(f"{page.base_url}/ru/accounts/login/")
    coordinator.fill("#id_username", "coordinator@example.kz")
    coordinator.fill("#id_password", PASSWORD)
    coordinator.click("main form button[type=submit]")
    coordinator.goto(f"{page.base_url}/ru/positions/manage/{position.organization_id}/")
    row = coordinator.locator(f"#applicant-{application.pk}")
    assert "Ауыр жүк көтере алмаймын" in row.inner_text()
    screenshot(coordinator, "journey-4-manage-ru")
    row.locator("button.action-accept").click()
    coordinator.wait_for_function(
        f"document.querySelector('#applicant-{application.pk} .status').textContent.trim() === 'Принята'"
    )
    screenshot(coordinator, "journey-5-accepted-ru")
    context.close()
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED

    # The volunteer reads the agreement (in Kazakh, her language) and accepts it.
    page.goto(f"{page.base_url}/kk/positions/my-applications/")
    page.click("text=Келісімді оқып, қабылдау")
    assert (
        "ВОЛОНТЕРДІҢ ӨТЕУСІЗ ҚЫЗМЕТТЕР КӨРСЕТУІ ТУРАЛЫ КЕЛІСІМ"
        in page.locator(".agreement-text").inner_text()
    )
    page.check("#confirm-agreement")
    page.click("#accept-agreement")
    assert page.locator("#agreement-accepted").is_visible()
    screenshot(page, "journey-6-agreement-kk")
    agreement = Agreement.objects.get(application=application)
    assert agreement.accepted_by.email == "aigerim@example.kz" and agreement.language == "kk"


@pytest.mark.parametrize(
    ("lang", "title", "apply"),
    [
        ("kk", "Жалғызбасты қарттарға көмек", "Өтінім беру"),
        ("ru", "Помощь одиноким пожилым людям", "Подать заявку"),
        ("en", "Help for lonely older people", "Apply"),
    ],
)
def test_position_page_in_each_language(page, position, lang, title, apply) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base_url}/{lang}/positions/{position.pk}/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text().strip() == title
    assert page.locator("#apply-button").inner_text().strip() == apply
    screenshot(page, f"journey-position-{lang}")
