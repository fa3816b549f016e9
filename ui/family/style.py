"""The family view's stylesheet (resources/family.qss, plus family-contrast.qss for high contrast).

The app's stylesheet sets every widget's font size, so the family view's adjustable text size is set here
too: the QSS files carry @body@, @big@ and @heading@ where the point sizes go.
"""

from __future__ import annotations

import logging
from functools import cache

from visitapp.paths import resources_dir

log = logging.getLogger(__name__)
SIZES = (14, 16, 18, 21, 24, 28)  # point sizes the worker or family can step through
DEFAULT_SIZE = 2  # 18 pt


@cache
def _read(name: str) -> str:
    try:
        return (resources_dir() / name).read_text("utf-8")
    except OSError:
        log.warning("stylesheet %s not found; using the app's look", name)
        return ""


def family_sheet(size_step: int, high_contrast: bool) -> str:
    body = SIZES[max(0, min(size_step, len(SIZES) - 1))]
    sheet = _read("family.qss") + (_read("family-contrast.qss") if high_contrast else "")
    return (
        sheet.replace("@body@", str(body))
        .replace("@big@", str(round(body * 1.2)))
        .replace("@heading@", str(round(body * 1.5)))
    )
