"""Wire protocol (shared with the server), outbox and client.

The laptop's side, for a UI: ``engine.SyncEngine(conn).run()`` on a worker thread; ``status.overview``,
``status.record_states``, ``status.problems``, ``status.conflict_view``/``resolve_conflict`` for what to
show; ``account.enrol`` to set up; ``wipe.destroy_vault`` when the organisation revokes the laptop.
"""
