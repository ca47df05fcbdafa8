"""Errors raised by the printing package. Messages name files and fields, never personal data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PrintingError(Exception):
    """Base class of everything the printing package raises on bad input."""


class MunicipalityConfigError(PrintingError):
    """A municipality file is missing, unreadable or does not follow the format.

    `problems` holds `(field, what)` pairs such as `("offers[2].title.sv", "missing")`;
    the message lists every problem as `<file>: <field>: <what>`.
    """

    def __init__(self, path: Path | str, problems: Sequence[tuple[str, str]]) -> None:
        self.path = Path(path)
        self.problems: tuple[tuple[str, str], ...] = tuple(problems)
        lines = [f"{self.path}: {field}: {what}" if field else f"{self.path}: {what}"
                 for field, what in self.problems]
        super().__init__("\n".join(lines))


class TextCatalogError(PrintingError):
    """A document text file (resources/printing/<language>.yaml) is missing a key or broken."""


class PrintNotAllowedError(PrintingError):
    """The entry may not be printed for the intended reader (confidentiality or consent)."""


class PrintInputError(PrintingError):
    """The data handed to a renderer does not fit the document (e.g. wrong form kind)."""
