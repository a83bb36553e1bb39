"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 lost a reference to None or True on every call returning
nothing and every signal emit, and the interpreter aborted after a few thousand calls. pyproject.toml excludes it;
this test fails on any version that brings the bug back."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
class Probe(QObject):
    poked = Signal()
probe = Probe()
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(200):
    probe.setObjectName("probe")
    probe.poked.emit()
after = sys.getrefcount(None), sys.getrefcount(True)
print(before[0] - after[0], before[1] - after[1])
"""


def test_calls_and_emits_keep_the_reference_counts_of_none_and_true():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lost_none, lost_true = map(int, result.stdout.split())
    assert lost_none < 50 and lost_true < 50
