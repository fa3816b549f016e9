"""One sync run, or one enrolment, on a thread of its own: what the desktop app runs in the background.

The thread borrows its own connection from the unlocked vault (``OpenVault.lend``) and always gives it back
(``give_back``) before it ends, so locking can wait for it and then forget the key. Everything network-bound
stops soon after ``token.cancel()`` (see ``cancel``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from visitapp.store import sync_state as ss
from visitapp.sync import account, status
from visitapp.sync.cancel import Cancelled, CancelToken, cancellable_client
from visitapp.sync.client import RetryPolicy
from visitapp.sync.engine import MASS_DELETE_LIMIT, SyncEngine, SyncProgress, SyncReport
from visitapp.vault import OpenVault


@dataclass(frozen=True)
class RunResult:
    """``cancelled``: the run was stopped (nothing else is set). ``unsynced`` is set only when revoked."""

    cancelled: bool = False
    report: SyncReport | None = None
    overview: status.SyncOverview | None = None
    unsynced: status.Unsynced | None = None


def run_sync(
    vault: OpenVault,
    token: CancelToken,
    progress: Callable[[SyncProgress], None] | None = None,
    policy: RetryPolicy | None = None,
    allow_deletions: int = 0,
) -> RunResult:
    """``allow_deletions``: the number of deletions the worker agreed to (the Sync panel's "Apply these
    deletions…"). This one run lets through a pull deleting up to that many records, and no more: if the
    server has asked for more since, the pull is refused again and the new number shown."""
    token.check()
    conn = vault.lend()
    try:
        url, device = ss.meta_get(conn, ss.SERVER_URL), ss.meta_get(conn, ss.DEVICE_TOKEN)
        client = cancellable_client(url, token, device, policy) if url and device else None

        def moved(step: SyncProgress) -> None:
            token.check()
            if progress is not None:
                progress(step)

        try:
            limit = max(MASS_DELETE_LIMIT, allow_deletions)
            engine = SyncEngine(
                conn, client, progress=moved, hook=lambda _point: token.check(), mass_delete_limit=limit
            )
            report = engine.run()
        except Cancelled:
            return RunResult(cancelled=True)
        finally:
            if client is not None:
                client.close()
        left = status.unsynced(conn) if report.outcome == "revoked" else None
        return RunResult(False, report, status.overview(conn), left)
    finally:
        vault.give_back(conn)


def enrol(
    vault: OpenVault, token: CancelToken, server_url: str, code: str, policy: RetryPolicy | None = None
) -> account.SyncSettings:
    """Set the laptop up (``account.enrol``) over a connection of this thread. Raises ``SyncError`` with a
    sentence for the worker, or ``Cancelled``."""
    token.check()
    url = account.normalise_url(server_url)
    conn = vault.lend()
    try:
        with cancellable_client(url, token, policy=policy) as client:
            return account.enrol(conn, url, code, client=client)
    finally:
        vault.give_back(conn)
