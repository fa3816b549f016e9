"""The wire protocol shared by the laptop and the server: validation, digests, round trips."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from visitapp.sync import protocol as p


def good_change(**kw: object) -> p.Change:
    fields: dict[str, object] = {
        "change_id": str(uuid.uuid4()),
        "record_type": "visit",
        "record_id": str(uuid.uuid4()),
        "child_id": str(uuid.uuid4()),
        "body": {"text": "hello"},
    }
    fields.update(kw)
    return p.Change(**fields)  # type: ignore[arg-type]


def test_a_well_formed_change_passes() -> None:
    assert p.validate_change(good_change()) is None
    assert p.validate_change(good_change(op="delete", base_version=3, body=None)) is None
    assert p.validate_change(good_change(record_id=str(uuid.uuid4()).upper())) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"change_id": "nope"},
        {"record_type": "Visit"},
        {"record_type": "a" * 41},
        {"record_id": "123"},
        {"child_id": str(uuid.uuid4()).replace("-", "")},
        {"base_version": -1},
        {"base_version": p.MAX_VERSION + 1},
        {"op": "merge"},
        {"body": None},
        {"body": ["not", "an", "object"]},
        {"body": {"x": float("nan")}},
        {"body": {"x": "\ud800"}},
        {"body": {"x": "a" * p.MAX_BODY_BYTES}},
        {"op": "delete", "base_version": 0},
    ],
)
def test_malformed_changes_get_a_reason(fields: dict[str, object]) -> None:
    reason = p.validate_change(good_change(**fields))
    assert reason and reason.endswith(".")


def test_digest_depends_on_every_field_but_not_key_order() -> None:
    c = good_change(body={"a": 1, "b": 2})
    same = p.Change.from_wire({**c.to_wire(), "body": {"b": 2, "a": 1}})
    assert c.digest() == same.digest()
    assert c.digest() != p.Change.from_wire({**c.to_wire(), "signed_off": True}).digest()


@given(st.binary(max_size=2000))
def test_content_digest_round_trip(data: bytes) -> None:
    header = p.content_digest_header(data)
    assert p.parse_content_digest(header) == hashlib.sha256(data).digest()
    assert p.parse_content_digest("md5=:abc:, " + header) == hashlib.sha256(data).digest()


@pytest.mark.parametrize("value", ["", "sha-256=abc", "sha-256=:!!!:", "sha-256=:AAAA:", "md5=:AAAA:"])
def test_bad_content_digest(value: str) -> None:
    assert p.parse_content_digest(value) is None


def test_results_and_pages_read_back_from_the_wire() -> None:
    record = p.ServerRecord("visit", str(uuid.uuid4()), str(uuid.uuid4()), 2, 9, False, True, {"a": 1})
    from dataclasses import asdict

    result = p.ChangeResult(change_id="c", status="conflict", server_record=record)
    assert p.ChangeResult.from_wire(asdict(result)) == result
    page = p.PullResponse([record], 9, False, [record.child_id])
    assert p.PullResponse.from_wire(asdict(page)) == page
    assert p.EnrolResponse.from_wire({"device_id": "d", "token": "t", "api_version": 1}).token == "t"
