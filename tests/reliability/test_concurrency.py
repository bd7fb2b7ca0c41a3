"""Concurrency at the HTTP and service boundaries, on PostgreSQL (real row locks).

The issue's figures: 50 concurrent accept requests on a position with 10 places give exactly
10 accepted; concurrent hour entries never pass 24 h a day; concurrent edits of one monthly
report leave an audit trail that replays to the stored values."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from asar.accounts.tokens import api_token_create
from asar.hours import services as hours_services
from asar.hours.models import DailyTotal, HourEntry
from asar.monitoring import services as monitoring_services
from asar.monitoring.models import AuditEntry, DataValue, MonthlyReport
from asar.opportunities.models import Application, ApplicationEvent
from tests import factories as f
from tests.monitoring.factories import consistent_values
from tests.opportunities.factories import application

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.heavy,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def race(actions: list[Callable[[], Any]]) -> list[Any]:
    """Run the actions in threads released together; results (or exceptions) in order."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[Any] = [None] * len(actions)

    def run(i: int) -> None:
        try:
            barrier.wait()
            outcomes[i] = actions[i]()
        except Exception as exc:  # collected and asserted on by the test
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_fifty_accept_requests_on_ten_places_accept_exactly_ten(actors) -> None:  # type: ignore[no-untyped-def]
    position = f.PositionFactory(project=f.ProjectFactory(organization=actors.org), places=10)
    applications = [application(position) for _ in range(50)]
    token = api_token_create(user=actors.coordinator, name="race")

    def accept(app_id: int) -> Callable[[], int]:
        def post() -> int:
            response = Client().post(
                f"/api/v1/applications/{app_id}/transition",
                {"action": "accept"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            return response.status_code

        return post

    statuses = race([accept(a.pk) for a in applications])
    assert sorted(statuses) == [200] * 10 + [409] * 40
    position.refresh_from_db()
    assert position.places_taken == 10
    accepted = Application.objects.filter(position=position, status=Application.Status.ACCEPTED)
    assert accepted.count() == 10
    assert (
        ApplicationEvent.objects.filter(
            application__position=position, to_status=Application.Status.ACCEPTED
        ).count()
        == 10
    )


def test_concurrent_hour_entries_never_pass_a_day(actors) -> None:  # type: ignore[no-untyped-def]
    """Twelve 3-hour entries for one volunteer and day, on different positions, at once:
    eight fit into 24 h, four are refused with the day-limit message."""
    project = f.ProjectFactory(organization=actors.org)
    volunteer = f.VolunteerFactory()
    accepted_at = timezone.now() - dt.timedelta(days=30)
    positions = []
    for _ in range(12):
        position = f.PositionFactory(project=project, start_date=dt.date(2020, 1, 1))
        application(
            position, volunteer, status=Application.Status.ACCEPTED, accepted_at=accepted_at
        )
        positions.append(position)
    day = timezone.localdate() - dt.timedelta(days=2)

    def log(position):  # type: ignore[no-untyped-def]
        data = hours_services.EntryInput(date=day, minutes=180, position=position)
        return lambda: hours_services.entry_log(
            actor=volunteer.user, volunteer=volunteer, data=data
        )

    outcomes = race([log(p) for p in positions])
    created = [o for o in outcomes if isinstance(o, tuple)]
    refused = [o for o in outcomes if not isinstance(o, tuple)]
    assert len(created) == 8 and len(refused) == 4
    assert all(e.error_dict["hours"][0].code == "day_limit" for e in refused)
    assert DailyTotal.objects.get(volunteer=volunteer, date=day).minutes == 24 * 60
    assert sum(HourEntry.objects.filter(volunteer=volunteer).values_list("minutes", flat=True)) == (
        24 * 60
    )


def test_concurrent_report_edits_keep_a_replayable_audit_trail(actors) -> None:  # type: ignore[no-untyped-def]
    """Six saves of different figures into one draft at once: each is applied whole, one after
    the other, and the audit trail's old → new values chain up to what is stored."""
    region = f.region("KZ-75")
    report = monitoring_services.report_open(
        user=actors.operator, region=region, year=2023, month=6
    )
    versions = [consistent_values(900 + 10 * i, seed=i) for i in range(6)]

    def save(values: dict[str, Any]) -> Callable[[], int]:
        return lambda: monitoring_services.report_save_values(
            user=actors.operator, report=report, raw=values
        )

    outcomes = race([save(v) for v in versions])
    assert all(isinstance(o, int) for o in outcomes), outcomes
    stored = {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in DataValue.objects.filter(report=report).select_related("element")
    }
    # The last save to take the report's lock wins whole: no mix of two versions.
    assert any(
        all(stored.get(code) == value for code, value in version.items() if value not in ("", None))
        for version in versions
    )
    changes = AuditEntry.objects.filter(
        report=report, action=AuditEntry.Action.VALUE_CHANGED
    ).order_by("id")
    replayed: dict[str, str] = {}
    for change in changes:
        assert change.old_value == replayed.get(change.element_code, ""), change.element_code
        replayed[change.element_code] = change.new_value
    assert {code: value for code, value in replayed.items() if value != ""} == {
        code: str(value) for code, value in stored.items()
    }
    assert MonthlyReport.objects.get(pk=report.pk).status == MonthlyReport.Status.DRAFT
