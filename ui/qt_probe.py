"""``visitapp selftest``'s Qt check, run in a child process by visitapp/commands/selftest.py: do Qt's
platform, multimedia and image plugins load? It prints one JSON line, which the self-test reads back.

It lives in ui/ because it loads Qt, which the core never does; ui/cli.py starts it for
``visitapp selftest --qt-probe``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QPluginLoader
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtMultimedia import QMediaFormat

NATIVE_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}


def main() -> int:
    """Load Qt offscreen, try the plugins, print one JSON line. No window."""

    problems: list[str] = []
    app = QGuiApplication([sys.argv[0]])
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if app.platformName() != "offscreen":
        problems.append(f"started the '{app.platformName()}' platform instead of 'offscreen'")

    native = NATIVE_PLATFORM.get(sys.platform, "")
    native_files = sorted((plugins / "platforms").glob(f"*q{native}.*")) if native else []
    if native and not native_files:
        problems.append(f"the '{native}' platform plugin is missing from {plugins / 'platforms'}")
    for path in native_files:
        loader = QPluginLoader(str(path))
        if not loader.load():
            problems.append(f"the '{native}' platform plugin does not load: {loader.errorString()}")

    backends: list[str] = []
    for path in sorted((plugins / "multimedia").glob("*")):
        loader = QPluginLoader(str(path))
        if loader.load():
            meta: Any = loader.metaData()  # a dict of the plugin's JSON metadata
            backends += meta.get("MetaData", {}).get("Keys") or [path.stem]
        else:
            problems.append(f"multimedia plugin {path.name} does not load: {loader.errorString()}")
    if not backends:
        problems.append(f"no multimedia plugin loads from {plugins / 'multimedia'}")
    formats = len(QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode))
    if not formats:
        problems.append("the multimedia backend started but decodes no formats")

    images = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    missing = [f for f in ("png", "jpeg", "svg", "webp") if f not in images]
    if missing:
        problems.append(f"Qt cannot read {', '.join(missing)} images")
    found = {
        "platform": app.platformName(),
        "native": native or "(none)",
        "multimedia": "+".join(backends) or "(none)",
        "formats": formats,
        "images": [f for f in ("png", "jpeg", "svg", "webp") if f in images],
        "problems": problems,
    }
    print(json.dumps(found), flush=True)
    return 0
