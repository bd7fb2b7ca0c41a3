"""Writes of the accounts domain."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asar.accounts.models import ApiToken, User
from asar.accounts.tokens import api_token_create

MAX_TOKENS_PER_USER = 10


def token_issue(*, user: User, name: str) -> str:
    """A new personal API token (returned once, stored only as a digest)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name.")]})
    with transaction.atomic():
        # Lock the user's row so two requests cannot both slip under the limit.
        User.objects.select_for_update().get(pk=user.pk)
        if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
            raise ValidationError(
                {
                    "name": [
                        _("You already have %(n)s tokens; revoke one first.")
                        % {"n": MAX_TOKENS_PER_USER}
                    ]
                }
            )
        return api_token_create(user=user, name=name[:100])


def account_create(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    language: str,
    personal_data_consent: bool,
) -> User:
    """An account without a volunteer profile — e.g. for the person who registers an
    organisation. Only with their consent to the processing of these data, recorded with
    its date and time."""
    if not personal_data_consent:
        raise ValidationError(
            {"personal_data_consent": [_("Registration needs your consent to data processing.")]},
            code="no_consent",
        )
    email = email.strip().lower()
    duplicate = ValidationError(
        {"email": [_("An account with this e-mail already exists. Sign in instead.")]},
        code="duplicate_email",
    )
    if User.objects.filter(email__iexact=email).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                preferred_language=language if language in User.Language.values else "kk",
                personal_data_consent_at=timezone.now(),
            )
    except IntegrityError as exc:  # two sign-ups racing for the same address
        raise duplicate from exc


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose: their e-mails and documents follow it."""
    if language in User.Language.values and user.preferred_language != language:
        User.objects.filter(pk=user.pk).update(preferred_language=language)
        user.preferred_language = language


def token_revoke(*, user: User, token_id: int) -> bool:
    """Delete one of the user's own tokens; False if it is not theirs (or already gone)."""
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0
