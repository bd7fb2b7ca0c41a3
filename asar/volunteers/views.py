from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from asar.accounts.models import User
from asar.core.redirects import safe_next
from asar.volunteers import selectors, services
from asar.volunteers.forms import BecomeVolunteerForm, MyProfileForm, RegistrationForm
from asar.volunteers.models import Availability, SpokenLanguage, VolunteerProfile


def volunteer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users with a volunteer profile; the profile is passed to the view."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        profile = selectors.own_profile(user=request.user)
        if profile is None:
            messages.info(request, _("You do not have a volunteer profile yet."))
            return redirect("volunteers:register")
        return view(request, profile, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if selectors.own_profile(user=request.user):
            return redirect(safe_next(request) or reverse("volunteers:profile"))
        return _become_volunteer(request, request.user)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.volunteer_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                language=(get_language() or "kk")[:2],
                data=form.profile_data(),
                skills=form.cleaned_data["skills"],
                iin=form.cleaned_data["iin"] or None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, profile.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Asar! Your volunteer profile is ready."))
            return redirect(safe_next(request) or reverse("opportunities:search"))
    return render(
        request,
        "volunteers/register.html",
        {"form": form, "next": safe_next(request) or "", "new_account": True},
    )


def _become_volunteer(request: HttpRequest, user: User) -> HttpResponse:
    """A signed-in coordinator or operator adds a volunteer profile to the same account."""
    form = BecomeVolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_profile_create(
                user=user,
                data=form.profile_data(),
                skills=form.cleaned_data["skills"],
                iin=form.cleaned_data["iin"] or None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your volunteer profile is ready."))
            return redirect(safe_next(request) or reverse("opportunities:search"))
    return render(
        request,
        "volunteers/register.html",
        {"form": form, "next": safe_next(request) or "", "new_account": False},
    )


@require_http_methods(["GET"])
@volunteer_required
def profile(request: HttpRequest, profile: VolunteerProfile) -> HttpResponse:
    languages = dict(SpokenLanguage.choices)
    availability = dict(Availability.choices)
    return render(
        request,
        "volunteers/profile.html",
        {
            "profile": profile,
            "languages": [languages.get(code, code) for code in profile.languages],
            "availability": [availability.get(code, code) for code in profile.availability],
        },
    )


@require_http_methods(["GET", "POST"])
@volunteer_required
def profile_edit(request: HttpRequest, profile: VolunteerProfile) -> HttpResponse:
    form = MyProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_profile_update(
                profile=profile,
                data=form.profile_data(),
                skills=form.cleaned_data["skills"],
                iin=form.cleaned_data["iin"] or services.KEEP_IIN,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("volunteers:profile")
    return render(request, "volunteers/profile_edit.html", {"form": form, "profile": profile})


@require_http_methods(["POST"])
@volunteer_required
def remove_iin(request: HttpRequest, profile: VolunteerProfile) -> HttpResponse:
    services.volunteer_profile_update(profile=profile, data={}, iin=None)
    messages.success(request, _("Your IIN has been removed from your profile."))
    return redirect("volunteers:profile")
