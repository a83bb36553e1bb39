"""`gpt-oss-chat models list|download NAME|verify NAME|delete NAME`: the model manager in the terminal, over the
same core."""

from __future__ import annotations

import argparse
import sys

from app.cli.progress import ProgressLine, bar
from app.core.downloads.downloader import LocalState, ModelStatus, discard_partial, model_status, verify_installed
from app.core.downloads.progress import DownloadProgress
from app.core.downloads.queue import DownloadQueue, JobState
from app.core.downloads.transfer import DownloadControl, DownloadError
from app.core.engine import LoadSettings
from app.core.errors import CoreError
from app.core.models.catalog import Catalog, CatalogEntry, CatalogError, load_catalog
from app.core.models.fit import FitVerdict, ModelSpec, assess_all, recommend
from app.core.models.hardware import probe_hardware
from app.core.models.registry import ModelRegistry, RegistryError, delete_model

_VERDICT_WORDS = {
    FitVerdict.FULL_GPU: "runs fully on the GPU",
    FitVerdict.EXPERTS_ON_CPU: "runs with experts on the CPU",
    FitVerdict.CPU_ONLY_SLOW: "runs on the CPU, slowly",
    FitVerdict.WONT_FIT: "won't fit",
    FitVerdict.UNKNOWN: "unknown",
}
_FOR_DOCUMENTS = "for documents: search by meaning (embedding model, runs on the CPU beside the chat model)"


def add_model_commands(subparsers: argparse._SubParsersAction) -> None:
    models = subparsers.add_parser("models", help="list, download and delete models")
    commands = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="the catalog and installed models, with how each fits this machine")
    listing.add_argument("--ctx", type=int, default=LoadSettings.n_ctx, help="context size to judge the fit at")
    listing.set_defaults(handler=list_command)
    download = commands.add_parser("download", help="download a catalog model (resumes an interrupted download)")
    download.add_argument("name", help="catalog name, e.g. gpt-oss-20b")
    download.set_defaults(handler=download_command)
    verify = commands.add_parser("verify", help="check a downloaded model's files against their sha256 again")
    verify.add_argument("name")
    verify.set_defaults(handler=verify_command)
    delete = commands.add_parser("delete", help="delete an installed model or an unfinished download")
    delete.add_argument("name")
    delete.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(handler=delete_command)


def list_command(args: argparse.Namespace) -> int:
    try:
        catalog, registry = load_catalog(), ModelRegistry.load()
        statuses = {entry.id: model_status(entry, registry) for entry in catalog.entries}
        installed = registry.models()
    except CoreError as error:
        return _fail(error)
    hardware = probe_hardware(registry.models_dir)
    # The fit and the recommendation are for chat models; an embedding model only says what it is for.
    specs = [ModelSpec.from_catalog(entry) for entry in catalog.chat_entries]
    fits = assess_all(specs, hardware, args.ctx)
    rows = [("MODEL", "SIZE", "STATE", f"ON THIS MACHINE ({args.ctx:,}-token context)")]
    for entry, fit in zip(catalog.chat_entries, fits):
        rows.append((entry.id, _gib(entry.total_bytes), _state(statuses[entry.id], entry), _VERDICT_WORDS[fit.verdict]))
    for model in installed:
        if model.catalog_id is None:
            where = "imported" if model.owned else f"registered at {model.path}"
            rows.append((model.id, _gib(model.size_bytes), "installed", where))
    for entry in catalog.embedding_entries:
        rows.append((entry.id, _gib(entry.total_bytes), _state(statuses[entry.id], entry), _FOR_DOCUMENTS))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    print(f"\nModels folder: {registry.models_dir}")
    print(recommend(specs, fits).message.text)
    return 0


def _state(status: ModelStatus, entry: CatalogEntry) -> str:
    if status.state is LocalState.PARTIAL:
        return f"partial {100 * status.done_bytes / entry.total_bytes:.0f}%"
    return status.state.value


def download_command(args: argparse.Namespace) -> int:
    try:
        entry = load_catalog().get(args.name)
    except CatalogError as error:
        return _fail(error)
    bar = ProgressBar(sys.stderr, entry.id)
    queue = DownloadQueue(on_progress=lambda _ticket, progress: bar.show(progress))
    ticket = queue.submit(entry)
    try:
        while not ticket.finished.wait(0.2):
            pass
    except KeyboardInterrupt:
        # Ctrl-C stops cleanly: the partial file stays and the same command resumes it.
        ticket.cancel()
        ticket.finished.wait()
        bar.end()
        print(f"Stopped. The partial download is kept: run 'models download {entry.id}' to resume.", file=sys.stderr)
        return 130
    finally:
        queue.close()
    bar.end()
    if ticket.state is not JobState.DONE or ticket.result is None:
        return _fail(ticket.error or "the download did not finish")
    print(f"{entry.id} is installed: {ticket.result.path}")
    if entry.is_embedding:
        print("Documents uses it automatically to search by meaning (Tools > Documents... in the window).")
    return 0


def verify_command(args: argparse.Namespace) -> int:
    try:
        model = ModelRegistry.load().get(args.name)
    except RegistryError as error:
        return _fail(error)
    if model is None:
        return _fail(f"No installed model called {args.name!r}: 'models list' shows them.")
    bar = ProgressBar(sys.stderr, model.id)
    control = DownloadControl()
    try:
        damaged = verify_installed(model, control, bar.show)
    except KeyboardInterrupt:
        bar.end()
        print("Stopped checking.", file=sys.stderr)
        return 130
    except DownloadError as error:
        bar.end()
        return _fail(error)
    bar.end()
    if damaged:
        names = ", ".join(path.name for path in damaged)
        return _fail(f"{model.id} is damaged ({names}): delete it and download it again.")
    print(f"{model.id} is intact: every file matches the checksum it was downloaded with.")
    return 0


def delete_command(args: argparse.Namespace) -> int:
    try:
        registry = ModelRegistry.load()
        model = registry.get(args.name)
        if model is None:
            return _delete_partial(args, load_catalog(), registry)
        if model.owned:
            question = f"Delete {model.id} and free {_gib(model.size_bytes)}?"
        else:
            question = f"Remove {model.id} from the list? The file stays at {model.path}."
        if not _confirmed(args, question):
            return 1
        freed = delete_model(model.id, registry)
    except CoreError as error:
        return _fail(error)
    print(f"Deleted {model.id}; {_gib(freed)} freed." if model.owned else f"Removed {model.id} from the list.")
    return 0


def _delete_partial(args: argparse.Namespace, catalog: Catalog, registry: ModelRegistry) -> int:
    entry = catalog.get(args.name)
    status = model_status(entry, registry)
    if status.state is not LocalState.PARTIAL:
        return _fail(f"{entry.id} is not installed and has no unfinished download.")
    if not _confirmed(args, f"Delete the unfinished download of {entry.id} ({_gib(status.done_bytes)})?"):
        return 1
    print(f"Deleted the unfinished download of {entry.id}; {_gib(discard_partial(entry, registry))} freed.")
    return 0


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(f"error: {question} Add --yes to confirm.", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


class ProgressBar(ProgressLine):
    """A download's progress: bytes, speed, time left, or the phase it is in."""

    def show(self, progress: DownloadProgress) -> None:
        final = progress.phase != "downloading" or progress.done_bytes >= progress.total_bytes
        self.write(self.format(progress), final=final)

    def format(self, progress: DownloadProgress) -> str:
        parts = [
            self.label,
            bar(progress.fraction),
            f"{100 * progress.fraction:5.1f}%",
            f"{_gib(progress.done_bytes)}/{_gib(progress.total_bytes)}",
        ]
        if progress.phase == "downloading" and progress.idle_seconds is not None:
            parts.append(f"no data for {progress.idle_seconds:.0f} s, waiting")
        elif progress.phase == "downloading":
            speed = progress.bytes_per_second
            parts.append(f"{speed / 1024**2:.1f} MiB/s" if speed else "-- MiB/s")
            parts.append(f"ETA {_duration(progress.eta_seconds)}")
        else:
            parts.append(progress.detail or progress.phase)
        if progress.file_count > 1:
            parts.append(f"file {progress.file_index}/{progress.file_count}")
        return "  ".join(parts)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"


def _gib(n_bytes: int) -> str:
    return f"{n_bytes / 1024**3:.2f} GiB"


def _fail(error: object) -> int:
    print(f"error: {error}", file=sys.stderr)
    return 1
