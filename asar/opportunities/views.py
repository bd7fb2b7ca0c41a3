"""Pages: search, position, apply, my applications, agreement, and the coordinator's
management of one organisation's projects, positions and applicants."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.redirects import current_page, safe_next
from asar.lib.pagination import CappedPaginator
from asar.opportunities import forms, selectors, services
from asar.opportunities import questionnaire as qn
from asar.opportunities.models import Application, Position, Project
from asar.opportunities.permissions import coordinator_required, volunteer_required
from asar.organizations.models import Organization
from asar.organizations.permissions import is_coordinator

PAGE_SIZE = 20
MANAGE_PAGE_SIZE = 10


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _error_text(error: services.OpportunityError) -> str:
    return str(error.message)


# --- volunteers ------------------------------------------------------------------------------


def search(request: HttpRequest) -> HttpResponse:
    form = forms.SearchForm(request.GET or None)
    filters = form.filters() if request.GET else forms.SearchFilters()
    positions = selectors.search_positions(user=request.user, filters=filters)
    page = CappedPaginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "has_profile": selectors.profile_of(request.user) is not None,
    }
    template = (
        "opportunities/partials/results.html" if _is_htmx(request) else "opportunities/search.html"
    )
    return render(request, template, context)


def position_detail(request: HttpRequest, position_id: int) -> HttpResponse:
    position = selectors.position_for_visitor(user=request.user, position_id=position_id)
    profile = selectors.profile_of(request.user)
    return render(
        request,
        "opportunities/position_detail.html",
        {
            "position": position,
            "application": selectors.open_application(user=request.user, position=position),
            "can_manage": is_coordinator(request.user, position.organization_id),
            "profile": profile,
            # Said before the questionnaire, not after it.
            "too_young": profile and services.age_refusal(profile, position, guardian_consent=True),
        },
    )


@volunteer_required
def apply(request: AuthenticatedHttpRequest, position_id: int) -> HttpResponse:
    position = selectors.position_for_visitor(user=request.user, position_id=position_id)
    profile = selectors.profile_of(request.user)
    if profile is None:
        messages.info(request, _("Create your volunteer profile first, then apply."))
        return redirect(f"{reverse('volunteers:register')}?next={request.path}")
    existing = selectors.open_application(user=request.user, position=position)
    if existing is not None:
        messages.info(request, _("You have already applied to this position."))
        return redirect("opportunities:my_applications")
    # A new questionnaire starts from the volunteer's own previous answers, to be checked.
    previous = None if request.method == "POST" else selectors.previous_answers(user=request.user)
    form = forms.ApplicationForm(
        request.POST or None,
        initial={
            **(previous.initial if previous else {}),
            "guardian_consent": profile.guardian_consent,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                user=request.user, position_id=position.pk, answers=form.answers()
            )
        except services.OpportunityError as error:
            for name, errs in error.fields.items():
                for message in errs:
                    form.add_error(name if name in form.fields else None, message)
            if not error.fields:
                form.add_error(None, _error_text(error))
        else:
            if application.status == Application.Status.WAITLISTED:
                messages.success(
                    request,
                    _(
                        "All places are taken, so you are on the waiting list. We will write to you when a place is free."
                    ),
                )
            else:
                messages.success(
                    request, _("Your application has been sent. The coordinator will review it.")
                )
            return redirect("opportunities:my_applications")
    age_warning = services.age_refusal(profile, position, guardian_consent=True)
    return render(
        request,
        "opportunities/apply.html",
        {
            "position": position,
            "form": form,
            "profile": profile,
            "is_minor": profile.age_on(max(position.start_date, timezone.localdate()))
            < services.GUARDIAN_AGE,
            "age_warning": age_warning,
            "previous": previous,
            "max_motivations": qn.MAX_MOTIVATIONS,
            "max_activities": qn.MAX_PREFERRED_ACTIVITIES,
        },
        status=422 if request.method == "POST" else 200,
    )


@volunteer_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(selectors.applications_of(user=request.user))
    for application in applications:
        application.actions = services.allowed_actions(application, as_volunteer=True)  # type: ignore[attr-defined]
        application.queue_place = selectors.waiting_position(application=application)  # type: ignore[attr-defined]
    return render(
        request,
        "opportunities/my_applications.html",
        {
            "applications": applications,
            "has_profile": selectors.profile_of(request.user) is not None,
        },
    )


@require_POST
@volunteer_required
def volunteer_action(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_of_volunteer(
        user=request.user, application_id=application_id
    )
    action = request.POST.get("action", "")
    if action not in services.VOLUNTEER_ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("opportunities:my_applications")
    try:
        services.application_transition(
            actor=request.user, application_id=application.pk, action=action
        )
    except services.OpportunityError as error:
        messages.error(request, _error_text(error))
    else:
        if action == "confirm_offer":
            messages.success(
                request, _("You have taken the place. Please read and accept the agreement.")
            )
            return redirect("opportunities:agreement", application_id=application.pk)
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("opportunities:my_applications")


@volunteer_required
def agreement(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    agreement = selectors.agreement_for(user=request.user, application_id=application_id)
    is_own = agreement.application.volunteer.user_id == request.user.pk
    if request.method == "POST":
        if not is_own:
            return HttpResponse(status=403)
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the box to confirm that you have read the agreement."))
        else:
            try:
                services.agreement_accept(
                    user=request.user,
                    agreement_id=agreement.pk,
                    language=request.POST.get("language") or None,
                    content_sha256=request.POST.get("content_sha256") or None,
                )
            except services.OpportunityError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Thank you! You have accepted the agreement."))
        return redirect("opportunities:agreement", application_id=application_id)
    # The volunteer reads a not yet accepted agreement in the language of the page; accepting
    # it stores exactly that text (its digest travels with the form).
    language, text = selectors.agreement_as_read(
        user=request.user, agreement=agreement, language=(get_language() or "")[:2]
    )
    return render(
        request,
        "opportunities/agreement.html",
        {
            "agreement": agreement,
            "application": agreement.application,
            "is_own": is_own,
            "language": language,
            "text": text,
            "content_sha256": services.sha256(text),
        },
    )


# --- coordinators ----------------------------------------------------------------------------


@coordinator_required("org", "org_id")
def manage(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=org_id)
    status = request.GET.get("status", "")
    if status not in Position.Status.values:
        status = ""
    positions = selectors.organization_positions(
        user=request.user, organization=organization, status=status
    )
    only = request.GET.get("position", "")
    if only.isdigit():  # one position's applicants, e.g. from the position's own page
        positions = positions.filter(pk=int(only))
    page = Paginator(positions, MANAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    managed = _with_actions(
        selectors.managed_positions(
            user=request.user,
            organization=organization,
            position_ids=[p.pk for p in page.object_list],
        )
    )
    return render(
        request,
        "opportunities/manage.html",
        {
            "organization": organization,
            "managed": managed,
            "page": page,
            "query": f"status={status}" if status else "",
            "only_one": only.isdigit(),
            "status": status,
            "statuses": Position.Status.choices,
            "projects": selectors.projects_of(user=request.user, organization=organization),
            "reject_form": forms.RejectForm(),
            # The position and decision forms come back here: same filter, same page.
            "next_url": request.get_full_path(),
        },
    )


@require_POST
@coordinator_required("application", "application_id")
def coordinator_action(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    action = request.POST.get("action", "")
    error_message = ""
    if action not in services.COORDINATOR_ACTIONS:
        error_message = _("Unknown action.")
    else:
        try:
            services.application_transition(
                actor=request.user,
                application_id=application_id,
                action=action,
                reason=request.POST.get("reason", ""),
            )
        except services.OpportunityError as error:
            error_message = _error_text(error)
    application = selectors.application_for_coordinator(
        user=request.user, application_id=application_id
    )
    if _is_htmx(request):
        # Re-render the whole position: places left, the waiting list and offers may change.
        managed = _with_actions(
            selectors.managed_positions(
                user=request.user,
                organization=application.position.organization,
                position_id=application.position_id,
            )
        )
        return render(
            request,
            "opportunities/partials/managed_position.html",
            {
                "item": managed[0],
                "error": error_message,
                "error_app_id": application.pk,
                # The page the fragment is swapped into, not this fragment's own address.
                "next_url": safe_next(request)
                or current_page(request)
                or _manage_url(application.position.organization_id),
            },
        )
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Saved."))
    return redirect(safe_next(request) or _manage_url(application.position.organization_id))


def _manage_url(organization_id: int) -> str:
    return reverse("opportunities:manage", args=[organization_id])


def _with_actions(
    managed: list[selectors.ManagedPosition],
) -> list[selectors.ManagedPosition]:
    today = timezone.localdate()
    for item in managed:
        for app in item.applications + item.waiting + item.finished:
            app.actions = services.allowed_actions(app, as_volunteer=False)  # type: ignore[attr-defined]
            # Why "Started work" is not offered yet: the position has not started.
            app.starts_on = (  # type: ignore[attr-defined]
                item.position.start_date
                if app.status == Application.Status.ACCEPTED and today < item.position.start_date
                else None
            )
    return managed


def _coordinators(organization_id: int) -> Any:
    return get_user_model().objects.filter(memberships__organization_id=organization_id)


@coordinator_required("org", "org_id")
def project_create(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=org_id)
    form = forms.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(
            actor=request.user, organization=organization, fields=form.cleaned_data
        )
        messages.success(request, _("The project has been created. Now add its positions."))
        return redirect("opportunities:position_create", project_id=project.pk)
    return render(
        request, "opportunities/project_form.html", {"form": form, "organization": organization}
    )


@coordinator_required("project", "project_id")
def project_edit(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("organization"), pk=project_id)
    form = forms.ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.project_update(actor=request.user, project=project, fields=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("opportunities:manage", org_id=project.organization_id)
    return render(
        request,
        "opportunities/project_form.html",
        {"form": form, "organization": project.organization, "project": project},
    )


def _position_fields(form: forms.PositionForm) -> tuple[dict[str, Any], Any]:
    fields = dict(form.cleaned_data)
    skills = fields.pop("required_skills", [])
    return fields, skills


@coordinator_required("project", "project_id")
def position_create(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("organization"), pk=project_id)
    form = forms.PositionForm(
        request.POST or None,
        coordinators=_coordinators(project.organization_id),
        initial={
            "direction": project.direction_id,
            "region": project.organization.home_region_id,
            "coordinator": request.user.pk,
        },
    )
    if request.method == "POST" and form.is_valid():
        fields, skills = _position_fields(form)
        position = services.position_create(
            actor=request.user,
            project=project,
            fields=fields,
            skills=skills,
            publish="publish" in request.POST,
        )
        messages.success(request, _("The position has been saved."))
        return redirect("opportunities:position", position_id=position.pk)
    return render(
        request,
        "opportunities/position_form.html",
        {"form": form, "project": project, "organization": project.organization},
    )


@coordinator_required("position", "position_id")
def position_edit(request: AuthenticatedHttpRequest, position_id: int) -> HttpResponse:
    position = get_object_or_404(
        Position.objects.select_related("project", "organization"), pk=position_id
    )
    form = forms.PositionForm(
        request.POST or None,
        instance=position,
        coordinators=_coordinators(position.organization_id),
    )
    if request.method == "POST" and form.is_valid():
        fields, skills = _position_fields(form)
        try:
            services.position_update(
                actor=request.user, position=position, fields=fields, skills=skills
            )
        except services.OpportunityError as error:
            for name, errs in error.fields.items():
                for message in errs:
                    form.add_error(name, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("opportunities:position", position_id=position.pk)
    return render(
        request,
        "opportunities/position_form.html",
        {
            "form": form,
            "project": position.project,
            "organization": position.organization,
            "position": position,
        },
    )


@require_POST
@coordinator_required("position", "position_id")
def position_status(request: AuthenticatedHttpRequest, position_id: int) -> HttpResponse:
    position = get_object_or_404(Position, pk=position_id)
    status = request.POST.get("status", "")
    try:
        services.position_set_status(actor=request.user, position=position, status=status)
    except services.OpportunityError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(safe_next(request) or _manage_url(position.organization_id))
