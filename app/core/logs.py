"""The app's log: rotated files in the platformdirs log folder, readable by the user only.

Privacy: at the default level the log holds what happened (model loaded, reply finished, error class and message),
never what was said. Conversation text, prompts and API keys are only ever logged by code paths guarded by
`debug_logging`, which the settings dialog labels as including conversation text.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "gpt-oss-chat.log"
_MAX_BYTES = 2 * 1024 * 1024
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _PrivateRotatingFileHandler(RotatingFileHandler):
    def _open(self):
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def configure_logging(log_folder: Path, *, debug: bool) -> Path:
    """Send the app's log records to a rotated file; returns its path. Safe to call again (replaces the handler)."""
    log_folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_folder / LOG_NAME
    stop_logging()
    root = logging.getLogger()
    handler = _PrivateRotatingFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # llama.cpp's own log is chatty and, in debug builds, can echo prompt pieces: only with debug logging on.
    logging.getLogger("llama.cpp").setLevel(logging.DEBUG if debug else logging.WARNING)
    return path


def stop_logging() -> None:
    """Close the app's log file (before configuring another, and in tests)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _PrivateRotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.WARNING)  # Python's default
