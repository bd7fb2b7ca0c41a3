from __future__ import annotations

import pytest

from tests.monitoring.factories import consistent_values


@pytest.fixture
def good_values(db: None) -> dict[str, object]:
    return consistent_values(1000)
