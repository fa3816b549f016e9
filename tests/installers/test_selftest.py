"""``visitapp selftest`` from source: every check passes here, a failing check says so, nothing is left."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from visitapp.cli import build_parser
from visitapp.commands import selftest


def test_selftest_from_source_passes_and_removes_what_it_made(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "visitapp.cli", "selftest"], capture_output=True, text=True,
                          timeout=180, env=env)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "(source," in lines[0]
    for label, _ in selftest.CHECKS:
        assert any(line.split()[:2] == ["PASS", label] for line in lines), label
    assert lines[-1] == f"Result: PASS (all {len(selftest.CHECKS) + 1} checks)"
    assert list(tmp_path.iterdir()) == []  # the temporary vault, PDF and folder are gone


def test_a_failing_check_is_reported_and_the_exit_code_is_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(state: object) -> str:
        raise RuntimeError("the camera plugin is missing")

    monkeypatch.setattr(selftest, "CHECKS", (("fine", lambda state: "all good"), ("camera", broken)))
    monkeypatch.setattr(selftest.tempfile, "tempdir", str(tmp_path))
    assert selftest.run(argparse.Namespace(qt_probe=False)) == 1
    out = capsys.readouterr().out
    assert "PASS  fine" in out and "FAIL  camera" in out and "the camera plugin is missing" in out
    assert out.splitlines()[-1] == "Result: FAIL (1 of 3 checks failed)"
    assert list(tmp_path.iterdir()) == []


def test_selftest_is_a_sub_command_and_the_probe_flag_is_hidden(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["selftest"])
    assert args.handler is selftest.run and args.qt_probe is False
    with pytest.raises(SystemExit):
        build_parser().parse_args(["selftest", "--help"])
    assert "--qt-probe" not in capsys.readouterr().out
