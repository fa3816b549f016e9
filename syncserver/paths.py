"""Where the server keeps its database and its pictures, unless told otherwise. The one place that decides.

Defaults: a SQLite file in the service account's data folder, and a ``pictures`` folder next to the SQLite
file (for PostgreSQL, in that same data folder). ``--database-url``/``--pictures-dir`` or the environment
variables below override them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from syncserver.db import parse_url

APP_NAME = "VisitApp Server"
ENV_DATABASE_URL = "VISITAPP_SERVER_DATABASE_URL"
ENV_PICTURES_DIR = "VISITAPP_SERVER_PICTURES_DIR"
PICTURES_FOLDER = "pictures"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_url(given: str | None = None) -> str:
    return given or os.environ.get(ENV_DATABASE_URL) or "sqlite:///" + str(data_dir() / "visitapp-server.db")


def pictures_dir(database_url: str, given: str | os.PathLike[str] | None = None) -> Path:
    """The picture store for this database: ``given``, else the environment, else the default."""
    chosen = given or os.environ.get(ENV_PICTURES_DIR)
    if chosen:
        return Path(chosen).expanduser()
    dialect, target = parse_url(database_url)
    if dialect == "sqlite":
        return Path(target).expanduser().parent / PICTURES_FOLDER
    return data_dir() / PICTURES_FOLDER
