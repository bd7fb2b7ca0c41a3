"""The empty choice of a select reads "—" on the site's forms, not Django's "---------"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_forms_show_a_dash_for_the_empty_choice(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    pages = [
        (actors.volunteer, reverse("hours:diary")),
        (actors.volunteer, "/kk/volunteers/me/edit/"),
        (actors.volunteer, reverse("organizations:create")),
        (actors.coordinator, reverse("opportunities:position_create", args=[project.pk])),
        (actors.coordinator, reverse("opportunities:project_create", args=[actors.org.pk])),
    ]
    for user, url in pages:
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<select" in body, url
        assert "---------" not in body, url
    diary = client_for(actors.volunteer).get(reverse("hours:diary")).content.decode()
    assert '<option value="" selected>—</option>' in diary
