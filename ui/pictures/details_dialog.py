"""The form beside every picture: the child's own words about it, who made it, when, and who may see it.

``PictureDetailsDialog(picture, thumbnail)`` is layout plus the small rules of the form (consent to share
needs consent to keep; the words are read-only once the visit is completed). It emits ``save_requested``
with a ``PictureDetails`` and ``remove_requested``; ``PicturesPanel`` does the store work and closes it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.pictures.gallery_model import fitted, made_by_words
from ui.pictures.style import apply_pictures_style
from ui.views.dialog_base import FormDialog
from ui.views.typed_date import TypedDateField
from ui.views.widgets import button, label, named
from visitapp.pictures import Consent, MadeBy, PictureDetails, PictureInfo


class PictureDetailsDialog(FormDialog):
    details_requested = Signal(object)  # PictureDetails, when Save is pressed
    remove_requested = Signal()

    def __init__(self, picture: PictureInfo, thumbnail: QPixmap | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("pictureDetails", self.tr("About this picture"), parent)
        apply_pictures_style(self)
        self.picture = picture
        self.preview = preview = QLabel()
        preview.setObjectName("pictureDetailsPreview")
        preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview.setMinimumHeight(140)
        if thumbnail is not None and not thumbnail.isNull():
            preview.setPixmap(fitted(thumbnail, 220, 180))
        preview.setAccessibleName(self.tr("The picture"))

        self.description = named(
            QPlainTextEdit(),
            "pictureDescription",
            self.tr("What the child says about it, in their own words"),
        )
        self.description.setPlaceholderText(self.tr("Type exactly what the child says, in their words."))
        self.description.setPlainText(picture.description)
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(96)
        words_label = label(
            self.tr("What the child says about it (their own words):"), buddy=self.description
        )
        self.fixed_note = label(
            self.tr("The visit is completed, so the child's words are kept exactly as they were."),
            kind="hint",
        )
        self.fixed_note.setVisible(picture.description_fixed)
        self.description.setReadOnly(picture.description_fixed)

        made_box = QGroupBox(self.tr("Who made it"))
        made_box.setObjectName("pictureMadeByBox")
        made_layout = QVBoxLayout(made_box)
        self.made_by = QButtonGroup(self)
        self.made_by_buttons: dict[MadeBy, QRadioButton] = {}
        for made in MadeBy:
            radio = named(QRadioButton(made_by_words(made)), f"madeBy_{made.value}", made_by_words(made))
            radio.setMinimumHeight(44)
            self.made_by.addButton(radio)
            self.made_by_buttons[made] = radio
            made_layout.addWidget(radio)
        self.made_by_buttons[picture.made_by].setChecked(True)

        self.made_on = TypedDateField("pictureMadeOn", self.tr("When it was made"), "past")
        self.made_on.set_date(picture.made_on)
        self.made_on.set_range(None, date.today())  # a picture not made yet is a slip of the keyboard
        when = QHBoxLayout()
        when.addWidget(
            label(self.tr("When it was made:"), buddy=self.made_on.box), 0, Qt.AlignmentFlag.AlignTop
        )
        when.addWidget(self.made_on, 1)

        consent_box = QGroupBox(self.tr("What the child agreed to"))
        consent_box.setObjectName("pictureConsentBox")
        consent_layout = QVBoxLayout(consent_box)
        self.keep = self._check(self.tr("Keep it in their record"), "consentKeep")
        self.family = self._check(self.tr("It may be shown to their family"), "consentFamily")
        self.letter = self._check(self.tr("It may go in the letter I write to them"), "consentLetter")
        for box in (self.keep, self.family, self.letter):
            consent_layout.addWidget(box)
        consent = picture.consent
        self.keep.setChecked(consent.keep_in_record)
        self.family.setChecked(consent.may_show_family)
        self.letter.setChecked(consent.may_go_in_letter)
        self.not_kept_note = label(
            self.tr("If the child does not want it kept, remove the picture."), kind="hint"
        )
        self.keep.toggled.connect(self._keep_toggled)
        self._keep_toggled(consent.keep_in_record)

        self.remove: QPushButton = button(self.tr("&Remove picture"), "pictureRemove")
        self.remove.setMinimumHeight(44)
        self.remove.setVisible(not (picture.description_fixed or picture.signed_off))
        self.remove.clicked.connect(self.remove_requested)
        if picture.signed_off:
            for widget in (self.description, made_box, self.made_on, consent_box):
                widget.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(preview)
        words = QVBoxLayout()
        words.addWidget(words_label)
        words.addWidget(self.description, 1)
        words.addWidget(self.fixed_note)
        top.addLayout(words, 1)
        self.body.addLayout(top)
        self.body.addLayout(when)
        middle = QHBoxLayout()
        middle.addWidget(made_box, 1)
        middle.addWidget(consent_box, 2)
        self.body.addLayout(middle)
        self.body.addWidget(self.not_kept_note)
        self.body.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        self.save_requested.connect(self._emit_details)
        self.setMinimumWidth(720)

    def set_preview(self, thumbnail: QPixmap) -> None:
        if not thumbnail.isNull():
            self.preview.setPixmap(fitted(thumbnail, 220, 180))

    def _check(self, text: str, name: str) -> QCheckBox:
        box = named(QCheckBox(text), name, text)
        box.setMinimumHeight(44)
        return box

    def _keep_toggled(self, kept: bool) -> None:
        for box in (self.family, self.letter):
            box.setEnabled(kept)
            if not kept:
                box.setChecked(False)
        self.not_kept_note.setVisible(not kept)

    def details(self) -> PictureDetails:
        made_by = next((m for m, b in self.made_by_buttons.items() if b.isChecked()), MadeBy.CHILD)
        day = self.made_on.day()
        assert day is not None, "details are read only once the date passes check()"
        return PictureDetails(
            description=self.description.toPlainText(),  # exactly as typed: the child's words
            made_by=made_by,
            made_on=day,
            consent=Consent(self.keep.isChecked(), self.family.isChecked(), self.letter.isChecked()),
        )

    def _emit_details(self) -> None:
        if not self.made_on.check():
            return  # what is wrong with the date is said under it
        self.setEnabled(False)  # until the store answers
        self.details_requested.emit(self.details())
