"""Which embedding model the documents' search by meaning uses: the catalog's embedding models, downloaded like the
chat models, found on disk; failing those, a model file the user imported whose header says it is an embedding
model. The documents code asks here; it never needs to know the catalog or the registry."""

from __future__ import annotations

from pathlib import Path

from app.core.models.catalog import Catalog, load_catalog
from app.core.models.gguf_inspect import GGUFError, inspect_gguf
from app.core.models.registry import InstalledModel, ModelRegistry


def installed_embedding_model(registry: ModelRegistry | None = None, catalog: Catalog | None = None) -> Path | None:
    """The file to load of the first installed embedding model (in catalog order, then imported ones) whose files
    are whole on disk, or None when there is none. Without arguments the app's registry and catalog are read (a
    small JSON file each); an unreadable one raises its CoreError (RegistryError, CatalogError) with a message."""
    registry = registry or ModelRegistry.load()
    catalog = catalog or load_catalog()
    for entry in catalog.embedding_entries:
        model = registry.get(entry.id)
        # Whole files only: a file moved away or cut short would fail to load later, with a vaguer message.
        if model is not None and registry.files_intact(model):
            return model.path
    return next((model.path for model in registry.models() if _imported_embedding(model, registry)), None)


def is_embedding_model(path: Path, registry: ModelRegistry | None = None, catalog: Catalog | None = None) -> bool:
    """Whether `path` is a file of an installed embedding model: not something to load for chatting."""
    registry = registry or ModelRegistry.load()
    catalog = catalog or load_catalog()
    model = registry.find_by_path(path)
    catalog_ids = {entry.id for entry in catalog.embedding_entries}
    return model is not None and (model.catalog_id in catalog_ids or _imported_embedding(model, registry))


def _imported_embedding(model: InstalledModel, registry: ModelRegistry) -> bool:
    if model.catalog_id is not None or not registry.files_intact(model):
        return False
    try:
        return inspect_gguf(model.path).embedding_only
    except GGUFError:
        return False
