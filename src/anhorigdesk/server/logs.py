"""The server's logs: plain text (the default) or one JSON object a line (``--log-format json``).

JSON lines carry ``ts`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and the
structured fields a log call passes in ``extra`` (only the names in ``FIELDS``; e.g. an
access line: ``event``, ``route``, ``method``, ``status``, ``duration_ms``). A traceback
goes in ``exc_type`` and ``traceback`` (stack frames only: an exception's message may
hold a value from a request, so it is left out).

No personal data: the server's own log calls name no user, device, carer, address or
token (their ids stay in the database's ``access_log``), and in JSON mode uvicorn's access
log (which prints the client address and the query string) is replaced by
``anhorigdesk.server.access`` from ``server/metrics.py`` (route, method, status, duration).
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

FIELDS = ("event", "route", "method", "status", "duration_ms", "reason", "database",
          "migrations")
LOG_FORMATS = ("text", "json")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                out[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
            out["traceback"] = "".join(traceback.format_tb(record.exc_info[2]))[-4000:]
        return json.dumps(out, ensure_ascii=False)


def configure_json(level: str = "info") -> None:
    """JSON lines on stderr for every logger (uvicorn's included; its access log off: run
    uvicorn with ``log_config=None, access_log=False`` so that it keeps these handlers)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    # replaced by anhorigdesk.server.access (no client address, no query string)
    logging.getLogger("uvicorn.access").disabled = True
