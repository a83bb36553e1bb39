"""The interface language, English or Japanese: the system's unless the settings choose one.

It is chosen once, at startup, before any window exists: widgets take their text when they are built, so a change
in the settings applies the next time the app starts (the settings dialog says so).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.paths import assets_dir

log = logging.getLogger(__name__)

INTERFACE_LANGUAGES = ("en", "ja")  # the source strings are English; en.qm holds only their plural forms
CATALOG = "gpt_oss_chat"  # assets/translations/gpt_oss_chat_<language>.qm
_INSTALLED = "gptOssChatTranslator"  # object name of the translators installed here, so a later call replaces them


def translations_dir() -> Path:
    return assets_dir() / "translations"


def resolve_language(setting: str, system: QLocale) -> str:
    """The language for a setting ('system', 'en' or 'ja'): for 'system', the first of the system's preferred
    languages the app speaks, else English."""
    if setting in INTERFACE_LANGUAGES:
        return setting
    for tag in system.uiLanguages():
        language = tag.split("-")[0]
        if language in INTERFACE_LANGUAGES:
            return language
    return "en"


def ui_locale() -> QLocale:
    """The locale numbers and dates are written in: the default one, except that a system with no locale set ("C",
    POSIX) writes them as English does (8,192, not 8192)."""
    locale = QLocale()
    return QLocale(QLocale.Language.English) if locale.language() == QLocale.Language.C else locale


def install_translator(app: QCoreApplication, language: str, system: QLocale | None = None) -> str:
    """Put the interface language in force for `app`; returns it ('en' or 'ja').

    Installs the app's translation and Qt's own (the standard buttons and dialogs), and makes numbers and dates
    follow the language while keeping the system's region. Replaces what an earlier call installed.
    """
    system = QLocale.system() if system is None else system
    chosen = resolve_language(language, system)
    remove_translators(app)
    catalogs = [(f"{CATALOG}_{chosen}", translations_dir())]
    if chosen != "en":  # Qt's source strings are English
        catalogs.insert(0, (f"qtbase_{chosen}", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))))
    for name, folder in catalogs:  # installed last, asked first: the app's own wording wins over Qt's
        translator = QTranslator(app)
        translator.setObjectName(_INSTALLED)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
        else:
            log.warning("no translation %s in %s", name, folder)
            translator.deleteLater()
    language_code = QLocale(chosen).language()
    QLocale.setDefault(system if system.language() == language_code else QLocale(language_code, system.territory()))
    return chosen


def remove_translators(app: QCoreApplication) -> None:
    """Take out the translations install_translator put in: the source strings (English) show again."""
    for old in app.findChildren(QTranslator, _INSTALLED):
        app.removeTranslator(old)
        old.setObjectName("")
        old.deleteLater()
