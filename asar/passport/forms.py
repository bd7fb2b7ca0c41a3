from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asar.accounts.models import User
from asar.hours.forms import DateInput
from asar.passport.models import LANGUAGE_CHOICES


class CertificateForm(forms.Form):
    period_from = forms.DateField(label=_("From"), widget=DateInput())
    period_to = forms.DateField(label=_("To"), widget=DateInput())
    language = forms.ChoiceField(label=_("Language of the certificate"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"period_from": today.replace(month=1, day=1), "period_to": today}
        )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The end of the period must not be before its start."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why revoke it?"), max_length=300)


class LetterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    text = forms.CharField(
        label=_("Letter"),
        widget=forms.Textarea(attrs={"rows": 10}),
        min_length=30,
        max_length=5000,
        help_text=_("What the volunteer did, the skills they showed, what they achieved."),
    )


class EraseForm(forms.Form):
    """Erasure cannot be undone: the person types their e-mail and their password again, so
    that nobody else at an unlocked computer can erase the account."""

    email = forms.EmailField(
        label=_("Your e-mail, to confirm"),
        help_text=_("This cannot be undone."),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail of your account."))
        return email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


class VerifyUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Signed certificate file (.json)"),
        help_text=_("Check that a file you were given is exactly what Asar issued."),
    )

    def clean_document(self) -> Any:
        """A PDF (what a holder usually sends) or a picture is not the signed file: say so,
        instead of calling a genuine PDF "damaged or altered"."""
        upload = self.cleaned_data["document"]
        head = upload.read(64)
        upload.seek(0)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise forms.ValidationError(
                _(
                    "This is not the signed certificate file (.json): a PDF or a picture cannot "
                    "be checked byte for byte. Compare it with the certificate shown on this "
                    "page, or ask the holder for the .json file."
                ),
                code="not_json",
            )
        return upload
