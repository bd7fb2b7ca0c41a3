from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Where you will use it, e.g. “reporting script”."),
    )


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by e-mail, whatever its letter case (addresses are stored lower-case)."""

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip().lower()
