"""What the model manager lists, read from the disk in one go (blocking: run it off the GUI thread).

Catalog models with their state on disk, then the models imported from elsewhere. Each gets the ModelSpec the fit
needs when one can be had: catalog models from the catalog, imported files from their GGUF header when their
architecture's cache follows the arithmetic (fit.PLAIN_ATTENTION). Other imported files have no estimate: the app
does not guess. The catalog's embedding models (for the documents' search by meaning) come last, with no estimate:
they are small, run on the CPU beside the chat model and are never loaded for chatting; an imported file whose
header says it is an embedding model is shown the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.downloads.downloader import LocalState, model_status
from app.core.models.catalog import Catalog, CatalogEntry
from app.core.models.fit import ModelSpec
from app.core.models.gguf_inspect import GGUFError, inspect_gguf
from app.core.models.hardware import HardwareProfile
from app.core.models.registry import InstalledModel, ModelRegistry

HardwareProbe = Callable[[Path], HardwareProfile]


@dataclass(frozen=True)
class ModelItem:
    id: str
    name: str
    size_bytes: int
    size_exact: bool  # False: the publisher's approximate figure, until the hub was asked
    state: LocalState
    done_bytes: int  # on disk so far (a partial download)
    entry: CatalogEntry | None  # None for a model imported from elsewhere
    installed: InstalledModel | None
    spec: ModelSpec | None  # None: no memory estimate can be made
    for_documents: bool = False  # an embedding model: used by Documents, never loaded as the chat's model

    @property
    def imported(self) -> bool:
        return self.entry is None


@dataclass(frozen=True)
class Inventory:
    items: tuple[ModelItem, ...]
    hardware: HardwareProfile
    models_dir: Path

    def item(self, model_id: str) -> ModelItem | None:
        return next((item for item in self.items if item.id == model_id), None)


def take_inventory(catalog: Catalog, registry: ModelRegistry, probe: HardwareProbe) -> Inventory:
    items = [_catalog_item(entry, registry) for entry in catalog.chat_entries]
    known = {entry.id for entry in catalog.entries}
    for model in registry.models():
        if model.catalog_id not in known:
            items.append(_imported_item(model, registry))
    items += [_catalog_item(entry, registry) for entry in catalog.embedding_entries]  # after every chat model
    models_dir = registry.models_dir
    return Inventory(tuple(items), probe(models_dir), models_dir)


def _catalog_item(entry: CatalogEntry, registry: ModelRegistry) -> ModelItem:
    status = model_status(entry, registry)
    installed = status.installed
    return ModelItem(
        id=entry.id, name=entry.display_name,
        size_bytes=installed.size_bytes if installed else entry.total_bytes,
        size_exact=installed is not None or entry.sizes_exact,
        state=status.state, done_bytes=status.done_bytes, entry=entry, installed=installed,
        spec=None if entry.is_embedding else ModelSpec.from_catalog(entry), for_documents=entry.is_embedding,
    )


def _imported_item(model: InstalledModel, registry: ModelRegistry) -> ModelItem:
    intact = registry.files_intact(model)
    spec, embedding = None, False
    if intact:
        try:
            report = inspect_gguf(model.path)
        except GGUFError:
            intact = False  # registered, but no longer a model llama.cpp can read
        else:
            embedding = report.embedding_only
            spec = None if embedding else ModelSpec.from_gguf(model.id, report)
    return ModelItem(
        id=model.id, name=model.id, size_bytes=model.size_bytes, size_exact=True,
        state=LocalState.INSTALLED if intact else LocalState.DAMAGED, done_bytes=model.size_bytes if intact else 0,
        entry=None, installed=model, spec=spec, for_documents=embedding,
    )


