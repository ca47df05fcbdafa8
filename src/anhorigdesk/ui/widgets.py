"""Small widgets shared by the screens."""

from __future__ import annotations

from anhorigdesk.ui.qt import QApplication, QEvent, QFrame, QLabel, QPalette, QWidget


class Heading(QLabel):
    """A bold label sized relative to the application font (follows "larger text")."""

    def __init__(self, scale: float = 1.5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self.setWordWrap(True)
        self._apply_font()

    def _apply_font(self) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)

    def refresh_font(self) -> None:
        """Called by ``refresh_scaled_fonts`` after the application font changed."""
        self._apply_font()


def refresh_scaled_fonts() -> None:
    """Qt does not tell widgets with their own font (or a style sheet, which fixes the
    font at polish time) that the application font changed; bring them along."""
    for widget in QApplication.allWidgets():
        refresh = getattr(widget, "refresh_font", None)
        if callable(refresh):
            refresh()
        elif widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


class Muted(QLabel):
    """Secondary text (help lines, empty states) in the palette's placeholder colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def hline(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class ErrorLabel(QLabel):
    """An inline error message in a red that reads on light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._apply_colour()

    def _apply_colour(self) -> None:
        dark = self.palette().window().color().lightness() < 128
        self.setStyleSheet(f"color: {'#ff8a80' if dark else '#b3261e'};")

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # setStyleSheet itself causes a PaletteChange; only recolour when it would differ.
            wanted = "#ff8a80" if self.palette().window().color().lightness() < 128 else "#b3261e"
            if wanted not in self.styleSheet():
                self._apply_colour()
        return super().event(event)
