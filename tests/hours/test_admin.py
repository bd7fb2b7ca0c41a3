"""The ledger in the admin: an entry whose author is gone can still be corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from asar.hours.models import HourEntry, Shift
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_an_entry_without_its_author_can_be_saved_in_the_admin(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """``entered by`` is emptied when that account is deleted (or was never set by an
    import): the admin must not then demand it before any other correction is saved."""
    entry = HourEntry.objects.create(
        volunteer=actors.profile,
        region=f.region("KZ-75"),
        date=dt.date(2024, 3, 1),
        form="offline",
        direction=f.direction("education"),
        minutes=120,
        status="self_reported",
        source="volunteer",
        created_by=None,
    )
    response = client_for(actors.admin).post(
        f"/en/admin/hours/hourentry/{entry.pk}/change/",
        {
            "region": entry.region_id,
            "form": "offline",
            "direction": entry.direction_id,
            "beneficiaries": "4",
            "description": "Corrected by the administrator",
            "source": "volunteer",
            "rejection_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry.refresh_from_db()
    assert (entry.beneficiaries, entry.created_by) == (4, None)


def test_a_shift_without_its_author_can_be_saved_in_the_admin(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    position = f.PositionFactory(project__organization=actors.org)
    shift = Shift.objects.create(
        position=position,
        date=dt.date(2024, 3, 1),
        starts_at=dt.time(10),
        ends_at=dt.time(12),
        created_by=None,
    )
    page = client_for(actors.admin).get(f"/en/admin/hours/shift/{shift.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["position"] = position.pk
    response = client_for(actors.admin).post(f"/en/admin/hours/shift/{shift.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
