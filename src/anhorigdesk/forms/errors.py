"""Problems with form definitions: where (file, line, path) and what (a translatable message)."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import DEFAULT_LANGUAGE, Message, translate
from .yaml_lines import Path, format_path


@dataclass(frozen=True)
class FormProblem:
    """One problem in one form file."""

    file: str
    line: int
    path: Path
    message: Message

    @property
    def path_text(self) -> str:
        return format_path(self.path)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        problem = self.message.text(lang)
        if self.path:
            return translate("location", lang, file=self.file, line=self.line,
                             path=self.path_text, problem=problem)
        return translate("location_no_path", lang, file=self.file, line=self.line,
                         problem=problem)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)


class FormDefinitionError(Exception):
    """A form file (or a stored definition) is not a valid form.

    `problem` is the first problem found (file, line, path, message); `text(lang)` gives the
    message in Swedish (`sv`, also `str()`) or English (`en`).
    """

    def __init__(self, problem: FormProblem) -> None:
        super().__init__(problem.text(DEFAULT_LANGUAGE))
        self.problem = problem

    @property
    def file(self) -> str:
        return self.problem.file

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def path(self) -> str:
        return self.problem.path_text

    @property
    def message(self) -> Message:
        return self.problem.message

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.problem.text(lang)
