from __future__ import annotations

import datetime as dt

import pytest

from asar.lib import kz_ids


def reference_check_digit(first11: str) -> int | None:
    """Independent statement of the published algorithm, to test against."""
    d = [int(c) for c in first11]
    s = sum(d[i] * (i + 1) for i in range(11)) % 11
    if s == 10:
        weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        s = sum(d[i] * weights[i] for i in range(11)) % 11
        if s == 10:
            return None
    return s


def make(first11: str) -> str:
    check = reference_check_digit(first11)
    assert check is not None
    return first11 + str(check)


def test_valid_iin_accepted_and_normalised() -> None:
    iin = make("90010140012")  # 1990-01-01, male born in the 1900s
    assert kz_ids.validate_iin(f" {iin[:6]} {iin[6:]} ") == iin
    assert kz_ids.iin_birth_date(iin) == dt.date(1990, 1, 1)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("12345", "12 digits"),
        ("abcdefghijkl", "12 digits"),
        ("901301300011", "birth date"),
        ("900101900011", "century"),
    ],
)
def test_malformed_iin_refused_with_reason(value: str, reason: str) -> None:
    with pytest.raises(kz_ids.InvalidIdentifier, match=reason):
        kz_ids.validate_iin(value)


def test_wrong_check_digit_refused() -> None:
    iin = make("95061250034")
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(kz_ids.InvalidIdentifier, match="check digit"):
        kz_ids.validate_iin(wrong)


def test_second_pass_weights_used_when_first_gives_ten() -> None:
    # Find a prefix whose first pass is 10, so the second set of weights decides.
    for n in range(10_000):
        prefix = f"0001014{n:04d}"
        d = [int(c) for c in prefix]
        if (
            sum(d[i] * (i + 1) for i in range(11)) % 11 == 10
            and reference_check_digit(prefix) is not None
        ):
            break
    iin = make(prefix)
    assert kz_ids.checksum_ok(iin)
    assert kz_ids.with_check_digit(prefix) == iin


def test_bin_validation() -> None:
    good = make("21054000123")  # registered May 2021, legal entity
    assert kz_ids.validate_bin(good) == good
    with pytest.raises(kz_ids.InvalidIdentifier, match="month"):
        kz_ids.validate_bin(make("21154000123"))
    with pytest.raises(kz_ids.InvalidIdentifier, match="entity type"):
        kz_ids.validate_bin(make("21053000123"))


def test_mask_and_hash_do_not_reveal_the_number() -> None:
    iin = make("90010140012")
    assert kz_ids.mask(iin).endswith(iin[-4:])
    assert iin[:8] not in kz_ids.mask(iin)
    digest = kz_ids.keyed_hash(iin, "k1")
    assert iin not in digest and digest != kz_ids.keyed_hash(iin, "k2")
