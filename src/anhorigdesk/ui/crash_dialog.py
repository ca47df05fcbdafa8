"""The dialog that shows a crash report with a copy button."""

from __future__ import annotations

from pathlib import Path

from anhorigdesk.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFont,
    QFontDatabase,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setText(str(path))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(report)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(fixed)
        self.copy_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)

        self.copy_button.clicked.connect(self.copy_report)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.where)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AnhörigDesk stopped unexpectedly"))
        self.explanation.setText(
            self.tr(
                "Something went wrong. Your saved work is safe. The report below contains "
                "no personal data; copy it and send it to your IT support."
            )
        )
        self.copy_button.setText(self.tr("&Copy report"))
        self.copy_button.setAccessibleName(self.tr("Copy crash report"))
        self.text.setAccessibleName(self.tr("Crash report"))

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report)


def show_crash_dialog(report: str, path: Path) -> None:
    parent = QApplication.activeWindow()
    dialog = CrashDialog(report, path, parent)
    dialog.exec()
