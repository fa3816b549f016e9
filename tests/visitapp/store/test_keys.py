from __future__ import annotations

import json
from pathlib import Path

import pytest

from visitapp.store import keys
from visitapp.store.keys import KdfParams, KeyFileDamaged, WrongPassphrase

FAST = KdfParams(n=2**12)


def test_wrap_then_unwrap_gives_back_the_same_key() -> None:
    key = keys.new_database_key()
    record = keys.wrap_key(key, "a good long passphrase", FAST, "vault-1")
    assert keys.unwrap_key(record, "a good long passphrase") == key
    assert len(key) == 32


def test_wrong_passphrase_is_refused_without_detail() -> None:
    record = keys.wrap_key(keys.new_database_key(), "a good long passphrase", FAST, "vault-1")
    with pytest.raises(WrongPassphrase) as caught:
        keys.unwrap_key(record, "a good long passphrasE")
    assert str(caught.value) == ""


def test_key_file_holds_parameters_but_not_the_key(tmp_path: Path) -> None:
    key = keys.new_database_key()
    path = tmp_path / "key.json"
    keys.write_key_file(path, keys.wrap_key(key, "a good long passphrase", FAST, "vault-1"))
    raw = path.read_bytes()
    assert bytes(key) not in raw and bytes(key).hex().encode() not in raw
    stored = json.loads(raw)
    assert stored["kdf"]["name"] == "scrypt" and stored["kdf"]["n"] == FAST.n


def test_a_wrapped_key_moved_to_another_vault_does_not_open() -> None:
    record = keys.wrap_key(keys.new_database_key(), "a good long passphrase", FAST, "vault-1")
    record["vault_id"] = "vault-2"
    with pytest.raises(WrongPassphrase):
        keys.unwrap_key(record, "a good long passphrase")


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b'{"format": 1}', b"\xff\xfe"])
def test_damaged_key_file_gets_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "key.json"
    path.write_bytes(content)
    with pytest.raises(KeyFileDamaged):
        keys.unwrap_key(keys.read_key_file(path), "anything at all here")


def test_wipe_clears_the_buffer() -> None:
    key = keys.new_database_key()
    keys.wipe(key)
    assert key == bytearray()
