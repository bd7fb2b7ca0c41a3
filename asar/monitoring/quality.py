"""Data-quality checks on received monthly reports (run on submission and nightly).

Each check returns ``FindingSpec``s; ``apply_findings`` stores them idempotently (one finding
per report, check and element). Explanations are rendered in the reader's language from the
stored parameters, so a finding written at night reads in Kazakh, Russian or English.

Outliers use the robust modified z-score (Iglewicz & Hoaglin): 0.6745·|x − median| / MAD.
Like DHIS2's, it is undefined when MAD = 0, which is exactly the case of a region reporting
the same figure month after month — so stuck series and year-on-year copies are separate
checks, not something an outlier test could catch.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from asar.geo.models import RegionPopulation
from asar.lib import formatting
from asar.monitoring import platform_measures
from asar.monitoring.models import (
    DataElement,
    DataValue,
    Finding,
    MonitoringSettings,
    MonthlyReport,
)

Key = tuple[int, int, int]  # region_id, year, month
Series = dict[Key, dict[str, int | None]]

# Flow figures watched by the outlier, stuck-series and copy checks. Stocks such as the
# number of registered organisations legitimately stay the same for months.
KEY_ELEMENTS = ("volunteers_total", "volunteer_hours", "positions_opened")
# Fields compared for a copied report; text is left out (it is often legitimately reused).
MIN_COMPARED_FIELDS = 8
LOOKBACK_MONTHS = 24
Z_CONSTANT = 0.6745


@dataclass
class FindingSpec:
    kind: str
    severity: str
    element_code: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def modified_z(value: float, sample: list[float]) -> tuple[float | None, float, float]:
    """(z, median, MAD) of ``value`` against ``sample``; z is None when MAD is 0."""
    median = statistics.median(sample)
    mad = statistics.median([abs(x - median) for x in sample])
    if mad == 0:
        return None, median, mad
    return Z_CONSTANT * abs(value - median) / mad, median, mad


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _from_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def load_series(
    *, years: Iterable[int] | None = None, region_ids: Iterable[int] | None = None
) -> Series:
    """Numeric values of every received report (submitted or approved)."""
    qs = DataValue.objects.filter(
        report__status__in=MonthlyReport.RECEIVED, element__value_type="number"
    )
    if years is not None:
        qs = qs.filter(report__year__in=list(years))
    if region_ids is not None:
        qs = qs.filter(report__region_id__in=list(region_ids))
    series: Series = {}
    for region_id, year, month, code, number in qs.values_list(
        "report__region_id", "report__year", "report__month", "element__code", "number"
    ):
        series.setdefault((region_id, year, month), {})[code] = number
    # Received reports without any value still count as reports.
    reports = MonthlyReport.objects.filter(status__in=MonthlyReport.RECEIVED)
    if years is not None:
        reports = reports.filter(year__in=list(years))
    for key in reports.values_list("region_id", "year", "month"):
        series.setdefault(key, {})
    return series


def populations() -> dict[int, int]:
    """Latest known population per region."""
    latest: dict[int, int] = {}
    for region_id, population in RegionPopulation.objects.order_by(
        "region_id", "-date"
    ).values_list("region_id", "population"):
        latest.setdefault(region_id, population)
    return latest


# --- individual checks ------------------------------------------------------------------


def check_duplicate(
    report: MonthlyReport, series: Series, cfg: MonitoringSettings
) -> list[FindingSpec]:
    mine = series.get((report.region_id, report.year, report.month), {})
    here = _month_index(report.year, report.month)
    candidates = []
    for back in range(1, LOOKBACK_MONTHS + 1):
        year, month = _from_index(here - back)
        other = series.get((report.region_id, year, month))
        if not other:
            continue
        codes = [c for c in set(mine) | set(other) if mine.get(c) or other.get(c)]
        if len(codes) < MIN_COMPARED_FIELDS:
            continue
        equal = sum(1 for c in codes if mine.get(c) == other.get(c))
        # On ties prefer the same month of last year (the classic copy), then the nearest.
        candidates.append((equal / len(codes), back == 12, -back, equal, len(codes), year, month))
    if not candidates:
        return []
    share, _same, _back, equal, compared, year, month = max(candidates)
    if share * 100 < cfg.near_identical_share:
        return []
    return [
        FindingSpec(
            Finding.Kind.DUPLICATE_PERIOD,
            Finding.Severity.CRITICAL,
            params={
                "year": year,
                "month": month,
                "share": round(share * 100),
                "equal": equal,
                "compared": compared,
            },
        )
    ]


def check_yoy_equal(
    report: MonthlyReport, series: Series, already_copied: bool
) -> list[FindingSpec]:
    if already_copied:  # the whole-report copy says it already
        return []
    mine = series.get((report.region_id, report.year, report.month), {})
    last = series.get((report.region_id, report.year - 1, report.month))
    if not last:
        return []
    return [
        FindingSpec(
            Finding.Kind.YOY_EQUAL,
            Finding.Severity.WARNING,
            code,
            {"value": mine[code], "year": report.year - 1},
        )
        for code in ("volunteers_total", "volunteer_hours")
        # Small counts repeat by chance; a large one repeating exactly is a copy.
        if (mine.get(code) or 0) >= 100 and mine.get(code) == last.get(code)
    ]


def check_stuck(
    report: MonthlyReport, series: Series, cfg: MonitoringSettings
) -> list[FindingSpec]:
    mine = series.get((report.region_id, report.year, report.month), {})
    here = _month_index(report.year, report.month)
    found = []
    for code in KEY_ELEMENTS:
        value = mine.get(code)
        if not value:
            continue
        run = 1
        for back in range(1, LOOKBACK_MONTHS + 1):
            prev = series.get((report.region_id, *_from_index(here - back)))
            if prev is None or prev.get(code) != value:
                break
            run += 1
        if run >= cfg.stuck_run_months:
            found.append(
                FindingSpec(
                    Finding.Kind.STUCK_SERIES,
                    Finding.Severity.WARNING,
                    code,
                    {"value": value, "months": run},
                )
            )
    return found


def check_outlier_history(
    report: MonthlyReport, series: Series, cfg: MonitoringSettings
) -> list[FindingSpec]:
    mine = series.get((report.region_id, report.year, report.month), {})
    here = _month_index(report.year, report.month)
    threshold = float(cfg.outlier_threshold)
    found = []
    for code in KEY_ELEMENTS:
        value = mine.get(code)
        if value is None:
            continue
        history = []
        for back in range(1, LOOKBACK_MONTHS + 1):
            prev = series.get((report.region_id, *_from_index(here - back)))
            past = prev.get(code) if prev else None
            if past is not None:
                history.append(float(past))
        if len(history) < cfg.min_history:
            continue
        z, median, mad = modified_z(float(value), history)
        if z is not None and z > threshold:
            found.append(
                FindingSpec(
                    Finding.Kind.OUTLIER_HISTORY,
                    Finding.Severity.WARNING,
                    code,
                    {
                        "value": value,
                        "median": round(median),
                        "mad": round(mad, 1),
                        "z": round(z, 1),
                        "threshold": threshold,
                        "n": len(history),
                    },
                )
            )
    return found


def _ratio(values: dict[str, int | None], numerator: str, denominator: str) -> float | None:
    top, bottom = values.get(numerator), values.get(denominator)
    if top is None or not bottom:
        return None
    return top / bottom


def check_outlier_regions(
    report: MonthlyReport, series: Series, cfg: MonitoringSettings
) -> list[FindingSpec]:
    """Regions differ in size, so they are compared on ratios, not raw counts."""
    threshold = float(cfg.outlier_threshold)
    same_month = {k[0]: v for k, v in series.items() if k[1:] == (report.year, report.month)}
    mine = same_month.get(report.region_id, {})
    found = []
    for code, numerator, denominator in (
        ("volunteer_hours", "volunteer_hours", "volunteers_total"),
        ("positions_opened", "positions_opened", "volunteers_total"),
    ):
        value = _ratio(mine, numerator, denominator)
        others = [
            r
            for region_id, vals in same_month.items()
            if region_id != report.region_id
            and (r := _ratio(vals, numerator, denominator)) is not None
        ]
        if value is None or len(others) < cfg.min_history:
            continue
        z, median, _mad = modified_z(value, others)
        if z is not None and z > threshold:
            found.append(
                FindingSpec(
                    Finding.Kind.OUTLIER_REGIONS,
                    Finding.Severity.WARNING,
                    code,
                    {
                        "ratio": round(value, 2),
                        "median": round(median, 2),
                        "z": round(z, 1),
                        "threshold": threshold,
                        "n": len(others),
                    },
                )
            )
    return found


def check_plausibility(
    report: MonthlyReport, series: Series, cfg: MonitoringSettings, population: dict[int, int]
) -> list[FindingSpec]:
    mine = series.get((report.region_id, report.year, report.month), {})
    found: list[FindingSpec] = []
    per_volunteer = _ratio(mine, "volunteer_hours", "volunteers_total")
    if per_volunteer is not None and per_volunteer > cfg.max_hours_per_volunteer:
        found.append(
            FindingSpec(
                Finding.Kind.HOURS_PER_VOLUNTEER,
                Finding.Severity.WARNING,
                "volunteer_hours",
                {"per_volunteer": round(per_volunteer, 1), "maximum": cfg.max_hours_per_volunteer},
            )
        )
    total = mine.get("volunteers_total")
    if total:
        if report.region_id not in population:
            found.append(FindingSpec(Finding.Kind.NO_POPULATION, Finding.Severity.INFO))
        else:
            mine_rate = total * 1000 / population[report.region_id]
            others = [
                count * 1000 / population[k[0]]
                for k, vals in series.items()
                if k[1:] == (report.year, report.month)
                and k[0] != report.region_id
                and k[0] in population
                and (count := vals.get("volunteers_total"))
            ]
            if len(others) >= 3:
                median = statistics.median(others)
                factor = float(cfg.per_capita_factor)
                if median and (mine_rate > median * factor or mine_rate < median / factor):
                    found.append(
                        FindingSpec(
                            Finding.Kind.PER_CAPITA,
                            Finding.Severity.WARNING,
                            "volunteers_total",
                            {
                                "rate": round(mine_rate, 2),
                                "median": round(median, 2),
                                "factor": factor,
                            },
                        )
                    )
    last = series.get((report.region_id, report.year - 1, report.month), {})
    for code in ("volunteers_total", "volunteer_hours"):
        now, before = mine.get(code), last.get(code)
        if now is None or not before:
            continue
        change = (now - before) * 100 / before
        if change > cfg.growth_max_pct or change < -cfg.decline_max_pct:
            found.append(
                FindingSpec(
                    Finding.Kind.YOY_GROWTH,
                    Finding.Severity.WARNING,
                    code,
                    {
                        "value": now,
                        "before": before,
                        "change": round(change),
                        "up": cfg.growth_max_pct,
                        "down": cfg.decline_max_pct,
                    },
                )
            )
    return found


SUPPORT_COUNTS = (
    "support_information",
    "support_coordination",
    "support_administrative",
    "support_equipment",
    "support_volunteers",
    "support_transport",
    "support_financial",
    "support_premises",
    "support_other",
)


def check_completeness(
    report: MonthlyReport, values: dict[str, Any], catalogue: list[DataElement]
) -> list[FindingSpec]:
    found = []
    empty = [e.code for e in catalogue if e.required and e.is_number and values.get(e.code) is None]
    if empty:
        found.append(
            FindingSpec(
                Finding.Kind.COMPLETENESS,
                Finding.Severity.WARNING,
                params={"count": len(empty), "codes": empty[:12]},
            )
        )
    counted = sum(values.get(c) or 0 for c in SUPPORT_COUNTS)
    described = bool((values.get("support_description") or "").strip())
    if counted == 0:
        found.append(
            FindingSpec(
                Finding.Kind.SUPPORT_UNSPECIFIED,
                Finding.Severity.WARNING if described else Finding.Severity.INFO,
                params={"case": "untyped" if described else "none"},
            )
        )
    return found


def check_timeliness(report: MonthlyReport) -> list[FindingSpec]:
    if report.first_submitted_at is None:
        return []
    submitted = timezone.localtime(report.first_submitted_at).date()
    if submitted <= report.deadline:
        return []
    return [
        FindingSpec(
            Finding.Kind.TIMELINESS,
            Finding.Severity.INFO,
            params={
                "days": (submitted - report.deadline).days,
                "deadline": report.deadline.isoformat(),
            },
        )
    ]


def check_coverage(report: MonthlyReport, values: dict[str, Any]) -> list[FindingSpec]:
    measured = platform_measures.measures(
        region_id=report.region_id, year=report.year, month=report.month
    )
    found = []
    for code in ("volunteers_total", "volunteer_hours", "positions_opened", "orgs_registered"):
        reported = values.get(code)
        if reported is None or measured.get(code, 0) <= reported:
            continue
        found.append(
            FindingSpec(
                Finding.Kind.COVERAGE,
                Finding.Severity.WARNING,
                code,
                {"reported": reported, "measured": measured[code]},
            )
        )
    return found


# --- running and storing ----------------------------------------------------------------


def findings_for(
    report: MonthlyReport,
    *,
    series: Series,
    cfg: MonitoringSettings,
    population: dict[int, int],
    catalogue: list[DataElement],
) -> list[FindingSpec]:
    values: dict[str, Any] = {
        v.element.code: (v.number if v.element.is_number else v.text)
        for v in report.values.select_related("element")
    }
    copied = check_duplicate(report, series, cfg)
    return [
        *copied,
        *check_yoy_equal(report, series, bool(copied)),
        *check_stuck(report, series, cfg),
        *check_outlier_history(report, series, cfg),
        *check_outlier_regions(report, series, cfg),
        *check_plausibility(report, series, cfg, population),
        *check_completeness(report, values, catalogue),
        *check_timeliness(report),
        *check_coverage(report, values),
    ]


# Checks owned by this module; rule warnings are stored at submission by the services.
MANAGED_KINDS = [k for k in Finding.Kind.values if k != Finding.Kind.RULE_WARNING]


@transaction.atomic
def apply_findings(report: MonthlyReport, specs: list[FindingSpec]) -> tuple[int, int]:
    """Store the findings of one report; returns (created or updated, resolved). Idempotent:
    a problem still present keeps its follow-up; one that went away is closed."""
    existing = {
        (f.kind, f.element_code): f
        for f in Finding.objects.select_for_update().filter(report=report, kind__in=MANAGED_KINDS)
    }
    touched = 0
    seen = set()
    for spec in specs:
        key = (spec.kind, spec.element_code)
        seen.add(key)
        finding = existing.get(key)
        if finding is None:
            answer: dict[str, Any] = {}
            if spec.kind == Finding.Kind.COMPLETENESS and report.warnings_comment:
                # Empty fields could only be submitted with a comment: that is the answer,
                # the operator is not asked twice.
                answer = {
                    "state": Finding.State.EXPLAINED,
                    "comment": report.warnings_comment,
                    "responded_by_id": report.submitted_by_id,
                    "responded_at": report.submitted_at,
                }
            Finding.objects.create(
                report=report,
                kind=spec.kind,
                element_code=spec.element_code,
                severity=spec.severity,
                params=spec.params,
                **answer,
            )
            touched += 1
        elif finding.params != spec.params or finding.severity != spec.severity:
            finding.params, finding.severity = spec.params, spec.severity
            if finding.state == Finding.State.CORRECTED:
                finding.state = Finding.State.OPEN  # it came back
            finding.save(update_fields=["params", "severity", "state", "updated_at"])
            touched += 1
    resolved = 0
    for key, finding in existing.items():
        if key in seen:
            continue
        if finding.state == Finding.State.OPEN:
            finding.delete()  # nobody answered it yet; the data no longer shows the problem
        elif finding.state == Finding.State.EXPLAINED:
            finding.state = Finding.State.CORRECTED
            finding.save(update_fields=["state", "updated_at"])
        resolved += 1
    return touched, resolved


def run_for_reports(reports: Iterable[MonthlyReport]) -> dict[str, int]:
    reports = [r for r in reports if r.is_received]
    if not reports:
        return {"reports": 0, "findings": 0, "resolved": 0}
    years = {y for r in reports for y in (r.year - 2, r.year - 1, r.year)}
    series = load_series(years=years)
    cfg = MonitoringSettings.current()
    population = populations()
    catalogue = list(DataElement.objects.all())
    total = resolved = 0
    for report in reports:
        touched, gone = apply_findings(
            report,
            findings_for(
                report, series=series, cfg=cfg, population=population, catalogue=catalogue
            ),
        )
        total += touched
        resolved += gone
    return {"reports": len(reports), "findings": total, "resolved": resolved}


# --- explanations -----------------------------------------------------------------------


def _fmt(value: Any) -> str:
    from asar.lib.formatting import number

    if isinstance(value, int | float | Decimal):
        return number(value)
    return str(value)


def element_labels() -> dict[str, str]:
    """Element code → label in the current language (one query for a page of findings)."""
    return {e.code: e.label for e in DataElement.objects.all()}


def explain(finding: Finding, labels: dict[str, str] | None = None) -> str:
    """A sentence a person understands, in the current language."""
    p = {k: _fmt(v) if not isinstance(v, list) else v for k, v in finding.params.items()}
    label = ""
    if finding.element_code:
        if labels is None:
            element = DataElement.objects.filter(code=finding.element_code).first()
            label = element.label if element else finding.element_code
        else:
            label = labels.get(finding.element_code, finding.element_code)
    kind = finding.kind
    K = Finding.Kind
    if kind == K.DUPLICATE_PERIOD:
        return _(
            "%(share)s%% of the filled fields (%(equal)s of %(compared)s) are exactly the same as "
            "in the report for %(month)s/%(year)s. A real month almost never repeats another: "
            "check that the figures of %(month)s/%(year)s were not submitted again."
        ) % {**p, "year": finding.params["year"], "month": f"{finding.params['month']:02d}"}
    if kind == K.YOY_EQUAL:
        return _("“%(label)s” is exactly %(value)s, the same as in the same month of %(year)s.") % {
            **p,
            "label": label,
            "year": finding.params["year"],
        }
    if kind == K.STUCK_SERIES:
        return _(
            "“%(label)s” has been exactly %(value)s for %(months)s months in a row. Real figures "
            "vary; a series that never changes is usually copied forward, and outlier tests "
            "cannot see it (its spread is zero)."
        ) % {**p, "label": label}
    if kind == K.OUTLIER_HISTORY:
        return _(
            "“%(label)s” = %(value)s is far from this region's usual level: the median of its "
            "last %(n)s months is %(median)s. Modified z-score 0.6745·|x − median| / MAD = "
            "%(z)s (MAD %(mad)s), above the threshold %(threshold)s."
        ) % {**p, "label": label}
    if kind == K.OUTLIER_REGIONS:
        return _(
            "“%(label)s” per volunteer is %(ratio)s, while the median of %(n)s other regions "
            "this month is %(median)s (modified z-score %(z)s, threshold %(threshold)s)."
        ) % {**p, "label": label}
    if kind == K.HOURS_PER_VOLUNTEER:
        return (
            _(
                "%(per_volunteer)s hours per volunteer in a month is more than the plausible "
                "maximum of %(maximum)s: check the hours or the number of volunteers."
            )
            % p
        )
    if kind == K.PER_CAPITA:
        return (
            _(
                "%(rate)s volunteers per 1 000 inhabitants, while the median of the other regions "
                "is %(median)s: more than %(factor)s times away from it."
            )
            % p
        )
    if kind == K.NO_POPULATION:
        return _(
            "There is no population figure for this region, so volunteers per 1 000 inhabitants "
            "cannot be compared; an analyst should add one."
        )
    if kind == K.YOY_GROWTH:
        return _(
            "“%(label)s” changed by %(change)s%% against the same month last year (%(before)s → "
            "%(value)s); changes beyond +%(up)s%% / −%(down)s%% are rarely real. Targets such as "
            "“+30%% volunteers a year” have led to inflated counts before."
        ) % {**p, "label": label}
    if kind == K.COMPLETENESS:
        codes = finding.params.get("codes") or []
        count = int(finding.params.get("count", len(codes)))
        if labels is None:
            labels = element_labels()
        names = ", ".join(labels.get(code, code) for code in codes)
        if not names:
            return _("%(count)s required fields were left empty.") % p
        if count > len(codes):  # the finding keeps the first twelve
            return ngettext(
                "%(count)s required field was left empty: %(names)s and %(more)s more.",
                "%(count)s required fields were left empty: %(names)s and %(more)s more.",
                count,
            ) % {**p, "names": names, "more": _fmt(count - len(codes))}
        return ngettext(
            "%(count)s required field was left empty: %(names)s.",
            "%(count)s required fields were left empty: %(names)s.",
            count,
        ) % {**p, "names": names}
    if kind == K.SUPPORT_UNSPECIFIED:
        if finding.params.get("case") == "untyped":
            return _(
                "Support is described, but no type of support has a count: say which types "
                "(information, coordination, equipment…) and how many times."
            )
        return _("No support given by the front office is reported this month.")
    if kind == K.TIMELINESS:
        return _("Submitted %(days)s days after the deadline (%(deadline)s).") % {
            **p,
            "deadline": formatting.date(dt.date.fromisoformat(finding.params["deadline"])),
        }
    if kind == K.COVERAGE:
        return _(
            "“%(label)s” is reported as %(reported)s, but the platform alone recorded "
            "%(measured)s in this region and month. The platform's figure is a lower bound."
        ) % {**p, "label": label}
    if kind == K.RULE_WARNING:
        from asar.monitoring.models import ValidationRule

        rule = ValidationRule.objects.filter(code=finding.element_code).first()
        return rule.message if rule else finding.element_code
    return finding.get_kind_display()
