"""The command line as IT support and a demo user would run it: real processes, real vault files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from visitapp import demo
from visitapp.store import db, keys

PASSPHRASE = "harbour lantern thistle parade"


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "visitapp.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("demo")
    secret = root / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    data = root / "data"
    done = run_cli("demo", "--data-dir", str(data), "--passphrase-file", str(secret), "--visits", "120")
    assert done.returncode == 0, done.stderr
    return data, secret


def test_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("VisitApp ")


def test_no_file_in_the_data_dir_holds_case_content_in_plain_bytes(demo_vault: tuple[Path, Path]) -> None:
    data, _ = demo_vault
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"vault.db", "key.json"}
    # The needles are words the unlocked vault really holds, so storage in plain bytes would be caught.
    key = keys.unwrap_key(keys.read_key_file(data / "key.json"), PASSPHRASE)
    conn = db.connect(data / "vault.db", key, memory_security=False)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        plain = "\n".join(str(v) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row)
    finally:
        conn.close()
    # Encrypted pages are random bytes, so a short needle turns up by chance: in this 1 MB vault a
    # 3-letter name like "Kai" does about 6% of the time, a 5-letter one about once in a million.
    words = demo.FIRST_NAMES + demo.SURNAMES + ["Nanna Jo", "swimming lesson", "sunflowers"]
    needles = [w.encode() for w in words if len(w.encode()) >= 5 and w in plain]
    assert len(needles) >= 20
    for path in files:
        blob = path.read_bytes()
        for needle in needles:
            assert needle not in blob, f"{needle!r} found in {path.name}"
            assert needle.decode().encode("utf-16-le") not in blob
    assert not (data / "vault.db").read_bytes().startswith(b"SQLite format 3\x00")


def test_doctor_reports_a_healthy_vault_without_content(demo_vault: tuple[Path, Path]) -> None:
    data, secret = demo_vault
    done = run_cli("doctor", "--data-dir", str(data), "--passphrase-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert "Integrity check: passed" in done.stdout and "Page HMAC check: passed" in done.stdout
    assert "visits: 120" in done.stdout
    assert not any(name in done.stdout for name in demo.FIRST_NAMES)


def test_wrong_passphrase_gets_the_clear_message_and_no_trace(demo_vault: tuple[Path, Path]) -> None:
    data, _ = demo_vault
    done = run_cli("doctor", "--data-dir", str(data), "--passphrase-file", "-", stdin="not my passphrase\n")
    assert done.returncode == 2
    assert "did not unlock" in done.stderr and "Traceback" not in done.stderr
    # the next try after a mistake still works (no delay until the third wrong one)
    ok = run_cli("doctor", "--data-dir", str(data), "--passphrase-file", "-", stdin=PASSPHRASE + "\n")
    assert ok.returncode == 0, ok.stderr


def test_data_dir_can_come_from_the_environment(demo_vault: tuple[Path, Path]) -> None:
    data, secret = demo_vault
    done = run_cli("doctor", "--passphrase-file", str(secret), env={"VISITAPP_DATA_DIR": str(data)})
    assert done.returncode == 0 and str(data) in done.stdout


def test_a_passphrase_is_never_taken_as_an_argument() -> None:
    done = run_cli("doctor", "--passphrase", PASSPHRASE)
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr


def test_bad_inputs_get_one_line_messages(tmp_path: Path) -> None:
    missing = run_cli(
        "doctor", "--data-dir", str(tmp_path / "nowhere"), "--passphrase-file", "-", stdin="x\n"
    )
    assert missing.returncode == 2 and "no VisitApp vault" in missing.stderr
    weak = tmp_path / "weak.txt"
    weak.write_text("short\n")
    made = run_cli("demo", "--data-dir", str(tmp_path / "d"), "--passphrase-file", str(weak))
    assert made.returncode == 2 and "too short" in made.stderr and "Traceback" not in made.stderr
    unreadable = run_cli(
        "demo", "--data-dir", str(tmp_path / "d"), "--passphrase-file", str(tmp_path / "nope")
    )
    assert unreadable.returncode == 2 and "Could not read" in unreadable.stderr


def test_demo_scales_to_ten_thousand_visits(tmp_path: Path) -> None:
    secret = tmp_path / "p.txt"
    secret.write_text(PASSPHRASE)
    done = run_cli("demo", "--data-dir", str(tmp_path / "big"), "--passphrase-file", str(secret),
                   "--children", "40", "--visits", "10000")  # fmt: skip
    assert done.returncode == 0, done.stderr
    doctor = run_cli("doctor", "--data-dir", str(tmp_path / "big"), "--passphrase-file", str(secret))
    assert "visits: 10,000" in doctor.stdout and "children: 40" in doctor.stdout


def test_the_core_command_line_hands_the_app_back_to_the_visitapp_command(tmp_path: Path) -> None:
    # The core never starts Qt itself: with no sub-command it says where the app is (ui/cli.py starts it).
    code = "import sys; from visitapp.cli import main; rc = main(['--data-dir', sys.argv[1]]); "
    code += "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui')))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "2 []"
    assert "Start the app with the visitapp command" in done.stderr
