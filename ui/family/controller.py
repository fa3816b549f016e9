"""The family view's behaviour: show the record, keep the family's response, and let the worker out only
with their PIN or passphrase. Every answer from the store thread is checked against a view that may have
been closed (by locking) while the job ran."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from ui.controllers.store_access import StoreAccess
from ui.family import jobs
from ui.family.family_view import FamilyView
from ui.family.jobs import ExitCheck, Shown, family_message
from ui.letter.speech import ReadAloud
from visitapp.domain.family import FamilyResponse, Verdict


class FamilyController(QObject):
    def __init__(self, store: StoreAccess, view: FamilyView, during_visit_id: str | None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.store = store
        self.view = view
        self.during_visit_id = during_visit_id
        self.shown: Shown | None = None
        self.has_pin = False
        self.saved: list[FamilyResponse] = []
        self.pin_accepted = True
        self._deadline = 0.0  # monotonic time when a passphrase may be tried again
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._count_down)
        self.speech = ReadAloud(view)
        view.read_button.setVisible(self.speech.available)
        view.read_button.clicked.connect(lambda: self.speech.toggle(view.record.speech))
        view.exit_requested = self.ask_to_leave  # type: ignore[method-assign]
        view.response.save.connect(self.save_response)
        view.exit.leave.connect(self.check_exit)

    def _alive(self) -> bool:
        return shiboken6.isValid(self.view) and not self.view.releasing

    def show(self, shown: Shown) -> None:
        self.shown = shown
        self.has_pin = shown.has_pin
        record = shown.record
        self.view.show_title(self.tr("My last visit to {0}").format(record.child_name))
        self.view.record.show_record(shown)
        self.view.response.start(record.child_name)
        self.view.show_record()

    # The family's response --------------------------------------------------------------------------------

    def save_response(self, then: Callable[[], None] | None = None) -> None:
        if self.shown is None:
            return
        verdict, speaker, words = self.view.response.read()
        if verdict is None:
            self.view.response.show_error(self.tr("Choose one of the three answers first."))
            return
        self.view.response.save_button.setEnabled(False)  # kept once, even after a double press
        record_id = self.shown.record.visit_id

        def saved(response: FamilyResponse) -> None:
            self.saved.append(response)
            if self._alive():
                self.view.response.reset()
                self.view.show_thanks()

        def refused(exc: Exception) -> None:
            if self._alive():
                self.view.response.show_error(family_message(exc))

        self.store.run(jobs.add_response(record_id, verdict, speaker, words, self.during_visit_id),
                       saved, refused)  # fmt: skip

    def flush(self) -> None:
        """Locking: a response the family had finished writing is kept, not lost (the store still runs)."""
        if self.shown is None or self.view.current_page() is not self.view.response:
            return
        verdict, speaker, words = self.view.response.read()
        if verdict is None or not speaker.strip() or (verdict is not Verdict.AGREE and not words.strip()):
            return
        job = jobs.add_response(self.shown.record.visit_id, verdict, speaker, words, self.during_visit_id)
        self.store.run(job, self.saved.append, lambda exc: None)

    # Leaving ----------------------------------------------------------------------------------------------

    def ask_to_leave(self) -> None:
        self.speech.stop()
        self.view.show_exit(self.has_pin, self.pin_accepted)

        def known(state: ExitCheck) -> None:  # whether the PIN still works, and any wait still due
            if self._alive() and self.view.current_page() is self.view.exit:
                if state.pin_accepted != self.pin_accepted:
                    self.pin_accepted = state.pin_accepted
                    self.view.exit.start(self.has_pin, state.pin_accepted)
                self._wait(state.wait)

        self.store.run(jobs.exit_state, known, lambda exc: None)

    def check_exit(self, credential: str) -> None:
        # The check runs on the store thread: a passphrase's KDF takes about half a second.
        def checked(result: ExitCheck) -> None:
            if not self._alive():
                return
            if result.ok:
                self._tick.stop()
                self.view.release()
                return
            self.pin_accepted = result.pin_accepted
            self.view.exit.start(self.has_pin, result.pin_accepted)
            self._wait(result.wait)
            if result.wait <= 0:
                words = self.tr("That did not match, so the family screen stays open.")
            elif result.pin_checked:
                words = self.tr("That is not the PIN, so the family screen stays open. After too many wrong "
                                "passphrases, a passphrase cannot be tried yet.")  # fmt: skip
            else:
                words = self.tr("Too many wrong tries, so the family screen stays open. Please wait, then "
                                "try again.")  # fmt: skip
            self.view.exit.show_error(words)

        def failed(exc: Exception) -> None:
            if self._alive():
                self.view.exit.show_error(family_message(exc))

        self.store.run(jobs.check_exit(credential), checked, failed)

    def _wait(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._count_down()
        if seconds > 0:
            self._tick.start()

    def _count_down(self) -> None:
        if not self._alive():
            self._tick.stop()
            return
        left = math.ceil(self._deadline - time.monotonic())
        self.view.exit.show_wait(max(left, 0))
        if left <= 0:
            self._tick.stop()

    def wipe(self) -> None:
        self.speech.stop()
        self._tick.stop()
        self.shown = None
        if shiboken6.isValid(self.view):
            self.view.wipe()
