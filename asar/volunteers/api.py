"""JSON API of the volunteers domain (mounted under /api/v1/volunteers/ by asar.api).

Only the signed-in volunteer's own profile is reachable here; the IIN is only ever returned
masked (it is not stored in clear at all).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from asar.geo.models import Region
from asar.volunteers import selectors, services
from asar.volunteers.forms import MyProfileForm
from asar.volunteers.models import Skill, VolunteerProfile

router = Router(tags=["volunteers"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ProfileOut(Schema):
    email: str
    first_name: str
    last_name: str
    patronymic: str
    region: str = Field(..., description="ISO 3166-2 code")
    settlement: str
    gender: str
    birth_date: dt.date
    age_group: str | None
    employment: str
    education: str
    languages: list[str]
    skills: list[str]
    other_skills: str
    hours_per_week: int
    availability: list[str]
    health_restrictions: str
    phone: str
    iin_masked: str = Field(..., description="Only the last four digits are ever shown")
    guardian_consent: bool
    personal_data_consent_at: dt.datetime
    passport_public: bool

    @staticmethod
    def resolve_email(obj: VolunteerProfile) -> str:
        return obj.user.email

    @staticmethod
    def resolve_region(obj: VolunteerProfile) -> str:
        return obj.region.iso_code

    @staticmethod
    def resolve_skills(obj: VolunteerProfile) -> list[str]:
        return sorted(s.code for s in obj.skills.all())


Lang = Literal["kk", "ru", "en", "other"]
When = Literal["weekdays", "evenings", "weekends"]


class ProfilePatch(Schema):
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    patronymic: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=8, description="ISO 3166-2 code")
    settlement: str | None = Field(None, max_length=120)
    gender: Literal["female", "male"] | None = None
    birth_date: dt.date | None = None
    employment: (
        Literal["schoolchild", "student", "employed", "unemployed", "retired", "other"] | None
    ) = None
    education: str | None = Field(None, max_length=24)
    languages: list[Lang] | None = Field(None, max_length=4)
    skills: list[str] | None = Field(None, max_length=50, description="Skill codes")
    other_skills: str | None = Field(None, max_length=255)
    hours_per_week: int | None = Field(None, ge=0, le=168)
    availability: list[When] | None = Field(None, max_length=3)
    health_restrictions: str | None = Field(None, max_length=5000)
    phone: str | None = Field(None, max_length=20)
    iin: str | None = Field(
        None, max_length=14, description="12 digits to set or replace; empty string removes it"
    )
    guardian_consent: bool | None = None
    passport_public: bool | None = None


def _errors(form_or_exc: Any) -> dict[str, list[str]]:
    if isinstance(form_or_exc, ValidationError):
        if hasattr(form_or_exc, "error_dict"):
            return {
                k: [m for e in v for m in e.messages] for k, v in form_or_exc.error_dict.items()
            }
        return {"__all__": form_or_exc.messages}
    return {
        field: [e["message"] for e in errors]
        for field, errors in form_or_exc.errors.get_json_data().items()
    }


def _loaded(profile: VolunteerProfile) -> VolunteerProfile:
    return selectors.own_profile(user=profile.user) or profile


@router.get("/me", response={200: ProfileOut, 404: ErrorOut}, summary="My volunteer profile")
def get_me(request: HttpRequest) -> Any:
    profile = selectors.own_profile(user=request.user)
    if profile is None:
        return Status(404, {"detail": _("You do not have a volunteer profile yet.")})
    return Status(200, profile)


@router.patch(
    "/me",
    response={200: ProfileOut, 400: ErrorOut, 404: ErrorOut},
    summary="Change my volunteer profile",
)
def patch_me(request: HttpRequest, payload: ProfilePatch) -> Any:
    profile = selectors.own_profile(user=request.user)
    if profile is None:
        return Status(404, {"detail": _("You do not have a volunteer profile yet.")})
    changes = payload.dict(exclude_unset=True)
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = model_to_dict(profile, fields=MyProfileForm.Meta.fields)
    data["skills"] = [s.pk for s in profile.skills.all()]
    data["birth_date"] = profile.birth_date.isoformat()
    if "region" in changes:
        region = Region.objects.filter(iso_code=changes.pop("region") or "").first()
        if region is None:
            errors["region"] = [_("Unknown region code.")]
        else:
            data["region"] = region.pk
    if "skills" in changes:
        codes = set(changes.pop("skills") or [])
        found = dict(Skill.objects.filter(code__in=codes).values_list("code", "pk"))
        if unknown := sorted(codes - set(found)):
            errors["skills"] = [_("Unknown codes: %(codes)s") % {"codes": ", ".join(unknown)}]
        data["skills"] = list(found.values())
    iin_change = changes.pop("iin", services.KEEP_IIN)
    if "birth_date" in changes and changes["birth_date"] is not None:
        changes["birth_date"] = changes["birth_date"].isoformat()
    data.update(
        {k: ("" if v is None and k not in ("hours_per_week",) else v) for k, v in changes.items()}
    )
    if data.get("hours_per_week") is None:
        data["hours_per_week"] = profile.hours_per_week
    data["iin"] = iin_change if isinstance(iin_change, str) else ""
    if errors:
        return Status(400, {"detail": _("Please correct the errors."), "errors": errors})
    form = MyProfileForm(data=data, instance=VolunteerProfile.objects.get(pk=profile.pk))
    if not form.is_valid():
        return Status(400, {"detail": _("Please correct the errors."), "errors": _errors(form)})
    if iin_change is not services.KEEP_IIN:
        iin_change = form.cleaned_data["iin"] or None
    try:
        services.volunteer_profile_update(
            profile=profile,
            data=form.profile_data(),
            skills=form.cleaned_data["skills"],
            iin=iin_change,
        )
    except ValidationError as exc:
        return Status(400, {"detail": _("Please correct the errors."), "errors": _errors(exc)})
    return Status(200, _loaded(profile))
