"""Build the PyInstaller bundle for this platform: ``python installers/build.py [--dist DIR] [--work DIR]``.

``make dist`` runs this; so does the bundle test (into a temporary folder). It installs PyInstaller into
the running Python if it is missing, renders the icons from resources/icons/visitapp.svg, runs
installers/visitapp.spec and prints the bundle's unpacked size.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = "pyinstaller>=6.10,<7"
sys.path.insert(0, str(ROOT / "installers"))

from make_icons import render  # noqa: E402  (a sibling script, not a package)


def folder_size(path: Path) -> int:
    """Bytes on disk as unpacked, counting each file once and symlinks as links."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"build: installing {PYINSTALLER} into {sys.prefix}", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", PYINSTALLER], check=True)


def build(dist: Path, work: Path) -> Path:
    ensure_pyinstaller()
    render(work / "icons")
    started = time.perf_counter()
    env = {**os.environ, "VISITAPP_ICON_DIR": str(work / "icons")}
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work / "pyinstaller"), str(ROOT / "installers" / "visitapp.spec")],
        check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    bundle = dist / "visitapp"
    size = folder_size(bundle)
    print(f"build: {bundle} ({size / 1e6:.0f} MB unpacked) in {time.perf_counter() - started:.0f} s")
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="icons, PyInstaller's work files")
    args = parser.parse_args()
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
