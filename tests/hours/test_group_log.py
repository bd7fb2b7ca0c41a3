from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from asar.hours import services
from asar.hours.models import HourEntry
from asar.hours.services import EntryInput
from tests import factories as f
from tests.hours.conftest import accept

pytestmark = pytest.mark.django_db


def test_coordinator_logs_a_whole_group(actors, placement, client_for) -> None:
    second = f.VolunteerFactory()
    accept(placement.position, second)
    day = timezone.localdate() - dt.timedelta(days=1)
    client = client_for(actors.coordinator)
    page = client.get(
        reverse("hours:group"), {"position": placement.position.pk}, HTTP_HX_REQUEST="true"
    )
    assert second.full_name in page.content.decode()
    response = client.post(
        reverse("hours:group"),
        {
            "position": placement.position.pk,
            "date": day.isoformat(),
            "hours": "3.5",
            "beneficiaries": "40",
            "description": "Tree planting",
            "volunteers": [actors.profile.pk, second.pk],
        },
    )
    assert response.status_code == 302
    entries = HourEntry.objects.filter(position=placement.position)
    assert entries.count() == 2
    assert {e.status for e in entries} == {"confirmed"} and {e.minutes for e in entries} == {210}


def test_group_log_is_all_or_nothing(actors, placement) -> None:
    second = f.VolunteerFactory()
    accept(placement.position, second)
    day = timezone.localdate() - dt.timedelta(days=1)
    services.entry_log(
        actor=second.user,
        volunteer=second,
        data=EntryInput(date=day, minutes=22 * 60, direction=f.direction(), form="offline"),
    )
    with pytest.raises(ValidationError) as exc:
        services.entries_log_group(
            actor=actors.coordinator,
            position=placement.position,
            volunteers=[actors.profile, second],
            data=EntryInput(date=day, minutes=180),
        )
    assert second.full_name in exc.value.message_dict["volunteers"][0]
    assert not HourEntry.objects.filter(position=placement.position).exists()


def test_group_log_permissions(actors, placement, client_for) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        services.entries_log_group(
            actor=actors.other_coordinator,
            position=placement.position,
            volunteers=[actors.profile],
            data=EntryInput(date=day, minutes=60),
        )
    # The peer's form does not even offer the position.
    response = client_for(actors.other_coordinator).post(
        reverse("hours:group"),
        {
            "position": placement.position.pk,
            "date": day.isoformat(),
            "hours": "1",
            "volunteers": [actors.profile.pk],
        },
    )
    assert response.status_code == 400 and not HourEntry.objects.exists()
    assert client_for(actors.volunteer).get(reverse("hours:group")).status_code == 403
