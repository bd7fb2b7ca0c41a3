"""The back office speaks the administrator's language, down to column and field labels."""

from __future__ import annotations

import pytest

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
