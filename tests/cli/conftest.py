from __future__ import annotations

from dataclasses import replace

import pytest

import app.cli.run as run_module
from app.core.turn import run_turn
from tests.support.forced_output import ForcedTokens, harmony_tokens


@pytest.fixture
def forced_model(monkeypatch, tiny_engine_factory):
    """`run --model` in this process, the tiny model made to write a script across the turn (calls, then an answer).
    Returns the list of the message lists each turn was given, as the model read them."""
    turns = []

    def forced(script_text: str):
        processor = ForcedTokens(harmony_tokens(tiny_engine_factory(2048).llama, script_text))

        def run_turn_forced(engine, messages, params, *rest):
            turns.append(messages)
            return run_turn(engine, messages, replace(params, logits_processor=processor), *rest)

        monkeypatch.setattr(run_module, "run_turn", run_turn_forced)
        return turns

    return forced
