"""Render packaging/icons/anhorigdesk.svg into the icon files the bundles use.

    uv run python packaging/make_icons.py [OUT_DIR]

Writes ``hicolor/<N>x<N>/apps/<app id>.png`` for the usual Linux sizes (16 … 512), the
scalable SVG under ``hicolor/scalable/apps``, and ``anhorigdesk.ico`` (16 … 256) for
Windows, all drawn by Qt's SVG renderer (offscreen; no display needed). ``packaging/build``
runs it; the output is not committed (it is made from the SVG each build).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "anhorigdesk.svg"
APP_ID = "se.anhorigdesk.AnhorigDesk"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")

    def image(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return img

    written: list[Path] = []
    for size in LINUX_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image(size).save(str(target), "PNG"):
            raise SystemExit(f"could not write {target}")
        written.append(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)

    # .ico: a directory of PNG images (Vista and later read PNG entries), written by hand so
    # that every size is in one file (Qt's ico writer writes one image per file).
    entries: list[tuple[int, bytes]] = []
    for size in ICO_SIZES:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image(size).save(buffer, "PNG")
        buffer.close()
        entries.append((size, bytes(data.data())))
    ico = out / "anhorigdesk.ico"
    header = bytearray((0).to_bytes(2, "little") + (1).to_bytes(2, "little")
                       + len(entries).to_bytes(2, "little"))
    offset = 6 + 16 * len(entries)
    body = bytearray()
    for size, png in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        header += bytes((dim, dim, 0, 0)) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        header += len(png).to_bytes(4, "little") + (offset + len(body)).to_bytes(4, "little")
        body += png
    ico.write_bytes(bytes(header + body))
    written.append(ico)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "build" / "packaging" / "icons"
    for path in render(target):
        print(path)
