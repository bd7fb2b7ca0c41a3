"""The benchmark's verdicts read each target from the right phase (a typo here lost a run)."""

from __future__ import annotations

from bench.run import verdicts

WRITES = "POST /api/v1/hours/entries"
SEARCH = "GET /api/v1/positions?…"


def test_each_target_from_its_phase() -> None:
    inproc = {
        "search": {"p95_ms": 30.0},
        "log_hours_concurrent": {"throughput_per_s": 600.0},
        "log_hours": {"throughput_per_s": 280.0},
        "certificate_verify": {"p95_ms": 1.5},
        "national_annual_aggregation": {"p95_ms": 450.0},
    }
    light = {SEARCH: {"p95_ms": 40.0}}
    busy = {SEARCH: {"p95_ms": 70.0}, WRITES: {"throughput_per_s": 27.0}}
    writes_only = {WRITES: {"throughput_per_s": 195.0}}
    out = verdicts(inproc, light, busy, writes_only)
    assert out["search_p95_ms"] == {"value": 30.0, "target": 50.0, "met": True}
    assert out["search_http_busy_p95_ms"]["met"] is False
    assert out["hour_entry_writes_per_s"]["met"] is True
    assert out["hour_entry_writes_http_busy_per_s"]["value"] == 27.0
    assert out["hour_entry_writes_http_per_s"] == {"value": 195.0, "target": 500.0, "met": False}
    assert verdicts(inproc, {}, {})["hour_entry_writes_http_per_s"]["met"] is None
