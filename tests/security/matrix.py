"""THE authorization table: every page and every API operation × every role.

A row names the URL (a URL pattern name for pages, the OpenAPI path for the API), the method,
how to fill the URL from the shared ``World``, the request body, and the roles that are
*allowed*. Every other role must be denied: 403/404 (or a scoped no-op, see ``noop``), and for
anonymous visitors a redirect to sign-in (pages) or 401 (API) unless the row is public.

test_authorization_matrix.py generates one test per row × role and also checks that every
named URL pattern of our apps and every operation of the OpenAPI document has a row here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.security.world import ROLES, World

# --- role sets -----------------------------------------------------------------------------
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
VOLUNTEERS = frozenset({"volunteer", "other_volunteer"})
OWNER = frozenset({"volunteer"})  # the volunteer who owns the object
COORDINATORS = frozenset({"coordinator", "other_coordinator"})
ORG = frozenset({"coordinator"})  # coordinator of the object's organisation
OPERATORS = frozenset({"operator", "other_operator"})
ANALYSTS = frozenset({"analyst", "admin"})
ADMIN = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()
# A refused organisation: its own coordinators, the operator who verifies its region, national
# analysts and the help line (who answer its questions), and administrators.
REFUSED_ORG_SEEN_BY = frozenset({"coordinator", "operator", "analyst", "helpline", "admin"})

Kwargs = Callable[[World], dict[str, Any]]
Body = Callable[[World], dict[str, Any]]
State = Callable[[World], Any]


def _none(w: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, eq=False)
class Row:
    target: str  # "namespace:name" of a page, or an OpenAPI path of the API
    method: str
    allow: frozenset[str]
    case: str = ""  # tells apart two rows of one URL (other objects, other states)
    kwargs: Kwargs = _none  # URL kwargs (pages) or path parameters (API)
    body: Body = _none  # form data (pages) or JSON (API)
    query: Body = _none
    # For denied roles, a response that "succeeds" but touches nothing is also a denial (a
    # scoped list, "no such token"): ``state`` snapshots what must stay unchanged.
    noop: State | None = None
    # Scoped lists: ``leaks(world, response)`` tells whether the home-side object shows. Roles
    # in ``sees`` must see it; every other role that gets a 2xx must not.
    leaks: Callable[[World, Any], bool] | None = None
    sees: frozenset[str] = frozenset()
    # Per-role outcome where it is neither allow nor deny (e.g. "invalid 400": the role may
    # call the endpoint, but has nothing to act on).
    expect: dict[str, str] = field(default_factory=dict)
    anonymous: str = "login"  # what an anonymous visitor gets when not allowed
    redirect_is_content: bool = False  # the page is only a redirect to another page
    note: str = ""
    extra_ok: tuple[int, ...] = field(default=())

    @property
    def is_api(self) -> bool:
        return self.target.startswith("/api/")

    @property
    def id(self) -> str:
        return f"{self.method} {self.target}" + (f" ({self.case})" if self.case else "")


def _listed(obj: Callable[[World], Any]) -> Callable[[World, Any], bool]:
    """The API list in the response (a plain array, or a page's ``results``) holds ``obj``."""

    def holds(w: World, r: Any) -> bool:
        data = r.json()
        rows = data["results"] if isinstance(data, dict) else data
        return str(obj(w).pk) in {str(item["id"]) for item in rows}

    return holds


def _linked(name: str, **kw: Callable[[World], Any]) -> Callable[[World, Any], bool]:
    """The page links to the object's own page (``name`` with URL kwargs from the world)."""

    def leaks(w: World, r: Any) -> bool:
        from django.urls import reverse
        from django.utils import translation

        with translation.override("en"):
            url = reverse(name, kwargs={k: f(w) for k, f in kw.items()})
        return f'href="{url}"' in r.content.decode()

    return leaks


def _share_key(w: World) -> str:
    from asar.passport.selectors import share_key

    return share_key(w.profile)


def _status(model_obj: Any) -> Callable[[World], Any]:
    """Snapshot of one object's row (all concrete fields), for ``noop`` checks."""

    def snap(w: World) -> Any:
        obj = model_obj(w)
        fresh = type(obj).objects.filter(pk=obj.pk).values().first()
        return fresh

    return snap


TODAY = dt.date.today()

PAGES: list[Row] = [
    # core, accounts
    Row("healthz", "GET", EVERYONE),
    Row("core:home", "GET", EVERYONE),
    Row("accounts:login", "GET", EVERYONE),
    Row("accounts:logout", "POST", EVERYONE),
    Row(
        "accounts:register",
        "GET",
        EVERYONE,
        redirect_is_content=True,
        note="sends everyone on to volunteers:register",
    ),
    Row(
        "accounts:signup",
        "GET",
        EVERYONE,
        redirect_is_content=True,
        note="the form for visitors; the signed-in go on to register their organisation",
    ),
    Row("accounts:password_change", "GET", SIGNED_IN),
    Row("accounts:password_change_done", "GET", SIGNED_IN),
    Row("accounts:account", "GET", SIGNED_IN),
    Row("accounts:tokens", "GET", SIGNED_IN),
    Row(
        "accounts:token_revoke",
        "POST",
        OWNER,
        kwargs=lambda w: {"token_id": w.token.pk},
        noop=_status(lambda w: w.token),
        note="others are told 'no such token'",
    ),
    # organisations
    Row("organizations:list", "GET", EVERYONE),
    Row("organizations:create", "GET", SIGNED_IN),
    Row("organizations:dashboard", "GET", SIGNED_IN),
    Row("organizations:verification_queue", "GET", OPERATORS | ADMIN),
    Row("organizations:detail", "GET", EVERYONE, kwargs=lambda w: {"org_id": w.org.pk}),
    Row(
        "organizations:detail",
        "GET",
        REFUSED_ORG_SEEN_BY,
        case="refused organisation",
        kwargs=lambda w: {"org_id": w.rejected_org.pk},
        anonymous="deny",
    ),
    Row("organizations:edit", "GET", ORG | ADMIN, kwargs=lambda w: {"org_id": w.org.pk}),
    Row("organizations:coordinators", "GET", ORG | ADMIN, kwargs=lambda w: {"org_id": w.org.pk}),
    Row(
        "organizations:coordinator_remove",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"org_id": w.org.pk, "membership_id": w.extra_membership.pk},
    ),
    Row(
        "organizations:value_public",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"org_id": w.org.pk},
        body=lambda w: {"public": "0"},
        note="only the organisation's coordinators show or hide its value publicly",
    ),
    Row(
        "organizations:verify",
        "GET",
        {"operator", "admin"},
        kwargs=lambda w: {"org_id": w.org.pk},
    ),
    # volunteers
    Row("volunteers:register", "GET", EVERYONE),
    Row("volunteers:profile", "GET", VOLUNTEERS),
    Row("volunteers:profile_edit", "GET", VOLUNTEERS),
    Row("volunteers:remove_iin", "POST", VOLUNTEERS),
    # opportunities
    Row("opportunities:search", "GET", EVERYONE),
    Row("opportunities:position", "GET", EVERYONE, kwargs=lambda w: {"position_id": w.position.pk}),
    Row(
        "opportunities:position",
        "GET",
        ORG | ADMIN,
        case="draft",
        kwargs=lambda w: {"position_id": w.draft_position.pk},
        anonymous="deny",
    ),
    Row(
        "opportunities:apply",
        "GET",
        NOBODY,
        case="draft",
        kwargs=lambda w: {"position_id": w.draft_position.pk},
        note="nobody applies to an unpublished position",
    ),
    Row(
        "opportunities:apply",
        "GET",
        VOLUNTEERS,
        kwargs=lambda w: {"position_id": w.free_position.pk},
    ),
    Row(
        "opportunities:position_edit",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"position_id": w.position.pk},
    ),
    Row(
        "opportunities:position_status",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"position_id": w.position.pk},
        body=lambda w: {"status": "closed"},
    ),
    Row("opportunities:my_applications", "GET", SIGNED_IN, note="one's own list, maybe empty"),
    Row(
        "opportunities:volunteer_action",
        "POST",
        OWNER,
        kwargs=lambda w: {"application_id": w.application.pk},
        body=lambda w: {"action": "withdraw"},
    ),
    Row(
        "opportunities:agreement",
        "GET",
        OWNER | ORG | ADMIN,
        kwargs=lambda w: {"application_id": w.application.pk},
    ),
    Row(
        "opportunities:coordinator_action",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"application_id": w.pending_application.pk},
        body=lambda w: {"action": "accept"},
    ),
    Row("opportunities:manage", "GET", ORG | ADMIN, kwargs=lambda w: {"org_id": w.org.pk}),
    Row("opportunities:project_create", "GET", ORG | ADMIN, kwargs=lambda w: {"org_id": w.org.pk}),
    Row(
        "opportunities:project_edit",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"project_id": w.project.pk},
    ),
    Row(
        "opportunities:position_create",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"project_id": w.project.pk},
    ),
    # hours
    Row("hours:diary", "GET", VOLUNTEERS),
    Row(
        "hours:withdraw",
        "POST",
        OWNER,
        kwargs=lambda w: {"pk": w.entry.pk},
        noop=_status(lambda w: w.entry),
    ),
    Row("hours:queue", "GET", COORDINATORS | ADMIN),
    Row(
        "hours:review",
        "POST",
        ORG | ADMIN,
        body=lambda w: {"entry": [w.entry.pk], "action": "confirm"},
        noop=_status(lambda w: w.entry),
    ),
    Row("hours:group", "GET", COORDINATORS | ADMIN),
    Row("hours:silent", "GET", COORDINATORS | ADMIN),
    Row("hours:shifts", "GET", COORDINATORS | ADMIN),
    Row("hours:shift", "GET", ORG | ADMIN, kwargs=lambda w: {"pk": w.shift.pk}),
    Row(
        "hours:shift_check",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"pk": w.shift.pk, "volunteer_id": w.profile.pk},
    ),
    Row("hours:shift_confirm", "POST", ORG | ADMIN, kwargs=lambda w: {"pk": w.shift.pk}),
    Row("hours:check_in", "GET", VOLUNTEERS),
    Row("hours:check_in_token", "GET", VOLUNTEERS, kwargs=lambda w: {"token": w.shift.token}),
    Row("hours:calendar", "GET", VOLUNTEERS),
    Row(
        "hours:calendar_feed",
        "GET",
        EVERYONE,
        kwargs=lambda w: {"token": w.feed.token},
        note="the unguessable token is the credential (calendar apps cannot sign in)",
    ),
    # passport
    Row("passport:mine", "GET", VOLUNTEERS),
    Row(
        "passport:detail",
        "GET",
        OWNER | ADMIN,
        kwargs=lambda w: {"pk": w.profile.pk},
        anonymous="deny",
        note="by number only for its owner and admins: 404 to anyone else (also anonymous)",
    ),
    Row(
        "passport:shared",
        "GET",
        NOBODY,
        kwargs=lambda w: {"key": _share_key(w)},
        anonymous="deny",
        note="a private passport's share link answers 404 to everybody",
    ),
    Row("passport:set_public", "POST", VOLUNTEERS),
    Row("passport:certificate_new", "GET", VOLUNTEERS),
    Row("passport:certificate", "GET", OWNER, kwargs=lambda w: {"pk": w.certificate.pk}),
    Row("passport:certificate_pdf", "GET", OWNER, kwargs=lambda w: {"pk": w.certificate.pk}),
    Row("passport:certificate_json", "GET", OWNER, kwargs=lambda w: {"pk": w.certificate.pk}),
    Row(
        "passport:certificate_revoke",
        "POST",
        OWNER,
        kwargs=lambda w: {"pk": w.certificate.pk},
        body=lambda w: {"reason": "mistake"},
    ),
    Row("passport:verify", "GET", EVERYONE, kwargs=lambda w: {"pk": w.certificate.pk}),
    Row("passport:verifier_script", "GET", EVERYONE),
    Row("passport:public_key", "GET", EVERYONE),
    Row("passport:letters", "GET", COORDINATORS | ADMIN),
    Row(
        "passport:letter_write",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"application_id": w.completed_application.pk},
    ),
    Row("passport:export_json", "GET", VOLUNTEERS),
    Row("passport:export_csv", "GET", VOLUNTEERS),
    Row("passport:erase", "GET", VOLUNTEERS),
    # monitoring
    Row("monitoring:home", "GET", OPERATORS | ANALYSTS),
    Row(
        "monitoring:my_reports",
        "GET",
        OPERATORS | ANALYSTS,
        leaks=_linked("monitoring:report_edit", report_id=lambda w: w.draft_report.pk),
        sees=frozenset({"operator"}),
        note="an operator's own regions' months; analysts have none",
    ),
    Row("monitoring:matrix", "GET", ANALYSTS),
    Row("monitoring:findings", "GET", OPERATORS | ANALYSTS),
    Row(
        "monitoring:finding_respond",
        "POST",
        {"operator", "admin"},
        kwargs=lambda w: {"finding_id": w.finding.pk},
        body=lambda w: {"state": "explained", "comment": "Holiday month"},
    ),
    Row(
        "monitoring:region_trend",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"iso_code": "KZ-75"},
    ),
    Row(
        "monitoring:report_start",
        "POST",
        {"operator", "admin"},
        body=lambda w: {"region": w.draft_report.region_id, "year": 2023, "month": 8},
    ),
    Row(
        "monitoring:report_detail",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.draft_report.pk},
    ),
    Row(
        "monitoring:report_compare",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.draft_report.pk},
        query=lambda w: {"with": "2023-04"},
        note="the other month is looked up in the report's region only",
    ),
    Row(
        "monitoring:report_edit",
        "GET",
        {"operator", "admin"},
        kwargs=lambda w: {"report_id": w.draft_report.pk},
    ),
    Row(
        "monitoring:report_template",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.draft_report.pk},
    ),
    Row(
        "monitoring:report_upload",
        "POST",
        {"operator", "admin"},
        kwargs=lambda w: {"report_id": w.draft_report.pk},
        extra_ok=(400,),
        note="no file: 400 from the form, after the permission check",
    ),
    Row(
        "monitoring:report_review",
        "POST",
        ANALYSTS,
        kwargs=lambda w: {"report_id": w.submitted_report.pk},
        body=lambda w: {"action": "approve", "comment": "ok"},
    ),
    # reporting
    Row("reporting:dashboard", "GET", EVERYONE),
    Row("reporting:method", "GET", EVERYONE),
    Row(
        "reporting:editions",
        "GET",
        OPERATORS | ANALYSTS,
        leaks=_linked("reporting:edition", report_id=lambda w: w.edition.pk),
        sees={"operator"} | ANALYSTS,
    ),
    Row(
        "reporting:edition",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.edition.pk},
    ),
    Row(
        "reporting:edition_status",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.edition.pk},
    ),
    Row(
        "reporting:edition_download",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.edition.pk},
    ),
    Row(
        "reporting:edition_data",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.edition.pk},
    ),
    Row("reporting:value", "GET", OPERATORS | ANALYSTS),
    Row("reporting:value_csv", "GET", OPERATORS | ANALYSTS),
    Row("reporting:survey_estimate", "POST", ANALYSTS),
    Row(
        "reporting:organization_value",
        "GET",
        ORG | ANALYSTS,
        kwargs=lambda w: {"organization_id": w.org.pk},
    ),
    Row("reporting:organization_value_index", "GET", COORDINATORS | ADMIN),
    Row("reporting:my_value", "GET", VOLUNTEERS),
    # the Django admin site (one row: staff only)
    Row("admin:index", "GET", ADMIN),
]


def _application_body(w: World) -> dict[str, Any]:
    from tests.opportunities.factories import answers

    return {"position_id": w.free_position.pk, **answers()}


API: list[Row] = [
    # reference data and public figures
    Row("/api/v1/geo/regions", "GET", EVERYONE),
    Row("/api/v1/geo/directions", "GET", EVERYONE),
    Row("/api/v1/geo/programmes", "GET", EVERYONE),
    Row("/api/v1/reports/dashboard", "GET", EVERYONE),
    Row("/api/v1/reports/wages", "GET", EVERYONE),
    Row("/api/v1/hours/totals/regions", "GET", EVERYONE, query=lambda w: {"year": 2025}),
    # accounts
    Row("/api/v1/accounts/tokens", "POST", SIGNED_IN, body=lambda w: {"name": "laptop"}),
    Row("/api/v1/accounts/me", "GET", SIGNED_IN),
    # organisations
    Row("/api/v1/organizations/", "GET", EVERYONE),
    Row(
        "/api/v1/organizations/",
        "POST",
        SIGNED_IN,
        body=lambda w: {
            "kind": "initiative_group",
            "name_ru": "Новая группа",
            "name_kk": "Жаңа топ",
            "city": "Almaty",
            "home_region": "KZ-75",
            "directions": ["education"],
            "description_ru": "Помогаем детям.",
        },
    ),
    Row("/api/v1/organizations/{org_id}", "GET", EVERYONE, kwargs=lambda w: {"org_id": w.org.pk}),
    Row(
        "/api/v1/organizations/{org_id}",
        "GET",
        REFUSED_ORG_SEEN_BY,
        case="refused organisation",
        kwargs=lambda w: {"org_id": w.rejected_org.pk},
        anonymous="deny",
    ),
    Row(
        "/api/v1/organizations/{org_id}",
        "PATCH",
        ORG | ADMIN,
        kwargs=lambda w: {"org_id": w.org.pk},
        body=lambda w: {"city": "Алматы"},
    ),
    Row(
        "/api/v1/organizations/{org_id}/verification",
        "POST",
        {"operator", "admin"},
        kwargs=lambda w: {"org_id": w.org.pk},
        body=lambda w: {"decision": "verified", "note": "documents checked"},
    ),
    # volunteers
    Row("/api/v1/volunteers/me", "GET", VOLUNTEERS),
    Row("/api/v1/volunteers/me", "PATCH", VOLUNTEERS, body=lambda w: {"settlement": "Алматы"}),
    # opportunities
    Row("/api/v1/positions", "GET", EVERYONE),
    Row(
        "/api/v1/positions/{position_id}",
        "GET",
        EVERYONE,
        kwargs=lambda w: {"position_id": w.position.pk},
    ),
    Row(
        "/api/v1/positions/{position_id}",
        "GET",
        ORG | ADMIN,
        case="draft",
        kwargs=lambda w: {"position_id": w.draft_position.pk},
        anonymous="deny",
    ),
    Row("/api/v1/applications", "POST", VOLUNTEERS, body=_application_body),
    Row(
        "/api/v1/applications",
        "POST",
        NOBODY,
        case="draft",
        body=lambda w: {**_application_body(w), "position_id": w.draft_position.pk},
        note="nobody applies to an unpublished position",
    ),
    Row(
        "/api/v1/applications",
        "GET",
        SIGNED_IN,
        leaks=_listed(lambda w: w.application),
        sees=OWNER,
        note="one's own list, maybe empty",
    ),
    Row(
        "/api/v1/positions/{position_id}/applications",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"position_id": w.position.pk},
    ),
    Row(
        "/api/v1/applications/{application_id}/transition",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"application_id": w.pending_application.pk},
        body=lambda w: {"action": "accept"},
    ),
    Row(
        "/api/v1/applications/{application_id}/agreement",
        "GET",
        OWNER | ORG | ADMIN,
        kwargs=lambda w: {"application_id": w.application.pk},
    ),
    Row(
        "/api/v1/applications/{application_id}/agreement/accept",
        "POST",
        OWNER,
        kwargs=lambda w: {"application_id": w.application.pk},
        body=lambda w: {"content_sha256": w.application.agreement.content_sha256},
    ),
    # hours
    Row(
        "/api/v1/hours/entries",
        "POST",
        OWNER,
        body=lambda w: {
            "date": str(TODAY - dt.timedelta(days=2)),
            "hours": 2,
            "position_id": w.position.pk,
        },
        expect={"other_volunteer": "invalid 400"},
        note="logging against a position needs a placement on it",
    ),
    Row(
        "/api/v1/hours/entries",
        "GET",
        VOLUNTEERS,
        leaks=_listed(lambda w: w.entry),
        sees=OWNER,
    ),
    Row(
        "/api/v1/hours/entries/{entry_id}",
        "DELETE",
        OWNER,
        kwargs=lambda w: {"entry_id": w.entry.pk},
    ),
    Row(
        "/api/v1/hours/queue",
        "GET",
        COORDINATORS | ADMIN,
        leaks=_listed(lambda w: w.entry),
        sees=ORG | ADMIN,
    ),
    Row(
        "/api/v1/hours/queue/confirm",
        "POST",
        ORG | ADMIN,
        body=lambda w: {"entry_ids": [w.entry.pk]},
        noop=_status(lambda w: w.entry),
    ),
    Row(
        "/api/v1/hours/queue/reject",
        "POST",
        ORG | ADMIN,
        body=lambda w: {"entry_ids": [w.entry.pk], "reason": "not done"},
        noop=_status(lambda w: w.entry),
    ),
    Row(
        "/api/v1/hours/check-in",
        "POST",
        OWNER,
        body=lambda w: {"code": w.shift.code},
        expect={"other_volunteer": "invalid 400"},
        note="a volunteer not placed on the position is refused on content",
    ),
    Row(
        "/api/v1/hours/group-entries",
        "POST",
        ORG | ADMIN,
        body=lambda w: {
            "position_id": w.position.pk,
            "date": str(TODAY - dt.timedelta(days=3)),
            "hours": 2,
            "volunteer_ids": [w.profile.pk],
        },
    ),
    Row(
        "/api/v1/hours/shifts",
        "GET",
        COORDINATORS | ADMIN,
        leaks=_listed(lambda w: w.shift),
        sees=ORG | ADMIN,
    ),
    Row(
        "/api/v1/hours/shifts",
        "POST",
        ORG | ADMIN,
        body=lambda w: {
            "position_id": w.position.pk,
            "date": str(TODAY + dt.timedelta(days=1)),
            "starts_at": "10:00",
            "ends_at": "12:00",
        },
    ),
    Row(
        "/api/v1/hours/shifts/{shift_id}",
        "GET",
        ORG | ADMIN,
        kwargs=lambda w: {"shift_id": w.shift.pk},
    ),
    Row(
        "/api/v1/hours/shifts/{shift_id}/check/{volunteer_id}",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"shift_id": w.shift.pk, "volunteer_id": w.profile.pk},
    ),
    Row(
        "/api/v1/hours/shifts/{shift_id}/confirm",
        "POST",
        ORG | ADMIN,
        kwargs=lambda w: {"shift_id": w.shift.pk},
    ),
    Row("/api/v1/hours/silent", "GET", COORDINATORS | ADMIN),
    # passport
    Row("/api/v1/passport/me", "GET", VOLUNTEERS),
    Row(
        "/api/v1/passport/volunteers/{volunteer_id}",
        "GET",
        OWNER | ADMIN,
        kwargs=lambda w: {"volunteer_id": w.profile.pk},
        note="by number only for its owner and admins; others use share links",
    ),
    Row(
        "/api/v1/passport/shared/{key}",
        "GET",
        NOBODY,
        kwargs=lambda w: {"key": _share_key(w)},
        anonymous="deny",
        note="a private passport's share link answers 404 to everybody",
    ),
    Row(
        "/api/v1/passport/certificates",
        "GET",
        VOLUNTEERS,
        leaks=_listed(lambda w: w.certificate),
        sees=OWNER,
    ),
    Row(
        "/api/v1/passport/certificates",
        "POST",
        OWNER,
        body=lambda w: {
            "period_from": str(TODAY - dt.timedelta(days=30)),
            "period_to": str(TODAY),
            "language": "ru",
        },
        expect={"other_volunteer": "invalid 400"},
        note="only the owner has confirmed hours to certify",
    ),
    Row(
        "/api/v1/passport/verify/{certificate_id}",
        "GET",
        EVERYONE,
        kwargs=lambda w: {"certificate_id": w.certificate.pk},
    ),
    Row(
        "/api/v1/passport/verify",
        "POST",
        EVERYONE,
        body=lambda w: {
            "certificate": w.certificate.content,
            "signature": w.certificate.signature,
            "key_id": w.certificate.key_id,
        },
    ),
    Row("/api/v1/passport/public-key", "GET", EVERYONE),
    Row("/api/v1/passport/my-data", "GET", VOLUNTEERS),
    # monitoring
    Row(
        "/api/v1/monitoring/reports",
        "GET",
        OPERATORS | ANALYSTS,
        leaks=_listed(lambda w: w.draft_report),
        sees={"operator"} | ANALYSTS,
    ),
    Row(
        "/api/v1/monitoring/reports",
        "POST",
        {"operator", "admin"},
        body=lambda w: {"region": "KZ-75", "year": 2023, "month": 7},
    ),
    Row(
        "/api/v1/monitoring/reports/{report_id}",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.draft_report.pk},
    ),
    Row(
        "/api/v1/monitoring/reports/{report_id}/values",
        "PUT",
        {"operator", "admin"},
        kwargs=lambda w: {"report_id": w.draft_report.pk},
        body=lambda w: {"values": {"volunteers_total": 1000}},
    ),
    Row(
        "/api/v1/monitoring/reports/{report_id}/submit",
        "POST",
        {"operator", "admin"},
        kwargs=lambda w: {"report_id": w.draft_report.pk},
        body=lambda w: {"warnings_comment": "checked"},
    ),
    Row(
        "/api/v1/monitoring/reports/{report_id}/review",
        "POST",
        ANALYSTS,
        kwargs=lambda w: {"report_id": w.submitted_report.pk},
        body=lambda w: {"action": "approve", "comment": "ok"},
    ),
    Row(
        "/api/v1/monitoring/findings",
        "GET",
        OPERATORS | ANALYSTS,
        leaks=_listed(lambda w: w.finding),
        sees={"operator"} | ANALYSTS,
    ),
    Row(
        "/api/v1/monitoring/completeness",
        "GET",
        ANALYSTS,
        query=lambda w: {"year": 2023},
    ),
    Row(
        "/api/v1/monitoring/findings/{finding_id}/respond",
        "POST",
        {"operator", "admin"},
        kwargs=lambda w: {"finding_id": w.finding.pk},
        body=lambda w: {"state": "explained", "comment": "Holiday month"},
    ),
    # reporting
    Row("/api/v1/reports/value", "GET", ANALYSTS, query=lambda w: {"year": 2023}),
    Row(
        "/api/v1/reports/organizations/{org_id}/value",
        "GET",
        EVERYONE,
        case="published",
        kwargs=lambda w: {"org_id": w.other_org.pk},
    ),
    Row(
        "/api/v1/reports/organizations/{org_id}/value",
        "GET",
        ORG | ANALYSTS,
        case="not published",
        kwargs=lambda w: {"org_id": w.org.pk},
        anonymous="deny",
        note="before its coordinators publish it: 404 to everyone else",
    ),
    Row(
        "/api/v1/reports/editions",
        "GET",
        SIGNED_IN,
        leaks=_listed(lambda w: w.edition),
        sees={"operator"} | ANALYSTS,
        note="everyone gets the list of editions they may see, maybe empty",
    ),
    Row(
        "/api/v1/reports/editions",
        "POST",
        ANALYSTS,
        body=lambda w: {"year": 2023, "language": "en", "format": "html"},
        note="the national edition (no region): analysts only",
    ),
    Row(
        "/api/v1/reports/editions/{report_id}",
        "GET",
        {"operator"} | ANALYSTS,
        kwargs=lambda w: {"report_id": w.edition.pk},
    ),
]

ROWS: list[Row] = PAGES + API
