"""Installer figures: the Linux bundle's unpacked size; the frozen app's start-up against running from source.

Builds the bundle into a temporary folder first (under a minute here), or uses ``VISITAPP_BUNDLE=DIR``
(e.g. dist/visitapp) if that points at one already built. Each timing is a fresh process, offscreen, over
a demo vault, so the app opens at the unlock window; ``VISITAPP_QUIT_WHEN_SHOWN=1`` makes it quit once that
window is up. The OS file cache is warm after one untimed run of each, as for a worker's second start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median, ms, verdict

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "kettle orbit daffodil rain"
RUNS = 5
SIZE_TARGET_MB = 250
RATIO_TARGET = 1.2


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True, timeout=180)
    return time.perf_counter() - started


def _size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()) / 1e6


def _pair(frozen: list[str], source: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Medians of RUNS alternating runs, after one untimed run of each to warm the file cache."""
    _timed(frozen, env), _timed(source, env)
    frozen_s, source_s = [], []
    for _ in range(RUNS):
        frozen_s.append(_timed(frozen, env))
        source_s.append(_timed(source, env))
    return median(frozen_s), median(source_s)


def run() -> list[tuple[str, str]]:
    if sys.platform != "linux":
        return [("bundle figures", "skipped: measured on Linux only")]
    with tempfile.TemporaryDirectory(prefix="visitapp-bench-bundle-") as tmp:
        given = os.environ.get("VISITAPP_BUNDLE")
        if given:
            bundle, build_s = Path(given).resolve(), 0.0
        else:
            started = time.perf_counter()
            build = [sys.executable, str(ROOT / "installers" / "build.py")]
            subprocess.run([*build, "--dist", f"{tmp}/dist", "--work", f"{tmp}/work"],
                           check=True, capture_output=True, timeout=900)  # fmt: skip
            bundle, build_s = Path(tmp) / "dist" / "visitapp", time.perf_counter() - started
        frozen = [str(bundle / "visitapp")]
        source = [sys.executable, "-m", "ui.cli"]
        data = Path(tmp) / "vault"
        secret = Path(tmp) / "pp"
        secret.write_text(PASSPHRASE)
        demo = [
            *source,
            "demo",
            "--data-dir",
            str(data),
            "--passphrase-file",
            str(secret),
            "--children",
            "12",
        ]
        subprocess.run(demo, check=True, capture_output=True, timeout=300)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VISITAPP_QUIT_WHEN_SHOWN": "1", "TMPDIR": tmp}
        window = _pair([*frozen, "--data-dir", str(data)], [*source, "--data-dir", str(data)], env)
        version = _pair([*frozen, "--version"], [*source, "--version"], env)
        selftest = _pair([*frozen, "selftest"], [*source, "selftest"], env)
        size = _size_mb(bundle)
    ratio = window[0] / window[1]
    rows = [
        ("bundle size, unpacked", f"{size:.0f} MB  {verdict(size, SIZE_TARGET_MB)} (≤ {SIZE_TARGET_MB} MB)"),
        ("to the unlock window: frozen (median of 5)", ms(window[0])),
        ("to the unlock window: from source (median of 5)", ms(window[1])),
        ("frozen / source, to the unlock window", f"{ratio:.2f}×  {verdict(ratio, RATIO_TARGET)} (≤ 1.2×)"),
        ("`visitapp --version`: frozen / source", f"{ms(version[0])} / {ms(version[1])}"),
        ("`visitapp selftest`: frozen / source", f"{ms(selftest[0])} / {ms(selftest[1])}"),
    ]
    if build_s:
        rows.append(("bundle build (PyInstaller, warm cache)", f"{build_s:.0f} s"))
    return rows
