"""The HTTP API through a real uvicorn server: enrolment, tokens, push and pull, concurrency, OpenAPI."""

from __future__ import annotations

import threading
import uuid

import httpx

from syncserver import accounts
from tests.syncserver.serverkit import LiveServer, change, make_worker
from visitapp.sync import protocol as p

V = p.API_PREFIX


def test_enrol_gives_a_token_that_is_stored_only_as_a_hash(server: LiveServer) -> None:
    db = server.db
    accounts.add_worker(db, "amy")
    device_id, code = accounts.create_device(db, "amy", "asset 42")
    with server.client() as http:
        r = http.post(f"{V}/enrol", json={"code": code.lower().replace("-", " ")})
        assert r.status_code == 200, r.text
        enrolled = p.EnrolResponse.from_wire(r.json())
        assert enrolled.device_id == device_id and len(enrolled.token) >= 40
        again = http.post(f"{V}/enrol", json={"code": code})
        assert again.status_code == 401 and again.json()["error"] == p.ERROR_INVALID_CODE
        me = http.get(f"{V}/session", headers={"Authorization": f"Bearer {enrolled.token}"})
        assert me.status_code == 200 and me.json()["device_id"] == device_id
    with db.transaction() as tx:
        stored = [str(v) for row in tx.all("SELECT * FROM devices") for v in row if v is not None]
    assert not any(enrolled.token in v or code in v for v in stored)


def test_expired_or_revoked_codes_do_not_enrol(server: LiveServer) -> None:
    db = server.db
    accounts.add_worker(db, "amy")
    expired_id, expired = accounts.create_device(db, "amy")
    with db.transaction(write=True) as tx:
        tx.execute(
            "UPDATE devices SET code_expires_at = '2001-01-01T00:00:00+00:00' WHERE id = ?", (expired_id,)
        )
    revoked_id, revoked = accounts.create_device(db, "amy")
    accounts.revoke_device(db, revoked_id)
    with server.client() as http:
        for code in (expired, revoked, "AAAA-BBBB-CCCC-DDDD", ""):
            r = http.post(f"{V}/enrol", json={"code": code})
            assert r.status_code == 401, code


def test_revoked_device_is_told_to_wipe(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    with server.client() as http:
        assert http.get(f"{V}/pull", headers=amy.headers).status_code == 200
        accounts.revoke_device(server.db, amy.device_id)
        r = http.get(f"{V}/pull", headers=amy.headers)
    assert r.status_code == 401
    assert r.headers[p.HEADER_WIPE] == "1"
    assert r.json() == {"error": p.ERROR_DEVICE_REVOKED, "detail": r.json()["detail"], "wipe": True}


def test_push_and_pull_over_http(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    changes = [change(amy.children[0], body={"n": i}) for i in range(25)]
    with server.client() as http:
        r = http.post(f"{V}/push", json=p.PushRequest(changes).to_wire(), headers=amy.headers)
        assert r.status_code == 200, r.text
        results = p.PushResponse.from_wire(r.json()).results
        assert [x.status for x in results] == ["accepted"] * 25
        got, since = [], 0
        while True:
            page = p.PullResponse.from_wire(
                http.get(f"{V}/pull", params={"since": since, "limit": 10}, headers=amy.headers).json()
            )
            got.extend(page.records)
            since = page.next_since
            if not page.has_more:
                break
    assert sorted(r.body["n"] for r in got if r.body) == list(range(25))
    assert page.assigned_children == amy.children


def test_too_big_batch_is_refused_as_a_whole(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    batch = p.PushRequest([change(amy.children[0]) for _ in range(p.MAX_BATCH_CHANGES + 1)])
    with server.client() as http:
        r = http.post(f"{V}/push", json=batch.to_wire(), headers=amy.headers)
    assert r.status_code == 413


def test_two_concurrent_http_pushes_of_one_uuid_make_one_record(server: LiveServer) -> None:
    amy = make_worker(server.db, "amy")
    child, rid = amy.children[0], str(uuid.uuid4())
    bodies = [p.PushRequest([change(child, rid, body={"from": n})]).to_wire() for n in range(2)]
    retry = p.PushRequest([change(child, str(uuid.uuid4()))]).to_wire()
    payloads = bodies + [retry, retry]
    answers: list[dict[str, object]] = []
    barrier = threading.Barrier(len(payloads))

    def send(payload: dict[str, object]) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            barrier.wait()
            answers.append(http.post(f"{V}/push", json=payload, headers=amy.headers).json()["results"][0])

    threads = [threading.Thread(target=send, args=(b,)) for b in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with server.db.transaction() as tx:
        assert tx.scalar("SELECT COUNT(*) FROM records WHERE record_id = ?", (rid,)) == 1
        assert tx.scalar("SELECT COUNT(*) FROM records") == 2
    first_two = sorted(
        str(a["status"]) for a in answers if a["change_id"] != retry["changes"][0]["change_id"]
    )
    assert first_two == ["accepted", "conflict"]
    replays = [a for a in answers if a["change_id"] == retry["changes"][0]["change_id"]]
    assert replays[0] == replays[1] and replays[0]["status"] == "accepted"


def test_openapi_lists_the_versioned_api() -> None:
    from syncserver.app import create_app
    from syncserver.db import Database

    schema = create_app(Database("sqlite:////tmp/unused-visitapp-openapi.db")).openapi()
    paths = set(schema["paths"])
    assert {f"{V}/enrol", f"{V}/push", f"{V}/pull", f"{V}/children/{{child_id}}/pictures/{{sha256}}"} <= paths
    assert all(path.startswith(V + "/") for path in paths)
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_openapi_is_served(sqlite_server: LiveServer) -> None:
    with sqlite_server.client() as http:
        r = http.get("/openapi.json")
    assert r.status_code == 200 and r.json()["info"]["title"] == "VisitApp sync server"
