"""Fixtures for core tests: real SQLCipher vaults in a temporary folder (see tests/helpers/vaults.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from visitapp.casework import Casework
from visitapp.paths import VaultPaths
from visitapp.vault import OpenVault, create_vault


@pytest.fixture
def vault_paths(tmp_path: Path) -> VaultPaths:
    return VaultPaths(tmp_path / "vault")


@pytest.fixture
def open_vault(vault_paths: VaultPaths) -> Iterator[OpenVault]:
    vault = create_vault(vault_paths, WORKER, PASSPHRASE, params=FAST_KDF)
    yield vault
    vault.lock()


@pytest.fixture
def casework(open_vault: OpenVault) -> Casework:
    return Casework(open_vault.connect(), open_vault.worker_id)
