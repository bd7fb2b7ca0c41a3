"""Economic value of volunteer work — the replacement-cost method of the ILO Manual on the
Measurement of Volunteer Work (2011): value = hours × the hourly wage of the work done.

- Hourly rate = average monthly nominal wage ÷ standard monthly hours
  (``settings.ASAR_STANDARD_MONTHLY_HOURS``), rounded to the tiyn so every line can be
  recomputed by hand from the figures shown; value = hours × rate, rounded to whole tenge.
- Wage chosen per line: the direction's specialist wage in the region, else the national
  specialist wage, else the region's average, else the national average (flagged as a
  national fallback). Without a figure for the year, the nearest earlier year is used (flagged).
- Scenarios: minimum = confirmed hours; likely = confirmed + self-reported + what the front
  offices reported above the platform's own figure for the same region and month (so the same
  hours are never counted twice); maximum = volunteers × average hours per volunteer per year.

All arithmetic is Decimal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from django.conf import settings

from asar.reporting import sources
from asar.reporting.models import SurveyEstimate, WageRate

TIYN = Decimal("0.01")
TENGE = Decimal(1)
SIXTY = Decimal(60)


class Level:
    REGION_DIRECTION = "region_direction"
    DIRECTION = "direction"
    REGION = "region"
    NATIONAL = "national"


def hourly_rate(monthly_wage: Decimal, monthly_hours: int) -> Decimal:
    return (Decimal(monthly_wage) / Decimal(monthly_hours)).quantize(TIYN, rounding=ROUND_HALF_UP)


def value_of_hours(hours: Decimal | int, rate: Decimal) -> Decimal:
    """Replacement cost in whole tenge of ``hours`` at ``rate`` tenge per hour."""
    return (Decimal(hours) * Decimal(rate)).quantize(TENGE, rounding=ROUND_HALF_UP)


def minutes_to_hours(minutes: int) -> Decimal:
    # Minutes come in quarter-hour steps, so two decimals are exact.
    return (Decimal(minutes) / SIXTY).quantize(TIYN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    monthly_wage: Decimal
    monthly_hours: int
    wage_year: int
    level: str
    source: str
    national_fallback: bool  # the region had no figure, so the national one is used
    year_fallback: bool  # no figure for the year itself, so an earlier (or later) one is used

    @property
    def hourly(self) -> Decimal:
        return hourly_rate(self.monthly_wage, self.monthly_hours)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["monthly_wage"] = str(self.monthly_wage)
        data["hourly"] = str(self.hourly)
        return data


class RateBook:
    """All wage figures in memory: one query, then every lookup is a dict access."""

    def __init__(self, monthly_hours: int | None = None) -> None:
        self.monthly_hours = monthly_hours or settings.ASAR_STANDARD_MONTHLY_HOURS
        self._rows: dict[tuple[int, int | None, int | None], WageRate] = {
            (w.year, w.region_id, w.direction_id): w for w in WageRate.objects.all()
        }
        self.national_years = sorted(y for (y, r, d) in self._rows if r is None and d is None)

    def wage_year(self, year: int) -> int | None:
        if not self.national_years:
            return None
        if year in self.national_years:
            return year
        earlier = [y for y in self.national_years if y < year]
        return earlier[-1] if earlier else self.national_years[0]

    def rate(self, *, year: int, region_id: int | None, direction_id: int | None = None) -> Rate:
        wage_year = self.wage_year(year)
        if wage_year is None:
            raise NoWageData(year)
        candidates: list[tuple[tuple[int | None, int | None], str]] = []
        if direction_id is not None:
            if region_id is not None:
                candidates.append(((region_id, direction_id), Level.REGION_DIRECTION))
            candidates.append(((None, direction_id), Level.DIRECTION))
        if region_id is not None:
            candidates.append(((region_id, None), Level.REGION))
        candidates.append(((None, None), Level.NATIONAL))
        for (region, direction), level in candidates:
            row = self._rows.get((wage_year, region, direction))
            if row is not None:
                return Rate(
                    monthly_wage=row.monthly_wage_kzt,
                    monthly_hours=self.monthly_hours,
                    wage_year=wage_year,
                    level=level,
                    source=row.source,
                    national_fallback=region_id is not None and region is None,
                    year_fallback=wage_year != year,
                )
        raise NoWageData(year)  # pragma: no cover - the national row always exists here


class NoWageData(LookupError):
    def __init__(self, year: int) -> None:
        super().__init__(f"No national wage figure for {year} or any other year")
        self.year = year


@dataclass
class Line:
    """One valued cell: the work of one region (and direction) at one rate."""

    kind: str  # "confirmed", "self_reported", "front_office", "survey"
    region_id: int | None
    direction_id: int | None
    hours: Decimal
    rate: Rate
    value: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "region_id": self.region_id,
            "direction_id": self.direction_id,
            "hours": str(self.hours),
            "rate": self.rate.as_dict(),
            "value": str(self.value),
        }


@dataclass
class Scenario:
    key: str  # "minimum", "likely", "maximum"
    lines: list[Line] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)
    available: bool = True

    @property
    def hours(self) -> Decimal:
        return sum((line.hours for line in self.lines), Decimal(0))

    @property
    def value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))

    @property
    def has_national_fallback(self) -> bool:
        return any(line.rate.national_fallback for line in self.lines)

    @property
    def has_year_fallback(self) -> bool:
        return any(line.rate.year_fallback for line in self.lines)

    def hours_of(self, kind: str) -> Decimal:
        return sum((line.hours for line in self.lines if line.kind == kind), Decimal(0))

    def value_of(self, kind: str) -> Decimal:
        return sum((line.value for line in self.lines if line.kind == kind), Decimal(0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "available": self.available,
            "hours": str(self.hours),
            "value": str(self.value),
            "national_fallback": self.has_national_fallback,
            "year_fallback": self.has_year_fallback,
            "inputs": {k: str(v) if isinstance(v, Decimal) else v for k, v in self.inputs.items()},
            "lines": [line.as_dict() for line in self.lines],
        }


# (region_id, direction_id); the front offices' hours have no direction.
RegionDirection = TypeVar("RegionDirection", bound=tuple[int, int | None])


def _lines(
    book: RateBook, *, year: int, kind: str, minutes: dict[RegionDirection, int]
) -> list[Line]:
    lines = []
    for (region_id, direction_id), mins in sorted(minutes.items(), key=lambda kv: str(kv[0])):
        if mins <= 0:
            continue
        rate = book.rate(year=year, region_id=region_id, direction_id=direction_id)
        hours = minutes_to_hours(mins)
        lines.append(
            Line(kind, region_id, direction_id, hours, rate, value_of_hours(hours, rate.hourly))
        )
    return lines


def front_office_surplus(
    *,
    platform: dict[tuple[int, int], int],
    reported: dict[tuple[int, int], int],
) -> dict[int, int]:
    """Per region, minutes the front offices reported above what the platform measured in the
    same region and month. A front office's monthly figure may include work also logged on
    the platform; only the excess is new, and a month where the platform measured more adds
    nothing (it is never subtracted from other months)."""
    surplus: dict[int, int] = defaultdict(int)
    for (region_id, month), fo_minutes in reported.items():
        extra = fo_minutes - platform.get((region_id, month), 0)
        if extra > 0:
            surplus[region_id] += extra
    return dict(surplus)


def minimum_scenario(
    book: RateBook,
    *,
    year: int,
    region_id: int | None = None,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> Scenario:
    minutes = sources.minutes_by_region_direction(
        year=year,
        status=sources.CONFIRMED,
        region_id=region_id,
        organization_id=organization_id,
        volunteer_id=volunteer_id,
    )
    scenario = Scenario("minimum", _lines(book, year=year, kind="confirmed", minutes=minutes))
    scenario.inputs = {"confirmed_hours": scenario.hours}
    return scenario


def likely_scenario(book: RateBook, *, year: int, region_id: int | None = None) -> Scenario:
    confirmed = sources.minutes_by_region_direction(
        year=year, status=sources.CONFIRMED, region_id=region_id
    )
    self_reported = sources.minutes_by_region_direction(
        year=year, status=sources.SELF_REPORTED, region_id=region_id
    )
    lines = _lines(book, year=year, kind="confirmed", minutes=confirmed)
    lines += _lines(book, year=year, kind="self_reported", minutes=self_reported)
    reported = sources.front_office_hours_by_region_month(year=year, region_id=region_id)
    inputs: dict[str, Any] = {"front_office_data": reported is not None}
    if reported is not None:
        platform: dict[tuple[int, int], int] = defaultdict(int)
        for status in sources.COUNTED:
            for key, mins in sources.minutes_by_region_month(
                year=year, status=status, region_id=region_id
            ).items():
                platform[key] += mins
        surplus = front_office_surplus(platform=dict(platform), reported=reported)
        lines += _lines(
            book,
            year=year,
            kind="front_office",
            minutes={(r, None): m for r, m in surplus.items()},
        )
        inputs["front_office_reported_hours"] = minutes_to_hours(sum(reported.values()))
    scenario = Scenario("likely", lines)
    scenario.inputs = {
        "confirmed_hours": scenario.hours_of("confirmed"),
        "self_reported_hours": scenario.hours_of("self_reported"),
        "front_office_surplus_hours": scenario.hours_of("front_office"),
        **inputs,
    }
    return scenario


def maximum_scenario(book: RateBook, *, year: int, region_id: int | None = None) -> Scenario:
    """Survey-based extrapolation: volunteers × average hours per volunteer per year."""
    estimate = SurveyEstimate.objects.filter(year=year).first()
    if estimate is None:
        return Scenario("maximum", available=False, inputs={"survey": False})
    volunteers, basis = _volunteer_basis(estimate, year=year, region_id=region_id)
    hours = (Decimal(volunteers) * estimate.hours_per_volunteer_year).quantize(TIYN)
    rate = book.rate(year=year, region_id=region_id)
    line = Line("survey", region_id, None, hours, rate, value_of_hours(hours, rate.hourly))
    return Scenario(
        "maximum",
        [line] if hours > 0 else [],
        inputs={
            "survey": True,
            "volunteers": volunteers,
            "volunteers_basis": basis,
            "hours_per_volunteer_year": estimate.hours_per_volunteer_year,
            "survey_source": estimate.source,
        },
    )


def _volunteer_basis(
    estimate: SurveyEstimate, *, year: int, region_id: int | None
) -> tuple[int, str]:
    # A survey's national count does not apply to one region; there the region's own count is used.
    if estimate.volunteers is not None and region_id is None:
        return estimate.volunteers, "survey"
    totals = sources.front_office_totals(year=year, region_id=region_id)
    if totals and totals.get("volunteers_total"):
        return totals["volunteers_total"], "front_office"
    return sources.registered_volunteers(year=year, region_id=region_id), "platform"


def scenarios(*, year: int, region_id: int | None = None) -> list[Scenario]:
    book = RateBook()
    return [
        minimum_scenario(book, year=year, region_id=region_id),
        likely_scenario(book, year=year, region_id=region_id),
        maximum_scenario(book, year=year, region_id=region_id),
    ]


def valued_hours(
    book: RateBook,
    *,
    year: int,
    status: str,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> Scenario:
    """The hours of one organisation or one volunteer with one status, valued line by line."""
    minutes = sources.minutes_by_region_direction(
        year=year, status=status, organization_id=organization_id, volunteer_id=volunteer_id
    )
    kind = "confirmed" if status == sources.CONFIRMED else "self_reported"
    return Scenario(kind, _lines(book, year=year, kind=kind, minutes=minutes))


def valued_by_year(
    book: RateBook,
    *,
    status: str,
    organization_id: int | None = None,
    volunteer_id: int | None = None,
) -> dict[int, Scenario]:
    """Year → the hours of one organisation or one volunteer with one status, each year
    valued at that year's wages (newest year first)."""
    minutes = sources.minutes_by_year_region_direction(
        status=status, organization_id=organization_id, volunteer_id=volunteer_id
    )
    kind = "confirmed" if status == sources.CONFIRMED else "self_reported"
    return {
        year: Scenario(kind, _lines(book, year=year, kind=kind, minutes=minutes[year]))
        for year in sorted(minutes, reverse=True)
    }
