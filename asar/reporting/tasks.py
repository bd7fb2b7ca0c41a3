"""Background work of reporting. Thin: take an ID, call the service (which is idempotent)."""

from __future__ import annotations

from celery import shared_task

from asar.reporting import services


@shared_task(name="reporting.generate_national_report")
def generate_national_report(report_id: int) -> str:
    return services.report_generate(report_id=report_id).status
