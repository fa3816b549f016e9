"""Why a picture was refused, in words a social worker can act on.

Each refusal carries a machine-readable ``reason`` and the facts behind it (``details``) so the UI can build a
translated message with ``tr()``; ``str(refusal)`` is the plain English message, which always names the file.
"""

from __future__ import annotations

from enum import StrEnum

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest file we will read, checked before a byte of the picture is decoded."""


class Reason(StrEnum):
    TOO_BIG = "too_big"
    EMPTY = "empty"
    NOT_A_PICTURE = "not_a_picture"
    UNSUPPORTED_KIND = "unsupported_kind"
    HEIC_UNAVAILABLE = "heic_unavailable"
    DAMAGED = "damaged"
    TOO_MANY_PIXELS = "too_many_pixels"
    OUT_OF_MEMORY = "out_of_memory"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    INTERNAL = "internal"


class PictureRefused(Exception):
    """A picture we will not keep. ``str()`` is a complete sentence naming the file."""

    def __init__(self, source_name: str, reason: Reason, message: str, **details: object) -> None:
        super().__init__(message)
        self.source_name = source_name
        self.reason = reason
        self.message = message
        self.details = details


def display_name(source_name: str) -> str:
    """The file's own name without its folders (a folder name can carry a family's name)."""
    name = source_name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or source_name


def subject_for(source_name: str) -> str:
    """How a message refers to the picture: a file in quotes, or a capture ("The drawing") as is."""
    if source_name in CAPTURE_SUBJECTS:
        return CAPTURE_SUBJECTS[source_name]
    return f"“{display_name(source_name)}”"


CAPTURE_SUBJECTS = {"drawing": "The drawing", "camera photo": "The camera photo"}


def human_size(size: int) -> str:
    mb = size / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb >= 100 else f"{mb:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def refuse(source_name: str, reason: Reason, **details: object) -> PictureRefused:
    """Build (not raise) the refusal for ``reason``, with its plain-words message."""
    who = subject_for(source_name)
    article = "an" if str(details.get("kind", "")).startswith(("A", "E", "I", "O", "U")) else "a"
    text = _MESSAGES[reason].format(who=who, article=article, **details)
    return PictureRefused(source_name, reason, text, **details)


_KINDS_WE_KEEP = "JPEG, PNG and WebP pictures, and HEIC photos where this computer can open them"

_MESSAGES: dict[Reason, str] = {
    Reason.TOO_BIG: "{who} is too big to add ({size}). A picture can be up to 50 MB.",
    Reason.EMPTY: "{who} is empty: there is no picture in it.",
    Reason.NOT_A_PICTURE: (
        "{who} is not a picture, or not one VisitApp can read. You can add " + _KINDS_WE_KEEP + "."
    ),
    Reason.UNSUPPORTED_KIND: (
        "{who} is {article} {kind} file, which VisitApp cannot keep. "
        "Save it as a JPEG or PNG picture, then add it."
    ),
    Reason.HEIC_UNAVAILABLE: (
        "{who} is an HEIC photo (the kind iPhones take), and this computer cannot open those. Ask for it "
        "as a JPEG, or set the iPhone camera to “Most Compatible” and take it again."
    ),
    Reason.DAMAGED: (
        "{who} seems to be damaged or only partly copied, so it could not be opened. "
        "Try copying it again from where it came from."
    ),
    Reason.TOO_MANY_PIXELS: (
        "{who} says it is far bigger than any camera photo (more than {limit} million dots), so it was not "
        "opened. This usually means the file is damaged or is not really a photo."
    ),
    Reason.OUT_OF_MEMORY: (
        "{who} is too large for this computer to open just now. Close other programs and try again, "
        "or ask for a smaller copy."
    ),
    Reason.NOT_FOUND: "{who} could not be found. It may have been moved or deleted.",
    Reason.NOT_ALLOWED: "{who} could not be opened because this computer does not allow VisitApp to read it.",
    Reason.NOT_A_FILE: "{who} is a folder or a device, not a picture file.",
    Reason.UNREADABLE: "{who} could not be read from the disk or memory stick. Try copying it again.",
    Reason.INTERNAL: (
        "{who} could not be added because of a problem inside VisitApp. The other pictures are not affected."
    ),
}
