"""Fixtures for the form widget tests: offscreen Qt and a widget filler."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from anhorigdesk.forms import FormRegistry


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot resize native windows to their size hints and warns
    # whenever a top-level widget is shown; that is the test platform's limit.
    for item in items:
        if "tests/ui_forms" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(scope="session")
def registry() -> FormRegistry:
    return FormRegistry.load()
