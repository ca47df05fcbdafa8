"""Qt item models over the repository (fetching lazily, off the GUI thread)."""

from __future__ import annotations
