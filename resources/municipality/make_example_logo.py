"""Draw the fictional Exempelby kommun logo as a PNG, with nothing but the standard library.

Run `python resources/municipality/make_example_logo.py` to recreate `exempelby-logo.png`.
The logo is a teal rounded badge with a white house and a teal heart in it. A real
municipality replaces it with its own PNG or JPEG and sets `logo:` in its YAML file.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 240
SAMPLES = 3  # supersampling per axis, for smooth edges
TEAL = (0x1D, 0x5B, 0x63)
WHITE = (0xFF, 0xFF, 0xFF)


def _in_rounded_square(x: float, y: float) -> bool:
    r = 44.0
    lo, hi = 4.0, SIZE - 4.0
    if not (lo <= x <= hi and lo <= y <= hi):
        return False
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _in_house(x: float, y: float) -> bool:
    # roof: triangle apex (120, 40), base from (36, 118) to (204, 118)
    if 40 <= y <= 118:
        half = (y - 40) / (118 - 40) * 84
        if abs(x - 120) <= half:
            return True
    # walls
    return 62 <= x <= 178 and 112 <= y <= 200


def _in_heart(x: float, y: float) -> bool:
    # classic implicit heart, centred in the house body
    u = (x - 120) / 34.0
    v = -(y - 160) / 34.0 + 0.15
    return (u * u + v * v - 1) ** 3 - u * u * v**3 <= 0


def _colour(x: float, y: float) -> tuple[int, int, int, int]:
    if not _in_rounded_square(x, y):
        return (0, 0, 0, 0)
    if _in_house(x, y) and not _in_heart(x, y):
        return (*WHITE, 255)
    return (*TEAL, 255)


def render() -> bytes:
    rows = []
    n = SAMPLES * SAMPLES
    for py in range(SIZE):
        row = bytearray([0])  # filter type 0
        for px in range(SIZE):
            acc = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    c = _colour(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            alpha = acc[3]
            if alpha:
                row += bytes((acc[0] // alpha, acc[1] // alpha, acc[2] // alpha, alpha // n))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(__file__).with_name("exempelby-logo.png")
    out.write_bytes(render())
    print(f"wrote {out} ({out.stat().st_size} bytes)")
