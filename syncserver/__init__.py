"""The organisation's sync server (FastAPI)."""
