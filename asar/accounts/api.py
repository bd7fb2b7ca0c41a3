"""JSON API of the accounts domain (mounted under /api/v1/accounts/ by asar.api)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from asar.accounts import selectors, services
from asar.accounts.auth import SessionAuth
from asar.accounts.typed_requests import AuthenticatedHttpRequest

router = Router(tags=["accounts"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class AccountOut(Schema):
    email: str
    first_name: str
    last_name: str
    preferred_language: str = Field(..., description="Language of e-mails and documents")
    date_joined: dt.datetime
    personal_data_consent_at: dt.datetime | None = Field(
        ...,
        description="When the person consented, on signing up, to the processing of their "
        "account data; null for accounts made by an administrator",
    )
    is_volunteer: bool = Field(..., description="Has a volunteer profile (/volunteers/me)")


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100, description="Where you will use it")


class TokenCreatedOut(Schema):
    id: int
    name: str
    token: str = Field(..., description="Shown only this once; only a digest is stored")
    created_at: dt.datetime


@router.post(
    "/tokens",
    # A token can only be made from a signed-in browser session, never from another token.
    auth=SessionAuth(),
    response={201: TokenCreatedOut, 400: ErrorOut},
    summary="Create a personal API token",
)
def create_token(request: AuthenticatedHttpRequest, payload: TokenIn) -> Any:
    try:
        token = services.token_issue(user=request.user, name=payload.name)
    except ValidationError as exc:
        return Status(
            400,
            {
                "detail": _("Please correct the errors."),
                "errors": {
                    k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()
                },
            },
        )
    record = selectors.token_by_secret(user=request.user, token=token)
    assert record is not None  # issued just above, in this request
    return Status(
        201,
        {
            "id": record.id,
            "name": record.name,
            "token": token,
            "created_at": record.created_at,
        },
    )


@router.get("/me", response=AccountOut, summary="The signed-in person's own account")
def me(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "personal_data_consent_at": user.personal_data_consent_at,
        "is_volunteer": selectors.volunteer_profile_of(user=user) is not None,
    }
