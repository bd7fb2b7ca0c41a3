"""Periodic work of the hours domain (merged into Celery beat by asar.celery)."""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every hour: shifts starting within 24 hours (each volunteer reminded once per shift).
    "hours-shift-reminders": {
        "task": "hours.send_shift_reminders",
        "schedule": crontab(minute=5),
    },
    # Daily at 10:00 Almaty: volunteers silent for 30 days (at most once a month each).
    "hours-monthly-report-reminders": {
        "task": "hours.send_monthly_report_reminders",
        "schedule": crontab(hour=10, minute=0),
    },
}
