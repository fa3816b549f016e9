"""Small helpers shared by benchmarks: percentiles and a verdict against a target."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    met = value <= target if lower_is_better else value >= target
    return "meets target" if met else "MISSES target"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def median(samples: list[float]) -> float:
    return statistics.median(samples)
