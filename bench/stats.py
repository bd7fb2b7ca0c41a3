"""Latency statistics without numpy: nearest-rank percentiles over measured samples."""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import time
from collections.abc import Callable, Sequence
from typing import Any


def percentile(sorted_samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (the value below which ``pct`` % of the samples fall)."""
    if not sorted_samples:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(sorted_samples)))
    return sorted_samples[rank - 1]


def summarise(samples_s: list[float], *, elapsed_s: float, errors: int = 0) -> dict[str, Any]:
    """Throughput (operations per wall-clock second) and latency percentiles in milliseconds."""
    ordered = sorted(samples_s)
    ms = [s * 1000 for s in ordered]
    return {
        "n": len(ordered),
        "errors": errors,
        "elapsed_s": round(elapsed_s, 3),
        "throughput_per_s": round(len(ordered) / elapsed_s, 1) if elapsed_s else None,
        "mean_ms": round(sum(ms) / len(ms), 3) if ms else None,
        "p50_ms": round(percentile(ms, 50), 3) if ms else None,
        "p95_ms": round(percentile(ms, 95), 3) if ms else None,
        "p99_ms": round(percentile(ms, 99), 3) if ms else None,
        "max_ms": round(ms[-1], 3) if ms else None,
    }


def measure(
    operations: Sequence[Callable[[], Any]],
    *,
    max_seconds: float,
    warmup: int = 3,
    expected_errors: tuple[type[BaseException], ...] = (),
) -> dict[str, Any]:
    """Run each operation once (after ``warmup`` untimed ones), timing each with
    ``perf_counter``, until the list or the time budget is exhausted."""
    for op in operations[:warmup]:
        with contextlib.suppress(*expected_errors):
            op()
    samples: list[float] = []
    errors = 0
    started = time.perf_counter()
    for op in operations[warmup:]:
        t0 = time.perf_counter()
        try:
            op()
        except expected_errors:
            errors += 1
            continue
        samples.append(time.perf_counter() - t0)
        if time.perf_counter() - started > max_seconds:
            break
    return summarise(samples, elapsed_s=time.perf_counter() - started, errors=errors)


_PARALLEL: Sequence[Sequence[Callable[[], Any]]] = []


def _run_share(args: tuple[int, float, tuple[type[BaseException], ...]]) -> tuple[list, int]:
    index, deadline, expected_errors = args
    samples: list[float] = []
    errors = 0
    for op in _PARALLEL[index]:
        t0 = time.perf_counter()
        try:
            op()
        except expected_errors:
            errors += 1
            continue
        samples.append(time.perf_counter() - t0)
        if time.perf_counter() > deadline:
            break
    from django.db import connections

    connections.close_all()
    return samples, errors


def measure_parallel(
    shares: Sequence[Sequence[Callable[[], Any]]],
    *,
    max_seconds: float,
    expected_errors: tuple[type[BaseException], ...] = (),
) -> dict[str, Any]:
    """Run each share of operations in its own forked process (its own database connection),
    all at once; throughput is every process's operations over the common wall-clock time."""
    from django.db import connections

    global _PARALLEL
    _PARALLEL = shares
    connections.close_all()  # a forked child must not share the parent's socket
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    # perf_counter is CLOCK_MONOTONIC: the same clock in the parent and the forked children.
    deadline = started + max_seconds
    with context.Pool(len(shares)) as pool:
        parts = pool.map(_run_share, [(i, deadline, expected_errors) for i in range(len(shares))])
    elapsed = time.perf_counter() - started
    samples = [s for part, _ in parts for s in part]
    return summarise(samples, elapsed_s=elapsed, errors=sum(e for _, e in parts))
