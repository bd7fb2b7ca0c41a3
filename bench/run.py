"""Run Asar's benchmark: generate a country into a dedicated PostgreSQL database, time the
in-process workloads, then the HTTP workloads with Locust against gunicorn on loopback, and
write ``bench/results/<date>-<scale>.json``.

    python -m bench.run --scale reduced      # make bench (a few minutes)
    python -m bench.run --scale full         # make bench-full (national scale)

Only the database named by --database (default ``asar_bench``) is dropped and created.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"

SCALES: dict[str, dict[str, int]] = {
    "tiny": {"volunteers": 2_000, "organizations": 40, "positions": 1_000, "hour_entries": 20_000},
    "reduced": {
        "volunteers": 20_000,
        "organizations": 200,
        "positions": 8_000,
        "hour_entries": 200_000,
    },
    "full": {
        "volunteers": 250_000,
        "organizations": 2_500,
        "positions": 100_000,
        "hour_entries": 10_000_000,
    },
}

# The targets on a 2-core machine (milliseconds unless said otherwise).
TARGETS = {
    "search_p95_ms": 50.0,
    "hour_entry_writes_per_s": 500.0,
    "certificate_verify_p95_ms": 5.0,
    "national_annual_aggregation_p95_ms": 2000.0,
}


def bench_env(database: str) -> dict[str, str]:
    """The server's environment: production-like (DEBUG off), all on loopback."""
    key = base64.b64encode(hashlib.sha256(b"asar-bench-signing-key").digest()).decode()
    return {
        **os.environ,
        "DATABASE_URL": f"{PG_SERVER}/{database}",
        "DEBUG": "0",
        "SECRET_KEY": "asar-bench-secret-key-not-for-production",
        "ASAR_SIGNING_KEY": key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "asar.settings",
    }


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.UTC):%H:%M:%S}] {message}", flush=True)


def recreate_database(database: str) -> None:
    import psycopg

    if not database.startswith("asar_bench"):
        raise SystemExit("refusing to drop a database whose name does not start with asar_bench")
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def machine_info() -> dict[str, Any]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem_kb = int(line.split()[1])
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "load_average_at_start": os.getloadavg(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": pg_version,
        "postgresql_shared_buffers": shared_buffers,
        "git_commit": commit,
    }


def table_sizes() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid)) "
            "FROM pg_stat_user_tables WHERE relname IN ('hours_hourentry', 'hours_dailytotal', "
            "'opportunities_position', 'opportunities_application', "
            "'volunteers_volunteerprofile', 'organizations_organization') ORDER BY relname"
        )
        return {name: {"rows": rows, "size": size} for name, rows, size in cursor.fetchall()}


def explain_plans(year: int) -> dict[str, str]:
    """Plans of the heaviest queries, kept with the results for the README."""
    from django.contrib.auth.models import AnonymousUser

    from asar.hours.models import HourEntry
    from asar.opportunities import selectors
    from bench.workloads import explain

    year_entries = HourEntry.objects.filter(
        status=HourEntry.Status.CONFIRMED,
        date__gte=dt.date(year, 1, 1),
        date__lte=dt.date(year, 12, 31),
    )
    from django.db.models import Sum
    from django.db.models.functions import ExtractMonth

    from asar.hours.selectors import monthly_totals

    summary = monthly_totals(statuses=(HourEntry.Status.CONFIRMED,), year=year)
    queries = {
        # The first page of results: positions under way (then those to come).
        "search_fulltext": selectors.search_positions(
            user=AnonymousUser(), filters=selectors.SearchFilters(q="волонтёр")
        ).open_now[:20],
        "search_region_direction": selectors.search_positions(
            user=AnonymousUser(), filters=selectors.SearchFilters(region=1, direction=1)
        ).open_now[:20],
        "annual_minutes_by_region_month": year_entries.annotate(month=ExtractMonth("date"))
        .values("region_id", "month")
        .annotate(total=Sum("minutes"))
        .order_by(),
    }
    if summary is not None:  # what the reports read instead on PostgreSQL (hours 0004)
        queries["annual_minutes_by_region_month_from_summary"] = (
            summary.annotate(m=ExtractMonth("month"))
            .values("region_id", "m")
            .annotate(total=Sum("minutes"))
            .order_by()
        )
    return {name: explain(name, qs) for name, qs in queries.items()}


# --- HTTP -------------------------------------------------------------------------------------


def prepare_http(year: int, users: int) -> dict[str, Any]:
    """Tokens and ids for the Locust users (written to a JSON file they read)."""
    from django.db.models import Q
    from django.utils import timezone

    from asar.accounts.tokens import api_token_create
    from asar.hours.models import HourEntry
    from asar.hours.services import ONGOING_STATUSES, self_log_window_days
    from asar.opportunities.models import Application, Position
    from asar.organizations.models import Membership
    from asar.passport.models import Certificate
    from asar.passport.selectors import share_key
    from asar.volunteers.models import VolunteerProfile

    today = timezone.localdate()
    window = self_log_window_days()
    apps = (
        Application.objects.filter(
            status__in=ONGOING_STATUSES,
            accepted_at__lte=timezone.now() - dt.timedelta(days=window),
            position__start_date__lte=today - dt.timedelta(days=window),
        )
        .filter(Q(position__end_date__isnull=True) | Q(position__end_date__gte=today))
        .select_related("volunteer__user")
        .order_by("?")
    )
    volunteers: list[dict[str, Any]] = []
    seen: set[int] = set()
    for app in apps[: users * 20]:
        if app.volunteer_id in seen:
            continue
        seen.add(app.volunteer_id)
        volunteers.append(
            {
                "token": api_token_create(user=app.volunteer.user, name="bench"),
                "position_id": app.position_id,
                "region_id": app.volunteer.region_id,
            }
        )
        if len(volunteers) >= users * 4:
            break
    # Coordinators of the organisations these volunteers log hours to (so their review queues
    # fill during the run), then of organisations with entries already pending.
    logged_to = set(
        Position.objects.filter(pk__in=[v["position_id"] for v in volunteers]).values_list(
            "organization_id", flat=True
        )
    )
    pending_orgs = set(
        HourEntry.objects.filter(status=HourEntry.Status.PENDING)
        .values_list("organization_id", flat=True)
        .distinct()[:200]
    )
    memberships = list(
        Membership.objects.filter(organization_id__in=logged_to | pending_orgs)
        .select_related("user")
        .order_by("organization_id")
    )
    # The few Locust coordinators take the first tokens: those whose queues fill during the run.
    memberships.sort(key=lambda m: m.organization_id not in logged_to)
    coordinators = [api_token_create(user=m.user, name="bench") for m in memberships[:50]]
    return {
        "today": today.isoformat(),
        "window_days": window,
        "volunteers": volunteers,
        "coordinators": coordinators,
        "positions": list(
            Position.objects.filter(status=Position.Status.PUBLISHED)
            .order_by("?")
            .values_list("pk", flat=True)[:2000]
        ),
        # Public passports are opened through their owners' share links (the same
        # SECRET_KEY signs them here and in the server, bench_env).
        "public_passports": [
            share_key(v)
            for v in VolunteerProfile.objects.filter(passport_public=True).order_by("?")[:500]
        ],
        "certificates": [str(c) for c in Certificate.objects.values_list("pk", flat=True)[:100]],
        "regions": sorted({v["region_id"] for v in volunteers}) or [1],
        "year": year,
    }


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


MIXED_USERS = ["Visitor", "Volunteer", "Coordinator"]  # classes of bench/locustfile.py


def run_http(
    *,
    database: str,
    data: dict[str, Any],
    port: int,
    workers: int,
    users: int,
    seconds: int,
    user_classes: list[str] = MIXED_USERS,
) -> dict[str, Any]:
    env = bench_env(database)
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "locust-data.json"
        data_file.write_text(json.dumps(data))
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "asar.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz")
            prefix = Path(tmp) / "locust"
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "locust"),
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    str(max(1, users // 2)),
                    "--run-time",
                    f"{seconds}s",
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    *user_classes,
                ],
                cwd=ROOT,
                env={**os.environ, "BENCH_LOCUST_DATA": str(data_file)},
                check=False,
            )
            return parse_locust(Path(f"{prefix}_stats.csv"))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def parse_locust(path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"] if row["Type"] else "Aggregated"
            out[name] = {
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "throughput_per_s": round(float(row["Requests/s"]), 1),
                "mean_ms": round(float(row["Average Response Time"]), 1),
                "p50_ms": _num(row["50%"]),
                "p95_ms": _num(row["95%"]),
                "p99_ms": _num(row["99%"]),
                "max_ms": _num(row["Max Response Time"]),
            }
    return out


def _num(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def verdicts(
    inproc: dict[str, Any],
    light: dict[str, Any],
    busy: dict[str, Any],
    writes_only: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Each target against the in-process measurement (the server's own work) and against the
    HTTP runs: ``light`` (latency, a few users), ``busy`` (throughput, saturating) and
    ``writes_only`` (hour entries alone)."""

    def get(d: dict[str, Any], *keys: str) -> Any:
        for key in keys:
            d = d.get(key) or {}
        return d or None

    search, writes = "GET /api/v1/positions?…", "POST /api/v1/hours/entries"
    verify = "GET /api/v1/passport/verify/{id}"
    s, w, c, n = (
        "search_p95_ms",
        "hour_entry_writes_per_s",
        "certificate_verify_p95_ms",
        "national_annual_aggregation_p95_ms",
    )
    measured = {  # name: (target, value)
        "search_p95_ms": (s, get(inproc, "search", "p95_ms")),
        "search_http_light_p95_ms": (s, get(light, search, "p95_ms")),
        "search_http_busy_p95_ms": (s, get(busy, search, "p95_ms")),
        "hour_entry_writes_per_s": (w, get(inproc, "log_hours_concurrent", "throughput_per_s")),
        "hour_entry_writes_sequential_per_s": (w, get(inproc, "log_hours", "throughput_per_s")),
        "hour_entry_writes_http_busy_per_s": (w, get(busy, writes, "throughput_per_s")),
        "hour_entry_writes_http_per_s": (w, get(writes_only or {}, writes, "throughput_per_s")),
        "certificate_verify_p95_ms": (c, get(inproc, "certificate_verify", "p95_ms")),
        "certificate_verify_http_light_p95_ms": (c, get(light, verify, "p95_ms")),
        "certificate_verify_http_busy_p95_ms": (c, get(busy, verify, "p95_ms")),
        "national_annual_aggregation_p95_ms": (n, get(inproc, n.removesuffix("_p95_ms"), "p95_ms")),
    }
    out: dict[str, Any] = {}
    for name, (base, value) in measured.items():
        target = TARGETS[base]
        ok = None
        if value is not None:
            ok = value >= target if base.endswith("per_s") else value <= target
        out[name] = {"value": value, "target": target, "met": ok}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="reduced")
    parser.add_argument("--database", default="asar_bench")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Keep the database, skip generation.")
    parser.add_argument("--budget", type=float, default=20.0, help="Seconds per workload.")
    parser.add_argument("--http-seconds", type=int, default=45)
    parser.add_argument("--http-users", type=int, default=16, help="Users of the busy phase.")
    parser.add_argument("--http-light-users", type=int, default=3, help="Users, light phase.")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (2–4).")
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--note", default="", help="Conditions of the run, stored with it.")
    args = parser.parse_args(argv)

    os.environ.update(bench_env(args.database))
    sys.path.insert(0, str(ROOT))
    started = dt.datetime.now(dt.UTC)
    if not args.reuse:
        log(f"recreating database {args.database}")
        recreate_database(args.database)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.workloads import run_all

    year = timezone.localdate().year - 1
    result: dict[str, Any] = {
        "started_at": started.isoformat(timespec="seconds"),
        "scale": args.scale,
        "volumes": SCALES[args.scale],
        "seed": args.seed,
        "year_of_hours": year,
        "note": args.note,
    }
    generation: dict[str, Any] = {}
    if not args.reuse:
        log("migrating")
        call_command("migrate", verbosity=0)
        log(f"generating the {args.scale} country")
        t0 = time.perf_counter()
        call_command(
            "generate_scale",
            *[f"--{k.replace('_', '-')}={v}" for k, v in SCALES[args.scale].items()],
            f"--seed={args.seed}",
        )
        generation["seconds"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            # Fresh statistics and visibility map, as autovacuum would give a live server.
            cursor.execute("VACUUM ANALYZE")
        generation["vacuum_analyze_seconds"] = round(time.perf_counter() - t0, 1)
    result["generation"] = generation
    result["machine"] = machine_info()
    result["tables"] = table_sizes()
    result["in_process"] = run_all(year=year, seed=args.seed, budget_s=args.budget, log=log)
    result["explain"] = explain_plans(year)
    phases: dict[str, dict[str, Any]] = {}
    if not args.no_http:
        log("preparing HTTP users")
        data = prepare_http(year, max(args.http_users, args.http_light_users))
        connection.close()
        # Light: latency with a few users; busy: the server saturated (throughput). Locust
        # itself runs on the same two cores, so the busy phase measures the pair together.
        # Writes: hour entries alone, back to back (the write throughput over HTTP).
        for phase, users, classes in (
            ("light", args.http_light_users, MIXED_USERS),
            ("busy", args.http_users, MIXED_USERS),
            ("writes", args.http_users, ["Writer"]),
        ):
            log(f"HTTP {phase}: gunicorn ×{args.workers} on 127.0.0.1:{args.port}, {users} users")
            phases[phase] = {
                "server": f"gunicorn sync ×{args.workers}",
                "users": users,
                "user_classes": classes,
                "seconds": args.http_seconds,
                "endpoints": run_http(
                    database=args.database,
                    data=data,
                    port=args.port,
                    workers=args.workers,
                    users=users,
                    seconds=args.http_seconds,
                    user_classes=classes,
                ),
            }
        result["http"] = phases
    result["targets"] = verdicts(
        result["in_process"],
        phases.get("light", {}).get("endpoints", {}),
        phases.get("busy", {}).get("endpoints", {}),
        phases.get("writes", {}).get("endpoints", {}),
    )
    result["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{started:%Y-%m-%dT%H%M}-{args.scale}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    log(f"results: {out.relative_to(ROOT)}")
    for name, verdict in result["targets"].items():
        log(f"  {name}: {verdict['value']} (target {verdict['target']}, met: {verdict['met']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
