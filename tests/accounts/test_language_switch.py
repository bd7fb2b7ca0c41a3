"""The language switch remembers a signed-in person's choice for e-mails and documents."""

from __future__ import annotations

import pytest
from django.core import mail

from asar.opportunities import services
from tests import factories as f
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db


def test_switching_language_sets_the_language_of_notices(
    actors, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    volunteer = actors.volunteer
    assert volunteer.preferred_language == "kk"
    response = client_for(volunteer).post(
        "/i18n/setlang/", {"language": "ru", "next": "/ru/positions/"}
    )
    assert response.status_code == 302 and response["Location"] == "/ru/positions/"
    volunteer.refresh_from_db()
    assert volunteer.preferred_language == "ru"
    position = f.PositionFactory(project=f.ProjectFactory(organization=actors.org))
    app = application(position, actors.profile)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(
            actor=actors.coordinator, application_id=app.pk, action="accept"
        )
    assert "Здравствуйте" in mail.outbox[-1].body


def test_anonymous_visitors_and_unknown_languages_change_nothing(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(None).post("/i18n/setlang/", {"language": "en"}).status_code == 302
    client_for(actors.volunteer).post("/i18n/setlang/", {"language": "de"})
    actors.volunteer.refresh_from_db()
    assert actors.volunteer.preferred_language == "kk"
