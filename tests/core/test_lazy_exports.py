"""Packages that load their exports on first use (``anhorigdesk._lazy``)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

LAZY = ("anhorigdesk.store", "anhorigdesk.profiles", "anhorigdesk.scheduling", "anhorigdesk.workspace")


@pytest.mark.parametrize("package", LAZY)
def test_every_export_resolves_and_is_kept(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        getattr(module, name)  # loads its submodule
        assert name in vars(module)  # found directly from now on
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError):
        module.no_such_export  # noqa: B018


@pytest.mark.parametrize("package", LAZY)
def test_importing_the_package_loads_none_of_its_modules(package):
    code = (f"import sys, {package}; "
            f"print(sorted(m for m in sys.modules if m.startswith('{package}.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
