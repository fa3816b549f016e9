"""Checks run off the UI thread: the screen asks for the latest text; stale requests are skipped.

One thread per letter screen. ``request(text)`` never waits: it replaces whatever was waiting, so a check
always runs on the newest words, and ``checked`` arrives with the request's number so an answer about
older words can be recognised and dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from visitapp.writing.checker import LetterCheck

log = logging.getLogger(__name__)

CHECK_PAUSE_MS = 100  # quiet time after the last keystroke before checking: leaves ~50 ms for the check


def qt_offset(text: str, offset: int) -> int:
    """A Python string offset as a Qt text position (Qt counts UTF-16 units: an emoji counts twice)."""
    head = text[:offset]
    return offset + sum(1 for char in head if ord(char) > 0xFFFF)


class _CheckThread(QThread):
    checked = Signal(int, object)  # request number, LetterCheck

    def __init__(self, check: Callable[[str], LetterCheck]) -> None:
        super().__init__()
        self._check = check
        self._wake = threading.Condition()
        self._waiting: tuple[int, str] | None = None
        self._stopping = False

    def put(self, number: int, text: str) -> None:
        with self._wake:
            self._waiting = (number, text)
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._waiting = None
            self._wake.notify()
        self.wait()

    def run(self) -> None:
        while True:
            with self._wake:
                while self._waiting is None and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                assert self._waiting is not None
                number, text = self._waiting
                self._waiting = None
            try:
                result = self._check(text)
            except Exception as exc:  # a checker bug must not end checking; never log the letter's words
                log.warning("letter check failed: %s", type(exc).__name__)
                continue
            self.checked.emit(number, result)


class BackgroundChecker(QObject):
    """``request(text)``; ``checked(LetterCheck, text)`` arrives for the newest text only."""

    checked = Signal(object, str)

    def __init__(self, check: Callable[[str], LetterCheck], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = 0
        self._texts: dict[int, str] = {}
        self._thread = _CheckThread(check)
        self._thread.checked.connect(self._arrived)
        self._thread.start()

    def request(self, text: str) -> None:
        self._number += 1
        self._texts = {self._number: text}
        self._thread.put(self._number, text)

    def stop(self) -> None:
        self._thread.stop()

    def _arrived(self, number: int, result: LetterCheck) -> None:
        text = self._texts.get(number)
        if number == self._number and text is not None:
            self.checked.emit(result, text)
