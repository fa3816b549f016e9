"""Setting a laptop up for sync: the server's address and an enrolment code give a device token, which is kept
inside the encrypted vault (never in a settings file, never logged)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from visitapp.store import sync_state as ss
from visitapp.store.db import Connection, transaction
from visitapp.sync.client import SyncClient, SyncError


class EnrolmentError(SyncError):
    """The laptop could not be set up; the message says why in plain words."""


@dataclass(frozen=True)
class SyncSettings:
    server_url: str
    device_id: str
    enrolled: bool


HTTPS_ONLY = (
    "The server address must start with https:// so that records are encrypted on the way. "
    "Plain http:// is only allowed for a test server on this laptop. Check the address IT gave you."
)


def is_loopback(host: str) -> bool:
    """This laptop itself: ``localhost``, 127.0.0.0/8 or ::1 (the only place plain http is allowed)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_url(url: str) -> str:
    """The server's address, checked: HTTPS, except plain HTTP to this laptop itself (tests, demos)."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    if scheme not in ("https", "http") or not parts.netloc or not host:
        raise EnrolmentError("The server address should look like https://sync.example.org")
    if scheme == "http" and not is_loopback(host):
        raise EnrolmentError(HTTPS_ONLY)
    return url


def normalise_code(code: str) -> str:
    """The enrolment code as the server prints it (``K7QM-4XTB-9HWC-R2PZ``), whatever the worker typed:
    spaces, lower case, missing or extra dashes. Safe because the server compares codes the same way (upper
    case, letters and digits only: ``syncserver.accounts.normalise_code``), so this never changes which code
    is meant; it only makes what is shown and sent tidy."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def settings(conn: Connection) -> SyncSettings | None:
    url = ss.meta_get(conn, ss.SERVER_URL)
    if not url:
        return None
    return SyncSettings(
        url, ss.meta_get(conn, ss.DEVICE_ID, "") or "", bool(ss.meta_get(conn, ss.DEVICE_TOKEN))
    )


def enrol(conn: Connection, server_url: str, code: str, client: SyncClient | None = None) -> SyncSettings:
    """Exchange the code for a token and keep it in the vault. Enrolling again (a new code for the same
    server, e.g. after the old token stopped working) keeps everything waiting to be sent and the cursor."""
    url = normalise_url(server_url)
    current = ss.meta_get(conn, ss.SERVER_URL)
    if current and current != url and ss.meta_get(conn, ss.CURSOR):
        raise EnrolmentError(
            "This laptop already syncs with another server. Changing servers could mix up records: "
            "ask IT support to move it."
        )
    code = normalise_code(code)
    if not code:
        raise EnrolmentError("Type the enrolment code IT gave you.")
    own = client is None
    client = client or SyncClient(url)
    try:
        answer = client.enrol(code)
    finally:
        if own:
            client.close()
    with transaction(conn):
        ss.meta_put(conn, ss.SERVER_URL, url)
        ss.meta_put(conn, ss.DEVICE_TOKEN, answer.token)
        ss.meta_put(conn, ss.DEVICE_ID, answer.device_id)
        ss.meta_put(conn, ss.LAST_OUTCOME, None)
        ss.meta_put(conn, ss.LAST_MESSAGE, None)
    return SyncSettings(url, answer.device_id, True)
