"""A new questionnaire starts from the volunteer's own previous answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from asar.opportunities import questionnaire as qn
from asar.opportunities import selectors
from asar.opportunities.models import Application, Position
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db
S = Application.Status


def _apply_page(client, position: Position):  # type: ignore[no-untyped-def]
    return client.get(f"/en/positions/{position.pk}/apply/")


def test_reapplying_starts_from_the_last_questionnaire(
    actors, position, other_position, client_for
) -> None:  # type: ignore[no-untyped-def]
    older = application(
        other_position,
        actors.profile,
        status=S.REJECTED,
        rejection_reason="Full",
        experience_with_people="Old answer",
    )
    Application.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30)
    )
    application(
        position,
        actors.profile,
        status=S.WITHDRAWN,
        motivations=[qn.Motivation.CAREER, "no_longer_offered"],
        motivation_other="",
        qualities={**dict.fromkeys(qn.Quality.values, 2), "patience": 5},
        availability=[qn.Availability.OTHER],
        availability_other="Mondays after six",
        residence=qn.Residence.FROM_3_TO_10,
        experience_kinds=[qn.Experience.VOLUNTEER],
        experience_with_people="Taught children to read",
        health_restrictions="No heavy lifting",
        preferred_activities=[qn.Activity.TEACHING],
        guardian_consent=True,
    )
    response = _apply_page(client_for(actors.volunteer), position)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Filled in from your application of" in html and "check before sending" in html
    form = response.context["form"]
    assert form["motivations"].value() == [qn.Motivation.CAREER]
    assert form["quality_patience"].value() == 5 and form["quality_respect"].value() == 2
    assert form["availability"].value() == [qn.Availability.OTHER]
    assert form["availability_other"].value() == "Mondays after six"
    assert form["residence"].value() == qn.Residence.FROM_3_TO_10
    assert form["experience_kinds"].value() == [qn.Experience.VOLUNTEER]
    assert form["preferred_activities"].value() == [qn.Activity.TEACHING]
    assert "Taught children to read" in html and "Old answer" not in html
    # The text would be dropped on sending with "No" ticked: "Yes" comes with it.
    assert form["has_health_restrictions"].value() == "yes"
    assert "No heavy lifting" in html
    # Consent is given for a position: it comes from the profile, not the old application.
    assert form["guardian_consent"].value() is False


def test_the_prefilled_questionnaire_can_be_sent_as_it_is(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    """What the page shows, posted back unchanged, is a valid application."""
    application(
        position,
        actors.profile,
        status=S.WITHDRAWN,
        motivations=[qn.Motivation.LEARN],
        health_restrictions="Asthma",
    )
    client = client_for(actors.volunteer)
    form = _apply_page(client, position).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, "", [], False):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    response = client.post(f"/en/positions/{position.pk}/apply/", data)
    assert response.status_code == 302
    new = Application.objects.filter(volunteer=actors.profile).exclude(status=S.WITHDRAWN).get()
    assert new.health_restrictions == "Asthma" and new.motivations == [qn.Motivation.LEARN]


def test_a_first_questionnaire_is_empty_and_never_someone_elses(
    actors, position, client_for
) -> None:  # type: ignore[no-untyped-def]
    application(
        position,
        actors.other_volunteer.volunteer_profile,
        experience_with_people="Somebody else's story",
        health_restrictions="Somebody else's diagnosis",
    )
    response = _apply_page(client_for(actors.volunteer), position)
    html = response.content.decode()
    assert "Filled in from your application" not in html
    assert "Somebody else" not in html
    assert response.context["form"]["has_health_restrictions"].value() == "no"
    assert selectors.previous_answers(user=actors.volunteer) is None
    assert selectors.previous_answers(user=actors.coordinator) is None
