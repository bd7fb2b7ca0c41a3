"""The JSON API (/api/v1/), OpenAPI document at /api/v1/openapi.json.

Each domain owns its router in ``asar/<app>/api.py``; this module only mounts them and sets
authentication (asar.accounts.auth): a personal API token, or the session with CSRF for the
pages' own calls; public operations (``auth=PUBLIC``) take either when given, or none.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError, ValidationErrorContext
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from asar.accounts.api import router as accounts_router
from asar.accounts.auth import API_AUTH, PUBLIC
from asar.core import api_errors
from asar.geo.api import router as geo_router
from asar.hours.api import router as hours_router
from asar.monitoring.api import router as monitoring_router
from asar.opportunities.api import router as opportunities_router
from asar.organizations.api import router as organizations_router
from asar.passport.api import router as passport_router
from asar.reporting.api import router as reporting_router
from asar.volunteers.api import router as volunteers_router


class AsarOpenAPISchema(OpenAPISchema):
    """Public operations list their authentication as optional: a token, the session, or
    nothing (the empty requirement ``{}`` of OpenAPI)."""

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        if PUBLIC not in operation.auth_callbacks:
            return super().operation_security(operation)
        for auth in (PUBLIC.token, PUBLIC.session):
            self.securitySchemes[type(auth).__name__] = auth.openapi_security_schema
        return [{type(PUBLIC.token).__name__: []}, {type(PUBLIC.session).__name__: []}, {}]

    def responses(self, operation: Operation) -> dict[int, dict[str, Any]]:
        """Every operation that takes parameters documents its 422 (see asar.core.api_errors)."""
        result = super().responses(operation)
        if operation.models and 422 not in result:
            name = api_errors.ValidationErrorOut.__name__
            if name not in self.schemas:
                self.schemas[name] = api_errors.ValidationErrorOut.model_json_schema(
                    ref_template=REF_TEMPLATE, mode="serialization"
                )
            schema = {"$ref": REF_TEMPLATE.format(model=name)}
            result[422] = {
                "description": "Invalid input: the fields' messages in the caller's language",
                "content": {self.api.renderer.media_type: {"schema": schema}},
            }
        return result


class UnreadableBody(ValueError):
    """The request body is not JSON (Ninja turns any parser error into an English 400)."""


class AsarParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return super().parse_body(request)
        except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise UnreadableBody(str(exc)) from exc


class AsarAPI(NinjaAPI):
    def set_default_exception_handlers(self) -> None:
        super().set_default_exception_handlers()
        self.add_exception_handler(ValidationError, self._validation_error)
        self.add_exception_handler(AuthenticationError, self._unauthorized)
        self.add_exception_handler(HttpError, self._http_error)

    def _http_error(self, request: HttpRequest, exc: HttpError | type[HttpError]) -> HttpResponse:
        assert isinstance(exc, HttpError)
        if isinstance(exc.__cause__, UnreadableBody):
            body = api_errors.unreadable_body_out()
        else:
            body = {"detail": str(exc)}
        return self.create_response(request, body, status=exc.status_code)

    # Ninja types a handler's exception as "the exception or its class"; it always passes
    # the raised instance.
    def _validation_error(
        self, request: HttpRequest, exc: ValidationError | type[ValidationError]
    ) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        return self.create_response(request, api_errors.errors_out(exc.errors), status=422)

    def _unauthorized(
        self, request: HttpRequest, exc: AuthenticationError | type[AuthenticationError]
    ) -> HttpResponse:
        return self.create_response(request, {"detail": str(api_errors.UNAUTHORIZED)}, status=401)

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        errors = []
        for context in error_contexts:
            for error in super().validation_error_from_error_contexts([context]).errors:
                errors.append(api_errors.without_body_parameter(error, context.model))
        return ValidationError(errors)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return AsarOpenAPISchema(self, path_prefix)


api = AsarAPI(
    title="Asar API",
    version="1",
    description=(
        "National volunteering platform and monitoring system of Kazakhstan.\n\n"
        "**Authentication.** A personal API token (`Authorization: Token <key>`, or "
        "`Bearer <key>`; made on the page `/<lang>/accounts/tokens/`) or the signed-in "
        "browser session (its writes need the CSRF token). Public operations (their security "
        "lists `{}`) also serve anonymous callers, but answer as you when you send a token "
        "or a session: `fits_me` of the position search, an organisation's unpublished value "
        "for its coordinators. A token that matches no active token is refused with 401, "
        "on public operations too.\n\n"
        "**Languages and errors.** Texts and messages come in the caller's language: the "
        "`django_language` cookie (set by the site's language switch), else the "
        "`Accept-Language` header (`kk`, `ru`, `en`), else for a token the language of its "
        "account (`preferred_language`), else Kazakh. Errors share one shape, "
        "`{detail, errors}`: `detail` says what went wrong, `errors` maps a field to its "
        "messages. Input that does not fit an operation's schema is refused with 422 before "
        "anything runs, every wrong field at once: `errors` is keyed by the query or path "
        "parameter's name, or by the path inside the JSON body joined with dots "
        "(`qualities.sociability`, `motivations.0`; `__all__` for the body as a whole), "
        "and the messages are translated into Kazakh and Russian for the usual mistakes "
        "(missing, too short or long, out of range, not a number, date, UUID or one of the "
        "listed choices), English for the rare rest.\n\n"
        "Lists that can grow are paged, all in one shape: `?page=1&page_size=20` (at most "
        "100) → `{count, count_exact, page, pages, results}`. `count` is exact up to 1000; "
        "beyond, `count_exact` is false and pages past the counted rows are empty: narrow "
        "the filters. Small lists (reference data, one's own applications) are plain arrays."
    ),
    urls_namespace="api",
    auth=API_AUTH,
    parser=AsarParser(),
)
api.add_router("/geo/", geo_router)
api.add_router("/accounts/", accounts_router)
api.add_router("/organizations/", organizations_router)
api.add_router("/volunteers/", volunteers_router)
api.add_router("/", opportunities_router)
api.add_router("/hours/", hours_router)
api.add_router("/passport/", passport_router)
api.add_router("/monitoring/", monitoring_router)
api.add_router("/reports/", reporting_router)
