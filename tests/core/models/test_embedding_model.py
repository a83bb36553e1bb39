"""Which embedding model Documents uses: the catalog's embedding model once it is downloaded and whole on disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.downloads.downloader import download_model
from app.core.models.catalog import Catalog, load_catalog
from app.core.models.embedding_model import installed_embedding_model, is_embedding_model
from app.core.models.importer import import_local_gguf
from app.core.models.registry import InstalledModel, ModelRegistry, delete_model
from tests.support.tiny_gguf import write_tiny_gpt_oss

EMBEDDING = "granite-embedding-107m-multilingual"
REPO, FILE = "bartowski/granite-embedding-107m-multilingual-GGUF", "granite-embedding-107m-multilingual-Q8_0.gguf"


@pytest.fixture
def registry() -> ModelRegistry:
    return ModelRegistry.load()


def register(registry: ModelRegistry, model_id: str, catalog_id: str | None, size: int = 1000) -> Path:
    """A model as a download leaves it: its file in the models folder, registered."""
    path = registry.models_dir / model_id / f"{model_id}.gguf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)
    registry.add(InstalledModel(model_id, catalog_id, (path,), size, sha256_verified=True, owned=True))
    return path


def test_none_when_no_embedding_model_is_installed(registry):
    assert installed_embedding_model() is None  # the app's own registry and catalog, empty here
    register(registry, "gpt-oss-20b", "gpt-oss-20b")
    register(registry, "my-embedder", None)  # imported from elsewhere: not a catalog embedding model
    assert installed_embedding_model(registry, load_catalog()) is None


def test_the_downloaded_embedding_model_is_found(fake_hub, registry):
    fake_hub.add_file(REPO, FILE, b"GGUF" + bytes(4096))
    model = download_model(load_catalog().get(EMBEDDING), registry=registry)

    found = installed_embedding_model()

    assert isinstance(found, Path) and found == model.path and found.name == FILE
    assert installed_embedding_model(registry=registry) == found
    assert is_embedding_model(found) and not is_embedding_model(found.with_name("other.gguf"))


def test_a_missing_or_cut_file_is_not_offered(registry):
    path = register(registry, EMBEDDING, EMBEDDING)
    assert installed_embedding_model(registry) == path

    path.write_bytes(b"\0" * 10)  # cut short: would fail to load
    assert installed_embedding_model(registry) is None
    path.unlink()
    assert installed_embedding_model(registry) is None
    delete_model(EMBEDDING, registry)
    assert installed_embedding_model(registry) is None


def test_the_first_embedding_model_of_the_catalog_wins(registry):
    first = load_catalog().get(EMBEDDING)
    second = replace(first, id="other-embedding")
    catalog = Catalog((*load_catalog().chat_entries, first, second))
    other = register(registry, "other-embedding", "other-embedding")
    assert installed_embedding_model(registry, catalog) == other
    preferred = register(registry, EMBEDDING, EMBEDDING)
    assert installed_embedding_model(registry, catalog) == preferred


def test_a_chat_model_is_not_an_embedding_model(registry):
    chat = register(registry, "gpt-oss-20b", "gpt-oss-20b")
    assert not is_embedding_model(chat)


def test_an_imported_embedding_model_is_used_when_the_catalog_has_none_installed(registry, tmp_path):
    chat = import_local_gguf(write_tiny_gpt_oss(tmp_path / "chat.gguf", chat_template=None), registry=registry)
    encoder = import_local_gguf(write_tiny_gpt_oss(tmp_path / "encoder.gguf", chat_template=None,
                                                   architecture="bert"), registry=registry)

    assert installed_embedding_model(registry) == encoder.path
    assert is_embedding_model(encoder.path) and not is_embedding_model(chat.path)
    preferred = register(registry, EMBEDDING, EMBEDDING)  # the catalog's, once downloaded, comes first
    assert installed_embedding_model(registry) == preferred
