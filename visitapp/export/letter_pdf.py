"""The letter to the child as a PDF: A4, large friendly type, pictures with the child's words under them.

Every page says it is private, and carries its page number. A password, when given, is asked for before
the PDF opens (AES-256, added by pypdf after reportlab has drawn the pages in memory).
Everything is built in memory; ``visitapp.export.files.write_atomically`` puts the bytes on disk.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from visitapp.export.fonts import letter_fonts
from visitapp.writing import letter_text as lt

MARGIN = 2.2 * cm
PICTURE_MAX_HEIGHT = 11 * cm
PICTURE_LONG_SIDE = 2560  # pixels: the vault's own limit, so its pictures go in as stored, never re-encoded
INK = colors.HexColor("#1f2a33")
ACCENT = colors.HexColor("#0b5e6b")
QUIET = colors.HexColor("#5b6770")

HEADER = "Private and confidential: a letter from your social worker"
FOOTER = "Please keep this letter somewhere safe."


@dataclass(frozen=True)
class PdfOptions:
    age: int
    password: str | None = None
    author: str = ""


@lru_cache(maxsize=4)
def _styles(age: int) -> dict[str, ParagraphStyle]:
    regular, bold = letter_fonts()
    size = 16 if age <= 8 else 14 if age <= 11 else 13
    body = ParagraphStyle(
        "body", fontName=regular, fontSize=size, leading=size * 1.55, textColor=INK, spaceAfter=size * 0.8
    )
    return {
        "body": body,
        "greeting": ParagraphStyle("greeting", parent=body, fontName=bold, spaceAfter=size),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=bold,
            fontSize=size + 4,
            leading=(size + 4) * 1.3,
            textColor=ACCENT,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.5,
            keepWithNext=1,
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            alignment=TA_CENTER,
            textColor=INK,
            spaceBefore=size * 0.4,
            spaceAfter=size * 1.2,
        ),
        "sign_off": ParagraphStyle("sign_off", parent=body, spaceBefore=size * 0.8),
    }


def _markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, single line breaks kept."""
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _picture(data: bytes, width: float) -> Image:
    """A picture scaled to fit the page; large photos are made smaller first, so the file stays small."""
    with PILImage.open(io.BytesIO(data)) as source:  # reads the header only, unless it must shrink
        fmt = "PNG" if source.format == "PNG" else "JPEG"
        pixels = source if source.mode in ("RGB", "L") or fmt == "PNG" else source.convert("RGB")
        if max(pixels.size) > PICTURE_LONG_SIDE:
            pixels.load()
            pixels = pixels.copy()
            pixels.thumbnail((PICTURE_LONG_SIDE, PICTURE_LONG_SIDE))
            out = io.BytesIO()
            pixels.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
            data = out.getvalue()
        px_w, px_h = pixels.size
    scale = min(width / px_w, PICTURE_MAX_HEIGHT / px_h)
    return Image(io.BytesIO(data), width=px_w * scale, height=px_h * scale)


def letter_story(text: str, pictures: Mapping[int, bytes], age: int, width: float) -> list[Flowable]:
    """The flowables for one letter. A picture place with no picture (consent withdrawn, picture removed)
    keeps its caption and shows no image."""
    styles = _styles(age)
    story: list[Flowable] = []
    heading: Flowable | None = None  # held, so a heading always starts the page its words are on
    for block in lt.parse_letter(text):
        parts: list[Flowable] = []
        if block.kind == lt.PICTURE:
            if block.number in pictures:
                parts.append(_picture(pictures[block.number], width))
            if block.text:
                parts.append(Paragraph(_markup(block.text), styles["caption"]))
        else:
            parts.append(Paragraph(_markup(block.text), styles.get(block.kind, styles["body"])))
        if block.kind == lt.HEADING:
            if heading is not None:
                story.append(heading)
            heading = parts[0]
            continue
        if heading is not None:
            parts.insert(0, heading)
            heading = None
        if parts:
            story.append(KeepTogether(parts) if len(parts) > 1 else parts[0])
    if heading is not None:
        story.append(heading)
    if not story:
        story.append(Spacer(1, 1))
    return story


class _NumberedCanvas(pdf_canvas.Canvas):
    """Draws "Page N of M" once the number of pages is known (the pages are held until ``save``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._frame(total)
            super().showPage()
        super().save()

    def _frame(self, total: int) -> None:
        regular, _ = letter_fonts()
        width, height = A4
        self.saveState()
        self.setFillColor(QUIET)
        self.setFont(regular, 10)
        self.drawString(MARGIN, height - 1.3 * cm, HEADER)
        self.drawString(MARGIN, 1.1 * cm, FOOTER)
        self.drawRightString(width - MARGIN, 1.1 * cm, f"Page {self._pageNumber} of {total}")
        self.setStrokeColor(QUIET)
        self.setLineWidth(0.5)
        self.line(MARGIN, height - 1.5 * cm, width - MARGIN, height - 1.5 * cm)
        self.restoreState()


def _protect(pdf: bytes, password: str) -> bytes:
    """AES-256 (PDF 2.0 revision 6) with pypdf: reportlab offers only RC4 or a revision readers reject.
    Everything stays in memory; the owner password is random and thrown away."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    allowed = UserAccessPermissions.PRINT | UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(24), algorithm="AES-256",
                   permissions_flag=allowed)  # fmt: skip
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_letter_pdf(text: str, pictures: Mapping[int, bytes], options: PdfOptions) -> bytes:
    """The PDF's bytes. ``pictures`` maps a ``[Picture N]`` number to the picture's image bytes."""
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title="A letter to you",
        author=options.author,
        subject="",
        creator="VisitApp",
    )
    document.build(letter_story(text, pictures, options.age, document.width), canvasmaker=_NumberedCanvas)
    return _protect(out.getvalue(), options.password) if options.password else out.getvalue()
