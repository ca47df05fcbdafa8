"""The server's messages (Swedish first, English second) and its API error type.

The texts are the ``server`` gettext catalogue (``resources/locale/<language>/LC_MESSAGES/
server.po``, see :mod:`anhorigdesk.i18n`), looked up by error code.

Every error the server answers with has a stable ``code`` (clients branch on it), a
message in the language the client asks for (``Accept-Language``, Swedish by
default) and optional ``params`` with machine-readable details.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk import i18n

DOMAIN = "server"


def has_message(code: str) -> bool:
    """Whether the server's catalogue has a message for ``code``."""
    return i18n.has_message(DOMAIN, code)


def pick_language(accept_language: str | None) -> str:
    """``sv`` unless the client prefers English."""
    if not accept_language:
        return "sv"
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("sv"):
            return "sv"
        if tag.startswith("en"):
            return "en"
    return "sv"


def render(code: str, language: str, params: dict[str, Any]) -> str:
    template = i18n.template(DOMAIN, code, language)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class ApiError(Exception):
    """An error answered to the client as ``{"error": {"code", "message", "params"}}``."""

    def __init__(
        self,
        status: int,
        code: str,
        params: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        if not has_message(code):
            raise KeyError(f"no message for error code {code!r}")
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.params = params or {}
        self.headers = headers or {}

    def body(self, language: str) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": render(self.code, language, self.params),
                "params": self.params,
            }
        }
