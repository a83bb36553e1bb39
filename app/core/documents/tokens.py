"""A text's tokens as the loaded model counts them in a message, for sizing attachments, passages and views; an
estimate when no model is loaded."""

from __future__ import annotations

from collections.abc import Callable

from app.core.chat import ChatMessage, GenerationParams
from app.core.documents.browser.pages import estimate_tokens
from app.core.engine import Engine
from app.core.engines.bridge import EngineBridge


def text_tokens(engine: Engine, text: str) -> int:
    """On the engine's thread: the loaded model's count of a text's tokens in a message (an estimate without one)."""
    if engine.model_info is None:
        return estimate_tokens(text)
    params = GenerationParams()
    return max(0, engine.count_tokens([ChatMessage("user", text)], params)
               - engine.count_tokens([ChatMessage("user", "")], params))


def token_counter(bridge: EngineBridge) -> Callable[[str], int]:
    """For threads other than the engine's: counts through it (the model belongs to that thread)."""
    return lambda text: bridge.call(lambda engine: text_tokens(engine, text)).result()
