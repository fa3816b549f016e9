"""Benchmarks: each ``bench_*.py`` module has ``run() -> list[tuple[str, str]]`` of (figure, value).

``make bench`` runs them all and prints every figure with its target, so a reader sees numbers and ratios
from the same run. Benchmarks never assert; tests never time.
"""
