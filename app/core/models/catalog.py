"""The model catalog: data in assets/catalog.json, checked on load, refreshable from the hub.

Offline the file alone is enough (sizes are the publisher's approximate figures, sha256 unknown); online,
`refresh_from_hub` fills exact sizes and sha256 from the hub's metadata.

A model is of a kind: "chat" (the default: loaded to talk to) or "embedding" (turns text into vectors for the
documents' search by meaning; never loaded as the chat's model). Only chat models need an architecture for the fit.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import CoreError
from app.core.models import hub
from app.core.paths import assets_dir

SCHEMA_VERSION = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")
_REPO = re.compile(r"[\w.-]+/[\w.-]+")
_SWA_PATTERNS = ("none", "alternate", "all")
_TIERS = ("laptop", "workstation")
CHAT, EMBEDDING = "chat", "embedding"
_KINDS = (CHAT, EMBEDDING)


class CatalogError(CoreError):
    """The catalog file is missing or malformed; the message names the field."""


@dataclass(frozen=True)
class License:
    id: str
    url: str
    usage_policy_url: str | None


@dataclass(frozen=True)
class Architecture:
    name: str
    block_count: int
    embedding_length: int
    expert_count: int
    expert_used_count: int
    head_count: int
    head_count_kv: int
    key_length: int
    value_length: int
    sliding_window: int
    sliding_window_layers: str  # "none", "alternate" (layers 0, 2, 4 ...) or "all"
    vocab_size: int

    @property
    def swa_layer_count(self) -> int:
        return {"none": 0, "alternate": (self.block_count + 1) // 2, "all": self.block_count}[
            self.sliding_window_layers
        ]


@dataclass(frozen=True)
class Family:
    """Facts about the weights, shared by every publisher's files of them."""

    id: str
    display_name: str
    author: str
    tier: str  # "laptop" or "workstation": who the family is meant for
    params_total: int
    params_active: int
    context_length: int
    license: License
    architecture: Architecture | None  # None only for a family of embedding models: the fit is for chat models


@dataclass(frozen=True)
class CatalogFile:
    path: str
    size: int | None
    sha256: str | None


@dataclass(frozen=True)
class CatalogEntry:
    """One downloadable model: a publisher's files of a family. The first file is the one to load."""

    id: str
    family: Family
    publisher: str
    repo: str
    revision: str
    quantization: str
    approx_total_bytes: int
    expert_bytes: int  # 0 for an embedding model
    files: tuple[CatalogFile, ...]
    kind: str = CHAT  # CHAT or EMBEDDING

    @property
    def is_embedding(self) -> bool:
        return self.kind == EMBEDDING

    @property
    def display_name(self) -> str:
        return self.family.display_name

    @property
    def sizes_exact(self) -> bool:
        return all(f.size is not None for f in self.files)

    @property
    def total_bytes(self) -> int:
        """Exact once refreshed from the hub, else the publisher's approximate figure."""
        if self.sizes_exact:
            return sum(f.size for f in self.files)  # type: ignore[misc]
        return self.approx_total_bytes


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]

    def get(self, model_id: str) -> CatalogEntry:
        for entry in self.entries:
            if entry.id == model_id:
                return entry
        known = ", ".join(e.id for e in self.entries)
        raise CatalogError(f"No model called {model_id!r} in the catalog (known: {known}).")

    @property
    def chat_entries(self) -> tuple[CatalogEntry, ...]:
        """The models to chat with: the ones the fit judges and the recommendation picks from."""
        return tuple(entry for entry in self.entries if not entry.is_embedding)

    @property
    def embedding_entries(self) -> tuple[CatalogEntry, ...]:
        return tuple(entry for entry in self.entries if entry.is_embedding)


def default_catalog_path() -> Path:
    return assets_dir() / "catalog.json"


def load_catalog(path: Path | None = None) -> Catalog:
    path = path or default_catalog_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(f"Cannot read the model catalog {path}: {error.strerror}.") from None
    except json.JSONDecodeError as error:
        raise CatalogError(f"The model catalog {path} is not valid JSON (line {error.lineno}).") from None
    return parse_catalog(data)


def parse_catalog(data: Any) -> Catalog:
    root = _Fields(data, "catalog")
    version = root.integer("schema_version")
    if version != SCHEMA_VERSION:
        raise CatalogError(f"catalog: schema_version {version} is not supported (expected {SCHEMA_VERSION}).")
    families = {
        key: _family(key, _Fields(value, f"families.{key}")) for key, value in root.mapping("families").items()
    }
    entries = tuple(
        _entry(_Fields(item, f"models[{i}]"), families) for i, item in enumerate(root.sequence("models"))
    )
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogError(f"catalog: model ids must be unique, repeated: {', '.join(duplicates)}.")
    return Catalog(entries)


def refresh_from_hub(entry: CatalogEntry) -> CatalogEntry:
    """The entry with exact sizes and sha256 from the hub (raises hub.HubError, e.g. HubOffline, with a message)."""
    snapshot = hub.fetch_snapshot(entry.repo, entry.revision)
    files = []
    for catalog_file in entry.files:
        remote = snapshot.file(catalog_file.path)
        files.append(CatalogFile(catalog_file.path, remote.size, remote.sha256))
    return dataclasses.replace(entry, files=tuple(files))


def _family(key: str, f: _Fields) -> Family:
    lic = _Fields(f.mapping("license"), f"{f.where}.license")
    return Family(
        id=key,
        display_name=f.string("display_name"),
        author=f.string("author"),
        tier=f.choice("tier", _TIERS),
        params_total=f.integer("params_total"),
        params_active=f.integer("params_active"),
        context_length=f.integer("context_length"),
        license=License(
            id=lic.string("id"), url=lic.string("url"), usage_policy_url=lic.optional_string("usage_policy_url")
        ),
        # Optional here; _entry insists on it for a chat model's family.
        architecture=_architecture(f) if f.data.get("architecture") is not None else None,
    )


def _architecture(f: _Fields) -> Architecture:
    a = _Fields(f.mapping("architecture"), f"{f.where}.architecture")
    return Architecture(
        name=a.string("name"),
        sliding_window_layers=a.choice("sliding_window_layers", _SWA_PATTERNS),
        **{
            name: a.integer(name)
            for name in (
                "block_count", "embedding_length", "expert_count", "expert_used_count", "head_count",
                "head_count_kv", "key_length", "value_length", "sliding_window", "vocab_size",
            )
        },
    )


def _entry(f: _Fields, families: dict[str, Family]) -> CatalogEntry:
    family_id = f.string("family")
    if family_id not in families:
        raise CatalogError(f"{f.where}.family: {family_id!r} is not in families.")
    files = tuple(_file(_Fields(item, f"{f.where}.files[{i}]")) for i, item in enumerate(f.sequence("files")))
    if not files:
        raise CatalogError(f"{f.where}.files: a model needs at least one file.")
    kind = f.optional_choice("kind", _KINDS) or CHAT
    family = families[family_id]
    if kind == CHAT and family.architecture is None:
        raise CatalogError(f"families.{family_id}.architecture: expected an object (the family of a chat model, "
                           f"{f.where}, needs its architecture for the fit).")
    return CatalogEntry(
        id=f.string("id"),
        family=family,
        publisher=f.string("publisher"),
        repo=f.matching("repo", _REPO, "owner/name"),
        revision=f.string("revision"),
        quantization=f.string("quantization"),
        approx_total_bytes=f.integer("approx_total_bytes"),
        # An embedding model has no experts and is not judged by the fit: 0 unless given.
        expert_bytes=f.integer("expert_bytes") if kind == CHAT else f.optional_integer("expert_bytes") or 0,
        files=files,
        kind=kind,
    )


def _file(f: _Fields) -> CatalogFile:
    size = f.optional_integer("size")
    sha256 = f.optional_string("sha256")
    if sha256 is not None and not _SHA256.fullmatch(sha256):
        raise CatalogError(f"{f.where}.sha256: expected 64 lowercase hex characters or null.")
    path = f.string("path")
    # The path becomes part of a file name under the models folder: it must stay inside it.
    if path.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", path):
        raise CatalogError(f"{f.where}.path: must be a relative path inside the repository.")
    return CatalogFile(path=path, size=size, sha256=sha256)


class _Fields:
    """Typed access to one JSON object, with errors that say where in the file the problem is."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise CatalogError(f"{where}: expected an object.")
        self.data = data
        self.where = where

    def _get(self, key: str, kind: type | tuple[type, ...], label: str, optional: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and optional:
            return None
        # bool is an int in Python; a true/false where a number belongs is still an error.
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CatalogError(f"{self.where}.{key}: expected {label}.")
        return value

    def string(self, key: str) -> str:
        value = self._get(key, str, "a non-empty string")
        if not value:
            raise CatalogError(f"{self.where}.{key}: expected a non-empty string.")
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.string(key)
        if value not in allowed:
            raise CatalogError(f"{self.where}.{key}: expected one of {', '.join(allowed)}.")
        return value

    def optional_choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        if self.data.get(key) is None:
            return None
        value = self._get(key, str, f"one of {', '.join(allowed)}")
        if value not in allowed:
            raise CatalogError(f"{self.where}.{key}: expected one of {', '.join(allowed)}.")
        return value

    def matching(self, key: str, pattern: re.Pattern[str], label: str) -> str:
        value = self.string(key)
        if not pattern.fullmatch(value) or ".." in value:
            raise CatalogError(f"{self.where}.{key}: expected {label}.")
        return value

    def optional_string(self, key: str) -> str | None:
        return self._get(key, str, "a string or null", optional=True)

    def integer(self, key: str) -> int:
        value = self._get(key, int, "a positive whole number")
        if value <= 0:
            raise CatalogError(f"{self.where}.{key}: expected a positive whole number.")
        return value

    def optional_integer(self, key: str) -> int | None:
        value = self._get(key, int, "a whole number or null", optional=True)
        if value is not None and value < 0:
            raise CatalogError(f"{self.where}.{key}: expected a whole number or null.")
        return value

    def mapping(self, key: str) -> dict:
        return self._get(key, dict, "an object")

    def sequence(self, key: str) -> list:
        return self._get(key, list, "a list")
