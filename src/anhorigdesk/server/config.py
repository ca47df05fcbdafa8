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
