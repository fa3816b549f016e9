"""Where the guided visit hands over to screens built elsewhere. The lead wires these two functions; until a
hook is set, its button is not shown at all (no greyed-out promises on a worker's screen).

    app.visit.hooks.open_letter = lambda visit_id: ...   # Finish step: "Write the letter to the child"
                                                         # (ui.letter.LetterScreen(store, visit_id, ...))
    app.visit.hooks.add_picture = lambda visit_id: ...   # The child's words step: "Add a drawing or photo"
                                                         # (the picture widgets in ui/pictures/)

Both are called on the UI thread with the visit's id, after everything typed has been sent to be saved.
Re-open the visit (``app.visit.open``) or call ``app.visit.refresh()`` afterwards to show what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class VisitHooks:
    open_letter: Callable[[str], None] | None = None  # HOOK: the letter screen (ui/letter/)
    add_picture: Callable[[str], None] | None = None  # HOOK: the picture widgets (ui/pictures/)
    visit_finished: Callable[[], None] | None = None  # HOOK: after completing or signing off (sync now)
    # The share step: show the last record to the family (visit id, where to say why it could not open),
    # and choose the PIN that closes the family view (what to do once it is saved). Set by
    # CompanionWindows.attach (ui/family/).
    share_with_family: Callable[[str, Callable[[str], None]], None] | None = None
    choose_exit_pin: Callable[[Callable[[], None]], None] | None = None
