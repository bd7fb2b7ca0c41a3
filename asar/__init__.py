"""Asar — national volunteering platform and monitoring system for Kazakhstan."""

from __future__ import annotations

from asar.celery import app as celery_app

__all__ = ["celery_app"]
