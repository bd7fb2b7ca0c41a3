from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from asar.hours.models import HourEntry

pytestmark = pytest.mark.django_db


def test_volunteer_logs_from_the_page(actors, placement, client_for) -> None:
    client = client_for(actors.volunteer)
    assert client.get(reverse("hours:diary")).status_code == 200
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("hours:diary"),
        {
            "position": placement.position.pk,
            "date": day,
            "hours": "2.75",
            "beneficiaries": "8",
            "description": "Lesson",
        },
    )
    assert response.status_code == 302
    entry = HourEntry.objects.get()
    assert entry.minutes == 165 and entry.status == "pending"
    page = client.get(reverse("hours:diary")).content.decode()
    assert "Lesson" in page


def test_page_errors_are_field_level(actors, placement, client_for) -> None:
    client = client_for(actors.volunteer)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("hours:diary"), {"position": placement.position.pk, "date": future, "hours": "1"}
    )
    assert response.status_code == 400 and response.context["form"].errors["date"]
    response = client.post(
        reverse("hours:diary"), {"position": placement.position.pk, "date": future, "hours": "1.1"}
    )
    assert response.context["form"].errors["hours"]
    response = client.post(
        reverse("hours:diary"), {"date": timezone.localdate().isoformat(), "hours": "1"}
    )
    assert set(response.context["form"].errors) == {"direction", "form"}
    assert not HourEntry.objects.exists()


def test_diary_permissions(actors, client_for) -> None:
    assert client_for(None).get(reverse("hours:diary")).status_code == 302
    assert client_for(actors.coordinator).get(reverse("hours:diary")).status_code == 403
    assert client_for(actors.analyst).get(reverse("hours:diary")).status_code == 403


def test_api_log_and_list(actors, placement, client_for) -> None:
    client = client_for(actors.volunteer)
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    payload = {"date": day, "hours": "1.5", "position_id": placement.position.pk}
    first = client.post(
        "/api/v1/hours/entries", json.dumps(payload), content_type="application/json"
    )
    assert (
        first.status_code == 201
        and first.json()["minutes"] == 90
        and first.json()["status"] == "pending"
    )
    again = client.post(
        "/api/v1/hours/entries", json.dumps(payload), content_type="application/json"
    )
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    bad = client.post(
        "/api/v1/hours/entries",
        json.dumps({**payload, "hours": "1.3"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "hours" in bad.json()["errors"]
    deed = {
        "date": day,
        "hours": "1",
        "form": "online",
        "direction_code": "education",
        "description": "Webinar",
    }
    assert (
        client.post(
            "/api/v1/hours/entries", json.dumps(deed), content_type="application/json"
        ).json()["status"]
        == "self_reported"
    )
    listing = client.get("/api/v1/hours/entries").json()
    assert (listing["count"], listing["count_exact"], len(listing["results"])) == (2, True, 2)
    # Other people see only their own diary; non-volunteers have none.
    assert client_for(actors.other_volunteer).get("/api/v1/hours/entries").json()["results"] == []
    assert client_for(actors.coordinator).get("/api/v1/hours/entries").status_code == 403
    assert client_for(None).get("/api/v1/hours/entries").status_code == 401
    other = client_for(actors.other_volunteer).post(
        "/api/v1/hours/entries", json.dumps(payload), content_type="application/json"
    )
    assert other.status_code == 400 and "position_id" in other.json()["errors"]


def test_volunteer_withdraws_an_unconfirmed_entry(actors, placement, client_for) -> None:
    from asar.hours import services
    from asar.hours.models import DailyTotal
    from asar.hours.services import EntryInput

    day = timezone.localdate() - dt.timedelta(days=1)
    pending, _ = services.entry_log(
        actor=actors.volunteer,
        volunteer=actors.profile,
        data=EntryInput(date=day, minutes=600, position=placement.position),
    )
    confirmed, _ = services.entry_log(
        actor=actors.other_coordinator,
        volunteer=actors.profile,
        data=EntryInput(date=day, minutes=120, position=placement.other_position),
    )
    # Only the owner, and only while unconfirmed.
    assert (
        client_for(actors.other_volunteer)
        .post(reverse("hours:withdraw", args=[pending.pk]))
        .status_code
        == 403
    )
    assert client_for(None).delete(f"/api/v1/hours/entries/{pending.pk}").status_code == 401
    assert (
        client_for(actors.other_volunteer).delete(f"/api/v1/hours/entries/{pending.pk}").status_code
        == 403
    )
    assert (
        client_for(actors.volunteer).delete(f"/api/v1/hours/entries/{confirmed.pk}").status_code
        == 400
    )
    assert (
        client_for(actors.volunteer).post(reverse("hours:withdraw", args=[pending.pk])).status_code
        == 302
    )
    assert list(HourEntry.objects.values_list("pk", flat=True)) == [confirmed.pk]
    assert DailyTotal.objects.get(volunteer=actors.profile, date=day).minutes == 120


@pytest.mark.parametrize(
    ("hours", "code", "message"),
    [
        ("0", "min", "положительное число часов"),
        ("-2", "min", "положительное число часов"),
        ("25", "max", "не больше 24 часов"),
        ("0.3", "step", "четвертями часа"),
    ],
)
def test_api_hours_rules_answer_with_the_diarys_messages(
    actors, placement, client_for, hours, code, message
) -> None:
    """Out-of-range hours get the same clear, translated message as the page (not a generic
    schema error in English), under the name of the field that was sent."""
    client = client_for(actors.volunteer)
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        "/api/v1/hours/entries",
        json.dumps({"date": day, "hours": hours, "position_id": placement.position.pk}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["hours"]
    assert message in response.json()["errors"]["hours"][0]
    assert not HourEntry.objects.exists()


def test_api_errors_name_the_fields_that_were_sent(actors, placement, client_for) -> None:
    client = client_for(actors.volunteer)
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    independent = client.post(
        "/api/v1/hours/entries",
        json.dumps({"date": day, "hours": "1", "form": "offline"}),
        content_type="application/json",
    )
    assert independent.status_code == 400 and "direction_code" in independent.json()["errors"]
