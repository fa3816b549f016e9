"""Render resources/icons/visitapp.svg to the PNG sizes desktops use, plus .ico (Windows) and .icns (macOS).

Usage: python installers/make_icons.py OUT_DIR. Qt draws the SVG (offscreen, no window); Pillow writes the
.ico and .icns. Outputs are build products: they go under build/, never into the repository.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "visitapp.svg"


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a valid SVG")
    out_dir.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out_dir / f"visitapp-{size}.png"
        if not image.save(str(path)):  # PNG, from the suffix
            raise SystemExit(f"make_icons: could not write {path}")
        pngs[size] = path.read_bytes()
        made.append(path)
    biggest = Image.open(io.BytesIO(pngs[512]))
    biggest.save(out_dir / "visitapp.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    biggest.save(out_dir / "visitapp.icns")
    made += [out_dir / "visitapp.ico", out_dir / "visitapp.icns"]
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")
    for made_path in render(target):
        print(made_path)
