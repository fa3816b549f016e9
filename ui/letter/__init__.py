"""The letter to the child: editor, preview as the child will see it, findings, reading age, PDF export.

The visit's Finish step opens it with::

    screen = LetterScreen(store, visit_id, parent=...)   # store: ui.controllers.store_access.StoreAccess
    screen.closed.connect(...)                            # the worker pressed "Back to the visit"
    screen.exported.connect(...)                          # a PDF was written (its path, as a str)

``screen.flush()`` saves any unsaved edit now (call it before locking or leaving); ``screen.clear()`` wipes
every word from the screen (call it when the app locks); ``screen.shutdown()`` stops its checking thread
before the screen is dropped. Pictures come from the vault (``visitapp.pictures.Pictures``) unless
``pictures=`` gives another source (a function of the store connection returning a ``PictureSource``).

The update that gathers a period's visits for one child (the three-month update) is the same screen with a
period bar on top::

    screen = UpdateScreen(store, child_id, parent=...)    # or open_update_window(store, child_id, parent)

It has the same signals and ``flush``/``clear``/``shutdown``, and is a ``LetterScreen``, so code that hosts
one hosts the other.
"""

from ui.letter.letter_screen import LetterScreen
from ui.letter.update_screen import UpdateScreen
from ui.letter.update_window import open_update_window

__all__ = ["LetterScreen", "UpdateScreen", "open_update_window"]
