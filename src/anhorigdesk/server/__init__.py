"""anhorigdesk-server: the central sync server (FastAPI on uvicorn; SQLite or PostgreSQL)."""

from importlib.util import find_spec as _find_spec

# Installed without the server extra (a laptop's install): say how to get it, instead of
# failing on the first missing import somewhere inside.
_MISSING = [name for name in ("fastapi", "uvicorn", "argon2", "prometheus_client")
            if _find_spec(name) is None]
if _MISSING:
    raise ImportError(
        "anhorigdesk-server needs the server's packages (missing: "
        f"{', '.join(_MISSING)}): pip install 'anhorigdesk[server]'"
    )
