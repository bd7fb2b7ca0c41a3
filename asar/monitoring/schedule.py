"""Periodic work of the monitoring domain (merged into Celery beat by asar/celery.py)."""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "monitoring-nightly-checks": {
        "task": "asar.monitoring.tasks.run_nightly_checks",
        "schedule": crontab(hour=2, minute=30),
    }
}
