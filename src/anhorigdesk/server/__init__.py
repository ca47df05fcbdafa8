"""anhorigdesk-server: the central sync server (FastAPI on uvicorn; SQLite or PostgreSQL)."""
