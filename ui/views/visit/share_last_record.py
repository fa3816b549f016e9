"""Share the last record: open it for the family, full screen, and tick that it was shared. The family
view itself is in ui/family/; this page only offers it (and the PIN that closes it)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.models.format import weekday_day_in_words
from ui.views.visit.page import StepPage
from ui.views.widgets import button, check_box, label, restyle, row
from visitapp.domain.visit_steps import Step


class ShareLastRecordPage(StepPage):
    shared_changed = Signal(bool)
    show_family = Signal()
    choose_pin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            Step.SHARE_LAST_RECORD,
            self.tr(
                "Read or show the family what you wrote last time, and listen to what they say about it."
            ),
            parent,
        )
        self.first = label(self.tr("This is the first visit, so there is no earlier record to share."))
        self.first.setObjectName("visitNoLastRecord")
        self.which = label("")  # which visit's record the family will see
        self.which.setObjectName("visitLastRecordWhich")
        self.show_button = button(self.tr("S&how the family the last record"), "visitShowFamily",
                                  primary=True)  # fmt: skip
        self.pin_button = button(self.tr("Choose a &PIN for closing it"), "visitFamilyPin")
        self.about = label(self.tr(
            "It opens full screen with large writing, and shows only that record: the letter, what you "
            "wrote, and the pictures the child said the family may see. Parts you marked \u201cnot for the "
            "family\u201d are left out. The family can say if something is wrong or missing."
        ), kind="hint")  # fmt: skip
        self.about.setObjectName("visitShowFamilyHint")
        self.pin_saved = label("", kind="hint")  # whether a PIN is set, or that one was just saved
        self.pin_saved.setObjectName("visitFamilyPinSaved")
        self.pin_saved.hide()
        self.shared = check_box(self.tr("I &shared the last record with the family"), "visitSharedLastRecord")
        self.responses = label("", kind="notice")  # what the family said at this visit, waiting for an answer
        self.responses.setObjectName("visitFamilyResponses")
        self.responses.hide()
        self.body.addWidget(self.first)
        self.body.addWidget(self.which)
        self.body.addWidget(self.about)
        self.body.addLayout(row(self.show_button, self.pin_button))
        self.body.addWidget(self.pin_saved)
        self.body.addWidget(self.shared)
        self.body.addWidget(self.responses)
        self.shared.toggled.connect(self.shared_changed)
        self.show_button.clicked.connect(self.show_family)
        self.pin_button.clicked.connect(self.choose_pin)
        self._can_show = False  # only where the family view is wired in
        self._has_last = True
        self._has_earlier = True
        self._record_on: datetime | None = None  # the visit whose record the family is shown
        self._this_visit: datetime | None = None
        self._signed_off = False  # this visit is read only: say how the visits before stand
        self._today: date | None = None  # None: the real today
        self._draft_on: datetime | None = None  # the visit just before, when it is still a draft
        self._has_pin: bool | None = None  # None: not yet read for this visit
        self._pin_just_saved = False

    def allow_showing(self, can_show: bool) -> None:
        self._can_show = can_show
        self._show_parts()

    def show_shared(self, shared: bool, has_earlier_visit: bool, record_on: datetime | None,
                    this_visit: datetime | None = None, signed_off: bool = False,
                    today: date | None = None) -> None:  # fmt: skip
        """``record_on``: when the visit whose record the family is shown took place; None when no earlier
        visit is completed (a draft is never shown to the family). ``this_visit``: when this visit starts,
        so a record from earlier the same day is named by its time too. ``signed_off``: this visit is read
        only, so the page says how the visits before it stand, not what the family will see."""
        self.shared.blockSignals(True)
        self.shared.setChecked(shared)
        self.shared.blockSignals(False)
        self.first.setVisible(not has_earlier_visit)
        self.shared.setVisible(has_earlier_visit)
        self._has_earlier = has_earlier_visit
        self._record_on = record_on
        self._this_visit = this_visit
        self._signed_off = signed_off
        self._today = today
        self._has_last = record_on is not None
        self._show_which()
        self._show_parts()

    def show_facts(self, has_pin: bool | None, draft_on: datetime | None, waiting: int = 0) -> None:
        """Read from the store each time a visit opens: whether an exit PIN is set (None: not known yet),
        when the visit just before this one took place, if it is still a draft, and how many of the
        family's responses at this visit wait for the worker's answer."""
        if waiting == 1:
            said = self.tr("The family said something about the record at this visit. Answer it on the "
                           "child's page, where it is kept beside the record.")  # fmt: skip
        else:
            said = self.tr(
                "The family said {0} things about the record at this visit. Answer them on the child's page, "
                "where they are kept beside the record."
            ).format(waiting)
        self.responses.setText(said if waiting else "")
        self.responses.setVisible(bool(waiting))
        self._has_pin = has_pin
        self._pin_just_saved = False
        self._draft_on = draft_on
        self._show_which()
        self._show_parts()

    def show_pin_saved(self, saved: bool) -> None:
        """Just after the worker chose a PIN (``saved``); False goes back to saying whether one is set."""
        self._pin_just_saved = saved
        if saved:
            self._has_pin = True
        self._show_parts()

    def _visit_words(self, moment: datetime) -> str:
        """ "the visit on Wednesday 4 March 2026"; with its time when it was on the same day as this one:
        "the visit at 10:30 this morning" (today), or "the visit on Wednesday 4 March 2026 at 10:30"."""
        day = weekday_day_in_words(moment.date())
        if self._this_visit is None or moment.date() != self._this_visit.date():
            return self.tr("the visit on {0}").format(day)
        clock = f"{moment:%H:%M}"
        if moment.date() != (self._today or date.today()):
            return self.tr("the visit on {0} at {1}").format(day, clock)
        if moment.hour < 12:
            return self.tr("the visit at {0} this morning").format(clock)
        if moment.hour < 18:
            return self.tr("the visit at {0} this afternoon").format(clock)
        return self.tr("the visit at {0} this evening").format(clock)

    def _show_which(self) -> None:
        read_only = self._signed_off  # what was shown then is not kept: say how things stand now
        sentences = []
        draft = self._draft_on
        if draft is not None and (self._record_on is None or draft > self._record_on):
            words = self._visit_words(draft)
            words = words[:1].upper() + words[1:]
            if read_only:
                sentences.append(self.tr("{0} is still a draft.").format(words))
            else:
                sentences.append(self.tr("{0} is still a draft, so it cannot be shown.").format(words))
        if self._record_on is not None:
            shown = self._visit_words(self._record_on)
            if read_only:
                sentences.append(self.tr("The last completed visit before this one is {0}.").format(shown))
            elif sentences:
                sentences.append(self.tr("The family will see the record of {0} instead.").format(shown))
            else:
                sentences.append(self.tr("The family will see the record of {0}.").format(shown))
        elif sentences:
            if not read_only:
                sentences.append(self.tr("Complete it first, or tell the family what you remember of it."))
        elif read_only:
            sentences.append(self.tr("No visit before this one is completed."))
        else:
            sentences.append(self.tr(
                "No visit before this one is completed yet, so there is no record to show the family. "
                "Complete the last visit first, or tell the family what you remember of it."
            ))  # fmt: skip
        self.which.setText(" ".join(sentences))
        self.which.setVisible(self._has_earlier)

    def _show_parts(self) -> None:
        offered = self._has_last and self._can_show
        for widget in (self.show_button, self.pin_button, self.about):
            widget.setVisible(offered)
        text, kind = self._pin_words()
        self.pin_saved.setText(text)
        if self.pin_saved.property("kind") != kind:
            self.pin_saved.setProperty("kind", kind)
            restyle(self.pin_saved)
        self.pin_saved.setVisible(offered and bool(text))

    def _pin_words(self) -> tuple[str, str]:
        """What to say of the exit PIN, and the label's style: said in general until known for this visit."""
        if self._pin_just_saved:
            return self.tr(
                "PIN saved. The family screen now closes with it, or with your passphrase."
            ), "good"
        if self._has_pin:
            return self.tr("A PIN is set for leaving the family screen. It closes with that PIN, or with "
                           "your passphrase."), "hint"  # fmt: skip
        if self._has_pin is False:
            return self.tr(
                "No PIN is set yet, so the family screen closes only with your passphrase."
            ), "hint"
        return self.tr(
            "The family screen closes with your PIN, if you chose one, or your passphrase."
        ), "hint"

    def clear(self) -> None:
        self.show_facts(None, None)
        self.show_shared(False, True, None)
        self.which.setText("")
