"""Letter figures: composing a draft (target 20 ms), composing an update that gathers six visits (a figure
only), how soon findings follow a pause in typing (budget
150 ms: the screen's quiet timer plus a check on the checking thread and the hop back), and exporting a
three-page PDF with four pictures (target 1 s, and at most 1.5x a bare reportlab document of the same
words and pictures).
"""

from __future__ import annotations

import importlib.util
import io
import time
from pathlib import Path
from types import ModuleType

from PIL import Image as PILImage
from PIL import ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

from bench.common import median, ms, percentile, verdict
from visitapp.export.letter_pdf import PdfOptions, build_letter_pdf
from visitapp.practice.direct_work import load_tools
from visitapp.writing import letter_text as lt
from visitapp.writing.checker import check_letter
from visitapp.writing.composer import compose_letter
from visitapp.writing.update_composer import compose_update

REPEATS = 30
COMPOSE_TARGET = 0.020
AFTER_PAUSE_BUDGET = 0.150
PDF_TARGET = 1.0
PDF_RATIO_TARGET = 1.5


def _made_up_visits(name: str = "letter_visits") -> ModuleType:
    """The composer tests' made-up visits (loaded by path: the tests folder is not a package)."""
    path = Path(__file__).resolve().parent.parent / "tests" / "visitapp" / "writing" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def picture_bytes(colour: str, size: tuple[int, int]) -> bytes:
    image = PILImage.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((size[0] // 5, size[1] // 5, size[0] * 4 // 5, size[1] * 4 // 5), "gold")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _samples(action: object, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def _three_page_letter() -> tuple[str, dict[int, bytes]]:
    visits = _made_up_visits()
    record, people, pictures = visits.rowan_visit()
    text = compose_letter(record, people, visits.WORKER, pictures).text
    extra = "\n\n".join(
        f"[Picture {n}]\nYou made this picture. You told me, \u201cthis is drawing {n}\u201d."
        for n in (2, 3, 4)
    )
    text = text.replace(lt.GOING_WELL, f"{extra}\n\n{lt.GOING_WELL}", 1)
    colours = ("skyblue", "palegreen", "plum", "salmon")
    return text, {n: picture_bytes(colours[n - 1], (1600, 1200)) for n in range(1, 5)}


def _bare(text: str, images: dict[int, bytes]) -> bytes:
    styles = getSampleStyleSheet()
    story = []
    for block in lt.parse_letter(text):
        if block.kind == lt.PICTURE and block.number in images:
            story.append(Image(io.BytesIO(images[block.number]), width=400, height=300))
        story.append(Paragraph(block.text.replace("\n", "<br/>"), styles["Normal"]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def _after_pause(text: str, worker_name: str) -> list[float]:
    from ui.app import application  # the same QApplication later benchmarks (and the app) need
    from ui.letter.checking import CHECK_PAUSE_MS, BackgroundChecker

    app = application()
    checker = BackgroundChecker(lambda words: check_letter(words, 15, ["Rowan"], worker_name=worker_name))
    times = []
    arrived: list[float] = []
    checker.checked.connect(lambda *_: arrived.append(time.perf_counter()))
    for n in range(REPEATS):
        arrived.clear()
        started = time.perf_counter()
        checker.request(text + " x" * n)
        deadline = started + 5
        while not arrived and time.perf_counter() < deadline:
            app.processEvents()
        if not arrived:
            raise RuntimeError("the checking thread did not answer")
        times.append(arrived[0] - started + CHECK_PAUSE_MS / 1000)
    checker.stop()
    return times


def run() -> list[tuple[str, str]]:
    visits = _made_up_visits()
    record, people, pictures = visits.rowan_visit()
    tools = load_tools()
    compose = _samples(lambda: compose_letter(record, people, visits.WORKER, pictures, tools))
    kit = _made_up_visits("update_visits")
    six = kit.six_visits()
    update = _samples(lambda: compose_update(kit.KIT, kit.PERIOD, six, kit.PEOPLE, kit.WORKER, tools))
    update_words = len(compose_update(kit.KIT, kit.PERIOD, six, kit.PEOPLE, kit.WORKER, tools).text.split())
    text, images = _three_page_letter()
    words = len(text.split())
    pdf = build_letter_pdf(text, images, PdfOptions(age=15))
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
    ours = _samples(lambda: build_letter_pdf(text, images, PdfOptions(age=15)), 8)
    bare = _samples(lambda: _bare(text, images), 8)
    pause = _after_pause(text, visits.WORKER.full_name)
    c95, p50, b50, a95 = percentile(compose, 95), median(ours), median(bare), percentile(pause, 95)
    return [
        ("compose a draft: p50 / p95", f"{ms(median(compose))} / {ms(c95)}"),
        ("compose: p95 / target 20 ms", f"{c95 / COMPOSE_TARGET:.2f}\u00d7  {verdict(c95, COMPOSE_TARGET)}"),
        (
            f"compose an update, 6 visits ({update_words} words): p50 / p95",
            f"{ms(median(update))} / {ms(percentile(update, 95))}",
        ),
        (f"findings after a pause ({words} words): p50 / p95", f"{ms(median(pause))} / {ms(a95)}"),
        (
            "after a pause: p95 / budget 150 ms",
            f"{a95 / AFTER_PAUSE_BUDGET:.2f}\u00d7  {verdict(a95, AFTER_PAUSE_BUDGET)}",
        ),
        (f"PDF, {pages} pages, 4 pictures: p50", ms(p50)),
        ("PDF: p50 / target 1 s", f"{p50 / PDF_TARGET:.2f}\u00d7  {verdict(p50, PDF_TARGET)}"),
        ("bare reportlab, same content: p50", ms(b50)),
        (
            "PDF / bare reportlab",
            f"{p50 / b50:.2f}\u00d7  {verdict(p50 / b50, PDF_RATIO_TARGET)} (\u2264 1.5\u00d7)",
        ),
    ]
