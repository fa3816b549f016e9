"""Turn picture bytes into what the vault keeps: clean pixels, no metadata, a sensible size, a thumbnail.

Metadata is removed by rebuilding the picture from its pixels alone, not by deleting known tags: whatever a
file carried (EXIF with GPS, XMP, ICC profiles, comments, PNG text chunks, maker notes) is simply never
copied. The colours an ICC profile described are kept by converting the pixels to sRGB first.

Which format we store (JPEG or PNG) is decided from the pixels, see ``_choose_format``.
Everything happens in memory; nothing is written to disk.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Literal

from PIL import Image

from .decode import LOSSY_FORMATS, Decoded, decode
from .errors import MAX_FILE_BYTES, Reason, human_size, refuse
from .pixels import downscale, drop_opaque_alpha, on_white, orient, standard_mode, to_srgb

MAX_LONG_SIDE = 2560
THUMB_LONG_SIDE = 256
JPEG_QUALITY = 88
THUMB_JPEG_QUALITY = 82
FEW_COLOURS = 4096
"""A picture with no more distinct colours than this (sampled) is a drawing, diagram or screenshot."""

CaptureKind = Literal["drawing", "camera photo"]
MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class PreparedPicture:
    """A picture ready for the vault. ``sha256`` (of ``data``) is its address; bytes are left out of repr."""

    data: bytes = field(repr=False)
    sha256: str
    mime_type: str
    width: int
    height: int
    thumbnail: bytes = field(repr=False)
    thumbnail_mime_type: str
    thumbnail_width: int
    thumbnail_height: int
    source_name: str = field(repr=False)


def prepare_picture(data: bytes, source_name: str) -> PreparedPicture:
    """Prepare an imported file's bytes; ``source_name`` (a file name or path) is used only in messages.

    Raises ``PictureRefused`` for anything over 50 MB, not a JPEG/PNG/WebP/HEIC picture, damaged or truncated,
    or declaring more pixels than any camera makes.
    """
    decoded = decode(data, source_name, MAX_LONG_SIDE)
    return _finish(decoded, source_name, force=None)


def prepare_capture(data: bytes, kind: CaptureKind) -> PreparedPicture:
    """Prepare a drawing from the drawing screen or a frame from the tablet camera, given as PNG/JPEG bytes.

    A drawing is always kept losslessly (PNG): it is the child's own work, and flat colours and lines are
    exactly what JPEG blurs. A camera frame is a photo and is kept as JPEG.
    """
    decoded = decode(data, kind, MAX_LONG_SIDE)
    force = "PNG" if kind == "drawing" else "JPEG"
    return _finish(decoded, kind, force=force)


def _finish(decoded: Decoded, source_name: str, force: str | None) -> PreparedPicture:
    icc = decoded.icc_profile
    try:
        image = downscale(standard_mode(decoded.image, icc), MAX_LONG_SIDE)
        image = orient(image, decoded.orientation)
        if icc and image.mode in ("RGB", "RGBA"):
            image = to_srgb(image, icc)
        image = drop_opaque_alpha(image)
        if force == "JPEG" and image.mode == "RGBA":
            image = on_white(image)
        clean = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels only: no info, no profile
        fmt = force or _choose_format(clean, decoded.source_format)
        data = _encode(clean, fmt, JPEG_QUALITY)
        if len(data) > MAX_FILE_BYTES:  # cannot happen at 2560 px, but the vault's limit is a promise
            raise refuse(source_name, Reason.TOO_BIG, size=human_size(len(data)))
        thumb = downscale(clean, THUMB_LONG_SIDE)
        thumb_fmt = "PNG" if thumb.mode == "RGBA" else "JPEG"
        thumb_data = _encode(thumb, thumb_fmt, THUMB_JPEG_QUALITY)
    except MemoryError as exc:
        raise refuse(source_name, Reason.OUT_OF_MEMORY) from exc
    return PreparedPicture(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        mime_type=MIME[fmt],
        width=clean.width,
        height=clean.height,
        thumbnail=thumb_data,
        thumbnail_mime_type=MIME[thumb_fmt],
        thumbnail_width=thumb.width,
        thumbnail_height=thumb.height,
        source_name=source_name,
    )


def make_thumbnail(picture: bytes) -> tuple[bytes, str, int, int]:
    """A thumbnail for bytes this module stored: (data, mime type, width, height), e.g. to re-make one."""
    image = Image.open(io.BytesIO(picture), formats=("JPEG", "PNG"))
    thumb = downscale(standard_mode(image, None), THUMB_LONG_SIDE)
    fmt = "PNG" if thumb.mode == "RGBA" else "JPEG"
    return _encode(thumb, fmt, THUMB_JPEG_QUALITY), MIME[fmt], thumb.width, thumb.height


def _choose_format(image: Image.Image, source_format: str) -> str:
    """PNG for transparency and for drawings; JPEG for photos.

    - Transparency only survives in PNG.
    - A JPEG or HEIC source is already lossy: storing it as PNG would be 3-5 times bigger and no sharper.
    - Otherwise (PNG or WebP source) we look at the pixels: a drawing, diagram or screenshot has few distinct
      colours, and PNG keeps its lines crisp (JPEG would blur them) in a small file. Photos, with tens of
      thousands of colours, go to JPEG at quality 88, which is visually lossless at this size.
    """
    if image.mode == "RGBA":
        return "PNG"
    if source_format in LOSSY_FORMATS:
        return "JPEG"
    sample = image.resize((min(image.width, 512), min(image.height, 512)), Image.Resampling.NEAREST)
    return "PNG" if sample.getcolors(maxcolors=FEW_COLOURS) is not None else "JPEG"


def _encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True)
    else:
        image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()
