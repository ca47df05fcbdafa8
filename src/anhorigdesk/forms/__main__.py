"""Check form files from the command line, before a municipality puts them in use.

    python -m anhorigdesk.forms [--lang sv|en] FILE_OR_FOLDER ...

Prints one line per form file: OK with id and version, or the problem with file, line and
path. Exit status 0 when every file is valid, 1 otherwise, 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import FormDefinitionError
from .loader import load_form_file
from .messages import translate
from .registry import form_files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anhorigdesk.forms",
                                     description="Check AnhörigDesk form files.")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    files: list[Path] = []
    for path in args.paths:
        files.extend(form_files(path) if path.is_dir() else [path])
    if not files:
        print(translate("cli_none", args.lang), file=sys.stderr)
        return 1
    failed = 0
    for file in files:
        try:
            definition = load_form_file(file)
        except FormDefinitionError as exc:
            failed += 1
            print(exc.text(args.lang))
            continue
        print(translate("cli_ok", args.lang, file=file, id=definition.id, version=definition.version))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
