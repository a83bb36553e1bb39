"""Damage done to files on purpose, as a failing disk would."""

from __future__ import annotations

from pathlib import Path


def flip_bit(path: Path, offset: int) -> None:
    """Invert the lowest bit of the byte at `offset`, in place."""
    with open(path, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)[0]
        handle.seek(offset)
        handle.write(bytes([byte ^ 0x01]))
