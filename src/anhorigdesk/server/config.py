"""Where the server keeps its data and which database it uses."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "ANHORIGDESK_SERVER_DATA_DIR"
DATABASE_URL_ENV = "ANHORIGDESK_SERVER_DATABASE_URL"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def data_dir(explicit: str | None = None) -> Path:
    """``--data-dir``, else ``$ANHORIGDESK_SERVER_DATA_DIR``, else the platform's data dir."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("anhorigdesk-server", appauthor=False))


def database_url(explicit: str | None = None, data_directory: str | None = None) -> str:
    """``--database-url``, else ``$ANHORIGDESK_SERVER_DATABASE_URL``, else SQLite in the data dir."""
    chosen = explicit or os.environ.get(DATABASE_URL_ENV)
    if chosen:
        return chosen
    return f"sqlite:///{data_dir(data_directory) / 'server.db'}"


def secure_data_dir(explicit_dir: str | None = None, explicit_url: str | None = None) -> None:
    """At start: the data dir holding the SQLite database is made 0700 (created so, or
    tightened from a looser mode with a warning; ``server/db.py`` does the files). With
    PostgreSQL, or a database outside the data dir, nothing here is the server's to change."""
    from anhorigdesk.server.db import private_dir

    url = database_url(explicit_url, explicit_dir)
    if not url.startswith("sqlite:///"):
        return
    directory = data_dir(explicit_dir)
    database = Path(url[len("sqlite:///") :]).expanduser()
    if database.parent.absolute() == directory.absolute():
        private_dir(directory, tighten=True)
