"""Helpers that read PDFs the way a user's tools do: poppler's pdftotext/pdffonts/pdfinfo."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import zlib
from collections import Counter
from pathlib import Path

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo"))


def _run(args: list[str]) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def _file(pdf: bytes, tmp: Path, name: str = "doc.pdf") -> Path:
    path = tmp / name
    path.write_bytes(pdf)
    return path


def text_of(pdf: bytes, tmp: Path, *, page: int | None = None) -> str:
    """Extracted text with all whitespace runs folded to one space."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    raw = _run([*args, str(_file(pdf, tmp)), "-"])
    return " ".join(raw.split())


def info_of(pdf: bytes, tmp: Path) -> dict[str, str]:
    out = _run(["pdfinfo", "-enc", "UTF-8", str(_file(pdf, tmp))])
    info: dict[str, str] = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pages_of(pdf: bytes, tmp: Path) -> int:
    return int(info_of(pdf, tmp)["Pages"])


def fonts_of(pdf: bytes, tmp: Path) -> list[dict[str, str]]:
    """pdffonts rows as dicts with name, type, emb, sub, uni."""
    lines = _run(["pdffonts", str(_file(pdf, tmp))]).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


_TOKEN = re.compile(rb"/F[\w+]+ ([\d.]+) Tf|\((?:\\.|[^\\)])*\)\s*Tj|\[(?:[^\]])*\]\s*TJ|\bq\b|\bQ\b")


def _decode(stream: bytes) -> bytes:
    """Undo reportlab's ASCII85 + Flate encoding of page streams (images decode to noise)."""
    data = stream.strip()
    if data.endswith(b"~>"):
        try:
            data = base64.a85decode(data[:-2])
        except ValueError:
            return b""
    try:
        return zlib.decompress(data)
    except zlib.error:
        return data


def text_sizes(pdf: bytes) -> Counter[float]:
    """How many text-showing characters each font size carries (from the page streams)."""
    sizes: Counter[float] = Counter()
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = _decode(stream)
        if not data.startswith(b"1 0 0 1 0 0 cm"):  # reportlab's page preamble; skip fonts, images
            continue
        current = 0.0
        stack: list[float] = []
        for m in _TOKEN.finditer(data):
            token = m.group(0)
            if m.group(1) is not None:
                current = float(m.group(1))
            elif token == b"q":
                stack.append(current)
            elif token == b"Q":
                current = stack.pop() if stack else current
            elif current:
                sizes[current] += len(token)
    return sizes


def png_pages(pdf: bytes, tmp: Path, prefix: str) -> list[Path]:
    """Render pages at 60 dpi to PNG (for looking at them)."""
    path = _file(pdf, tmp, f"{prefix}.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(tmp / prefix)], check=True)
    return sorted(tmp.glob(f"{prefix}*.png"))
