"""The PySide6 desktop application (the only package that imports Qt, via ``ui.qt``)."""

from __future__ import annotations
