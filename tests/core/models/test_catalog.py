"""The catalog file: the facts the fit and the downloads rely on, validation with messages, refresh from the hub."""

from __future__ import annotations

import json
import re

import huggingface_hub.constants
import pytest

from app.core.models import hub
from app.core.models.catalog import CatalogError, default_catalog_path, load_catalog, parse_catalog, refresh_from_hub
from app.core.models.fit import ModelSpec
from tests.support.fake_hub import catalog_data, publish

GIB = 1024**3
EMBEDDING = "granite-embedding-107m-multilingual"


def test_the_shipped_catalog_describes_both_gpt_oss_models():
    catalog = load_catalog()
    small, large = catalog.get("gpt-oss-20b"), catalog.get("gpt-oss-120b")

    assert (small.repo, [f.path for f in small.files]) == ("ggml-org/gpt-oss-20b-GGUF", ["gpt-oss-20b-mxfp4.gguf"])
    assert large.repo == "ggml-org/gpt-oss-120b-GGUF"
    assert [f.path for f in large.files] == [f"gpt-oss-120b-mxfp4-0000{i}-of-00003.gguf" for i in (1, 2, 3)]
    assert round(small.total_bytes / GIB, 2) == 11.27
    assert round(large.total_bytes / GIB, 2) == 59.02
    for entry, layers, experts in ((small, 24, 32), (large, 36, 128)):
        arch, family = entry.family.architecture, entry.family
        assert (arch.block_count, arch.expert_count, arch.expert_used_count) == (layers, experts, 4)
        assert (arch.head_count_kv, arch.key_length, arch.value_length, arch.sliding_window) == (8, 64, 64, 128)
        assert arch.swa_layer_count == layers // 2
        assert family.context_length == 131072
        assert family.license.id == "Apache-2.0"
        assert family.license.url == "https://www.apache.org/licenses/LICENSE-2.0"
        assert family.license.usage_policy_url.endswith("/USAGE_POLICY")
        # MXFP4 expert weights (17 bytes per 32 values) and their f32 biases: the arithmetic in the catalog's notes.
        per_expert = 3 * 2880 * 2880 * 17 // 32 + 3 * 2880 * 4
        assert entry.expert_bytes == layers * experts * per_expert
        assert entry.expert_bytes < entry.total_bytes
    assert (small.family.params_active, large.family.params_active) == (3_600_000_000, 5_100_000_000)
    assert (small.family.tier, large.family.tier) == ("laptop", "workstation")
    assert (small.kind, large.kind) == ("chat", "chat")  # the default, not written in the file


def test_the_shipped_catalog_has_a_multilingual_embedding_model_for_documents():
    catalog = load_catalog()
    entry = catalog.get(EMBEDDING)

    assert entry.kind == "embedding" and entry.is_embedding
    assert (entry.repo, entry.revision, entry.quantization) == (
        "bartowski/granite-embedding-107m-multilingual-GGUF", "main", "Q8_0")
    assert [f.path for f in entry.files] == ["granite-embedding-107m-multilingual-Q8_0.gguf"]
    assert entry.total_bytes == 121_000_000 and entry.expert_bytes == 0
    family = entry.family
    assert (family.display_name, family.author, family.tier) == ("Granite Embedding 107M multilingual", "IBM", "laptop")
    assert (family.params_total, family.params_active, family.context_length) == (107_000_000, 107_000_000, 512)
    assert family.architecture is None
    assert (family.license.id, family.license.usage_policy_url) == ("Apache-2.0", None)
    assert [e.id for e in catalog.chat_entries] == ["gpt-oss-20b", "gpt-oss-120b"]
    assert [e.id for e in catalog.embedding_entries] == [EMBEDDING]


def test_offline_the_catalog_alone_is_enough_and_says_its_sizes_are_approximate():
    for entry in load_catalog().entries:
        assert not entry.sizes_exact
        assert entry.total_bytes == entry.approx_total_bytes
        assert all(f.sha256 is None for f in entry.files)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=2), "schema_version 2 is not supported"),
        (lambda d: d["models"][0].pop("repo"), "models[0].repo: expected a non-empty string"),
        (lambda d: d["models"][0].update(repo="no-slash"), "models[0].repo: expected owner/name"),
        (lambda d: d["models"][0]["files"][0].update(sha256="xyz"), "models[0].files[0].sha256"),
        (lambda d: d["models"][0]["files"][0].update(path="../../escape.gguf"), "files[0].path: must be a relative"),
        (lambda d: d["models"][0]["files"][0].update(size=True), "files[0].size: expected a whole number or null"),
        (lambda d: d["models"][1].update(id="gpt-oss-20b"), "repeated: gpt-oss-20b"),
        (lambda d: d["models"][0].update(family="llama"), "models[0].family: 'llama' is not in families"),
        (lambda d: d["families"]["gpt-oss-20b"]["architecture"].update(block_count=0), "block_count: expected a pos"),
        (lambda d: d["families"]["gpt-oss-20b"].update(tier="phone"), "tier: expected one of laptop, workstation"),
        (lambda d: d["models"][0].update(files=[]), "models[0].files: a model needs at least one file"),
        (lambda d: d["models"][0].update(kind="vision"), "models[0].kind: expected one of chat, embedding"),
        (lambda d: d["models"][0].update(kind=3), "models[0].kind: expected one of chat, embedding"),
        # A chat model's family needs its architecture (the fit's arithmetic); only an embedding family goes without.
        (lambda d: d["families"]["gpt-oss-20b"].pop("architecture"),
         "families.gpt-oss-20b.architecture: expected an object (the family of a chat model, models[0], needs"),
        (lambda d: d["models"][2].update(kind="chat", expert_bytes=1),
         "families.granite-embedding-107m-multilingual.architecture: expected an object"),
        (lambda d: d["models"][2].pop("kind"), "families.granite-embedding-107m-multilingual.architecture"),
        (lambda d: d["models"][0].pop("expert_bytes"), "models[0].expert_bytes: expected a positive whole number"),
        (lambda d: d["models"][2].update(expert_bytes=-1), "models[2].expert_bytes: expected a whole number or null"),
    ],
)
def test_a_malformed_catalog_is_refused_naming_the_field(change, message):
    data = json.loads(default_catalog_path().read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(CatalogError, match=re.escape(message)):
        parse_catalog(data)


def test_kind_is_optional_and_an_embedding_model_needs_no_architecture_nor_experts():
    data = json.loads(default_catalog_path().read_text(encoding="utf-8"))
    data["models"][0]["kind"] = "chat"
    data["models"][2]["expert_bytes"] = 0
    catalog = parse_catalog(data)
    assert catalog.get("gpt-oss-20b").kind == "chat" and catalog.get(EMBEDDING).expert_bytes == 0

    # An embedding family may still describe its architecture: it is read, and nothing asks for it.
    data["families"][EMBEDDING]["architecture"] = data["families"]["gpt-oss-20b"]["architecture"]
    assert parse_catalog(data).get(EMBEDDING).family.architecture.block_count == 24


def test_the_fit_refuses_an_embedding_model_by_name():
    with pytest.raises(ValueError, match=f"{EMBEDDING} is not a chat model"):
        ModelSpec.from_catalog(load_catalog().get(EMBEDDING))


def test_an_unreadable_catalog_file_gives_one_line(tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"is not valid JSON \(line 1\)"):
        load_catalog(broken)
    with pytest.raises(CatalogError, match="Cannot read the model catalog"):
        load_catalog(tmp_path / "missing.json")


def test_an_unknown_model_name_lists_the_known_ones():
    with pytest.raises(CatalogError, match="known: gpt-oss-20b, gpt-oss-120b"):
        load_catalog().get("gpt-5")


def test_refresh_fills_exact_sizes_and_sha256_from_the_hub(fake_hub):
    entry = publish(fake_hub, "m", "test-org/m-GGUF", {"a.gguf": b"a" * 1000, "b.gguf": b"b" * 24})
    assert not entry.sizes_exact

    fresh = refresh_from_hub(entry)

    assert [(f.size, f.sha256) for f in fresh.files] == [
        (blob.size, blob.sha256) for blob in fake_hub.repos["test-org/m-GGUF"].values()
    ]
    assert fresh.sizes_exact and fresh.total_bytes == 1024
    assert [r.path for r in fake_hub.requests("hub")] == ["/api/models/test-org/m-GGUF/revision/main?blobs=true"]


def test_refresh_needs_the_network_and_says_so_offline(fake_hub, monkeypatch):
    entry = publish(fake_hub, "m", "test-org/m-GGUF", {"a.gguf": b"a"})
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(hub.HubOffline, match="Offline mode is on"):
        refresh_from_hub(entry)
    assert fake_hub.log == []


def test_refresh_of_a_repository_the_hub_does_not_have(fake_hub):
    entry = parse_catalog(catalog_data({"m": ("test-org/gone", ["a.gguf"])})).get("m")
    with pytest.raises(hub.HubError, match="test-org/gone was not found on http://127.0.0.1"):
        refresh_from_hub(entry)


def test_refresh_when_a_file_left_the_repository(fake_hub):
    publish(fake_hub, "m", "test-org/m-GGUF", {"a.gguf": b"a"})
    entry = parse_catalog(catalog_data({"m": ("test-org/m-GGUF", ["a.gguf", "b.gguf"])})).get("m")
    with pytest.raises(hub.HubError, match="b.gguf is not in test-org/m-GGUF any more"):
        refresh_from_hub(entry)


def test_an_unreachable_hub_is_a_transient_error(fake_hub, monkeypatch):
    entry = publish(fake_hub, "m", "test-org/m-GGUF", {"a.gguf": b"a"})
    fake_hub.stop()
    with pytest.raises(hub.HubUnreachable, match="Could not reach http://127.0.0.1") as caught:
        refresh_from_hub(entry)
    assert caught.value.transient
