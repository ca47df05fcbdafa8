"""Package exports loaded on first use (PEP 562).

A package whose ``__init__`` imports its submodules, while a submodule imports a sibling
through the package (``from anhorigdesk.store import bulk``), is a cycle: harmless in one
thread, but two threads importing the package at once (the app's start opens the profile on
one thread while another loads the main window's modules) can meet a partially initialised
module and fail with ImportError. With exports loaded on first use the package's
``__init__`` imports nothing, and a caller that needs one name loads only its module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, modules: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``modules`` maps each exported name to
    the submodule (relative name) that defines it."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(modules))

    return __getattr__, __dir__
