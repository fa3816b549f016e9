"""``visitapp selftest``: for IT, on a freshly installed laptop or a built bundle. Touches no real vault.

It makes a throwaway vault in a temporary folder, writes and reads a visit with a picture, makes a PDF,
checks that Qt's platform and multimedia plugins load (ui/qt_probe.py, in a child process, offscreen, so
no window opens and this process never loads Qt), removes everything it made, and prints PASS or FAIL for
each check.
Exit code 0 when every check passed, 1 otherwise. The data is made up; nothing personal is printed.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from visitapp import __version__

QT_PROBE_FLAG = "--qt-probe"
QT_PROBE_TIMEOUT = 60


@dataclass
class _Run:
    """What the checks share: the temporary folder, and what earlier checks made for later ones."""

    root: Path
    vault: object | None = None
    visit_id: str = ""
    picture: bytes | None = None  # the picture's bytes as read back from the vault
    secrets_to_hide: list[bytes] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "selftest", help="check this installation works (temporary vault, picture, PDF, Qt plugins)"
    )
    parser.add_argument(QT_PROBE_FLAG, action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.qt_probe:  # the visitapp command (ui/cli.py) answers this itself; reaching here means no Qt
        print("The Qt check runs through the visitapp command, not python -m visitapp.cli.", file=sys.stderr)
        return 2
    where = f"bundle at {Path(sys.executable).parent}" if getattr(sys, "frozen", False) else "source"
    print(f"VisitApp {__version__} self-test ({where}, Python {sys.version.split()[0]}, {sys.platform})")
    root = Path(tempfile.mkdtemp(prefix="visitapp-selftest-"))
    state = _Run(root)
    results: list[bool] = []
    try:
        for label, check in CHECKS:
            results.append(_report(label, functools.partial(check, state)))
    finally:
        results.append(_report("cleanup", lambda: _cleanup(state)))
    failed = results.count(False)
    if failed:
        print(f"Result: FAIL ({failed} of {len(results)} checks failed)")
        return 1
    print(f"Result: PASS (all {len(results)} checks)")
    return 0


def _report(label: str, check: Callable[[], str]) -> bool:
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # every failure is reported, and the next check still runs
        detail = f"{type(exc).__name__}: {exc}"
        ok = False
    seconds = time.perf_counter() - started
    print(f"  {'PASS' if ok else 'FAIL'}  {label:<14} {detail} ({seconds:.2f} s)", flush=True)
    return ok


# The checks ---------------------------------------------------------------------------------------------


def check_vault(state: _Run) -> str:
    from visitapp.domain.models import Worker
    from visitapp.paths import VaultPaths
    from visitapp.vault import create_vault, unlock_vault

    paths = VaultPaths(state.root / "vault")
    passphrase = secrets.token_urlsafe(24)
    worker = Worker(full_name="Self Test", job_title="Social Worker", team="Self-test Team")
    create_vault(paths, worker, passphrase, passphrase).lock()  # the real KDF cost: memory-hard scrypt
    vault = unlock_vault(paths, passphrase)
    state.vault = vault
    conn = vault.connect()
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    return f"made, locked and unlocked an encrypted vault (SQLCipher {cipher})"


def check_visit(state: _Run) -> str:
    from visitapp.casework import Casework
    from visitapp.domain.models import Child, Visit
    from visitapp.media import prepare_capture
    from visitapp.pictures import PictureDetails, Pictures, Source
    from visitapp.vault import OpenVault
    from visitapp.visit_flow import VisitFlow

    vault = state.vault
    if not isinstance(vault, OpenVault):
        raise RuntimeError("not run: the vault check failed")
    conn = vault.connect()
    casework = Casework(conn, vault.worker_id)
    child = Child(full_name="Robin Selftest")
    casework.save_child(child)
    visit = Visit(child_id=child.id, starts_at=datetime.now().replace(second=0, microsecond=0))
    casework.save_visit(visit)
    words = "I drew my dog, Biscuit! 🐶 — «exactly as said»"
    flow = VisitFlow(conn, vault.worker_id)
    flow.add_quote(visit.id, words)
    picture = prepare_capture(_drawing_png(), "drawing")
    pictures = Pictures(conn, vault.worker_id)
    added = pictures.add(
        visit.id, picture, Source.DRAWING, PictureDetails(description="My house and the sun")
    )

    if [q.words for q in flow.open(visit.id).quotes] != [words]:
        raise RuntimeError("the child's words did not come back exactly as written")
    if [p.id for p in pictures.for_visit(visit.id)] != [added.id]:
        raise RuntimeError("the picture is not listed with its visit")
    data = pictures.image(added.id).data
    if hashlib.sha256(data).hexdigest() != picture.sha256:
        raise RuntimeError("the picture came back changed")
    state.visit_id, state.picture = visit.id, data
    state.secrets_to_hide += [words.encode(), b"Robin Selftest", data[len(data) // 2 :][:64]]
    return f"wrote and read back a visit, the child's words and a {picture.width}x{picture.height} drawing"


def check_formats(state: _Run) -> str:
    from visitapp.media import accepted_formats

    formats = accepted_formats()
    if "HEIF" not in formats:
        raise RuntimeError(f"only {', '.join(formats)}: HEIC photos (iPhone, iPad) cannot be imported")
    return f"pictures accepted: {', '.join(formats)}"


def check_encrypted(state: _Run) -> str:
    from visitapp.vault import OpenVault

    vault = state.vault
    if not isinstance(vault, OpenVault) or not state.secrets_to_hide:
        raise RuntimeError("not run: the visit check failed")
    vault.lock()
    files = [p for p in (state.root / "vault").iterdir() if p.is_file()]
    for path in files:
        blob = path.read_bytes()
        if blob.startswith(b"SQLite format 3\x00") or any(s in blob for s in state.secrets_to_hide):
            raise RuntimeError(f"{path.name} holds readable content")
    return f"no readable content in the vault's {len(files)} files after locking"


def check_pdf(state: _Run) -> str:
    from visitapp.export.files import write_atomically
    from visitapp.export.letter_pdf import PdfOptions, build_letter_pdf

    if not isinstance(state.picture, bytes):
        raise RuntimeError("not run: the visit check failed")
    letter = (
        "Dear Robin,\n\nThis letter checks VisitApp works.\n\n[Picture 1] My house and the sun\n\nFrom Sam"
    )
    data = build_letter_pdf(
        letter, {1: state.picture}, PdfOptions(age=9, password="selftest-" + secrets.token_hex(4))
    )
    path = write_atomically(data, state.root / "letter-selftest.pdf")
    blob = path.read_bytes()
    if blob != data or not blob.startswith(b"%PDF-") or b"%%EOF" not in blob[-64:]:
        raise RuntimeError("the PDF read back is not the complete file written")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", blob))
    if pages != 1 or b"/Encrypt" not in blob:
        raise RuntimeError(f"the letter PDF has {pages} pages (1 expected) or is not password-protected")
    return f"made a one-page letter PDF with the drawing and a password, read it back ({len(blob):,} bytes)"


def check_qt(state: _Run) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.multimedia*=false"}
    done = subprocess.run(
        [*_self_command(), "selftest", QT_PROBE_FLAG],
        capture_output=True,
        text=True,
        timeout=QT_PROBE_TIMEOUT,
        env=env,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"the Qt check process failed (exit {done.returncode}): {' | '.join(tail)}")
    found = json.loads(lines[-1])
    problems = found.get("problems", [])
    if problems:
        raise RuntimeError("; ".join(problems))
    return (
        f"{found['platform']} platform started; {found['native']} plugin loads; "
        f"multimedia backend {found['multimedia']} ({found['formats']} formats); "
        f"image formats {', '.join(found['images'])}"
    )


CHECKS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("vault", check_vault),
    ("visit+picture", check_visit),
    ("picture-types", check_formats),
    ("encryption", check_encrypted),
    ("pdf", check_pdf),
    ("qt-plugins", check_qt),
)


def _cleanup(state: _Run) -> str:
    from visitapp.vault import OpenVault

    if isinstance(state.vault, OpenVault):
        state.vault.lock()
    shutil.rmtree(state.root)
    if state.root.exists():
        raise RuntimeError(f"could not remove {state.root}")
    return "removed the temporary vault, PDF and folder"


# Helpers ------------------------------------------------------------------------------------------------


def _drawing_png() -> bytes:
    """A child's drawing, made in memory: a house and a sun in flat colours."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 120, 180, 220), fill=(200, 60, 50))
    draw.polygon([(50, 120), (120, 60), (190, 120)], fill=(90, 60, 30))
    draw.ellipse((230, 20, 290, 80), fill=(250, 200, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _self_command() -> list[str]:
    """How to start the ``visitapp`` command again: the bundle's executable, or Python on the source tree.
    That command is ui/cli.py, not the core's cli: the Qt probe needs Qt, which the core never loads."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "ui.cli"]
