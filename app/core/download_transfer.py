"""Fetching one file: resume with Range, retry with backoff, pause and cancel, sha256 before it takes its place.

huggingface-hub deletes partial files on failure and cannot be cancelled, so the transfer is ours; the hub library
still tells us where the file is (hub.locate) and its HTTP client (proxies, offline mode) does the requests.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import httpx2
from huggingface_hub.errors import OfflineModeIsEnabled

from app.core import hub
from app.core.download_partial import PartialFile, PartIdentity
from app.core.download_progress import ProgressMeter
from app.core.download_stream import POLL_S, BodyStream, Interrupted

_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
HASH_CHUNK_BYTES = 1024 * 1024


@dataclass
class DownloadControl:
    """Set from any thread: `pause` holds the download (connection closed, partial file kept) until cleared;
    `cancel` ends it within a second, keeping the partial file (see downloader.discard_partial)."""

    cancel: threading.Event = field(default_factory=threading.Event)
    pause: threading.Event = field(default_factory=threading.Event)


class DownloadError(Exception):
    """A download that did not finish; the message is one line saying what happened and what to do."""


class DownloadCancelled(DownloadError):
    pass


class ChecksumMismatch(DownloadError):
    pass


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8  # failures in a row without a byte received
    first_delay_s: float = 1.0
    max_delay_s: float = 60.0

    def delay(self, failures: int) -> float:
        return min(self.max_delay_s, self.first_delay_s * 2 ** (failures - 1))


class _Retry(Exception):
    """A failure that may pass: connection lost, timeout, 5xx."""


@dataclass
class _Written:
    """What is in the partial file so far and its running sha256 (kept across attempts)."""

    offset: int
    hasher: hashlib._Hash

    def restart(self, meter: ProgressMeter) -> None:
        meter.advance(-self.offset)
        self.offset, self.hasher = 0, hashlib.sha256()


@dataclass(frozen=True)
class RemoteSource:
    """One file to fetch: how to find it now, and what it must be."""

    name: str  # for messages
    locate: Callable[[], hub.FileLocation]
    identity: PartIdentity


def fetch_file(
    source: RemoteSource,
    dest: Path,
    *,
    client: httpx2.Client,
    control: DownloadControl,
    meter: ProgressMeter,
    retry: RetryPolicy,
) -> None:
    """Download `source` to `dest`, resuming a partial file; on return `dest` is whole and its sha256 checked."""
    partial = PartialFile(dest)
    with partial.open(source.identity) as handle:
        written = _Written(0, hashlib.sha256())
        written.offset = hash_stream(handle, handle.seek(0, 2), written.hasher, control, meter)
        failures = 0
        while written.offset < source.identity.size:
            _wait_while_paused(control, meter)
            before = written.offset
            try:
                meter.set_phase("downloading")
                _receive(source, partial, handle, written, client, control, meter)
            except Interrupted:
                if control.cancel.is_set():
                    raise DownloadCancelled(f"{source.name}: cancelled; the partial file is kept.") from None
                continue  # paused: wait above, then ask again from where we are
            except _Retry as reason:
                failures = 1 if written.offset > before else failures + 1
                if failures >= retry.attempts:
                    raise DownloadError(
                        f"{source.name}: {reason} ({failures} attempts). The partial file is kept: "
                        "start the download again to resume."
                    ) from None
                delay = retry.delay(failures)
                meter.set_phase("retrying", f"{reason}; trying again in {delay:.0f} s")
                if control.cancel.wait(delay):
                    raise DownloadCancelled(f"{source.name}: cancelled; the partial file is kept.") from None
    if written.hasher.hexdigest() != source.identity.sha256:
        partial.discard()
        raise ChecksumMismatch(
            f"{source.name} arrived damaged (its sha256 does not match the hub's), so it was not installed "
            "and the download was deleted. Download it again."
        )
    partial.install()


def hash_stream(
    handle: BinaryIO, length: int, hasher: hashlib._Hash, control: DownloadControl, meter: ProgressMeter
) -> int:
    """Feed the first `length` bytes of `handle` to `hasher`, counting them as done; returns how many there were."""
    if length == 0:
        return 0
    meter.set_phase("checking")
    handle.seek(0)
    remaining = length
    while remaining:
        if control.cancel.is_set():
            raise DownloadCancelled("Cancelled while checking the file already on disk.")
        chunk = handle.read(min(HASH_CHUNK_BYTES, remaining))
        if not chunk:
            break
        hasher.update(chunk)
        meter.advance(len(chunk))
        remaining -= len(chunk)
    return length - remaining


def _receive(
    source: RemoteSource,
    partial: PartialFile,
    handle: BinaryIO,
    written: _Written,
    client: httpx2.Client,
    control: DownloadControl,
    meter: ProgressMeter,
) -> None:
    """One connection: append to the partial file what arrives from `written.offset` on."""
    try:
        location = source.locate()
    except hub.HubError as error:
        if error.transient:
            raise _Retry(str(error)) from None
        raise DownloadError(str(error)) from None
    expected = source.identity.size
    if location.size is not None and location.size != expected:
        raise DownloadError(f"{source.name}: the hub reports two different sizes for it; try again later.")
    partial.note_etag(location.etag)
    headers = dict(location.headers)
    if written.offset:
        headers["Range"] = f"bytes={written.offset}-"

    def should_stop() -> bool:
        return control.cancel.is_set() or control.pause.is_set()

    try:
        with BodyStream(client, location.url, headers, handle) as stream:
            head = stream.head(should_stop)
            if head.status == 200 and written.offset:
                written.restart(meter)  # the server ignored the range and sends the whole file
            elif head.status == 206 and not head.headers.get("Content-Range", "").startswith(
                f"bytes {written.offset}-"
            ):
                raise _Retry("the server answered a different byte range")
            elif head.status in _RETRY_STATUSES:
                raise _Retry(f"the server answered {head.status}")
            elif head.status not in (200, 206):
                raise DownloadError(f"{source.name}: the download server refused it ({head.status}).")
            stream.write_from(written.offset)
            for pieces in stream.written(should_stop):
                batch = b"".join(pieces)
                written.hasher.update(batch)
                written.offset += len(batch)
                if written.offset > expected:
                    raise DownloadError(f"{source.name}: the server sent more than its size; try again later.")
                meter.advance(len(batch))
    except httpx2.TransportError as error:
        raise _Retry(f"the connection failed ({type(error).__name__})") from None
    except OfflineModeIsEnabled:
        raise DownloadError(hub.OFFLINE_MESSAGE) from None
    if written.offset < expected:
        raise _Retry("the connection closed early")


def _wait_while_paused(control: DownloadControl, meter: ProgressMeter) -> None:
    if not control.pause.is_set():
        return
    meter.set_phase("paused")
    while control.pause.is_set():
        if control.cancel.wait(POLL_S):
            raise DownloadCancelled("Cancelled while paused; the partial file is kept.")
