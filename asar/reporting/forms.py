from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from asar.core.forms import form_field
from asar.geo.models import Region
from asar.lib.i18n import ordered_by_name
from asar.reporting.models import NationalReport
from asar.reporting.services import FIRST_YEAR


def year_choices() -> list[tuple[int, int]]:
    return [(y, y) for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class RegionField(forms.ModelChoiceField):
    """A region by its name in the page's language."""

    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class ReportRequestForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    region = RegionField(
        label=_("Edition"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("National edition"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))],
    )
    format = forms.ChoiceField(
        label=pgettext_lazy("file", "Format"), choices=NationalReport.Format.choices
    )

    def __init__(self, *args: Any, regions: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = form_field(self, "region", RegionField)
        region.queryset = ordered_by_name(regions)
        if not national:
            # Operators only make their own region's edition.
            region.required = True
            region.empty_label = None


class ValueFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    region = RegionField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Kazakhstan"),
    )

    def __init__(self, *args: Any, regions: Any, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = form_field(self, "region", RegionField)
        region.queryset = ordered_by_name(regions)
        if not national:
            region.required = True
            region.empty_label = None


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)


class SurveyEstimateForm(forms.Form):
    volunteers = forms.IntegerField(
        label=_("Number of volunteers"),
        min_value=0,
        required=False,
        help_text=_(
            "Leave empty to use the front offices' count (or, without it, the platform's)."
        ),
    )
    hours_per_volunteer_year = forms.DecimalField(
        label=_("Average hours per volunteer per year"),
        min_value=Decimal(0),
        max_value=Decimal(8760),
        max_digits=7,
        decimal_places=1,
    )
    source = forms.CharField(label=_("Source"), max_length=255)
