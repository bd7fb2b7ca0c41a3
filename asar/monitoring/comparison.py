"""Two reports of one region side by side: which figures are the same, which differ.

A copied report (``Finding.Kind.DUPLICATE_PERIOD``) says "95 % of the fields equal December
2022"; this is what lets a reader see them. Reads only: the view parses the period, the
permission decorator has already allowed the report, and the other report is looked up in the
same region through the user's scope, so no period of another region can be reached.

Counting differs slightly from the duplicate check on purpose: here every field filled in either
report counts (zeros and text included, as the reader sees them), while the check counts only
non-zero figures. Texts are compared with their spacing normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet

from asar.accounts import roles
from asar.monitoring import selectors
from asar.monitoring.models import DataElement, Finding, MonthlyReport

Period = tuple[int, int]  # year, month
Value = int | str | None

_PERIOD = re.compile(r"(\d{4})-(\d{1,2})")


def parse_period(text: str) -> Period | None:
    """``"2022-12"`` → (2022, 12); None for anything else (the page then uses its default)."""
    match = _PERIOD.fullmatch(text.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2015 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year, month


def format_period(period: Period) -> str:
    """(2022, 12) → ``"2022-12"``, the form of the page's ``with`` parameter."""
    return f"{period[0]:04d}-{period[1]:02d}"


def default_period(report: MonthlyReport) -> Period:
    """The period a copy check found this report to repeat, else the same month last year."""
    finding = (
        Finding.objects.filter(report=report, kind=Finding.Kind.DUPLICATE_PERIOD)
        .only("params")
        .first()
    )
    if finding is not None:
        found = finding_period(finding)
        if found is not None:
            return found
    return report.year - 1, report.month


def finding_period(finding: Finding) -> Period | None:
    """The period a finding compares its report with, for the "compare side by side" link:
    the copied month of a duplicate, the same month of the year in the parameters of a
    year-on-year equality; None for other kinds."""
    params = finding.params or {}
    try:
        if finding.kind == Finding.Kind.DUPLICATE_PERIOD:
            return int(params["year"]), int(params["month"])
        if finding.kind == Finding.Kind.YOY_EQUAL:
            return int(params["year"]), finding.report.month
    except (KeyError, TypeError, ValueError):
        return None
    return None


def comparable_reports(user: roles.AnyUser, report: MonthlyReport) -> QuerySet[MonthlyReport]:
    """The region's other reports the user may see, newest first."""
    return (
        selectors.reports_for(user, region_id=report.region_id)
        .exclude(pk=report.pk)
        .order_by("-year", "-month")
    )


def _normalised(value: Value) -> Value:
    """None for an empty field; text with its spacing collapsed."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    return value


@dataclass(frozen=True)
class ComparedRow:
    element: DataElement
    mine: Value
    other: Value

    @property
    def filled_in_both(self) -> bool:
        return self.mine is not None and self.other is not None

    @property
    def filled_in_either(self) -> bool:
        return self.mine is not None or self.other is not None

    @property
    def equal(self) -> bool:
        return self.filled_in_both and self.mine == self.other

    @property
    def difference(self) -> int | None:
        """This report's figure minus the other's, when both are numbers."""
        if isinstance(self.mine, int) and isinstance(self.other, int):
            return self.mine - self.other
        return None


@dataclass(frozen=True)
class ComparedGroup:
    code: str
    label: str
    rows: list[ComparedRow]


@dataclass(frozen=True)
class Comparison:
    groups: list[ComparedGroup] = field(default_factory=list)

    @property
    def rows(self) -> list[ComparedRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def filled(self) -> int:
        """Fields filled in at least one of the two reports."""
        return sum(1 for row in self.rows if row.filled_in_either)

    @property
    def equal(self) -> int:
        """Fields filled in both and equal."""
        return sum(1 for row in self.rows if row.equal)


def compare_values(mine: dict[str, Value], other: dict[str, Value]) -> Comparison:
    """Pairs two reports' values field by field, grouped in catalogue order."""
    return Comparison(
        groups=[
            ComparedGroup(
                code=code,
                label=label,
                rows=[
                    ComparedRow(
                        element=element,
                        mine=_normalised(mine.get(element.code)),
                        other=_normalised(other.get(element.code)),
                    )
                    for element in elements
                ],
            )
            for code, label, elements in selectors.catalogue_by_group()
        ]
    )


def compare_reports(report: MonthlyReport, other: MonthlyReport) -> Comparison:
    if other.region_id != report.region_id:  # the view looks it up in the region; stay sure
        raise ValueError("reports of different regions are not compared")
    return compare_values(selectors.report_values(report), selectors.report_values(other))
