"""Adding and removing the parts of a visit: the child's words (the capture box), direct-work tools, what
I saw, the Signs of Safety map and scales, actions, who is here, the next visit, and earlier actions done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.controllers.confirm import ask
from ui.controllers.forms import open_form
from ui.controllers.visit_jobs import Loaded, change, change_casework
from ui.family.jobs import mark_shareable
from ui.store_worker import StoreContext
from ui.views.dialog_base import FormDialog
from ui.views.person_dialog import PersonDialog
from ui.views.visit.dialogs import AnnotateDialog, QuoteDialog, ToolDialog
from ui.views.widgets import raw_text
from visitapp.domain.models import Person
from visitapp.domain.visit_record import Action, ObservationArea, Quote, SafetyCategory
from visitapp.domain.visit_steps import Step

if TYPE_CHECKING:
    from ui.controllers.visit_controller import VisitController


class VisitParts(QObject):
    def __init__(self, owner: VisitController) -> None:
        super().__init__(owner)
        self.owner = owner
        self.capture_dialog: QuoteDialog | None = None
        view = owner.view
        view.capture.connect(self.capture)
        view.words.edit_quote.connect(self.edit_quote)
        view.words.remove_quote.connect(self.remove_quote)
        view.words.annotate_quote.connect(self.annotate_quote)
        view.words.start_tool.connect(self.start_tool)
        view.words.remove_tool.connect(lambda i: self._remove("tool_entries", i, self.tr("these answers")))
        view.words.add_picture.connect(self._add_picture)
        view.seen.add.connect(self.add_observation)
        view.seen.remove.connect(lambda i: self._remove("observations", i, self.tr("this entry")))
        for column in view.safety.columns:
            column.add.connect(self.add_safety)
            column.remove.connect(lambda i: self._remove("safety_entries", i, self.tr("this entry")))
        view.safety.add_scale.connect(self.add_scale)
        view.safety.remove_scale.connect(lambda i: self._remove("scale_ratings", i, self.tr("this number")))
        view.actions.add.connect(self.add_action)
        view.actions.remove.connect(lambda i: self._remove("actions", i, self.tr("this action")))
        view.before.action_done.connect(self.action_done)
        view.share.shared_changed.connect(self.shared)
        toggles = [c.sharing for c in (view.seen.column, *view.safety.columns)]
        for toggle in [*toggles, view.safety.scales_sharing, view.actions.sharing]:
            if toggle is not None:
                toggle.changed.connect(self.mark_shareable)
        view.who.add_person.connect(self.add_person)
        view.next_visit.save.connect(self.save_next_visit)

    @property
    def _visit_id(self) -> str | None:
        return self.owner.visit_id

    def _quote(self, quote_id: str) -> Quote | None:
        loaded = self.owner.loaded
        return next((q for q in loaded.record.quotes if q.id == quote_id), None) if loaded else None

    def open_dialog(self, dialog: FormDialog, make_job: Callable[[], Callable[[StoreContext], Loaded]],
                    then: Callable[[], None] | None = None) -> FormDialog:  # fmt: skip
        def saved(result: Loaded) -> None:
            self.owner.apply(result)
            if then is not None:
                then()

        return open_form(dialog, self.owner.store, make_job, saved)

    # The child's words ------------------------------------------------------------------------------------

    def _prompts(self) -> list[str]:
        loaded = self.owner.loaded
        if loaded is None:
            return []
        used = [q.prompt for q in loaded.record.quotes if q.prompt]
        asked = [f"{tool.label}: {field.prompt}" for tool in loaded.tools.values() for field in tool.fields
                 if field.prompt]  # fmt: skip
        return list(dict.fromkeys(reversed(used))) + asked

    def capture(self) -> QuoteDialog | None:
        """The capture box, from any step. Whether the child is alone follows the running timer."""
        loaded, visit_id = self.owner.loaded, self._visit_id
        if loaded is None or visit_id is None or loaded.record.signed_off_at is not None:
            return None
        if self.capture_dialog is not None:
            self.capture_dialog.words.setFocus()
            return self.capture_dialog
        alone = loaded.record.time_alone.is_running()
        dialog = QuoteDialog(
            None, loaded.record.child.display_name, self._prompts(), alone, self.owner.view.window()
        )

        def job() -> Callable[[StoreContext], Loaded]:
            words, prompt, how, child_alone, kind = dialog.read()
            return change(
                visit_id, lambda flow: flow.add_quote(visit_id, words, prompt, how, child_alone, kind)
            )

        self.capture_dialog = dialog
        dialog.finished.connect(self._capture_closed)
        self.open_dialog(dialog, job)
        return dialog

    def _capture_closed(self) -> None:
        self.capture_dialog = None

    def flush(self) -> None:
        """Locking closes the capture box: keep words typed in it as a quote, rather than lose them."""
        dialog, visit_id = self.capture_dialog, self._visit_id
        if dialog is None or visit_id is None or not raw_text(dialog.words).strip():
            return
        words, prompt, how, child_alone, kind = dialog.read()
        dialog.words.setPlainText("")  # saved once, even if flush runs twice
        self.owner.store.run(
            lambda context: context.flow.add_quote(visit_id, words, prompt, how, child_alone, kind)
        )

    def edit_quote(self, quote_id: str) -> QuoteDialog | None:
        quote, loaded = self._quote(quote_id), self.owner.loaded
        if quote is None or loaded is None:
            return None
        dialog = QuoteDialog(quote, loaded.record.child.display_name, self._prompts(), quote.child_alone,
                             self.owner.view.window())  # fmt: skip

        def job() -> Callable[[StoreContext], Loaded]:
            words, prompt, how, child_alone, kind = dialog.read()
            changed = replace(quote, words=words, prompt=prompt, shared_how=how, child_alone=child_alone,
                              kind=kind)  # fmt: skip
            return change(quote.visit_id, lambda flow: flow.edit_quote(changed))

        self.open_dialog(dialog, job)
        return dialog

    def remove_quote(self, quote_id: str) -> None:
        quote = self._quote(quote_id)
        if quote is None:
            return
        ask(
            self.owner.view, "removeQuoteQuestion", self.tr("Remove these words?"),
            self.tr("Remove “{0}” from this visit?").format(quote.words), self.tr("&Remove"),
            lambda: self.owner.run_change(change(quote.visit_id, lambda flow: flow.remove_quote(quote))),
        )  # fmt: skip

    def annotate_quote(self, quote_id: str) -> AnnotateDialog | None:
        quote = self._quote(quote_id)
        if quote is None:
            return None
        dialog = AnnotateDialog(quote, self.owner.view.window())

        def job() -> Callable[[StoreContext], Loaded]:
            text = dialog.read()
            return change(quote.visit_id, lambda flow: flow.annotate_quote(quote.id, text))

        self.open_dialog(dialog, job)
        return dialog

    def start_tool(self, key: str) -> ToolDialog | None:
        loaded, visit_id = self.owner.loaded, self._visit_id
        if loaded is None or visit_id is None or key not in loaded.tools:
            return None
        dialog = ToolDialog(loaded.tools[key], self.owner.view.window())

        def job() -> Callable[[StoreContext], Loaded]:
            answers = dialog.read()
            return change(visit_id, lambda flow: flow.add_tool_entry(visit_id, key, answers))

        self.open_dialog(dialog, job)
        return dialog

    def _add_picture(self) -> None:
        # HOOK (picture widgets): the lead sets ``hooks.add_picture``; see ui/controllers/visit_hooks.py.
        hook = self.owner.hooks.add_picture
        if hook is not None and self._visit_id is not None:
            self.owner.flush()
            hook(self._visit_id)

    # The other parts ---------------------------------------------------------------------------------------

    def _remove(self, table: str, item_id: str, what: str) -> None:
        visit_id = self._visit_id
        if visit_id is None:
            return
        job = change(visit_id, lambda flow: flow.remove_part(visit_id, table, item_id))
        ask(
            self.owner.view, "removePartQuestion", self.tr("Remove {0}?").format(what),
            self.tr("Remove {0} from this visit? This cannot be undone.").format(what), self.tr("&Remove"),
            lambda: self.owner.run_change(job),
        )  # fmt: skip

    def add_observation(self, area: str, text: str) -> None:
        visit_id = self._visit_id
        if visit_id is not None:
            job = change(visit_id, lambda flow: flow.add_observation(visit_id, ObservationArea(area), text))
            self.owner.run_change(job, Step.WHAT_I_SAW, self.owner.view.seen.column.added)

    def add_safety(self, category: str, text: str) -> None:
        visit_id = self._visit_id
        column = self.owner.view.safety.column_for(category)
        if visit_id is not None and column is not None:
            job = change(
                visit_id, lambda flow: flow.add_safety_entry(visit_id, SafetyCategory(category), text)
            )
            self.owner.run_change(job, Step.SIGNS_OF_SAFETY, column.added)

    def add_scale(self, who: str, score: int, reason: str, higher: str) -> None:
        visit_id = self._visit_id
        if visit_id is not None:
            job = change(visit_id, lambda flow: flow.add_scale(visit_id, who, score, reason, higher))
            self.owner.run_change(job, Step.SIGNS_OF_SAFETY, self.owner.view.safety.scale_added)

    def add_action(self, who: str, what: str, due: date | None) -> None:
        loaded = self.owner.loaded
        if loaded is None:
            return
        action = Action(child_id=loaded.record.child.id, visit_id=loaded.record.visit.id, who=who, what=what,
                        due_on=due)  # fmt: skip
        job = change(action.visit_id, lambda flow: flow.save_action(action))
        self.owner.run_change(job, Step.ACTIONS, self.owner.view.actions.added)

    def action_done(self, action_id: str) -> None:
        loaded = self.owner.loaded
        if loaded is None:
            return
        action = next((a for a in loaded.record.open_actions_before if a.id == action_id), None)
        if action is not None:
            job = change(loaded.record.visit.id, lambda flow: flow.mark_action_done(action, date.today()))
            self.owner.run_change(job, Step.BEFORE_YOU_GO)

    def shared(self, on: bool) -> None:
        visit_id = self._visit_id
        if visit_id is not None:
            job = change(visit_id, lambda flow: flow.set_shared_last_record(visit_id, on))
            self.owner.run_change(job, Step.SHARE_LAST_RECORD)

    def mark_shareable(self, part: str, item_id: str, shareable: bool) -> None:
        """ "Not for the family": the entry stays in the record; the family view leaves it out."""
        visit_id = self._visit_id
        if visit_id is not None:
            job = change_casework(visit_id, mark_shareable(part, item_id, shareable))
            self.owner.run_change(job)

    def save_next_visit(self, day: date, reason: str) -> None:
        visit_id = self._visit_id
        if visit_id is not None:
            job = change(visit_id, lambda flow: flow.set_next_visit(visit_id, day, reason))
            self.owner.run_change(job, Step.NEXT_VISIT)

    def add_person(self) -> PersonDialog | None:
        loaded = self.owner.loaded
        if loaded is None:
            return None
        self.owner.flush()  # who is ticked now, before the visit is read back
        visit_id = loaded.record.visit.id
        dialog = PersonDialog(
            Person(child_id=loaded.record.child.id, name=""), True, self.owner.view.window()
        )

        def job() -> Callable[[StoreContext], Loaded]:
            person = dialog.read_person()

            def save(context: StoreContext) -> None:
                context.casework.save_person(person)
                visit = context.casework.visit(visit_id)
                visit.present_person_ids.append(person.id)  # they are here: that is why they were added
                context.casework.save_visit(visit)

            return change_casework(visit_id, save)

        def people() -> None:
            if self.owner.loaded is not None:
                record = self.owner.loaded.record
                self.owner.view.who.show_people(
                    self.owner.loaded.people, set(record.visit.present_person_ids)
                )
                self.owner.view.actions.show_people(self.owner.loaded.people, record.child.display_name)

        self.open_dialog(dialog, job, people)
        return dialog
