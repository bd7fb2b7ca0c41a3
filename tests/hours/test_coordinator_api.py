"""The coordinators' side of the ledger over the API: group log, shifts, check-in for
volunteers, confirming a shift, the silent list — each tried by the owner, a peer and an
outsider."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from asar.hours.models import CheckIn, HourEntry, Shift
from tests import factories as f
from tests.hours.conftest import accept

pytestmark = pytest.mark.django_db


def post(client, url, payload=None):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(payload or {}), content_type="application/json")


def test_group_log_over_the_api(actors, placement, client_for) -> None:
    second = f.VolunteerFactory()
    accept(placement.position, second)
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    payload = {
        "position_id": placement.position.pk,
        "date": day,
        "hours": "3.5",
        "volunteer_ids": [actors.profile.pk, second.pk],
        "description": "Tree planting",
    }
    response = post(client_for(actors.coordinator), "/api/v1/hours/group-entries", payload)
    assert response.status_code == 201
    assert {e["status"] for e in response.json()} == {"confirmed"}
    assert HourEntry.objects.filter(position=placement.position, minutes=210).count() == 2
    # A peer organisation's coordinator does not see the position; volunteers are refused.
    peer = post(client_for(actors.other_coordinator), "/api/v1/hours/group-entries", payload)
    assert peer.status_code == 404
    assert (
        post(client_for(actors.volunteer), "/api/v1/hours/group-entries", payload).status_code
        == 403
    )
    outsider = f.VolunteerFactory()
    wrong = post(
        client_for(actors.coordinator),
        "/api/v1/hours/group-entries",
        {**payload, "volunteer_ids": [outsider.pk]},
    )
    assert wrong.status_code == 400 and "volunteer_ids" in wrong.json()["errors"]
    too_long = post(
        client_for(actors.coordinator), "/api/v1/hours/group-entries", {**payload, "hours": "25"}
    )
    assert too_long.status_code == 400 and "hours" in too_long.json()["errors"]


def test_shift_over_the_api(actors, placement, client_for) -> None:
    coordinator = client_for(actors.coordinator)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    created = post(
        coordinator,
        "/api/v1/hours/shifts",
        {
            "position_id": placement.position.pk,
            "date": yesterday.isoformat(),
            "starts_at": "10:00",
            "ends_at": "14:00",
            "note": "Gate 3",
        },
    )
    assert created.status_code == 201
    shift = created.json()
    assert len(shift["code"]) == 8 and "/hours/check-in/" in shift["check_in_url"]
    assert [r["volunteer_id"] for r in shift["roster"]] == [actors.profile.pk]
    url = f"/api/v1/hours/shifts/{shift['id']}"
    # Peer coordinators and volunteers cannot see or run it.
    assert client_for(actors.other_coordinator).get(url).status_code == 404
    assert post(client_for(actors.other_coordinator), f"{url}/confirm").status_code == 404
    check = f"{url}/check/{actors.profile.pk}"
    assert post(client_for(actors.other_coordinator), check).status_code == 404
    assert post(client_for(actors.volunteer), check).status_code == 404
    # The coordinator checks the volunteer in; they never check out. Confirming the finished
    # shift counts its whole length.
    checked = post(coordinator, check)
    assert checked.status_code == 200
    assert checked.json()["roster"][0]["checked_in_at"] is not None
    CheckIn.objects.update(checked_in_at=Shift.objects.get().start)
    confirmed = post(coordinator, f"{url}/confirm")
    assert confirmed.json() == {"confirmed": 1, "still_in": 0}
    entry = HourEntry.objects.get()
    assert entry.status == "confirmed" and entry.minutes == 240
    listing = coordinator.get("/api/v1/hours/shifts").json()["results"]
    assert [s["id"] for s in listing] == [shift["id"]]
    assert client_for(actors.other_coordinator).get("/api/v1/hours/shifts").json()["results"] == []
    assert client_for(actors.volunteer).get("/api/v1/hours/shifts").status_code == 403


def test_silent_list_over_the_api(actors, placement, client_for) -> None:
    rows = client_for(actors.coordinator).get("/api/v1/hours/silent").json()["results"]
    assert [r["volunteer_id"] for r in rows] == [actors.profile.pk]
    assert client_for(actors.volunteer).get("/api/v1/hours/silent").status_code == 403
    assert client_for(None).get("/api/v1/hours/silent").status_code == 401
