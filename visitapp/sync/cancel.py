"""Stopping a sync run from another thread, soon: when the vault locks, the run must end and give its
connection back before the key is forgotten, even if it is waiting on the network at that moment.

A ``CancelToken`` is shared by the thread that runs the sync and the thread that wants it stopped. The run's
client sleeps on the token (a backoff ends at once; closing the client ends it too), its progress callback
checks the token, and its sockets are shut down on cancel (a blocked send or receive returns at once). The
run then stops with ``Cancelled`` between two steps; the engine is written so that stopping anywhere loses
nothing (like a crash, which it survives: frozen changes are replays, the cursor is stored only after the
apply commits).
"""

from __future__ import annotations

import socket
import threading
import time
from functools import partial
from typing import Any

import httpcore
import httpx

from visitapp.sync.client import RetryPolicy, SyncClient

_LOOK_AGAIN = 0.1  # seconds: how often a backoff that may also end on a close looks at the close


class Cancelled(Exception):
    """The run was asked to stop (the vault is locking or the app is closing)."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._guard = threading.Lock()
        self._sockets: list[socket.socket] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """From any thread: stop waits at once and cut the run's open connections."""
        self._event.set()
        with self._guard:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv/send; close() does not
            except OSError:
                pass

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled

    def sleep(self, seconds: float, until: threading.Event | None = None) -> None:
        """A backoff that a cancel cuts short (raising Cancelled), and so does ``until`` being set (the
        client closing: then it just returns)."""
        self.check()  # cancelled and closed at once: the cancel is what the caller is told
        end = time.monotonic() + max(0.0, seconds)
        while until is None or not until.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return
            if self._event.wait(left if until is None else min(left, _LOOK_AGAIN)):
                raise Cancelled

    def watch(self, sock: socket.socket) -> None:
        with self._guard:
            self._sockets = [s for s in self._sockets if s.fileno() != -1]
            self._sockets.append(sock)
        if self._event.is_set():
            self.cancel()


class _Backend(httpcore.SyncBackend):
    def __init__(self, token: CancelToken) -> None:
        self.token = token

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        self.token.check()
        stream = super().connect_tcp(*args, **kwargs)
        sock = stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            self.token.watch(sock)
        return stream


def cancellable_transport(token: CancelToken) -> httpx.HTTPTransport:
    """httpx's own transport, with connections the token can cut."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if not hasattr(pool, "_network_backend"):  # pragma: no cover - a test catches an httpx that changed
        raise RuntimeError("this httpx cannot be cancelled; see visitapp/sync/cancel.py")
    pool._network_backend = _Backend(token)  # type: ignore[union-attr]
    return transport


def cancellable_client(
    url: str, token: CancelToken, device_token: str | None = None, policy: RetryPolicy | None = None
) -> SyncClient:
    """A SyncClient whose backoffs and connections stop when ``token`` is cancelled; its backoffs also end
    when it is closed (an upload thread waiting to retry then finds it closed and stops)."""
    closing = threading.Event()
    return SyncClient(url, device_token, policy=policy, sleep=partial(token.sleep, until=closing),
                      closing=closing, transport=cancellable_transport(token))  # fmt: skip
