"""Setting a laptop up: the server's address must be HTTPS (plain HTTP only to this laptop itself), and the
enrolment code is accepted however the worker types it, because the server compares codes the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from syncserver import accounts
from syncserver.db import Database
from tests.helpers.vaults import FAST_KDF, PASSPHRASE, WORKER
from tests.syncserver.serverkit import LiveServer
from tests.visitapp.sync.synckit import FAST_RETRIES, ServerWorker
from visitapp.cli import main
from visitapp.paths import VaultPaths
from visitapp.store import sync_state as ss
from visitapp.sync import account
from visitapp.sync.client import SyncClient
from visitapp.vault import create_vault


@pytest.mark.parametrize(
    "url",
    [
        "https://sync.example.org",
        "https://sync.example.org:8443/",
        "http://127.0.0.1:8000",
        "http://127.4.5.6",
        "http://localhost:8000",
        "HTTP://LocalHost",
        "http://[::1]:8000",
    ],
)
def test_https_anywhere_and_plain_http_only_to_this_laptop(url: str) -> None:
    assert account.normalise_url(url) == url.strip().rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://sync.example.org",
        "http://10.0.0.5:8000",
        "http://192.168.1.20",
        "http://localhost.example.org",  # looks like localhost, is not
        "http://127.0.0.1.nip.io",
        "http://[::ffff:10.0.0.1]",
        "http://[fe80::1]",
    ],
)
def test_plain_http_to_another_machine_is_refused_plainly(url: str) -> None:
    with pytest.raises(account.EnrolmentError) as caught:
        account.normalise_url(url)
    assert "https://" in str(caught.value) and "this laptop" in str(caught.value)


@pytest.mark.parametrize("url", ["sync.example.org", "ftp://sync.example.org", "https://", ""])
def test_something_that_is_not_an_address_is_refused(url: str) -> None:
    with pytest.raises(account.EnrolmentError, match="should look like https://"):
        account.normalise_url(url)


def test_the_code_is_tidied_to_the_shape_the_server_prints() -> None:
    code = accounts.new_code()
    assert account.normalise_code(code) == code
    assert account.normalise_code(code.lower()) == code
    assert account.normalise_code(" " + code.replace("-", " ").lower() + " ") == code
    assert account.normalise_code(code.replace("-", "")) == code
    assert account.normalise_code("k7qm--4xtb 9hwc_r2pz") == "K7QM-4XTB-9HWC-R2PZ"
    assert account.normalise_code(" - ") == ""
    # The client's tidying never changes which code the server sees.
    for typed in (code.lower(), code.replace("-", " "), code.replace("-", "")):
        assert accounts.normalise_code(account.normalise_code(typed)) == accounts.normalise_code(code)


def test_a_code_typed_in_lower_case_without_dashes_enrols(
    tmp_path: Path, live: LiveServer, worker: ServerWorker
) -> None:
    vault = create_vault(VaultPaths(tmp_path / "v"), WORKER, PASSPHRASE, params=FAST_KDF)
    conn = vault.connect()
    typed = " " + worker.code().lower().replace("-", " ") + " "
    found = account.enrol(conn, live.url, typed, client=SyncClient(live.url, policy=FAST_RETRIES))
    assert found.enrolled and ss.meta_get(conn, ss.DEVICE_TOKEN)
    vault.lock()


def test_the_command_line_refuses_plain_http_to_another_machine(
    tmp_path: Path, server_db: Database, worker: ServerWorker, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = VaultPaths(tmp_path / "vault")
    create_vault(paths, WORKER, PASSPHRASE, params=FAST_KDF).lock()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    base = ["--data-dir", str(paths.root), "--passphrase-file", str(secret)]
    code = worker.code()
    assert main(["enrol", *base, "--server", "http://sync.example.org", "--code", code]) == 2
    err = capsys.readouterr().err
    assert "must start with https://" in err and code not in err
    from visitapp.vault import unlock_vault

    conn = unlock_vault(paths, PASSPHRASE).connect()
    assert not ss.meta_get(conn, ss.SERVER_URL) and not ss.meta_get(conn, ss.DEVICE_TOKEN)
