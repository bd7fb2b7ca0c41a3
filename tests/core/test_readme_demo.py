"""The demo figures quoted in the README are those of a fresh ``load_demo``."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from django.conf import settings

from asar.core.demo_runner import demo_loaders
from asar.opportunities.models import Application, Position, Project
from asar.organizations.demo import APPENDIX_8
from asar.organizations.models import Organization
from asar.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db

README = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")


def _quoted(pattern: str) -> int:
    match = re.search(pattern, " ".join(README.split()))
    assert match, pattern
    return int(match.group(1).replace(" ", ""))


def test_the_readme_quotes_the_demo_country_as_load_demo_makes_it() -> None:
    rng = random.Random(2023)  # load_demo's defaults: --seed 2023 --scale 1
    for app_name, load in demo_loaders():
        if app_name in ("asar.hours", "asar.passport", "asar.monitoring", "asar.reporting"):
            break  # the registry and the opportunities are all the README counts exactly
        load(rng=rng, scale=1.0)
    assert _quoted(r"(\d+) organisations \(") == Organization.objects.count()
    assert _quoted(r"\((\d+) of them from the guide's Appendix 8") == len(APPENDIX_8)
    verified = Organization.objects.filter(verification=Organization.Verification.VERIFIED)
    assert _quoted(r"Appendix 8; (\d+) verified") == verified.count()
    assert _quoted(r"(\d+) volunteers in all 20 regions") == VolunteerProfile.objects.count()
    assert VolunteerProfile.objects.values("region").distinct().count() == 20
    assert _quoted(r"(\d+) projects") == Project.objects.count()
    assert _quoted(r"with (\d+) positions") == Position.objects.count()
    about = _quoted(r"about (\d[\d ]*) applications")
    assert abs(Application.objects.count() - about) <= about * 0.02
