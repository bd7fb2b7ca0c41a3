"""BINs and form payloads for organisation tests."""

from __future__ import annotations

from typing import Any

from asar.lib import kz_ids
from tests import factories as f


def valid_bin(serial: int = 1) -> str:
    """A valid BIN of a legal entity registered in March 2015 (type 4)."""
    for n in range(serial, serial + 200):
        value = kz_ids.with_check_digit(f"15034{n:06d}")
        if value is not None:
            return value
    raise AssertionError("no valid BIN")


def org_payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "registered",
        "name_kk": "Жақсылық жасау қоры",
        "name_ru": "",
        "name_en": "",
        "bin": valid_bin(),
        "home_region": f.region("KZ-75").pk,
        "city": "Алматы",
        "regions": [f.region("KZ-19").pk],
        "directions": [f.direction("education").pk],
        "description_kk": "Балаларға тәлімгерлік.",
        "description_ru": "",
        "description_en": "",
        "email": "info@example.kz",
        "phone": "",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
