"""HTTP workloads for Locust (run by bench/run.py against gunicorn on loopback).

Anonymous visitors search and read positions, public passports and verify certificates;
volunteers (API tokens) log hours and read their passport; coordinators confirm what is
pending in bulk. ``Writer`` is the writes phase alone: hour entries back to back. Request names group URLs so percentiles are per endpoint, not per id.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

DATA: dict[str, Any] = json.loads(Path(os.environ["BENCH_LOCUST_DATA"]).read_text())
WORDS = ["волонтёр", "volunteer", "еріктісі", "наставник", "mentor", "гид"]
_volunteers = itertools.cycle(DATA["volunteers"] or [{}])
_coordinators = itertools.cycle(DATA["coordinators"] or [""])
_day_offsets = itertools.count()


class Visitor(HttpUser):
    weight = 6
    wait_time = between(0.05, 0.2)

    @task(6)
    def search(self) -> None:
        params: dict[str, Any] = {}
        kind = random.randrange(4)
        if kind in (0, 3):
            params["q"] = random.choice(WORDS)
        if kind in (1, 3):
            params["region"] = random.choice(DATA["regions"])
        if kind == 2:
            params["form"] = "online"
        self.client.get("/api/v1/positions", params=params, name="GET /api/v1/positions?…")

    @task(2)
    def search_page(self) -> None:
        self.client.get(
            "/positions/", params={"q": random.choice(WORDS)}, name="GET /positions/?q= (HTML)"
        )

    @task(4)
    def position(self) -> None:
        pid = random.choice(DATA["positions"])
        self.client.get(f"/api/v1/positions/{pid}", name="GET /api/v1/positions/{id}")

    @task(2)
    def position_page(self) -> None:
        pid = random.choice(DATA["positions"])
        self.client.get(f"/positions/{pid}/", name="GET /positions/{id}/ (HTML)")

    @task(2)
    def passport(self) -> None:
        if DATA["public_passports"]:
            key = random.choice(DATA["public_passports"])
            self.client.get(f"/passport/shared/{key}/", name="GET /passport/shared/{key}/ (HTML)")

    @task(4)
    def verify(self) -> None:
        if DATA["certificates"]:
            cid = random.choice(DATA["certificates"])
            self.client.get(
                f"/api/v1/passport/verify/{cid}", name="GET /api/v1/passport/verify/{id}"
            )


class Volunteer(HttpUser):
    weight = 3
    wait_time = between(0.05, 0.2)

    def on_start(self) -> None:
        self.me = next(_volunteers)
        self.client.headers["Authorization"] = f"Token {self.me.get('token', '')}"

    @task(5)
    def log_hours(self) -> None:
        # Every request a new (volunteer, day): 1.5 h fits any day; a repeat returns 200.
        offset = 1 + next(_day_offsets) % (DATA["window_days"] - 2)
        day = dt.date.fromisoformat(DATA["today"]) - dt.timedelta(days=offset)
        with self.client.post(
            "/api/v1/hours/entries",
            json={"position_id": self.me["position_id"], "date": day.isoformat(), "hours": 1.5},
            name="POST /api/v1/hours/entries",
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 201):
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def my_passport(self) -> None:
        self.client.get("/api/v1/passport/me", name="GET /api/v1/passport/me")


class Writer(HttpUser):
    """The writes phase only: volunteers logging hours back to back (no think time), each
    request a new diary line — (volunteer, day, length) cycles through 8 lengths per day
    (9.75 h in all; never the 1.5 h of the mixed phases), so nothing is a duplicate and no day
    passes 24 h."""

    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.me = next(_volunteers)
        self.client.headers["Authorization"] = f"Token {self.me.get('token', '')}"
        lengths = [q for q in range(1, 10) if q != 6]  # quarters of an hour
        self.lines = itertools.product(lengths, range(1, DATA["window_days"] - 1))

    @task
    def log_hours(self) -> None:
        quarters, offset = next(self.lines, (0, 0))
        if not quarters:
            return
        day = dt.date.fromisoformat(DATA["today"]) - dt.timedelta(days=offset)
        with self.client.post(
            "/api/v1/hours/entries",
            json={
                "position_id": self.me["position_id"],
                "date": day.isoformat(),
                "hours": quarters / 4,
            },
            name="POST /api/v1/hours/entries",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")


class Coordinator(HttpUser):
    weight = 1
    wait_time = between(0.2, 0.5)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {next(_coordinators)}"

    @task
    def confirm_queue(self) -> None:
        response = self.client.get(
            "/api/v1/hours/queue?page_size=25", name="GET /api/v1/hours/queue"
        )
        ids = [e["id"] for e in response.json()["results"]] if response.ok else []
        if ids:
            self.client.post(
                "/api/v1/hours/queue/confirm",
                json={"entry_ids": ids},
                name="POST /api/v1/hours/queue/confirm (25)",
            )
