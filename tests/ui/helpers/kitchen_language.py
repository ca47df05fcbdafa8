"""Finding Swedish left on screen after switching to English: every text a widget shows
(labels, buttons, titles, tabs, combo items, headers, list rows, tooltips, accessible
names) is compared with every Swedish translation in the catalogue and the scheduling's
Swedish texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import read_po

from anhorigdesk.ui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QModelIndex,
    QStatusBar,
    Qt,
    QTabWidget,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[3]
PLACEHOLDER = re.compile(r"%(?:n|L?\d)")


def _pattern(text: str) -> re.Pattern[str] | None:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    if len(re.sub(r"[^A-Za-zÅÄÖåäöé]", "", PLACEHOLDER.sub("", text))) < 4:
        return None  # nothing to recognise it by
    parts = [re.escape(p) for p in PLACEHOLDER.split(text)]
    return re.compile(r"\s*" + "(.+?)".join(parts) + r"\s*", re.DOTALL)


def swedish_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(the Swedish text, a pattern matching it with any placeholder filled in)."""
    out = []
    tree = ET.parse(ROOT / "resources" / "translations" / "anhorigdesk_sv.ts")
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("obsolete", "vanished", "unfinished"):
            continue
        texts = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        for text in texts:
            if text.replace("&", "") == source.replace("&", "") or text.replace("&", "") in (
                    source.replace("(s)", "").replace("&", ""), source.replace("(s)", "s").replace("&", "")):
                continue  # the same in both languages
            pattern = _pattern(text)
            if pattern is not None:
                out.append((text, pattern))
    with (ROOT / "resources" / "locale" / "sv" / "LC_MESSAGES" / "scheduling.po").open("rb") as po:
        scheduling = read_po(po)
    for entry in scheduling:
        if entry.id and isinstance(entry.string, str):
            pattern = _pattern(entry.string.replace("{flag}", "%1"))
            if pattern is not None:
                out.append((entry.string, pattern))
    return out


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&nbsp;", " ").replace("&amp;", "&")


def shown_texts(root: QWidget, rows: int = 40) -> list[tuple[str, str]]:
    """(where, text) for everything ``root`` shows (widgets hidden within it left out)."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str | None) -> None:
        if isinstance(text, str) and text.strip():
            found.append((f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()}).{what}",
                          _strip_html(text).replace("&", "")))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        add(widget, "toolTip", widget.toolTip())
        add(widget, "accessibleName", widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, f"item{i}", widget.itemText(i))
        elif isinstance(widget, QStatusBar):
            add(widget, "message", widget.currentMessage())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, f"tab{i}", widget.tabText(i))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for c in range(_columns(model, QModelIndex())):
                add(widget, f"header{c}", model.headerData(c, Qt.Orientation.Horizontal))
            for where, value in _cells(model, QModelIndex(), rows):
                add(widget, where, value)
    return found


def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list widget's model keeps it private: one column
        return 1


def _cells(model, parent, rows: int, depth: int = 0):
    """(where, text) of the first ``rows`` rows' cells (shown text and tooltip), two levels deep."""
    for r in range(min(rows, model.rowCount(parent))):
        for c in range(_columns(model, parent)):
            index = model.index(r, c, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"row{r}.{c}", value
        if depth < 2:
            yield from _cells(model, model.index(r, 0, parent), rows, depth + 1)


def swedish_left(root: QWidget, patterns) -> list[str]:
    """Texts in ``root`` that are a Swedish UI text (whole, or a part between " · ")."""
    left = []
    for where, text in shown_texts(root):
        pieces = {text, *(p for p in re.split(r" · |\n", text) if p)}
        for piece in pieces:
            hit = next((sv for sv, pattern in patterns if pattern.fullmatch(piece)), None)
            if hit is not None:
                left.append(f"{where}: {piece!r} (Swedish {hit!r})")
                break
    return left
