"""BIN validation with messages in the visitor's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from asar.lib import kz_ids


def clean_bin(value: str) -> str:
    cleaned = value.strip().replace(" ", "")
    if len(cleaned) != 12 or not cleaned.isdigit():
        raise ValidationError(_("The BIN must be exactly 12 digits."), code="bin_format")
    try:
        return kz_ids.validate_bin(cleaned)
    except kz_ids.InvalidIdentifier as exc:
        if kz_ids.checksum_ok(cleaned):
            # The check digit is right, so the structure (month, entity type) is wrong.
            raise ValidationError(
                _("This is not a BIN of a legal entity: check the 3rd–5th digits."),
                code="bin_structure",
            ) from exc
        raise ValidationError(
            _("The BIN check digit does not match: please look for a typo."),
            code="bin_checksum",
        ) from exc
