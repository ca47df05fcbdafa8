"""The forms the application knows: built-in ones, a municipality's own, and every version seen.

Loading order: the built-in forms (`forms/*.yaml` in the repo or `_data/forms` in a wheel),
then the municipality's published forms, then the user's unit's own forms
(`add_forms(..., origin=...)`; the app builds this in ONE place, `Workspace.form_registry()`
with `anhorigdesk.municipality.material.build_registry`). A later form with the id of an
earlier one replaces it as the current version; `origin(id)` says where the current one came
from (`builtin`, `municipality`, `unit`) and `material_version` which published bundle (None:
none received yet, the built-in example material of Exempelby kommun is in use). A folder
of form files (`load_municipality(folder)`, used by the `python -m anhorigdesk.forms` checks
and tests) adds forms the same way; a file that cannot be loaded is reported in `problems`.
A bad built-in form is a defect of the program and raises `FormDefinitionError`.

Every response stores `(form_id, version, fingerprint)`. The store keeps the canonical JSON of
each definition it has seen (`remember()` returns that JSON); feeding those back with
`add_stored()` lets `get(form_id, version, fingerprint)` find the exact definition a response
was made with, after a newer version has replaced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from anhorigdesk.paths import builtin_forms_dir

from .errors import FormDefinitionError, FormProblem
from .loader import canonical_json, definition_from_json, load_form_file
from .messages import Message
from .model import FormDefinition

FORM_FILE_PATTERNS = ("*.yaml", "*.yml")


def form_files(folder: Path) -> list[Path]:
    """The form files directly in a folder (`*.yaml`, `*.yml`), sorted by name."""
    return sorted({p for pattern in FORM_FILE_PATTERNS for p in Path(folder).glob(pattern)})


@dataclass(frozen=True)
class StoredVersion:
    """What the store keeps for one definition seen: key columns and the canonical JSON."""

    form_id: str
    version: int
    fingerprint: str
    canonical_json: str


class FormRegistry:
    """Current forms by id, plus every version ever seen by (id, version, fingerprint)."""

    def __init__(self) -> None:
        self._current: dict[str, FormDefinition] = {}
        self._builtin: dict[str, FormDefinition] = {}
        self._seen: dict[tuple[str, int, str], FormDefinition] = {}
        self._origin: dict[str, str] = {}
        #: Problems with the municipality's forms (the UI shows them; the app goes on).
        self.problems: list[FormProblem] = []
        #: the published municipality bundle whose forms are current (None: none received
        #: yet, so the built-in example material is in use)
        self.material_version: int | None = None
        #: the unit whose own forms are current (set by the builder)
        self.unit_id: str | None = None

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, *, builtin_dir: Path | None = None,
             municipality_dir: Path | None = None) -> FormRegistry:
        """A registry with the built-in forms and then the municipality's forms."""
        registry = cls()
        registry.load_builtin(builtin_dir or builtin_forms_dir())
        if municipality_dir is not None:
            registry.load_municipality(municipality_dir)
        return registry

    def load_builtin(self, folder: Path) -> None:
        """Load the built-in forms; any problem raises `FormDefinitionError`."""
        seen_in: dict[str, str] = {}
        for path in form_files(folder):
            definition = load_form_file(path, check_file_name=True)
            if definition.id in seen_in:
                raise FormDefinitionError(FormProblem(str(path), 1, ("id",), Message(
                    "duplicate_form", {"id": definition.id, "first": seen_in[definition.id]})))
            seen_in[definition.id] = str(path)
            self._builtin[definition.id] = definition
            self._current[definition.id] = definition
            self._origin[definition.id] = "builtin"
            self._add_seen(definition)

    def load_municipality(self, folder: Path) -> list[FormProblem]:
        """Add or override forms from a municipality folder; return the problems found.

        A file that fails is skipped (the built-in form of that id stays current).
        """
        folder = Path(folder)
        found: list[FormProblem] = []
        if not folder.is_dir():
            found.append(FormProblem(str(folder), 1, (), Message("municipality_folder_missing")))
            self.problems.extend(found)
            return found
        loaded_from: dict[str, str] = {}
        for path in form_files(folder):
            try:
                definition = load_form_file(path)
            except FormDefinitionError as exc:
                found.append(exc.problem)
                continue
            if definition.id in loaded_from:
                found.append(FormProblem(str(path), 1, ("id",), Message(
                    "duplicate_form", {"id": definition.id, "first": loaded_from[definition.id]})))
                continue
            loaded_from[definition.id] = str(path)
            self._current[definition.id] = definition
            self._origin[definition.id] = "municipality"
            self._add_seen(definition)
        self.problems.extend(found)
        return found

    def add_forms(self, definitions: Iterable[FormDefinition], *, origin: str | None) -> None:
        """Add checked definitions: with an ``origin`` (``municipality``, ``unit``) they
        become the current forms of their ids; with None they are only findable by version
        (the forms of an older published bundle: old responses open with them)."""
        for definition in definitions:
            self._add_seen(definition)
            if origin is not None:
                self._current[definition.id] = self._seen[
                    (definition.id, definition.version, definition.fingerprint)]
                self._origin[definition.id] = origin

    def origin(self, form_id: str) -> str:
        """Where the current form of ``form_id`` came from: ``builtin``, ``municipality``
        (the published bundle) or ``unit`` (the user's unit's own form in it)."""
        return self._origin.get(form_id, "builtin")

    @property
    def is_example(self) -> bool:
        """No municipality bundle received yet: the built-in example material is in use."""
        return self.material_version is None

    # ------------------------------------------------------------------ versions

    def _add_seen(self, definition: FormDefinition) -> None:
        self._seen.setdefault((definition.id, definition.version, definition.fingerprint), definition)

    def remember(self, definition: FormDefinition) -> str:
        """Keep this exact definition findable; return its canonical JSON for the store."""
        self._add_seen(definition)
        return canonical_json(definition)

    def stored_version(self, definition: FormDefinition) -> StoredVersion:
        """`remember()` with the key columns the store needs beside the JSON."""
        return StoredVersion(definition.id, definition.version, definition.fingerprint,
                             self.remember(definition))

    def add_stored(self, canonical: str, fingerprint: str | None = None) -> FormDefinition:
        """Feed one stored canonical JSON back in (e.g. on start-up, from the store's table).

        Pass the `fingerprint` stored beside it: responses refer to that one, and it stays
        findable even if a later program version would canonicalise the definition
        differently (the definition then carries the stored fingerprint).
        """
        definition = definition_from_json(canonical)
        if fingerprint is not None and fingerprint != definition.fingerprint:
            definition = replace(definition, fingerprint=fingerprint)
        self._add_seen(definition)
        return self._seen[(definition.id, definition.version, definition.fingerprint)]

    def add_stored_many(self, stored: Iterable[str | Mapping[str, Any]]) -> None:
        """Feed many stored versions: canonical JSON texts, or rows with `definition` (the
        JSON) and `fingerprint`, as the store's `form_versions()` returns them."""
        for item in stored:
            if isinstance(item, Mapping):
                self.add_stored(item["definition"], item.get("fingerprint"))
            else:
                self.add_stored(item)

    def get(self, form_id: str, version: int | None = None,
            fingerprint: str | None = None) -> FormDefinition:
        """The exact definition for a stored response, or the current one.

        - no version and no fingerprint: the current definition;
        - a fingerprint: exactly that definition (and the version must match if given);
        - only a version: the current one if it has that version, else the latest seen.
        Raises `KeyError` when no such definition is known.
        """
        if fingerprint is not None:
            for (fid, ver, fp), definition in self._seen.items():
                if fid == form_id and fp == fingerprint and (version is None or ver == version):
                    return definition
            raise KeyError((form_id, version, fingerprint))
        if version is None:
            return self._current[form_id]
        current = self._current.get(form_id)
        if current is not None and current.version == version:
            return current
        matches = [d for (fid, ver, _), d in self._seen.items() if fid == form_id and ver == version]
        if not matches:
            raise KeyError((form_id, version))
        return matches[-1]

    def versions(self, form_id: str) -> list[FormDefinition]:
        """Every definition of this form seen, oldest version first."""
        found = [d for (fid, _, _), d in self._seen.items() if fid == form_id]
        return sorted(found, key=lambda d: d.version)

    # ------------------------------------------------------------------ current forms

    def current(self, form_id: str) -> FormDefinition:
        return self._current[form_id]

    def builtin(self, form_id: str) -> FormDefinition:
        return self._builtin[form_id]

    def forms(self) -> list[FormDefinition]:
        """The current definition of every form, sorted by id."""
        return [self._current[k] for k in sorted(self._current)]

    def by_entry_kind(self, entry_kind: str) -> list[FormDefinition]:
        return [d for d in self.forms() if d.entry_kind == entry_kind]

    def __contains__(self, form_id: object) -> bool:
        return form_id in self._current

    def __len__(self) -> int:
        return len(self._current)
