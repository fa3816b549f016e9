"""``visitapp check-letter`` run as a real process: human output, --json, and files it cannot read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.visitapp.writing.letter_texts import GOOD_LETTER, JARGON_LETTER, JARGON_LETTER_QUOTES


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "visitapp.cli", "check-letter", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "VISITAPP_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"},
    )


@pytest.fixture
def letters(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("good", GOOD_LETTER), ("jargon", JARGON_LETTER)):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths[name] = path
    return paths


def test_json_output_has_exactly_the_agreed_shape(letters: dict[str, Path], tmp_path: Path) -> None:
    done = run_cli(str(letters["jargon"]), "--age", "9", "--child-name", "Amira", "--json", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"findings", "readability"}
    assert set(data["readability"]) == {"flesch_reading_ease", "flesch_kincaid_grade", "reading_age"}
    assert len(data["findings"]) >= 25
    text = letters["jargon"].read_text(encoding="utf-8")
    for finding in data["findings"]:
        assert set(finding) == {"kind", "start", "end", "text", "message", "suggestion"}
        assert text[finding["start"] : finding["end"]] == finding["text"]


def test_offsets_count_characters_in_the_file_as_written(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("Dear Zo\u00eb,\r\nThe child\u2019s IRO came on 1/2/2025.\r\n".encode())
    done = run_cli(str(path), "--age", "8", "--json", data_dir=tmp_path)
    text = path.read_bytes().decode("utf-8")
    found = {f["text"]: f for f in json.loads(done.stdout)["findings"]}
    assert {"The child\u2019s", "IRO", "1/2/2025"} <= set(found)
    assert all(text[f["start"] : f["end"]] == f["text"] for f in found.values())


def test_human_output_shows_line_col_words_and_what_to_write(
    letters: dict[str, Path], tmp_path: Path
) -> None:
    done = run_cli(str(letters["jargon"]), "--age", "9", "--child-name", "Amira", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1:19  Date in numbers: \u201c04/03/2025\u201d" in out
    assert "Instead: Tuesday 4 March 2025" in out
    assert "Instead: extra help for your family" in out
    assert "things to look at." in out and "Reading age about" in out


def test_a_good_letter_reads_well(letters: dict[str, Path], tmp_path: Path) -> None:
    done = run_cli(str(letters["good"]), "--age", "9", "--child-name", "Amira", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Nothing to change." in done.stdout or "1 thing to look at." in done.stdout
    assert "which suits age 9" in done.stdout


def test_recorded_quotes_and_extra_glossary(letters: dict[str, Path], tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.txt"
    quotes.write_text("\n".join(JARGON_LETTER_QUOTES) + "\n", encoding="utf-8")
    extra = tmp_path / "extra.toml"
    extra.write_text('[[term]]\nterm = "panel"\nplain = "the meeting"\n', encoding="utf-8")
    args = ["--age", "9", "--json", "--quotes", str(quotes), "--glossary", str(extra)]
    kinds = [
        f["kind"]
        for f in json.loads(run_cli(str(letters["jargon"]), *args, data_dir=tmp_path).stdout)["findings"]
    ]
    texts = [
        f["text"]
        for f in json.loads(run_cli(str(letters["jargon"]), *args, data_dir=tmp_path).stdout)["findings"]
    ]
    assert "changed_quote" in kinds and "panel" in texts


def test_council_glossary_in_the_data_folder_is_used(letters: dict[str, Path], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "glossary.local.toml").write_text(
        '[[term]]\nterm = "XYZ"\nplain = "the group"\n', encoding="utf-8"
    )
    done = run_cli(str(letters["jargon"]), "--age", "9", "--json", data_dir=data_dir)
    found = {f["text"]: f["kind"] for f in json.loads(done.stdout)["findings"]}
    assert found["XYZ"] == "acronym"


@pytest.mark.parametrize("case", ["missing", "folder", "not_utf8", "bad_glossary", "missing_quotes"])
def test_unreadable_input_gives_one_clear_line_and_exit_code_2(case: str, tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Sam,\nI came to see you.\n", encoding="utf-8")
    args = [str(letter), "--age", "9"]
    if case == "missing":
        args[0] = str(tmp_path / "nowhere.txt")
    elif case == "folder":
        args[0] = str(tmp_path)
    elif case == "not_utf8":
        letter.write_bytes("Dear Zo\u00eb".encode("latin-1"))
    elif case == "bad_glossary":
        (tmp_path / "bad.toml").write_text("[[term]]\nterm = 'X'\n", encoding="utf-8")
        args += ["--glossary", str(tmp_path / "bad.toml")]
    else:
        args += ["--quotes", str(tmp_path / "nowhere.txt")]
    done = run_cli(*args, data_dir=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("visitapp: ")
    assert "Traceback" not in done.stderr


def test_bad_age_is_a_usage_error_not_a_trace(letters: dict[str, Path], tmp_path: Path) -> None:
    done = run_cli(str(letters["good"]), "--age", "nine", data_dir=tmp_path)
    assert done.returncode == 2
    assert "whole number" in done.stderr and "Traceback" not in done.stderr


def test_the_command_module_runs_on_its_own(letters: dict[str, Path], tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "visitapp.commands.check_letter",
            str(letters["good"]),
            "--age",
            "9",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "VISITAPP_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "readability" in json.loads(done.stdout)
