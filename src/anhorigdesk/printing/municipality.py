"""A municipality's facts for the handouts: name, logo, support offers, contacts, texts.

A municipality edits a YAML file (see `resources/municipality/example.yaml`, the fictional
Exempelby kommun). `load_municipality(path)` checks the whole file and raises
`MunicipalityConfigError` listing every problem as `<file>: <field>: <what>`, e.g.
`example.yaml: offers[2].title.sv: missing`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import MunicipalityConfigError
from .texts import DEFAULT_LANGUAGE, available_languages

FORMAT_VERSION = 1
_LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Text:
    """A text in each of the municipality's languages."""

    by_language: Mapping[str, str]

    def get(self, language: str) -> str:
        return self.by_language.get(language) or self.by_language[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class Offer:
    id: str
    title: Text
    description: Text
    how_to_ask: Text | None = None


@dataclass(frozen=True)
class Contact:
    title: Text
    phone: str | None = None
    hours: Text | None = None
    email: str | None = None
    web: str | None = None
    address: Text | None = None


@dataclass(frozen=True)
class Municipality:
    path: Path
    name: Text
    languages: tuple[str, ...]
    offers: tuple[Offer, ...]
    contacts: tuple[Contact, ...]
    intro: Text | None = None
    logo: Path | None = None
    rights: Mapping[str, tuple[str, ...]] | None = None
    fictional: bool = False

    def language_for(self, preferred: str | None) -> str:
        """The language to print in for a carer who prefers `preferred` (fallback `sv`)."""
        from .texts import resolve_language

        return resolve_language(preferred, self.languages)


class _Checker:
    """Walks the parsed YAML, collecting `(field, problem)` pairs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[tuple[str, str]] = []
        self.languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
        self.extra_languages: frozenset[str] = frozenset()

    def problem(self, field: str, what: str) -> None:
        self.problems.append((field, what))

    def mapping(self, value: Any, field: str, allowed: set[str], required: set[str]) -> bool:
        if not isinstance(value, Mapping):
            self.problem(field, f"expected a mapping, got {_kind(value)}")
            return False
        prefix = f"{field}." if field else ""
        for key in sorted(required - set(value)):
            self.problem(f"{prefix}{key}", "missing")
        for key in value:
            if key not in allowed:
                self.problem(f"{prefix}{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
        return True

    def plain(self, value: Any, field: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(field, f"expected a text, got {_kind(value)}")
            return None
        if not value.strip():
            self.problem(field, "empty")
            return None
        return value.strip()

    def text(self, value: Any, field: str) -> Text | None:
        if not isinstance(value, Mapping):
            self.problem(field, f"expected texts per language ({', '.join(self.languages)}), "
                                f"got {_kind(value)}")
            return None
        out: dict[str, str] = {}
        for lang in self.languages:
            if lang not in value or value[lang] is None:
                self.problem(f"{field}.{lang}", "missing")
                continue
            text = self.plain(value[lang], f"{field}.{lang}")
            if text is not None:
                out[lang] = text
        for lang in value:
            if lang not in self.languages:
                self.problem(f"{field}.{lang}", "language not listed under `languages`")
        if len(out) != len(self.languages):
            return None
        return Text(out)

    def optional_text(self, data: Mapping[str, Any], key: str, field: str) -> Text | None:
        if key not in data or data[key] is None:
            return None
        return self.text(data[key], f"{field}.{key}" if field else key)

    def fail_if_any(self) -> None:
        if self.problems:
            raise MunicipalityConfigError(self.path, self.problems)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


_TOP = {"format", "fictional", "languages", "name", "logo", "intro", "offers", "contacts",
        "rights"}
_TOP_REQUIRED = {"format", "languages", "name", "offers", "contacts"}
_OFFER = {"id", "title", "description", "how_to_ask"}
_CONTACT = {"title", "phone", "hours", "email", "web", "address"}


def load_municipality(path: str | Path) -> Municipality:
    """Read and check a municipality file. Raises `MunicipalityConfigError`."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MunicipalityConfigError(path, [("", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MunicipalityConfigError(path, [("", f"cannot be read ({exc})")]) from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        raise MunicipalityConfigError(path, [("", f"not valid YAML{where}")]) from None
    return parse_municipality(data, path)


def parse_municipality(data: Any, path: Path, *, languages_with_texts: tuple[str, ...] = ()) -> Municipality:
    """Check already-parsed YAML data (`path` is used for messages and the logo).
    `languages_with_texts`: languages whose document texts come with the file (a published
    bundle's `printing/`), accepted beside the ones available here."""
    c = _Checker(path)
    c.extra_languages = frozenset(languages_with_texts)
    if not c.mapping(data, "", _TOP, _TOP_REQUIRED):
        c.fail_if_any()
    if "format" in data and data["format"] != FORMAT_VERSION:
        c.problem("format", f"expected {FORMAT_VERSION}, got {data['format']!r}")

    languages = _languages(c, data.get("languages"))
    c.languages = languages
    c.fail_if_any()  # without valid languages every text would report noise

    name = c.text(data.get("name"), "name") if "name" in data else None
    intro = c.optional_text(data, "intro", "")
    logo = _logo(c, data.get("logo"), path)
    offers = _offers(c, data.get("offers"))
    contacts = _contacts(c, data.get("contacts"))
    rights = _rights(c, data.get("rights"))
    fictional = data.get("fictional", False)
    if not isinstance(fictional, bool):
        c.problem("fictional", "expected true or false")
    c.fail_if_any()
    assert name is not None
    return Municipality(path=path, name=name, languages=languages, offers=offers,
                        contacts=contacts, intro=intro, logo=logo, rights=rights,
                        fictional=bool(fictional))


def _languages(c: _Checker, value: Any) -> tuple[str, ...]:
    if value is None:
        return (DEFAULT_LANGUAGE,)  # "missing" already reported
    if not isinstance(value, list) or not value:
        c.problem("languages", f"expected a list of language codes, got {_kind(value)}")
        return (DEFAULT_LANGUAGE,)
    known = set(available_languages()) | c.extra_languages
    out: list[str] = []
    for i, lang in enumerate(value):
        field = f"languages[{i}]"
        if not isinstance(lang, str) or not _LANG_RE.match(lang):
            c.problem(field, f"not a language code: {lang!r}")
        elif lang not in known:
            c.problem(field, f"no document texts for {lang!r} "
                             f"(available: {', '.join(sorted(known))})")
        elif lang in out:
            c.problem(field, f"{lang!r} listed twice")
        else:
            out.append(lang)
    if DEFAULT_LANGUAGE not in value:
        c.problem("languages", f"must include {DEFAULT_LANGUAGE!r}")
    return tuple(sorted(out, key=lambda x: x != DEFAULT_LANGUAGE)) or (DEFAULT_LANGUAGE,)


def _logo(c: _Checker, value: Any, path: Path) -> Path | None:
    if value is None:
        return None
    name = c.plain(value, "logo")
    if name is None:
        return None
    logo = (path.parent / name).resolve()
    if logo.suffix.lower() not in _LOGO_SUFFIXES:
        c.problem("logo", f"must be a PNG or JPEG file, got {name!r}")
    elif not logo.is_file():
        c.problem("logo", f"file not found: {logo}")
    else:
        head = logo.read_bytes()[:8]
        if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
            c.problem("logo", f"not a PNG or JPEG image: {logo}")
    return logo


def _offers(c: _Checker, value: Any) -> tuple[Offer, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        c.problem("offers", f"expected a non-empty list, got {_kind(value)}")
        return ()
    out: list[Offer] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        field = f"offers[{i}]"
        if not c.mapping(item, field, _OFFER, {"id", "title", "description"}):
            continue
        offer_id = c.plain(item.get("id"), f"{field}.id") if "id" in item else None
        if offer_id is not None:
            if not _ID_RE.match(offer_id):
                c.problem(f"{field}.id", "use lower-case letters, digits, - and _ only")
            elif offer_id in seen:
                c.problem(f"{field}.id", f"{offer_id!r} used twice")
            seen.add(offer_id)
        title = c.text(item["title"], f"{field}.title") if "title" in item else None
        desc = (c.text(item["description"], f"{field}.description")
                if "description" in item else None)
        how = c.optional_text(item, "how_to_ask", field)
        if offer_id and title and desc:
            out.append(Offer(offer_id, title, desc, how))
    return tuple(out)


def _contacts(c: _Checker, value: Any) -> tuple[Contact, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        c.problem("contacts", f"expected a non-empty list, got {_kind(value)}")
        return ()
    out: list[Contact] = []
    for i, item in enumerate(value):
        field = f"contacts[{i}]"
        if not c.mapping(item, field, _CONTACT, {"title"}):
            continue
        title = c.text(item["title"], f"{field}.title") if "title" in item else None
        phone = c.plain(item.get("phone"), f"{field}.phone", optional=True)
        email = c.plain(item.get("email"), f"{field}.email", optional=True)
        web = c.plain(item.get("web"), f"{field}.web", optional=True)
        if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            c.problem(f"{field}.email", f"not an e-mail address: {email!r}")
        if web is not None and not web.startswith(("https://", "http://")):
            c.problem(f"{field}.web", "must start with https:// or http://")
        hours = c.optional_text(item, "hours", field)
        address = c.optional_text(item, "address", field)
        if not any(item.get(k) for k in ("phone", "email", "web", "address")):
            c.problem(field, "needs at least one of phone, email, web, address")
        if title is not None:
            out.append(Contact(title, phone, hours, email, web, address))
    return tuple(out)


def _rights(c: _Checker, value: Any) -> Mapping[str, tuple[str, ...]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        c.problem("rights", f"expected lists of texts per language, got {_kind(value)}")
        return None
    out: dict[str, tuple[str, ...]] = {}
    for lang in c.languages:
        items = value.get(lang)
        if items is None:
            c.problem(f"rights.{lang}", "missing")
            continue
        if not isinstance(items, list) or not items:
            c.problem(f"rights.{lang}", f"expected a non-empty list of texts, got {_kind(items)}")
            continue
        texts = [c.plain(t, f"rights.{lang}[{j}]") for j, t in enumerate(items)]
        out[lang] = tuple(t for t in texts if t is not None)
    for lang in value:
        if lang not in c.languages:
            c.problem(f"rights.{lang}", "language not listed under `languages`")
    return out
