"""The volunteer agreement (Appendix 2): generated on acceptance in the volunteer's language,
accepted electronically, and frozen afterwards."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from asar.opportunities import services
from asar.opportunities.models import Agreement, AgreementFrozen, Position
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db


def _accepted(actors, position, language="ru"):  # type: ignore[no-untyped-def]
    actors.volunteer.preferred_language = language
    actors.volunteer.save()
    app = application(position, actors.profile)
    services.application_transition(
        actor=actors.coordinator, application_id=app.pk, action="accept"
    )
    return Agreement.objects.get(application=app)


@pytest.mark.parametrize(
    ("language", "title", "notice"),
    [
        ("kk", "ВОЛОНТЕРДІҢ ӨТЕУСІЗ ҚЫЗМЕТТЕР КӨРСЕТУІ ТУРАЛЫ КЕЛІСІМ", "кемінде 2 апта"),
        ("ru", "СОГЛАШЕНИЕ О БЕЗВОЗМЕЗДНОМ ОКАЗАНИИ УСЛУГ ВОЛОНТЁРОМ", "не менее чем за 2 недели"),
        ("en", "AGREEMENT ON UNPAID SERVICES BY A VOLUNTEER", "at least 2 weeks' notice"),
    ],
)
def test_generated_in_the_volunteers_language_from_the_position(
    actors, position, language, title, notice
) -> None:  # type: ignore[no-untyped-def]
    position.schedule_kk = "Сенбі 10:00–14:00"
    position.schedule_ru = "Суббота 10:00–14:00"
    position.schedule_en = "Sat 10:00–14:00"
    position.is_risky = True
    position.benefits = ["training", "meals"]
    position.save()
    agreement = _accepted(actors, position, language)
    assert agreement.language == language
    assert agreement.text.startswith(title)
    assert notice in agreement.text
    assert actors.profile.full_name in agreement.text
    assert getattr(position, f"schedule_{language}") in agreement.text  # in its language
    assert getattr(position, f"title_{language}") in agreement.text
    # insurance clause for risky activities
    assert {"kk": "сақтандыр", "ru": "страхов", "en": "insures"}[language] in agreement.text
    assert agreement.content_sha256 == hashlib.sha256(agreement.text.encode()).hexdigest()


def test_no_insurance_clause_for_safe_work(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position, "en")
    assert "insures" not in agreement.text


def test_acceptance_records_who_and_when(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    accepted = services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    assert accepted.accepted_by == actors.volunteer and accepted.accepted_at is not None
    with pytest.raises(services.OpportunityError):
        services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)


def test_only_the_volunteer_accepts(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    for other in (actors.other_volunteer, actors.coordinator):
        with pytest.raises(services.NotAllowed):
            services.agreement_accept(user=other, agreement_id=agreement.pk)


def test_accepted_text_is_immutable_in_the_service_and_the_model(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    services.agreement_update_text(agreement_id=agreement.pk, text=agreement.text + "\nP.S.")
    services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    frozen_text = Agreement.objects.get(pk=agreement.pk).text
    with pytest.raises(AgreementFrozen):
        services.agreement_update_text(agreement_id=agreement.pk, text="changed")
    agreement.refresh_from_db()
    agreement.text = "changed behind the service's back"
    with pytest.raises(AgreementFrozen):
        agreement.save()
    agreement.refresh_from_db()
    assert agreement.text == frozen_text
    assert agreement.content_sha256 == hashlib.sha256(frozen_text.encode()).hexdigest()


def test_accepted_agreement_is_not_regenerated(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    position.title_ru = "Другое название"
    position.save()
    again = services.agreement_generate(application=agreement.application, position=position)
    assert again.text == agreement.text


def test_a_tampered_text_cannot_be_accepted(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    Agreement.objects.filter(pk=agreement.pk).update(text="tampered")
    with pytest.raises(services.OpportunityError):
        services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)


def test_admin_makes_an_accepted_agreement_read_only(actors, position) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position)
    model_admin = site._registry[Agreement]
    request = RequestFactory().get("/")
    request.user = actors.admin
    assert "text" not in model_admin.get_readonly_fields(request, agreement)
    services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    agreement.refresh_from_db()
    assert {"text", "language", "content_sha256", "accepted_at"} <= set(
        model_admin.get_readonly_fields(request, agreement)
    )
    assert not model_admin.has_delete_permission(request, agreement)


def _page(client, language: str, agreement: Agreement) -> str:  # type: ignore[no-untyped-def]
    url = f"/{language}/positions/applications/{agreement.application_id}/agreement/"
    return client.get(url).content.decode()


def test_the_volunteer_reads_and_accepts_it_in_the_language_of_the_page(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    """Generated in Kazakh (their language when they registered), read on the Russian page:
    the Russian text is shown, and exactly that text is what gets accepted and frozen."""
    agreement = _accepted(actors, position, "kk")
    volunteer = client_for(actors.volunteer)
    html = _page(volunteer, "ru", agreement)
    assert "СОГЛАШЕНИЕ О БЕЗВОЗМЕЗДНОМ" in html and "КЕЛІСІМ" not in html
    shown = services.agreement_text(
        application=agreement.application, position=position, language="ru"
    )
    url = f"/ru/positions/applications/{agreement.application_id}/agreement/"
    # A digest that is not the one of the text shown (it changed meanwhile): nothing accepted.
    volunteer.post(url, {"confirm": "1", "language": "ru", "content_sha256": "0" * 64})
    agreement.refresh_from_db()
    assert agreement.accepted_at is None
    volunteer.post(
        url, {"confirm": "1", "language": "ru", "content_sha256": services.sha256(shown)}
    )
    agreement.refresh_from_db()
    assert agreement.accepted_at is not None and agreement.language == "ru"
    assert agreement.text == shown and agreement.content_sha256 == services.sha256(shown)
    # Once accepted, every page shows the frozen Russian text, whatever its language.
    assert "СОГЛАШЕНИЕ О БЕЗВОЗМЕЗДНОМ" in _page(volunteer, "en", agreement)


def test_coordinators_see_the_stored_text(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position, "kk")
    html = _page(client_for(actors.coordinator), "ru", agreement)
    assert "КЕЛІСІМ" in html and "СОГЛАШЕНИЕ" not in html


def test_the_organisation_name_is_not_quoted_twice(actors, position) -> None:  # type: ignore[no-untyped-def]
    org = actors.org
    org.name_kk = org.name_ru = org.name_en = "«Жаңа толқын» ҚҚ"
    org.save()
    position = Position.objects.get(pk=position.pk)
    app = application(position, actors.profile)
    for language in ("kk", "ru", "en"):
        text = services.agreement_text(
            application=app,
            position=position,
            language=language,
        )
        assert "«Жаңа толқын» ҚҚ (" in text and "««" not in text and '"«' not in text


def test_acceptance_time_is_written_the_kazakh_way(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    agreement = _accepted(actors, position, "kk")
    services.agreement_accept(user=actors.volunteer, agreement_id=agreement.pk)
    html = _page(client_for(actors.volunteer), "kk", agreement)
    accepted = html.split('id="agreement-accepted">')[1].split("</p>")[0]
    # "2026 ж. 26 қараша, 14:05" — not Django's English pattern with Kazakh abbreviations
    assert re.search(r"\d{4}\W?ж\. \d{1,2} \w+, \d{2}:\d{2} ", accepted), accepted
    assert "Т.Ж." not in accepted and "Т.Қ." not in accepted


def test_no_double_full_stop_after_a_russian_date(actors, position) -> None:  # type: ignore[no-untyped-def]
    """Russian long dates end with "г." — the sentence must not add a second full stop."""
    app = application(position, actors.profile)
    for end in (None, position.start_date.replace(year=position.start_date.year + 1)):
        position.end_date = end
        text = services.agreement_text(application=app, position=position, language="ru")
        assert "г.." not in text and "Начало: " in text
