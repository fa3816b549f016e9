"""Words the picture screens show, built with tr() from a refusal's ``reason`` and ``details``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from visitapp.media import PictureRefused, Reason
from visitapp.media.errors import CAPTURE_SUBJECTS, display_name


def tr(text: str) -> str:
    return QCoreApplication.translate("Pictures", text)


def trn(text: str, count: int) -> str:
    """A plural-aware message: ``%n`` is the count."""
    return QCoreApplication.translate("Pictures", text, "", count)


def subject(source_name: str) -> str:
    if source_name in CAPTURE_SUBJECTS:
        return tr("The drawing") if source_name == "drawing" else tr("The camera photo")
    return tr("“{name}”").format(name=display_name(source_name))


def refusal_message(refusal: PictureRefused) -> str:
    """The refusal in the worker's language; always names the file (never its folders)."""
    who = subject(refusal.source_name)
    details = {key: str(value) for key, value in refusal.details.items()}
    reason = refusal.reason
    if reason is Reason.TOO_BIG:
        return tr("{who} is too big to add ({size}). A picture can be up to 50 MB.").format(
            who=who, size=details.get("size", "")
        )
    if reason is Reason.EMPTY:
        return tr("{who} is empty: there is no picture in it.").format(who=who)
    if reason is Reason.NOT_A_PICTURE:
        return tr(
            "{who} is not a picture, or not one VisitApp can read. You can add JPEG, PNG and WebP pictures, "
            "and HEIC photos where this computer can open them."
        ).format(who=who)
    if reason is Reason.UNSUPPORTED_KIND:
        return tr("{who} is a kind of file VisitApp cannot keep ({kind}). Save it as a JPEG or PNG picture, "
                  "then add it.").format(who=who, kind=details.get("kind", ""))  # fmt: skip
    if reason is Reason.HEIC_UNAVAILABLE:
        return tr(
            "{who} is an HEIC photo (the kind iPhones take), and this computer cannot open those. Ask for it "
            "as a JPEG instead."
        ).format(who=who)
    if reason is Reason.DAMAGED:
        return tr(
            "{who} seems to be damaged or only partly copied, so it could not be opened. Try copying it "
            "again from where it came from."
        ).format(who=who)
    if reason is Reason.TOO_MANY_PIXELS:
        return tr(
            "{who} says it is far bigger than any camera photo, so it was not opened. The file may be "
            "damaged, or it may not really be a photo."
        ).format(who=who)
    if reason is Reason.OUT_OF_MEMORY:
        return tr("{who} is too large for this computer to open just now. Close other programs and try "
                  "again.").format(who=who)  # fmt: skip
    if reason is Reason.NOT_FOUND:
        return tr("{who} could not be found. It may have been moved or deleted.").format(who=who)
    if reason is Reason.NOT_ALLOWED:
        return tr("{who} could not be opened: this computer does not let VisitApp read it.").format(who=who)
    if reason is Reason.NOT_A_FILE:
        return tr("{who} is a folder, not a picture file.").format(who=who)
    if reason is Reason.UNREADABLE:
        return tr("{who} could not be read from the disk or memory stick. Try copying it again.").format(
            who=who
        )
    return tr("{who} could not be added because of a problem inside VisitApp. The other pictures are not "
              "affected.").format(who=who)  # fmt: skip


def originals_stay() -> str:
    return tr(
        "The original files stay where they were: VisitApp keeps its own copy inside the locked vault, "
        "without the hidden details (such as where a photo was taken). Delete the originals yourself if they "
        "should not stay on this computer."
    )
