"""The exported letter read back with poppler: its words, pictures, password, file name and audit line."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.visitapp.writing.letter_vault import four_pictures, picture_bytes, record_rowan
from visitapp.casework import Casework
from visitapp.export.files import ExportError, clean_file_name, default_file_name, write_atomically
from visitapp.export.letter_pdf import PdfOptions, build_letter_pdf
from visitapp.store.audit import entries_for
from visitapp.writing.letters import LetterService, LetterSession

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

PASSWORD = "kite harbour 42"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def _session(casework: Casework) -> tuple[LetterService, LetterSession]:
    visit_id = record_rowan(casework, casework.conn)
    service = LetterService(casework.conn, casework.worker_id, four_pictures())
    return service, service.open(visit_id)


def test_the_pdf_holds_the_letter_pictures_and_page_numbers(casework: Casework, tmp_path: Path) -> None:
    service, session = _session(casework)
    path = service.export_pdf(session, session.text, tmp_path)
    text = _run("pdftotext", "-layout", str(path), "-").stdout
    flat = " ".join(text.split())
    assert "Dear Rowan," in flat
    assert "\u201cI want to go back to football on Saturdays\u201d" in flat
    assert "Sunita Haldane, your foster carer," in flat
    assert "Private and confidential" in flat and "Page 1 of" in flat
    assert "picture number 0 that I made" in flat and "picture number 4" not in flat
    images = _run("pdfimages", "-list", str(path)).stdout.splitlines()[2:]
    assert len(images) == 4  # the four the child agreed to; not the fifth
    info = _run("pdfinfo", str(path)).stdout
    assert "Rowan" not in info and "Achterberg" not in info  # nothing about the child in the metadata
    assert re.search(r"Page size:\s+595.276 x 841.89 pts \(A4\)", info)


def test_the_default_file_name_does_not_name_the_child(casework: Casework, tmp_path: Path) -> None:
    service, session = _session(casework)
    out = tmp_path / "out"
    out.mkdir()
    path = service.export_pdf(session, session.text, out)
    assert path.name == "letter-2026-02-11.pdf" == session.default_file_name
    assert "rowan" not in path.name.lower() and "achterberg" not in path.name.lower()
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left behind
    typed = service.export_pdf(session, session.text, out, file_name="Rowan letter")
    assert typed.name == "Rowan letter.pdf"  # only because the worker typed it


def test_a_password_is_needed_to_open_it(casework: Casework, tmp_path: Path) -> None:
    service, session = _session(casework)
    path = service.export_pdf(session, session.text, tmp_path, password=PASSWORD)
    refused = _run("pdfinfo", str(path))
    assert refused.returncode != 0 and "password" in refused.stderr.lower()
    assert _run("pdftotext", str(path), "-").returncode != 0
    opened = _run("pdfinfo", "-upw", PASSWORD, str(path))
    assert opened.returncode == 0 and re.search(r"Encrypted:\s+yes \(.*algorithm:AES-256", opened.stdout)
    text = _run("pdftotext", "-upw", PASSWORD, str(path), "-").stdout
    assert "Dear Rowan," in text


def test_every_export_is_in_the_audit_trail(casework: Casework, tmp_path: Path) -> None:
    service, session = _session(casework)
    service.export_pdf(session, session.text, tmp_path)
    service.export_pdf(session, session.text, tmp_path, file_name="second", password=PASSWORD)
    actions = [e.action for e in entries_for(casework.conn, session.visit_id)]
    assert actions[-2:] == ["letter.exported_without_password", "letter.exported_with_password"]


def test_large_pictures_are_made_smaller_and_pngs_stay_pngs() -> None:
    text = "Dear Sam,\n\n[Picture 1]\nYou drew this.\n\n[Picture 2]\nA photo.\n\nBest wishes,\nJo Bloggs"
    data = build_letter_pdf(
        text, {1: picture_bytes("white", (3000, 2000), "PNG"), 2: picture_bytes("navy", (2500, 2500))},
        PdfOptions(age=9),
    )  # fmt: skip
    assert data.startswith(b"%PDF") and len(data) < 600_000


def test_file_names_are_made_safe() -> None:
    day = date(2026, 2, 11)
    assert default_file_name(day) == "letter-2026-02-11.pdf"
    assert clean_file_name("../../etc/passwd", day) == "etc-passwd.pdf"
    assert clean_file_name("  notes.PDF ", day) == "notes.pdf"
    assert clean_file_name("CON", day) == "letter-2026-02-11.pdf"
    assert clean_file_name("a:b*c?", day) == "a-b-c.pdf"


def test_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        write_atomically(b"%PDF", tmp_path / "nowhere" / "letter.pdf")
