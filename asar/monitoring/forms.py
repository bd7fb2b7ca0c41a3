from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from asar.monitoring.models import Finding


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled template (.xlsx) or CSV (code,value)"),
        help_text=_("At most 2 MB. Nothing is stored if any cell has an error."),
    )


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return for correction"))]
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea, max_length=4000
    )


class RespondForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            (Finding.State.EXPLAINED, _("Explained: the figure is right")),
            (Finding.State.CORRECTED, _("Corrected: I fixed the data")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class StartForm(forms.Form):
    region = forms.IntegerField(min_value=1)
    year = forms.IntegerField(min_value=2015, max_value=2100)
    month = forms.IntegerField(min_value=1, max_value=12)
