"""Opening untrusted picture bytes safely, in memory only.

Every check that can be made without decoding comes first: the byte count, then the format (only the
decoders we need are ever tried), then the width and height the file declares. Only then are the pixels
decoded; a JPEG much larger than we keep is decoded straight at a reduced scale (libjpeg's DCT scaling), which
is both faster and far lighter on memory than decoding every pixel and throwing most away.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from functools import cache

from PIL import ExifTags, Image, UnidentifiedImageError

from .errors import MAX_FILE_BYTES, PictureRefused, Reason, human_size, refuse

MAX_PIXELS = 120_000_000
"""Largest picture we open, by the size its file declares. Phone cameras top out around 108 megapixels
(50 MP and 48 MP are common; 12 MP is the usual default), and panoramas stay under about 70; a file claiming
more than this is damaged or built to exhaust memory. Pillow warns above this and raises above twice it; we
refuse both."""

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

BASE_FORMATS = ("JPEG", "PNG", "WEBP")
LOSSY_FORMATS = frozenset({"JPEG", "HEIF"})

_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


@dataclass
class Decoded:
    image: Image.Image  # pixels loaded as stored in the file; metadata may still be attached
    source_format: str  # "JPEG", "PNG", "WEBP" or "HEIF"
    icc_profile: bytes | None
    orientation: int  # EXIF orientation, 1 (as stored) to 8; applied after downscaling (fewer pixels to turn)


@cache
def heif_available() -> bool:
    """True when the optional ``pillow-heif`` package is installed; registers its HEIC opener once."""
    try:
        from pillow_heif import register_heif_opener  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    try:
        register_heif_opener()
    except Exception:  # a broken install must not stop JPEG and PNG imports
        return False
    return True


def accepted_formats() -> tuple[str, ...]:
    return BASE_FORMATS + (("HEIF",) if heif_available() else ())


def decode(data: bytes, source_name: str, long_side: int) -> Decoded:
    """Decode ``data`` (nothing is written anywhere) or raise ``PictureRefused`` naming ``source_name``.

    ``long_side`` is the size we will keep: a big JPEG is decoded at the smallest scale at least that large.
    """
    if len(data) > MAX_FILE_BYTES:
        raise refuse(source_name, Reason.TOO_BIG, size=human_size(len(data)))
    if not data:
        raise refuse(source_name, Reason.EMPTY)
    formats = accepted_formats()
    try:
        with warnings.catch_warnings():
            # Process-wide in Python 3.11; the worst a race between threads can do is leave this one
            # warning turned into an error, which is what we want anyway.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=formats)  # reads the header only
            _check_declared_size(opened, source_name)
            _draft(opened, long_side)
            opened.load()
            icc = opened.info.get("icc_profile")
    except PictureRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(source_name) from exc
    except UnidentifiedImageError as exc:
        raise _unrecognised(data, source_name, formats) from exc
    except MemoryError as exc:
        raise refuse(source_name, Reason.OUT_OF_MEMORY) from exc
    except Exception as exc:  # any parser failure on untrusted bytes means we cannot trust the picture
        raise refuse(source_name, Reason.DAMAGED) from exc
    icc = icc if isinstance(icc, bytes) and icc else None
    return Decoded(opened, opened.format or "", icc, _orientation(opened))


def _orientation(image: Image.Image) -> int:
    """The EXIF (or XMP) orientation; broken metadata counts as 1 (no reason to refuse a good picture)."""
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _check_declared_size(image: Image.Image, source_name: str) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise refuse(source_name, Reason.DAMAGED)
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(source_name)


def _draft(image: Image.Image, long_side: int) -> None:
    """Ask the JPEG decoder for the smallest 1/2, 1/4 or 1/8 scale that still covers ``long_side``."""
    if image.format != "JPEG" or max(image.size) <= long_side:
        return
    scale = long_side / max(image.size)
    image.draft(None, (max(1, math.ceil(image.width * scale)), max(1, math.ceil(image.height * scale))))


def _too_many_pixels(source_name: str) -> PictureRefused:
    return refuse(source_name, Reason.TOO_MANY_PIXELS, limit=MAX_PIXELS // 1_000_000)


def _unrecognised(data: bytes, source_name: str, formats: tuple[str, ...]) -> PictureRefused:
    """Say what the file is when we can tell, so the worker knows what to ask for instead."""
    head = data[:32]
    jpeg_or_png = head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
    heif = head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS
    if jpeg_or_png or (head[:4], head[8:12]) == (b"RIFF", b"WEBP") or (heif and "HEIF" in formats):
        return refuse(source_name, Reason.DAMAGED)  # one of ours by its first bytes, but broken after them
    if heif:
        return refuse(source_name, Reason.HEIC_UNAVAILABLE)
    kind = _other_picture_kind(head)
    if kind:
        return refuse(source_name, Reason.UNSUPPORTED_KIND, kind=kind)
    return refuse(source_name, Reason.NOT_A_PICTURE)


def _other_picture_kind(head: bytes) -> str | None:
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if head.startswith(b"BM") and len(head) >= 18 and head[14:18] in _BMP_HEADER_SIZES:
        return "BMP"
    if head.startswith(b"%PDF"):
        return "PDF"
    return None


_BMP_HEADER_SIZES = tuple(n.to_bytes(4, "little") for n in (12, 40, 52, 56, 64, 108, 124))
