"""The core's gettext catalogues (resources/locale) and the one module that finds shipped data.

The catalogues are complete in every language, their committed .mo match their .po, and the
check in scripts/update_translations.py fails on each way they can go wrong. The texts are
looked up live in the language the app has chosen, from a checkout or an installed copy.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from anhorigdesk import i18n, paths
from anhorigdesk.forms.messages import Message
from anhorigdesk.scheduling.texts import ended_because_codes, ended_because_text, reason_text
from anhorigdesk.server.messages import ApiError
from anhorigdesk.sync.messages import describe

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("update_translations_core",
                                                  ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The script working on a copy of resources/locale (the real files are never touched)."""
    script = _script()
    shutil.copytree(ROOT / "resources" / "locale", tmp_path / "resources" / "locale")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "LOCALE", tmp_path / "resources" / "locale")
    return script


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalogues_are_complete_and_compiled() -> None:
    script = _script()
    assert script.gettext_languages() == ["sv", "en"]
    assert script.gettext_problems() == []
    assert script.main(["--check", "--core-only"]) == 0


def test_the_tool_would_write_exactly_the_committed_files(copy) -> None:
    before = {p: p.read_bytes() for p in copy.LOCALE.rglob("*") if p.is_file()}
    copy.update_gettext()
    after = {p: p.read_bytes() for p in copy.LOCALE.rglob("*") if p.is_file()}
    assert after == before


def test_check_fails_when_a_translation_is_missing(copy) -> None:
    en = copy.po_path("en", "core")
    _edit(en, 'msgstr "Wrong passphrase."', 'msgstr ""')
    problems = copy.gettext_problems()
    assert "resources/locale/en/LC_MESSAGES/core.po: keys.wrong_passphrase: no translation" in problems
    # and its .mo (still with the English) no longer matches the .po
    assert "resources/locale/en/LC_MESSAGES/core.mo: out of date with its .po (run this script)" in problems
    assert copy.main(["--check", "--core-only"]) == 1


def test_check_fails_when_a_mo_is_stale_and_the_tool_recompiles_it(copy) -> None:
    sv = copy.po_path("sv", "server")
    _edit(sv, 'msgstr "Adressen finns inte."', 'msgstr "Adressen finns inte här."')
    problems = copy.gettext_problems()
    assert "resources/locale/sv/LC_MESSAGES/server.mo: out of date with its .po (run this script)" in problems
    assert "resources/locale/server.pot: out of date with the Swedish catalogue" in problems
    copy.update_gettext()
    assert copy.gettext_problems() == []
    assert "#. Swedish: Adressen finns inte här." in copy.pot_path("server").read_text(encoding="utf-8")


def test_a_new_swedish_message_reaches_every_language_untranslated(copy) -> None:
    sv = copy.po_path("sv", "scheduling")
    sv.write_text(sv.read_text(encoding="utf-8")
                  + '\nmsgid "reasons.new_reason"\nmsgstr "En ny anledning"\n', encoding="utf-8")
    assert ("resources/locale/en/LC_MESSAGES/scheduling.po: reasons.new_reason: "
            "no translation (the id is not in the file)") in copy.gettext_problems()
    copy.update_gettext()
    en = copy.po_path("en", "scheduling").read_text(encoding="utf-8")
    assert '#. Swedish: En ny anledning\nmsgid "reasons.new_reason"\nmsgstr ""' in en
    assert copy.gettext_problems() == [
        "resources/locale/en/LC_MESSAGES/scheduling.po: reasons.new_reason: no translation"]


def test_check_fails_on_fuzzy_and_on_other_placeholders(copy) -> None:
    en = copy.po_path("en", "forms")
    _edit(en, 'msgstr "Row {number}"', 'msgstr "Row {numbr}"')
    _edit(en, 'msgid "comment"', '#, fuzzy\nmsgid "comment"')
    problems = copy.gettext_problems()
    assert ("resources/locale/en/LC_MESSAGES/forms.po: row: placeholders ['numbr'] differ from "
            "the Swedish ['number']") in problems
    assert "resources/locale/en/LC_MESSAGES/forms.po: comment: marked fuzzy (check it, then unmark)" in problems


def test_a_translator_starts_a_new_language(copy) -> None:
    copy.init_language("fi")
    fi = copy.po_path("fi", "core").read_text(encoding="utf-8")
    assert '#. Swedish: Fel lösenfras.\nmsgid "keys.wrong_passphrase"\nmsgstr ""' in fi
    assert copy.gettext_languages() == ["sv", "en", "fi"]
    problems = copy.gettext_problems()
    assert "resources/locale/fi/LC_MESSAGES/core.po: keys.wrong_passphrase: no translation" in problems
    with pytest.raises(SystemExit, match="exists already"):
        copy.init_language("fi")


def test_every_code_the_core_names_has_a_text_in_every_language() -> None:
    assert i18n.languages() == ("sv", "en")
    for code in sorted(ended_because_codes()):
        text = ended_because_text(code)
        assert text.get("sv") and text.get("en") and text.get("sv") != text.get("en"), code
    assert reason_text("first_checkin").get("en") == "First conversation about voluntariness"
    assert reason_text("first_checkin").get("sv") == "Första samtalet om frivillighet"
    with pytest.raises(KeyError, match="no text for scheduling reason code 'nope'"):
        reason_text("nope")
    with pytest.raises(KeyError, match="no message 'nope' in the forms catalog"):
        Message("nope")
    with pytest.raises(KeyError, match="no message for error code 'nope'"):
        ApiError(400, "nope")
    assert i18n.message("no.such.code") == "no.such.code"


def test_switching_the_language_is_live() -> None:
    assert i18n.message("keys.wrong_passphrase") == "Fel lösenfras."
    assert describe("token_invalid") == "Logga in på servern igen för att synkronisera."
    i18n.set_language("en")
    try:
        assert i18n.message("keys.wrong_passphrase") == "Wrong passphrase."
        assert describe("token_invalid") == "Log in to the server again to synchronise."
        assert describe("odd_code") == "The sync stopped (odd_code). Nothing was lost; it will try again later."
        i18n.set_language("xx")  # no such catalogue: Swedish
        assert i18n.current_language() == "sv"
    finally:
        i18n.set_language("sv")
    # an explicit language does not depend on the current one
    assert i18n.message("pin.wrong", "en", remaining=2) == "Wrong PIN. 2 tries left before the profile is closed."
    assert Message("row", {"number": 3}).text("en") == "Row 3"
    assert ApiError(404, "not_found").body("en")["error"]["message"] == "No such address."


def test_a_message_missing_in_a_language_is_swedish(tmp_path, monkeypatch) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(paths.locale_dir(), locale)
    script = _script()
    en = locale / "en" / "LC_MESSAGES" / "core.po"
    _edit(en, 'msgstr "Wrong passphrase."', 'msgstr ""')
    (en.with_suffix(".mo")).write_bytes(script.mo_bytes(script.read_catalog(en, "en")))
    monkeypatch.setattr(i18n, "locale_dir", lambda: locale)
    i18n.translations.cache_clear()
    i18n.languages.cache_clear()
    try:
        assert i18n.message("keys.wrong_passphrase", "en") == "Fel lösenfras."
        assert i18n.message("keys.no_key", "en").startswith("The profile's key is not")
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()
        i18n.languages.cache_clear()


def test_an_installed_copy_finds_everything_under_its_package_data(tmp_path) -> None:
    """A wheel (and the PyInstaller bundle) keep forms/ and resources/ in anhorigdesk/_data/."""
    site = tmp_path / "site"
    package = site / "anhorigdesk"
    shutil.copytree(Path(paths.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__", "ui"))
    shutil.copytree(paths.builtin_forms_dir(), package / "_data" / "forms")
    shutil.copytree(paths.resources_dir(), package / "_data" / "resources")
    code = (
        "from anhorigdesk import paths, i18n\n"
        "from anhorigdesk.scheduling.texts import reason_text\n"
        "from anhorigdesk.server.messages import ApiError\n"
        "for f in (paths.builtin_forms_dir, paths.schema_file, paths.resources_dir, paths.fonts_dir,\n"
        "          paths.printing_texts_dir, paths.example_municipality_path, paths.translations_dir,\n"
        "          paths.locale_dir):\n"
        "    print(f().relative_to(paths.__file__.rsplit('/', 1)[0]), f().exists())\n"
        "print(i18n.message('store.closed', 'en'))\n"
        "print(reason_text('korttid_ended').get('en'))\n"
        "print(ApiError(404, 'not_found').body('sv')['error']['message'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site)}, check=True).stdout.splitlines()
    assert out == [
        "_data/forms True",
        "_data/forms/schema/form.schema.json True",
        "_data/resources True",
        "_data/resources/fonts True",
        "_data/resources/printing True",
        "_data/resources/municipality/example.yaml True",
        "_data/resources/translations True",
        "_data/resources/locale True",
        "The database is closed or the profile is locked.",
        "A short-term stay has ended",
        "Adressen finns inte.",
    ]


def test_a_copy_without_its_data_says_where_it_looked(tmp_path) -> None:
    site = tmp_path / "site"
    shutil.copytree(Path(paths.__file__).parent, site / "anhorigdesk",
                    ignore=shutil.ignore_patterns("__pycache__", "ui"))
    result = subprocess.run(
        [sys.executable, "-c", "from anhorigdesk import i18n; i18n.message('store.closed')"],
        cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(site)}, check=False)
    assert result.returncode != 0
    assert (f"FileNotFoundError: AnhörigDesk's shipped folder 'resources' was found neither at "
            f"{site / 'anhorigdesk' / '_data' / 'resources'} nor at {tmp_path / 'resources'}") in result.stderr
