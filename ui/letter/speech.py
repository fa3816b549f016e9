"""Read the letter aloud where the computer has a speech engine; the button is hidden where it has none."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # the add-on module is missing from some installs
    QTextToSpeech = None  # type: ignore[assignment,misc]


class ReadAloud(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = None
        if QTextToSpeech is not None:
            try:
                engines = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
                if engines:
                    engine = QTextToSpeech(engines[0], self)
                    if engine.state() != QTextToSpeech.State.Error and engine.availableVoices():
                        self._engine = engine
            except Exception as exc:  # a broken speech plugin must never stop the letter opening
                log.info("no speech engine: %s", type(exc).__name__)
                self._engine = None

    @property
    def available(self) -> bool:
        return self._engine is not None

    def toggle(self, text: str) -> None:
        if self._engine is None:
            return
        if self._engine.state() == QTextToSpeech.State.Speaking:
            self._engine.stop()
        else:
            self._engine.say(text)

    def stop(self) -> None:
        if self._engine is not None:
            self._engine.stop()
