"""The core's English messages in the interface language: every message the windows can show (refused settings,
models that do not load, replies that fail, downloads that stop, the hub's answers) matches a template of
app.ui.core_messages, so a change of wording in the core fails here instead of silently showing English; and the
Japanese reads whole."""

from __future__ import annotations

import re
import struct
import threading
from dataclasses import replace
from pathlib import Path

import gguf
import numpy as np
import pytest
from PySide6.QtCore import QLocale

from app.core.chat import ChatMessage, GenerationParams
from app.core.downloads.downloader import DownloadOptions, discard_partial, download_model
from app.core.downloads.transfer import DownloadError, RetryPolicy
from app.core.engine import EngineError, LoadSettings
from app.core.engines.llama.engine import LlamaEngine
from app.core.engines.llama.load_errors import explain_load_failure
from app.core.engines.llama.templates import NO_TEMPLATE_WARNING
from app.core.models.catalog import parse_catalog
from app.core.models.gguf_inspect import GGUFError, inspect_gguf
from app.core.models.hub import OFFLINE_MESSAGE
from app.core.models.registry import ModelRegistry
from app.core.settings import RULES, Settings, check, from_json, load_settings, section_problems
from app.ui.core_messages import template_for, translate_core
from app.ui.model_controller import ModelState
from tests.support.fake_hub import Switches, catalog_data, publish
from tests.support.interface_language import interface_language
from tests.support.scripted_engine import ScriptedLoad
from tests.support.tiny_gguf import write_random_bytes, write_split_gpt_oss, write_tiny_gpt_oss, write_truncated
from tests.ui.conftest import MODEL, make_window


@pytest.fixture
def japanese(qapp):
    with interface_language(qapp, "ja"):
        yield


def settings_messages(tmp_path: Path) -> list[str]:
    messages = [check(section, name, object()) for section, name in RULES]  # nothing allows an object()
    messages.append(check("chat", "colour", "blue"))
    messages += section_problems(replace(Settings(), load=replace(Settings().load, kv_cache_type="q4_0",
                                                                  flash_attn=False)))
    messages += from_json([])[1]
    messages += from_json({"chat": {"temperature": 9}, "load": {"kv_cache_type": "q8_0", "flash_attn": False}})[1]
    unreadable = tmp_path / "settings.json"
    unreadable.write_text("{", encoding="utf-8")
    return messages + load_settings(unreadable)[1]


def load_messages() -> list[str]:
    logs = (["ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer"],
            ["llama_model_load: error loading model: unknown model architecture: 'odd'"],
            ["llama_model_load: error loading model: missing tensor 'blk.0.attn_q.weight'"],
            ["llama_model_load_from_file_impl: failed to load model", "some other error: bad things"])
    return [explain_load_failure(Path("gpt-oss-20b-mxfp4.gguf"), log, ValueError("x")) for log in logs]


def gguf_messages(tmp_path: Path) -> list[str]:
    tmp_path.mkdir()
    tiny = write_tiny_gpt_oss(tmp_path / "tiny.gguf", chat_template=None)
    header = struct.pack("<IIQQ", gguf.GGUF_MAGIC, 3, 0, 0)
    broken = {
        "empty.gguf": b"",
        "cut.gguf": tiny.read_bytes()[:4096],
        "old.gguf": struct.pack("<IIQQ", gguf.GGUF_MAGIC, 1, 0, 0),
        "nameless.gguf": header + bytes(64),
        "damaged.gguf": struct.pack("<IIQQ", gguf.GGUF_MAGIC, 3, 0, 1) + struct.pack("<Q", 3) + b"key"
        + struct.pack("<I", 99) + bytes(64),
    }
    paths = [tmp_path / name for name in broken]
    for path, content in zip(paths, broken.values()):
        path.write_bytes(content)
    for folder in ("split", "renamed"):
        (tmp_path / folder).mkdir()
    first, second, _ = write_split_gpt_oss(tmp_path / "split")
    second.unlink()
    renamed = write_split_gpt_oss(tmp_path / "renamed")[0].rename(tmp_path / "renamed" / "big-model.gguf")
    (tmp_path / "folder.gguf").mkdir()
    paths += [write_random_bytes(tmp_path / "random.gguf", 4096),
              write_truncated(tiny, tmp_path / "half.gguf", keep_fraction=0.5),
              write_tiny_gpt_oss(tmp_path / "odd.gguf", chat_template=None, architecture="not-a-real-arch"),
              first, renamed, tmp_path / "split-only-00002-of-00003.gguf", tmp_path / "folder.gguf"]
    (tmp_path / "split-only-00002-of-00003.gguf").write_bytes(b"")
    messages = []
    for path in paths:
        with pytest.raises(GGUFError) as caught:
            inspect_gguf(path)
        messages.append(str(caught.value))
    return messages


def engine_messages(tmp_path: Path) -> list[str]:
    engine = LlamaEngine()
    messages = []
    with pytest.raises(EngineError) as caught:
        engine.count_tokens([ChatMessage("user", "hello")], GenerationParams())
    messages.append(str(caught.value))
    with pytest.raises(EngineError) as caught:
        engine.load(write_tiny_gpt_oss(tmp_path / "encoder.gguf", chat_template=None, architecture="bert"))
    messages.append(str(caught.value))
    engine.load(write_tiny_gpt_oss(tmp_path / "small.gguf", chat_template=None), LoadSettings(n_ctx=256))
    try:
        with pytest.raises(EngineError) as caught:
            next(engine.generate([ChatMessage("user", "word " * 400)], GenerationParams(), threading.Event()))
        messages.append(str(caught.value))
    finally:
        engine.unload()
    return messages + [NO_TEMPLATE_WARNING]


def download_messages(fake_hub, tmp_path: Path, monkeypatch) -> list[str]:
    """Why downloads stop and what the hub answers, each made to happen against the loopback hub."""
    registry = ModelRegistry(tmp_path / "models.json", tmp_path / "models")
    data = np.random.default_rng(7).bytes(2 * 1024 * 1024)
    entry = publish(fake_hub, "tiny", "test-org/tiny-GGUF", {"tiny.gguf": data})
    once = RetryPolicy(attempts=1)
    twice = RetryPolicy(attempts=2, first_delay_s=0.01, max_delay_s=0.01)
    attempts = [
        (lambda: setattr(fake_hub.switches, "flip_byte_at", 1000), once),
        (lambda: fake_hub.switches.fail_statuses.extend([403]), once),
        (lambda: fake_hub.switches.fail_statuses.extend([503, 503]), twice),
        (lambda: setattr(fake_hub.switches, "drop_after_bytes", 1000), once),
    ]
    messages = []
    for misbehave, retry in attempts:
        fake_hub.switches = Switches()
        misbehave()
        with pytest.raises(DownloadError) as caught:
            download_model(entry, registry=registry, options=DownloadOptions(retry=retry))
        messages.append(str(caught.value))
        discard_partial(entry, registry)
    fake_hub.switches = Switches()
    (tmp_path / "not-a-folder").write_text("")
    blocked = ModelRegistry(tmp_path / "blocked.json", tmp_path / "not-a-folder" / "models")
    unpublished = publish(fake_hub, "gone", "test-org/gone-GGUF", {"gone.gguf": data})
    renamed = parse_catalog(catalog_data({"renamed": ("test-org/gone-GGUF", ["other-name.gguf"])})).get("renamed")
    missing_repo = parse_catalog(catalog_data({"missing": ("test-org/missing-GGUF", ["m.gguf"])})).get("missing")
    for model, where in ((entry, blocked), (renamed, registry), (missing_repo, registry)):
        with pytest.raises(DownloadError) as caught:
            download_model(model, registry=where, options=DownloadOptions(free_space=lambda folder: None))
        messages.append(str(caught.value))
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(DownloadError) as caught:
        download_model(unpublished, registry=registry)
    return messages + [str(caught.value), OFFLINE_MESSAGE]


def test_every_message_a_download_shows_has_a_template(fake_hub, tmp_path, monkeypatch):
    messages = download_messages(fake_hub, tmp_path, monkeypatch)
    assert len(messages) == 9
    unknown = [line for message in messages for line in message.split("\n") if template_for(line) is None]
    assert unknown == []


def test_a_stopped_download_reads_whole_in_japanese(fake_hub, tmp_path, monkeypatch, japanese):
    messages = download_messages(fake_hub, tmp_path, monkeypatch)
    translated = [translate_core(message) for message in messages]
    assert translated[0].startswith("tiny.gguf は壊れた状態で届いたため")
    assert translated[2] == ("tiny.gguf: サーバーの応答が 503 でした (2 回試行)。途中までのファイルは残してあります。"
                             "もう一度ダウンロードを始めると続きから再開します。")
    assert all(re.search("[ぁ-んァ-ヶ]", text) for text in translated), translated  # none left in English


def test_every_message_the_chat_window_shows_has_a_template(tmp_path):
    messages = (settings_messages(tmp_path) + load_messages() + gguf_messages(tmp_path / "gguf")
                + engine_messages(tmp_path))
    unknown = [line for message in messages for line in message.split("\n") if template_for(line) is None]
    assert unknown == []


def test_refused_settings_read_as_one_japanese_sentence(japanese):
    message = check("chat", "temperature", 5)
    assert translate_core(message) == "chat.temperature には0～2 の数値を指定してください (5 は指定できません)。"
    warning = from_json({"load": {"n_ctx": 10**6}})[1][0]
    assert translate_core(warning) == ("load.n_ctx には256～131,072 の整数を指定してください (1,000,000 は指定できま"
                                       "せん)。既定値を使います。")


def test_numbers_follow_the_locale_and_unknown_text_stays(qapp):
    saved = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    try:
        assert "16.384" in translate_core("The conversation needs 20000 tokens but the context holds 16384. Start a "
                                          "new conversation or load the model with a larger context.")
    finally:
        QLocale.setDefault(saved)
    assert translate_core("Something nobody wrote a template for.") == "Something nobody wrote a template for."


def test_a_model_that_does_not_load_is_explained_in_japanese(japanese, qtbot, store, engine, tmp_path):
    empty = tmp_path / "empty.gguf"
    empty.touch()
    with pytest.raises(GGUFError) as caught:
        inspect_gguf(empty)
    engine.loads.append(ScriptedLoad(error=str(caught.value)))
    window = make_window(qtbot, store, engine)
    with qtbot.waitSignal(window.model.loadFailed) as failed:
        window.model.load(MODEL)
    assert failed.args == ["empty.gguf は空のファイルで、モデルファイルではありません。"
                           "もう一度ダウンロードしてください。"]
    assert window.model.state is ModelState.NONE
