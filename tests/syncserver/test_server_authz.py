"""Authorisation matrix: every route, against no token, a wrong token, a revoked device and another worker's
child. A new route without a row here fails ``test_every_route_is_in_the_matrix``."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from syncserver import accounts, pictures
from tests.syncserver.serverkit import LiveServer, Worker, change, make_worker
from visitapp.sync import protocol as p

V = p.API_PREFIX
PICTURE = f"{V}/children/{{child_id}}/pictures/{{sha256}}"
PUBLIC = {("GET", f"{V}/health"), ("POST", f"{V}/enrol")}
DATA = b"a drawing of a house with a red door" * 10
SHA = hashlib.sha256(DATA).hexdigest()


@dataclass
class Call:
    method: str
    path: str
    build: Callable[[str], dict[str, object]]  # child id -> keyword arguments for httpx (url, json, ...)


def _picture(child: str) -> dict[str, object]:
    return {"url": PICTURE.format(child_id=child, sha256=SHA)}


def _put(child: str) -> dict[str, object]:
    headers = {
        p.HEADER_UPLOAD_OFFSET: "0",
        p.HEADER_UPLOAD_LENGTH: str(len(DATA)),
        p.HEADER_CONTENT_DIGEST: p.content_digest_header(DATA),
    }
    return {**_picture(child), "content": DATA, "headers": headers}


CALLS = [
    Call("GET", f"{V}/session", lambda c: {"url": f"{V}/session"}),
    Call("POST", f"{V}/push", lambda c: {"url": f"{V}/push", "json": p.PushRequest([change(c)]).to_wire()}),
    Call("GET", f"{V}/pull", lambda c: {"url": f"{V}/pull", "params": {"since": 0}}),
    Call("HEAD", PICTURE, _picture),
    Call("PUT", PICTURE, _put),
    Call("GET", PICTURE, _picture),
]


def _send(http: httpx.Client, call: Call, child: str, token: str | None) -> httpx.Response:
    kwargs = call.build(child)
    headers = dict(kwargs.pop("headers", {}))  # type: ignore[call-overload]
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return http.request(call.method, headers=headers, **kwargs)  # type: ignore[arg-type]


def test_every_route_is_in_the_matrix() -> None:
    from syncserver.app import create_app
    from syncserver.db import Database

    app = create_app(Database("sqlite:////tmp/unused-visitapp-routes.db"))
    routes = {
        (method, route.path)  # type: ignore[attr-defined]
        for route in app.routes
        if route.path.startswith(V)  # type: ignore[attr-defined]
        for method in route.methods  # type: ignore[attr-defined]
    }
    assert routes == {(c.method, c.path) for c in CALLS} | PUBLIC


@pytest.fixture
def two_workers(server: LiveServer) -> tuple[Worker, Worker]:
    amy = make_worker(server.db, "amy")
    bob = make_worker(server.db, "bob")
    # Bob's child already has a record and a complete picture, so there is something to leak.
    from syncserver import records

    records.push(server.db, bob.device_id, bob.worker_id, [change(bob.children[0], body={"secret": "bob's"})])
    outcome, _ = pictures.put_chunk(
        server.db,
        server.store,
        bob.device_id,
        bob.children[0],
        SHA,
        len(DATA),
        0,
        [DATA],
        hashlib.sha256(DATA).digest(),
    )
    assert outcome is pictures.Outcome.STORED
    return amy, bob


@pytest.mark.parametrize("call", CALLS, ids=lambda c: f"{c.method} {c.path}")
def test_no_wrong_or_revoked_token_gets_401(
    server: LiveServer, two_workers: tuple[Worker, Worker], call: Call
) -> None:
    amy, bob = two_workers
    extra, code = accounts.create_device(server.db, "amy")
    enrolled = accounts.enrol(server.db, code)
    assert enrolled is not None
    accounts.revoke_device(server.db, extra)
    cases = [(None, p.ERROR_NO_TOKEN, False), ("x" * 43, p.ERROR_INVALID_TOKEN, False)]
    cases.append((enrolled[1], p.ERROR_DEVICE_REVOKED, True))
    with server.client() as http:
        # Another worker's child too: a bad or revoked token hears that first, never whose child it is.
        for (token, error, wipe), child in itertools.product(cases, (amy.children[0], bob.children[0])):
            r = _send(http, call, child, token)
            assert r.status_code == 401, (token, r.text)
            assert r.headers.get(p.HEADER_WIPE) == ("1" if wipe else None)
            if call.method != "HEAD":
                assert r.json() == {"error": error, "detail": r.json()["detail"], "wipe": wipe}
        # Sanity: the same call with the worker's own valid token and own child is not refused.
        assert _send(http, call, amy.children[0], amy.token).status_code in (200, 404)
    with server.db.transaction() as tx:
        assert tx.scalar("SELECT COUNT(*) FROM records WHERE child_id = ?", (amy.children[0],)) <= 1


@pytest.mark.parametrize("call", CALLS, ids=lambda c: f"{c.method} {c.path}")
def test_another_workers_child_is_out_of_reach(
    server: LiveServer, two_workers: tuple[Worker, Worker], call: Call
) -> None:
    amy, bob = two_workers
    with server.client() as http:
        r = _send(http, call, bob.children[0], amy.token)
    if call.path == PICTURE:
        assert r.status_code == 403
        assert b"house" not in r.content
    elif call.path.endswith("/push"):
        assert r.status_code == 200
        assert r.json()["results"][0]["reason_code"] == p.REASON_NOT_ASSIGNED
    else:
        assert r.status_code == 200
        assert bob.children[0] not in r.text and "bob's" not in r.text
    with server.db.transaction() as tx:
        assert tx.scalar("SELECT COUNT(*) FROM records WHERE child_id = ?", (bob.children[0],)) == 1
        assert tx.scalar("SELECT COUNT(*) FROM pictures") == 1


def test_unassigned_child_is_out_of_reach_at_once(
    server: LiveServer, two_workers: tuple[Worker, Worker]
) -> None:
    amy, bob = two_workers
    accounts.assign(server.db, bob.children[0], "amy")
    with server.client() as http:
        assert _send(http, CALLS[5], bob.children[0], amy.token).content == DATA
        accounts.unassign(server.db, bob.children[0], "amy")
        assert _send(http, CALLS[5], bob.children[0], amy.token).status_code == 403
        assert bob.children[0] not in _send(http, CALLS[2], bob.children[0], amy.token).text
