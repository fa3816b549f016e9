"""The guided visit's behaviour: load it, show every step, autosave what is typed, run the time-alone timer,
and finish, sign off and amend. Adding and removing the visit's parts lives in ``visit_parts``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from ui.controllers.confirm import ask
from ui.controllers.debounce import Debouncer
from ui.controllers.store_access import StoreAccess, plain_message
from ui.controllers.visit_hooks import VisitHooks
from ui.controllers.visit_jobs import Loaded, change, change_casework, load
from ui.controllers.visit_parts import VisitParts
from ui.family.jobs import ShareStep, share_step
from ui.models.format import day_in_words
from ui.store_worker import StoreContext
from ui.views.visit.dialogs import AmendDialog
from ui.views.visit.safety import SCALE_BOXES, SCALE_WHO
from ui.views.visit_view import VisitView
from visitapp.domain.models import Visit, VisitStatus
from visitapp.domain.visit_record import TimeAlone
from visitapp.domain.visit_steps import Step, time_alone_problem


def timer_words(alone: TimeAlone, now: datetime, tr: Callable[[str], str]) -> str:
    if not alone.child_seen:
        return tr("Child not seen on this visit")
    if alone.timer_started_at is not None:
        seconds = int(max(0.0, (now - alone.timer_started_at).total_seconds())) + alone.minutes * 60
        return tr("Alone with the child: {0} min {1:02d} s, timer running").format(
            seconds // 60, seconds % 60
        )
    if alone.seen_alone and alone.minutes:
        if alone.minutes == 1:
            return tr("Time alone: 1 minute")
        return tr("Time alone: {0} minutes").format(alone.minutes)
    if alone.seen_alone is False:
        return tr("Not seen alone")
    return tr("Time alone: not started")


def _not_yet_added(loaded: Loaded) -> dict[str, str]:
    """The kept words, less any the record already holds: added just before the laptop went down, the words
    were not yet cleared from the vault."""
    record = loaded.record
    recorded = {e.text.strip() for e in (*record.observations, *record.safety)}
    recorded |= {a.what.strip() for a in record.actions}
    kept = {box: text for box, text in loaded.unadded.items() if text.strip() not in recorded}
    scale_who = kept.get(SCALE_WHO, "").strip()
    if scale_who and any(s.who.strip() == scale_who for s in record.scales):
        kept = {box: text for box, text in kept.items() if box not in SCALE_BOXES}  # that number was added
    return kept


class VisitController(QObject):
    back = Signal(str)  # child id
    missing = Signal()

    def __init__(self, store: StoreAccess, view: VisitView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.view = view
        self.hooks = VisitHooks()
        self.loaded: Loaded | None = None
        self._sent = 0  # autosaves sent and answered, for the "Saving…"/"Saved" line
        self._answered = 0
        self._unadded_kept: Mapping[str, str] = {}  # what the vault holds of the boxes' unadded words
        self._asking_sign_off = False
        self.notes_saver = Debouncer(self._save_notes, parent=self)
        self.details_saver = Debouncer(self._save_details, parent=self)
        self.alone_saver = Debouncer(self._save_alone, parent=self)
        self.sharing_saver = Debouncer(self._save_not_sharing, parent=self)
        self.savers = (self.details_saver, self.notes_saver, self.alone_saver, self.sharing_saver)
        self.tick = QTimer(view)  # goes with the view: no tick may reach a closed window
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_timer)
        self.parts = VisitParts(self)
        view.notes_changed.connect(self._changed(self.notes_saver))
        view.before.details_changed.connect(self._changed(self.details_saver))
        view.who.present_changed.connect(self._changed(self.details_saver))
        view.alone.changed.connect(self._changed(self.alone_saver))
        view.words.not_sharing_changed.connect(self._changed(self.sharing_saver))
        view.timer_pressed.connect(self.toggle_timer)
        view.finish.complete.connect(self._ask_complete)
        view.finish.sign_off.connect(self._ask_sign_off)
        view.finish.amend.connect(self.amend)
        view.finish.write_letter.connect(self._write_letter)
        view.share.show_family.connect(self._share_with_family)
        view.share.choose_pin.connect(self._choose_exit_pin)
        view.back.connect(self._back)

    # Loading and showing -----------------------------------------------------------------------------------

    @property
    def visit(self) -> Visit | None:
        return self.loaded.record.visit if self.loaded else None

    @property
    def visit_id(self) -> str | None:
        return self.loaded.record.visit.id if self.loaded else None

    def current_step(self) -> str:
        return self.view.current_step().value

    def open(self, visit_id: str, then: Callable[[], None], step: str = "") -> None:
        """Load the visit and show it at ``step`` (a Step value; the first step if empty or unknown)."""
        steps = [s.value for s in Step]
        row = steps.index(step) if step in steps else 0
        self._keep_unadded()  # the visit shown now, if any: queued before the load, so it is read back

        def loaded(result: Loaded) -> None:
            self._sent = self._answered = 0
            self.loaded = None
            self.view.steps.setCurrentRow(row)
            self.view.share.show_facts(None, None)  # nothing of the visit open before
            self.apply(result, full=True)
            kept = _not_yet_added(result) if result.record.signed_off_at is None else {}
            self._unadded_kept = kept
            self.view.show_unadded(kept)  # exactly this visit's: nothing typed for another visit stays
            self._read_share_facts(visit_id)
            signed = result.record.signed_off_at is not None
            self.view.show_save_state(self.tr("Signed off: read only") if signed else self.tr("Saved"))
            then()
            self.view.steps.setFocus()

        self.store.run(load(visit_id), loaded, lambda exc: self.missing.emit())

    def apply(self, loaded: Loaded, full: bool = False) -> None:
        """Show the visit as saved. ``full`` also refills the fields the worker types in (on opening); after
        a save those are left alone, so a refresh never overwrites what is being typed."""
        if not full and (self.loaded is None or self.loaded.record.visit.id != loaded.record.visit.id):
            return  # an answer for a visit that is no longer open
        self.loaded = loaded
        record, view = loaded.record, self.view
        completed = record.completed_at is not None or record.visit.status is VisitStatus.COMPLETED
        signed_off = record.signed_off_at is not None
        if full:
            view.show_title(record.child.display_name, day_in_words(record.visit.starts_at.date()))
            view.before.show_visit(record.visit)
            view.before.show_last_time(record.agreed_last_time, record.previous_visit_id is None)
            view.before.show_open_actions(record.open_actions_before)
            view.who.show_people(loaded.people, set(record.visit.present_person_ids))
            view.show_notes(record.visit.notes)
            view.words.set_tools(loaded.tools)
            view.words.show_not_sharing(record.chose_not_to_share, fill=True)
            view.actions.show_people(loaded.people, record.child.display_name)
            view.actions.suggest_due(record.visit.starts_at.date() + timedelta(days=14))
        view.steps.show_states(loaded.states)
        shown_on = record.record_to_share[1] if record.record_to_share else None
        view.share.show_shared(record.shared_last_record, record.previous_visit_id is not None, shown_on,
                               record.visit.starts_at, signed_off)  # fmt: skip
        view.alone.show_time_alone(record.time_alone, time_alone_problem(record.time_alone), fill=full,
                                   sync_minutes=not self.alone_saver.dirty)  # fmt: skip
        hidden = set(loaded.not_shared)
        view.words.show_quotes(record.quotes)
        view.words.show_tools(record.tools)
        view.seen.show_observations(record.observations, record.observations_essential, hidden)
        view.safety.show_map(record.safety, record.scales, hidden)
        view.actions.show_actions(record.actions, hidden)
        view.next_visit.show_next(loaded.due.due, loaded.due.basis, record.next_visit, fill=full)
        view.finish.show_state(loaded.problems, loaded.states, record.completed_at,
                               record.recorded_within_one_working_day, record.signed_off_at)  # fmt: skip
        for page in view.pages.values():
            page.show_amendments(record.amendments)
        notes_amended = [a for a in record.amendments if a.part == AmendDialog.NOTES]
        view.notes_amended.setText("\n\n".join(
            self.tr("Amended: {0}\nWhy: {1}").format(a.text, a.reason) for a in notes_amended))  # fmt: skip
        view.notes_amended.setVisible(bool(notes_amended))
        view.set_locked(completed, signed_off)
        view.finish.letter_button.setVisible(self.hooks.open_letter is not None)
        view.share.allow_showing(self.hooks.share_with_family is not None)
        view.words.picture_button.setVisible(self.hooks.add_picture is not None and not signed_off)
        self._show_timer()

    def _show_timer(self) -> None:
        if self.loaded is None:
            self.tick.stop()
            return
        record = self.loaded.record
        alone = record.time_alone
        self.view.show_timer(timer_words(alone, datetime.now(), self.tr), alone.is_running(),
                             allowed=alone.child_seen and record.signed_off_at is None,
                             again=alone.minutes > 0)  # fmt: skip
        if alone.is_running() and not self.tick.isActive():
            self.tick.start()
        elif not alone.is_running():
            self.tick.stop()

    def run_change(self, job: Callable[[StoreContext], Loaded], page: Step | None = None,
                   then: Callable[[], None] | None = None) -> None:  # fmt: skip
        """Queue a change; show the visit as saved afterwards, or the reason it was refused on the page."""
        where = self.view.pages[page or self.view.current_step()]

        def done(result: Loaded) -> None:
            where.show_error("")
            self.apply(result)
            if result.record.signed_off_at is not None:
                self.view.show_save_state(self.tr("Signed off: read only"))
            if then is not None:
                then()

        self.store.run(job, done, lambda exc: where.show_error(plain_message(exc)))

    def flush(self) -> None:
        """Send any unsaved change now (before leaving the screen, locking or closing)."""
        for saver in self.savers:
            saver.flush()
        self.parts.flush()
        self._keep_unadded()

    def _keep_unadded(self) -> None:
        """Words typed in a box but not added go to the vault, not into the record, so that leaving the
        visit or locking neither loses them nor leaves them on screen; opening the visit puts them back."""
        if self.loaded is None or self.loaded.record.signed_off_at is not None:
            return
        visit_id, words = self.loaded.record.visit.id, self.view.unadded_words()
        if words != self._unadded_kept:
            self._unadded_kept = words
            self._send(lambda context: context.flow.keep_unadded(visit_id, words))

    def clear(self) -> None:
        for saver in self.savers:
            saver.cancel()
        self.tick.stop()
        self.loaded = None
        self.view.clear()

    # Autosave ----------------------------------------------------------------------------------------------

    def _changed(self, saver: Debouncer) -> Callable[[], None]:
        def poke() -> None:
            if self.loaded is not None and self.loaded.record.signed_off_at is None:
                saver.poke()
                self.view.show_save_state(self.tr("Saving…"), "saving")

        return poke

    def _send(self, job: Callable[[StoreContext], object], refresh: bool = False) -> None:
        self._sent += 1

        def saved(result: object) -> None:
            self._answered += 1
            if refresh and isinstance(result, Loaded):
                self.apply(result)
            if self._answered == self._sent and not any(s.dirty for s in self.savers):
                self.view.show_save_state(self.tr("Saved"))

        def not_saved(exc: Exception) -> None:
            self._answered += 1
            self.view.show_save_state(self.tr("Not saved: {0}").format(plain_message(exc)), "error")

        self.store.run(job, saved, not_saved)

    def _save_notes(self) -> None:
        if self.visit is None:
            return
        visit_id, notes = self.visit.id, self.view.notes.toPlainText()
        self._send(lambda context: context.casework.save_notes(visit_id, notes))

    def _save_details(self) -> None:
        if self.visit is None:
            return
        visit = self.view.before.read_visit(self.visit)
        visit.present_person_ids = self.view.who.present_ids()
        visit.notes = self.view.notes.toPlainText()
        self.notes_saver.cancel()  # the full save carries the notes too
        self._send(
            change_casework(visit.id, lambda context: context.casework.save_visit(visit)), refresh=True
        )

    def _save_alone(self) -> None:
        if self.visit is None:
            return
        visit_id, typed = self.visit.id, self.view.alone.read()
        self._send(change(visit_id, lambda flow: flow.update_time_alone(visit_id, typed)), refresh=True)

    def _save_not_sharing(self) -> None:
        if self.visit is None:
            return
        visit_id, reason = self.visit.id, self.view.words.read_not_sharing()
        self._send(change(visit_id, lambda flow: flow.set_chose_not_to_share(visit_id, reason)), refresh=True)

    # The timer ---------------------------------------------------------------------------------------------

    def toggle_timer(self) -> None:
        if self.loaded is None:
            return
        self.alone_saver.flush()  # what was typed first, so the timer's answer is the last word
        visit_id = self.loaded.record.visit.id
        running = self.loaded.record.time_alone.is_running()
        stop_or_start = (lambda flow: flow.stop_alone_timer(visit_id)) if running else (
            lambda flow: flow.start_alone_timer(visit_id))  # fmt: skip
        self.run_change(change(visit_id, stop_or_start), Step.TIME_ALONE)

    # Finishing ---------------------------------------------------------------------------------------------

    def _unadded_warning(self) -> str:
        """The start of a finishing question when words are typed but not added: they are not recorded."""
        unadded = self.view.unadded_entries()
        if not unadded:
            return ""
        return self.tr("Not added yet, so not in the record: what you typed in {0}. Go back and press Add to "
                       "keep it.\n\n").format(", ".join(f"“{title}”" for title in unadded))  # fmt: skip

    def _ask_complete(self) -> None:
        if self.visit is None:
            return
        self.flush()
        ask(
            self.view,
            "completeVisitQuestion",
            self.tr("Mark the visit completed?"),
            self._unadded_warning()
            + self.tr("After this, the child's words are kept exactly as they are: you can add a note beside "
                      "them, but not change them. Is the visit written up?"),
            self.tr("&Mark completed"),
            self.complete,
        )  # fmt: skip

    def complete(self) -> None:
        if self.visit is None:
            return
        self.flush()
        visit_id = self.visit.id
        self.run_change(
            change(visit_id, lambda flow: flow.complete(visit_id)), Step.FINISH, self.hooks.visit_finished
        )

    def _ask_sign_off(self) -> None:
        if self.visit is None or self._asking_sign_off:  # a second click while the letter is looked up
            return
        visit_id = self.visit.id
        self.flush()
        self._asking_sign_off = True

        sign = change_casework(visit_id, lambda context: _sign_off(context, visit_id))

        def asked(has_letter: bool) -> None:
            self._asking_sign_off = False
            if self.visit_id != visit_id or not self.view.isVisible():  # left the visit meanwhile
                return
            unread = "" if has_letter else self.tr(
                "You have not opened the letter to the child yet. Signing off writes it from the record and "
                "locks it, so to read or change it first, press Cancel and then “Write the letter to the "
                "child”.\n\n")  # fmt: skip
            ask(
                self.view,
                "signOffQuestion",
                self.tr("Sign off this visit?"),
                self._unadded_warning() + unread
                + self.tr("Once signed off, the record is locked. Any later change is added as an amendment, "
                          "with the reason, beside what you wrote. The letter to the child is locked too: it "
                          "can be read and exported but not changed. Sign it off now?"),
                self.tr("&Sign off"),
                lambda: self.run_change(sign, Step.FINISH, self.hooks.visit_finished),
            )  # fmt: skip

        self.store.run(_has_letter(visit_id), asked, lambda exc: asked(True))  # unknown: the usual question

    def amend(self) -> AmendDialog | None:
        if self.visit is None:
            return None
        visit_id = self.visit.id
        dialog = AmendDialog(self.view.window())
        current = self.view.current_step()
        if current is not Step.FINISH:
            dialog.part.setCurrentIndex(dialog.part.findData(current.value))

        def job() -> Callable[[StoreContext], Loaded]:
            part, text, reason = dialog.read()
            return change(visit_id, lambda flow: flow.amend(visit_id, part, text, reason))

        self.parts.open_dialog(dialog, job)
        return dialog

    def _write_letter(self) -> None:
        # HOOK (letter screen): the lead sets ``hooks.open_letter``; see ui/controllers/visit_hooks.py.
        if self.visit is not None and self.hooks.open_letter is not None:
            self.flush()
            self.hooks.open_letter(self.visit.id)

    def _share_with_family(self) -> None:
        # HOOK (family view): set by CompanionWindows.attach; see ui/controllers/visit_hooks.py.
        if self.visit is not None and self.hooks.share_with_family is not None:
            self.flush()
            self.view.share.show_error("")
            self.hooks.share_with_family(self.visit.id, self.view.share.show_error)

    def _choose_exit_pin(self) -> None:
        # HOOK (family view): set by CompanionWindows.attach; see ui/controllers/visit_hooks.py.
        if self.hooks.choose_exit_pin is not None:
            visit_id = self.visit_id  # Cancel changes nothing: the page still says whether a PIN is set

            def saved() -> None:
                if self.visit_id == visit_id:
                    self.view.share.show_pin_saved(True)

            self.hooks.choose_exit_pin(saved)

    def _read_share_facts(self, visit_id: str) -> None:
        """Whether an exit PIN is set, and whether the visit before this one is still a draft."""

        def shown(step: ShareStep) -> None:
            if self.visit_id == visit_id:
                self.view.share.show_facts(step.has_pin, step.draft_on, step.waiting)

        self.store.run(share_step(visit_id), shown, lambda exc: None)  # the page then says less, no harm

    def _back(self) -> None:
        if self.visit is not None:
            self.flush()
            self.back.emit(self.visit.child_id)


def _has_letter(visit_id: str) -> Callable[[StoreContext], bool]:
    def job(context: StoreContext) -> bool:
        from visitapp.writing.letters import has_letter

        return has_letter(context.casework.conn, visit_id)

    return job


def _sign_off(context: StoreContext, visit_id: str) -> None:
    """Through the letter service, which writes the letter first if nobody has opened it yet."""
    from visitapp.writing.letters import LetterService  # the letter's machinery, only when it is needed

    casework = context.casework
    LetterService(casework.conn, casework.worker_id).sign_off(visit_id)
