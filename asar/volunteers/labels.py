"""Labels of shared reference choices (``asar.geo.models``) shown on the volunteers' forms.

Marked here so that the volunteers catalogue carries their translations: Django merges the
apps' catalogues, and the registration form must be fully Kazakh and Russian.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

REFERENCE_LABELS = (
    gettext_noop("Female"),
    gettext_noop("Male"),
    gettext_noop("Schoolchild"),
    gettext_noop("Student"),
    gettext_noop("Employed"),
    gettext_noop("Unemployed"),
    gettext_noop("Retired"),
    gettext_noop("Other"),
)
