"""Kazakh individual (IIN) and business (BIN) identification numbers.

Both are 12 digits with the same check digit: a weighted sum mod 11 with weights 1..11;
if that gives 10, a second pass with weights 3..11,1,2 is used; if that also gives 10 the
number is invalid. The IIN also encodes the birth date (YYMMDD) and, in digit 7, the
century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd = male).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


class InvalidIdentifier(ValueError):
    """The number is not a valid IIN/BIN; the message says why (in English, for logs/tests)."""


def _check_digit(digits: list[int]) -> int | None:
    total = sum(d * w for d, w in zip(digits[:11], _W1, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits[:11], _W2, strict=True)) % 11
        if total == 10:
            return None
    return total


def _digits(value: str) -> list[int]:
    cleaned = value.strip().replace(" ", "")
    if len(cleaned) != 12 or not cleaned.isdigit():
        raise InvalidIdentifier("must be exactly 12 digits")
    return [int(c) for c in cleaned]


def checksum_ok(value: str) -> bool:
    try:
        digits = _digits(value)
    except InvalidIdentifier:
        return False
    return _check_digit(digits) == digits[11]


def iin_birth_date(value: str) -> dt.date:
    digits = _digits(value)
    century_sex = digits[6]
    if century_sex not in range(1, 7):
        raise InvalidIdentifier("the 7th digit (century and sex) must be 1–6")
    century = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}[century_sex]
    year = century + digits[0] * 10 + digits[1]
    try:
        return dt.date(year, digits[2] * 10 + digits[3], digits[4] * 10 + digits[5])
    except ValueError as exc:
        raise InvalidIdentifier("the first six digits are not a valid birth date") from exc


def validate_iin(value: str) -> str:
    """Return the normalised IIN or raise InvalidIdentifier."""
    digits = _digits(value)
    iin_birth_date(value)
    if _check_digit(digits) != digits[11]:
        raise InvalidIdentifier("check digit does not match")
    return "".join(map(str, digits))


def validate_bin(value: str) -> str:
    """Return the normalised BIN or raise InvalidIdentifier.

    Digits 1–4 are the registration year and month; digit 5 is the entity type (4 legal
    entity, 5 branch, 6 representative office, 7 individual entrepreneur in joint venture).
    """
    digits = _digits(value)
    month = digits[2] * 10 + digits[3]
    if not 1 <= month <= 12:
        raise InvalidIdentifier("digits 3–4 must be the registration month (01–12)")
    if digits[4] not in (4, 5, 6, 7):
        raise InvalidIdentifier("the 5th digit (entity type) must be 4, 5, 6 or 7")
    if _check_digit(digits) != digits[11]:
        raise InvalidIdentifier("check digit does not match")
    return "".join(map(str, digits))


def with_check_digit(first_eleven: str) -> str | None:
    """Complete 11 digits with their check digit (None if no valid one exists). For demo data."""
    digits = [int(c) for c in first_eleven]
    check = _check_digit([*digits, 0])
    return None if check is None else first_eleven + str(check)


def mask(value: str) -> str:
    """Masked form shown everywhere: only the last four digits stay visible."""
    return "•" * 8 + value[-4:]


def keyed_hash(value: str, key: str) -> str:
    """HMAC of the identifier: lets us detect duplicates without storing the number itself."""
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
