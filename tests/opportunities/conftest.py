from __future__ import annotations

import pytest

from asar.opportunities.models import Position
from tests import factories as f


@pytest.fixture
def position(actors) -> Position:  # type: ignore[no-untyped-def]
    """A published position of actors.org (Almaty) with 2 places."""
    project = f.ProjectFactory(organization=actors.org)
    return f.PositionFactory(project=project, places=2)


@pytest.fixture
def other_position(actors) -> Position:  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.other_org)
    return f.PositionFactory(project=project, places=2)
