"""The HTTP side of sync (httpx): one method per server call, with retries that are safe to make.

Every call may be sent more than once: pushes carry change ids (a replay gets the first answer), picture
chunks carry their offset (a repeat gets ``409 wrong_offset`` and the offset the server holds), pulls and
HEADs only read. So a dropped connection, a 5xx or a 429 is simply tried again after an exponential backoff
with full jitter, never sooner than the server's ``Retry-After``. Nothing here logs a body, a name or a
token; errors carry sentences a worker can read.

One ``SyncClient`` may be used from several threads at once (the engine uploads pictures in parallel):
httpx's client is thread-safe, the token and policy never change after construction, errors are raised to
the calling thread, the traffic counters take a lock, and ``close`` waits for calls still in flight on other
threads before it closes their sockets (see there).
"""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from visitapp.sync import protocol as p

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class SyncError(Exception):
    """Sync stopped; ``str(exc)`` is a sentence for the worker."""


class Offline(SyncError):
    """The server could not be reached (or stayed busy) after every retry."""


class NotRecognised(SyncError):
    """The server does not know this laptop's token: it needs a new enrolment code. Local data is kept."""


class DeviceRevoked(SyncError):
    """The organisation revoked this laptop and asked for its data to be wiped."""


class ServerRefused(SyncError):
    """The server answered with an error that retrying will not fix."""

    def __init__(self, message: str, status: int, code: str = "") -> None:
        super().__init__(message)
        self.status, self.code = status, code


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8  # tries per call, the first included
    base: float = 0.5  # seconds; the n-th retry waits up to base * 2**n (full jitter)
    cap: float = 30.0  # no single wait longer than this, unless the server asks (Retry-After)
    longest_retry_after: float = 300.0  # a server asking for more than this is treated as offline for now


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class Traffic:
    requests: int = 0
    retries: int = 0
    body_bytes_sent: int = 0  # request bodies handed to the network, every attempt counted
    waits: float = 0.0  # seconds spent backing off
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count_request(self, body_bytes: int) -> None:
        with self._lock:  # "+=" from several upload threads would lose counts
            self.requests += 1
            self.body_bytes_sent += body_bytes

    def count_wait(self, seconds: float) -> None:
        with self._lock:
            self.retries += 1
            self.waits += seconds


@dataclass(frozen=True)
class ChunkAnswer:
    status: int
    offset: int  # bytes the server holds now
    complete: bool
    code: str = ""  # the error code on a 4xx


class SyncClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], object] | None = None,
        jitter: Callable[[], float] = random.random,
        transport: httpx.BaseTransport | None = None,
        closing: threading.Event | None = None,
    ) -> None:
        """``sleep`` waits out a backoff; by default it is cut short by ``close()``, which sets ``closing``
        (a caller with a sleep of its own, such as a cancel token's, passes the event that sleep ends on)."""
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.policy = policy or RetryPolicy()
        self._closing = closing or threading.Event()
        self.sleep = sleep or self._closing.wait
        self.jitter = jitter
        self.traffic = Traffic()
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)
        self._guard = threading.Lock()
        self._in_flight = 0
        self._closed = False

    def close(self) -> None:
        """No more calls; the connections close now, or when the last call in flight on another thread ends.
        Closing a socket under a thread blocked reading it would not wake that thread (only a shutdown, as
        ``cancel`` does, wakes it): it would hang until its read timeout."""
        self._closing.set()  # a backoff in another thread ends now, and its retry finds the client closed
        with self._guard:
            self._closed = True
            if self._in_flight:
                return
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # The calls --------------------------------------------------------------------------------------------

    def enrol(self, code: str) -> p.EnrolResponse:
        response = self._request("POST", "/enrol", json=p.EnrolRequest(code).to_wire(), auth=False)
        if response.status_code == 401:
            raise NotRecognised(
                "That enrolment code did not work: it may be mistyped, used already or out of date. "
                "Ask IT for a new one."
            )
        self._expect_ok(response)
        return p.EnrolResponse.from_wire(response.json())

    def push(self, changes: list[p.Change]) -> p.PushResponse:
        response = self._request("POST", "/push", json=p.PushRequest(changes).to_wire())
        self._expect_ok(response)
        return p.PushResponse.from_wire(response.json())

    def pull(self, since: int, limit: int = p.DEFAULT_PULL_LIMIT) -> p.PullResponse:
        response = self._request("GET", "/pull", params={"since": since, "limit": limit})
        self._expect_ok(response)
        return p.PullResponse.from_wire(response.json())

    def _picture_path(self, child_id: str, sha256: str) -> str:
        return f"/children/{child_id}/pictures/{sha256}"

    def picture_status(self, child_id: str, sha256: str) -> ChunkAnswer:
        response = self._request("HEAD", self._picture_path(child_id, sha256))
        if response.status_code == 404:
            return ChunkAnswer(404, 0, False)
        if response.status_code == 403:
            return ChunkAnswer(403, 0, False, p.ERROR_NOT_ASSIGNED)
        self._expect_ok(response)
        return self._chunk_answer(response)

    def put_chunk(
        self,
        child_id: str,
        sha256: str,
        offset: int,
        length: int,
        chunk: bytes,
        chunk_digest: bytes | None = None,
    ) -> ChunkAnswer:
        """Send one chunk. ``chunk_digest`` is its SHA-256 when the caller knows it already (a whole picture
        checked against its address), so 1 MB is not hashed twice; otherwise it is worked out here."""
        headers = {
            p.HEADER_UPLOAD_OFFSET: str(offset),
            p.HEADER_UPLOAD_LENGTH: str(length),
            p.HEADER_CONTENT_DIGEST: p.content_digest_header(chunk, chunk_digest),
            "Content-Type": "application/octet-stream",
        }
        response = self._request("PUT", self._picture_path(child_id, sha256), content=chunk, headers=headers)
        if response.status_code in (200, 400, 403, 409, 413):
            return self._chunk_answer(response)
        self._expect_ok(response)
        return self._chunk_answer(response)

    def get_picture(self, child_id: str, sha256: str) -> bytes | None:
        response = self._request("GET", self._picture_path(child_id, sha256))
        if response.status_code in (403, 404):
            return None
        if response.status_code == 410:  # the server lost the file: the rest still comes; IT restores it
            log.warning("the server has lost a picture's bytes (410); asked again on the next sync")
            return None
        self._expect_ok(response)
        return response.content

    # Plumbing ---------------------------------------------------------------------------------------------

    @staticmethod
    def _chunk_answer(response: httpx.Response) -> ChunkAnswer:
        code = ""
        if response.status_code >= 400:
            try:
                code = str(response.json().get("error", ""))
            except ValueError:
                code = ""
        try:
            offset = int(response.headers.get(p.HEADER_UPLOAD_OFFSET, "0"))
        except ValueError:
            offset = 0
        complete = response.headers.get(p.HEADER_UPLOAD_COMPLETE) == "1"
        return ChunkAnswer(response.status_code, offset, complete, code)

    def _expect_ok(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        code, detail = "", ""
        try:
            data = response.json()
            code, detail = str(data.get("error", "")), str(data.get("detail", ""))
        except (ValueError, AttributeError):
            pass
        raise ServerRefused(
            detail or f"The server refused the request (HTTP {response.status_code}).",
            response.status_code,
            code,
        )

    def _check_auth(self, response: httpx.Response) -> None:
        if response.status_code != 401:
            return
        code = ""
        try:
            data = response.json()
            code = str(data.get("error", ""))
            wipe = bool(data.get("wipe"))
        except (ValueError, AttributeError):
            wipe = False
        if wipe or code == p.ERROR_DEVICE_REVOKED or response.headers.get(p.HEADER_WIPE) == "1":
            raise DeviceRevoked("Your organisation has withdrawn this laptop from VisitApp.")
        raise NotRecognised(
            "The server no longer recognises this laptop. Nothing here is lost: ask IT for a new "
            "enrolment code and enter it in Settings."
        )

    def _wait(self, retry: int, retry_after: float | None) -> None:
        delay = min(self.policy.cap, self.policy.base * 2**retry) * self.jitter()
        if retry_after is not None:
            delay = max(delay, retry_after)
        self.traffic.count_wait(delay)
        self.sleep(delay)

    def _send(self, method: str, url: str, **kw: Any) -> httpx.Response:
        with self._guard:
            if self._closed:
                raise RuntimeError("This sync client is closed.")
            self._in_flight += 1
        try:
            return self._http.request(method, url, **kw)
        finally:
            with self._guard:
                self._in_flight -= 1
                last = self._closed and not self._in_flight
            if last:
                self._http.close()

    def _request(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if auth:
            if not self.token:
                raise NotRecognised("This laptop is not set up for sync yet: enter the enrolment code first.")
            headers["Authorization"] = f"{p.AUTH_SCHEME} {self.token}"
        url = p.API_PREFIX + path
        body_size = len(kw.get("content") or b"")
        problem = "The server could not be reached."
        for attempt in range(self.policy.attempts):
            self.traffic.count_request(body_size)
            try:
                response = self._send(method, url, headers=headers, **kw)
            except httpx.TransportError as exc:
                log.info("sync %s %s: %s (attempt %d)", method, url, type(exc).__name__, attempt)
                problem = "The connection to the server dropped."
                if attempt + 1 < self.policy.attempts:
                    self._wait(attempt, None)
                continue
            if auth:
                self._check_auth(response)
            if response.status_code not in RETRY_STATUSES:
                return response
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            log.info("sync %s %s: HTTP %d (attempt %d)", method, url, response.status_code, attempt)
            problem = "The server is busy."
            if retry_after is not None and retry_after > self.policy.longest_retry_after:
                raise Offline(f"{problem} It asked to wait {int(retry_after)} seconds; sync will try later.")
            if attempt + 1 < self.policy.attempts:
                self._wait(attempt, retry_after)
        raise Offline(f"{problem} Your changes are kept on this laptop and will be sent later.")
