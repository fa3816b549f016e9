"""Installer tests: the PyInstaller bundle is built once per session, into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP_ENV = "VISITAPP_SKIP_BUNDLE"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"bundle: builds the PyInstaller bundle (about a minute; {SKIP_ENV}=1 skips these)"
    )


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


@pytest.fixture(scope="session")
def bundle_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build folder (dist/visitapp, work/icons), made by installers/build.py as `make dist` does."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: not building the PyInstaller bundle")
    root = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py"), "--dist", str(root / "dist"),
         "--work", str(root / "work")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, f"bundle build failed:\n{_tail(done.stdout + done.stderr)}"
    return root


@pytest.fixture(scope="session")
def bundle(bundle_build: Path) -> Path:
    return bundle_build / "dist" / "visitapp"
