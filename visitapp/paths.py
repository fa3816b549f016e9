"""The one place that decides where VisitApp keeps things on disk.

Order of precedence for the data folder: an explicit ``--data-dir``, then ``VISITAPP_DATA_DIR``, then the
platform's user data folder (platformdirs). Nothing else in the code builds paths to user folders.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "VisitApp"
ENV_DATA_DIR = "VISITAPP_DATA_DIR"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def resources_dir() -> Path:
    """Read-only resources (stylesheets, icons, TOML tables), also inside a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class VaultPaths:
    """Files that make up one worker's vault. Only ``database`` holds case content, and it is encrypted."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "vault.db"

    @property
    def key_file(self) -> Path:
        # The database key wrapped by the passphrase-derived key, plus the KDF parameters. No case content.
        return self.root / "key.json"

    @property
    def attempts_file(self) -> Path:
        # Count and time of failed unlocks, so the growing delay survives a restart. No case content.
        return self.root / "unlock-attempts.json"

    def exists(self) -> bool:
        return self.key_file.exists() and self.database.exists()

    def ensure_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.root, 0o700)
