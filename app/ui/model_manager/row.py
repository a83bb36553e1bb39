"""One model in the model manager: name, size, a fit badge with the numbers behind it, its state, and the actions
that state allows. The row only shows and asks; the models page acts.

An embedding model (for the documents' search by meaning) gets a badge saying what it is for instead of a fit, and
is never offered for chatting."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.downloads.downloader import LocalState
from app.core.engine import LoadSettings
from app.core.models.fit import FitResult, FitVerdict
from app.ui.core_messages import translate_core
from app.ui.model_manager.downloads import DownloadState, DownloadStatus
from app.ui.model_manager.inventory import ModelItem
from app.ui.model_manager.text import (
    fit_details_html,
    percent_text,
    progress_text,
    shortfall_text,
    size_text,
    verdict_label,
)
from app.ui.theme import Theme, is_dark

# Badge colours (background, text), light then dark: green runs well, blue runs with help, amber slowly, red not.
_BADGE_COLOURS = {
    FitVerdict.FULL_GPU: (("#dafbe1", "#116329"), ("#12361f", "#7ee2a0")),
    FitVerdict.EXPERTS_ON_CPU: (("#ddf4ff", "#0a4b8c"), ("#0c2d4d", "#8cc8ff")),
    FitVerdict.CPU_ONLY_SLOW: (("#fff1c2", "#7a4a00"), ("#3b2c05", "#f2cc60")),
    FitVerdict.WONT_FIT: (("#ffe3e0", "#a40e26"), ("#4a1518", "#ff9b94")),
    FitVerdict.UNKNOWN: (("#eaeef2", "#424a53"), ("#30363d", "#c9d1d9")),
    None: (("#eaeef2", "#424a53"), ("#30363d", "#c9d1d9")),
}
_DOCUMENTS_BADGE_COLOURS = (("#fbefff", "#6e40c9"), ("#2d1f47", "#d2a8ff"))  # purple: not a verdict on the machine
PROGRESS_STEPS = 1000


class RowAction(enum.StrEnum):
    """What a row offers; each button is named "<action>Button". _visible_actions picks those its state allows."""

    DOWNLOAD = "download"
    RESUME = "resume"
    PAUSE = "pause"
    CANCEL = "cancel"
    DISCARD = "discard"  # delete a partial download
    USE = "use"
    VERIFY = "verify"
    STOP_CHECK = "stopcheck"
    FOLDER = "folder"
    DELETE = "delete"


class ModelRow(QFrame):
    actionRequested = Signal(str, str)  # (RowAction, model id): asked by a click

    def __init__(self, item: ModelItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_id = item.id
        self.setObjectName(f"modelRow-{item.id}")
        theme = Theme.from_palette(self.palette())
        # A card on the reading colour, so each model stands apart from the page around it.
        self.setStyleSheet(f"ModelRow {{ background-color: {theme.base}; border: 1px solid {theme.border}; "
                           "border-radius: 8px; }"
                           f"QProgressBar {{ background-color: {theme.border}; border: none; border-radius: 3px; }}"
                           "QProgressBar::chunk { background-color: palette(highlight); border-radius: 3px; }")
        self._name = QLabel(item.name, self)
        self._name.setObjectName("modelName")
        font = QFont(self._name.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self._name.setFont(font)
        self._badge = QLabel(self)
        self._badge.setObjectName("fitBadge")
        self._info = QLabel(self)
        self._info.setObjectName("modelInfo")
        self._state = QLabel(self)
        self._state.setObjectName("modelState")
        self._state.setWordWrap(True)
        self._state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._progress = QProgressBar(self)
        self._progress.setObjectName("downloadProgress")
        self._progress.setRange(0, PROGRESS_STEPS)
        self._progress.setTextVisible(False)
        self._progress.setMaximumHeight(8)
        self._details_button = QToolButton(self)
        self._details_button.setObjectName("fitDetailsButton")
        self._details_button.setText(self.tr("Why?"))
        self._details_button.setCheckable(True)
        self._details_button.setArrowType(Qt.ArrowType.RightArrow)
        self._details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._details_button.setAutoRaise(True)
        self._details_button.toggled.connect(self._on_details_button_toggled)
        self._details = QLabel(self)
        self._details.setObjectName("fitDetails")
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.RichText)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._details.hide()
        self._buttons = {action: self._button(action) for action in RowAction}
        self._compose()
        self._item = item
        self._download: DownloadStatus | None = None
        self._usage = ""
        self._checking: float | None = None  # how far Verify has read the files, while it runs

    def _button(self, action: RowAction) -> QPushButton:
        labels = {RowAction.DOWNLOAD: self.tr("Download"), RowAction.RESUME: self.tr("Resume"),
                  RowAction.PAUSE: self.tr("Pause"), RowAction.CANCEL: self.tr("Cancel…"),
                  RowAction.DISCARD: self.tr("Delete partial…"), RowAction.USE: self.tr("Use"),
                  RowAction.VERIFY: self.tr("Verify"), RowAction.STOP_CHECK: self.tr("Stop checking"),
                  RowAction.FOLDER: self.tr("Show in folder"), RowAction.DELETE: self.tr("Delete…")}
        button = QPushButton(labels[action], self)
        button.setObjectName(f"{action}Button")
        button.setAutoDefault(False)  # Enter in the dialog is not a click on some row's button
        button.clicked.connect(lambda: self.actionRequested.emit(action, self.model_id))
        return button

    def _compose(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self._name)
        top.addWidget(self._badge)
        top.addWidget(self._details_button)
        top.addStretch(1)
        for button in self._buttons.values():
            top.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(4)
        column.addLayout(top)
        column.addWidget(self._info)
        column.addWidget(self._state)
        column.addWidget(self._progress)
        column.addWidget(self._details)

    def show_model(self, item: ModelItem, fit: FitResult | None, settings: LoadSettings | None, recommended: bool,
                   download: DownloadStatus | None, usage: str) -> None:
        """`usage`: "active" (the chat's model), "loading", or ""."""
        self._item = item
        self._name.setText(item.name)
        self._info.setText(self._info_text(item, recommended))
        if item.for_documents:
            self._show_purpose(item)
        else:
            self._show_fit(item, fit, settings)
        for action, button in self._buttons.items():
            button.setAccessibleName(self._accessible(action, item.name))
        self._details_button.setAccessibleName(self.tr("Why: the numbers behind the estimate for {0}")
                                               .format(item.name))
        self._progress.setAccessibleName(self.tr("Progress of {0}").format(item.name))
        self.show_download(download, usage)

    def _show_fit(self, item: ModelItem, fit: FitResult | None, settings: LoadSettings | None) -> None:
        verdict = fit.verdict if fit is not None else None
        self._badge.setText(verdict_label(verdict))
        self._badge.setStyleSheet(self._badge_style(_BADGE_COLOURS[verdict]))
        details = fit_details_html(fit, settings)
        self._badge.setToolTip(details)
        self._details.setText(details)
        self._badge.setAccessibleName(self.tr("How {0} fits this machine: {1}").format(item.name, self._badge.text()))

    def _show_purpose(self, item: ModelItem) -> None:
        """An embedding model: what it is for, in place of a fit (it is small and runs on the CPU)."""
        self._badge.setText(self.tr("For documents: search by meaning"))
        self._badge.setStyleSheet(self._badge_style(_DOCUMENTS_BADGE_COLOURS))
        self._badge.setToolTip(self.tr("An embedding model: Documents uses it to find passages by meaning as well as "
                                       "by their words, in Japanese and many other languages. It is never loaded "
                                       "for chatting."))
        self._badge.setAccessibleName(self.tr("What {0} is for: {1}").format(item.name, self._badge.text()))
        self._details_button.hide()
        self._details.hide()

    def show_download(self, download: DownloadStatus | None, usage: str = "") -> None:
        self._download, self._usage = download, usage
        self._show_state()

    def show_check(self, fraction: float | None) -> None:
        """Verify is reading the files (`fraction` of their bytes so far), or None when it is not."""
        self._checking = fraction
        self._show_state()

    def _show_state(self) -> None:
        item, download, usage = self._item, self._download, self._usage
        if self._checking is not None:
            state_text, error = self.tr("Checking the files… {0}").format(percent_text(self._checking)), False
            fraction, visible = self._checking, {RowAction.STOP_CHECK}
        else:
            state_text, error = self._state_text(item, download, usage)
            fraction, visible = self._fraction(item, download), self._visible_actions(item, download, usage)
        self._state.setText(state_text)
        self._state.setStyleSheet(f"color: {Theme.from_palette(self.palette()).error};" if error else "")
        self._progress.setVisible(fraction is not None)
        self._progress.setValue(round((fraction or 0.0) * PROGRESS_STEPS))
        for action, button in self._buttons.items():
            button.setVisible(action in visible)

    def state_text(self) -> str:
        return self._state.text()

    # What to show

    def _info_text(self, item: ModelItem, recommended: bool) -> str:
        size = size_text(item.size_bytes)
        parts = [size if item.size_exact else self.tr("about {0}").format(size)]
        if item.for_documents and item.entry is not None:
            parts += [self.tr("runs on the CPU beside the chat model"), item.entry.family.license.id,
                      item.entry.publisher]
        elif item.entry is not None:
            family = item.entry.family
            tier = self.tr("for laptops") if family.tier == "laptop" else self.tr("for workstations")
            parts += [tier, family.license.id, item.entry.publisher]
        elif item.installed is not None:
            parts.append(self.tr("imported into the models folder") if item.installed.owned
                         else self.tr("used where it lies: {0}").format(item.installed.path))
        if recommended:
            parts.append(self.tr("recommended for this machine"))
        return " · ".join(parts)

    def _state_text(self, item: ModelItem, download: DownloadStatus | None, usage: str) -> tuple[str, bool]:
        """The line under the name, and whether it reports a failure."""
        if download is not None and download.state is DownloadState.FAILED:
            if download.shortfall is not None:
                return shortfall_text(download.shortfall), True
            return self.tr("The download stopped: {0}").format(translate_core(download.error)), True
        if download is not None:
            return progress_text(download, item.size_bytes), False
        if item.state is LocalState.INSTALLED and item.for_documents:
            return self.tr("Installed · used by Documents (Tools ▸ Documents…) automatically"), False
        if item.state is LocalState.INSTALLED:
            return {"active": self.tr("Installed · in use for chatting"), "loading": self.tr("Installed · loading…"),
                    "": self.tr("Installed")}[usage], False
        if item.state is LocalState.DAMAGED:
            if item.imported:
                return self.tr("Missing or unreadable: the file was moved or changed. Remove it from the list and "
                               "import it again."), True
            return self.tr("Damaged: a file is missing or has the wrong size. Download it again or delete it."), True
        if item.state is LocalState.PARTIAL:
            return self.tr("Paused at {0} · {1} of {2}; the download resumes where it stopped").format(
                percent_text(item.done_bytes / item.size_bytes if item.size_bytes else 0.0),
                size_text(item.done_bytes), size_text(item.size_bytes)), False
        if item.for_documents:
            return self.tr("Not downloaded · until it is, Documents searches by words only"), False
        return self.tr("Not downloaded"), False

    @staticmethod
    def _fraction(item: ModelItem, download: DownloadStatus | None) -> float | None:
        if download is not None and download.progress is not None:
            return download.progress.fraction
        if download is not None and download.state is not DownloadState.FAILED:
            return 0.0
        if item.state is LocalState.PARTIAL and item.size_bytes:
            return min(1.0, item.done_bytes / item.size_bytes)
        return None

    @staticmethod
    def _visible_actions(item: ModelItem, download: DownloadStatus | None, usage: str) -> set[RowAction]:
        A = RowAction
        if download is not None and download.state is not DownloadState.FAILED:
            return {DownloadState.RUNNING: {A.PAUSE, A.CANCEL}, DownloadState.PAUSED: {A.RESUME, A.CANCEL},
                    DownloadState.QUEUED: {A.CANCEL}}[download.state]
        if item.state is LocalState.INSTALLED:
            checkable = item.installed is not None and bool(item.installed.sha256)  # downloaded, checksums kept
            usable = not usage and not item.for_documents  # an embedding model is never loaded for chatting
            return {A.FOLDER, A.DELETE} | ({A.USE} if usable else set()) | ({A.VERIFY} if checkable else set())
        if item.state is LocalState.DAMAGED:
            return {A.DELETE} | (set() if item.imported else {A.DOWNLOAD})
        if item.state is LocalState.PARTIAL:
            return {A.RESUME, A.DISCARD}
        return {A.DOWNLOAD}

    def _accessible(self, action: RowAction, name: str) -> str:
        texts = {RowAction.DOWNLOAD: self.tr("Download {0}"), RowAction.RESUME: self.tr("Resume the download of {0}"),
                 RowAction.PAUSE: self.tr("Pause the download of {0}"),
                 RowAction.CANCEL: self.tr("Cancel the download of {0}"),
                 RowAction.DISCARD: self.tr("Delete the partial download of {0}"),
                 RowAction.USE: self.tr("Use {0} for chatting"),
                 RowAction.VERIFY: self.tr("Check that the files of {0} are intact"),
                 RowAction.STOP_CHECK: self.tr("Stop checking the files of {0}"),
                 RowAction.FOLDER: self.tr("Show {0} in its folder"), RowAction.DELETE: self.tr("Delete {0}")}
        return texts[action].format(name)

    def _badge_style(self, colours: tuple[tuple[str, str], tuple[str, str]]) -> str:
        light, dark = colours
        background, text = dark if is_dark(self.palette()) else light
        return (f"QLabel#fitBadge {{ background-color: {background}; color: {text}; border-radius: 9px; "
                f"padding: 2px 8px; }}")

    def _on_details_button_toggled(self, shown: bool) -> None:
        self._details.setVisible(shown)
        self._details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
