"""`models list|download|verify|delete` against the loopback hub, which serves a few MB under the real catalog's
names."""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.cli.models import ProgressBar, add_model_commands
from app.core.downloads.partial import PartialFile
from app.core.downloads.progress import DownloadProgress
from app.core.models.registry import ModelRegistry
from tests.support.damage import flip_bit

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]
SMALL_REPO, SMALL_FILE = "ggml-org/gpt-oss-20b-GGUF", "gpt-oss-20b-mxfp4.gguf"
EMBEDDING, EMBEDDING_REPO = "granite-embedding-107m-multilingual", "bartowski/granite-embedding-107m-multilingual-GGUF"


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="gpt-oss-chat")
    add_model_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def small_model(fake_hub) -> bytes:
    data = np.random.default_rng(0).bytes(3 * MIB)
    fake_hub.add_file(SMALL_REPO, SMALL_FILE, data)
    return data


def small_dest() -> Path:
    return ModelRegistry.load().models_dir / SMALL_REPO / SMALL_FILE


def test_list_shows_the_catalog_with_state_and_fit(capsys):
    assert run_cli("models", "list") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["MODEL", "SIZE", "STATE"] and "8,192-token context" in lines[0]
    assert lines[1].startswith("gpt-oss-20b") and "11.27 GiB" in lines[1] and "available" in lines[1]
    assert lines[2].startswith("gpt-oss-120b") and "59.02 GiB" in lines[2]
    assert any(word in lines[1] for word in ("GPU", "CPU", "won't fit"))
    assert f"Models folder: {ModelRegistry.load().models_dir}" in out
    assert "Recommended" in out or "None of the models fits" in out


def test_list_names_the_embedding_model_as_for_documents_without_a_fit(capsys):
    assert run_cli("models", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    embedding = next(line for line in lines if line.startswith(EMBEDDING))
    assert "0.11 GiB" in embedding and "available" in embedding
    assert embedding.endswith("for documents: search by meaning (embedding model, runs on the CPU beside the chat "
                              "model)")
    assert not any(word in embedding for word in ("GPU,", "slowly", "won't fit"))
    assert EMBEDDING not in "\n".join(line for line in lines if "Recommended" in line)


def test_the_embedding_model_downloads_like_the_others(fake_hub, capsys):
    fake_hub.add_file(EMBEDDING_REPO, f"{EMBEDDING}-Q8_0.gguf", np.random.default_rng(1).bytes(MIB))

    assert run_cli("models", "download", EMBEDDING) == 0

    out = capsys.readouterr().out.splitlines()
    path = ModelRegistry.load().get(EMBEDDING).path
    assert out == [f"{EMBEDDING} is installed: {path}",
                   "Documents uses it automatically to search by meaning (Tools > Documents... in the window)."]
    assert run_cli("models", "list") == 0
    listed = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(EMBEDDING))
    assert "installed" in listed and "for documents" in listed
    assert run_cli("models", "verify", EMBEDDING) == 0
    assert run_cli("models", "delete", EMBEDDING, "--yes") == 0
    assert not path.exists()


def test_download_shows_progress_and_installs(small_model, capsys):
    assert run_cli("models", "download", "gpt-oss-20b") == 0

    captured = capsys.readouterr()
    assert small_dest().read_bytes() == small_model
    assert captured.out.strip() == f"gpt-oss-20b is installed: {small_dest()}"
    assert "gpt-oss-20b  [" in captured.err and "100.0%" in captured.err
    assert run_cli("models", "list") == 0
    assert "installed" in capsys.readouterr().out.splitlines()[1]


def test_a_failed_download_is_one_line_and_non_zero(fake_hub, small_model, capsys):
    fake_hub.switches.flip_byte_at = 10
    assert run_cli("models", "download", "gpt-oss-20b") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: gpt-oss-20b-mxfp4.gguf arrived damaged (its sha256 does not match the hub's), so it was not "
        "installed and the download was deleted. Download it again."
    ]
    assert not small_dest().exists()


def test_verify_says_intact_then_names_a_damaged_file(small_model, capsys):
    assert run_cli("models", "download", "gpt-oss-20b") == 0
    capsys.readouterr()
    assert run_cli("models", "verify", "gpt-oss-20b") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "gpt-oss-20b is intact: every file matches the checksum it was downloaded with."
    assert "100.0%" in captured.err

    flip_bit(small_dest(), MIB)  # one bit flips on the disk
    assert run_cli("models", "verify", "gpt-oss-20b") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: gpt-oss-20b is damaged ({SMALL_FILE}): delete it and download it again."]
    assert run_cli("models", "verify", "gpt-oss-120b") == 1  # not installed
    assert "No installed model called 'gpt-oss-120b'" in capsys.readouterr().err


def test_an_unknown_model_name(capsys):
    assert run_cli("models", "download", "gpt-5") == 1
    assert capsys.readouterr().err.startswith("error: No model called 'gpt-5' in the catalog (known: gpt-oss-20b")


def test_ctrl_c_stops_cleanly_keeping_the_partial_file_and_the_same_command_resumes(fake_hub, small_model, capsys):
    fake_hub.switches.bytes_per_second = 1 * MIB
    code = (
        "import argparse, sys\n"
        "from app.cli.models import add_model_commands\n"
        "parser = argparse.ArgumentParser()\n"
        "add_model_commands(parser.add_subparsers())\n"
        "args = parser.parse_args(sys.argv[1:])\n"
        "sys.exit(args.handler(args))\n"
    )
    env = {**os.environ, "HF_ENDPOINT": fake_hub.endpoint, "HF_HUB_OFFLINE": "0"}
    child = subprocess.Popen([sys.executable, "-c", code, "models", "download", "gpt-oss-20b"], cwd=ROOT, env=env,
                             stderr=subprocess.PIPE, text=True)
    part = PartialFile(small_dest()).part
    deadline = time.monotonic() + 20
    while not (part.exists() and part.stat().st_size >= MIB // 2):
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.01)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=10)

    assert child.returncode == 130
    assert "Stopped. The partial download is kept: run 'models download gpt-oss-20b' to resume." in err
    kept = part.stat().st_size
    assert 0 < kept < len(small_model)

    fake_hub.switches.bytes_per_second = None
    assert run_cli("models", "download", "gpt-oss-20b") == 0
    assert small_dest().read_bytes() == small_model
    assert fake_hub.requests("cdn", "GET")[-1].range == f"bytes={kept}-"


def test_delete_asks_unless_told_and_says_what_was_freed(small_model, capsys, monkeypatch):
    run_cli("models", "download", "gpt-oss-20b")
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # not a terminal: no question can be asked

    assert run_cli("models", "delete", "gpt-oss-20b") == 1
    assert "Add --yes to confirm" in capsys.readouterr().err and small_dest().exists()

    assert run_cli("models", "delete", "gpt-oss-20b", "--yes") == 0
    assert capsys.readouterr().out.strip() == "Deleted gpt-oss-20b; 0.00 GiB freed."
    assert not small_dest().exists()


def test_delete_removes_an_unfinished_download(fake_hub, small_model, capsys):
    fake_hub.switches.drop_after_bytes = MIB
    fake_hub.switches.fail_statuses = [None, 403]
    assert run_cli("models", "download", "gpt-oss-20b") == 1
    assert PartialFile(small_dest()).part.exists()

    assert run_cli("models", "delete", "gpt-oss-20b", "-y") == 0
    assert "Deleted the unfinished download of gpt-oss-20b" in capsys.readouterr().out
    assert not PartialFile(small_dest()).part.exists()
    assert run_cli("models", "delete", "gpt-oss-20b", "-y") == 1
    assert "is not installed and has no unfinished download" in capsys.readouterr().err


def test_the_progress_line():
    bar = ProgressBar(io.StringIO(), "gpt-oss-120b")
    line = bar.format(DownloadProgress(
        done_bytes=30 * 1024**3, total_bytes=60 * 1024**3, bytes_per_second=50 * MIB, eta_seconds=615,
        phase="downloading", file_index=2, file_count=3,
    ))
    assert line == (
        "gpt-oss-120b  [############............]   50.0%  30.00 GiB/60.00 GiB  50.0 MiB/s  ETA 10m15s  file 2/3"
    )
    retrying = bar.format(DownloadProgress(0, 10, None, None, "retrying", 1, 1, "the connection failed"))
    assert retrying.endswith("the connection failed")
    silent = bar.format(DownloadProgress(5, 10, 50 * MIB, 1.0, "downloading", 1, 1, idle_seconds=12.4))
    assert silent.endswith("50.0%  0.00 GiB/0.00 GiB  no data for 12 s, waiting")  # not the speed of before
