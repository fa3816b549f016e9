"""Settings for the whole test suite. Qt runs offscreen: set here, once, before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402  (the setting above must come before any Qt import)
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throwaway data folder, also given as VISITAPP_DATA_DIR, so no test touches real user folders."""
    folder = tmp_path / "data"
    monkeypatch.setenv("VISITAPP_DATA_DIR", str(folder))
    yield folder
