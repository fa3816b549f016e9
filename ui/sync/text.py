"""The words the indicator and the sync panel use, in one place (all through Qt's translation)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from visitapp.sync.engine import SyncProgress
from visitapp.sync.status import SyncOverview


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def size_in_words(n: int) -> str:
    if n < 1024 * 1024:
        return tr("{0} KB").format(max(1, round(n / 1024)) if n else 0)
    return tr("{0:.1f} MB").format(n / (1024 * 1024))


def waiting_count(o: SyncOverview) -> int:
    return o.waiting + o.pictures_waiting


def indicator_text(state: str, o: SyncOverview | None) -> str:
    """Short enough for the header; ``state`` is the overview's, or ``syncing``."""
    n = waiting_count(o) if o is not None else 0
    if state == "syncing":
        return tr("Syncing…")
    if state == "all_synced":
        return tr("All synced")
    if state == "waiting":
        return tr("1 change to send") if n == 1 else tr("{0} changes to send").format(n)
    if state == "offline":
        return tr("Offline: {0} to send").format(n) if n else tr("Offline")
    if state == "needs_attention":
        return tr("Sync needs you")
    return tr("Set up sync")


def indicator_help(state: str, o: SyncOverview | None) -> str:
    """The longer sentence: the tooltip, the accessible description and the panel's first line."""
    if state == "syncing":
        return tr("Sending and fetching records now. You can carry on working.")
    if state == "all_synced":
        return tr("Everything on this laptop has reached the server.") + _last(o)
    if state == "waiting":
        return tr("Saved on this laptop; it will be sent at the next sync.") + _last(o)
    if state == "offline":
        return tr(
            "The server cannot be reached just now. Your work is saved on this laptop and will be sent "
            "when you are back online."
        ) + _last(o)
    if state == "needs_attention":
        return tr("Some records need you to decide something. Open Sync to see what to do.")
    return tr("Sync is not set up on this laptop yet. You need the server address and a code from IT.")


def _last(o: SyncOverview | None) -> str:
    if o is None or o.last_synced_at is None:
        return ""
    return " " + tr("Last synced {0}.").format(when_in_words(o.last_synced_at))


def progress_text(step: SyncProgress) -> str:
    if step.phase == "pictures" and step.bytes_total:
        return tr("Sending pictures: {0} of {1}").format(
            size_in_words(step.bytes_done), size_in_words(step.bytes_total)
        )
    if step.phase == "sending":
        return tr("Sending records: {0} of {1}").format(step.done, step.total)
    if step.phase == "receiving":
        return tr("Fetching changes from the server…")
    if step.phase == "fetching pictures":
        return tr("Fetching pictures: {0} of {1}").format(step.done, step.total)
    return tr("Syncing…")


def progress_fraction(step: SyncProgress) -> tuple[int, int]:
    """(value, maximum) for a progress bar; bytes for pictures, records otherwise."""
    if step.bytes_total:
        return step.bytes_done, step.bytes_total
    return step.done, max(step.total, 1)


def when_in_words(moment: datetime | None) -> str:
    if moment is None:
        return tr("never")
    local = moment.astimezone()
    return tr("{0} {1} at {2}").format(local.day, local.strftime("%B"), local.strftime("%H:%M"))
