from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "asar.hours"
    label = "hours"
    verbose_name = _("Hours")
