"""packaging/ and the dependency split, without building anything heavy: the lock file's
closures, the desktop entry and AppStream file (validated with Debian's tools), the
PyInstaller spec's coverage, the icons, the Linux install script, the server's container
and systemd unit, the Windows installer definition. (The bundle itself is built and
smoke-tested by ``packaging/build --smoke``, in .ci/run.)"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "se.anhorigdesk.AnhorigDesk"
SERVER_ONLY = {"fastapi", "starlette", "uvicorn", "argon2-cffi", "psycopg", "psycopg-binary",
               "httptools", "prometheus-client"}


def _lock() -> dict[str, dict]:
    data = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return {p["name"]: p for p in data["package"]}


def _closure(packages: dict[str, dict], extra: str) -> set[str]:
    """Every package ``anhorigdesk[extra]`` installs, from uv.lock (markers ignored: a
    superset, so an absent name is absent on every platform)."""
    root = packages["anhorigdesk"]
    todo = [d["name"] for d in root.get("dependencies", [])]
    todo += [d["name"] for d in root.get("optional-dependencies", {}).get(extra, [])]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or name == "anhorigdesk":
            continue
        seen.add(name)
        package = packages[name]
        todo += [d["name"] for d in package.get("dependencies", [])]
        for dep in package.get("dependencies", []):
            for chosen in dep.get("extra", []):
                todo += [d["name"] for d in package.get("optional-dependencies", {}).get(chosen, [])]
    return seen


def test_desktop_and_server_installs_are_split_in_one_lock_file() -> None:
    packages = _lock()
    desktop, server = _closure(packages, "desktop"), _closure(packages, "server")
    assert {"pyside6-essentials", "sqlcipher3", "reportlab", "keyring"} <= desktop
    assert not desktop & SERVER_ONLY, desktop & SERVER_ONLY
    assert {"fastapi", "uvicorn", "psycopg", "argon2-cffi", "prometheus-client"} <= server
    assert not {n for n in server if n.startswith(("pyside6", "shiboken6"))}
    assert "sqlite-utils" not in desktop | server  # only a test uses it (dev group)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = project["dependency-groups"]["dev"]
    assert "anhorigdesk[desktop,server]" in dev  # `uv run` (default group) has both programs
    assert set(project["project"]["scripts"]) == {"anhorigdesk", "anhorigdesk-server"}
    assert "pyinstaller" in " ".join(project["dependency-groups"]["packaging"])


def test_desktop_entry_is_valid_and_names_the_installed_command() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "anhorigdesk" and section["Icon"] == APP_ID
    assert section["Name"] == "AnhörigDesk" and section["GenericName"] == "Stöd till anhöriga"
    assert section["GenericName[en]"] == "Support for family carers"
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (Debian: desktop-file-utils; .ci/run installs it)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstream_metainfo_is_valid() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
    text = path.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in text and f"{APP_ID}.desktop</launchable>" in text
    assert "<binary>anhorigdesk</binary>" in text
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (Debian: appstream; .ci/run installs it)")
    result = subprocess.run([tool, "validate", "--no-net", "--pedantic", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # only the pedantic note about the upper-case letters of the reverse-DNS id
    problems = [line for line in result.stdout.splitlines() if re.match(r"^[EWI]: ", line)]
    assert problems == [], problems


def test_spec_covers_what_the_app_loads_by_name() -> None:
    spec = (PACKAGING / "anhorigdesk.spec").read_text(encoding="utf-8")
    compile(spec, "anhorigdesk.spec", "exec")
    from anhorigdesk.ui import qt

    for module in qt._NAMES:  # ui/qt.py imports these by name: PyInstaller cannot see them
        assert f'"{module}"' in spec, module
    assert '"anhorigdesk.server"' in spec  # excluded: the laptop never runs the server
    for data in ('"forms"', '"resources"', '"anhorigdesk/_data/forms"', '"anhorigdesk/_data/resources"'):
        assert data in spec, data
    # the core's compiled message catalogues (scheduling texts among them) ship inside resources/
    for domain in ("core", "forms", "server", "scheduling"):
        assert (ROOT / "resources" / "locale" / "sv" / "LC_MESSAGES" / f"{domain}.mo").is_file(), domain
    assert 'copy_metadata("keyring")' in spec  # keyring finds its backends by entry points
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from anhorigdesk.__main__ import main" in launcher
    template = (PACKAGING / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    assert "@NUMBERS@" in template and "@VERSION@" in template


def test_icons_render_in_the_usual_sizes(tmp_path: Path, qapp) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    assert spec is not None and spec.loader is not None
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    written = make_icons.render(tmp_path)
    from PySide6.QtGui import QImage  # a test may use Qt directly

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png in written
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
    ico = (tmp_path / "anhorigdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)


def test_linux_install_script_installs_and_uninstalls_keeping_user_data(tmp_path: Path) -> None:
    bundle = tmp_path / "AnhorigDesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "AnhorigDesk").write_text("#!/bin/sh\necho started\n")
    (bundle / "AnhorigDesk").chmod(0o755)
    for sub, name in (("applications", f"{APP_ID}.desktop"), ("metainfo", f"{APP_ID}.metainfo.xml")):
        (bundle / "share" / sub).mkdir(parents=True)
        shutil.copy(PACKAGING / "linux" / name, bundle / "share" / sub / name)
    icon = bundle / "share" / "icons" / "hicolor" / "48x48" / "apps"
    icon.mkdir(parents=True)
    (icon / f"{APP_ID}.png").write_bytes(b"png")
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle / "install.sh")
    prefix = tmp_path / "prefix"
    user_data = tmp_path / "home" / ".local" / "share" / "AnhorigDesk" / "profiles"
    user_data.mkdir(parents=True)
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix)], check=True,
                   capture_output=True, env=env)
    started = subprocess.run([str(prefix / "bin" / "anhorigdesk")], capture_output=True, text=True)
    assert started.stdout.strip() == "started"
    assert (prefix / "share" / "applications" / f"{APP_ID}.desktop").is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    subprocess.run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix), "--uninstall"],
                   check=True, capture_output=True, env=env)
    assert not (prefix / "bin" / "anhorigdesk").exists()
    assert not (prefix / "opt" / "AnhorigDesk").exists()
    assert user_data.is_dir()


def test_server_container_and_systemd_unit() -> None:
    container = (PACKAGING / "server" / "Containerfile").read_text(encoding="utf-8")
    assert "--no-default-groups --extra server" in container  # no Qt in the image
    assert re.search(r"^USER anhorigdesk$", container, re.M)
    assert "/healthz" in container and "--log-format" in container
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    text = (PACKAGING / "server" / "anhorigdesk-server.service").read_text(encoding="utf-8")
    unit.read_string(text)
    service = unit["Service"]
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
                       "PrivateTmp": "yes", "PrivateDevices": "yes", "CapabilityBoundingSet": "",
                       "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
                       "ReadWritePaths": "/var/lib/anhorigdesk", "User": "anhorigdesk"}.items():
        assert service[key] == value, key
    assert "admin migrate" in service["ExecStartPre"] and "--log-format json" in service["ExecStart"]
    tool = shutil.which("systemd-analyze")
    if tool is not None:
        result = subprocess.run([tool, "verify", str(PACKAGING / "server" / "anhorigdesk-server.service")],
                                capture_output=True, text=True, check=False)
        # the only complaint allowed: the program is not installed on this machine
        other = [line for line in (result.stderr + result.stdout).splitlines()
                 if line.strip() and "is not executable" not in line]
        assert other == [], other


def test_windows_installer_is_per_machine_and_keeps_user_data() -> None:
    iss = (PACKAGING / "windows" / "anhorigdesk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=admin" in iss and "DefaultDirName={autopf}" in iss
    assert "{autoprograms}" in iss  # the Start menu
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M)  # upgrades find the install
    deletes = [line for line in iss.lower().split("[uninstalldelete]")[-1].splitlines()
               if line.startswith("type:")]
    assert deletes and all("{app}" in line for line in deletes)  # never the users' data
    assert 'Name: "swedish"' in iss.split("[Languages]")[1].split("[")[0].splitlines()[1]
