"""The national analytical report as data: an ordered list of section builders.

Each builder takes the report's context (year, optional region, language) and returns a
``Section`` — title, text, chart spec and numbers table — or ``None`` when the section does
not apply (e.g. "volunteers by region" in a regional edition). Adding a section is one function
appended to ``SECTIONS`` (see CONTRIBUTING.md, "How to add a report section").

Figures come from ``sources`` (the only module that reads other domains) and ``valuation``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from asar.geo.models import AGE_GROUP_BOUNDS, ActivityForm, Direction, Employment, Gender, Region
from asar.lib import formatting
from asar.lib.i18n import localized
from asar.organizations.models import Organization
from asar.reporting import sources, valuation
from asar.reporting.charts import ChartSpec, Series


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    # Per column: "text", "int", "hours", "money", "rate", "pct"
    kinds: list[str]

    @property
    def cells(self) -> list[list[tuple[Any, str]]]:
        """Rows as (value, kind) pairs, for the template to format each cell. A column of hours
        has one number of decimals for all its cells ("hours.1": "2 534,0" beside "2 280,5")."""
        kinds = list(self.kinds)
        for i, kind in enumerate(kinds):
            if kind == "hours":
                column = [row[i] for row in self.rows if i < len(row) and row[i] not in (None, "")]
                kinds[i] = f"hours.{formatting.decimals_for(column)}"
        return [list(zip(row, kinds, strict=False)) for row in self.rows]

    @property
    def header_cells(self) -> list[tuple[str, str]]:
        return list(zip(self.headers, self.kinds, strict=False))

    def as_dict(self) -> dict[str, Any]:
        return {
            "headers": self.headers,
            "kinds": self.kinds,
            "rows": [[str(c) if isinstance(c, Decimal) else c for c in row] for row in self.rows],
        }


@dataclass
class Section:
    key: str
    title: str
    text: str = ""
    chart: ChartSpec | None = None
    table: Table | None = None
    no_data: bool = False
    notes: list[str] = field(default_factory=list)
    # Section-specific data for the template (e.g. the value by region); kept in the snapshot.
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "extra": _jsonable(self.extra),
            "title": self.title,
            "text": self.text,
            "no_data": self.no_data,
            "notes": self.notes,
            "chart": self.chart.as_dict() if self.chart else None,
            "table": self.table.as_dict() if self.table else None,
        }


@dataclass
class Context:
    year: int
    region: Region | None
    language: str
    # The day the report is made: months after it have no figures yet.
    today: dt.date = field(default_factory=timezone.localdate)

    @property
    def region_id(self) -> int | None:
        return self.region.id if self.region else None

    @property
    def last_month(self) -> int:
        """The last month of the year that has begun: 12 for a past year."""
        if self.year < self.today.year:
            return 12
        return self.today.month if self.year == self.today.year else 0

    def n(self, value: Any) -> str:
        return formatting.number(value, self.language)


Builder = Callable[[Context], Section | None]


def _share_table(
    label_header: str,
    count_header: str,
    labels: list[str],
    values: list[int],
    total: int | None = None,
) -> Table:
    """Label, count and share of the total: the table beside every distribution chart.
    ``total`` when the rows are only the top of a longer list."""
    total = total or sum(values) or 1
    rows: list[list[Any]] = [
        [label, v, Decimal(v) / Decimal(total)] for label, v in zip(labels, values, strict=True)
    ]
    return Table([label_header, count_header, _("Share")], rows, ["text", "int", "pct"])


def _no_data(key: str, title: str, why: str) -> Section:
    return Section(key=key, title=title, text=why, no_data=True)


def _front_office_missing() -> str:
    return _(
        "No front-office data: no approved monthly reports of the front offices for this year."
    )


# --- sections ------------------------------------------------------------------------------


def volunteers_by_year(ctx: Context) -> Section:
    years = [ctx.year - 2, ctx.year - 1, ctx.year]
    registered = [sources.registered_volunteers(year=y, region_id=ctx.region_id) for y in years]
    active = [sources.active_volunteer_count(year=y, region_id=ctx.region_id) for y in years]
    series = [
        Series(
            _("On the platform (registered by the end of the year or active in it)"), registered
        ),
        Series(_("With hours recorded in the year"), active),
    ]
    headers = [_("Year"), series[0].name, series[1].name]
    fo = [sources.front_office_totals(year=y, region_id=ctx.region_id) for y in years]
    notes = []
    if any(fo):
        # A year without the front offices' reports has no count ("—"), not a count of zero.
        fo_values = [t.get("volunteers_total", 0) if t else None for t in fo]
        series.append(Series(_("Counted by the front offices"), fo_values))
        headers.append(series[2].name)
    else:
        notes.append(_front_office_missing())
    rows = [[str(y), *[s.values[i] for s in series]] for i, y in enumerate(years)]
    return Section(
        key="volunteers_by_year",
        title=_("Number of volunteers by year"),
        text=_(
            "Volunteers on the platform in each year (registered by its end or active in it), "
            "those who recorded confirmed or self-reported hours in the year, and the front "
            "offices' count."
        ),
        chart=ChartSpec("bar", _("Number of volunteers by year"), [str(y) for y in years], series),
        table=Table(headers, rows, ["text"] + ["int"] * len(series)),
        notes=notes,
    )


def gender(ctx: Context) -> Section:
    counts = sources.volunteers_by("gender", year=ctx.year, region_id=ctx.region_id)
    labels = [str(label) for _code, label in Gender.choices]
    values = [counts.get(code, 0) for code, _label in Gender.choices]
    return Section(
        key="gender",
        title=_("Volunteers by gender"),
        text=_(
            "Volunteers on the platform in the year: registered by its end, or with hours recorded in it."
        ),
        chart=ChartSpec(
            "donut", _("Volunteers by gender"), labels, [Series(_("Volunteers"), values)]
        ),
        table=_share_table(_("Gender"), _("Volunteers"), labels, values),
    )


def age(ctx: Context) -> Section:
    counts = sources.volunteers_by_age_group(year=ctx.year, region_id=ctx.region_id)
    labels = [code.replace("-", "–") for code, _lo, _hi in AGE_GROUP_BOUNDS]
    values = [counts.get(code, 0) for code, _lo, _hi in AGE_GROUP_BOUNDS]
    if counts.get("under-14"):
        # Younger than the front offices' groups (e.g. a child's hours recorded before their
        # 14th birthday): shown, so that the groups add up to every volunteer of the year.
        labels.insert(0, _("under 14"))
        values.insert(0, counts["under-14"])
    return Section(
        key="age",
        title=_("Volunteers by age"),
        text=_(
            "Age in full years on 31 December, in the age groups of the front offices' reports."
        ),
        chart=ChartSpec(
            "bar",
            _("Volunteers by age"),
            labels,
            [Series(_("Volunteers"), values)],
            unit=_("people"),
        ),
        table=_share_table(_("Age group"), _("Volunteers"), labels, values),
    )


def employment(ctx: Context) -> Section:
    counts = sources.volunteers_by("employment", year=ctx.year, region_id=ctx.region_id)
    labels = [str(label) for _code, label in Employment.choices]
    values = [counts.get(code, 0) for code, _label in Employment.choices]
    return Section(
        key="employment",
        title=_("Volunteers by employment"),
        chart=ChartSpec(
            "hbar", _("Volunteers by employment"), labels, [Series(_("Volunteers"), values)]
        ),
        table=_share_table(_("Employment"), _("Volunteers"), labels, values),
    )


def volunteers_by_region(ctx: Context) -> Section | None:
    if ctx.region is not None:
        return None
    counts = sources.volunteers_by("region_id", year=ctx.year)
    regions = sorted(sources.regions(), key=lambda r: -counts.get(r.id, 0))
    labels = [localized(r, "name", ctx.language) for r in regions]
    values = [counts.get(r.id, 0) for r in regions]
    return Section(
        key="regions",
        title=_("Volunteers by region"),
        text=_(
            "Volunteers on the platform in the year (registered by its end, or with hours recorded in it), by region of residence."
        ),
        chart=ChartSpec(
            "hbar", _("Volunteers by region"), labels, [Series(_("Volunteers"), values)]
        ),
        table=_share_table(_("Region"), _("Volunteers"), labels, values),
    )


def organisations(ctx: Context) -> Section:
    counts = sources.organizations_by_kind(year=ctx.year, region_id=ctx.region_id)
    labels = [str(label) for _code, label in Organization.Kind.choices]
    values = [counts.get(code, 0) for code, _label in Organization.Kind.choices]
    return Section(
        key="organisations",
        title=_("Organisations: registered and initiative groups"),
        text=_(
            "Organisations on the platform by the end of the year or whose volunteers recorded hours in it (those refused verification are left out)."
        ),
        chart=ChartSpec("donut", _("Organisations"), labels, [Series(_("Organisations"), values)]),
        table=_share_table(_("Kind"), _("Organisations"), labels, values),
    )


def funding(ctx: Context) -> Section:
    return _no_data(
        "funding",
        _("Funding sources of volunteer projects"),
        _(
            "No data: funding sources come from the national volunteer survey, which is not yet collected on the platform."
        ),
    )


def directions(ctx: Context) -> Section:
    platform = sources.minutes_by_direction(
        year=ctx.year, status=sources.CONFIRMED, region_id=ctx.region_id
    )
    for key, mins in sources.minutes_by_direction(
        year=ctx.year, status=sources.SELF_REPORTED, region_id=ctx.region_id
    ).items():
        platform[key] = platform.get(key, 0) + mins
    fo = sources.front_office_totals(year=ctx.year, region_id=ctx.region_id)
    all_dirs = sources.directions()
    fo_events = {
        d.id: (fo or {}).get(f"events_dir_{d.code}".replace("-", "_"), 0) for d in all_dirs
    }
    shown = [d for d in all_dirs if platform.get(d.id) or fo_events.get(d.id)]
    shown.sort(key=lambda d: (-platform.get(d.id, 0), -fo_events.get(d.id, 0)))
    labels = [localized(d, "name", ctx.language) for d in shown]
    hours = [valuation.minutes_to_hours(platform.get(d.id, 0)) for d in shown]
    total_h = sum(hours) or Decimal(1)
    series = [
        Series(
            _("Platform: share of hours, %"), [round(float(h / total_h * 100), 1) for h in hours]
        )
    ]
    headers = [_("Direction"), _("Platform hours"), _("Share")]
    kinds = ["text", "hours", "pct"]
    rows: list[list[Any]] = [
        [label, h, h / total_h] for label, h in zip(labels, hours, strict=True)
    ]
    notes = []
    if fo:
        events = [fo_events.get(d.id, 0) for d in shown]
        total_e = sum(events) or 1
        series.append(
            Series(
                _("Front offices: share of events, %"),
                [round(e / total_e * 100, 1) for e in events],
            )
        )
        headers += [_("Front-office events"), _("Share")]
        kinds += ["int", "pct"]
        for row, e in zip(rows, events, strict=True):
            row += [e, Decimal(e) / Decimal(total_e)]
    else:
        notes.append(_front_office_missing())
    return Section(
        key="directions",
        title=_("Directions of volunteering"),
        text=_(
            "Hours of volunteer work on the platform by direction, beside the front offices' events by direction."
        ),
        chart=ChartSpec("hbar", _("Directions of volunteering"), labels, series, unit="%"),
        table=Table(headers, rows, kinds),
        notes=notes,
    )


def common_events(ctx: Context) -> Section:
    counts = sources.positions_by_direction(year=ctx.year, region_id=ctx.region_id)
    by_id = {d.id: d for d in sources.directions()}
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:10]
    labels = [localized(by_id[d], "name", ctx.language) for d, _n in top]
    values = [n for _d, n in top]
    total = sum(counts.values())
    table = _share_table(_("Direction"), _("Positions"), labels, values, total=total)
    rest = total - sum(values)
    if rest:
        # Shares are of all positions, so the directions below the top ten get a row too.
        table.rows.append([_("Other directions"), rest, Decimal(rest) / Decimal(total)])
    return Section(
        key="common_events",
        title=_("Most common kinds of activity"),
        text=_(
            "Volunteer positions published on the platform and starting in the year, ten most frequent directions."
        ),
        chart=ChartSpec(
            "hbar", _("Most common kinds of activity"), labels, [Series(_("Positions"), values)]
        ),
        table=table,
        no_data=not values,
    )


def front_office_events(ctx: Context) -> Section:
    title = _("Most common events reported by the front offices")
    counts = sources.front_office_common_events(year=ctx.year, region_id=ctx.region_id)
    if not counts:
        return _no_data("front_office_events", title, _front_office_missing())
    top = counts.most_common(10)
    labels = [name for name, _n in top]
    values = [n for _name, n in top]
    return Section(
        key="front_office_events",
        title=title,
        text=_(
            "Events the front offices named among the month's most common, by the number of approved monthly reports naming them."
        ),
        chart=ChartSpec("hbar", title, labels, [Series(_("Monthly reports"), values)]),
        table=Table([_("Event"), _("Monthly reports")], [[n, v] for n, v in top], ["text", "int"]),
    )


def forms(ctx: Context) -> Section:
    minutes = sources.minutes_by_form(year=ctx.year, region_id=ctx.region_id)
    labels = [str(label) for _code, label in ActivityForm.choices]
    hours = [
        valuation.minutes_to_hours(minutes.get(code, 0)) for code, _label in ActivityForm.choices
    ]
    total = sum(hours) or Decimal(1)
    return Section(
        key="forms",
        title=_("Forms of volunteer activity"),
        text=_("Hours of volunteer work (confirmed and self-reported) by form of activity."),
        chart=ChartSpec(
            "donut", _("Forms of volunteer activity"), labels, [Series(_("Hours"), hours)]
        ),
        table=Table(
            [_("Form"), _("Hours"), _("Share")],
            [[label, h, h / total] for label, h in zip(labels, hours, strict=True)],
            ["text", "hours", "pct"],
        ),
    )


def skills(ctx: Context) -> Section:
    counts = sources.skills_of_active_volunteers(year=ctx.year, region_id=ctx.region_id)
    names = sources.skill_names()
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:12]
    labels = [localized(names[s], "name", ctx.language) for s, _n in top]
    values = [n for _s, n in top]
    return Section(
        key="skills",
        title=_("Skills volunteers bring"),
        text=_(
            "Skills in the profiles of volunteers who recorded hours in the year (one person may have several)."
        ),
        chart=ChartSpec(
            "hbar", _("Skills volunteers bring"), labels, [Series(_("Volunteers"), values)]
        ),
        table=Table(
            [_("Skill"), _("Volunteers")],
            [[label, v] for label, v in zip(labels, values, strict=True)],
            ["text", "int"],
        ),
        no_data=not values,
    )


def _front_office_group(
    ctx: Context,
    key: str,
    title: str,
    prefix: str,
    labels: dict[str, str],
    *,
    not_charted: tuple[str, ...] = (),
    text: str = "",
) -> Section:
    fo = sources.front_office_totals(year=ctx.year, region_id=ctx.region_id)
    if not fo:
        return _no_data(key, title, _front_office_missing())
    codes = [code for code in labels if code.startswith(prefix)]
    values = [fo.get(code, 0) for code in codes]
    names = [labels[c] for c in codes]
    # Figures of another unit (people, hours) stay in the table, off the chart's one axis.
    charted = [i for i, code in enumerate(codes) if code not in not_charted]
    return Section(
        key=key,
        title=title,
        text=text,
        chart=ChartSpec(
            "hbar",
            title,
            [names[i] for i in charted],
            [Series(title, [values[i] for i in charted])],
        ),
        table=Table(
            [_("Indicator"), pgettext("quantity", "Number")],
            [[n, v] for n, v in zip(names, values, strict=True)],
            ["text", "int"],
        ),
    )


def _element_labels(language: str) -> dict[str, str]:
    try:
        from asar.monitoring.catalogue import STATIC_TAIL
    except ImportError:
        return {}
    return {
        spec.code: getattr(spec, language, spec.en)
        for spec in STATIC_TAIL
        if spec.value_type == "number"
    }


def front_office_support(ctx: Context) -> Section:
    return _front_office_group(
        ctx,
        "support",
        _("Support given by the front offices"),
        "support_",
        _element_labels(ctx.language),
        text=_(
            "Cases of support the front offices gave volunteers and organisations, by kind, in their monthly reports."
        ),
    )


def development_events(ctx: Context) -> Section:
    return _front_office_group(
        ctx,
        "development",
        _("Events to develop volunteering"),
        "dev_",
        _element_labels(ctx.language),
        not_charted=("dev_volunteers_reached", "dev_hours"),
        text=_(
            "Events the front offices held to develop volunteering, by kind; the table also gives the volunteers they reached and their duration in hours."
        ),
    )


def helpline(ctx: Context) -> Section:
    data = sources.helpline_appeals(year=ctx.year, region_id=ctx.region_id)
    if not data:
        return _no_data(
            "helpline",
            _("Help-line appeals by channel and purpose"),
            _("No data: the unified help line's appeals are not yet recorded on the platform."),
        )
    return _no_data(
        "helpline", _("Help-line appeals by channel and purpose"), ""
    )  # pragma: no cover


def hours_per_volunteer(ctx: Context) -> Section:
    activity = sources.monthly_activity(year=ctx.year, region_id=ctx.region_id)
    labels = [formatting.month_name(m, ctx.language, "abbreviated") for m in range(1, 13)]
    rows = []
    # None, not zero: a month that has not come yet, or one in which nobody recorded hours,
    # has no average — the line breaks there instead of dropping to the axis.
    averages: list[Decimal | None] = [None] * 12
    for m in range(1, ctx.last_month + 1):
        minutes, people = activity.get(m, (0, 0))
        hours = valuation.minutes_to_hours(minutes)
        avg = (hours / people).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if people else None
        averages[m - 1] = avg
        rows.append([formatting.month_name(m, ctx.language), hours, people, avg])
    notes = []
    if ctx.last_month < 12:
        notes.append(
            _(
                "The year is not over: figures up to %(date)s; the months still to come are not shown."
            )
            % {"date": formatting.date(ctx.today, ctx.language)}
        )
    return Section(
        key="hours_per_volunteer",
        title=_("Hours per volunteer per month"),
        text=_(
            "Confirmed and self-reported hours in each month divided by the number of volunteers who recorded hours that month."
        ),
        chart=ChartSpec(
            "line",
            _("Hours per volunteer per month"),
            labels,
            [Series(_("Hours per volunteer"), averages)],
            unit=_("hours"),
        ),
        table=Table(
            [_("Month"), _("Hours"), _("Volunteers"), _("Hours per volunteer")],
            rows,
            ["text", "hours", "int", "hours"],
        ),
        notes=notes,
    )


def economic_value(ctx: Context) -> Section:
    title = _("Economic value of volunteer work")
    try:
        result = valuation.scenarios(year=ctx.year, region_id=ctx.region_id)
    except valuation.NoWageData:
        return _no_data(
            "economic_value", title, _("No data: the wage table has no national figure.")
        )
    names = scenario_names()
    available = [s for s in result if s.available]
    rows: list[list[Any]] = []
    for s in result:
        rows.append(
            [
                names[s.key],
                s.hours if s.available else None,
                s.value if s.available else None,
                scenario_inputs_text(s, ctx.language),
            ]
        )
    short = {"minimum": _("Minimum"), "likely": _("Likely"), "maximum": _("Maximum")}
    # The scenarios lie thousands of times apart (millions against hundreds of billions): on
    # a linear axis the minimum would be an invisible sliver, so each is a dot on a
    # logarithmic axis with its figure printed, and the axis says so.
    chart = ChartSpec(
        "log",
        title,
        [short[s.key] for s in available],
        [Series(_("Value, ₸"), [s.value for s in available])],
        unit=_(
            "Logarithmic scale: each grid line is ten times the one before. Exact figures in "
            "the table."
        ),
        money=True,
    )
    notes = [method_text(ctx.language)]
    if any(s.has_national_fallback for s in result):
        notes.append(
            _(
                "Regions without their own wage figure are valued at the national average (marked ⚑ in the table by region)."
            )
        )
    if any(s.has_year_fallback for s in result):
        notes.append(
            _("The wage table has no figure for this year; the nearest earlier year is used.")
        )
    section = Section(
        key="economic_value",
        title=title,
        text=_(
            "Replacement cost (ILO Manual on the Measurement of Volunteer Work): hours × the hourly wage of the work done, by region and direction."
        ),
        chart=chart,
        table=Table(
            [_("Scenario"), _("Hours"), pgettext("money", "Value"), _("Inputs")],
            rows,
            ["text", "hours", "money", "text"],
        ),
        notes=notes,
    )
    section.extra = {
        "by_region": value_by_region(result[1], ctx),
        "scenarios": [s.as_dict() for s in result],
    }
    return section


def data_quality(ctx: Context) -> Section:
    notes = []
    fo_totals = sources.front_office_totals(year=ctx.year, region_id=ctx.region_id)
    if not fo_totals:
        notes.append(_front_office_missing())
    matrix = sources.front_office_completeness(year=ctx.year) or {}
    expected = set(matrix.get("expected_months", []))
    completeness = {row["region"].id: row for row in matrix.get("rows", [])}
    findings = (sources.front_office_findings(year=ctx.year) or {}).get("by_region", {})
    regions = [ctx.region] if ctx.region else sources.regions()
    book = valuation.RateBook()
    platform: dict[int, int] = {}
    for status in sources.COUNTED:
        for (region_id, _m), mins in sources.minutes_by_region_month(
            year=ctx.year, status=status
        ).items():
            platform[region_id] = platform.get(region_id, 0) + mins
    reported = (
        sources.front_office_hours_by_region_month(year=ctx.year, region_id=ctx.region_id) or {}
    )
    fo_by_region: dict[int, int] = {}
    for (region_id, _m), mins in reported.items():
        fo_by_region[region_id] = fo_by_region.get(region_id, 0) + mins
    rows = []
    for region in regions:
        try:
            rate = book.rate(year=ctx.year, region_id=region.id)
            wage = _("national average ⚑") if rate.national_fallback else _("regional figure")
        except valuation.NoWageData:
            wage = _("no figure")
        p_hours = valuation.minutes_to_hours(platform.get(region.id, 0))
        fo_hours = (
            valuation.minutes_to_hours(fo_by_region[region.id])
            if region.id in fo_by_region
            else None
        )
        coverage = (p_hours / fo_hours) if fo_hours else None
        row = completeness.get(region.id)
        received = f"{row['received']} / {row['expected']}" if row and row["expected"] else "—"
        late = _missing_or_late(row, expected) if row else None
        region_findings = findings.get(region.iso_code, {})
        flagged = region_findings.get("warning", 0) + region_findings.get("critical", 0)
        rows.append(
            [
                localized(region, "name", ctx.language),
                received,
                late,
                flagged,
                p_hours,
                fo_hours,
                coverage,
                wage,
            ]
        )
    return Section(
        key="data_quality",
        title=_("Annex: data quality"),
        text=_(
            "Monthly reports received of those due, reports missing or late, the checks' "
            "warnings and critical findings, and the coverage ratio = hours measured on the "
            "platform ÷ hours in the front office's approved reports."
        ),
        table=Table(
            [
                _("Region"),
                _("Reports received"),
                _("Missing or late"),
                _("Findings"),
                _("Platform hours"),
                _("Front-office hours"),
                _("Coverage ratio"),
                _("Wage used"),
            ],
            rows,
            ["text", "text", "int", "int", "hours", "hours", "pct", "text"],
        ),
        notes=notes,
    )


def _missing_or_late(row: dict[str, Any], expected: set[int]) -> int:
    """Monthly reports due but not received (missing, a draft, returned for correction) or
    received after the deadline."""
    return sum(
        1
        for cell in row["cells"]
        if cell["month"] in expected
        and (cell["report"] is None or not cell["report"].is_received or cell["late"])
    )


SECTIONS: list[Builder] = [
    volunteers_by_year,
    gender,
    age,
    employment,
    volunteers_by_region,
    organisations,
    funding,
    directions,
    common_events,
    front_office_events,
    forms,
    skills,
    front_office_support,
    development_events,
    helpline,
    hours_per_volunteer,
    economic_value,
    data_quality,
]


# --- helpers shared with the pages --------------------------------------------------------


def scenario_names() -> dict[str, str]:
    return {
        "minimum": _("Minimum: confirmed hours"),
        "likely": _("Likely: confirmed, self-reported and front-office hours"),
        "maximum": _("Maximum: survey-based extrapolation"),
    }


def method_text(language: str) -> str:
    from django.conf import settings

    return _(
        "Hourly rate = average monthly nominal wage ÷ %(hours)s standard hours a month "
        "(40 hours a week × 4.2 weeks), rounded to the tiyn; value = hours × rate."
    ) % {"hours": formatting.number(settings.ASAR_STANDARD_MONTHLY_HOURS, language)}


def scenario_inputs_text(s: valuation.Scenario, language: str) -> str:
    n = lambda v: formatting.number(v, language)  # noqa: E731
    if not s.available:
        return _("No survey estimate for this year: enter one to compute the maximum.")
    if s.key == "minimum":
        return _("%(h)s confirmed hours") % {"h": n(s.inputs["confirmed_hours"])}
    if s.key == "likely":
        text = _(
            "%(c)s confirmed + %(s)s self-reported + %(f)s front-office hours above the platform's"
        ) % {
            "c": n(s.inputs["confirmed_hours"]),
            "s": n(s.inputs["self_reported_hours"]),
            "f": n(s.inputs["front_office_surplus_hours"]),
        }
        if not s.inputs.get("front_office_data"):
            text += " — " + _("no front-office data")
        return text
    basis = {
        "survey": _("survey"),
        "front_office": _("front offices' count"),
        "platform": _("registered on the platform"),
    }[s.inputs["volunteers_basis"]]
    rate = s.lines[0].rate.hourly if s.lines else Decimal(0)
    return _("%(v)s volunteers (%(basis)s) × %(h)s hours a year × %(r)s per hour") % {
        "v": n(s.inputs["volunteers"]),
        "basis": basis,
        "h": n(s.inputs["hours_per_volunteer_year"]),
        "r": formatting.money_kzt(rate, language, digits=2),
    }


def value_by_region(scenario: valuation.Scenario, ctx: Context) -> list[dict[str, Any]]:
    """The likely scenario per region: hours, the hourly rates used, value, fallback flag."""
    names: dict[int | None, str] = {
        r.id: localized(r, "name", ctx.language) for r in sources.regions()
    }
    grouped: dict[int | None, dict[str, Any]] = {}
    for line in scenario.lines:
        row = grouped.setdefault(
            line.region_id,
            {
                "region": names.get(line.region_id, "—"),
                "hours": Decimal(0),
                "value": Decimal(0),
                "rates": set(),
                "fallback": False,
            },
        )
        row["hours"] += line.hours
        row["value"] += line.value
        row["rates"].add(line.rate.hourly)
        row["fallback"] = row["fallback"] or line.rate.national_fallback
    rows = sorted(grouped.values(), key=lambda r: -r["value"])
    for row in rows:
        row["rates"] = sorted(row["rates"])
    return rows


@dataclass
class Report:
    year: int
    region: Region | None
    language: str
    sections: list[Section]

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "region": self.region.iso_code if self.region else None,
            "language": self.language,
            "sections": [s.as_dict() for s in self.sections],
        }


def lines_for_display(lines: list[valuation.Line]) -> list[dict[str, Any]]:
    """Valued lines as table rows in the active language, by kind, region and direction."""
    regions = {r.id: r for r in Region.objects.all()}
    directions = {d.id: d for d in Direction.objects.all()}
    kinds = {
        "confirmed": _("confirmed"),
        "self_reported": _("self-reported"),
        "front_office": _("front office, above the platform"),
        "survey": _("survey extrapolation"),
    }
    levels = {
        valuation.Level.REGION_DIRECTION: _("specialist wage in the region"),
        valuation.Level.DIRECTION: _("national specialist wage"),
        valuation.Level.REGION: _("regional average wage"),
        valuation.Level.NATIONAL: _("national average wage"),
    }
    order = list(kinds)
    lines = sorted(
        lines,
        key=lambda line: (
            order.index(line.kind),
            localized(regions[line.region_id], "name") if line.region_id in regions else "",
            localized(directions[line.direction_id], "name")
            if line.direction_id in directions
            else "",
        ),
    )
    return [
        {
            "region": localized(regions[line.region_id], "name")
            if line.region_id in regions
            else _("Kazakhstan"),
            "region_iso": regions[line.region_id].iso_code if line.region_id in regions else "",
            "direction": localized(directions[line.direction_id], "name")
            if line.direction_id in directions
            else "—",
            "direction_code": directions[line.direction_id].code
            if line.direction_id in directions
            else "",
            "kind": kinds[line.kind],
            "kind_code": line.kind,
            "hours": line.hours,
            "rate": line.rate,
            "level": levels[line.rate.level],
            "value": line.value,
        }
        for line in lines
    ]


def lines_by_region(lines: list[valuation.Line]) -> list[dict[str, Any]]:
    """Valued lines grouped for reading: a group per region (by name) with its hours by kind,
    and in it a group per direction (front-office hours have no direction: last), each with
    its hours and value; every line stays in its group."""
    kinds = ("confirmed", "self_reported", "front_office")
    groups: dict[str, dict[str, Any]] = {}
    for row in lines_for_display(lines):
        group = groups.setdefault(
            row["region"],
            {
                "region": row["region"],
                "iso": row["region_iso"],
                "hours": Decimal(0),
                "value": Decimal(0),
                "by_kind": dict.fromkeys(kinds, Decimal(0)),
                "directions": {},
            },
        )
        direction = group["directions"].setdefault(
            row["direction_code"],
            {"direction": row["direction"], "hours": Decimal(0), "value": Decimal(0), "lines": []},
        )
        for total in (group, direction):
            total["hours"] += row["hours"]
            total["value"] += row["value"]
        group["by_kind"][row["kind_code"]] = (
            group["by_kind"].get(row["kind_code"], 0) + row["hours"]
        )
        direction["lines"].append(row)
    result = sorted(groups.values(), key=lambda g: g["region"])
    for group in result:
        group["directions"] = sorted(
            group["directions"].values(), key=lambda d: (d["direction"] == "—", d["direction"])
        )
    return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def build_report(
    *,
    year: int,
    region: Region | None,
    language: str,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Run every section builder in ``language``; ``progress`` gets 0–100 after each one."""
    ctx = Context(year=year, region=region, language=language)
    sections: list[Section] = []
    with override(language):
        for i, builder in enumerate(SECTIONS, start=1):
            section = builder(ctx)
            if section is not None:
                sections.append(section)
            if progress is not None:
                progress(int(i * 100 / len(SECTIONS)))
    return Report(year=year, region=region, language=language, sections=sections)
