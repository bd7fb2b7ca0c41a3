from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "asar.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The admin's autocomplete loads Select2's messages for the page's language from a
        # fixed list that has no Kazakh, so it spoke English there; Asar ships a Kazakh file
        # (static admin/js/vendor/select2/i18n/kk.js) and adds it to that list.
        from django.contrib.admin import widgets

        widgets.SELECT2_TRANSLATIONS.setdefault("kk", "kk")
