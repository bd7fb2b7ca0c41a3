"""Celery tasks: thin wrappers around services, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from asar.hours import services


@shared_task(name="hours.send_shift_reminders")
def send_shift_reminders() -> int:
    return services.reminders_send_shifts()


@shared_task(name="hours.send_monthly_report_reminders")
def send_monthly_report_reminders() -> int:
    return services.reminders_send_monthly()


@shared_task(name="hours.notify_rejections")
def notify_rejections(entry_ids: list[int]) -> int:
    return services.rejections_notify(entry_ids=entry_ids)
