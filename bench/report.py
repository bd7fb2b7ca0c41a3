"""Markdown tables of one results file, for bench/README.md:

python -m bench.report bench/results/<date>-<scale>.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

COLUMNS = ("n", "throughput_per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def in_process_table(results: dict[str, Any]) -> str:
    lines = [
        "| workload | n | ops/s | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in results.items():
        if "skipped" in row:
            lines.append(f"| {name} | skipped: {row['skipped']} | | | | | |")
            continue
        lines.append(f"| {name} | " + " | ".join(_cell(row.get(c)) for c in COLUMNS) + " |")
        for kind, sub in (row.get("by_kind") or {}).items():
            lines.append(
                f"| ↳ {name}: {kind} | " + " | ".join(_cell(sub.get(c)) for c in COLUMNS) + " |"
            )
    return "\n".join(lines)


def http_table(endpoints: dict[str, Any]) -> str:
    lines = [
        "| endpoint | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in endpoints.items():
        cells = [row["requests"], row["failures"], row["throughput_per_s"]]
        cells += [row["p50_ms"], row["p95_ms"], row["p99_ms"], row["max_ms"]]
        lines.append(f"| {name} | " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def targets_table(targets: dict[str, Any]) -> str:
    lines = ["| measure | value | target | met |", "| --- | ---: | ---: | :---: |"]
    for name, t in targets.items():
        met = {True: "yes", False: "**no**", None: "–"}[t["met"]]
        lines.append(f"| {name} | {_cell(t['value'])} | {_cell(t['target'])} | {met} |")
    return "\n".join(lines)


def main(path: str) -> None:
    data = json.loads(Path(path).read_text())
    print(f"### {Path(path).name}\n")
    machine = data.get("machine", {})
    if machine:
        print(
            f"{machine.get('cpu_count')} × {machine.get('cpu_model')}, "
            f"{machine.get('memory_gb')} GB, PostgreSQL {machine.get('postgresql')} "
            f"(shared_buffers {machine.get('postgresql_shared_buffers')}), "
            f"load average at start {machine.get('load_average_at_start')}, "
            f"commit {str(machine.get('git_commit'))[:7]}\n"
        )
    if "targets" in data:
        print(targets_table(data["targets"]) + "\n")
    print(in_process_table(data.get("in_process", {})) + "\n")
    for phase, run in (data.get("http") or {}).items():
        if isinstance(run, dict) and "endpoints" in run:
            print(
                f"HTTP {phase}: {run['server']}, {run['users']} Locust users, {run['seconds']} s\n"
            )
            print(http_table(run["endpoints"]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
