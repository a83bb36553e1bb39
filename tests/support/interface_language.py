"""An interface language for one test, as run_gui installs it at startup; English and the default locale after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLocale

from app.ui.i18n import install_translator, remove_translators


@contextmanager
def interface_language(app: QCoreApplication, language: str) -> Iterator[str]:
    saved = QLocale()
    try:
        yield install_translator(app, language)
    finally:
        remove_translators(app)
        QLocale.setDefault(saved)
