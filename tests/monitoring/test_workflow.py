"""Draft → submit → return / approve; locking; the audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.utils import DatabaseError

from asar.monitoring import services
from asar.monitoring.models import AuditEntry, Finding, MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values

pytestmark = pytest.mark.django_db


def _draft(actors, month: int = 6) -> MonthlyReport:  # type: ignore[no-untyped-def]
    return services.report_open(
        user=actors.operator, region=f.region("KZ-75"), year=2023, month=month
    )


def test_operator_fills_and_submits_their_region(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    assert report.status == "draft" and str(report.deadline) == "2023-07-05"
    changed = services.report_save_values(
        user=actors.operator, report=report, raw=consistent_values(1000)
    )
    assert changed == len(consistent_values(1000))
    report = services.report_submit(user=actors.operator, report=report)
    assert report.status == "submitted" and report.first_submitted_at is not None
    actions = list(report.audit_entries.values_list("action", flat=True))
    assert actions.count("value_changed") == changed
    assert {"created", "submitted"} <= set(actions)


def test_operator_cannot_open_another_region(actors) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.report_open(
            user=actors.other_operator, region=f.region("KZ-75"), year=2023, month=6
        )
    report = _draft(actors)
    for outsider in (actors.other_operator, actors.analyst, actors.coordinator, actors.volunteer):
        with pytest.raises(PermissionDenied):
            services.report_save_values(user=outsider, report=report, raw={"volunteers_total": 5})


def test_future_month_is_refused(actors) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.ReportRejected):
        services.report_open(user=actors.operator, region=f.region("KZ-75"), year=2099, month=1)


def test_invalid_values_store_nothing(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    with pytest.raises(services.ReportRejected) as exc:
        services.report_save_values(
            user=actors.operator,
            report=report,
            raw={"volunteers_total": "12", "volunteers_women": "-3", "nope": 1},
        )
    assert set(exc.value.errors) == {"volunteers_women", "nope"}
    assert not report.values.exists()


def test_rule_errors_block_submission(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(
        user=actors.operator,
        report=report,
        raw=consistent_values(1000) | {"volunteers_women": 1},
    )
    with pytest.raises(services.ReportRejected) as exc:
        services.report_submit(user=actors.operator, report=report)
    assert "volunteers_women" in exc.value.errors
    report.refresh_from_db()
    assert report.status == "draft"


def test_warnings_need_a_comment_and_are_kept_as_explained_findings(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(
        user=actors.operator,
        report=report,
        raw=consistent_values(1000) | {"dev_volunteers_reached": 0},
    )
    with pytest.raises(services.ReportRejected) as exc:
        services.report_submit(user=actors.operator, report=report)
    assert "warnings_comment" in exc.value.errors
    services.report_submit(
        user=actors.operator, report=report, warnings_comment="Online training, no head-count"
    )
    finding = report.findings.get(kind=Finding.Kind.RULE_WARNING)
    assert finding.element_code == "development_reach" and finding.state == "explained"


def test_empty_required_fields_need_a_comment(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    values = consistent_values(1000)
    del values["positions_opened"]
    services.report_save_values(user=actors.operator, report=report, raw=values)
    with pytest.raises(services.ReportRejected):
        services.report_submit(user=actors.operator, report=report)
    services.report_submit(user=actors.operator, report=report, warnings_comment="Not counted yet")


def test_return_and_approve_by_the_analyst_only(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(1000))
    services.report_submit(user=actors.operator, report=report)
    for outsider in (actors.operator, actors.other_operator, actors.coordinator, actors.helpline):
        with pytest.raises(PermissionDenied):
            services.report_approve(user=outsider, report=report)
    with pytest.raises(services.ReportRejected):
        services.report_return(user=actors.analyst, report=report, comment="  ")
    services.report_return(user=actors.analyst, report=report, comment="Check the age groups")
    report.refresh_from_db()
    assert report.status == "returned" and report.is_editable
    services.report_save_values(user=actors.operator, report=report, raw={"orgs_new": 2})
    services.report_submit(user=actors.operator, report=report)
    services.report_approve(user=actors.analyst, report=report)
    report.refresh_from_db()
    assert report.status == "approved"


def test_approved_report_is_locked(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(1000))
    services.report_submit(user=actors.operator, report=report)
    services.report_approve(user=actors.analyst, report=report)
    with pytest.raises(services.ReportRejected):
        services.report_save_values(user=actors.operator, report=report, raw={"orgs_new": 3})
    with pytest.raises(services.ReportRejected):
        services.report_submit(user=actors.operator, report=report)
    with pytest.raises(PermissionDenied):
        services.report_return(user=actors.analyst, report=report, comment="again")


def test_open_critical_finding_blocks_approval(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(1000))
    services.report_submit(user=actors.operator, report=report)
    finding = Finding.objects.create(
        report=report, kind="duplicate_period", severity="critical", params={}
    )
    with pytest.raises(services.ReportRejected):
        services.report_approve(user=actors.analyst, report=report)
    services.finding_respond(
        user=actors.operator, finding=finding, state="explained", comment="Really the same"
    )
    services.report_approve(user=actors.analyst, report=report)


def test_finding_answer_needs_a_comment_and_the_regions_operator(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    finding = Finding.objects.create(report=report, kind="timeliness", severity="info", params={})
    with pytest.raises(PermissionDenied):
        services.finding_respond(
            user=actors.other_operator, finding=finding, state="explained", comment="x"
        )
    with pytest.raises(PermissionDenied):
        services.finding_respond(
            user=actors.analyst, finding=finding, state="explained", comment="x"
        )
    with pytest.raises(services.ReportRejected):
        services.finding_respond(
            user=actors.operator, finding=finding, state="explained", comment=""
        )
    with pytest.raises(services.ReportRejected):
        services.finding_respond(user=actors.operator, finding=finding, state="open", comment="x")


def test_audit_trail_records_who_when_old_and_new(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    services.report_save_values(
        user=actors.operator, report=report, raw={"volunteers_total": "100"}
    )
    services.report_save_values(
        user=actors.operator, report=report, raw={"volunteers_total": "120"}
    )
    services.report_save_values(user=actors.operator, report=report, raw={"volunteers_total": ""})
    rows = list(
        report.audit_entries.filter(element_code="volunteers_total")
        .order_by("id")
        .values_list("actor_label", "old_value", "new_value")
    )
    assert rows == [
        ("operator.almaty@example.kz", "", "100"),
        ("operator.almaty@example.kz", "100", "120"),
        ("operator.almaty@example.kz", "120", ""),
    ]
    # Saving the same value again is not a change.
    assert (
        services.report_save_values(
            user=actors.operator, report=report, raw={"volunteers_total": ""}
        )
        == 0
    )


def test_audit_entries_cannot_be_changed_or_deleted_through_the_model(actors) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    entry = report.audit_entries.get()
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_audit_admin_has_no_change_or_delete(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = _draft(actors).audit_entries.get()
    client = client_for(actors.admin)
    assert client.get(f"/en/admin/monitoring/auditentry/{entry.pk}/change/").status_code == 200
    assert client.post(f"/en/admin/monitoring/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.get("/en/admin/monitoring/auditentry/add/").status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_findings_cannot_be_deleted_in_the_admin(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """A finding and its answer are part of a report's history: the checks close them, nobody
    deletes them by hand."""
    finding = Finding.objects.create(
        report=_draft(actors), kind="timeliness", severity="info", params={}
    )
    client = client_for(actors.admin)
    assert client.post(f"/en/admin/monitoring/finding/{finding.pk}/delete/").status_code == 403
    client.post(
        "/en/admin/monitoring/finding/",
        {"action": "delete_selected", "_selected_action": [finding.pk], "post": "yes"},
    )
    assert Finding.objects.filter(pk=finding.pk).exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgres_trigger_refuses_update_and_delete(actors) -> None:  # type: ignore[no-untyped-def]
    entry = _draft(actors).audit_entries.get()
    for statement in (
        "UPDATE monitoring_auditentry SET note = 'x' WHERE id = %s",
        "DELETE FROM monitoring_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(note="bulk")
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def _race(n: int, action) -> tuple[list[object], list[Exception]]:  # type: ignore[no-untyped-def]
    import threading

    barrier = threading.Barrier(n)
    results: list[object] = []
    errors: list[Exception] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(action())
        except Exception as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_open_and_submit_give_one_report_and_one_submission(actors) -> None:  # type: ignore[no-untyped-def]
    region = f.region("KZ-75")
    results, errors = _race(
        4,
        lambda: services.report_open(user=actors.operator, region=region, year=2023, month=6).pk,
    )
    assert not errors and len(set(results)) == 1
    report = MonthlyReport.objects.get()
    assert report.audit_entries.filter(action="created").count() == 1
    services.report_save_values(user=actors.operator, report=report, raw=consistent_values(900))
    results, errors = _race(3, lambda: services.report_submit(user=actors.operator, report=report))
    assert len(results) == 1 and len(errors) == 2
    assert all(isinstance(e, services.ReportRejected) for e in errors)
    assert report.audit_entries.filter(action="submitted").count() == 1


def test_empty_fields_explained_at_submission_are_not_asked_again(
    actors, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    report = _draft(actors)
    values = consistent_values(1000)
    del values["positions_opened"]
    services.report_save_values(user=actors.operator, report=report, raw=values)
    with django_capture_on_commit_callbacks(execute=True):  # the checks run after the commit
        services.report_submit(
            user=actors.operator, report=report, warnings_comment="Not counted yet"
        )
    empty = report.findings.get(kind=Finding.Kind.COMPLETENESS)
    assert (empty.state, empty.comment, empty.responded_by) == (
        "explained",
        "Not counted yet",
        actors.operator,
    )
    # Returned and submitted again with a new comment: the answer is the new comment.
    services.report_return(user=actors.analyst, report=report, comment="Count them")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(
            user=actors.operator, report=report, warnings_comment="The office was closed"
        )
    empty.refresh_from_db()
    assert (empty.state, empty.comment) == ("explained", "The office was closed")
