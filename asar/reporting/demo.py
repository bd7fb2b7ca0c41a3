"""Demo data of reporting: the survey inputs of the maximum scenario for the years that have
demo hours. The wage table itself comes from the data migration (real published figures)."""

from __future__ import annotations

import random
from decimal import Decimal

from asar.hours.models import HourEntry
from asar.reporting.models import SurveyEstimate

# The 2023 national volunteer survey: one volunteer gives 300–400 hours a year on average.
SURVEY_HOURS_PER_VOLUNTEER = Decimal(350)
SURVEY_SOURCE = "National volunteer survey 2023 (260 volunteers): 300–400 hours a year each"


def load(*, rng: random.Random, scale: float) -> str:
    years = sorted({d.year for d in HourEntry.objects.dates("date", "year")}) or [2023]
    for year in years:
        SurveyEstimate.objects.get_or_create(
            year=year,
            defaults={
                # Empty: the front offices' count (or the platform's) is the basis.
                "volunteers": None,
                "hours_per_volunteer_year": SURVEY_HOURS_PER_VOLUNTEER,
                "source": SURVEY_SOURCE,
            },
        )
    return f"survey inputs for {', '.join(map(str, years))}"
