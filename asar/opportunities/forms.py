from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from asar.core.forms import ReadableBlankChoice, form_field
from asar.geo.models import ActivityForm, Direction, Region
from asar.lib.i18n import has_any_language, ordered_by_name
from asar.opportunities import questionnaire as qn
from asar.opportunities import services
from asar.opportunities.models import Benefit, Position, Project
from asar.opportunities.selectors import SearchFilters
from asar.volunteers.models import SpokenLanguage


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What would you like to do?"), required=False, max_length=200)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
    direction = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Direction.objects.all(),
        required=False,
        empty_label=_("All directions"),
    )
    form = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Online and offline")), ("online", _("Online")), ("offline", _("Offline"))],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    fits_me = forms.BooleanField(label=_("Fits my skills and age"), required=False)

    def filters(self) -> SearchFilters:
        """The filters that are valid: a wrong one (a date typed by hand, a region that no
        longer exists) is shown as an error and left out, the others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SearchFilters(
            q=data.get("q") or "",
            region=data["region"].pk if data.get("region") else None,
            direction=data["direction"].pk if data.get("direction") else None,
            form=data.get("form") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            fits_me=bool(data.get("fits_me")),
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = form_field(self, "region", forms.ModelChoiceField)
        region.queryset = ordered_by_name(Region.objects.all())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned


class _MultilingualMixin(forms.BaseForm):
    multilingual: tuple[str, ...] = ("title",)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for name in self.multilingual:
            if not has_any_language(cleaned, name):
                self.add_error(f"{name}_kk", _("Write it in at least one language."))
        return cleaned


class ProjectForm(ReadableBlankChoice, _MultilingualMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "direction",
            "programme",
        ]


class PositionForm(ReadableBlankChoice, _MultilingualMixin, forms.ModelForm):
    required_languages = forms.MultipleChoiceField(
        label=_("Required languages"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    benefits = forms.MultipleChoiceField(
        label=_("What the volunteer gets"),
        choices=Benefit.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = forms.TypedChoiceField(
        label=_("Minimum age"),
        coerce=int,
        choices=[(14, "14+"), (16, "16+"), (18, "18+"), (21, "21+"), (25, _("25+ (e.g. mentors)"))],
        initial=14,
    )

    class Meta:
        model = Position
        fields = [
            "title_kk",
            "title_ru",
            "title_en",
            "description_kk",
            "description_ru",
            "description_en",
            "direction",
            "form",
            "region",
            "settlement",
            "start_date",
            "end_date",
            "schedule_kk",
            "schedule_ru",
            "schedule_en",
            "hours_per_week",
            "places",
            "min_age",
            "required_skills",
            "required_languages",
            "benefits",
            "is_risky",
            "coordinator",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "required_skills": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, coordinators: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if coordinators is not None:
            form_field(self, "coordinator", forms.ModelChoiceField).queryset = coordinators
        form_field(self, "places", forms.IntegerField).min_value = 1
        self.fields["places"].widget.attrs["min"] = 1
        self.fields["hours_per_week"].widget.attrs.update({"min": "0.5", "max": "168"})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if cleaned.get("form") == ActivityForm.ONLINE:
            cleaned["region"] = None
        elif not cleaned.get("region") and "region" not in self.errors:
            self.add_error("region", _("Choose the region, or make the position online."))
        hours = cleaned.get("hours_per_week")
        if hours is not None and hours <= 0:
            self.add_error("hours_per_week", _("Enter a positive number of hours."))
        elif hours is not None and hours > 168:
            self.add_error("hours_per_week", _("A week has 168 hours."))
        places = cleaned.get("places")
        if places is not None and places < 1:
            self.add_error("places", _("There must be at least one place."))
        if self.instance.pk and places is not None and places < self.instance.places_taken:
            self.add_error("places", _("Cannot be lower than the places already taken."))
        return cleaned


class QualityField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            coerce=int,
            choices=[(i, str(i)) for i in range(qn.QUALITY_MIN, qn.QUALITY_MAX + 1)],
            widget=forms.RadioSelect,
            error_messages={"required": _("Rate this quality from 1 to 5.")},
            **kwargs,
        )


CHOOSE_ONE = {"required": _("Choose at least one answer.")}


class ApplicationForm(forms.Form):
    """The candidate questionnaire (guide, Appendix 1)."""

    availability = forms.MultipleChoiceField(
        label=_("How much free time do you have for the project?"),
        choices=qn.Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tell us when you are free.")},
    )
    availability_other = forms.CharField(
        label=_("Other (please say)"), required=False, max_length=255
    )
    motivations = forms.MultipleChoiceField(
        label=_("What attracts you to this project? (up to 3 answers)"),
        choices=qn.Motivation.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOOSE_ONE,
    )
    motivation_other = forms.CharField(
        label=_("Other (please explain)"), required=False, max_length=255
    )
    residence = forms.ChoiceField(
        label=_("How long have you lived in your settlement?"),
        choices=[("", "—"), *qn.Residence.choices],
        required=False,
    )
    experience_kinds = forms.MultipleChoiceField(
        label=_("Do you have experience of work with people? What was it?"),
        choices=qn.Experience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    experience_with_people = forms.CharField(
        label=_("Tell us more about your experience"),
        required=False,
        widget=forms.Textarea,
        max_length=3000,
    )
    has_health_restrictions = forms.TypedChoiceField(
        label=_("Do you have any health restrictions?"),
        coerce=lambda v: v == "yes",
        choices=[("no", _("No")), ("yes", _("Yes (please explain)"))],
        widget=forms.RadioSelect,
        initial="no",
    )
    health_restrictions = forms.CharField(
        label=_("Health restrictions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Seen only by the coordinators of this organisation."),
    )
    preferred_activities = forms.MultipleChoiceField(
        label=_("Which kinds of activity are interesting and convenient for you? (up to 2)"),
        choices=qn.Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOOSE_ONE,
    )
    activity_other = forms.CharField(
        label=_("Other (please describe)"), required=False, max_length=255
    )
    guardian_consent = forms.BooleanField(
        label=_("A parent or guardian agrees to my volunteering (for volunteers under 18)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for quality in qn.Quality:
            self.fields[f"quality_{quality.value}"] = QualityField(label=quality.label)

    @property
    def quality_fields(self) -> list[forms.BoundField]:
        return [self[f"quality_{q}"] for q in qn.Quality.values]

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["qualities"] = {
            q: data.pop(f"quality_{q}") for q in qn.Quality.values if f"quality_{q}" in data
        }
        return data

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # The same rules as the service and the API; a field with an error already keeps it.
        for name, messages in services.validate_answers(self.answers()).items():
            target = name if name in self.fields else None
            if target is not None and target in self.errors:
                continue
            for message in messages:
                self.add_error(target, message)
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
