"""Run every benchmark module (or those named on the command line) and print their figures."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
import traceback

import bench


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if any(word in n for word in argv)]
    failures = 0
    for name in names:
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        try:
            figures = importlib.import_module(f"bench.{name}").run()
        except Exception:  # a broken benchmark should not hide the others' figures
            failures += 1
            traceback.print_exc()
            continue
        width = max((len(label) for label, _ in figures), default=0)
        for label, value in figures:
            print(f"  {label:<{width}}  {value}", flush=True)
        print(f"  ({time.perf_counter() - started:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
