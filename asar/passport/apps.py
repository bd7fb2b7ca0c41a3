from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportConfig(AppConfig):
    name = "asar.passport"
    label = "passport"
    verbose_name = _("Passport")
