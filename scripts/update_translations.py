#!/usr/bin/env python3
"""Regenerate the UI translation catalogues.

Source strings in the code are English.  Swedish is the default UI language and
its translations live in ``resources/translations/anhorigdesk_sv.ts`` (edit them
there, or with ``pyside6-linguist``).  This script

1. runs ``pyside6-lupdate`` over ``src/anhorigdesk/ui`` (all .py files) to add new
   strings to ``anhorigdesk_sv.ts`` and ``anhorigdesk_en.ts`` and mark vanished
   ones obsolete (existing translations are kept);
2. runs ``pyside6-lrelease`` to compile both to ``.qm`` (committed, shipped);
3. with ``--check``, fails when a Swedish translation is missing or unfinished,
   or when a ``.qm`` file is older than its ``.ts``.

Usage: ``uv run python scripts/update_translations.py [--check] [--no-obsolete]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "anhorigdesk" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("sv", "en")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        candidate = Path(sys.executable).parent / name
        if candidate.exists():
            return str(candidate)
        raise SystemExit(f"{name} not found: install pyside6-essentials (uv sync)")
    return found


def source_files() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"anhorigdesk_{language}.ts"


def run_lupdate(no_obsolete: bool) -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in source_files()]
    for language in LANGUAGES:
        cmd = [_tool("pyside6-lupdate"), *files, "-source-language", "en", "-target-language", language]
        if no_obsolete:
            cmd.append("-no-obsolete")
        cmd += ["-locations", "none", "-ts", str(ts_path(language))]
        subprocess.run(cmd, check=True)


def fill_english_plurals() -> None:
    """English source strings are the English UI, except plural forms ("%n change(s)"):
    the en catalogue carries those (singular/plural) so English reads right."""
    path = ts_path("en")
    tree = ET.parse(path)
    changed = False
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") not in ("unfinished", None):
            continue
        forms = translation.findall("numerusform")
        if forms and all(f.text for f in forms) and translation.get("type") is None:
            continue
        singular = source.replace("(s)", "").replace("(es)", "")
        plural = source.replace("(s)", "s").replace("(es)", "es")
        for form in list(translation):
            translation.remove(form)
        for text in (singular, plural):
            ET.SubElement(translation, "numerusform").text = text
        translation.attrib.pop("type", None)
        changed = True
    if changed:
        tree.write(path, encoding="utf-8", xml_declaration=True)


def import_json(path: Path) -> int:
    """Set Swedish translations from a JSON object {source: text or [singular, plural]}
    (for entering many strings at once); returns how many messages it filled."""
    import json

    table = json.loads(path.read_text(encoding="utf-8"))
    ts = ts_path("sv")
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        if source not in table:
            continue
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        value = table[source]
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value, value]
            translation.text = None
            for text in forms:
                ET.SubElement(translation, "numerusform").text = text
        else:
            if isinstance(value, list):
                raise SystemExit(f"{path}: {source!r} is not a plural message; give one text")
            translation.text = value
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def run_lrelease() -> None:
    for language in LANGUAGES:
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts_path(language)), "-qm",
             str(TRANSLATIONS / f"anhorigdesk_{language}.qm")],
            check=True,
        )


def missing_swedish() -> list[str]:
    """Source strings with no finished Swedish translation ("context: source")."""
    tree = ET.parse(ts_path("sv"))
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                missing.append(f"{name}: {message.findtext('source')}")
                continue
            kind = translation.get("type")
            if kind in ("obsolete", "vanished"):
                continue
            texts = [f.text for f in translation.findall("numerusform")] or [translation.text]
            if kind == "unfinished" or not all(texts):
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    parser.add_argument("--no-obsolete", action="store_true", help="drop strings no longer in the code")
    parser.add_argument("--import-json", type=Path, metavar="FILE",
                        help="fill Swedish translations from {source: text} before compiling")
    args = parser.parse_args(argv)
    if not args.check:
        run_lupdate(args.no_obsolete)
        if args.import_json:
            print(f"filled {import_json(args.import_json)} Swedish messages")
        fill_english_plurals()
        run_lrelease()
    missing = missing_swedish()
    for line in missing:
        print(f"missing Swedish translation: {line}", file=sys.stderr)
    stale = [
        language for language in LANGUAGES
        if not (TRANSLATIONS / f"anhorigdesk_{language}.qm").exists()
        or (TRANSLATIONS / f"anhorigdesk_{language}.qm").stat().st_mtime
        < ts_path(language).stat().st_mtime - 1
    ]
    for language in stale:
        print(f"compiled catalogue out of date: anhorigdesk_{language}.qm", file=sys.stderr)
    if args.check and (missing or stale):
        return 1
    print(f"{len(source_files())} source files; {len(missing)} Swedish strings untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
