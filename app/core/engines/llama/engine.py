"""`LlamaEngine`: the Engine on llama-cpp-python, driving `Llama.generate()` token by token.

Why not `create_completion(stream=True)`: it re-detokenizes the whole reply on every token (cost grows with length),
drops tokens over 32 bytes, can stall on invalid UTF-8, and cannot take harmony's reasoning effort. We render the
prompt ourselves, evaluate it in batches (so a stop lands within one batch), let `generate()` reuse the KV prefix of
the previous turn, and turn tokens into text with app.core.engines.llama.tokens.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import llama_cpp
import psutil

from app.core.chat import ChatMessage, GenerationParams
from app.core.engine import (
    EngineError,
    EngineEvent,
    Finished,
    GenerationStats,
    LoadCancelled,
    LoadProgress,
    LoadSettings,
    ModelInfo,
    StopReason,
)
from app.core.engines.llama import log as llama_log
from app.core.engines.llama.load_errors import explain_load_failure
from app.core.engines.llama.loader import create_llama
from app.core.engines.llama.templates import NO_TEMPLATE_WARNING, PlainPrompt, StopText, TemplatePrompt
from app.core.engines.llama.tokens import TokenPieces, Utf8Stream
from app.core.models.gguf_inspect import GGUFError, inspect_gguf, is_harmony_model
from app.core.prompts.harmony import prompt_parts
from app.core.prompts.parser import HarmonyParser, ReplyEnd

_log = logging.getLogger(__name__)
_TOKEN_CACHE_PARTS = 4096  # message parts remembered with their tokens; cleared when full


def default_threads() -> int:
    """One thread per physical core, as llama.cpp itself picks: hyper-threads slow its matrix kernels down."""
    return max(1, psutil.cpu_count(logical=False) or os.cpu_count() or 1)


class LlamaEngine:
    """Not thread-safe: one thread owns it (see app/core/engine.py)."""

    def __init__(self) -> None:
        self._llm: llama_cpp.Llama | None = None
        self._info: ModelInfo | None = None
        self._pieces: TokenPieces | None = None
        self._template: TemplatePrompt | PlainPrompt | None = None
        self._running: Iterator[int] | None = None  # the llama generator of the last reply, closed before the next
        self._token_cache: dict[tuple[str, bool], list[int]] = {}

    @property
    def model_info(self) -> ModelInfo | None:
        return self._info

    @property
    def llama(self) -> llama_cpp.Llama | None:
        """The loaded model, for benchmarks and tests that compare against the raw library."""
        return self._llm

    # -- loading ---------------------------------------------------------------------------------------------------

    def load(
        self, path: Path, settings: LoadSettings = LoadSettings(), on_progress: LoadProgress | None = None
    ) -> ModelInfo:
        path = Path(path)
        self.unload()
        try:
            report = inspect_gguf(path)  # llama.cpp can abort the process on some malformed files: look first
        except GGUFError as error:
            raise EngineError(str(error)) from error
        if report.embedding_only:
            # llama.cpp would load it, then write nothing sensible (or abort on an encoder's decode).
            raise EngineError(f"{path.name} is an embedding model: it turns text into vectors for searching documents "
                              "by meaning and cannot write replies. Choose a chat model.")
        llama_log.install()
        log_start = llama_log.mark()
        cancelled = threading.Event()

        def progress(fraction: float) -> bool:
            keep_going = on_progress is None or on_progress(fraction) is not False
            if not keep_going:
                cancelled.set()
            return keep_going

        if settings.n_threads is None:
            settings = replace(settings, n_threads=default_threads())
        try:
            llm = create_llama(path, settings, progress)
        except (ValueError, RuntimeError, OSError) as error:
            if cancelled.is_set():
                raise LoadCancelled("Loading was cancelled.") from error
            message = explain_load_failure(path, llama_log.lines_since(log_start), error)
            _log.warning("loading %s failed: %s", path.name, message)
            raise EngineError(message) from error
        is_harmony = is_harmony_model(report)
        warning = ""
        if is_harmony:
            self._template = None
        elif report.chat_template:
            self._template = TemplatePrompt(report.chat_template, _token_text(llm, llm.token_bos()),
                                            _token_text(llm, llm.token_eos()))
        else:
            self._template, warning = PlainPrompt(), NO_TEMPLATE_WARNING
        self._llm = llm
        self._pieces = TokenPieces(llm._model.vocab, special=is_harmony)
        self._info = ModelInfo(
            path=path,
            architecture=report.architecture,
            n_ctx=llm.n_ctx(),
            n_ctx_train=llm._model.n_ctx_train(),
            is_harmony=is_harmony,
            chat_template_warning=warning,
        )
        _log.info("loaded %s (%s, context %d, %d threads, %d GPU layers, experts of %d layers on the CPU)",
                  path.name, report.architecture, self._info.n_ctx, settings.n_threads, settings.n_gpu_layers,
                  settings.n_cpu_moe)
        return self._info

    def unload(self) -> None:
        self._close_running()
        if self._llm is not None:
            self._llm.close()
        self._llm = self._info = self._pieces = self._template = None
        self._token_cache.clear()  # token ids belong to one vocabulary

    # -- prompts ---------------------------------------------------------------------------------------------------

    def prompt_tokens(self, messages: Sequence[ChatMessage], params: GenerationParams) -> list[int]:
        llm = self._require_model()
        if self._template is None:
            tokens: list[int] = []
            for part in prompt_parts(messages, params):
                tokens += self._part_tokens(llm, part.text, part.special)
            return tokens
        text = self._template.render(messages, params)
        add_bos = isinstance(self._template, PlainPrompt) and llama_cpp.llama_vocab_get_add_bos(llm._model.vocab)
        return llm.tokenize(text.encode("utf-8"), add_bos=bool(add_bos), special=True)

    def _part_tokens(self, llm: llama_cpp.Llama, text: str, special: bool) -> list[int]:
        """Harmony parts are tokenized on their own, so a conversation's earlier turns come out the same every turn:
        remember them instead of tokenizing the whole history again (tens of ms per turn for long chats)."""
        key = (text, special)
        tokens = self._token_cache.get(key)
        if tokens is None:
            if len(self._token_cache) >= _TOKEN_CACHE_PARTS:
                self._token_cache.clear()
            tokens = self._token_cache[key] = llm.tokenize(text.encode("utf-8"), add_bos=False, special=special)
        return tokens

    def count_tokens(self, messages: Sequence[ChatMessage], params: GenerationParams) -> int:
        return len(self.prompt_tokens(messages, params))

    # -- generation ------------------------------------------------------------------------------------------------

    def generate(
        self, messages: Sequence[ChatMessage], params: GenerationParams, stop: threading.Event
    ) -> Iterator[EngineEvent]:
        llm = self._require_model()
        self._close_running()
        started = time.perf_counter()
        tokens = self.prompt_tokens(messages, params)
        n_ctx = llm.n_ctx()
        if len(tokens) >= n_ctx:
            raise EngineError(
                f"The conversation needs {len(tokens)} tokens but the context holds {n_ctx}. "
                "Start a new conversation or load the model with a larger context."
            )
        max_tokens = min(params.max_tokens, n_ctx - len(tokens))
        if _log.isEnabledFor(logging.DEBUG):  # debug logging is the one setting under which conversations are logged
            _log.debug("prompt: %s", llm.detokenize(tokens, special=True).decode("utf-8", errors="replace"))
        reused = self._keep_cached_prefix(tokens)
        stats = _StatsClock(started, len(tokens), reused)

        for start in range(reused, len(tokens), llm.n_batch):
            if stop.is_set():
                yield Finished(stats.finish("stopped"))
                return
            batch = tokens[start : start + llm.n_batch]
            llm.eval(batch)
            stats.evaluated += len(batch)

        yield from self._stream_reply(llm, tokens, params, max_tokens, stop, stats)

    # One function on purpose: a call more per token costs measurable speed (bench/engine_overhead.py).
    def _stream_reply(self, llm, tokens, params, max_tokens, stop, stats) -> Iterator[EngineEvent]:  # noqa: PLR0912
        pieces, utf8 = self._pieces, Utf8Stream()
        parser = HarmonyParser()
        stop_text = StopText(self._template.stop_text if self._template else "")
        llm.set_seed(params.seed if params.seed is not None else llama_cpp.LLAMA_DEFAULT_SEED)
        running = self._running = llm.generate(
            tokens,
            temp=params.temperature,
            top_p=params.top_p,
            top_k=params.top_k,
            min_p=params.min_p,
            repeat_penalty=1.0,
            logits_processor=(llama_cpp.LogitsProcessorList([params.logits_processor])
                              if params.logits_processor else None),
        )
        reason: StopReason = "max_tokens"
        cache, ends, push, feed = pieces.cache, pieces.ends, utf8.push, parser.feed
        cut = stop_text.feed if stop_text.active else None
        generated = reasoning = 0
        try:
            # The per-token loop: kept lean because gpt-oss reasons for thousands of tokens.
            for token in running:
                if generated == 0:
                    stats.first_token()
                generated += 1
                piece = cache[token] if token in cache else pieces(token)
                text = push(piece)
                if cut is not None:
                    text = cut(text)
                for event in feed(text):
                    if isinstance(event, ReplyEnd):
                        reason = "end" if event.reason == "return" else "tool_call"
                    else:
                        yield event  # text, or a tool call
                if parser.reasoning:
                    reasoning += 1
                if parser.done or stop_text.hit or token in ends:
                    reason = reason if parser.done else "end"
                    break
                if stop.is_set():
                    reason = "stopped"
                    break
                if generated >= max_tokens:
                    break
        finally:
            stats.generated, stats.reasoning = generated, reasoning
            self._close_running()
        for event in parser.feed(stop_text.feed(utf8.flush()) + stop_text.flush()) + parser.finish():
            if not isinstance(event, ReplyEnd):
                yield event
        finished = stats.finish(reason)
        _log.info("reply: %s", finished.as_dict())  # counts and timings only, never the text
        yield Finished(finished)

    def _keep_cached_prefix(self, tokens: list[int]) -> int:
        """Keep the KV cache for the longest common prefix with the last run; at least one token is evaluated anew
        so the logits are fresh. Returns how many prompt tokens are reused."""
        llm = self._llm
        cached = llm._input_ids
        limit = min(len(cached), len(tokens) - 1)
        reused = 0
        while reused < limit and cached[reused] == tokens[reused]:
            reused += 1
        if reused < llm.n_tokens:
            if not llm._ctx.kv_cache_seq_rm(-1, reused, -1):
                reused = 0
                llm.reset()
                llm._ctx.kv_cache_clear()
            llm.n_tokens = reused
        return reused

    def clear_cache(self) -> None:
        """Forget the KV cache: the next reply evaluates its whole prompt (benchmarks, and after errors)."""
        llm = self._require_model()
        self._close_running()
        llm.reset()
        llm._ctx.kv_cache_clear()

    def _close_running(self) -> None:
        # An abandoned llama generator resumed later yields garbage: always close it.
        if self._running is not None:
            self._running.close()
            self._running = None

    def _require_model(self) -> llama_cpp.Llama:
        if self._llm is None:
            raise EngineError("No model is loaded.")
        return self._llm


class _StatsClock:
    def __init__(self, started: float, prompt_tokens: int, reused: int) -> None:
        self.started = started
        self.prompt_tokens = prompt_tokens
        self.reused = reused
        self.evaluated = 0
        self.generated = 0
        self.reasoning = 0
        self.first_token_at: float | None = None

    def first_token(self) -> None:
        self.first_token_at = time.perf_counter()

    def finish(self, reason: StopReason) -> GenerationStats:
        now = time.perf_counter()
        first = self.first_token_at
        decode_time = now - first if first is not None else 0.0
        return GenerationStats(
            prompt_tokens=self.prompt_tokens,
            prompt_tokens_evaluated=self.evaluated,
            prompt_tokens_reused=self.reused,
            generated_tokens=self.generated,
            time_to_first_token_s=(first - self.started) if first is not None else 0.0,
            tokens_per_second=(self.generated - 1) / decode_time if decode_time > 0 else 0.0,
            total_s=now - self.started,
            stop_reason=reason,
            reasoning_tokens=self.reasoning,
        )


def _token_text(llm: llama_cpp.Llama, token: int) -> str:
    if token < 0:
        return ""
    return llm.detokenize([token], special=True).decode("utf-8", errors="replace")
