"""The main window's screens."""

from __future__ import annotations
