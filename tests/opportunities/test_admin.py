"""The back office speaks the administrator's language, down to column and field labels."""

from __future__ import annotations

import pytest
from django.utils import translation

from asar.opportunities import questionnaire as qn
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db


def test_positions_and_applications_are_labelled_in_russian(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for(actors.admin)
    listing = admin.get("/ru/admin/opportunities/position/").content.decode()
    assert "Панель управления Asar" in listing and "Администрирование Django" not in listing
    assert "Название" in listing and ">title<" not in listing.lower().replace(" ", "")
    app = application(position, actors.profile)
    form = admin.get(f"/ru/admin/opportunities/application/{app.pk}/change/").content.decode()
    assert "Волонтёрская позиция:" in form and "Position:" not in form
    assert "Волонтёр:" in form and "Volunteer:" not in form


def test_the_position_form_labels_every_field_in_kazakh(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(actors.coordinator).get(f"/kk/positions/{position.pk}/edit/")
    html = page.content.decode()
    for english in (">Region", ">Coordinator", ">minimum age", ">required languages"):
        assert english not in html
    assert "Өңір" in html and "Үйлестіруші" in html


@pytest.mark.parametrize(
    ("language", "friends", "sociability", "evenings"),
    [
        ("kk", "Жаңа достар табу ықыласы", "Көпшілдік: 4", None),
        ("ru", "Желание найти новых друзей", "Общительность: 4", None),
        ("en", "A wish to make new friends", "Sociability: 4", "Only free evenings"),
    ],
)
def test_questionnaire_answers_are_shown_by_their_labels_read_only(
    actors, position, client_for, language, friends, sociability, evenings
) -> None:  # type: ignore[no-untyped-def]
    app = application(
        position,
        actors.profile,
        motivations=["friends", "career"],
        motivation_other="",
        qualities={"sociability": 4, "patience": 2},
        experience_kinds=["volunteer"],
        experience_with_people="Two summers at a children's camp",
        health_restrictions="asthma",
    )
    page = client_for(actors.admin).get(
        f"/{language}/admin/opportunities/application/{app.pk}/change/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    with translation.override(language):
        career = str(qn.Motivation.CAREER.label)
        volunteer = str(qn.Experience.VOLUNTEER.label)
        activity = str(qn.Activity.DOCUMENTS.label)
        evenings = evenings or str(qn.Availability.EVENINGS.label)
    assert f"{friends}; {career}" in html
    assert sociability in html
    assert evenings in html and activity in html
    assert f"{volunteer} — Two summers at a children&#x27;s camp" in html
    for code in ('"friends"', '"sociability"', '"evenings"', '"documents"', "[&quot;"):
        assert code not in html
    # Read-only: the answers are the volunteer's own statement, not a form to edit.
    for name in ("motivations", "qualities", "availability", "preferred_activities"):
        assert f'name="{name}"' not in html
    assert "asthma" not in html  # health restrictions are for the coordinators only


def test_saving_an_application_in_the_admin_keeps_the_answers(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile, motivations=["friends"])
    url = f"/en/admin/opportunities/application/{app.pk}/change/"
    response = client_for(actors.admin).post(
        url,
        {
            "position": position.pk,
            "volunteer": actors.profile.pk,
            "rejection_reason": "",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    app.refresh_from_db()
    assert app.motivations == ["friends"]
    assert app.qualities == dict.fromkeys(qn.Quality.values, 3)


def test_an_unanswered_question_shows_a_dash(actors, position, client_for) -> None:  # type: ignore[no-untyped-def]
    app = application(position, actors.profile, experience_kinds=[], residence="")
    html = client_for(actors.admin).get(f"/en/admin/opportunities/application/{app.pk}/change/")
    assert ">None<" not in html.content.decode().replace("\n", "").replace(" ", "")
