"""The app icon in every size the installers need, drawn from desktop/newsdesk/resources/newsdesk.svg.

    python packaging/make_icons.py [OUT]      (default: build/icons)

Writes OUT/png/<n>x<n>.png for the hicolor sizes, OUT/newsdesk.ico (Windows: 16-256)
and OUT/newsdesk.icns (macOS: 16-1024). Qt renders the SVG (no system tools);
Pillow writes the ICO and ICNS containers.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "desktop" / "newsdesk" / "resources" / "newsdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"cannot write {out}")


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    out = Path(argv[0]) if argv else ROOT / "build" / "icons"
    (out / "png").mkdir(parents=True, exist_ok=True)
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt needs it for fonts
    for size in PNG_SIZES:
        render(SVG, size, out / "png" / f"{size}x{size}.png")
    largest = Image.open(out / "png" / "1024x1024.png")
    largest.save(out / "newsdesk.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(out / "newsdesk.icns", sizes=[(s, s) for s in ICNS_SIZES])
    for name in ("newsdesk.ico", "newsdesk.icns"):
        print(f"{out / name}: {(out / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
