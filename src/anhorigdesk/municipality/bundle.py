"""One municipality bundle (kommunens materialpaket): read, check, pack and unpack.

The checks are the app's own: forms through the forms loader (``forms.load_form_text``, the
JSON Schema and the typed builder), ``municipality.yaml`` through
``printing.parse_municipality`` (offers, contacts, languages, logo), and each
``printing/<language>.yaml`` against the shipped Swedish texts (same keys, same
placeholders, twelve months, ``language.code`` = the file's name): the rules the shipped
languages are held to. Every problem names the file (relative to the bundle), the line and
the field: ``forms/samtal.yaml:12: sections[0].questions[1].kind: ...``. A bundle with any
problem is refused whole (:class:`BundleError` lists them all).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from anhorigdesk.forms import FormDefinition
    from anhorigdesk.printing import Municipality

MUNICIPALITY_FILE = "municipality.yaml"
FORM_SUFFIXES = (".yaml", ".yml")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
#: a unit's id as the server makes them (uuid7 text) or any plain id an administrator typed
_UNIT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_BUNDLE_BYTES = 20 * 1024 * 1024
_FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class BundleProblem:
    """One problem: the file (relative to the bundle), its line (1-based), the field."""

    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '-'}: {self.problem}"


class BundleError(Exception):
    """A bundle that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[BundleProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class Bundle:
    """The files of a bundle by relative POSIX path (``forms/samtal.yaml``)."""

    files: Mapping[str, bytes]

    @property
    def manifest(self) -> dict[str, str]:
        """sha256 per file."""
        return {path: _sha256(data) for path, data in sorted(self.files.items())}

    @property
    def sha256(self) -> str:
        """The bundle's sha256: over the canonical JSON of its manifest."""
        return _sha256(_canonical(self.manifest))

    def text(self, path: str) -> str:
        return self.files[path].decode("utf-8")

    def form_paths(self) -> list[str]:
        """The municipality's forms (``forms/*.yaml``)."""
        return sorted(p for p in self.files if _kind(p)[0] == "form")

    def unit_form_paths(self) -> dict[str, list[str]]:
        """Each unit's own forms (``units/<unit_id>/forms/*.yaml``) by unit id."""
        found: dict[str, list[str]] = {}
        for path in sorted(self.files):
            kind, unit = _kind(path)
            if kind == "unit_form" and unit is not None:
                found.setdefault(unit, []).append(path)
        return found

    def text_languages(self) -> list[str]:
        """The languages with handout texts (``printing/<language>.yaml``)."""
        return sorted(PurePosixPath(p).stem for p in self.files if _kind(p)[0] == "texts")


def _kind(path: str) -> tuple[str, str | None]:
    """What a path in a bundle is: municipality, logo, form, unit_form (with its unit), texts,
    or unknown."""
    parts = PurePosixPath(path).parts
    suffix = PurePosixPath(path).suffix.lower()
    if parts == (MUNICIPALITY_FILE,):
        return "municipality", None
    if len(parts) == 1 and suffix in LOGO_SUFFIXES:
        return "logo", None
    if len(parts) == 2 and parts[0] == "forms" and suffix in FORM_SUFFIXES:
        return "form", None
    if (len(parts) == 4 and parts[0] == "units" and parts[2] == "forms" and suffix in FORM_SUFFIXES
            and _UNIT_ID_RE.match(parts[1])):
        return "unit_form", parts[1]
    if len(parts) == 2 and parts[0] == "printing" and suffix == ".yaml":
        return "texts", None
    return "unknown", None


# --------------------------------------------------------------------------- reading
def read_folder(folder: str | Path) -> Bundle:
    """Every file under ``folder`` (dot files skipped). Raises :class:`BundleError` for a
    missing folder, an unreadable or too large file, or a file that is no part of a bundle."""
    root = Path(folder)
    if not root.is_dir():
        raise BundleError([BundleProblem(str(root), 1, "", "not a folder")])
    problems: list[BundleProblem] = []
    files: dict[str, bytes] = {}
    total = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if _kind(rel)[0] == "unknown":
                problems.append(BundleProblem(rel, 1, "", _UNKNOWN_FILE))
                continue
            try:
                size = path.stat().st_size
                if size > MAX_FILE_BYTES:
                    problems.append(BundleProblem(rel, 1, "", f"larger than {MAX_FILE_BYTES} bytes"))
                    continue
                data = path.read_bytes()
            except OSError as exc:
                problems.append(BundleProblem(rel, 1, "", f"cannot be read ({type(exc).__name__})"))
                continue
            total += len(data)
            files[rel] = data
    if total > MAX_BUNDLE_BYTES:
        problems.append(BundleProblem(str(root), 1, "", f"larger than {MAX_BUNDLE_BYTES} bytes in all"))
    if problems:
        raise BundleError(problems)
    return Bundle(files)


_UNKNOWN_FILE = ("not part of a bundle (municipality.yaml, its logo, forms/*.yaml, "
                 "units/<unit_id>/forms/*.yaml, printing/<language>.yaml)")


def write_folder(bundle: Bundle, folder: str | Path) -> Path:
    """Write the bundle's files to ``folder`` (made whole first beside it, then renamed into
    place: a reader never sees half a bundle). An existing folder is kept if it already
    holds this bundle."""
    target = Path(folder)
    mark = target / ".sha256"
    if mark.is_file() and mark.read_text(encoding="ascii").strip() == bundle.sha256:
        return target
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    for rel, data in bundle.files.items():
        path = partial.joinpath(*PurePosixPath(rel).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (partial / ".sha256").write_text(bundle.sha256, encoding="ascii")
    shutil.rmtree(target, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    os.replace(partial, target)
    return target


# --------------------------------------------------------------------------- checking
@dataclass(frozen=True)
class Material:
    """A checked bundle: its municipality, its forms and each unit's own forms."""

    bundle: Bundle
    municipality: Municipality | None
    forms: tuple[FormDefinition, ...] = ()
    unit_forms: Mapping[str, tuple[FormDefinition, ...]] = field(default_factory=dict)
    languages: tuple[str, ...] = ()

    def forms_for_unit(self, unit_id: str | None) -> tuple[FormDefinition, ...]:
        return self.unit_forms.get(unit_id or "", ())


def validate_folder(folder: str | Path, *, language: str = "en") -> Material:
    """Read and check the bundle in ``folder``: the :class:`Material`, or
    :class:`BundleError` listing every problem (``language``: of the forms' messages)."""
    root = Path(folder)
    return check(read_folder(root), root, language=language)


def check(bundle: Bundle, folder: Path | None, *, language: str = "en") -> Material:
    """Check every file of ``bundle``. ``folder`` holds the same files on disk (the logo is
    checked there, as printing reads it there); without it the municipality file is not
    checked (the forms and texts are). Raises :class:`BundleError`."""
    problems: list[BundleProblem] = []
    municipality = None
    if MUNICIPALITY_FILE not in bundle.files:
        problems.append(BundleProblem(MUNICIPALITY_FILE, 1, "", "missing: every bundle has one"))
    elif folder is not None:
        municipality = _check_municipality(bundle, folder, problems)
    forms = _check_forms(bundle, bundle.form_paths(), problems, language)
    unit_forms = {unit: _check_forms(bundle, paths, problems, language)
                  for unit, paths in bundle.unit_form_paths().items()}
    for path in sorted(p for p in bundle.files if _kind(p)[0] == "texts"):
        _check_texts(bundle, path, problems)
    if problems:
        raise BundleError(problems)
    return Material(bundle, municipality, forms, unit_forms, tuple(bundle.text_languages()))


def _decode(bundle: Bundle, path: str, problems: list[BundleProblem]) -> str | None:
    try:
        return bundle.text(path)
    except UnicodeDecodeError:
        problems.append(BundleProblem(path, 1, "", "not UTF-8 text"))
        return None


def _check_forms(bundle: Bundle, paths: list[str], problems: list[BundleProblem],
                 language: str) -> tuple[FormDefinition, ...]:
    from anhorigdesk.forms import FormDefinitionError, load_form_text

    found: dict[str, str] = {}
    out: list[FormDefinition] = []
    for path in paths:
        text = _decode(bundle, path, problems)
        if text is None:
            continue
        try:
            definition = load_form_text(text, source=path)
        except FormDefinitionError as exc:
            p = exc.problem
            problems.append(BundleProblem(path, p.line, p.path_text, p.message.text(language)))
            continue
        if definition.id in found:
            problems.append(BundleProblem(path, 1, "id", f"{definition.id!r} is also the id of {found[definition.id]}"))
            continue
        found[definition.id] = path
        out.append(definition)
    return tuple(out)


def _field_path(text: str) -> tuple[str | int, ...]:
    """``offers[2].title.sv`` → ``("offers", 2, "title", "sv")``."""
    return tuple(int(index) if index else name for name, index in _FIELD_PART.findall(text))


def _lines(text: str) -> Any:
    from anhorigdesk.forms.yaml_lines import LineMap, YamlProblem, load_yaml_with_lines

    try:
        return load_yaml_with_lines(text)[1]
    except YamlProblem:
        return LineMap()


def _yaml(text: str, path: str, problems: list[BundleProblem]) -> tuple[bool, Any]:
    import yaml

    try:
        return True, yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(BundleProblem(path, line, "", "not valid YAML"))
        return False, None


def _check_municipality(bundle: Bundle, folder: Path, problems: list[BundleProblem]) -> Municipality | None:
    from anhorigdesk.printing import MunicipalityConfigError
    from anhorigdesk.printing.municipality import parse_municipality

    text = _decode(bundle, MUNICIPALITY_FILE, problems)
    if text is None:
        return None
    ok, data = _yaml(text, MUNICIPALITY_FILE, problems)
    if not ok:
        return None
    lines = _lines(text)
    try:
        municipality = parse_municipality(data, folder / MUNICIPALITY_FILE,
                                          languages_with_texts=tuple(bundle.text_languages()))
    except MunicipalityConfigError as exc:
        for name, what in exc.problems:
            problems.append(BundleProblem(MUNICIPALITY_FILE, lines.line_of(_field_path(name)), name,
                                          what.replace(str(folder.resolve()), "").lstrip("/\\")))
        return None
    if municipality.logo is not None:
        try:
            rel = municipality.logo.resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            rel = None
        if rel is None or rel not in bundle.files:
            problems.append(BundleProblem(MUNICIPALITY_FILE, lines.line_of(("logo",)), "logo",
                                          "the logo must be a file at the top of the bundle"))
    return municipality


def _leaves(node: Any, prefix: tuple[str, ...] = ()) -> Iterable[tuple[tuple[str, ...], Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _leaves(value, (*prefix, str(key)))
    else:
        yield prefix, node


def _check_texts(bundle: Bundle, path: str, problems: list[BundleProblem]) -> None:
    """The rules every shipped language's texts follow (tests/printing/test_texts_and_style.py):
    the Swedish texts' keys, each text with the Swedish one's placeholders, lists not empty,
    twelve months, ``language.code`` the file's name."""
    from anhorigdesk.printing import load_catalog
    from anhorigdesk.printing.texts import placeholders

    language = PurePosixPath(path).stem
    if not _LANG_RE.match(language):
        problems.append(BundleProblem(path, 1, "", f"not a language code: {language!r}"))
        return
    text = _decode(bundle, path, problems)
    if text is None:
        return
    ok, data = _yaml(text, path, problems)
    if not ok:
        return
    if not isinstance(data, Mapping):
        problems.append(BundleProblem(path, 1, "", "expected a mapping at the top"))
        return
    lines = _lines(text)
    reference = dict(_leaves(load_catalog("sv").data))
    other = dict(_leaves(data))

    def say(key: tuple[str, ...], what: str) -> None:
        problems.append(BundleProblem(path, lines.line_of(key), ".".join(key), what))

    for key in sorted(set(reference) - set(other)):
        if key[:1] != ("language",):
            say(key, "missing")
    for key in sorted(set(other) - set(reference)):
        say(key, "unknown text (not in the Swedish texts)")
    for key, value in other.items():
        if key not in reference:
            continue
        if key == ("language", "code"):
            if value != language:
                say(key, f"is {value!r}, expected {language!r} (the file's name)")
            continue
        if key[:1] == ("language",):
            if not isinstance(value, str) or not value.strip():
                say(key, "expected a text")
            continue
        ref = reference[key]
        if isinstance(ref, str):
            if not isinstance(value, str) or not value.strip():
                say(key, "expected a text")
            elif placeholders(value) != placeholders(ref):
                want = ", ".join("{" + p + "}" for p in sorted(placeholders(ref))) or "none"
                say(key, f"placeholders differ from the Swedish text (expected: {want})")
        elif not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
            say(key, "expected a list of texts")
        elif key == ("dates", "months") and len(value) != 12:
            say(key, f"expected 12 months, got {len(value)}")
    for key in (("language", "code"), ("language", "bcp47"), ("language", "name")):
        if key not in other:
            say(key, "missing")


# --------------------------------------------------------------------------- the wire
def pack(bundle: Bundle) -> dict[str, Any]:
    """What is stored and sent: ``sha256``, ``manifest`` (sha256 per file), ``files``
    (base64 per file)."""
    return {
        "sha256": bundle.sha256,
        "manifest": bundle.manifest,
        "files": {path: base64.b64encode(data).decode("ascii") for path, data in sorted(bundle.files.items())},
    }


def unpack(data: Mapping[str, Any], sha256: str | None = None) -> Bundle:
    """The bundle of a :func:`pack` answer, every file checked against the manifest and the
    manifest against ``sha256`` (the one announced). Raises :class:`BundleError`."""
    problems: list[BundleProblem] = []
    try:
        manifest = {str(k): str(v) for k, v in dict(data["manifest"]).items()}
        encoded = dict(data["files"])
    except (KeyError, TypeError, ValueError):
        raise BundleError([BundleProblem("-", 1, "", "not a bundle (manifest and files expected)")]) from None
    files: dict[str, bytes] = {}
    for path, value in encoded.items():
        try:
            files[str(path)] = base64.b64decode(str(value), validate=True)
        except ValueError:
            problems.append(BundleProblem(str(path), 1, "", "not base64"))
    if set(files) != set(manifest) and not problems:
        problems.append(BundleProblem("-", 1, "manifest", "names other files than the bundle holds"))
    for path, raw in files.items():
        if _kind(path)[0] == "unknown" or PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            problems.append(BundleProblem(path, 1, "", _UNKNOWN_FILE))
        elif manifest.get(path) != _sha256(raw):
            problems.append(BundleProblem(path, 1, "", "sha256 differs from the manifest"))
    bundle = Bundle(files)
    expected = sha256 if sha256 is not None else data.get("sha256")
    if not problems and expected is not None and bundle.sha256 != expected:
        problems.append(BundleProblem("-", 1, "sha256", "the bundle's sha256 differs from the one announced"))
    if problems:
        raise BundleError(problems)
    return bundle


def content_text(bundle: Bundle) -> str:
    """The stored form (canonical JSON of :func:`pack`)."""
    return _canonical(pack(bundle)).decode("utf-8")


def from_content(text: str | bytes, sha256: str | None = None) -> Bundle:
    """The bundle of a stored :func:`content_text` (checked like :func:`unpack`)."""
    return unpack(json.loads(text), sha256)
