"""Jobs for the store thread that open, unlock and re-key the vault (each costs one or two KDF runs).

The vault's modules (SQLCipher, cryptography, the schema) are imported inside the jobs, so on the store
thread: the first window does not wait for them. ``warm_up`` loads them while the worker types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.store_worker import Job, SessionInfo, StoreContext
from visitapp.paths import VaultPaths
from visitapp.unlock_attempts import seconds_until_next_try

if TYPE_CHECKING:
    from visitapp.domain.models import Worker
    from visitapp.store.keys import KdfParams


class UnlockRefused(Exception):
    """Unlock did not happen. ``wait`` is how long the worker must wait before the next try (0 = now)."""

    def __init__(self, message: str, wait: float = 0.0) -> None:
        super().__init__(message)
        self.wait = wait


def create(paths: VaultPaths, worker: Worker, passphrase: str, confirm: str, params: KdfParams | None) -> Job:
    def job(context: StoreContext) -> SessionInfo:
        from visitapp.vault import create_vault

        return context.adopt(create_vault(paths, worker, passphrase, confirm, params=params))

    return job


def unlock(paths: VaultPaths, passphrase: str) -> Job:
    def job(context: StoreContext) -> SessionInfo:
        from visitapp.vault import (
            WRONG_PASSPHRASE_MESSAGE,
            KeyFileDamaged,
            UnlockThrottled,
            WrongPassphrase,
            unlock_vault,
        )

        try:
            vault = unlock_vault(paths, passphrase)
        except WrongPassphrase:
            message = QCoreApplication.translate("Unlock", WRONG_PASSPHRASE_MESSAGE)
            raise UnlockRefused(message, seconds_until_next_try(paths)) from None
        except UnlockThrottled as exc:
            raise UnlockRefused(str(exc), exc.seconds) from None
        except KeyFileDamaged as exc:
            extra = QCoreApplication.translate(
                "Unlock", "Please ask IT support for help. Do not set up VisitApp again on this laptop."
            )
            raise UnlockRefused(f"{exc} {extra}") from None
        return context.adopt(vault)

    return job


def change_passphrase(current: str, new: str, confirm: str) -> Job:
    def job(context: StoreContext) -> None:
        if context.vault is None:
            raise UnlockRefused(QCoreApplication.translate("Unlock", "VisitApp is locked."))
        context.vault.change_passphrase(current, new, confirm)

    return job


def warm_up(context: StoreContext) -> None:
    """Load what unlocking and the first screens' reads need, so the first unlock is not slowed by imports."""
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401  (visitapp.store.keys loads it late)

    import visitapp.casework  # noqa: F401
    import visitapp.vault  # noqa: F401
