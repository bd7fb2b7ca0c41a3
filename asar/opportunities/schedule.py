"""Periodic work (merged into Celery beat by asar.celery)."""

from __future__ import annotations

BEAT_SCHEDULE = {
    # Offers hold a place for 72 h by default; checking every 10 minutes keeps the list moving.
    "opportunities-expire-offers": {"task": "opportunities.expire_offers", "schedule": 600.0},
}
