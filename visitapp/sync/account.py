"""Setting a laptop up for sync: the server's address and an enrolment code give a device token, which is kept
inside the encrypted vault (never in a settings file, never logged)."""

from __future__ import annotations

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


def normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise EnrolmentError("The server address should look like https://sync.example.org")
    return url


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
    if not code.strip():
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
