"""The real gpt-oss chat template, taken from the llama-cpp-python source distribution we already depend on.

The template is OpenAI's (Apache-2.0) and ships inside every gpt-oss GGUF; llama.cpp keeps a copy in
vendor/llama.cpp/models/templates/. We read it from the sdist of the installed llama-cpp-python version (pip's cache
makes that a local copy on any machine that built it) instead of committing a copy.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

_MEMBER_SUFFIX = "vendor/llama.cpp/models/templates/openai-gpt-oss-120b.jinja"


def _cache_dir() -> Path:
    return Path(os.environ.get("GPT_OSS_TEST_CACHE", Path.home() / ".cache" / "gpt-oss-chat-tests"))


def gpt_oss_chat_template() -> str:
    version = importlib.metadata.version("llama-cpp-python")
    cached = _cache_dir() / f"openai-gpt-oss-120b.{version}.jinja"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             f"llama-cpp-python=={version}", "-d", tmp],
            check=True,
        )
        sdist = next(Path(tmp).glob("llama_cpp_python-*.tar.gz"))
        with tarfile.open(sdist) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(_MEMBER_SUFFIX))
            text = archive.extractfile(member).read().decode("utf-8")
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text
