"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, between the sync client and a real server.

It reads each whole request from the client, asks ``decide`` what to do with it, and then passes it on,
cuts it after N bytes (the server sees a partial request), passes it on but loses the reply, cuts the reply
after N bytes, answers 503/500 itself with ``Retry-After``, delivers it to the server twice, or damages one
byte of its body on the way. ``flap`` cuts every open connection every few seconds, like a train going through
tunnels. ``stats.most_at_once`` is the most requests it held at one time. Threads and blocking sockets; one
upstream connection per request (simple, and what makes "the server committed, the reply was lost" easy).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PASS, CUT_REQUEST, DROP_REPLY, CUT_REPLY, ERROR, DUPLICATE, DAMAGE = (
    "pass",
    "cut_request",
    "drop_reply",
    "cut_reply",
    "error",
    "duplicate",
    "damage",
)


@dataclass(frozen=True)
class Decision:
    kind: str = PASS
    at: int = 0  # bytes let through before a cut
    status: int = 503
    retry_after: str | None = "0"


@dataclass(frozen=True)
class Request:
    index: int
    method: str
    path: str
    headers: dict[str, str]
    raw: bytes  # head and body, as the client sent them


@dataclass
class Stats:
    requests: int = 0
    bytes_from_client: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    statuses: list[int] = field(default_factory=list)
    at_once: int = 0  # requests being decided on or handled now
    most_at_once: int = 0


class _Closed(Exception):
    pass


def _read_until(sock: socket.socket, buf: bytearray, marker: bytes) -> int:
    while True:
        pos = buf.find(marker)
        if pos >= 0:
            return pos
        data = sock.recv(65536)
        if not data:
            raise _Closed
        buf += data


def _read_exact(sock: socket.socket, buf: bytearray, n: int) -> None:
    while len(buf) < n:
        data = sock.recv(max(65536, n - len(buf)))
        if not data:
            raise _Closed
        buf += data


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def read_message(
    sock: socket.socket, buf: bytearray, no_body: bool = False
) -> tuple[bytes, str, dict[str, str]]:
    """One HTTP message from ``sock`` (``buf`` holds bytes already read and keeps what follows)."""
    end = _read_until(sock, buf, b"\r\n\r\n") + 4
    first, headers = _headers(bytes(buf[: end - 4]))
    if no_body:
        total = end
    elif "content-length" in headers:
        total = end + int(headers["content-length"])
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        pos = end
        while True:
            line_end = _read_until_from(sock, buf, b"\r\n", pos)
            size = int(bytes(buf[pos:line_end]).split(b";")[0], 16)
            pos = line_end + 2 + size + 2
            _read_exact(sock, buf, pos)
            if size == 0:
                break
        total = pos
    else:
        total = end
    _read_exact(sock, buf, total)
    message = bytes(buf[:total])
    del buf[:total]
    return message, first, headers


def _read_until_from(sock: socket.socket, buf: bytearray, marker: bytes, start: int) -> int:
    while True:
        pos = buf.find(marker, start)
        if pos >= 0:
            return pos
        data = sock.recv(65536)
        if not data:
            raise _Closed
        buf += data


class FaultProxy:
    def __init__(self, upstream_port: int, decide: Callable[[Request], Decision] | None = None) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.decide = decide or (lambda _r: Decision())
        self.stats = Stats()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._down_until = 0.0
        self._stop = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    # Control ----------------------------------------------------------------------------------------------

    def cut_all(self, down_for: float = 0.0) -> None:
        """Drop every open connection now, and refuse new ones for ``down_for`` seconds."""
        with self._lock:
            self._down_until = time.monotonic() + down_for
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def flap(self, every: float, down_for: float = 0.2, first_after: float | None = None) -> None:
        """Cut every connection every ``every`` seconds (the first time after ``first_after``, if given)."""

        def loop() -> None:
            wait = every if first_after is None else first_after
            while not self._stop.wait(wait):
                self.cut_all(down_for)
                with self._lock:
                    self.stats.faults["flap"] = self.stats.faults.get("flap", 0) + 1
                wait = every

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        self.cut_all()
        self._listener.close()

    # Plumbing ---------------------------------------------------------------------------------------------

    def _track(self, sock: socket.socket, add: bool) -> None:
        with self._lock:
            (self._sockets.add if add else self._sockets.discard)(sock)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if time.monotonic() < self._down_until:
                client.close()  # the link is down
                continue
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        self._track(client, True)
        buf = bytearray()
        try:
            while True:
                try:
                    raw, first, headers = read_message(client, buf)
                except (_Closed, OSError, ValueError):
                    return
                method, path = first.split(" ")[:2]
                with self._lock:
                    index = self.stats.requests
                    self.stats.requests += 1
                    self.stats.bytes_from_client += len(raw)
                request = Request(index, method, path, headers, raw)
                with self._lock:
                    self.stats.at_once += 1
                    self.stats.most_at_once = max(self.stats.most_at_once, self.stats.at_once)
                try:
                    decision = self.decide(request)
                    if decision.kind != PASS:
                        with self._lock:
                            self.stats.faults[decision.kind] = self.stats.faults.get(decision.kind, 0) + 1
                    handled = self._handle(client, request, decision)
                except OSError:  # the client's side was cut (cut_all) while this request was going on
                    handled = False
                finally:
                    with self._lock:
                        self.stats.at_once -= 1
                if not handled:
                    return
        finally:
            self._track(client, False)
            client.close()

    def _handle(self, client: socket.socket, request: Request, decision: Decision) -> bool:
        """Carry out one decision; False when the client connection must close."""
        if decision.kind == ERROR:
            body = json.dumps({"error": "injected", "detail": "Injected fault."}).encode()
            extra = f"Retry-After: {decision.retry_after}\r\n" if decision.retry_after is not None else ""
            client.sendall(
                f"HTTP/1.1 {decision.status} Injected\r\nContent-Type: application/json\r\n{extra}"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            self.stats.statuses.append(decision.status)
            return True
        if decision.kind == CUT_REQUEST:
            self._forward(request.raw[: decision.at], request.method, expect_reply=False)
            return False
        raw = request.raw
        if decision.kind == DAMAGE:  # the last byte of the body, so the head still parses
            raw = raw[:-1] + bytes([raw[-1] ^ 0xFF])
        reply = self._forward(raw, request.method)
        if decision.kind == DUPLICATE:
            reply = self._forward(request.raw, request.method) or reply
        if reply is None:
            return False
        if decision.kind == DROP_REPLY:
            return False
        if decision.kind == CUT_REPLY:
            client.sendall(reply[: decision.at])
            return False
        client.sendall(reply)
        try:
            self.stats.statuses.append(int(reply.split(b" ", 2)[1]))
        except (IndexError, ValueError):
            pass
        return True

    def _forward(self, raw: bytes, method: str, expect_reply: bool = True) -> bytes | None:
        upstream = socket.create_connection(self.upstream, timeout=60)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._track(upstream, True)
        try:
            upstream.sendall(raw)
            if not expect_reply:
                time.sleep(0.02)  # let the server read the partial request before the connection drops
                return None
            buf = bytearray()
            reply, first, _ = read_message(upstream, buf, no_body=False if method != "HEAD" else True)
            return reply
        except (_Closed, OSError):
            return None
        finally:
            self._track(upstream, False)
            upstream.close()
