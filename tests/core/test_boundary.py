"""app.core never imports Qt: the core runs in the terminal, the benchmarks and the tests without it. Every module of
every subpackage is imported in a fresh interpreter, which then must hold no Qt module; the failure names the module
and line whose import statement brought Qt in, however deep in the chain it is."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import app.core

# Runs in the fresh interpreter: an import hook notes the innermost app module that asked for Qt (the frames between
# it and the hook are importlib's own).
WATCH_QT = """
import importlib, sys
QT = ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')
culprits = []

class QtWatch:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in QT and not culprits:
            frame = sys._getframe(1)
            while frame is not None and not frame.f_globals.get('__name__', '').startswith('app.'):
                frame = frame.f_back
            culprits.append(f"{frame.f_globals['__name__']}, line {frame.f_lineno}" if frame else name)
        return None

sys.meta_path.insert(0, QtWatch())
for name in MODULES:
    importlib.import_module(name)
    if culprits:
        print(f"{culprits[0]} (importing {name})")
        break
"""


def test_core_modules_do_not_import_qt():
    modules = [module.name for module in pkgutil.walk_packages(app.core.__path__, "app.core.")]
    assert {"app.core.store.conversation_store", "app.core.engines.llama.engine"} <= set(modules)
    code = f"MODULES = {modules!r}\n{WATCH_QT}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt is imported by {result.stdout.strip()}"
