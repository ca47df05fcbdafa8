"""Reading the only profile's key from the keychain in a helper process, at start.

Python threads take turns on one interpreter lock, and finding keyring's backend is Python
work (measured here: ~0.1 s of imports, entry points and a probe of every backend, then a
Secret Service session): on a thread it only takes turns with importing Qt, and the start
gets no shorter. A helper process does it on another core at the same time.

The helper uses the same ``keyring`` configuration as the app (it inherits the environment)
and the same checks (``profiles.keys``: an insecure keychain is refused). It never writes the
key anywhere but to its parent, through the pipe of its standard output (not a file, an
argument or an environment variable), and exits.

Protocol, one JSON line each way. The parent runs
``python -m anhorigdesk.ui.keychain_reader <profile id> [<backend>]``; the helper finds the
backend (directly, if ``<backend>`` — the one the key was last read from, kept in
profile.json — is usable and nothing configures keyring otherwise: ``keys.use_backend_hint``)
and writes ``{"ready": true}`` (or an error). It then reads one line: ``open`` → it reads the
key and a pending key (an interrupted key change) and writes
``{"key": "<hex>" | null, "pending": "<hex>" | null, "backend": "<name>"}``; anything else, or the end of its
input, → it exits without reading the keychain. An error is ``{"error": "keys", "code": …,
"params": {…}}`` for the keychain's own (translatable) errors, else
``{"error": "<exception type>"}``.

Qt-free.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import IO, Any

OPEN = "open"


# ------------------------------------------------------------------ the helper
def _send(out: IO[str], message: dict[str, Any]) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _error(exc: BaseException) -> dict[str, Any]:
    from anhorigdesk.profiles import keys

    if isinstance(exc, keys.KeyError_):
        return {"error": "keys", "code": exc.code, "params": exc.params}
    return {"error": type(exc).__name__}


def main(argv: list[str], stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout) -> int:
    if len(argv) not in (1, 2):
        _send(stdout, {"error": "usage"})
        return 2
    profile_id = argv[0]
    try:
        from anhorigdesk.profiles import keys

        if len(argv) == 2:
            keys.use_backend_hint(argv[1])
        backend = keys.secure_backend()  # finds the backend; refuses an insecure one
    except Exception as exc:
        _send(stdout, _error(exc))
        return 0
    _send(stdout, {"ready": True})
    if stdin.readline().strip() != OPEN:
        return 0
    try:
        key = keys.load_from_keychain(profile_id)
        pending = keys.load_from_keychain(profile_id, pending=True) if key is not None else None
    except Exception as exc:
        _send(stdout, _error(exc))
        return 0
    _send(stdout, {"key": key.hex() if key is not None else None,
                   "pending": pending.hex() if pending is not None else None,
                   "backend": keys.backend_name(backend)})
    return 0


# ------------------------------------------------------------------ the parent
class HelperFailed(Exception):
    """The helper could not be used (not started, ended early, an unexpected answer): the
    parent reads the keychain itself instead."""


@dataclass
class KeychainReader:
    """The parent's side: ``start`` the helper for a profile; ``read`` (blocking, on a worker
    thread) the keys after ``ready``; ``stop`` ends it without reading."""

    process: subprocess.Popen[str]
    backend: str | None = None  # the keyring backend the keys were read from (after read)

    @classmethod
    def start(cls, profile_id: str, backend_hint: str | None = None) -> KeychainReader:
        if getattr(sys, "frozen", False) or not sys.executable:
            raise HelperFailed("no interpreter to run the helper with")
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "anhorigdesk.ui.keychain_reader", profile_id,
                 *([backend_hint] if backend_hint else [])],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, encoding="utf-8", env=dict(os.environ), creationflags=flags,
            )
        except OSError as exc:
            raise HelperFailed(type(exc).__name__) from None
        return cls(process)

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        try:
            answer = json.loads(self.process.stdout.readline())
        except (OSError, ValueError):  # no line, not JSON, or stopped meanwhile
            answer = None
        if not isinstance(answer, dict):
            self.stop()
            raise HelperFailed("no answer")
        if answer.get("error") == "keys":
            from anhorigdesk.profiles import keys

            self.stop()
            raise keys.KeyError_(str(answer.get("code")), **dict(answer.get("params") or {}))
        if "error" in answer:
            self.stop()
            raise HelperFailed(str(answer["error"]))
        return answer

    def ready(self) -> None:
        """Wait until the helper has found a secure keychain (raises the keychain's error)."""
        self._answer()

    def read(self) -> tuple[bytes | None, bytes | None]:
        """The key and the pending key (None where there is none)."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(OPEN + "\n")
            self.process.stdin.flush()
        except OSError:
            self.stop()
            raise HelperFailed("helper gone") from None
        answer = self._answer()
        # It has written all it will and exits by itself: reap it beside, not before, the
        # opening of the database (its interpreter's exit takes a few tens of milliseconds).
        threading.Thread(target=self.stop, kwargs={"wait_s": 5.0}, name="keychain-reader-exit",
                         daemon=True).start()
        key, pending = answer.get("key"), answer.get("pending")
        backend = answer.get("backend")
        self.backend = backend if isinstance(backend, str) else None
        return (bytes.fromhex(key) if key else None, bytes.fromhex(pending) if pending else None)

    def stop(self, wait_s: float = 0.0) -> None:
        """End the helper (after ``wait_s`` seconds for it to exit by itself): its work is
        done or no longer wanted. Safe from any thread."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=wait_s)
        if self.process.poll() is None:
            self.process.kill()  # it holds nothing that needs cleaning up
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError, ValueError):
                if pipe is not None:
                    pipe.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
