"""Where the built-in form files and the form schema are, in the source tree or an installed wheel."""

from __future__ import annotations

from pathlib import Path


def builtin_forms_dir() -> Path:
    """The folder of the built-in forms.

    In the source tree it is `<repo>/forms`; in an installed wheel, pyproject force-includes that
    folder as `anhorigdesk/_data/forms`.
    """
    here = Path(__file__).resolve()
    installed = here.parents[1] / "_data" / "forms"
    if (installed / "schema" / "form.schema.json").is_file():
        return installed
    source_tree = here.parents[3] / "forms"
    if here.parents[2].name == "src" and (source_tree / "schema" / "form.schema.json").is_file():
        return source_tree
    raise FileNotFoundError(
        f"the built-in forms folder was found neither at {source_tree} nor at {installed}"
    )


def schema_file() -> Path:
    """The JSON Schema every form file is validated against."""
    return builtin_forms_dir() / "schema" / "form.schema.json"
