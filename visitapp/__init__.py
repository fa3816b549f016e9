"""VisitApp's core: pure Python, never imports Qt (tests/visitapp/test_no_qt.py enforces it)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("visitapp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
