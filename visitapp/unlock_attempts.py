"""The count of wrong passphrases and the growing wait after them, kept in a small file beside the vault.

Its own light module because the unlock screen reads it before anything else of the vault is loaded; the
unlock screen and the family view's exit share one count, so guessing at either slows both.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from visitapp.paths import VaultPaths
from visitapp.store.files import write_atomically


def delay_after_failures(failures: int) -> float:
    """Two free mistakes, then 2, 4, 8 … seconds, capped at five minutes."""
    if failures < 3:
        return 0.0
    return float(min(2 ** (failures - 2), 300))


@dataclass
class _Attempts:
    failures: int = 0
    last_failure: float = 0.0


def _read_attempts(paths: VaultPaths) -> _Attempts:
    try:
        data = json.loads(paths.attempts_file.read_text("utf-8"))
        return _Attempts(int(data["failures"]), float(data["last_failure"]))
    except (OSError, ValueError, KeyError, TypeError):
        return _Attempts()


def _write_attempts(paths: VaultPaths, attempts: _Attempts) -> None:
    payload = {"failures": attempts.failures, "last_failure": attempts.last_failure}
    write_atomically(paths.attempts_file, json.dumps(payload).encode())


def seconds_until_next_try(paths: VaultPaths, now: float | None = None) -> float:
    attempts = _read_attempts(paths)
    now = time.time() if now is None else now
    wait = attempts.last_failure + delay_after_failures(attempts.failures) - now
    return max(0.0, min(wait, delay_after_failures(attempts.failures)))


def count_wrong_passphrase(paths: VaultPaths, now: float | None = None) -> None:
    """One more wrong passphrase, wherever it was typed (the unlock screen, the family view's exit)."""
    attempts = _read_attempts(paths)
    _write_attempts(paths, _Attempts(attempts.failures + 1, time.time() if now is None else now))


def clear_wrong_passphrases(paths: VaultPaths) -> None:
    """The right passphrase: the count, and any delay, start again."""
    paths.attempts_file.unlink(missing_ok=True)
