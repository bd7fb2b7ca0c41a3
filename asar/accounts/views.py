from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from asar.accounts import selectors, services
from asar.accounts.forms import EmailAuthenticationForm, SignUpForm, TokenForm
from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.core.redirects import safe_next


class LoginView(auth_views.LoginView):
    """Sign-in by e-mail; answers 429 Too Many Requests while the sign-in is locked out."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = EmailAuthenticationForm

    def form_invalid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response


@require_http_methods(["POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch (Django's own), which also remembers the choice of a signed-in
    person: notices and agreements are then written in the language they use."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and response.status_code == 302:
        services.user_set_language(user=request.user, language=language)
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """An account without a volunteer profile, for the people who register an organisation;
    afterwards they go on to the organisation's form (or wherever ``next`` says)."""
    target = safe_next(request) or reverse("organizations:create")
    if request.user.is_authenticated:
        return redirect(target)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_create(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                language=(get_language() or "kk")[:2],
                personal_data_consent=form.cleaned_data["personal_data_consent"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready."))
            return redirect(target)
    return render(request, "accounts/signup.html", {"form": form, "next": target})


def register(request: HttpRequest) -> HttpResponse:
    # Registration of a volunteer creates the account and the volunteer profile together;
    # the form lives in the volunteers app.
    return redirect("volunteers:register")


@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in person's own account: who they are, their language, and when they
    consented to the processing of their data (volunteers also see their profile's)."""
    return render(
        request,
        "accounts/account.html",
        {"account": request.user, "profile": selectors.volunteer_profile_of(user=request.user)},
    )


@never_cache  # the page shows a fresh token once; it must not be kept by any cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token: str | None = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token = services.token_issue(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(user=request.user), "new_token": new_token},
    )


@login_required
@require_http_methods(["POST"])
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    if services.token_revoke(user=request.user, token_id=token_id):
        messages.success(request, _("The token has been revoked."))
    else:
        messages.error(request, _("No such token."))
    return redirect("accounts:tokens")
