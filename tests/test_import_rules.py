"""The layering of the package, checked on every module's syntax tree (docs/ARCHITECTURE.md):

* the core (everything outside ``ui/``) imports no Qt (PySide6, shiboken6);
* the server imports neither the screens (``ui/``) nor the workspace the screens use;
* the screens (``ui/``) do not import the server;
* the store imports nothing above it (scheduling, forms, sync, printing, profiles, the
  workspace, the screens, the server, the domain modules at the package root): they build on
  the store, never the other way round.

Every import counts: at the top, inside a function, under ``TYPE_CHECKING``, relative, and
``importlib.import_module("...")`` / ``__import__("...")`` with a literal name.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import anhorigdesk

PACKAGE = Path(anhorigdesk.__file__).parent
QT = ("PySide6", "shiboken6")
ABOVE_THE_STORE = (
    "scheduling", "forms", "sync", "printing", "profiles", "ui", "server", "workspace",
    "domain", "agenda", "responses", "korttid", "marking", "demo", "__main__",
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted (anhorigdesk.store.repository)
    line: int
    target: str  # the imported module, dotted and absolute


def _module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = module.split(".")
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base)
        head = f"{prefix}.{node.module}" if node.module else prefix
    else:
        head = node.module or ""
    # ``from pkg import name`` may import the submodule pkg.name: count both
    return [head, *(f"{head}.{alias.name}" for alias in node.names if alias.name != "*")]


def imports_of(root: Path) -> list[Import]:
    """Every import of every module under ``root`` (a package directory)."""
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [Import(module, node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                found += [Import(module, node.lineno, t) for t in _resolve(module, is_package, node)]
            elif (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                    or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__"))
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(Import(module, node.lineno, node.args[0].value))
    return found


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def broken_rules(root: Path) -> list[str]:
    """Each import that breaks a rule, as ``module:line imports target (rule)``."""
    top = root.name
    ui, server, store, workspace = (f"{top}.{p}" for p in ("ui", "server", "store", "workspace"))
    out: list[str] = []
    for imp in imports_of(root):
        rule = None
        if not _in(imp.module, ui) and any(_in(imp.target, qt) for qt in QT):
            rule = "the core imports no Qt"
        elif _in(imp.module, server) and (_in(imp.target, ui) or _in(imp.target, workspace)):
            rule = "the server imports no UI"
        elif _in(imp.module, ui) and _in(imp.target, server):
            rule = "the UI imports no server"
        elif _in(imp.module, store) and any(_in(imp.target, f"{top}.{p}") for p in ABOVE_THE_STORE):
            rule = "the store imports nothing above it"
        if rule:
            out.append(f"{imp.module}:{imp.line} imports {imp.target} ({rule})")
    return sorted(set(out))


def test_the_package_keeps_its_layers() -> None:
    assert imports_of(PACKAGE)  # the walk found the package's imports at all
    assert broken_rules(PACKAGE) == []


def _tree(tmp: Path, files: dict[str, str]) -> Path:
    root = tmp / "anhorigdesk"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        (folder / "__init__.py").touch()
    return root


def test_each_rule_catches_a_bad_import(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "forms/model.py": "from PySide6.QtCore import QObject\n",
        "server/app.py": "def f():\n    from anhorigdesk.ui import app\n",
        "server/jobs.py": "from ..workspace import Workspace\n",
        "ui/sync.py": "import anhorigdesk.server.models\n",
        "store/entities.py": (
            "import importlib\n"
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from ..sync.merge import EntityState\n"
            "importlib.import_module('anhorigdesk.scheduling.storage')\n"
        ),
        "store/repository.py": "from . import entities\nfrom anhorigdesk.replication import merge\n",
        "ui/page.py": "from PySide6.QtWidgets import QWidget\nfrom anhorigdesk.store import entities\n",
    })
    assert broken_rules(root) == [
        "anhorigdesk.forms.model:1 imports PySide6.QtCore (the core imports no Qt)",
        "anhorigdesk.forms.model:1 imports PySide6.QtCore.QObject (the core imports no Qt)",
        "anhorigdesk.server.app:2 imports anhorigdesk.ui (the server imports no UI)",
        "anhorigdesk.server.app:2 imports anhorigdesk.ui.app (the server imports no UI)",
        "anhorigdesk.server.jobs:1 imports anhorigdesk.workspace (the server imports no UI)",
        "anhorigdesk.server.jobs:1 imports anhorigdesk.workspace.Workspace (the server imports no UI)",
        "anhorigdesk.store.entities:4 imports anhorigdesk.sync.merge (the store imports nothing above it)",
        "anhorigdesk.store.entities:4 imports anhorigdesk.sync.merge.EntityState"
        " (the store imports nothing above it)",
        "anhorigdesk.store.entities:5 imports anhorigdesk.scheduling.storage"
        " (the store imports nothing above it)",
        "anhorigdesk.ui.sync:1 imports anhorigdesk.server.models (the UI imports no server)",
    ]
