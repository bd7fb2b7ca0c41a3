"""Celery application. Tasks are thin: they take IDs and call a service.

Each domain app may define ``BEAT_SCHEDULE`` in ``asar/<app>/schedule.py``; they are merged
here so apps own their periodic work.
"""

from __future__ import annotations

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asar.settings")

app = Celery("asar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _collect_beat_schedules(sender: Celery, **_: object) -> None:
    from django.conf import settings

    schedule: dict[str, dict[str, object]] = {}
    for app_name in settings.ASAR_APPS:
        try:
            module = importlib.import_module(f"{app_name}.schedule")
        except ModuleNotFoundError:
            continue
        schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
    sender.conf.beat_schedule = schedule
