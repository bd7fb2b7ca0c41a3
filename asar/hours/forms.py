from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asar.core.forms import ReadableBlankChoice, form_field
from asar.geo.models import ActivityForm, Direction
from asar.hours import selectors
from asar.hours.services import EntryInput, check_shift_times, minutes_from_hours
from asar.opportunities.models import Position
from asar.volunteers.models import VolunteerProfile

# Appendix 5 of the guide: good deeds anyone can do on their own, offered as suggestions.
GOOD_DEED_SUGGESTIONS = (
    _("Tutored a child from the neighbourhood in a school subject"),
    _("Ran a master class for children in the yard or at school"),
    _("Organised a draughts, chess or sports tournament"),
    _("Collected clothes, toys or books for children in difficult circumstances"),
    _("Helped organise a celebration at a children's home"),
    _("Helped an elderly neighbour with shopping or housework"),
    _("Took part in a clean-up of a park or a yard"),
)


class HoursField(forms.DecimalField):
    """Hours as the volunteer thinks of them (1.5), stored as minutes (90)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Hours"))
        kwargs.setdefault("help_text", _("In steps of a quarter of an hour: 0.25, 0.5, 1.75 …"))
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"step": "0.25", "min": "0.25", "max": "24", "inputmode": "decimal"}
        )

    def clean(self, value: Any) -> Any:
        hours = super().clean(value)
        if hours is None:
            return None
        try:
            return minutes_from_hours(hours)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["hours"]) from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PositionField(forms.ModelChoiceField):
    """A position, shown with its organisation (two organisations may name one alike) and its
    dates (an organisation runs the same position again and again: ten "English club"s)."""

    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.title} — {obj.organization} · {obj.dates_short}"


class EntryForm(ReadableBlankChoice, forms.Form):
    position = PositionField(
        label=_("Position"),
        queryset=Position.objects.none(),
        required=False,
        empty_label=_("— Independent good deed (no organisation) —"),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = HoursField()
    form = forms.ChoiceField(
        label=_("Form of activity"),
        choices=[("", "—"), *ActivityForm.choices],
        required=False,
        help_text=_("For an independent good deed; a position has its own."),
    )
    direction = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Direction.objects.all(),
        required=False,
        help_text=_("For an independent good deed; a position has its own."),
    )
    beneficiaries = forms.IntegerField(
        label=_("People helped"), min_value=0, max_value=100_000, required=False
    )
    description = forms.CharField(
        label=_("What was done, achievements, notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, volunteer: VolunteerProfile, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        form_field(self, "position", PositionField).queryset = Position.objects.filter(
            pk__in=selectors.loggable_applications(volunteer_id=volunteer.pk).values("position_id")
        ).select_related("organization")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not data.get("position"):
            if not data.get("direction") and "direction" not in self.errors:
                self.add_error("direction", _("Choose a direction."))
            if not data.get("form") and "form" not in self.errors:
                self.add_error("form", _("Choose a form of activity."))
        return data

    def entry_input(self) -> EntryInput:
        d = self.cleaned_data
        return EntryInput(
            date=d["date"],
            minutes=d["hours"],
            position=d.get("position"),
            form=d.get("form") or None,
            direction=d.get("direction"),
            beneficiaries=d.get("beneficiaries"),
            description=d.get("description") or "",
        )


class GroupEntryForm(ReadableBlankChoice, forms.Form):
    position = PositionField(label=_("Position"), queryset=Position.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = HoursField()
    beneficiaries = forms.IntegerField(
        label=_("People helped (each)"), min_value=0, max_value=100_000, required=False
    )
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    volunteers = forms.ModelMultipleChoiceField(
        label=_("Volunteers"),
        queryset=VolunteerProfile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, position: Position | None = None, **kwargs: Any):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        positions = form_field(self, "position", PositionField)
        positions.queryset = selectors.coordinated_positions(user=user)
        if position is not None:
            volunteers = form_field(self, "volunteers", forms.ModelMultipleChoiceField)
            volunteers.queryset = selectors.group_candidates(position_id=position.pk)

    def entry_input(self) -> EntryInput:
        d = self.cleaned_data
        return EntryInput(
            date=d["date"],
            minutes=d["hours"],
            position=d["position"],
            beneficiaries=d.get("beneficiaries"),
            description=d.get("description") or "",
        )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=500)


class ShiftForm(ReadableBlankChoice, forms.Form):
    position = PositionField(label=_("Position"), queryset=Position.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts_at = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_next_day = forms.BooleanField(
        label=_("Ends the next day"),
        required=False,
        help_text=_("A night shift, e.g. 22:00–06:00; its hours count on the day it starts."),
        template_name="hours/_check_field.html",  # the box beside its label
    )
    note = forms.CharField(label=_("Note (place, what to bring)"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"date": timezone.localdate(), "starts_at": dt.time(10), "ends_at": dt.time(14)},
        )
        super().__init__(*args, **kwargs)
        positions = form_field(self, "position", PositionField)
        positions.queryset = selectors.coordinated_positions(user=user)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end:
            try:
                check_shift_times(
                    starts_at=start, ends_at=end, ends_next_day=bool(data.get("ends_next_day"))
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("The eight characters the coordinator shows under the QR code."),
    )
