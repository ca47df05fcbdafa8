"""The form widget tests' own fixture: the built-in forms, loaded once."""

from __future__ import annotations

import pytest

from anhorigdesk.forms import FormRegistry


@pytest.fixture(scope="session")
def registry() -> FormRegistry:
    return FormRegistry.load()
