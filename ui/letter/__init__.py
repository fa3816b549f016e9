"""The letter to the child: editor, preview as the child will see it, findings, reading age, PDF export.

The visit's Finish step opens it with::

    screen = LetterScreen(store, visit_id, parent=...)   # store: ui.controllers.store_access.StoreAccess
    screen.closed.connect(...)                            # the worker pressed "Back to the visit"
    screen.exported.connect(...)                          # a PDF was written (its path, as a str)

``screen.flush()`` saves any unsaved edit now (call it before locking or leaving); ``screen.clear()`` wipes
every word from the screen (call it when the app locks); ``screen.shutdown()`` stops its checking thread
before the screen is dropped. Pictures come from the vault (``visitapp.pictures.Pictures``) unless
``pictures=`` gives another source (a function of the store connection returning a ``PictureSource``).
"""

from ui.letter.letter_screen import LetterScreen

__all__ = ["LetterScreen"]
