"""JSON API of the organizations domain (mounted under /api/v1/organizations/ by asar.api).

Writes are validated by the same forms as the pages, so the rules (BIN checksum, one name at
least, contacts) cannot drift apart between the two doors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from asar.accounts import roles
from asar.accounts.auth import PUBLIC
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.paging import PageParams, page_schema
from asar.geo.models import Direction, Region
from asar.lib.pagination import page_of
from asar.organizations import permissions, selectors, services
from asar.organizations.forms import OrganizationForm
from asar.organizations.models import Organization

router = Router(tags=["organizations"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class OrganizationOut(Schema):
    id: int
    kind: str
    name: str
    name_kk: str
    name_ru: str
    name_en: str
    bin: str | None
    city: str
    home_region: str
    regions: list[str]
    directions: list[str]
    description_kk: str
    description_ru: str
    description_en: str
    email: str
    phone: str
    website: str
    verification: str
    verified_at: dt.datetime | None
    value_public: bool = Field(
        description="Its coordinators show the value of its volunteers' work publicly"
        " (GET /api/v1/reports/organizations/{id}/value)."
    )

    @staticmethod
    def resolve_home_region(obj: Organization) -> str:
        return obj.home_region.iso_code

    @staticmethod
    def resolve_regions(obj: Organization) -> list[str]:
        return sorted(r.iso_code for r in obj.regions.all())

    @staticmethod
    def resolve_directions(obj: Organization) -> list[str]:
        return [d.code for d in sorted(obj.directions.all(), key=lambda d: d.number)]


OrganizationPage = page_schema(OrganizationOut)


class OrganizationIn(Schema):
    kind: Literal["registered", "initiative_group"]
    name_kk: str = Field("", max_length=255)
    name_ru: str = Field("", max_length=255)
    name_en: str = Field("", max_length=255)
    bin: str | None = Field(None, max_length=20)
    city: str = Field("", max_length=120)
    home_region: str = Field(..., description="ISO 3166-2 code, e.g. KZ-75", max_length=8)
    regions: list[str] = Field(default_factory=list, max_length=30)
    directions: list[str] = Field(..., min_length=1, max_length=21, description="Direction codes")
    description_kk: str = Field("", max_length=20_000)
    description_ru: str = Field("", max_length=20_000)
    description_en: str = Field("", max_length=20_000)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    website: str = Field("", max_length=200)


class OrganizationPatch(Schema):
    kind: Literal["registered", "initiative_group"] | None = None
    name_kk: str | None = Field(None, max_length=255)
    name_ru: str | None = Field(None, max_length=255)
    name_en: str | None = Field(None, max_length=255)
    bin: str | None = Field(None, max_length=20)
    city: str | None = Field(None, max_length=120)
    home_region: str | None = Field(None, max_length=8)
    regions: list[str] | None = Field(None, max_length=30)
    directions: list[str] | None = Field(None, min_length=1, max_length=21)
    description_kk: str | None = Field(None, max_length=20_000)
    description_ru: str | None = Field(None, max_length=20_000)
    description_en: str | None = Field(None, max_length=20_000)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)
    website: str | None = Field(None, max_length=200)
    value_public: bool | None = Field(
        None, description="Show the value of the volunteers' work on the public page."
    )


class VerificationIn(Schema):
    decision: Literal["verified", "rejected"]
    note: str = Field("", max_length=2000)


def form_errors(form: BaseForm) -> dict[str, list[str]]:
    return {
        field: [e["message"] for e in errors]
        for field, errors in form.errors.get_json_data().items()
    }


def validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"__all__": exc.messages}


def _to_form_data(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Translate API codes (ISO region codes, direction codes) to the form's primary keys."""
    errors: dict[str, list[str]] = {}
    data = dict(payload)
    if "home_region" in data and isinstance(data["home_region"], str):
        region = Region.objects.filter(iso_code=data["home_region"]).first()
        if region is None:
            errors["home_region"] = [_("Unknown region code.")]
        else:
            data["home_region"] = region.pk
    for key, model, code_field in (
        ("regions", Region, "iso_code"),
        ("directions", Direction, "code"),
    ):
        if key in data and data[key] is not None and all(isinstance(c, str) for c in data[key]):
            codes = set(data[key])
            found = dict(
                model.objects.filter(**{f"{code_field}__in": codes}).values_list(code_field, "pk")
            )
            unknown = sorted(codes - set(found))
            if unknown:
                errors[key] = [_("Unknown codes: %(codes)s") % {"codes": ", ".join(unknown)}]
            data[key] = list(found.values())
    # An explicit null clears the BIN; a PATCH that does not mention it keeps it.
    if "bin" in data and data["bin"] is None:
        data["bin"] = ""
    return data, errors


def _visible_or_404(request: HttpRequest, org_id: int) -> Organization | None:
    return selectors.organization_visible(user=request.user, org_id=org_id)


@router.get("/", response=OrganizationPage, auth=PUBLIC, summary="List organisations")
def list_organizations(
    request: HttpRequest,
    paging: Query[PageParams],
    region: str | None = Query(None, max_length=8, description="ISO 3166-2 code, e.g. KZ-75"),
    direction: str | None = Query(None, max_length=40, description="Direction code"),
    kind: str | None = Query(None, pattern="^(registered|initiative_group)$"),
    verified: bool | None = None,
    q: str | None = Query(None, max_length=100, description="Part of the name or city"),
) -> Any:
    organizations = selectors.organizations_public(
        user=request.user,
        filters=selectors.OrganizationFilters(
            region=region, direction=direction, kind=kind, verified=verified, q=q
        ),
    )
    return page_of(organizations, page=paging.page, page_size=paging.page_size)


@router.get(
    "/{org_id}",
    response={200: OrganizationOut, 404: ErrorOut},
    auth=PUBLIC,
    summary="One organisation",
)
def get_organization(request: HttpRequest, org_id: int) -> Any:
    org = _visible_or_404(request, org_id)
    if org is None:
        return Status(404, {"detail": _("No such organisation.")})
    return Status(200, org)


@router.post(
    "/",
    response={201: OrganizationOut, 400: ErrorOut, 401: ErrorOut},
    summary="Register an organisation (you become its owner)",
)
def create_organization(request: AuthenticatedHttpRequest, payload: OrganizationIn) -> Any:
    data, errors = _to_form_data(payload.dict())
    if errors:
        return Status(400, {"detail": _("Please correct the errors."), "errors": errors})
    form = OrganizationForm(data=data)
    if not form.is_valid():
        return Status(400, {"detail": _("Please correct the errors."), "errors": form_errors(form)})
    try:
        org = services.organization_create(
            user=request.user,
            data=form.org_data(),
            regions=form.cleaned_data["regions"],
            directions=form.cleaned_data["directions"],
        )
    except ValidationError as exc:
        return Status(
            400, {"detail": _("Please correct the errors."), "errors": validation_errors(exc)}
        )
    return Status(201, selectors.organization_visible(user=request.user, org_id=org.id))


@router.patch(
    "/{org_id}",
    response={200: OrganizationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Change an organisation (its coordinators only)",
)
def update_organization(
    request: AuthenticatedHttpRequest, org_id: int, payload: OrganizationPatch
) -> Any:
    org = _visible_or_404(request, org_id)
    if org is None:
        return Status(404, {"detail": _("No such organisation.")})
    if not permissions.is_coordinator(request.user, org.id):
        return Status(403, {"detail": _("Only the organisation's coordinators can change it.")})
    current = model_to_dict(org, fields=OrganizationForm.Meta.fields)
    current["regions"] = [r.pk for r in org.regions.all()]
    current["directions"] = [d.pk for d in org.directions.all()]
    changes = payload.dict(exclude_unset=True)
    value_public = changes.pop("value_public", None)
    changes, errors = _to_form_data(changes)
    if errors:
        return Status(400, {"detail": _("Please correct the errors."), "errors": errors})
    merged = {k: ("" if v is None else v) for k, v in {**current, **changes}.items()}
    form = OrganizationForm(data=merged, instance=org)
    if not form.is_valid():
        return Status(400, {"detail": _("Please correct the errors."), "errors": form_errors(form)})
    try:
        org = services.organization_update(
            organization=org,
            actor=request.user,
            data={
                **form.org_data(),
                **({} if value_public is None else {"value_public": value_public}),
            },
            regions=form.cleaned_data["regions"],
            directions=form.cleaned_data["directions"],
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the organisation's coordinators can change it.")})
    except ValidationError as exc:
        return Status(
            400, {"detail": _("Please correct the errors."), "errors": validation_errors(exc)}
        )
    return Status(200, selectors.organization_visible(user=request.user, org_id=org.id))


@router.post(
    "/{org_id}/verification",
    response={200: OrganizationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Verify or refuse (front-office operator of the organisation's region)",
)
def verify_organization(
    request: AuthenticatedHttpRequest, org_id: int, payload: VerificationIn
) -> Any:
    org = Organization.objects.select_related("home_region").filter(pk=org_id).first()
    if org is None:
        return Status(404, {"detail": _("No such organisation.")})
    if not permissions.can_verify(request.user, org):
        if not roles.is_any_operator(request.user):
            return Status(403, {"detail": _("Only front-office operators verify organisations.")})
        return Status(403, {"detail": _("This organisation is registered in another region.")})
    try:
        services.organization_verify(
            organization=org,
            operator=request.user,
            approve=payload.decision == "verified",
            note=payload.note,
        )
    except ValidationError as exc:
        return Status(
            400, {"detail": _("Please correct the errors."), "errors": validation_errors(exc)}
        )
    return Status(200, selectors.organization_visible(user=request.user, org_id=org.id))
