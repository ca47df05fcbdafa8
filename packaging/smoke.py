"""Smoke test of a built desktop bundle (Linux): ``python packaging/smoke.py BUNDLE_EXE``.

1. installs the unpacked bundle with its ``install.sh`` into a throwaway prefix;
2. takes the command from the installed ``.desktop`` entry's ``Exec`` line;
3. runs it with nothing but the prefix's ``bin`` on ``PATH`` (no Python to be found), a
   fresh data dir and ``HOME``, no keychain: ``demo --carers 20 --passphrase-stdin``
   creates a demo profile;
4. starts it offscreen with a scripted run (``ui/script.py``): the profile picker shows,
   the profile opens with its passphrase, the main window shows its home screen, quit;
   the program must exit 0.

Prints one JSON line with the seconds to the picker and to the main window. Exit 0 when
all passed. ``packaging/build --smoke`` and ``.ci/run`` run it.
"""

from __future__ import annotations

import configparser
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "röktest lösenfras 1"
APP_ID = "se.anhorigdesk.AnhorigDesk"


def fail(why: str, proc: subprocess.CompletedProcess[str] | None = None) -> None:
    print(f"smoke test FAILED: {why}", file=sys.stderr)
    if proc is not None:
        print((proc.stdout or "")[-2000:], (proc.stderr or "")[-4000:], sep="\n", file=sys.stderr)
    raise SystemExit(1)


def main(exe: Path) -> int:
    bundle = exe.resolve().parent
    with tempfile.TemporaryDirectory(prefix="anhorigdesk-smoke-") as tmp:
        work = Path(tmp)
        prefix = work / "prefix"
        proc = subprocess.run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            fail("install.sh failed", proc)
        entry = configparser.ConfigParser(interpolation=None)
        entry.optionxform = str  # keys are case-sensitive
        entry.read(prefix / "share" / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
        command = [a for a in shlex.split(entry["Desktop Entry"]["Exec"]) if not a.startswith("%")]
        icon = prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
        if not icon.is_file():
            fail(f"no icon at {icon}")

        home = work / "home"
        data = work / "data"
        home.mkdir()
        env = {
            "PATH": str(prefix / "bin"),  # the .desktop's command, and no Python
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_RUNTIME_DIR": str(work / "run"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "LANG": "C.UTF-8",
        }
        (work / "run").mkdir(mode=0o700)
        proc = subprocess.run(
            [*command, "--data-dir", str(data), "demo", "--carers", "20", "--passphrase-stdin"],
            input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=300,
        )
        if proc.returncode != 0:
            fail(f"`{' '.join(command)} demo` exited {proc.returncode}", proc)

        steps = work / "steps.json"
        steps.write_text(json.dumps([
            {"do": "mark_picker"},
            {"do": "open_profile", "passphrase": PASSPHRASE},
            {"do": "mark"},
            {"do": "quit"},
        ]), encoding="utf-8")
        env.update({"ANHORIGDESK_UI_SCRIPT": str(steps), "ANHORIGDESK_BENCH_T0": repr(time.time())})
        proc = subprocess.run([*command, "--data-dir", str(data)], capture_output=True, text=True,
                              env=env, timeout=300)
        out_file = steps.with_name(steps.name + ".out.json")
        if proc.returncode != 0 or not out_file.exists():
            fail(f"the scripted start exited {proc.returncode}", proc)
        out = json.loads(out_file.read_text(encoding="utf-8"))
        done = {s["do"]: s for s in out["steps"]}
        if out["exit"] != 0 or "error" in json.dumps(out) or "mark" not in done:
            fail(f"scripted run: {out}", proc)
        print(json.dumps({"smoke": "ok", "picker_s": round(done["mark_picker"]["seconds"], 3),
                          "main_window_s": round(done["mark"]["seconds"], 3)}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
