"""Small helpers shared by benchmarks: percentiles, a verdict against a target, a demo vault."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path


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


def demo_vault(folder: Path, passphrase: str, children: int, visits: int) -> None:
    """A demo vault made by ``visitapp demo`` in a process of its own. SQLCipher's memory security, once a
    connection in a process has turned it on, stays on for every later one, and filling 10,000 visits with
    it takes over a minute more; what a benchmark times is then done on the vault unlocked as the app does."""
    argv = [sys.executable, "-m", "visitapp.cli", "demo", "--data-dir", str(folder), "--passphrase-file", "-"]
    argv += ["--children", str(children), "--visits", str(visits)]
    made = subprocess.run(argv, input=passphrase.encode(), capture_output=True)
    if made.returncode != 0:
        raise RuntimeError(f"visitapp demo failed: {made.stderr.decode(errors='replace')[-2000:]}")
