from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "asar.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")
