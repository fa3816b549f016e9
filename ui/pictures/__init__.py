"""The child's drawings and pictures (issue 4): widgets that the visit screen and the child's page open.

Every widget talks to the vault only through the app's store thread: pass the app's ``StoreAccess`` (any
object with ``run(job, on_done, on_error) -> bool``) as ``store``.

- ``PicturesPanel(store, visit_id=...)``: a visit's pictures, with Draw / Take a photo / Add from files,
  drag and drop, the gallery, the viewer and the "About this picture" form. ``PicturesPanel(store,
  child_id=...)`` is the child's record: every visit's pictures, newest visit first, nothing to add.
  Call ``reload()`` when the panel is shown and ``clear()`` when the vault locks (it keeps a drawing in
  progress, closes the picture windows and forgets every thumbnail). Signals: ``changed()``, ``message(str)``.
- ``DrawingScreen(store, visit_id, parent)``: full-screen drawing mode on its own (``start()``; signals
  ``kept(PictureInfo)``, ``left()``, ``failed(str)``; ``keep_and_close()`` on lock).
- ``CameraDialog(store, visit_id, parent, source=None)``: the tablet camera, or the no-camera message.
- ``ImportController(store, visit_id)``: ``choose_files(parent)`` / ``import_paths(paths)`` ->
  ``finished(ImportReport)``; ``ImportResultDialog(report)`` shows it.
- ``PictureViewer``, ``PictureDetailsDialog``, ``PictureGalleryModel``: the parts, also usable alone.
"""

from ui.pictures.camera import CameraDialog, FrameSource
from ui.pictures.details_dialog import PictureDetailsDialog
from ui.pictures.drawing_screen import DrawingScreen
from ui.pictures.gallery_model import PictureGalleryModel
from ui.pictures.importer import ImportController, ImportReport, ImportResultDialog
from ui.pictures.panel import PicturesPanel
from ui.pictures.viewer import PictureViewer

__all__ = [
    "CameraDialog",
    "DrawingScreen",
    "FrameSource",
    "ImportController",
    "ImportReport",
    "ImportResultDialog",
    "PictureDetailsDialog",
    "PictureGalleryModel",
    "PictureViewer",
    "PicturesPanel",
]
