"""Domain dataclasses and rules; no storage, no Qt."""
