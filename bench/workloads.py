"""In-process workloads: the apps' own selectors and services, timed one call at a time.

Each workload picks its inputs from the generated country first (untimed), then times every
call with ``perf_counter`` (see bench.stats). Writes go through the services, with their locks
and checks, exactly as a page or the API would call them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from asar.geo.models import Direction, Region
from asar.hours import selectors as hours_selectors
from asar.hours import services as hours_services
from asar.hours.models import HourEntry
from asar.lib.pagination import count_up_to
from asar.monitoring import platform_measures
from asar.opportunities import questionnaire as qn
from asar.opportunities import selectors as opp_selectors
from asar.opportunities import services as opp_services
from asar.opportunities.models import Application, Position
from asar.organizations.models import Membership
from asar.passport import selectors as passport_selectors
from asar.passport import services as passport_services
from asar.passport.models import Certificate
from asar.reporting import sources
from asar.reporting.report import build_report
from asar.volunteers.models import VolunteerProfile
from bench.stats import measure, measure_parallel

Result = dict[str, Any]
SEARCH_WORDS = ["волонтёр", "volunteer", "еріктісі", "наставник", "mentor", "қарттарға", "гид"]


def _answers() -> dict[str, Any]:
    return {
        "motivations": [qn.Motivation.LEARN, qn.Motivation.CIVIC_LIFE],
        "qualities": dict.fromkeys(qn.Quality.values, 4),
        "availability": [qn.Availability.WEEKENDS],
        "preferred_activities": [qn.Activity.GROUP_EVENTS],
        "experience_kinds": [],
        "residence": "",
    }


class Workloads:
    def __init__(self, *, year: int, seed: int = 1, budget_s: float = 20.0) -> None:
        self.year = year
        self.rng = random.Random(seed)
        self.budget_s = budget_s
        self.today = timezone.localdate()
        self.regions = list(Region.objects.values_list("pk", flat=True))
        self.directions = list(Direction.objects.values_list("pk", flat=True))

    # --- reads -------------------------------------------------------------------------------

    def search(self, n: int = 400) -> Result:
        """The search page/API: filters and full text, count plus the first page of 20."""
        rng = self.rng

        def one(filters: opp_selectors.SearchFilters) -> None:
            qs = opp_selectors.search_positions(user=_anonymous(), filters=filters)
            count_up_to(qs)  # as the page and the API count (exact up to 1 000)
            list(qs[:20])

        kinds = [
            lambda: opp_selectors.SearchFilters(q=rng.choice(SEARCH_WORDS)),
            lambda: opp_selectors.SearchFilters(region=rng.choice(self.regions)),
            lambda: opp_selectors.SearchFilters(
                region=rng.choice(self.regions), direction=rng.choice(self.directions)
            ),
            lambda: opp_selectors.SearchFilters(
                q=rng.choice(SEARCH_WORDS), region=rng.choice(self.regions)
            ),
            lambda: opp_selectors.SearchFilters(form="online", date_from=self.today),
        ]
        ops = [partial(one, kinds[i % len(kinds)]()) for i in range(n)]
        result = measure(ops, max_seconds=self.budget_s)
        # Then each kind alone, to see which one makes the tail.
        labels = ["text", "region", "region_direction", "text_region", "online_from_today"]
        result["by_kind"] = {
            label: measure([partial(one, make()) for _ in range(60)], max_seconds=self.budget_s / 4)
            for label, make in zip(labels, kinds, strict=True)
        }
        words = {}
        for word in SEARCH_WORDS:  # how common each word is: the text search's cost driver
            qs = opp_selectors.search_positions(
                user=_anonymous(), filters=opp_selectors.SearchFilters(q=word)
            )
            words[word] = qs.count()
        result["matches_per_word"] = words
        return result

    def position_page(self, n: int = 400) -> Result:
        ids = list(
            Position.objects.filter(status=Position.Status.PUBLISHED)
            .order_by("?")
            .values_list("pk", flat=True)[:n]
        )

        def one(pid: int) -> None:
            position = opp_selectors.position_for_visitor(user=_anonymous(), position_id=pid)
            list(position.required_skills.all())

        return measure([partial(one, pid) for pid in ids], max_seconds=self.budget_s)

    def passport_page(self, n: int = 300) -> Result:
        vols = list(
            VolunteerProfile.objects.filter(hour_entries__isnull=False)
            .distinct()
            .select_related("user")
            .order_by("?")[:n]
        )

        def one(volunteer: VolunteerProfile) -> None:
            owner = volunteer.user
            found = passport_selectors.passport_for(viewer=owner, volunteer_id=volunteer.pk)
            assert found is not None
            passport_selectors.passport_summary(volunteer=found, viewer=owner)

        return measure([partial(one, v) for v in vols], max_seconds=self.budget_s)

    def certificate_verify(self, n_certs: int = 30, n: int = 1000) -> Result:
        """Issue certificates (untimed, through the service), then verify them by number."""
        ids = list(Certificate.objects.values_list("pk", flat=True)[:n_certs])
        if len(ids) < n_certs:
            holders = (
                VolunteerProfile.objects.filter(
                    hour_entries__status=HourEntry.Status.CONFIRMED,
                    hour_entries__date__year=self.year,
                )
                .distinct()
                .select_related("user")[: n_certs - len(ids)]
            )
            for v in holders:
                cert = passport_services.certificate_issue(
                    actor=v.user,
                    volunteer=v,
                    period_from=dt.date(self.year, 1, 1),
                    period_to=min(dt.date(self.year, 12, 31), self.today),
                    language="kk",
                )
                ids.append(cert.pk)
        if not ids:
            return {"skipped": "no volunteer has confirmed hours"}

        def one(cid: Any) -> None:
            result = passport_services.certificate_verify(certificate_id=cid)
            assert result.valid, result.code

        return measure(
            [partial(one, ids[i % len(ids)]) for i in range(n)], max_seconds=self.budget_s
        )

    def regional_monthly(self) -> Result:
        """The platform's own figures for a front office's monthly report: region × month."""
        ops = [
            partial(platform_measures.measures, region_id=r, year=self.year, month=m)
            for m in range(1, 13)
            for r in self.regions
        ]
        return measure(ops, max_seconds=self.budget_s * 2, warmup=2)

    def national_annual_aggregation(self, repeat: int = 5) -> Result:
        """The ledger aggregations of the national annual report over the whole year."""

        def one() -> None:
            sources.minutes_total(year=self.year, status=HourEntry.Status.CONFIRMED)
            sources.minutes_total(year=self.year, status=HourEntry.Status.SELF_REPORTED)
            sources.minutes_by_region_direction(year=self.year, status=HourEntry.Status.CONFIRMED)
            hours_selectors.minutes_by_region_month(year=self.year)
            sources.minutes_by_form(year=self.year)
            sources.monthly_activity(year=self.year)
            sources.active_volunteer_count(year=self.year)

        return measure([one] * (repeat + 1), max_seconds=self.budget_s * 3, warmup=1)

    def national_report_build(self, repeat: int = 2) -> Result:
        """Every section of the national report (all its queries), Russian edition."""

        def one() -> None:
            build_report(year=self.year, region=None, language="ru")

        return measure([one] * (repeat + 1), max_seconds=self.budget_s * 3, warmup=1)

    # --- writes ------------------------------------------------------------------------------

    def apply(self, n: int = 300) -> Result:
        """Volunteers apply to open positions of their region (a full one waitlists them)."""
        positions = list(
            Position.objects.filter(status=Position.Status.PUBLISHED, min_age__lte=18)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.today))
            .exclude(region__isnull=True)
            .values("pk", "region_id")
            .order_by("?")[: n * 2]
        )
        by_region: dict[int, list[int]] = {}
        for p in positions:
            by_region.setdefault(p["region_id"], []).append(p["pk"])
        adults = VolunteerProfile.objects.filter(
            birth_date__lte=self.today - dt.timedelta(days=19 * 366),
            region_id__in=list(by_region),
        ).select_related("user")
        ops: list[Callable[[], Any]] = []
        for v in adults.order_by("?")[:n]:
            pid = self.rng.choice(by_region[v.region_id])
            if Application.objects.filter(position_id=pid, volunteer=v).exists():
                continue
            ops.append(
                partial(
                    opp_services.application_create,
                    user=v.user,
                    position_id=pid,
                    answers=_answers(),
                )
            )
        return measure(
            ops,
            max_seconds=self.budget_s,
            expected_errors=(ValidationError, PermissionDenied, opp_services.OpportunityError),
        )

    def log_hours(self, n: int = 2000) -> Result:
        """Volunteers log recent time on positions they work at (pending entries, day lock)."""
        window = hours_services.self_log_window_days()
        apps = list(
            Application.objects.filter(
                status__in=hours_services.ONGOING_STATUSES,
                accepted_at__lte=timezone.now() - dt.timedelta(days=window),
                position__start_date__lte=self.today - dt.timedelta(days=window),
            )
            .filter(Q(position__end_date__isnull=True) | Q(position__end_date__gte=self.today))
            .select_related("volunteer__user", "position__organization", "position__region")
            .select_related("position__direction")
            .order_by("?")[:n]
        )
        ops: list[Callable[[], Any]] = []
        # Distinct (application, day) pairs: no duplicate lines, no day over 24 h.
        for i in range(n):
            if not apps:
                break
            app = apps[i % len(apps)]
            day = self.today - dt.timedelta(days=1 + (i // len(apps)) % (window - 1))
            data = hours_services.EntryInput(date=day, minutes=90, position=app.position)
            ops.append(
                partial(
                    hours_services.entry_log,
                    actor=app.volunteer.user,
                    volunteer=app.volunteer,
                    data=data,
                )
            )
        result = measure(ops, max_seconds=self.budget_s, expected_errors=(ValidationError,))
        result["volunteers"] = len({a.volunteer_id for a in apps})
        return result

    def log_hours_concurrent(self, writers: int = 4, n: int = 6000) -> Result:
        """The same writes from ``writers`` processes at once (as gunicorn workers would):
        the server's hour-entry write throughput, each write its own transaction."""
        window = hours_services.self_log_window_days()
        apps = list(
            Application.objects.filter(
                status__in=hours_services.ONGOING_STATUSES,
                accepted_at__lte=timezone.now() - dt.timedelta(days=window),
                position__start_date__lte=self.today - dt.timedelta(days=window),
            )
            .filter(Q(position__end_date__isnull=True) | Q(position__end_date__gte=self.today))
            .select_related("volunteer__user", "position__organization", "position__region")
            .select_related("position__direction")
            .order_by("?")[:n]
        )
        if not apps:
            return {"skipped": "no accepted application"}
        ops: list[Callable[[], Any]] = []
        for i in range(n):
            app = apps[i % len(apps)]
            # 45 min on days the sequential workload did not use: no duplicates between them.
            day = self.today - dt.timedelta(days=1 + (i // len(apps)) % (window - 1))
            data = hours_services.EntryInput(date=day, minutes=45, position=app.position)
            ops.append(
                partial(
                    hours_services.entry_log,
                    actor=app.volunteer.user,
                    volunteer=app.volunteer,
                    data=data,
                )
            )
        # One volunteer per writer (ops sliced by volunteer), so writers never wait on each
        # other's day lock — as many people logging at once.
        by_writer: list[list[Callable[[], Any]]] = [[] for _ in range(writers)]
        for op, i in zip(ops, range(n), strict=True):
            by_writer[apps[i % len(apps)].volunteer_id % writers].append(op)
        result = measure_parallel(
            by_writer, max_seconds=self.budget_s, expected_errors=(ValidationError,)
        )
        result["writers"] = writers
        return result

    def confirm_bulk(self, batch: int = 25, n_batches: int = 200) -> Result:
        """Coordinators confirm pending entries of their organisation, ``batch`` at a time."""
        orgs = (
            HourEntry.objects.filter(status=HourEntry.Status.PENDING)
            .values("organization_id")
            .annotate(n=Count("id"))
            .filter(n__gte=1)
            .order_by("-n")
        )
        ops: list[Callable[[], Any]] = []
        for row in orgs:
            owner = (
                Membership.objects.filter(organization_id=row["organization_id"])
                .select_related("user")
                .first()
            )
            if owner is None:
                continue
            ids = list(
                HourEntry.objects.filter(
                    organization_id=row["organization_id"], status=HourEntry.Status.PENDING
                ).values_list("pk", flat=True)
            )
            for start in range(0, len(ids), batch):
                ops.append(
                    partial(
                        hours_services.entries_confirm,
                        actor=owner.user,
                        entry_ids=ids[start : start + batch],
                    )
                )
            if len(ops) >= n_batches:
                break
        result = measure(ops[:n_batches], max_seconds=self.budget_s, warmup=1)
        result["batch_size"] = batch
        return result


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def explain(sql_label: str, queryset: Any) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of a queryset, for the README's performance notes."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return f"-- {sql_label}\n{plan}"


def run_all(*, year: int, seed: int, budget_s: float, log: Callable[[str], None]) -> Result:
    w = Workloads(year=year, seed=seed, budget_s=budget_s)
    results: Result = {}
    # Reads first (on the generated data), then writes, then the bulk confirmation of what
    # the log-hours workload left pending.
    for name in (
        "search",
        "position_page",
        "passport_page",
        "certificate_verify",
        "regional_monthly",
        "national_annual_aggregation",
        "national_report_build",
        "apply",
        "log_hours",
        "log_hours_concurrent",
        "confirm_bulk",
    ):
        log(f"in-process: {name} …")
        results[name] = getattr(w, name)()
        log(f"  {results[name]}")
    return results
