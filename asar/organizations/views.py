from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from asar.accounts import roles
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.redirects import safe_next
from asar.lib.i18n import quoted
from asar.organizations import permissions, selectors, services
from asar.organizations.decorators import with_organization
from asar.organizations.forms import (
    CoordinatorForm,
    FilterForm,
    OrganizationForm,
    VerificationForm,
)
from asar.organizations.models import Organization

PAGE_SIZE = 20


def _coordinates(user: roles.AnyUser, org: Organization) -> bool:
    return permissions.is_coordinator(user, org.id)


def _owns(user: roles.AnyUser, org: Organization) -> bool:
    return permissions.is_owner(user, org.id)


def _manage_url(org_id: int) -> str | None:
    # The positions page belongs to the opportunities app and may not exist yet.
    try:
        return reverse("opportunities:manage", args=[org_id])
    except NoReverseMatch:
        return None


@require_http_methods(["GET"])
def organization_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    qs = selectors.organizations_public(user=request.user, filters=form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    # HTMX filter changes swap only the results.
    template = (
        "organizations/_results.html"
        if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results"
        else "organizations/list.html"
    )
    return render(request, template, context)


@require_http_methods(["GET"])
def organization_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = selectors.organization_visible(user=request.user, org_id=org_id)
    if org is None:
        raise Http404
    is_coordinator = permissions.is_coordinator(request.user, org.id)
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "is_coordinator": is_coordinator,
            "can_verify": permissions.can_verify(request.user, org),
            "manage_url": _manage_url(org.id) if is_coordinator else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(
                user=request.user,
                data=form.org_data(),
                regions=form.cleaned_data["regions"],
                directions=form.cleaned_data["directions"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "The organisation is registered. The front office of its region will verify it;"
                    " until then it is marked as not verified."
                ),
            )
            return redirect("organizations:detail", org_id=org.id)
    return render(request, "organizations/form.html", {"form": form, "org": None})


@require_http_methods(["GET", "POST"])
@with_organization(_coordinates)
def organization_edit(
    request: AuthenticatedHttpRequest, organization: Organization
) -> HttpResponse:
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                organization=organization,
                actor=request.user,
                data=form.org_data(),
                regions=form.cleaned_data["regions"],
                directions=form.cleaned_data["directions"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The organisation has been saved."))
            return redirect("organizations:detail", org_id=organization.id)
    return render(request, "organizations/form.html", {"form": form, "org": organization})


@require_http_methods(["GET", "POST"])
@with_organization(_coordinates)
def coordinators(request: AuthenticatedHttpRequest, organization: Organization) -> HttpResponse:
    is_owner = permissions.is_owner(request.user, organization.id)
    form = CoordinatorForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied
        if form.is_valid():
            try:
                membership = services.coordinator_add(
                    organization=organization,
                    actor=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(email)s now coordinates the organisation.")
                    % {"email": membership.user.email},
                )
                return redirect("organizations:coordinators", org_id=organization.id)
    return render(
        request,
        "organizations/coordinators.html",
        {
            "org": organization,
            "form": form,
            "is_owner": is_owner,
            "memberships": selectors.memberships_of(user=request.user, organization=organization),
        },
    )


@require_http_methods(["POST"])
@with_organization(_coordinates)
def value_public(request: AuthenticatedHttpRequest, organization: Organization) -> HttpResponse:
    """The coordinators show or hide the value of their volunteers' work on the public page."""
    public = request.POST.get("public") == "1"
    services.organization_value_publish(
        organization=organization, actor=request.user, public=public
    )
    messages.success(
        request,
        _("The value of your volunteers' work is now shown on the organisation's public page.")
        if public
        else _("The value of your volunteers' work is no longer shown publicly."),
    )
    return redirect(
        safe_next(request) or reverse("organizations:detail", args=[organization.id]) + "#value"
    )


@require_http_methods(["POST"])
@with_organization(_owns)
def coordinator_remove(
    request: AuthenticatedHttpRequest, organization: Organization, membership_id: int
) -> HttpResponse:
    try:
        services.coordinator_remove(
            organization=organization, actor=request.user, membership_id=membership_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The coordinator has been removed."))
    return redirect("organizations:coordinators", org_id=organization.id)


@login_required
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    orgs = list(selectors.organizations_of_coordinator(user=request.user))
    rows = [
        {
            "org": org,
            "manage_url": _manage_url(org.id),
            "is_owner": permissions.is_owner(request.user, org.id),
        }
        for org in orgs
    ]
    return render(request, "organizations/dashboard.html", {"rows": rows})


@require_http_methods(["GET"])
@roles.require(roles.is_any_operator)
def verification_queue(request: HttpRequest) -> HttpResponse:
    pending = selectors.verification_queue(user=request.user)
    decided = selectors.verification_queue(user=request.user, pending_only=False)[:20]
    return render(
        request,
        "organizations/verification_queue.html",
        {"pending": pending, "decided": decided, "form": VerificationForm()},
    )


@require_http_methods(["GET", "POST"])
@with_organization(permissions.can_verify)
def verify(request: AuthenticatedHttpRequest, organization: Organization) -> HttpResponse:
    form = VerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "verify"
        try:
            services.organization_verify(
                organization=organization,
                operator=request.user,
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(name)s is verified.") % {"name": quoted(organization.name)}
                if approve
                else _("Verification of %(name)s is refused.")
                % {"name": quoted(organization.name)},
            )
            return redirect("organizations:verification_queue")
    return render(request, "organizations/verify.html", {"org": organization, "form": form})
