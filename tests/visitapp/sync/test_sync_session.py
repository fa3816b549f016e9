"""A sync run on a thread of its own: its own connection lent by the vault, given back before the key goes,
and stopped soon by a cancel even while it waits on the network."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync import faultproxy as fp
from tests.visitapp.sync.synckit import Laptop, ServerWorker
from visitapp.store import sync_state as ss
from visitapp.store.db import transaction
from visitapp.sync import session
from visitapp.sync.cancel import Cancelled, CancelToken, cancellable_client
from visitapp.sync.client import RetryPolicy, SyncClient
from visitapp.vault import VaultError

SLOW_RETRIES = RetryPolicy(attempts=8, base=60.0, cap=60.0)  # a backoff nobody would wait for


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A server that accepts connections and never answers (a hung proxy, a captive portal)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def _in_thread(work: object) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def run() -> None:
        try:
            out.append(work())  # type: ignore[operator]
        except Exception as exc:  # noqa: BLE001 - handed to the test
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_run_on_its_own_thread_syncs_and_gives_the_connection_back(
    tmp_path: Path, live: LiveServer, worker: ServerWorker
) -> None:
    laptop = Laptop(tmp_path / "a", live.url, worker.code())
    child = laptop.new_child(worker)
    laptop.new_visit(child.id)
    steps: list[object] = []
    thread, out = _in_thread(lambda: session.run_sync(laptop.vault, CancelToken(), steps.append))
    thread.join(30)
    result = out[0]
    assert isinstance(result, session.RunResult) and result.report is not None
    assert result.report.outcome == "synced" and result.report.sent == 2
    assert result.overview is not None and result.overview.state == "all_synced"
    assert steps and laptop.vault.lent == 0
    laptop.close()


def test_cancel_stops_a_run_blocked_on_a_silent_server(
    tmp_path: Path, live: LiveServer, worker: ServerWorker, silent_url: str
) -> None:
    laptop = Laptop(tmp_path / "a", live.url, worker.code())
    laptop.new_visit(laptop.new_child(worker).id)
    with transaction(laptop.conn):
        ss.meta_put(laptop.conn, ss.SERVER_URL, silent_url)
    token = CancelToken()
    thread, out = _in_thread(lambda: session.run_sync(laptop.vault, token, policy=SLOW_RETRIES))
    thread.join(0.5)
    assert thread.is_alive()  # waiting for an answer that never comes
    token.cancel()
    thread.join(5)
    assert not thread.is_alive()
    assert out == [session.RunResult(cancelled=True)]
    assert laptop.vault.lent == 0
    waiting = laptop.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    assert waiting == 2  # nothing lost: sent next time


def test_cancel_cuts_a_backoff_short(tmp_path: Path, live: LiveServer, worker: ServerWorker) -> None:
    laptop = Laptop(tmp_path / "a", live.url, worker.code())
    laptop.new_visit(laptop.new_child(worker).id)
    live.stop()  # nobody there: the client backs off for a minute between tries
    token = CancelToken()
    thread, out = _in_thread(lambda: session.run_sync(laptop.vault, token, policy=SLOW_RETRIES))
    thread.join(0.3)
    token.cancel()
    thread.join(5)
    assert not thread.is_alive() and out == [session.RunResult(cancelled=True)]
    laptop.close()


def test_lock_waits_for_a_lent_connection_then_refuses_more(tmp_path: Path, live: LiveServer,
                                                            worker: ServerWorker) -> None:  # fmt: skip
    laptop = Laptop(tmp_path / "a", live.url, worker.code())
    borrowed, release, ended = threading.Event(), threading.Event(), threading.Event()

    def borrower() -> None:
        conn = laptop.vault.lend()
        borrowed.set()
        release.wait(5)
        assert conn.execute("SELECT count(*) FROM children").fetchone()[0] == 0  # the key still works
        laptop.vault.give_back(conn)
        ended.set()

    threading.Thread(target=borrower, daemon=True).start()
    assert borrowed.wait(5)
    locker, _ = _in_thread(laptop.vault.lock)
    locker.join(0.3)
    assert locker.is_alive() and not laptop.vault.is_locked  # waiting for the borrower
    with pytest.raises(VaultError):
        laptop.vault.lend()  # locking has begun: no new loans
    release.set()
    locker.join(5)
    assert ended.is_set() and laptop.vault.is_locked and laptop.vault.lent == 0


def test_enrol_on_its_own_thread_and_a_cancelled_token_refuses(
    tmp_path: Path, live: LiveServer, worker: ServerWorker
) -> None:
    laptop = Laptop(tmp_path / "a", live.url, worker.code())
    settings = session.enrol(laptop.vault, CancelToken(), live.url + "/", worker.code())
    assert settings.enrolled and settings.server_url == live.url
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        session.run_sync(laptop.vault, token)
    assert laptop.vault.lent == 0
    laptop.close()


def test_a_client_closed_while_another_thread_waits_on_it_can_still_be_cancelled(silent_url: str) -> None:
    # The run's thread closes the client while upload threads may still wait on the server; a cancel must
    # still wake them (a socket closed under a blocked reader does not wake it; only a shutdown does).
    token = CancelToken()
    client = cancellable_client(silent_url, token, "device-token", policy=SLOW_RETRIES)
    thread, out = _in_thread(lambda: client.picture_status(str(uuid.uuid4()), "0" * 64))
    thread.join(0.3)
    assert thread.is_alive()
    client.close()
    token.cancel()
    thread.join(2)
    assert not thread.is_alive() and len(out) == 1 and isinstance(out[0], Cancelled)
    with pytest.raises(RuntimeError):
        client.picture_status(str(uuid.uuid4()), "0" * 64)  # closed for good once the last call ended


@pytest.fixture
def busy_url(live: LiveServer) -> Iterator[str]:
    """A server that answers every request "503, try again later"."""
    proxy = fp.FaultProxy(live.port, lambda _request: fp.Decision(fp.ERROR, status=503))
    yield proxy.url
    proxy.stop()


def _backing_off(client: SyncClient) -> tuple[threading.Thread, list[object]]:
    thread, out = _in_thread(lambda: client.picture_status(str(uuid.uuid4()), "0" * 64))
    deadline = time.monotonic() + 5
    while client.traffic.retries == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert client.traffic.retries == 1 and thread.is_alive()  # waiting a minute before it tries again
    return thread, out


@pytest.mark.parametrize("cancellable", [False, True])
def test_a_client_closed_while_another_thread_backs_off_ends_that_wait(
    busy_url: str, cancellable: bool
) -> None:
    # An upload thread waiting to retry when the run ends would hold the app's exit for up to the backoff.
    client = (
        cancellable_client(busy_url, CancelToken(), "device-token", policy=SLOW_RETRIES)
        if cancellable
        else SyncClient(busy_url, "device-token", policy=SLOW_RETRIES)
    )
    thread, out = _backing_off(client)
    client.close()
    thread.join(2)
    assert not thread.is_alive()
    assert len(out) == 1 and isinstance(out[0], RuntimeError) and "closed" in str(out[0])


def test_a_cancel_still_ends_a_backoff_with_cancelled(busy_url: str) -> None:
    token = CancelToken()
    client = cancellable_client(busy_url, token, "device-token", policy=SLOW_RETRIES)
    thread, out = _backing_off(client)
    token.cancel()
    thread.join(2)
    assert not thread.is_alive() and len(out) == 1 and isinstance(out[0], Cancelled)
    client.close()
