"""Reference letters in the admin."""

from __future__ import annotations

import pytest

from asar.passport.models import ReferenceLetter

pytestmark = pytest.mark.django_db


def test_a_letter_whose_author_is_gone_can_be_corrected_in_the_admin(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    letter = ReferenceLetter.objects.create(
        volunteer=actors.profile,
        organization=actors.org,
        position_title="Tutor",
        author=None,
        author_name="Aliya Nurlanovna",
        text="Aigerim tutored six pupils.",
        language="en",
    )
    response = client_for(actors.admin).post(
        f"/en/admin/passport/referenceletter/{letter.pk}/change/",
        {
            "volunteer": actors.profile.pk,
            "organization": actors.org.pk,
            "application": "",
            "position_title": "Tutor",
            "author_name": "Aliya Nurlanovna",
            "text": "Aigerim tutored six pupils every week.",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    letter.refresh_from_db()
    assert letter.text.endswith("every week.")
