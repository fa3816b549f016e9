"""The guided visit's pages, one per step, and the dialogs they open."""
