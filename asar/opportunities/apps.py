from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "asar.opportunities"
    label = "opportunities"
    verbose_name = _("Opportunities")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from asar.opportunities.search import register_sqlite_fold

        connection_created.connect(register_sqlite_fold, dispatch_uid="asar_sqlite_fold")
