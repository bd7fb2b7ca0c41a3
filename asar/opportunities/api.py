"""JSON API of the opportunities domain (mounted under /api/v1/ by asar.api).

Public: position search and detail. Signed-in volunteers: apply, their applications,
withdraw / confirm an offer, read and accept their agreement. Coordinators: the applicants of
their organisation's positions and the selection transitions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import AfterValidator
from pydantic.json_schema import JsonDict

from asar.accounts.auth import PUBLIC
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.paging import DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, page_schema
from asar.geo.models import ActivityForm
from asar.lib.i18n import localized
from asar.lib.pagination import page_of
from asar.opportunities import questionnaire as qn
from asar.opportunities import selectors, services
from asar.opportunities.models import Agreement, Application, Position
from asar.organizations.permissions import is_coordinator

router = Router(tags=["opportunities"])

Id = Annotated[int, Field(ge=1, le=2**53)]


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL characters in text; refuse them as invalid input.
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class OpportunitiesErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


def _not_found() -> Status[dict[str, Any]]:
    return Status(404, {"detail": _("Not found.")})


def _error(status: int, error: services.OpportunityError | str) -> Status[dict[str, Any]]:
    if isinstance(error, services.OpportunityError):
        return Status(status, {"detail": str(error.message), "errors": error.fields or None})
    return Status(status, {"detail": error})


# --- schemas ---------------------------------------------------------------------------------


class PositionOut(Schema):
    id: int
    title: str
    title_kk: str
    title_ru: str
    title_en: str
    organization_id: int
    organization: str
    organization_verified: bool
    direction: str
    direction_id: int
    form: str
    region_id: int | None
    region: str | None
    settlement: str
    start_date: dt.date
    end_date: dt.date | None
    schedule: str = Field(..., description="In the caller's language, falling back")
    schedule_kk: str
    schedule_ru: str
    schedule_en: str
    places: int
    places_left: int
    min_age: int
    url: str

    @staticmethod
    def resolve_title(obj: Position) -> str:
        return obj.title

    @staticmethod
    def resolve_schedule(obj: Position) -> str:
        return obj.schedule

    @staticmethod
    def resolve_organization(obj: Position) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_organization_verified(obj: Position) -> bool:
        return obj.organization.is_verified

    @staticmethod
    def resolve_direction(obj: Position) -> str:
        return obj.direction.name

    @staticmethod
    def resolve_region(obj: Position) -> str | None:
        return obj.region.name if obj.region else None

    @staticmethod
    def resolve_url(obj: Position) -> str:
        from django.urls import reverse

        return reverse("opportunities:position", args=[obj.pk])


class PositionDetailOut(PositionOut):
    description: str
    description_kk: str
    description_ru: str
    description_en: str
    project: str
    status: str
    hours_per_week: Decimal | None
    required_skills: list[str]
    required_languages: list[str]
    benefits: list[str]
    is_risky: bool

    @staticmethod
    def resolve_description(obj: Position) -> str:
        return obj.description

    @staticmethod
    def resolve_project(obj: Position) -> str:
        return localized(obj.project, "title")

    @staticmethod
    def resolve_required_skills(obj: Position) -> list[str]:
        return [s.code for s in obj.required_skills.all()]


PositionPage = page_schema(PositionOut, "PositionPage")


FormFilter = Literal[("", "offline", *ActivityForm.values)]  # type: ignore[valid-type]


class SearchParams(Schema):
    q: Text = Field("", max_length=200)
    region: Id | None = None
    direction: Id | None = None
    form: FormFilter = Field("", description="offline: every form but online; or one activity form")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    fits_me: bool = False
    organization: Id | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _codes(choices: type[qn.models.TextChoices]) -> dict[str, Any]:
    """The codes of a list answer, listed in the OpenAPI document; the service checks them and
    answers an unknown one with a field error in the caller's language."""
    return {"items": {"type": "string", "enum": list(choices.values)}}


QUALITIES_SCHEMA: JsonDict = {
    "properties": {
        q: {"type": "integer", "minimum": qn.QUALITY_MIN, "maximum": qn.QUALITY_MAX}
        for q in qn.Quality.values
    },
    "required": list(qn.Quality.values),
    "additionalProperties": False,
}


class ApplicationIn(Schema):
    """The candidate questionnaire (guide, Appendix 1). Each answer is a code listed here;
    every wrong answer comes back at once as a field error (422)."""

    position_id: Id
    motivations: list[str] = Field(
        ..., description="1–3 reasons", json_schema_extra=_codes(qn.Motivation)
    )
    motivation_other: Text = Field("", max_length=255, description="Required with “other”")
    qualities: dict[str, int] = Field(
        ..., description="Each of the 8 qualities rated 1–5", json_schema_extra=QUALITIES_SCHEMA
    )
    availability: list[str] = Field(..., json_schema_extra=_codes(qn.Availability))
    availability_other: Text = Field("", max_length=255, description="Required with “other”")
    residence: str = Field(
        "", json_schema_extra={"enum": ["", *qn.Residence.values]}, description="Years lived here"
    )
    experience_kinds: list[str] = Field([], json_schema_extra=_codes(qn.Experience))
    experience_with_people: Text = Field("", max_length=3000)
    has_health_restrictions: bool = False
    health_restrictions: Text = Field(
        "", max_length=2000, description="Seen only by the organisation's coordinators"
    )
    preferred_activities: list[str] = Field(
        ..., description="1–2 kinds of activity", json_schema_extra=_codes(qn.Activity)
    )
    activity_other: Text = Field("", max_length=255, description="Required with “other”")
    guardian_consent: bool = Field(False, description="Required for volunteers under 18")


AgreementLanguage = Literal["kk", "ru", "en"]
SHA256_HEX = r"^[0-9a-f]{64}$"


class AgreementOut(Schema):
    id: int
    language: AgreementLanguage = Field(..., description="The language of `text`")
    text: str
    content_sha256: str = Field(
        ...,
        description="SHA-256 (hex) of `text` in UTF-8: send it back to accept exactly this text",
    )
    accepted_at: dt.datetime | None


class AgreementQuery(Schema):
    language: AgreementLanguage | None = Field(
        None,
        description="The volunteer reads an agreement not yet accepted in this language "
        "(default: the language it was generated in). Accepted agreements, and the "
        "coordinators, always get the stored text.",
    )


class AgreementAcceptIn(Schema):
    """Accept exactly the text you were shown: its language and digest, as the agreement
    endpoint returned them. If the text changed since, nothing is accepted (409)."""

    content_sha256: str = Field(..., pattern=SHA256_HEX, description="`content_sha256` as read")
    language: AgreementLanguage | None = Field(
        None, description="`language` as read (default: the stored agreement's language)"
    )


class ApplicationOut(Schema):
    id: int
    position_id: int
    position: str
    status: str
    status_display: str
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    offer_expires_at: dt.datetime | None
    rejection_reason: str
    has_agreement: bool
    agreement_accepted: bool

    @staticmethod
    def resolve_position(obj: Application) -> str:
        return obj.position.title

    @staticmethod
    def resolve_status_display(obj: Application) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_has_agreement(obj: Application) -> bool:
        return _agreement(obj) is not None

    @staticmethod
    def resolve_agreement_accepted(obj: Application) -> bool:
        agreement = _agreement(obj)
        return bool(agreement and agreement.accepted_at)


class ApplicantOut(ApplicationOut):
    """What the organisation's coordinators see, including the questionnaire."""

    volunteer_name: str
    volunteer_age: int
    motivations: list[str]
    qualities: dict[str, int]
    availability: list[str]
    experience_kinds: list[str]
    experience_with_people: str
    health_restrictions: str
    preferred_activities: list[str]
    guardian_consent: bool
    motivation_other: str
    availability_other: str
    activity_other: str
    residence: str

    @staticmethod
    def resolve_volunteer_name(obj: Application) -> str:
        return obj.volunteer.full_name

    @staticmethod
    def resolve_volunteer_age(obj: Application) -> int:
        return obj.volunteer.age


class TransitionIn(Schema):
    action: str = Field(
        ...,
        description="shortlist, accept, reject, waitlist, activate, complete (coordinators); withdraw, confirm_offer (the volunteer)",
        json_schema_extra={"enum": list(services.TRANSITIONS)},
    )
    reason: Text = Field("", max_length=2000)


def _agreement(obj: Application) -> Agreement | None:
    try:
        return obj.agreement
    except Agreement.DoesNotExist:
        return None


# --- endpoints -------------------------------------------------------------------------------


@router.get(
    "/positions",
    response={200: PositionPage, 422: OpportunitiesErrorOut},
    auth=PUBLIC,
    summary="Search published positions",
)
def positions_search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    """Published positions; the same filters as the search page. Public."""
    filters = selectors.SearchFilters(
        q=params.q,
        region=params.region,
        direction=params.direction,
        form=params.form,
        date_from=params.date_from,
        date_to=params.date_to,
        fits_me=params.fits_me,
        organization=params.organization,
    )
    unknown = selectors.unknown_references(filters)
    if unknown:
        message = _("Unknown value.")
        return Status(422, {"detail": message, "errors": {name: [message] for name in unknown}})
    qs = selectors.search_positions(user=request.user, filters=filters)
    return page_of(qs, page=params.page, page_size=params.page_size)


@router.get(
    "/positions/{position_id}",
    response={200: PositionDetailOut, 404: OpportunitiesErrorOut},
    auth=PUBLIC,
)
def position_detail(request: HttpRequest, position_id: Id) -> Any:
    try:
        return selectors.position_for_visitor(user=request.user, position_id=position_id)
    except Http404:
        return _not_found()


@router.post(
    "/applications",
    response={
        201: ApplicationOut,
        403: OpportunitiesErrorOut,
        404: OpportunitiesErrorOut,
        409: OpportunitiesErrorOut,
        422: OpportunitiesErrorOut,
    },
)
def application_create(request: AuthenticatedHttpRequest, payload: ApplicationIn) -> Any:
    """Apply to a position with the questionnaire; a full position puts you on its waiting list."""
    answers = payload.dict()
    position_id = answers.pop("position_id")
    if not Position.objects.filter(pk=position_id).exclude(status=Position.Status.DRAFT).exists():
        return _not_found()
    try:
        application = services.application_create(
            user=request.user, position_id=position_id, answers=answers
        )
    except services.OpportunityError as error:
        if error.code == "no_profile":
            return _error(403, error)
        if error.fields:
            return _error(422, error)
        return _error(409, error)
    return Status(201, application)


@router.get("/applications", response=list[ApplicationOut])
def my_applications(request: HttpRequest) -> Any:
    """The signed-in volunteer's own applications."""
    return list(selectors.applications_of(user=request.user))


@router.get(
    "/positions/{position_id}/applications",
    response={200: list[ApplicantOut], 403: OpportunitiesErrorOut, 404: OpportunitiesErrorOut},
)
def position_applicants(request: HttpRequest, position_id: Id) -> Any:
    """Applicants of one position, with their questionnaires — coordinators of its organisation."""
    position = Position.objects.filter(pk=position_id).first()
    if position is None:
        return _not_found()
    if not is_coordinator(request.user, position.organization_id):
        return Status(
            403,
            {"detail": _("Only the coordinators of this organisation may see its applicants.")},
        )
    return list(selectors.applicants_of(user=request.user, position=position))


@router.post(
    "/applications/{application_id}/transition",
    response={
        200: ApplicationOut,
        403: OpportunitiesErrorOut,
        404: OpportunitiesErrorOut,
        409: OpportunitiesErrorOut,
        422: OpportunitiesErrorOut,
    },
)
def application_transition(
    request: AuthenticatedHttpRequest, application_id: Id, payload: TransitionIn
) -> Any:
    """Move an application: coordinators decide, the volunteer withdraws or confirms an offer.

    409 when the action cannot be taken now, with the reason: the application's status (a
    candidate on the waiting list keeps their place in the queue and is not shortlisted), no
    free place (`accept`) or free places (`waitlist`: accept instead), before the position's
    start date (`activate`, `complete`), agreement not yet accepted (`activate`)."""
    application = (
        Application.objects.select_related("volunteer", "position")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return _not_found()
    own = application.volunteer.user_id == request.user.pk
    if not own and not is_coordinator(request.user, application.position.organization_id):
        return _not_found()
    if payload.action not in services.TRANSITIONS:
        message = _("Unknown action.")
        return Status(422, {"detail": message, "errors": {"action": [message]}})
    try:
        services.application_transition(
            actor=request.user,
            application_id=application_id,
            action=payload.action,
            reason=payload.reason,
        )
    except services.NotAllowed as error:
        return _error(403, error)
    except services.OpportunityError as error:
        return _error(422 if error.fields else 409, error)
    return Status(
        200, Application.objects.select_related("position", "agreement").get(pk=application_id)
    )


def _agreement_out(agreement: Agreement, language: str, text: str) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "language": language,
        "text": text,
        "content_sha256": services.sha256(text),
        "accepted_at": agreement.accepted_at,
    }


@router.get(
    "/applications/{application_id}/agreement",
    response={200: AgreementOut, 404: OpportunitiesErrorOut, 422: OpportunitiesErrorOut},
)
def agreement_detail(
    request: HttpRequest, application_id: Id, params: Query[AgreementQuery]
) -> Any:
    """The agreement, for the volunteer or the organisation's coordinators. The volunteer may
    read it in any of kk, ru, en before accepting it, as on the agreement page."""
    try:
        agreement = selectors.agreement_for(user=request.user, application_id=application_id)
    except Http404:
        return _not_found()
    language, text = selectors.agreement_as_read(
        user=request.user, agreement=agreement, language=params.language
    )
    return _agreement_out(agreement, language, text)


@router.post(
    "/applications/{application_id}/agreement/accept",
    response={
        200: AgreementOut,
        403: OpportunitiesErrorOut,
        404: OpportunitiesErrorOut,
        409: OpportunitiesErrorOut,
        422: OpportunitiesErrorOut,
    },
)
def agreement_accept(
    request: AuthenticatedHttpRequest, application_id: Id, payload: AgreementAcceptIn
) -> Any:
    """The volunteer accepts their agreement electronically (timestamp + user): exactly the text
    read (`language` and `content_sha256` from the agreement endpoint), which is then frozen.
    409 when it was already accepted, is no longer valid, or changed since it was read."""
    try:
        agreement = selectors.agreement_for(user=request.user, application_id=application_id)
    except Http404:
        return _not_found()
    try:
        agreement = services.agreement_accept(
            user=request.user,
            agreement_id=agreement.pk,
            language=payload.language,
            content_sha256=payload.content_sha256,
        )
    except services.NotAllowed as error:
        return _error(403, error)
    except services.OpportunityError as error:
        return _error(409, error)
    return _agreement_out(agreement, agreement.language, agreement.text)
