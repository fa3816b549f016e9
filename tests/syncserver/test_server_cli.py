"""The ``visitapp-server`` command: admin sub-commands on both databases, and ``serve`` as a real process."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest

from syncserver import paths
from syncserver.cli import main
from syncserver.db import Database
from syncserver.pgcluster import free_port
from syncserver.schema import MIGRATIONS
from visitapp.sync import protocol as p

LOOPBACK = "127.0.0.1"


def admin(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str]:
    code = main(["admin", "--database-url", url, *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_admin_commands(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    child = str(uuid.uuid4())
    assert admin(capsys, db_url, "add-worker", "amy", "--name", "Amy Example")[0] == 0
    assert admin(capsys, db_url, "add-worker", "amy")[0] == 1  # already there
    code, out = admin(capsys, db_url, "enrol-device", "amy", "--label", "asset 7")
    assert code == 0
    enrol_code = re.search(r"Enrolment code:\s+(\S+)", out)
    device_id = re.search(r"Device id:\s+(\S+)", out)
    assert enrol_code and device_id
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", enrol_code.group(1))
    assert admin(capsys, db_url, "assign", child, "amy")[0] == 0
    assert "already" in admin(capsys, db_url, "assign", child, "amy")[1]
    assert admin(capsys, db_url, "assign", "not-a-uuid", "amy")[0] == 1
    assert admin(capsys, db_url, "assign", child, "nobody")[0] == 1
    assert child in admin(capsys, db_url, "list", "assignments")[1]
    workers = admin(capsys, db_url, "list", "workers")[1]
    assert "amy" in workers and "Amy Example" in workers
    devices = admin(capsys, db_url, "list", "devices")[1]
    assert device_id.group(1) in devices and "waiting for enrolment" in devices
    assert admin(capsys, db_url, "revoke-device", device_id.group(1))[0] == 0
    assert "revoked" in admin(capsys, db_url, "list", "devices")[1]
    assert admin(capsys, db_url, "revoke-device", str(uuid.uuid4()))[0] == 1
    assert admin(capsys, db_url, "unassign", child, "amy")[0] == 0
    assert child not in admin(capsys, db_url, "list", "assignments")[1]
    assert f"version {MIGRATIONS[-1].version}" in admin(capsys, db_url, "migrate")[1]


def test_bad_database_url_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="sqlite:///"):
        main(["admin", "--database-url", "mysql://x", "list", "workers"])


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_serve_runs_over_tls_and_enrols(tmp_path: Path) -> None:
    url = "sqlite:///" + str(tmp_path / "server.db")
    db = Database(url)
    db.migrate()
    from syncserver import accounts

    accounts.add_worker(db, "amy")
    _, code = accounts.create_device(db, "amy")
    db.close()
    cert, key = _self_signed(tmp_path)
    port = free_port()
    command = [sys.executable, "-m", "syncserver.cli", "serve", "--database-url", url, "--port", str(port)]
    command += ["--certfile", str(cert), "--keyfile", str(key)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    try:
        base = f"https://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        tls = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(base_url=base, verify=tls, timeout=5) as http:
            while True:
                try:
                    assert http.get(f"{p.API_PREFIX}/health").json()["status"] == "ok"
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    time.sleep(0.1)
            r = http.post(f"{p.API_PREFIX}/enrol", json={"code": code})
            assert r.status_code == 200
            token = r.json()["token"]
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0].decode()
    assert token not in output and code not in output  # secrets never reach the log


def test_where_pictures_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_url = "sqlite:///" + str(tmp_path / "db" / "server.db")
    assert paths.pictures_dir(sqlite_url) == tmp_path / "db" / "pictures"
    assert paths.pictures_dir("postgresql://u@h/db") == paths.data_dir() / "pictures"
    assert paths.data_dir().is_relative_to(tmp_path)  # the fixture keeps tests out of the real data folder
    monkeypatch.setenv(paths.ENV_PICTURES_DIR, str(tmp_path / "from-env"))
    assert paths.pictures_dir(sqlite_url) == tmp_path / "from-env"
    assert paths.pictures_dir(sqlite_url, str(tmp_path / "given")) == tmp_path / "given"
