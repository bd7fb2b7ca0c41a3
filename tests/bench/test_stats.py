from __future__ import annotations

import math

from bench.stats import measure, percentile, summarise


def test_nearest_rank_percentiles() -> None:
    samples = [float(i) for i in range(1, 101)]
    assert percentile(samples, 50) == 50.0
    assert percentile(samples, 95) == 95.0
    assert percentile(samples, 99) == 99.0
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))


def test_summary_and_measure_count_errors() -> None:
    summary = summarise([0.001, 0.002, 0.003], elapsed_s=0.5)
    assert summary["n"] == 3
    assert summary["throughput_per_s"] == 6.0
    assert summary["p50_ms"] == 2.0

    def fail() -> None:
        raise ValueError

    result = measure(
        [fail, *([lambda: None] * 10), fail],
        max_seconds=10,
        warmup=1,
        expected_errors=(ValueError,),
    )
    assert result["n"] == 10
    assert result["errors"] == 1
