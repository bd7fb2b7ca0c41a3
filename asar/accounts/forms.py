from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asar.accounts import throttle


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where you will use it, e.g. “reporting script”."),
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

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip().lower()


class RateLimitedAdminAuthenticationForm(RateLimitedLoginMixin, AdminAuthenticationForm):
    """The admin site's sign-in, under the same limit as the site's own."""

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip().lower()
