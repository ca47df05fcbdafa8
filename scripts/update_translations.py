#!/usr/bin/env python3
"""Regenerate the translation catalogues: the UI's (Qt) and the core's (gettext).

**The UI (Qt).** Source strings in the code are English.  Swedish is the default UI language and
its translations live in ``resources/translations/anhorigdesk_sv.ts`` (edit them
there, or with ``pyside6-linguist``).  This script

1. runs ``pyside6-lupdate`` over ``src/anhorigdesk/ui`` (all .py files) to add new
   strings to ``anhorigdesk_sv.ts`` and ``anhorigdesk_en.ts`` and mark vanished
   ones obsolete (existing translations are kept);
2. runs ``pyside6-lrelease`` to compile both to ``.qm`` (committed, shipped);
3. with ``--check``, fails when a Swedish translation is missing or unfinished,
   or when a ``.qm`` file is older than its ``.ts``.

**The Qt-free core (gettext, with Babel's tools).** Texts are looked up by message id
(``store.open_failed``) in four domains (``core``, ``forms``, ``server``, ``scheduling``; see
``src/anhorigdesk/i18n.py``). The Swedish catalogue
``resources/locale/sv/LC_MESSAGES/<domain>.po`` is the source: add or change a message there
(id and Swedish text). This script then

1. writes the template ``resources/locale/<domain>.pot`` from it (every id, with the Swedish
   text as a comment for translators);
2. updates every other language's ``<language>/LC_MESSAGES/<domain>.po`` from the template
   (Babel's ``update``: new ids come in untranslated, removed ones go);
3. compiles every ``.po`` to ``.mo`` beside it (committed, shipped; the app reads them with the
   standard library's ``gettext``);
4. with ``--check``, changes nothing and fails when a template or ``.mo`` is out of date with its
   ``.po``, or a message lacks a translation, is fuzzy, or has other ``{placeholders}`` than the
   Swedish.

A new language: ``--init-language xx`` makes ``resources/locale/xx/LC_MESSAGES/*.po`` from the
templates; translate them (Poedit, Lokalize, Weblate … or a text editor), run this script.

Usage: ``uv run python scripts/update_translations.py [--check] [--no-obsolete]
[--init-language LANG] [--core-only]``
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
LOCALE = ROOT / "resources" / "locale"
DOMAINS = ("core", "forms", "server", "scheduling")
SOURCE_LANGUAGE = "sv"
SWEDISH_NOTE = "Swedish: "


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


# --- the core's gettext catalogues ------------------------------------------------------------
# Babel is imported in these functions only: the Qt part of the script runs without it.


def po_path(language: str, domain: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def pot_path(domain: str) -> Path:
    return LOCALE / f"{domain}.pot"


def gettext_languages() -> list[str]:
    """The languages with a catalogue folder, Swedish first."""
    found = sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())
    return sorted(found, key=lambda code: (code != SOURCE_LANGUAGE, code))


def read_catalog(path: Path, language: str | None = None):  # -> babel Catalog
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return read_po(file, locale=language, abort_invalid=True)


def po_bytes(catalog) -> bytes:
    import io

    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=0, ignore_obsolete=True)
    return out.getvalue()


def mo_bytes(catalog) -> bytes:
    import io

    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def entries(catalog) -> dict[str, str]:
    """{message id: text} of a catalogue (its header left out)."""
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str)}


def template(domain: str):  # -> babel Catalog
    """The domain's template, made from the Swedish source catalogue."""
    from babel.messages.catalog import Catalog

    swedish = read_catalog(po_path(SOURCE_LANGUAGE, domain), SOURCE_LANGUAGE)
    pot = Catalog(domain=domain, project=swedish.project, version=swedish.version,
                  copyright_holder="AnhörigDesk", msgid_bugs_address="", fuzzy=False,
                  creation_date=swedish.creation_date, revision_date=swedish.creation_date)
    for message in swedish:
        if not message.id:
            continue
        notes = [c for c in message.auto_comments if not c.startswith(SWEDISH_NOTE)]
        pot.add(message.id, "", flags=message.flags - {"fuzzy"},
                auto_comments=[*notes, SWEDISH_NOTE + message.string])
    return pot


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)}")
    return True


def update_gettext() -> None:
    """Template from Swedish, the other languages updated from it, every .po compiled."""
    for domain in DOMAINS:
        pot = template(domain)
        write_if_changed(pot_path(domain), po_bytes(pot))
        for language in gettext_languages():
            path = po_path(language, domain)
            catalog = read_catalog(path, language) if path.is_file() else None
            if language != SOURCE_LANGUAGE:
                if catalog is None:
                    catalog = init_catalog(pot, language)
                catalog.update(pot, no_fuzzy_matching=True)
                write_if_changed(path, po_bytes(catalog))
            assert catalog is not None, path
            write_if_changed(path.with_suffix(".mo"), mo_bytes(catalog))


def init_catalog(pot, language: str):  # -> babel Catalog
    """A new, untranslated catalogue of ``language`` from a template (Babel's ``init``)."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=language, domain=pot.domain, project=pot.project, version=pot.version,
                      copyright_holder="AnhörigDesk", msgid_bugs_address="", fuzzy=False,
                      creation_date=pot.creation_date)
    for message in pot:
        if message.id:
            catalog.add(message.id, "", flags=message.flags, auto_comments=message.auto_comments)
    return catalog


def init_language(language: str) -> None:
    for domain in DOMAINS:
        path = po_path(language, domain)
        if path.exists():
            raise SystemExit(f"{path.relative_to(ROOT)} exists already")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(init_catalog(template(domain), language)))
        print(f"wrote {path.relative_to(ROOT)}: translate it, then run this script")


def gettext_problems() -> list[str]:
    """Everything wrong with the core's catalogues (empty when all are complete and compiled)."""
    import string

    from babel.messages.mofile import read_mo

    def placeholders(text: str) -> set[str]:
        try:
            return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError:
            return {"<not a valid format string>"}

    problems: list[str] = []
    languages = gettext_languages()
    if SOURCE_LANGUAGE not in languages:
        return [f"no Swedish catalogues in {LOCALE}"]
    for domain in DOMAINS:
        swedish = read_catalog(po_path(SOURCE_LANGUAGE, domain), SOURCE_LANGUAGE)
        source = entries(swedish)
        pot = pot_path(domain)
        def notes(catalog) -> list[str]:  # the comments for translators (a .po wraps them)
            return [" ".join(m.auto_comments) for m in catalog if m.id]

        if not pot.is_file() or notes(read_catalog(pot)) != notes(template(domain)):
            problems.append(f"{pot.relative_to(ROOT)}: out of date with the Swedish catalogue")
        for language in languages:
            path = po_path(language, domain)
            where = path.relative_to(ROOT)
            if not path.is_file():
                problems.append(f"{where}: missing")
                continue
            catalog = read_catalog(path, language)
            texts = entries(catalog)
            for msgid in source.keys() - texts.keys():
                problems.append(f"{where}: {msgid}: no translation (the id is not in the file)")
            for msgid in texts.keys() - source.keys():
                problems.append(f"{where}: {msgid}: not in the Swedish catalogue")
            for message in catalog:
                if not message.id or message.id not in source:
                    continue
                if not message.string or not message.string.strip():
                    problems.append(f"{where}: {message.id}: no translation")
                elif message.fuzzy:
                    problems.append(f"{where}: {message.id}: marked fuzzy (check it, then unmark)")
                elif placeholders(message.string) != placeholders(source[message.id]):
                    problems.append(f"{where}: {message.id}: placeholders "
                                    f"{sorted(placeholders(message.string))} differ from the Swedish "
                                    f"{sorted(placeholders(source[message.id]))}")
            mo = path.with_suffix(".mo")
            if not mo.is_file():
                problems.append(f"{mo.relative_to(ROOT)}: missing (run this script)")
                continue
            with mo.open("rb") as file:
                compiled = entries(read_mo(file))
            wanted = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
            if compiled != wanted:
                problems.append(f"{mo.relative_to(ROOT)}: out of date with its .po (run this script)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    parser.add_argument("--no-obsolete", action="store_true", help="drop strings no longer in the code")
    parser.add_argument("--import-json", type=Path, metavar="FILE",
                        help="fill Swedish translations from {source: text} before compiling")
    parser.add_argument("--init-language", metavar="LANG",
                        help="start the core's gettext catalogues of a new language")
    parser.add_argument("--core-only", action="store_true",
                        help="only the core's gettext catalogues (no Qt tools needed)")
    args = parser.parse_args(argv)
    if args.init_language:
        init_language(args.init_language)
    if not args.check:
        update_gettext()
    problems = gettext_problems()
    for line in problems:
        print(f"core catalogue: {line}", file=sys.stderr)
    print(f"{len(DOMAINS)} core domains in {len(gettext_languages())} languages; "
          f"{len(problems)} catalogue problems")
    if args.core_only:
        return 1 if problems else 0
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
    if args.check and (missing or stale or problems):
        return 1
    print(f"{len(source_files())} source files; {len(missing)} Swedish strings untranslated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
