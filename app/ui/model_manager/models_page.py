"""The models page of the model manager: this machine, the recommendation, and a row per model with its fit, state
and actions (download, pause, cancel, use, delete); at its foot the import and models folder bar. Disk and network
work runs off the GUI thread."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.downloads.downloader import verify_installed
from app.core.downloads.progress import DownloadProgress
from app.core.downloads.transfer import DownloadCancelled, DownloadControl
from app.core.engine import LoadSettings
from app.core.models.catalog import Catalog, CatalogEntry, refresh_from_hub
from app.core.models.fit import FitResult, FitVerdict, assess, recommend
from app.core.models.registry import InstalledModel, delete_model
from app.ui.model_controller import ModelState
from app.ui.model_manager.downloads import DownloadState
from app.ui.model_manager.files_bar import ModelFilesBar
from app.ui.model_manager.inventory import Inventory, ModelItem, take_inventory
from app.ui.model_manager.row import ModelRow, RowAction
from app.ui.model_manager.session import ModelManagerSession
from app.ui.model_manager.text import (
    describe_failure,
    disk_text,
    fit_text,
    gpu_text,
    memory_text,
    number,
    size_text,
)
from app.ui.widgets.ask import ask
from app.ui.widgets.makers import push_button, selectable_label

_YES, _NO = QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole


class ModelsPage(QWidget):
    notice = Signal(str, bool)  # (text, is an error): news for the dialog's notice line
    inventoryChanged = Signal()  # the list now shows what is on disk (tests and the screenshot wait for it)
    _checkProgressed = Signal(str, object)  # (model id, DownloadProgress): from a Verify's thread

    def __init__(self, manager: ModelManagerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self._manager = manager
        self._inventory: Inventory | None = None
        self._fits: dict[str, FitResult | None] = {}
        self._recommended: str | None = None
        self._rows: dict[str, ModelRow] = {}
        self._generation = 0  # of inventory requests: only the newest answer is shown
        self._checks: dict[str, DownloadControl] = {}  # the Verify runs going on, by model id
        self._checkProgressed.connect(self._on_check_progressed)  # queued: emitted on another thread
        self._build()
        manager.downloads.progressed.connect(self._on_download_progressed)
        manager.downloads.changed.connect(self._on_download_changed)
        manager.model.stateChanged.connect(self._on_model_state_changed)

    # Building

    def _build(self) -> None:
        machine = QGroupBox(self.tr("This machine"), self)
        machine.setObjectName("hardwareSummary")
        self._memory, self._gpu, self._disk = (selectable_label(self, name)
                                               for name in ("ramLabel", "gpuLabel", "diskLabel"))
        form = QFormLayout(machine)
        form.addRow(self.tr("Memory"), self._memory)
        form.addRow(self.tr("GPU"), self._gpu)
        form.addRow(self.tr("Disk"), self._disk)
        self._recommendation = selectable_label(self, "recommendationLabel")
        font = QFont(self._recommendation.font())
        font.setBold(True)
        self._recommendation.setFont(font)
        form.addRow(self._recommendation)
        self._context = selectable_label(self, "contextNote")
        self._check_hub = push_button(self, "checkHubButton", self.tr("Check the hub for updates"),
                                      self.tr("Ask the model hub for exact sizes and checksums"),
                                      self._on_check_hub_clicked)
        header = QHBoxLayout()
        header.addWidget(self._context, 1)
        header.addWidget(self._check_hub)

        self._list = QWidget(self)
        self._list.setObjectName("modelList")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("modelScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._list)
        scroll.viewport().setAutoFillBackground(False)  # the page's own colour around the cards
        self._list.setAutoFillBackground(False)

        self.files = ModelFilesBar(self._manager, self)
        self.files.notice.connect(self.notice)
        self.files.filesChanged.connect(self.refresh)

        column = QVBoxLayout(self)
        column.addWidget(machine)
        column.addLayout(header)
        column.addWidget(scroll, 1)
        column.addWidget(self.files)

    # Reading and showing

    def row(self, model_id: str) -> ModelRow | None:
        return self._rows.get(model_id)

    def row_ids(self) -> list[str]:
        """The models listed, in order."""
        return [item.id for item in self._inventory.items] if self._inventory else []

    def refresh(self) -> None:
        """Read the models on disk and the machine again (off the GUI thread), then show them."""
        self._generation += 1
        generation, manager = self._generation, self._manager
        manager.background.run(
            lambda: take_inventory(manager.catalog, manager.registry, manager.probe),
            lambda inventory: self._on_inventory_read(generation, inventory),
            self._on_failed,
        )

    def refit(self) -> None:
        """Judge the fits again with the context size now in Settings (arithmetic only)."""
        inventory = self._inventory
        if inventory is None:
            return
        base = self._manager.model.load_settings
        self._fits = {
            item.id: assess(item.spec, inventory.hardware, min(base.n_ctx, item.spec.context_length), base.n_batch)
            if item.spec is not None else None
            for item in inventory.items
        }
        # The catalog's chat models only (an embedding model has no spec): imported files are not recommended.
        catalog = [(item.spec, self._fits[item.id]) for item in inventory.items
                   if item.entry and item.spec and not item.for_documents]
        advice = recommend([spec for spec, _ in catalog], [fit for _, fit in catalog])  # type: ignore[misc]
        self._recommended = advice.model_id
        self._recommendation.setText(fit_text(advice.message))
        self._context.setText(self.tr("Estimates are for a context of {0} tokens, the size set in Settings.")
                              .format(number(base.n_ctx)))
        self._render_rows()

    def _on_inventory_read(self, generation: int, inventory: Inventory) -> None:
        if generation != self._generation:
            return  # a newer reading is on its way
        self._inventory = inventory
        hardware, folder = inventory.hardware, str(inventory.models_dir)
        self._memory.setText(memory_text(hardware))
        self._gpu.setText(gpu_text(hardware))
        self._disk.setText(disk_text(hardware, folder))
        self.files.show_folder(inventory.models_dir)
        self.refit()
        self.inventoryChanged.emit()

    def _render_rows(self) -> None:
        inventory = self._inventory
        assert inventory is not None
        wanted = [item.id for item in inventory.items]
        for model_id in [m for m in self._rows if m not in wanted]:
            self._rows.pop(model_id).deleteLater()
        for index, item in enumerate(inventory.items):
            row = self._rows.get(item.id)
            if row is None:
                row = self._rows[item.id] = ModelRow(item, self._list)
                row.actionRequested.connect(self._on_row_action_requested)
            self._list_layout.insertWidget(index, row)  # moves an existing row into place
            row.show()  # now, not when the layout gets round to it: the list is whole once inventoryChanged says so
            fit = self._fits.get(item.id)
            row.show_model(item, fit, self._settings_for(fit), item.id == self._recommended,
                           self._manager.downloads.status(item.id), self._usage(item))

    def _usage(self, item: ModelItem) -> str:
        model = self._manager.model
        if item.installed is None or model.path is None or model.path != item.installed.path:
            return ""
        return {ModelState.READY: "active", ModelState.LOADING: "loading"}.get(model.state, "")

    def _settings_for(self, fit: FitResult | None) -> LoadSettings | None:
        """The app's load settings with the fit's placement (GPU layers, experts on the CPU, context)."""
        if fit is None or fit.settings is None:
            return None
        planned = fit.settings
        return replace(self._manager.model.load_settings, n_ctx=planned.n_ctx, n_batch=planned.n_batch,
                       n_gpu_layers=planned.n_gpu_layers, n_cpu_moe=planned.n_cpu_moe, flash_attn=planned.flash_attn)

    # Downloads and the chat's model

    @Slot(str)
    def _on_download_progressed(self, model_id: str) -> None:
        row = self._rows.get(model_id)
        if row is not None:
            row.show_download(self._manager.downloads.status(model_id))

    @Slot(str)
    def _on_download_changed(self, model_id: str) -> None:
        self._on_download_progressed(model_id)
        self.refresh()  # a download that ended (or was discarded) changed the disk

    @Slot()
    def _on_model_state_changed(self) -> None:
        if self._inventory is not None:
            self._render_rows()

    # Row actions

    @Slot(str, str)
    def _on_row_action_requested(self, action: str, model_id: str) -> None:
        item = self._inventory.item(model_id) if self._inventory else None
        if item is not None:
            self._act(RowAction(action), item)

    def _act(self, action: RowAction, item: ModelItem) -> None:
        downloads, entry, installed = self._manager.downloads, item.entry, item.installed
        match action:
            case RowAction.DOWNLOAD | RowAction.RESUME if entry is not None:
                self._download(item, entry)
            case RowAction.PAUSE:
                downloads.pause(item.id)
            case RowAction.CANCEL:
                self._cancel(item)
            case RowAction.DISCARD if entry is not None:
                self._discard(item, entry)
            case RowAction.USE if installed is not None and not item.for_documents:
                self._use(item, installed)
            case RowAction.VERIFY if installed is not None:
                self._verify(item, installed)
            case RowAction.STOP_CHECK if item.id in self._checks:
                self._checks[item.id].cancel.set()
            case RowAction.FOLDER if installed is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(installed.path.parent)))
            case RowAction.DELETE if installed is not None:
                self._delete(item, installed)

    def _download(self, item: ModelItem, entry: CatalogEntry) -> None:
        """Download, or resume a paused download, unless the network may not be used."""
        downloads = self._manager.downloads
        status = downloads.status(item.id)
        if refusal := self._manager.network_refusal():
            self.notice.emit(refusal, True)
        elif status is not None and status.state is DownloadState.PAUSED:
            downloads.resume(item.id)
        else:
            downloads.download(entry)

    def _discard(self, item: ModelItem, entry: CatalogEntry) -> None:
        question = self.tr("Delete the partial download of {0} ({1})?").format(item.name, size_text(item.done_bytes))
        if ask(self, "discardQuestion", self.tr("Delete partial download"), question,
               [("delete", self.tr("Delete"), _YES), ("keep", self.tr("Keep"), _NO)]) == "delete":
            self._manager.downloads.discard(entry)

    def _verify(self, item: ModelItem, installed: InstalledModel) -> None:
        """Hash the files again (a minute for a large model, off the GUI thread) against the checksums of the
        download, with progress on the row and a button that stops it."""
        if item.id in self._checks:
            return
        control = self._checks[item.id] = DownloadControl()
        self._on_check_progressed(item.id, None)
        self.notice.emit(self.tr("Checking {0}: reading {1}…").format(item.name, size_text(installed.size_bytes)),
                         False)
        report = partial(self._checkProgressed.emit, item.id)
        self._manager.background.run(
            lambda: verify_installed(installed, control, report),
            lambda damaged: self._on_verified(item, damaged),
            lambda error: self._on_verify_failed(item, error))

    def stop_checks(self) -> None:
        """Stop every Verify still reading (the app is quitting)."""
        for control in self._checks.values():
            control.cancel.set()

    @Slot(str, object)
    def _on_check_progressed(self, model_id: str, progress: DownloadProgress | None) -> None:
        row = self._rows.get(model_id)
        if row is not None and model_id in self._checks:
            row.show_check(progress.fraction if progress is not None else 0.0)

    def _end_check(self, item: ModelItem) -> None:
        self._checks.pop(item.id, None)
        if (row := self._rows.get(item.id)) is not None:
            row.show_check(None)

    def _on_verify_failed(self, item: ModelItem, error: Exception) -> None:
        self._end_check(item)
        if isinstance(error, DownloadCancelled):
            self.notice.emit(self.tr("Stopped checking {0}.").format(item.name), False)
        else:
            self._on_failed(error)

    def _on_verified(self, item: ModelItem, damaged: list) -> None:
        self._end_check(item)
        name = item.name
        if damaged:
            self.notice.emit(self.tr("{0} is damaged ({1}): delete it and download it again.").format(
                name, ", ".join(path.name for path in damaged)), True)
        else:
            self.notice.emit(self.tr("{0} is intact: every file matches the checksum it was downloaded with.")
                             .format(name), False)
        self.refresh()

    def _cancel(self, item: ModelItem) -> None:
        answer = ask(self, "cancelQuestion", self.tr("Cancel download"),
                     self.tr("Cancel the download of {0}? Keep what is downloaded so far to resume later, or "
                             "delete it to free the space.").format(item.name),
                     [("keep", self.tr("Cancel, keep the partial file"), _YES),
                      ("discard", self.tr("Cancel and delete it"), QMessageBox.ButtonRole.DestructiveRole),
                      ("continue", self.tr("Go on downloading"), _NO)])
        if answer in ("keep", "discard"):
            self._manager.downloads.cancel(item.id, keep_partial=answer == "keep")

    def _use(self, item: ModelItem, installed: InstalledModel) -> None:
        fit = self._fits.get(item.id)
        if fit is not None and fit.verdict is FitVerdict.WONT_FIT:
            question = self.tr("{0} probably won't fit in this machine's memory: {1}\n\nLoad it anyway?").format(
                item.name, fit_text(fit.message))
            if ask(self, "wontFitQuestion", self.tr("Use {0}").format(item.name), question,
                   [("load", self.tr("Load anyway"), _YES), ("back", self.tr("Don't load"), _NO)]) != "load":
                return
        self._manager.model.load(installed.path, self._settings_for(fit))
        self.notice.emit(self.tr("Loading {0} for chatting…").format(item.name), False)

    def _delete(self, item: ModelItem, installed: InstalledModel) -> None:
        if self._usage(item):
            self.notice.emit(self.tr("{0} is in use for chatting: load another model before deleting it.")
                             .format(item.name), True)
            return
        if installed.owned:
            question = self.tr("Delete {0}? This frees {1} of disk space.").format(
                item.name, size_text(installed.size_bytes))
        else:
            question = self.tr("Remove {0} from the list? The file stays where it is: {1}").format(
                item.name, installed.path)
        if ask(self, "deleteQuestion", self.tr("Delete {0}").format(item.name), question,
               [("delete", self.tr("Delete") if installed.owned else self.tr("Remove"), _YES),
                ("keep", self.tr("Keep"), _NO)]) != "delete":
            return
        registry = self._manager.registry
        self._manager.background.run(lambda: delete_model(installed.id, registry),
                                     lambda freed: self._on_deleted(item.name, freed), self._on_failed)

    def _on_deleted(self, name: str, freed: int) -> None:
        if freed:
            self.notice.emit(self.tr("Deleted {0}: {1} freed ({2} bytes).").format(name, size_text(freed),
                                                                                 number(freed)), False)
        else:
            self.notice.emit(self.tr("Removed {0} from the list; its file was left where it is.").format(name), False)
        self.refresh()

    # The hub

    @Slot()
    def _on_check_hub_clicked(self) -> None:
        manager = self._manager
        if refusal := manager.network_refusal():
            self.notice.emit(refusal, True)
            return
        entries = manager.catalog.entries
        self._check_hub.setEnabled(False)
        manager.background.run(lambda: Catalog(tuple(refresh_from_hub(entry) for entry in entries)),
                               self._on_hub_checked, self._on_hub_unreachable)

    def _on_hub_checked(self, catalog: Catalog) -> None:
        self._check_hub.setEnabled(True)
        self._manager.catalog = catalog
        self.notice.emit(self.tr("Sizes and checksums now come from the hub."), False)
        self.refresh()

    def _on_hub_unreachable(self, error: Exception) -> None:
        self._check_hub.setEnabled(True)
        self.notice.emit(self.tr("Could not check the hub: {0} The list shows the catalog's own figures; downloads "
                                 "need the hub.").format(describe_failure(error)), True)

    def _on_failed(self, error: Exception) -> None:
        self.notice.emit(describe_failure(error), True)

