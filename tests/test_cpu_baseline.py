"""The CPU a release bundle promises to run on (x86-64 with AVX2, from 2013 on), checked on an emulated Haswell with
qemu-user: llama.cpp compiled for this machine's own CPU, which `packaging/build.py --release` refuses, dies there
with 'Illegal instruction'; a portable build (CMAKE_ARGS=-DGGML_NATIVE=OFF) answers. Whichever build is installed,
the release guard has to agree with what the old CPU can run."""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.machine() != "x86_64",
    reason="emulates an x86-64 CPU with qemu-user on Linux",
)


def packaging_build():
    spec = importlib.util.spec_from_file_location("gpt_oss_chat_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_release_guard_agrees_with_an_avx2_cpu(tiny_gpt_oss, tmp_path):
    qemu = shutil.which("qemu-x86_64")
    assert qemu, "qemu-user is missing: apt-get install qemu-user (.ci/run does)"
    build = packaging_build()
    command = [qemu, "-cpu", "Haswell", sys.executable, "-m", "app", "run", "--model", str(tiny_gpt_oss),
               "-p", "hi", "--max-tokens", "4"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "GPT_OSS_CHAT_HOME": str(tmp_path / "home")})

    if build.native_cpu_features():
        assert result.returncode == -signal.SIGILL, result.stderr[-2000:]
        with pytest.raises(SystemExit, match="compiled for this machine's CPU"):
            build.main(["--release", "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")])
        assert not (tmp_path / "dist").exists()  # refused before building anything
    else:
        assert result.returncode == 0, result.stderr[-2000:]
