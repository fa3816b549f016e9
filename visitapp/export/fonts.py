"""A friendly, wide, easy-to-read typeface for the letter, with every letter a child's name may need.

Verdana (Windows, macOS) or DejaVu Sans (Linux) when the system has them; both are designed for reading
at a glance and carry accented and non-Latin letters. Otherwise reportlab's built-in Helvetica.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("C:/Windows/Fonts/verdana.ttf", "C:/Windows/Fonts/verdanab.ttf"),
    ("/System/Library/Fonts/Supplemental/Verdana.ttf", "/System/Library/Fonts/Supplemental/Verdana Bold.ttf"),
    ("/Library/Fonts/Verdana.ttf", "/Library/Fonts/Verdana Bold.ttf"),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)


@lru_cache(maxsize=1)
def letter_fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab."""
    for regular, bold in _CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            try:
                pdfmetrics.registerFont(TTFont("LetterRegular", regular))
                pdfmetrics.registerFont(TTFont("LetterBold", bold))
            except (TTFError, OSError):
                continue
            return "LetterRegular", "LetterBold"
    return "Helvetica", "Helvetica-Bold"
