"""Plain data for one conversation as the engine sees it: messages, generation parameters."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["user", "assistant"]
ReasoningEffort = Literal["low", "medium", "high"]
REASONING_EFFORTS: tuple[ReasoningEffort, ...] = ("low", "medium", "high")


@dataclass(frozen=True)
class ChatMessage:
    """One turn. An assistant's reasoning (harmony's analysis channel) is kept apart from its answer."""

    role: Role
    content: str
    reasoning: str = ""


@dataclass(frozen=True)
class GenerationParams:
    """What shapes one reply. Defaults are OpenAI's recommendation for gpt-oss."""

    system_prompt: str = ""
    reasoning_effort: ReasoningEffort = "medium"
    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 0
    min_p: float = 0.0
    max_tokens: int = 8192
    seed: int | None = None
    # None means today; fixed in tests and reproducible runs.
    current_date: _dt.date | None = None
    # Mark-up for tests and constrained output only: called with (token ids so far, logits) like llama.cpp's processors.
    logits_processor: object | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.reasoning_effort not in REASONING_EFFORTS:
            raise ValueError(f"reasoning effort must be one of {REASONING_EFFORTS}, not {self.reasoning_effort!r}")
        if self.max_tokens < 1:
            raise ValueError("max_tokens must be at least 1")
