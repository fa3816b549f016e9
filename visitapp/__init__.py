"""VisitApp's core: pure Python, never imports Qt (tests/visitapp/test_no_qt.py enforces it)."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up on first use: importlib.metadata costs ~20 ms that the unlock window
    # should not wait for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("visitapp")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(f"module 'visitapp' has no attribute {name!r}")
