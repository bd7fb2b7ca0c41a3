from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from asar.core.forms import ReadableBlankChoice, form_field
from asar.core.validators import clean_phone
from asar.geo.models import Direction, Region
from asar.lib.i18n import ordered_by_name
from asar.organizations.models import Membership, Organization
from asar.organizations.selectors import OrganizationFilters
from asar.organizations.validators import clean_bin


def _by_name(model: type[Region] | type[Direction]) -> Any:
    if model is Direction:
        return Direction.objects.order_by("number")  # the national report's numbering
    return ordered_by_name(model.objects.all())


class HttpsURLField(forms.URLField):
    """Addresses typed without a scheme are taken as https:// (the modern default)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class OrganizationForm(ReadableBlankChoice, forms.ModelForm):
    class Meta:
        field_classes = {"website": HttpsURLField}
        model = Organization
        fields = [
            "kind",
            "name_kk",
            "name_ru",
            "name_en",
            "bin",
            "home_region",
            "city",
            "regions",
            "directions",
            "description_kk",
            "description_ru",
            "description_en",
            "email",
            "phone",
            "website",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "regions": forms.CheckboxSelectMultiple,
            "directions": forms.CheckboxSelectMultiple,
            "description_kk": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "bin": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # no empty radio button
        form_field(self, "kind", forms.ChoiceField).choices = Organization.Kind.choices
        form_field(self, "home_region", forms.ModelChoiceField).queryset = _by_name(Region)
        form_field(self, "regions", forms.ModelMultipleChoiceField).queryset = _by_name(Region)
        self.fields["regions"].required = False
        self.fields["regions"].help_text = _("The region of registration is always included.")
        form_field(self, "directions", forms.ModelMultipleChoiceField).queryset = _by_name(
            Direction
        )
        # New organisations name their directions; older records without any may be edited.
        self.fields["directions"].required = (
            self.instance.pk is None or self.instance.directions.exists()
        )

    def clean_phone(self) -> str:
        value: str = self.cleaned_data.get("phone") or ""
        return clean_phone(value) if value.strip() else ""

    def clean_bin(self) -> str | None:
        value = (self.cleaned_data.get("bin") or "").strip()
        if not value:
            return None
        value = clean_bin(value)
        self.clean_bin_unique(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f"name_{c}") or "").strip() for c in ("kk", "ru", "en")):
            self.add_error("name_kk", _("Give the name in at least one language."))
        kind = data.get("kind")
        if (
            kind == Organization.Kind.REGISTERED
            and not data.get("bin")
            and "bin" not in self.errors
        ):
            self.add_error("bin", _("A registered organisation needs its BIN."))
        if kind == Organization.Kind.INITIATIVE_GROUP and data.get("bin"):
            self.add_error(
                "bin", _("An initiative group has no BIN; choose “registered organisation”.")
            )
        return data

    def clean_bin_unique(self, value: str) -> None:
        others = Organization.objects.filter(bin=value)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("An organisation with this BIN is already registered."))

    def _get_validation_exclusions(self) -> set[str]:
        # The BIN (format, uniqueness, kind) is checked above with clearer messages.
        exclusions = super()._get_validation_exclusions()  # type: ignore[misc]  # not in stubs
        return {*exclusions, "bin"}

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # private ModelForm hook, not in stubs
        # A violated "has a name" constraint repeats the field error given in clean().
        if self.has_error("name_kk"):
            self.errors.pop(NON_FIELD_ERRORS, None)

    def org_data(self) -> dict[str, Any]:
        excluded = {"regions", "directions"}
        return {k: v for k, v in self.cleaned_data.items() if k not in excluded}


class VerificationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verify")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when refusing: the organisation will read it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why verification is refused."))
        return data


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of an existing Asar user"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.COORDINATOR
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Name or city"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *Organization.Kind.choices],
    )
    verified = forms.ChoiceField(
        label=_("Verification"),
        required=False,
        choices=[("", _("All")), ("yes", _("Verified only")), ("no", _("Not yet verified"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "region", forms.ChoiceField).choices = [
            ("", _("All regions")),
            *((r.iso_code, r.name) for r in _by_name(Region)),
        ]
        form_field(self, "direction", forms.ChoiceField).choices = [
            ("", _("All directions")),
            *((d.code, d.name) for d in _by_name(Direction)),
        ]

    def filters(self) -> OrganizationFilters:
        # A wrong filter (a region that no longer exists) is left out; the others still apply.
        self.is_valid()
        d = getattr(self, "cleaned_data", {})
        verified = {"yes": True, "no": False}.get(d.get("verified") or "")
        return OrganizationFilters(
            region=d.get("region") or None,
            direction=d.get("direction") or None,
            kind=d.get("kind") or None,
            verified=verified,
            q=d.get("q") or None,
        )
