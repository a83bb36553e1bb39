"""Build the frozen app with PyInstaller and report what it weighs.

    python packaging/build.py [--dist DIR] [--work DIR] [--clean]

Run it with the Python environment the app is installed in (`pip install -e '.[package]'`): PyInstaller bundles
that environment's PySide6 and llama-cpp-python, so a CUDA, Metal or Vulkan build of llama-cpp-python installed there
is what the bundle gets (docs/packaging.md). Output: DIST/gpt-oss-chat/ (and DIST/gpt-oss Chat.app on macOS).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "gpt-oss-chat.spec"
NAME = "gpt-oss-chat"


def folder_size(path: Path) -> int:
    """Bytes of the regular files under path (symlinks counted as nothing, as on disk)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def biggest_parts(bundle: Path, count: int = 12) -> list[tuple[str, int]]:
    """The largest entries of the bundle's internal folder (folders summed), largest first."""
    inner = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    parts = []
    for entry in inner.iterdir():
        size = folder_size(entry) if entry.is_dir() and not entry.is_symlink() else entry.lstat().st_size
        parts.append((entry.name, size))
    qt = inner / "PySide6" / "Qt"
    for sub in ("lib", "plugins", "translations"):
        if (qt / sub).is_dir():
            parts.append((f"PySide6/Qt/{sub}", folder_size(qt / sub)))
    return sorted(parts, key=lambda part: -part[1])[:count]


# CPU features llama.cpp only uses when compiled for the build machine itself (GGML_NATIVE, the default of a source
# install): a bundle with them dies with "Illegal instruction" on CPUs that lack them. The portable baseline of
# -DGGML_NATIVE=OFF is AVX2, FMA, F16C and BMI2 (x86-64 CPUs from 2013 on).
BEYOND_PORTABLE = ("AVX512", "AVX512_VBMI", "AVX512_VNNI", "AVX512_BF16", "AVX_VNNI", "AMX_INT8")


def native_cpu_features() -> list[str]:
    """The CPU features the installed llama.cpp was compiled for that a portable build leaves out."""
    from llama_cpp import llama_cpp

    enabled = set(re.findall(r"(\w+) = 1", llama_cpp.llama_print_system_info().decode(errors="replace")))
    return [feature for feature in BEYOND_PORTABLE if feature in enabled]


def build(dist: Path, work: Path, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the onedir folder."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(f"PyInstaller is not installed in {sys.prefix}: pip install -e '.[package]'") from None
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
    return dist / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--release", action="store_true",
                        help="refuse a llama.cpp compiled for this machine's CPU only (see docs/packaging.md)")
    args = parser.parse_args(argv)
    native = native_cpu_features()
    if native:
        message = (f"llama.cpp was compiled for this machine's CPU ({', '.join(native)}): the bundle will crash with "
                   "'Illegal instruction' on CPUs without them. For a bundle to give to others, reinstall it with "
                   "CMAKE_ARGS=\"-DGGML_NATIVE=OFF\" pip install --no-cache-dir --force-reinstall llama-cpp-python")
        if args.release:
            raise SystemExit(f"error: {message}")
        print(f"WARNING: {message}", file=sys.stderr)
    started = time.monotonic()
    bundle = build(args.dist.resolve(), args.work.resolve(), args.clean)
    print(f"\nbuilt {bundle} in {time.monotonic() - started:.0f} s: {folder_size(bundle) / 2**20:.0f} MiB")
    for name, size in biggest_parts(bundle):
        print(f"  {size / 2**20:7.1f} MiB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
