"""Wire protocol (shared with the server), outbox and client."""
