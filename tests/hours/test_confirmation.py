"""Only a coordinator of the entry's organisation confirms or rejects it — service, page, API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from asar.hours import selectors, services
from asar.hours.models import HourEntry
from asar.hours.services import EntryInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(actors, placement):  # type: ignore[no-untyped-def]
    day = timezone.localdate() - dt.timedelta(days=2)
    mine = [
        services.entry_log(
            actor=actors.volunteer,
            volunteer=actors.profile,
            data=EntryInput(
                date=day - dt.timedelta(days=i), minutes=60 * (i + 1), position=placement.position
            ),
        )[0]
        for i in range(3)
    ]
    theirs = services.entry_log(
        actor=actors.volunteer,
        volunteer=actors.profile,
        data=EntryInput(date=day, minutes=90, position=placement.other_position),
    )[0]
    return mine, theirs


def test_coordinator_confirms_in_bulk_and_hours_count(actors, entries) -> None:
    mine, _theirs = entries
    assert services.entries_confirm(actor=actors.coordinator, entry_ids=[e.pk for e in mine]) == 3
    assert selectors.confirmed_minutes(volunteer_id=actors.profile.pk) == 60 + 120 + 180
    assert set(
        HourEntry.objects.filter(pk__in=[e.pk for e in mine]).values_list("reviewed_by", flat=True)
    ) == {actors.coordinator.pk}
    # Confirming again changes nothing.
    assert services.entries_confirm(actor=actors.coordinator, entry_ids=[mine[0].pk]) == 0


def test_coordinator_of_another_organisation_cannot_confirm(actors, entries) -> None:
    mine, theirs = entries
    with pytest.raises(PermissionDenied):
        services.entries_confirm(actor=actors.other_coordinator, entry_ids=[mine[0].pk])
    # All or nothing: one foreign entry in the batch refuses the batch.
    with pytest.raises(PermissionDenied):
        services.entries_confirm(actor=actors.coordinator, entry_ids=[mine[0].pk, theirs.pk])
    assert HourEntry.objects.filter(status="confirmed").count() == 0
    for outsider in (actors.volunteer, actors.operator, actors.analyst):
        with pytest.raises(PermissionDenied):
            services.entries_confirm(actor=outsider, entry_ids=[mine[0].pk])
    assert services.entries_confirm(actor=actors.other_coordinator, entry_ids=[theirs.pk]) == 1


def test_reject_needs_a_reason_and_is_never_counted(actors, entries) -> None:
    mine, _ = entries
    with pytest.raises(ValidationError):
        services.entries_reject(actor=actors.coordinator, entry_ids=[mine[0].pk], reason="  ")
    services.entries_reject(
        actor=actors.coordinator, entry_ids=[mine[0].pk], reason="Was not there"
    )
    entry = HourEntry.objects.get(pk=mine[0].pk)
    assert entry.status == "rejected" and entry.rejection_reason == "Was not there"
    with pytest.raises(ValidationError):
        services.entries_confirm(actor=actors.coordinator, entry_ids=[entry.pk])
    assert selectors.confirmed_minutes(volunteer_id=actors.profile.pk) == 0


def test_queue_shows_only_own_organisations(actors, entries) -> None:
    mine, theirs = entries
    assert {e.pk for e in selectors.review_queue(user=actors.coordinator)} == {e.pk for e in mine}
    assert {e.pk for e in selectors.review_queue(user=actors.other_coordinator)} == {theirs.pk}
    assert list(selectors.review_queue(user=actors.volunteer)) == []


def test_queue_page_owner_peer_outsider(actors, entries, client_for) -> None:
    mine, theirs = entries
    url = reverse("hours:queue")
    page = client_for(actors.coordinator).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert f'value="{mine[0].pk}"' in body and f'value="{theirs.pk}"' not in body
    assert client_for(actors.volunteer).get(url).status_code == 403
    assert client_for(actors.operator).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_bulk_review_with_htmx(actors, entries, client_for) -> None:
    mine, theirs = entries
    client = client_for(actors.coordinator)
    response = client.post(
        reverse("hours:review"),
        {"entry": [mine[0].pk, mine[1].pk], "action": "confirm"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert HourEntry.objects.filter(status="confirmed").count() == 2
    assert f'value="{mine[2].pk}"' in response.content.decode()  # the rest of the queue
    response = client.post(
        reverse("hours:review"),
        {"entry": [mine[2].pk], "action": "reject", "reason": "Duplicate of a paper list"},
        HTTP_HX_REQUEST="true",
    )
    assert HourEntry.objects.get(pk=mine[2].pk).status == "rejected"
    # A peer posting someone else's ids is refused.
    assert (
        client_for(actors.other_coordinator)
        .post(reverse("hours:review"), {"entry": [theirs.pk, mine[0].pk], "action": "confirm"})
        .status_code
        == 403
    )
    assert HourEntry.objects.get(pk=theirs.pk).status == "pending"


def test_api_queue_confirm_reject(actors, entries, client_for) -> None:
    mine, _theirs = entries
    coord = client_for(actors.coordinator)
    queue = coord.get("/api/v1/hours/queue").json()["results"]
    assert {row["id"] for row in queue} == {e.pk for e in mine}
    assert client_for(actors.volunteer).get("/api/v1/hours/queue").status_code == 403
    assert client_for(None).get("/api/v1/hours/queue").status_code == 401

    def post(client, path, payload):  # type: ignore[no-untyped-def]
        return client.post(path, json.dumps(payload), content_type="application/json")

    assert (
        post(
            client_for(actors.other_coordinator),
            "/api/v1/hours/queue/confirm",
            {"entry_ids": [mine[0].pk]},
        ).status_code
        == 403
    )
    response = post(coord, "/api/v1/hours/queue/confirm", {"entry_ids": [mine[0].pk, mine[1].pk]})
    assert response.status_code == 200 and response.json() == {"updated": 2}
    response = post(
        coord, "/api/v1/hours/queue/reject", {"entry_ids": [mine[2].pk], "reason": "No"}
    )
    assert response.json() == {"updated": 1}
    response = post(coord, "/api/v1/hours/queue/confirm", {"entry_ids": [999999]})
    assert response.status_code == 400


def test_volunteer_is_told_why_an_entry_was_rejected(
    actors, entries, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    mine, _theirs = entries
    actors.volunteer.preferred_language = "ru"
    actors.volunteer.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.entries_reject(
            actor=actors.coordinator, entry_ids=[mine[0].pk], reason="Не было в списке"
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [actors.volunteer.email]
    assert "не подтверждены" in mail.outbox[0].subject and "Не было в списке" in mail.outbox[0].body
    # A retried task does not send it twice.
    assert services.rejections_notify(entry_ids=[mine[0].pk]) == 0 and len(mail.outbox) == 1


def test_nobody_confirms_their_own_hours(actors, placement) -> None:  # type: ignore[no-untyped-def]
    """A coordinator who also volunteers for their organisation logs hours like any volunteer:
    pending, out of their own queue, refused if they try to confirm them, confirmed by a
    second coordinator."""
    from tests import factories as f
    from tests.hours.conftest import accept

    own_profile = f.VolunteerFactory(user=actors.coordinator)
    accept(placement.position, own_profile)
    entry, _ = services.entry_log(
        actor=actors.coordinator,
        volunteer=own_profile,
        data=EntryInput(
            date=timezone.localdate() - dt.timedelta(days=1),
            minutes=120,
            position=placement.position,
        ),
    )
    assert entry.status == HourEntry.Status.PENDING
    assert entry.source == HourEntry.Source.VOLUNTEER
    assert entry not in selectors.review_queue(user=actors.coordinator)
    with pytest.raises(PermissionDenied):
        services.entries_confirm(actor=actors.coordinator, entry_ids=[entry.pk])
    with pytest.raises(PermissionDenied):
        services.entries_reject(actor=actors.coordinator, entry_ids=[entry.pk], reason="no")
    colleague = f.UserFactory()
    f.MembershipFactory(organization=actors.org, user=colleague)
    assert entry in selectors.review_queue(user=colleague)
    assert services.entries_confirm(actor=colleague, entry_ids=[entry.pk]) == 1


def test_queue_names_work_for_the_organisation_without_a_position(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests import factories as f

    HourEntry.objects.create(
        volunteer=actors.profile,
        organization=actors.org,
        region=f.region("KZ-75"),
        date=timezone.localdate() - dt.timedelta(days=3),
        form="offline",
        direction=f.direction("education"),
        minutes=120,
        status=HourEntry.Status.PENDING,
        source=HourEntry.Source.IMPORT,
    )
    body = client_for(actors.coordinator).get("/ru/hours/queue/").content.decode()
    assert "работа для организации, без конкретной позиции" in body
