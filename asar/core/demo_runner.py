"""Demo data: every domain app may provide ``asar/<app>/demo.py`` with
``load(*, rng: random.Random, scale: float) -> str`` returning a one-line summary.

They run in ``settings.ASAR_APPS`` order (registry before opportunities before hours …),
deterministically from one seed, so a newcomer always sees the same country.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from asar.core.models import DemoDataRun


def demo_loaders() -> list[tuple[str, Callable[..., str]]]:
    loaders = []
    for app_name in settings.ASAR_APPS:
        try:
            module = importlib.import_module(f"{app_name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_name}.demo":
                raise
            continue
        loaders.append((app_name, module.load))
    return loaders


def demo_load(*, seed: int = 2023, scale: float = 1.0, echo: Callable[[str], None] = print) -> bool:
    """Load the demo once; returns False if it was already loaded."""
    if DemoDataRun.objects.exists():
        return False
    rng = random.Random(seed)
    with transaction.atomic():
        for app_name, load in demo_loaders():
            echo(f"{app_name}: {load(rng=rng, scale=scale)}")
        DemoDataRun.objects.create(seed=seed, scale=scale)
    return True
