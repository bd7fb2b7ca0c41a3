"""Celery tasks: thin, idempotent, take IDs."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from asar.monitoring import services


@shared_task(ignore_result=True)
def run_report_checks(report_id: int) -> dict[str, int]:
    return services.checks_run(report_ids=[report_id])


@shared_task(ignore_result=True)
def run_nightly_checks() -> dict[str, int]:
    """Re-check this year's and last year's reports: new months change medians and series."""
    today = timezone.localdate()
    result = services.checks_run(year=today.year - 1)
    current = services.checks_run(year=today.year)
    return {k: result[k] + current[k] for k in result}
