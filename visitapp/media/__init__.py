"""Picture import: decode, orient, strip metadata, downscale, thumbnails (Pillow only; never Qt, never disk).

- ``prepare_picture(data, source_name)``: a file's bytes -> ``PreparedPicture``, or ``PictureRefused``.
- ``prepare_capture(data, "drawing" | "camera photo")``: the same for a drawing or camera frame from memory.
- ``import_batch(paths)`` / ``iter_import(paths)``: files chosen by the worker, one result per file.
- ``check_file_size(path)``: refuse a file that is too big without reading it.
"""

from .decode import MAX_PIXELS, accepted_formats, heif_available
from .errors import MAX_FILE_BYTES, PictureRefused, Reason
from .files import ImportResult, check_file_size, import_batch, import_file, iter_import, read_picture_file
from .pictures import (
    MAX_LONG_SIDE,
    THUMB_LONG_SIDE,
    CaptureKind,
    PreparedPicture,
    make_thumbnail,
    prepare_capture,
    prepare_picture,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_LONG_SIDE",
    "MAX_PIXELS",
    "THUMB_LONG_SIDE",
    "CaptureKind",
    "ImportResult",
    "PictureRefused",
    "PreparedPicture",
    "Reason",
    "accepted_formats",
    "check_file_size",
    "heif_available",
    "import_batch",
    "import_file",
    "iter_import",
    "make_thumbnail",
    "prepare_capture",
    "prepare_picture",
    "read_picture_file",
]
