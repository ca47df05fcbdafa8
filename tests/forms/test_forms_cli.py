"""`python -m anhorigdesk.forms`: checking form files without a programmer."""

from __future__ import annotations

from pathlib import Path

from anhorigdesk.forms import builtin_forms_dir
from anhorigdesk.forms.__main__ import main

BROKEN = Path(__file__).parent / "broken"


def test_builtin_folder_checks_ok(capsys) -> None:
    assert main([str(builtin_forms_dir())]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all(line.startswith("OK ") for line in out)
    assert any("stodplan, version 1" in line for line in out)


def test_broken_file_reports_line_and_path_in_the_chosen_language(capsys) -> None:
    file = BROKEN / "unknown_kind.yaml"
    assert main(["--lang", "en", str(file), str(builtin_forms_dir() / "samtal.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{file}, line 24, sections[1].questions[3].kind: unknown question kind "
                      "'free_essay' (allowed: short_text, long_text, yes_no_unsure, single_choice, "
                      "multi_choice, scale, number, date, checklist_item, repeating_group)")
    assert out[1].startswith("OK ")
    assert main([str(file)]) == 1
    assert "rad 24" in capsys.readouterr().out


def test_empty_folder(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path)]) == 1
    assert "Inga formulärfiler" in capsys.readouterr().err
