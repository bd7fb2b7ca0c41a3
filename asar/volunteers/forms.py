"""Forms of the volunteers domain. Field errors come back in the visitor's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asar.accounts.forms import NewAccountMixin
from asar.core.forms import ReadableBlankChoice, form_field
from asar.core.validators import clean_phone
from asar.geo.models import Region
from asar.lib.i18n import ordered_by_name
from asar.volunteers import validators
from asar.volunteers.models import Availability, Skill, SpokenLanguage, VolunteerProfile
from asar.volunteers.services import PROFILE_FIELDS


class NoEchoInput(forms.TextInput):
    """A text input that never writes its value back into the page: the IIN typed by the
    visitor is not sent back when another field needs correcting."""

    def format_value(self, value: Any) -> str | None:
        return None


class ProfileForm(ReadableBlankChoice, forms.ModelForm):
    """Fields shared by registration and "my profile"."""

    iin = forms.CharField(
        label=_("IIN"),
        required=False,
        max_length=14,
        help_text=_(
            "Optional. 12 digits. We keep only a protected fingerprint and the last four digits."
        ),
        widget=NoEchoInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you available?"),
        choices=Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VolunteerProfile
        fields = [f for f in PROFILE_FIELDS if f != "passport_public"] + ["skills"]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "health_restrictions": forms.Textarea(attrs={"rows": 3}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "hours_per_week": forms.NumberInput(attrs={"min": 0, "max": 168}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "region", forms.ModelChoiceField).queryset = ordered_by_name(
            Region.objects.all()
        )
        form_field(self, "skills", forms.ModelMultipleChoiceField).queryset = ordered_by_name(
            Skill.objects.all()
        )
        self.fields["hours_per_week"].validators.append(self._max_hours)
        if self.instance.pk and self.instance.iin_last4:
            self.fields["iin"].help_text = _(
                "Stored: %(masked)s. Leave empty to keep it; enter a new one to replace it."
            ) % {"masked": self.instance.iin_masked}

    @staticmethod
    def _max_hours(value: int) -> None:
        if value > 168:
            raise ValidationError(_("A week has 168 hours."))

    def clean_iin(self) -> str:
        value: str = self.cleaned_data.get("iin") or ""
        return validators.clean_iin(value) if value.strip() else ""

    def clean_phone(self) -> str:
        value: str = self.cleaned_data.get("phone") or ""
        return clean_phone(value) if value.strip() else ""

    def clean_birth_date(self) -> Any:
        value = self.cleaned_data.get("birth_date")
        if value is not None:
            validators.check_birth_date(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        birth_date = data.get("birth_date")
        if birth_date is not None and "birth_date" not in self.errors:
            try:
                validators.check_volunteer(
                    birth_date=birth_date,
                    guardian_consent=bool(data.get("guardian_consent")),
                    iin=data.get("iin") or None,
                    hours_per_week=data.get("hours_per_week") or 0,
                )
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    if field not in self.errors:
                        self.add_error(field, errors)
        return data

    def profile_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k in PROFILE_FIELDS}


class ConsentMixin(forms.Form):
    personal_data_consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data for volunteering on Asar."),
        required=True,
        error_messages={"required": _("Registration needs your consent to data processing.")},
    )


class BecomeVolunteerForm(ProfileForm, ConsentMixin):
    """A signed-in person without a profile adds one to their account."""


class RegistrationForm(NewAccountMixin, ProfileForm, ConsentMixin):
    """A new account and its volunteer profile in one form."""

    field_order = ["email", "password1", "password2"]


class MyProfileForm(ProfileForm):
    class Meta(ProfileForm.Meta):
        fields = [*ProfileForm.Meta.fields, "passport_public"]
