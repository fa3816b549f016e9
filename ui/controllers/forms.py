"""Running a Save/Cancel dialog against the store: it closes only once the save has really happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.controllers.store_access import StoreAccess, plain_message
from ui.store_worker import Job
from ui.views.dialog_base import FormDialog


def open_form(
    dialog: FormDialog, store: StoreAccess, make_job: Callable[[], Job], on_saved: Callable[[Any], None]
) -> FormDialog:
    def save() -> None:
        problem = dialog.problem()
        if problem is not None:
            dialog.show_error(problem)
            return
        dialog.error.clear()
        dialog.setEnabled(False)  # one save at a time; a double click must not add the child twice

        def saved(result: Any) -> None:
            dialog.accept()
            on_saved(result)

        store.run(make_job(), saved, lambda exc: dialog.show_error(plain_message(exc)))

    dialog.save_requested.connect(save)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
