"""LlamaEngine on the real llama.cpp with the tiny gpt-oss GGUF: load, stream, stop, prefix reuse, and the traps."""

from __future__ import annotations

import threading

import gguf
import numpy as np
import pytest

from app.core.chat import ChatMessage, GenerationParams
from app.core.engine import EngineError, Finished, GenerationStats, LoadCancelled, LoadSettings, TextDelta
from app.core.engines.llama.engine import LlamaEngine
from app.core.models.gguf_inspect import inspect_gguf
from app.core.store import as_history
from tests.support.forced_output import ForcedTokens, harmony_tokens
from tests.support.tiny_gguf import LONG_TOKEN_TEXT, tiny_vocab, write_random_bytes, write_tiny_gpt_oss

GREEDY = {"temperature": 0.0}


@pytest.fixture(scope="module")
def engine(tiny_gpt_oss):
    engine = LlamaEngine()
    engine.load(tiny_gpt_oss, LoadSettings(n_ctx=8192, n_batch=512))
    yield engine
    engine.unload()


def run(engine, messages, stop=None, **params):
    events = list(engine.generate(messages, GenerationParams(**params), stop or threading.Event()))
    assert isinstance(events[-1], Finished)
    assert all(isinstance(e, TextDelta) for e in events[:-1])
    return events[:-1], events[-1].stats


def text_of(deltas, channel):
    return "".join(d.text for d in deltas if d.channel == channel)


def test_load_reports_the_model(engine, tiny_gpt_oss):
    info = engine.model_info
    assert info.architecture == "gpt-oss" and info.is_harmony
    assert info.n_ctx == 8192 and info.path == tiny_gpt_oss
    assert info.chat_template_warning == ""


def test_streams_tokens_with_stats(engine):
    # The tiny model never ends by itself (tests/support/tiny_gguf.py): its reply is as long as asked on any CPU.
    deltas, stats = run(engine, [ChatMessage("user", "hello")], max_tokens=24, seed=7)
    assert stats.generated_tokens == 24 and stats.stop_reason == "max_tokens"
    assert stats.prompt_tokens == stats.prompt_tokens_evaluated + stats.prompt_tokens_reused
    assert stats.time_to_first_token_s > 0 and stats.tokens_per_second > 0
    assert all("<|" not in d.text for d in deltas)


def test_forced_harmony_reply_is_split_into_channels(engine):
    llm = engine.llama
    vocab = tiny_vocab()
    script = harmony_tokens(llm, "<|channel|>analysis<|message|>The user says hello.<|end|>"
                                 "<|start|>assistant<|channel|>final<|message|>Hello")
    script += [vocab.long_token_id, vocab.byte_token_id(0xFF)] + harmony_tokens(llm, " world<|return|>")
    deltas, stats = run(engine, [ChatMessage("user", "hi")], logits_processor=ForcedTokens(script))
    assert text_of(deltas, "analysis") == "The user says hello."
    reasoning = harmony_tokens(llm, "The user says hello.")
    assert stats.reasoning_tokens == len(reasoning) + 1  # and the <|end|> that closes the analysis
    # A token longer than 32 bytes comes out whole; the invalid byte becomes U+FFFD and the text goes on.
    assert text_of(deltas, "final") == f"Hello{LONG_TOKEN_TEXT}\ufffd world"
    assert stats.stop_reason == "end" and stats.generated_tokens == len(script)


def test_invalid_utf8_does_not_stall_the_stream(engine):
    """After a stray byte, each following token still arrives as its own delta, not all at the end."""
    llm = engine.llama
    vocab = tiny_vocab()
    tail = harmony_tokens(llm, " the world is a long way from here and then some more")
    script = harmony_tokens(llm, "<|channel|>final<|message|>ok") + [vocab.byte_token_id(0xE6)] + tail
    script += harmony_tokens(llm, "<|return|>")
    deltas, _ = run(engine, [ChatMessage("user", "hi")], logits_processor=ForcedTokens(script))
    final = [d.text for d in deltas if d.channel == "final"]
    assert "".join(final) == "ok\ufffd the world is a long way from here and then some more"
    assert len(final) >= len(tail)


def test_stop_during_generation_costs_at_most_one_token(engine):
    forced = ForcedTokens(harmony_tokens(engine.llama, "<|channel|>final<|message|>" + " hello" * 400))
    stop = threading.Event()
    generated_when_stopped = None
    stats = None
    for event in engine.generate([ChatMessage("user", "go")], GenerationParams(logits_processor=forced), stop):
        if isinstance(event, TextDelta) and forced.calls >= 10 and not stop.is_set():
            stop.set()
            generated_when_stopped = forced.calls
        if isinstance(event, Finished):
            stats = event.stats
    assert stats.stop_reason == "stopped"
    assert stats.generated_tokens <= generated_when_stopped + 1


class _StopAfterChecks(threading.Event):
    """Becomes set after the engine has looked at it `checks` times: a stop pressed during a given batch."""

    def __init__(self, checks: int) -> None:
        super().__init__()
        self.remaining = checks

    def is_set(self) -> bool:
        self.remaining -= 1
        if self.remaining < 0:
            self.set()
        return super().is_set()


def test_stop_during_a_long_prompt_lands_within_one_batch(engine):
    engine.clear_cache()
    long_text = " hello world" * 2000  # about 4,000 tokens
    messages = [ChatMessage("user", long_text)]
    assert engine.count_tokens(messages, GenerationParams()) > 4000
    events = list(engine.generate(messages, GenerationParams(), _StopAfterChecks(2)))
    stats = events[-1].stats
    assert stats.stop_reason == "stopped" and stats.generated_tokens == 0
    assert stats.prompt_tokens_evaluated == 2 * 512


HISTORY = [
    ChatMessage("user", " hello" * 120),
    ChatMessage("assistant", " the world" * 80, reasoning="thinking about it"),
]


def test_second_turn_evaluates_only_new_tokens(engine):
    engine.clear_cache()
    first = [ChatMessage("user", " hello" * 120)]
    _, stats1 = run(engine, first, max_tokens=8, **GREEDY)
    assert stats1.prompt_tokens_reused == 0
    second = [*HISTORY, ChatMessage("user", "and then?")]
    _, stats2 = run(engine, second, max_tokens=8, **GREEDY)
    assert stats2.prompt_tokens_reused >= stats1.prompt_tokens
    assert stats2.prompt_tokens_evaluated == stats2.prompt_tokens - stats2.prompt_tokens_reused
    assert stats2.prompt_tokens_evaluated < stats2.prompt_tokens - stats1.prompt_tokens + 2


def test_output_after_prefix_reuse_equals_a_fresh_run(engine):
    """A reply that branches off long after the 128-token sliding window began must compute what a fresh evaluation
    computes. The same tokens are forced in both runs and the model's own logits compared at each step within a
    float tolerance: comparing sampled words would hinge on near-ties that other CPUs' kernels round the other way.

    The first prompt outgrows the sliding-window layers' cache (window + batch) and the second shares only its start:
    with swa_full=False the cells before the branch point are gone and the logits differ by ~24 (0.24 with it)."""
    first = [ChatMessage("user", " hello" * 120 + " world" + " the" * 1500)]
    second = [ChatMessage("user", " hello" * 120 + " and then?")]
    script = harmony_tokens(engine.llama, " the world is a long way from here" * 2)
    normal_tokens = slice(0, tiny_vocab().control_ids.start)  # control tokens sit near -750: compare the rest

    def logits_after(reuse: bool):
        engine.clear_cache()
        if reuse:
            run(engine, first, max_tokens=4, **GREEDY)
        forced = ForcedTokens(script, record=True)
        _, stats = run(engine, second, max_tokens=len(script), logits_processor=forced)
        return np.array(forced.logits)[:, normal_tokens], stats

    reused, reused_stats = logits_after(reuse=True)
    fresh, fresh_stats = logits_after(reuse=False)
    assert reused_stats.prompt_tokens_reused > 128 and fresh_stats.prompt_tokens_reused == 0
    assert reused.shape == fresh.shape and len(reused) == len(script)
    np.testing.assert_allclose(reused, fresh, atol=0.25 * fresh.std())


def test_regenerating_the_same_prompt_reevaluates_its_last_token(engine):
    messages = [ChatMessage("user", "same question")]
    run(engine, messages, max_tokens=4, **GREEDY)
    first, _ = run(engine, messages, max_tokens=12, **GREEDY)
    again, stats = run(engine, messages, max_tokens=12, **GREEDY)
    assert stats.prompt_tokens_evaluated == 1
    assert again == first


def reply_into_store(engine, store, conversation_id: int, **params) -> GenerationStats:
    """One turn as the window runs it: the conversation's history from the store, the reply saved back."""
    deltas, stats = run(engine, as_history(store.messages(conversation_id)), **params)
    store.add_message(conversation_id, "assistant", text_of(deltas, "final"), reasoning=text_of(deltas, "analysis"))
    return stats


def test_a_fork_of_the_last_conversation_generated_evaluates_only_the_new_tokens(engine, store):
    """The original's reply is forced to a plain answer, so the KV cache holds exactly what the fork's history
    renders (the reply's closing <|return|> aside, which history writes as <|end|>): the fork's first reply
    evaluates only the new question and its framing."""
    llm = engine.llama
    engine.clear_cache()
    original = store.create_conversation(title="Capitals").id
    store.add_message(original, "user", "What is the capital of France?" + " Please explain." * 60)
    answer = harmony_tokens(llm, "<|channel|>final<|message|>Paris is the capital of France.<|return|>")
    first = reply_into_store(engine, store, original, logits_processor=ForcedTokens(answer))
    assert first.prompt_tokens_reused == 0 and first.generated_tokens == len(answer)

    fork = store.fork(store.messages(original)[-1].id)
    store.add_message(fork.id, "user", "And of Japan?")
    new_tokens = (harmony_tokens(llm, "<|end|><|start|>user<|message|>")
                  + llm.tokenize(b"And of Japan?", add_bos=False, special=False)
                  + harmony_tokens(llm, "<|end|><|start|>assistant"))
    forked = reply_into_store(engine, store, fork.id, max_tokens=4, **GREEDY)
    assert forked.prompt_tokens_reused == first.prompt_tokens + len(answer) - 1
    assert forked.prompt_tokens_evaluated == len(new_tokens)

    # Had another conversation been generated since, the fork's history would be evaluated again.
    elsewhere = store.create_conversation().id
    store.add_message(elsewhere, "user", "Something else entirely.")
    reply_into_store(engine, store, elsewhere, max_tokens=4, **GREEDY)
    store.delete_message(store.messages(fork.id)[-1].id)
    again = reply_into_store(engine, store, fork.id, max_tokens=4, **GREEDY)
    assert again.prompt_tokens_evaluated > first.prompt_tokens // 2


def test_a_forks_first_reply_costs_what_going_on_in_the_original_would(engine, store):
    """A reply with reasoning: history drops the reasoning, so going on in the original also evaluates the answer
    again. The fork evaluates exactly as many tokens as the original would for the same question."""
    engine.clear_cache()
    script = "<|channel|>analysis<|message|>Waves.<|end|><|start|>assistant<|channel|>final<|message|>Blue.<|return|>"
    original = store.create_conversation().id
    store.add_message(original, "user", "Tell me about the sea." * 30)
    reply_into_store(engine, store, original, logits_processor=ForcedTokens(harmony_tokens(engine.llama, script)))
    fork = store.fork(store.messages(original)[-1].id)
    store.add_message(fork.id, "user", "And the sky?")
    forked = reply_into_store(engine, store, fork.id, max_tokens=4, **GREEDY)

    # The original's reply written again (it is then the last generated), and the same question there.
    store.delete_message(store.messages(original)[-1].id)
    reply_into_store(engine, store, original, logits_processor=ForcedTokens(harmony_tokens(engine.llama, script)))
    store.add_message(original, "user", "And the sky?")
    going_on = reply_into_store(engine, store, original, max_tokens=4, **GREEDY)
    assert forked.prompt_tokens == going_on.prompt_tokens
    assert forked.prompt_tokens_evaluated == going_on.prompt_tokens_evaluated
    assert forked.prompt_tokens_reused > forked.prompt_tokens - 30


def test_a_conversation_longer_than_the_context_is_refused_with_a_message(tiny_gpt_oss):
    engine = LlamaEngine()
    engine.load(tiny_gpt_oss, LoadSettings(n_ctx=256))
    with pytest.raises(EngineError, match="context holds 256"):
        list(engine.generate([ChatMessage("user", " hello" * 400)], GenerationParams(), threading.Event()))
    engine.unload()


def test_loading_a_bad_file_gives_the_inspectors_message(tmp_path):
    bad = write_random_bytes(tmp_path / "noise.gguf", 4096)
    with pytest.raises(EngineError, match="noise.gguf"):
        LlamaEngine().load(bad)


@pytest.mark.parametrize("claims", [{"architecture": "bert"}, {"pooling_type": gguf.PoolingType.MEAN}],
                         ids=["encoder", "decoder-with-pooling"])
def test_an_embedding_model_is_refused_for_chat_with_a_message(tmp_path, claims):
    path = write_tiny_gpt_oss(tmp_path / "embedder.gguf", chat_template=None, **claims)

    assert inspect_gguf(path).embedding_only
    engine = LlamaEngine()
    with pytest.raises(EngineError, match="embedder.gguf is an embedding model"):
        engine.load(path)
    assert engine.model_info is None


def test_cancelling_a_load(tiny_gpt_oss):
    seen = []

    def on_progress(fraction):
        seen.append(fraction)
        return False

    engine = LlamaEngine()
    with pytest.raises(LoadCancelled):
        engine.load(tiny_gpt_oss, LoadSettings(n_ctx=512), on_progress)
    assert seen and engine.model_info is None


def test_load_progress_reaches_one(tiny_gpt_oss):
    seen = []
    engine = LlamaEngine()
    engine.load(tiny_gpt_oss, LoadSettings(n_ctx=512), lambda f: seen.append(f) or True)
    engine.unload()
    assert seen[-1] == pytest.approx(1.0)
