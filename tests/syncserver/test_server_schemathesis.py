"""Schemathesis generates requests from ``/openapi.json`` against a live server: none may get a 5xx."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from syncserver import accounts
from syncserver.db import Database
from tests.syncserver.serverkit import LiveServer, make_worker
from visitapp.sync import protocol as p

CHILD = "0b6a4f1e-2f33-4c4e-9a57-6f1d6c0d2b11"


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    db = Database("sqlite:///" + str(tmp_path_factory.mktemp("fuzz") / "server.db"))
    db.migrate()
    worker = make_worker(db, "fuzz", n_children=0)
    accounts.assign(db, CHILD, "fuzz")
    live = LiveServer(db)
    yield live, worker.token
    live.stop()
    db.close()


@pytest.fixture(scope="module")
def api_schema(fuzzed: tuple[LiveServer, str]) -> Any:
    return schemathesis.openapi.from_url(f"{fuzzed[0].url}/openapi.json")


OPERATIONS = [
    ("GET", "/v1/health"),
    ("POST", "/v1/enrol"),
    ("GET", "/v1/session"),
    ("POST", "/v1/push"),
    ("GET", "/v1/pull"),
    ("HEAD", "/v1/children/{child_id}/pictures/{sha256}"),
    ("PUT", "/v1/children/{child_id}/pictures/{sha256}"),
    ("GET", "/v1/children/{child_id}/pictures/{sha256}"),
]


def test_fuzzed_operations_cover_the_schema(api_schema: Any) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("method, path", OPERATIONS)
def test_no_server_errors(api_schema: Any, fuzzed: tuple[LiveServer, str], method: str, path: str) -> None:
    live, token = fuzzed
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        coin = zlib.crc32(repr((case.path_parameters, case.headers, case.query, case.body)).encode())
        if case.path_parameters and "child_id" in case.path_parameters and coin % 2:
            case.path_parameters["child_id"] = CHILD  # half the time, a child this worker may see
        raw = getattr(case.body, "data", case.body)  # schemathesis wraps generated binary bodies
        if isinstance(raw, bytes) and case.headers is not None and coin % 3:
            case.headers[p.HEADER_CONTENT_DIGEST] = p.content_digest_header(raw)  # get past the digest check
        headers = {"Authorization": f"Bearer {token}"} if coin % 5 else {}
        case.call_and_validate(base_url=live.url, headers=headers, checks=[not_a_server_error])

    check()
