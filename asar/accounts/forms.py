from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asar.accounts import throttle
from asar.accounts.models import User


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where you will use it, e.g. “reporting script”."),
    )


class NewAccountMixin(forms.Form):
    """E-mail and a password typed twice, checked as an account's: one per e-mail, the two
    passwords equal, Django's password rules (judged against the person's names too). Used by
    the account-only sign-up and the volunteer registration; put it first among the bases, so
    its ``clean`` runs before a ModelForm's (which does not call further up)."""

    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this e-mail already exists. Sign in instead."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            candidate = User(
                email=data.get("email") or "",
                first_name=data.get("first_name") or "",
                last_name=data.get("last_name") or "",
            )
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class SignUpForm(NewAccountMixin):
    """An account alone (no volunteer profile): for the people who register an organisation."""

    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    personal_data_consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data (name and e-mail) on Asar."),
        error_messages={"required": _("Registration needs your consent to data processing.")},
    )


class RateLimitedLoginMixin:
    """Refuse sign-in for a while after too many failures (see ``accounts.throttle``).

    The lock is checked before the password, so during a lockout even the right password is
    refused: guessing cannot go on at full speed."""

    request: Any
    cleaned_data: dict[str, Any]
    locked_out = False

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        address = throttle.client_address(self.request)
        remaining = throttle.lockout_remaining(username=username, address=address)
        if remaining:
            raise self._locked_error(remaining)
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except ValidationError as exc:
            locks = (
                exc.code == "invalid_login"
                and bool(username)
                and throttle.login_failed(username=username, address=address)
            )
            if locks:
                raise self._locked_error(throttle.lockout_seconds()) from None
            raise
        if username:
            throttle.login_succeeded(username=username, address=address)
        return cleaned

    def _locked_error(self, seconds: int) -> ValidationError:
        self.locked_out = True
        return ValidationError(
            _("Too many failed sign-in attempts. Wait %(minutes)s min and try again."),
            code="locked_out",
            params={"minutes": max(1, math.ceil(seconds / 60))},
        )


class EmailAuthenticationForm(RateLimitedLoginMixin, AuthenticationForm):
    """Sign-in by e-mail, whatever its letter case (addresses are stored lower-case)."""

    # Django's own message has no Kazakh translation and names the field in the middle of an
    # English sentence ("Please enter a correct электрондық пошта and password").
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail or the password is not right. The password is case-sensitive."
        ),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip().lower()


class RateLimitedAdminAuthenticationForm(RateLimitedLoginMixin, AdminAuthenticationForm):
    """The admin site's sign-in, under the same limit as the site's own."""

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip().lower()
