"""DocumentIndex: the documents database as the app uses it: collections, search, documents to read, and the
writes the indexer makes (indexer.py walks the folders; this module only stores).

One connection, its calls serialised by a lock, so the object may be shared between threads; an indexer running in
the background opens its own (WAL: searches read while it writes).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.core.documents import search
from app.core.documents.database import DocumentsError, connect
from app.core.documents.reading.chunking import Chunk, chunk_document
from app.core.documents.reading.extract import Extracted, Unreadable
from app.core.documents.records import Collection, CollectionStats, Document, Hit, Problem
from app.core.paths import app_paths
from app.core.store.schema import timestamp

_COLLECTION_COLUMNS = "id, name, root, conversation, created_at, indexed_at"


@dataclass(frozen=True)
class KnownFile:
    id: int
    size: int
    mtime_ns: int
    sha256: str


def _collection(row) -> Collection:
    return Collection(row[0], row[1], Path(row[2]), row[3], row[4], row[5])


class DocumentIndex:
    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._lock = threading.RLock()
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None) -> DocumentIndex:
        path = path or app_paths().documents_database
        return cls(connect(path), path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> DocumentIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes inside commit together (or not at all)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # Collections

    def add_collection(self, folder: Path, name: str | None = None) -> Collection:
        """Add a folder (not indexed yet: see indexer.index_collection). Its name defaults to the folder's."""
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise DocumentsError(f"{folder} is not a folder; choose a folder to add.")
        root = folder.resolve()
        with self._lock:
            for existing in self.collections():
                if existing.root == root:
                    raise DocumentsError(f"{root} is already the collection {existing.name!r}.")
            return self._insert_collection(name or root.name or str(root), root, "")

    def conversation_collection(self, conversation_uuid: str) -> Collection:
        """The collection of one conversation's files (made on first use): its folder is the conversation's files
        folder, where attachments are kept (and the python tool writes)."""
        return self.owned_collection(conversation_uuid, app_paths().conversation_files(conversation_uuid),
                                     f"conversation-{conversation_uuid}")

    def owned_collection(self, owner_uuid: str, root: Path, name: str) -> Collection:
        """The collection of the files a conversation or a project keeps in a folder of the app's own (made, with
        the folder, on first use). Such collections are not the user's folders: `collections()` leaves them out."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLLECTION_COLUMNS} FROM collections WHERE conversation = ?", (owner_uuid,)
            ).fetchone()
            if row:
                return _collection(row)
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
            return self._insert_collection(name, root.resolve(), owner_uuid)

    def _insert_collection(self, wanted: str, root: Path, conversation: str) -> Collection:
        taken = {row[0] for row in self._db.execute("SELECT name FROM collections")}
        name, number = wanted, 2
        while name in taken:
            name, number = f"{wanted} {number}", number + 1
        cursor = self._db.execute(
            "INSERT INTO collections (name, root, conversation, created_at) VALUES (?, ?, ?, ?)",
            (name, str(root), conversation, timestamp()),
        )
        return self.collection_by_id(cursor.lastrowid)

    def collections(self, *, conversations: bool = False) -> list[Collection]:
        """The user's folders, by name; with `conversations`, the collections of conversations' and projects' own
        files too."""
        where = "" if conversations else " WHERE conversation = ''"
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLLECTION_COLUMNS} FROM collections{where} ORDER BY name")
            return [_collection(row) for row in rows]

    def collection_by_id(self, collection_id: int) -> Collection:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLLECTION_COLUMNS} FROM collections WHERE id = ?", (collection_id,)
            ).fetchone()
        if row is None:
            raise DocumentsError(f"The collection {collection_id} no longer exists.")
        return _collection(row)

    def collection(self, name: str) -> Collection:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLLECTION_COLUMNS} FROM collections WHERE name = ?", (name,)).fetchone()
        if row is None:
            known = ", ".join(c.name for c in self.collections()) or "none yet"
            raise DocumentsError(f"There is no collection called {name!r} (collections: {known}).")
        return _collection(row)

    def remove_collection(self, name: str) -> None:
        """Forget a collection and its index; the files themselves are not touched."""
        collection = self.collection(name)
        with self.transaction():
            self._db.execute("DELETE FROM collections WHERE id = ?", (collection.id,))

    def stats(self, collection_id: int) -> CollectionStats:
        with self._lock:
            files, unreadable = self._db.execute(
                "SELECT count(*), count(*) FILTER (WHERE problem <> '') FROM files WHERE collection_id = ?",
                (collection_id,),
            ).fetchone()
            chunks, text_bytes = self._db.execute(
                """SELECT count(*), coalesce(sum(length(CAST(c.text AS BLOB))), 0)
                   FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.collection_id = ?""",
                (collection_id,),
            ).fetchone()
        return CollectionStats(files, chunks, unreadable, text_bytes)

    def problems(self, collection_id: int) -> list[Problem]:
        """Files found but unreadable, with the reason, by path."""
        with self._lock:
            rows = self._db.execute(
                "SELECT path, problem FROM files WHERE collection_id = ? AND problem <> '' ORDER BY path",
                (collection_id,),
            )
            return [Problem(path, reason) for path, reason in rows]

    # Search and reading

    def search(self, text: str, limit: int = 10, collection_ids: Sequence[int] | None = None) -> list[Hit]:
        """BM25 search (search.py); `collection_ids` None searches every collection."""
        return self.hits(self.ranked(text, limit, collection_ids))

    def ranked(self, text: str, limit: int, collection_ids: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) best first, for fusion with other rankings."""
        with self._lock:
            return search.ranked_chunks(self._db, text, limit, collection_ids)

    def hits(self, ranked: Sequence[tuple[int, float]]) -> list[Hit]:
        """Details of (chunk id, score) pairs ranked elsewhere (embeddings.py fuses rankings)."""
        with self._lock:
            return search.hits(self._db, ranked)

    def document(self, file_id: int) -> Document | None:
        with self._lock:
            row = self._db.execute(
                """SELECT f.id, k.name, k.root, f.path, f.kind, f.page_starts FROM files f
                   JOIN collections k ON k.id = f.collection_id WHERE f.id = ? AND f.problem = ''""",
                (file_id,),
            ).fetchone()
            if row is None:
                return None
            chunks = tuple(
                Chunk(first, last, page, text, bool(continues))
                for first, last, page, continues, text in self._db.execute(
                    """SELECT line_first, line_last, page, continues, text FROM chunks
                       WHERE file_id = ? ORDER BY ordinal""",
                    (file_id,),
                )
            )
        file_id, collection, root, path, kind, page_starts = row
        starts = tuple(json.loads(page_starts)) if page_starts else ()
        return Document(file_id, collection, path, Path(root) / path, kind, starts, chunks)

    def find_document(self, key: str, collection_ids: Sequence[int] | None = None) -> Document | None:
        """A document by 'collection/relative/path' (Document.key), by its relative path, or by its file name; a
        name that several files share finds none."""
        key = key.strip().replace("\\", "/")
        where, params = "", []
        if collection_ids is not None:
            where, params = f" AND f.collection_id IN ({','.join('?' * len(collection_ids))})", list(collection_ids)
        suffix = "%/" + key.replace("%", "\\%").replace("_", "\\_")
        with self._lock:
            rows = self._db.execute(
                f"""SELECT f.id, k.name || '/' || f.path = ? OR f.path = ? FROM files f
                    JOIN collections k ON k.id = f.collection_id
                    WHERE f.problem = '' AND (k.name || '/' || f.path = ? OR f.path = ? OR f.path LIKE ? ESCAPE '\\')
                    {where} ORDER BY 2 DESC LIMIT 2""",
                (key, key, key, key, suffix, *params),
            ).fetchall()
        if not rows or (len(rows) > 1 and not rows[0][1]):
            return None
        return self.document(rows[0][0])

    # Writes of the indexer

    def known_files(self, collection_id: int) -> dict[str, KnownFile]:
        with self._lock:
            rows = self._db.execute(
                "SELECT path, id, size, mtime_ns, sha256 FROM files WHERE collection_id = ?", (collection_id,)
            )
            return {path: KnownFile(file_id, size, mtime, sha) for path, file_id, size, mtime, sha in rows}

    def put_file(
        self, collection_id: int, path: str, size: int, mtime_ns: int, sha256: str, result: Extracted | Unreadable
    ) -> None:
        """Store a file's text (or the reason it has none), replacing what was there. Call inside transaction()."""
        with self._lock:
            self._db.execute("DELETE FROM files WHERE collection_id = ? AND path = ?", (collection_id, path))
            if isinstance(result, Unreadable):
                self._db.execute(
                    """INSERT INTO files (collection_id, path, size, mtime_ns, sha256, problem)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (collection_id, path, size, mtime_ns, sha256, result.reason),
                )
                return
            file_id = self._db.execute(
                """INSERT INTO files (collection_id, path, size, mtime_ns, sha256, kind, page_starts, note)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (collection_id, path, size, mtime_ns, sha256, result.kind,
                 json.dumps(result.page_starts) if result.page_starts else "", result.note),
            ).lastrowid
            self._db.executemany(
                """INSERT INTO chunks (file_id, collection_id, ordinal, line_first, line_last, page, continues, text)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (file_id, collection_id, ordinal, chunk.line_first, chunk.line_last, chunk.page,
                     int(chunk.continues), chunk.text)
                    for ordinal, chunk in enumerate(chunk_document(result))
                ],
            )

    def touch_file(self, file_id: int, size: int, mtime_ns: int) -> None:
        """The file's bytes are unchanged (same hash): remember its new size and time only."""
        with self._lock:
            self._db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, file_id))

    def drop_files(self, file_ids: Sequence[int]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM files WHERE id = ?", [(file_id,) for file_id in file_ids])

    def mark_indexed(self, collection_id: int) -> None:
        with self._lock:
            self._db.execute("UPDATE collections SET indexed_at = ? WHERE id = ?", (timestamp(), collection_id))

    def execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """SQL for the modules of this package (embeddings.py): rows as a list."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def execute_many(self, sql: str, rows: Sequence[Sequence]) -> None:
        with self._lock:
            self._db.executemany(sql, rows)
