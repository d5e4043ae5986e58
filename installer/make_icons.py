"""Render vipdesk's application icon from resources/icons/vipdesk.svg.

Writes, beside the SVG, vipdesk-SIZE.png for the sizes the desktops ask for, vipdesk.ico for
Windows (16 to 256 pixels) and vipdesk.icns for macOS (16 to 512 pixels, Retina sizes included).
The ICO and ICNS are built from the PNG files, so they follow from them exactly.

    .venv/bin/python installer/make_icons.py           # write the files
    .venv/bin/python installer/make_icons.py --check   # fail if the files are stale

`--check` renders the SVG again and compares pixels with a small tolerance, since another Qt
version may anti-alias an edge slightly differently.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "vipdesk.svg"
# The same drawing with thicker lines and fewer details, for the sizes up to SMALL.
SMALL_SOURCE = ICONS / "vipdesk-small.svg"
SMALL = 24
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can be
# ICNS entry types holding PNG data, with the pixel size each holds ("@2x" types for Retina).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),  # 16@2x
    (b"icp5", 32),
    (b"ic12", 64),  # 32@2x
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
)
# Mean difference per colour channel (0-255) tolerated by --check.
CHECK_TOLERANCE = 0.5


def png_path(size: int) -> Path:
    return ICONS / f"vipdesk-{size}.png"


class Artwork:
    """The two drawings, each used for the sizes it was made for."""

    def __init__(self) -> None:
        self.large = QSvgRenderer(str(SOURCE))
        self.small = QSvgRenderer(str(SMALL_SOURCE))
        for renderer, path in ((self.large, SOURCE), (self.small, SMALL_SOURCE)):
            if not renderer.isValid():
                raise RuntimeError(f"cannot read {path}")

    def render(self, size: int) -> QImage:
        return render(self.small if size <= SMALL else self.large, size)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG", 9):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def decode_png(data: bytes) -> QImage:
    image = QImage.fromData(data, "PNG")
    if image.isNull():
        raise RuntimeError("not a PNG image")
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _rows_bottom_up(image: QImage) -> list[bytes]:
    """BGRA rows, last row first: Format_ARGB32 is BGRA in memory on little-endian machines."""
    stride = image.bytesPerLine()
    row_bytes = image.width() * 4
    bits = bytes(image.constBits())
    rows = [bits[y * stride : y * stride + row_bytes] for y in range(image.height())]
    if sys.byteorder != "little":  # pragma: no cover - every desktop we build on is
        rows = [b"".join(row[i : i + 4][::-1] for i in range(0, len(row), 4)) for row in rows]
    return rows[::-1]


def ico_bitmap(image: QImage) -> bytes:
    """A 32-bit BMP icon entry (with its AND mask), the form every Windows tool reads."""
    width, height = image.width(), image.height()
    rows = _rows_bottom_up(image)
    mask_stride = ((width + 31) // 32) * 4
    mask = bytearray()
    for row in rows:
        line = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:  # fully transparent: set in the AND mask
                line[x // 8] |= 0x80 >> (x % 8)
        mask += line
    pixels = b"".join(rows)
    header = struct.pack(
        "<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0
    )
    return header + pixels + bytes(mask)


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """A multi-size ICO: BMP entries up to 48 pixels, which every tool reads; PNG ones above."""
    entries = [
        pngs[size] if size >= 64 else ico_bitmap(decode_png(pngs[size])) for size in ICO_SIZES
    ]
    directory = struct.pack("<HHH", 0, 1, len(entries))
    offset = len(directory) + 16 * len(entries)
    for size, data in zip(ICO_SIZES, entries, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(entries)


def build_icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def mean_difference(first: QImage, second: QImage) -> float:
    if first.size() != second.size():
        return 255.0
    a, b = b"".join(_rows_bottom_up(first)), b"".join(_rows_bottom_up(second))
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def check_readable(path: Path, count: int) -> None:
    """Read a written ICO or ICNS back with Qt's own readers, as a second opinion."""
    reader = QImageReader(str(path))
    if reader.imageCount() < count or reader.read().isNull():
        raise RuntimeError(f"Qt cannot read {path.name} back")


def check(artwork: Artwork) -> list[str]:
    problems = []
    pngs = {}
    for size in PNG_SIZES:
        path = png_path(size)
        if not path.is_file():
            problems.append(f"{path.name} is missing")
            continue
        pngs[size] = path.read_bytes()
        difference = mean_difference(artwork.render(size), decode_png(pngs[size]))
        if difference > CHECK_TOLERANCE:
            problems.append(f"{path.name} differs from the SVG (mean difference {difference:.2f})")
    if len(pngs) == len(PNG_SIZES):
        for name, build in (("vipdesk.ico", build_ico), ("vipdesk.icns", build_icns)):
            path = ICONS / name
            if not path.is_file() or path.read_bytes() != build(pngs):
                problems.append(f"{name} does not match the PNG files")
    return problems


def write(artwork: Artwork) -> None:
    pngs = {size: png_bytes(artwork.render(size)) for size in PNG_SIZES}
    for size, data in pngs.items():
        png_path(size).write_bytes(data)
    (ICONS / "vipdesk.ico").write_bytes(build_ico(pngs))
    (ICONS / "vipdesk.icns").write_bytes(build_icns(pngs))
    check_readable(ICONS / "vipdesk.ico", len(ICO_SIZES))
    check_readable(ICONS / "vipdesk.icns", 1)
    total = sum(path.stat().st_size for path in ICONS.glob("vipdesk*.*"))
    print(f"Wrote {len(pngs)} PNG files, vipdesk.ico and vipdesk.icns ({total // 1024} KB).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keep alive
    try:
        artwork = Artwork()
    except RuntimeError as exc:
        print(f"make_icons: {exc}", file=sys.stderr)
        return 1
    if not args.check:
        write(artwork)
        return 0
    problems = check(artwork)
    for problem in problems:
        print(f"make_icons: {problem}; run installer/make_icons.py", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
