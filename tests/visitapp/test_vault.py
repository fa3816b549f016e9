from __future__ import annotations

import pytest

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from visitapp.domain.models import Worker
from visitapp.paths import VaultPaths
from visitapp.store import db, keys
from visitapp.vault import (
    OpenVault,
    UnlockThrottled,
    VaultError,
    WrongPassphrase,
    create_vault,
    delay_after_failures,
    seconds_until_next_try,
    unlock_vault,
)


def test_database_is_encrypted_and_pragmas_are_set(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    assert not vault_paths.database.read_bytes().startswith(b"SQLite format 3\x00")
    conn = open_vault.connect()
    pragma = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in (
        "journal_mode", "synchronous", "secure_delete", "temp_store", "cipher_memory_security", "foreign_keys"
    )}  # fmt: skip
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "secure_delete": 1,
        "temp_store": 2,  # MEMORY
        "cipher_memory_security": "1",
        "foreign_keys": 1,
    }


def test_unlock_with_the_right_passphrase(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    open_vault.lock()
    again = unlock_vault(vault_paths, PASSPHRASE)
    assert again.worker == WORKER
    again.lock()


def test_wrong_passphrase_then_growing_delay(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    open_vault.lock()
    start = 1_000_000.0
    for attempt in range(1, 5):
        now = start + attempt * 1000  # far enough apart that no delay is pending
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_paths, "not the passphrase at all", now=now)
        assert seconds_until_next_try(vault_paths, now=now) == delay_after_failures(attempt)
    with pytest.raises(UnlockThrottled) as caught:
        unlock_vault(vault_paths, PASSPHRASE, now=start + 4000 + 1)
    assert "wait" in str(caught.value)
    # Once the delay has passed, the right passphrase works and the count starts again.
    unlock_vault(vault_paths, PASSPHRASE, now=start + 4000 + 10).lock()
    assert seconds_until_next_try(vault_paths) == 0
    assert [delay_after_failures(n) for n in range(1, 7)] == [0, 0, 2, 4, 8, 16]


def test_lock_closes_connections_and_forgets_the_key(open_vault: OpenVault) -> None:
    conn = open_vault.connect()
    open_vault.lock()
    assert open_vault.is_locked
    with pytest.raises(db.ProgrammingError):
        conn.execute("SELECT 1")
    with pytest.raises(VaultError):
        open_vault.connect()
    open_vault.lock()  # twice is harmless


def test_change_passphrase_rewraps_the_same_key(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    before = keys.unwrap_key(keys.read_key_file(vault_paths.key_file), PASSPHRASE)
    open_vault.change_passphrase(PASSPHRASE, "meadow copper lantern nine", "meadow copper lantern nine")
    open_vault.lock()
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_paths, PASSPHRASE)
    after = keys.unwrap_key(keys.read_key_file(vault_paths.key_file), "meadow copper lantern nine")
    assert after == before
    unlock_vault(vault_paths, "meadow copper lantern nine").lock()


def test_change_passphrase_needs_the_current_one(open_vault: OpenVault) -> None:
    with pytest.raises(VaultError, match="current passphrase"):
        open_vault.change_passphrase(
            "guess guess guess", "meadow copper lantern nine", "meadow copper lantern nine"
        )


@pytest.mark.parametrize(
    ("passphrase", "fragment"),
    [("short", "too short"), ("password12345", "common"), ("aaaaaaaaaaaaaaa", "too few"),
     ("abcdefghijklmn", "run"), ("morgan harbour team 1", "own name")],
)  # fmt: skip
def test_weak_passphrases_are_refused(vault_paths: VaultPaths, passphrase: str, fragment: str) -> None:
    with pytest.raises(VaultError, match=fragment):
        create_vault(vault_paths, WORKER, passphrase, params=FAST_KDF)
    assert not vault_paths.key_file.exists()


def test_worker_details_are_required(vault_paths: VaultPaths) -> None:
    with pytest.raises(VaultError, match="job title"):
        create_vault(vault_paths, Worker("Morgan", " ", "Harbour"), PASSPHRASE, params=FAST_KDF)


def test_a_second_vault_in_the_same_folder_is_refused(open_vault: OpenVault, vault_paths: VaultPaths) -> None:
    with pytest.raises(VaultError, match="already"):
        create_vault(vault_paths, WORKER, PASSPHRASE, params=FAST_KDF)


def test_a_mismatched_passphrase_confirmation_is_refused(vault_paths: VaultPaths) -> None:
    with pytest.raises(VaultError, match="not the same"):
        create_vault(vault_paths, WORKER, PASSPHRASE, confirm=PASSPHRASE + "x", params=FAST_KDF)


def test_wrong_passphrases_typed_elsewhere_share_the_unlock_delay(
    open_vault: OpenVault, vault_paths: VaultPaths
) -> None:
    from visitapp.vault import clear_wrong_passphrases, count_wrong_passphrase

    start = 2_000_000.0
    for n in range(3):
        count_wrong_passphrase(vault_paths, now=start + n)  # e.g. at the family view's exit
    assert seconds_until_next_try(vault_paths, now=start + 2) == delay_after_failures(3)
    with pytest.raises(UnlockThrottled):
        unlock_vault(vault_paths, PASSPHRASE, now=start + 3)
    clear_wrong_passphrases(vault_paths)
    clear_wrong_passphrases(vault_paths)  # twice is harmless
    assert seconds_until_next_try(vault_paths, now=start + 3) == 0
