"""Files attached to a message: each one's whole text goes into the message when the attachments fit the token
budget, the rest are indexed for the conversation and reached through the browser's search.

Every readable attachment is copied into the conversation's own folder (its collection), so it stays with the
conversation if the original moves, and later turns can search it even after its text left the context window.
When not all fit, the smallest go in whole first: more files read entirely, and the big ones are what search is for.
"""

from __future__ import annotations

import filecmp
import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import Progress, index_collection
from app.core.documents.reading.extract import DEFAULT_LIMITS, Extracted, Limits, Unreadable, read_document
from app.core.documents.records import Collection
from app.core.paths import app_paths
from app.core.store.attachments import AttachedFile, Attachments

K = TypeVar("K")


class AttachmentMode(StrEnum):
    INLINE = "inline"  # the whole text is in the message
    INDEXED = "indexed"  # too big for the budget: searchable through the browser
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class AttachmentOutcome:
    """One file's fate, for its chip: its name, the tokens its text takes, what was done and why (English)."""

    name: str
    path: Path  # the copy kept with the conversation (the original for an unreadable file)
    tokens: int
    mode: AttachmentMode
    reason: str


@dataclass(frozen=True)
class AttachmentPlan:
    outcomes: tuple[AttachmentOutcome, ...]
    message_text: str  # to add to the user's message: whole texts, and a line for each indexed file
    inline_tokens: int
    collection: Collection | None  # the conversation's collection, where the copies were indexed


def inline_block(name: str, text: str) -> str:
    """How a whole file appears in a message: between two lines naming it."""
    return f"=== Attached file: {name} ===\n{text.rstrip()}\n=== End of {name} ==="


def indexed_note(name: str, tokens: int) -> str:
    return (f"=== Attached file: {name}: too long to include ({tokens:,} tokens); it is indexed: "
            "search it with the browser tool ===")


def measure(path: Path, count_tokens: Callable[[str], int],
            limits: Limits = DEFAULT_LIMITS) -> tuple[Extracted | Unreadable, int]:
    """A file as an attachment: its text (or why there is none) and the tokens it takes whole in a message."""
    result = read_document(path, limits)
    if isinstance(result, Unreadable):
        return result, 0
    return result, count_tokens(inline_block(path.name, result.text))


def attach_files(
    paths: Sequence[Path],
    budget_tokens: int,
    count_tokens: Callable[[str], int],
    index: DocumentIndex,
    conversation_uuid: str,
    on_progress: Progress | None = None,
    stop: threading.Event | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> AttachmentPlan:
    """Decide, copy and index; the outcomes come back in the order of `paths`."""
    read: dict[int, tuple[Extracted, int]] = {}
    outcomes: dict[int, AttachmentOutcome] = {}
    paths = [Path(path) for path in paths]
    for position, path in enumerate(paths):
        result, tokens = measure(path, count_tokens, limits)
        if isinstance(result, Unreadable):
            outcomes[position] = AttachmentOutcome(path.name, path, 0, AttachmentMode.UNREADABLE, result.reason)
        else:
            read[position] = (result, tokens)
    collection = index.conversation_collection(conversation_uuid) if read else None
    whole = choose_whole({position: tokens for position, (_, tokens) in read.items()}, budget_tokens)
    used, blocks, notes = 0, [], []
    for position in sorted(read, key=lambda p: (read[p][1], p)):
        path, (extracted, tokens) = paths[position], read[position]
        try:
            kept = keep_copy(path, collection.root) if collection else path
        except OSError as error:
            reason = f"{path.name} could not be copied to the conversation's folder: {error.strerror or error}."
            outcomes[position] = AttachmentOutcome(path.name, path, tokens, AttachmentMode.UNREADABLE, reason)
            continue
        if position in whole:
            used += tokens
            blocks.append((position, inline_block(path.name, extracted.text)))
            reason = f"whole text in the message ({tokens:,} tokens; {budget_tokens - used:,} left)"
            outcomes[position] = AttachmentOutcome(path.name, kept, tokens, AttachmentMode.INLINE, reason)
        else:
            notes.append((position, indexed_note(path.name, tokens)))
            reason = (f"{tokens:,} tokens do not fit the {budget_tokens - used:,} left in the context: "
                      "indexed for this conversation and searched when needed")
            outcomes[position] = AttachmentOutcome(path.name, kept, tokens, AttachmentMode.INDEXED, reason)
    if collection is not None:
        index_collection(index, collection, on_progress, stop, limits)
    parts = [text for _, text in sorted(blocks)] + [text for _, text in sorted(notes)]
    return AttachmentPlan(tuple(outcomes[p] for p in range(len(paths))), "\n\n".join(parts), used, collection)


def choose_whole(tokens: Mapping[K, int], budget_tokens: int) -> set[K]:
    """Which files go into the message whole: the smallest first, while they fit the budget (the rest are
    searched). `tokens` maps each file (any key) to the tokens its whole text takes."""
    chosen, used = set(), 0
    for key in sorted(tokens, key=lambda key: tokens[key]):
        if used + tokens[key] <= budget_tokens:
            chosen.add(key)
            used += tokens[key]
    return chosen


def attachment_budget(context_tokens: int, used_tokens: int, reply_tokens: int) -> int:
    """The tokens attachments may take in the next message: the context left by the conversation so far, less room
    for the reply (at most a quarter of the context: a longer reply is clipped to what is left, not refused)."""
    return max(0, context_tokens - used_tokens - min(reply_tokens, context_tokens // 4))


def keep_copy(path: Path, folder: Path) -> Path:
    """Copy path into folder, under a free name unless the same file is there already."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target, number = folder / path.name, 2
    while target.exists() and not filecmp.cmp(path, target, shallow=False):
        target, number = folder / f"{path.stem} ({number}){path.suffix}", number + 1
    if not target.exists():
        shutil.copy2(path, target)
    return target


def stored(plan: AttachmentPlan) -> Attachments:
    """What the message keeps of a plan: each file's chip (its copy named by its place in the conversation's folder)
    and the text the model reads."""
    files = tuple(
        AttachedFile(o.name, o.path.name if o.mode is not AttachmentMode.UNREADABLE else "", o.tokens, str(o.mode),
                     o.reason)
        for o in plan.outcomes
    )
    return Attachments(files, plan.message_text)


def copy_for_fork(original_uuid: str, fork_uuid: str) -> None:
    """A fork starts with a copy of its original's files folder (attachments, what the python tool wrote), so its
    chips open and its later turns search what the original had (once indexed: `index_conversation_files`), and of
    its browser's state, so the cursors its history cites stay the pages they were."""
    paths = app_paths()
    original = paths.conversation_files(original_uuid)
    if original.is_dir():
        shutil.copytree(original, paths.conversation_files(fork_uuid), dirs_exist_ok=True)
    if paths.browser_state(original_uuid).is_file():
        shutil.copy2(paths.browser_state(original_uuid), paths.browser_state(fork_uuid))


def index_conversation_files(index: DocumentIndex, conversation_uuid: str) -> Collection:
    """The conversation's own collection (made if need be) indexed as its folder now is: a fork's copied files."""
    collection = index.conversation_collection(conversation_uuid)
    index_collection(index, collection)
    return collection


def delete_conversation_files(conversation_uuid: str) -> None:
    """A deleted conversation takes its files with it: its folder (attachments, what the python tool wrote), its
    collection in the documents index, and its browser's state. Nothing of it stays on disk."""
    shutil.rmtree(app_paths().conversation_files(conversation_uuid), ignore_errors=True)
    app_paths().browser_state(conversation_uuid).unlink(missing_ok=True)
    if not app_paths().documents_database.exists():
        return
    with DocumentIndex.open() as index:
        for collection in index.collections(conversations=True):
            if collection.conversation == conversation_uuid:
                index.remove_collection(collection.name)
