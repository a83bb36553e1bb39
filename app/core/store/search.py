"""Full-text search over conversation titles, message text, reasoning, and the arguments and results of tool calls.

The FTS5 trigram index finds any substring of three or more characters, in any script, so unspaced Japanese is
found. A shorter term (東京, 'Go') cannot use the index and is matched with LIKE by scanning instead. Every term of a
query must occur (in any field). Newest messages come first. A search may keep to one project's conversations.

Snippets mark each match with HIGHLIGHT_START and HIGHLIGHT_END, two private-use characters that cannot occur in the
snippet's own text (they are removed from it); the UI replaces them with its own mark-up.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from app.core.chat import ToolCallStep
from app.core.store.steps import steps_from_json

HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"
SNIPPET_CHARS = 120
# The trigram tokenizer cannot match fewer characters than this.
_INDEXED_LENGTH = 3

Field = Literal["title", "content", "reasoning", "tools"]


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    conversation_title: str
    message_id: int | None  # None for a hit in the title
    field: Field
    snippet: str


def _terms(query: str) -> list[str]:
    return list(dict.fromkeys(query.split()))


def _match(terms: list[str]) -> str | None:
    """An FTS5 query requiring every indexed term, or None when all are too short for the index."""
    indexed = [term for term in terms if len(term) >= _INDEXED_LENGTH]
    # Each term as an FTS5 string (quotes doubled), so operators and punctuation in a query stay literal.
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in indexed) or None


def _likes(terms: list[str], columns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """WHERE clauses (and their parameters) requiring each term too short for the index in one of the columns."""
    clauses: list[str] = []
    params: list[str] = []
    for term in terms:
        if len(term) < _INDEXED_LENGTH:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"
            clauses.append("(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for column in columns) + ")")
            params.extend([pattern] * len(columns))
    return clauses, params


def _pattern(terms: list[str]) -> re.Pattern[str]:
    longest_first = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in longest_first), re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern[str], width: int = SNIPPET_CHARS) -> str:
    """A one-line window of text around the first match, every match in it marked."""
    text = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), start + width)
    if first and first.end() > end:
        end = first.end()
    window = " ".join(text[start:end].split())
    marked = pattern.sub(lambda match: f"{HIGHLIGHT_START}{match.group(0)}{HIGHLIGHT_END}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


# A project_id that asks for the conversations in no project (SQLite's row ids start at 1).
OUTSIDE_PROJECTS = 0


def _in_project(clauses: list[str], params: list, column: str, project_id: int | None) -> None:
    if project_id == OUTSIDE_PROJECTS:
        clauses.append(f"{column} IS NULL")
    elif project_id is not None:
        clauses.append(f"{column} = ?")
        params.append(project_id)


def _title_hits(db: sqlite3.Connection, terms: list[str], pattern: re.Pattern[str], limit: int,
                project_id: int | None) -> list[SearchHit]:
    clauses, params = _likes(terms, ("title",))
    match = _match(terms)
    if match:
        clauses.insert(0, "id IN (SELECT rowid FROM titles_fts WHERE titles_fts MATCH ?)")
        params.insert(0, match)
    _in_project(clauses, params, "project_id", project_id)
    rows = db.execute(
        f"SELECT id, title FROM conversations WHERE {' AND '.join(clauses)} ORDER BY updated_at DESC, id DESC LIMIT ?",
        (*params, limit),
    )
    return [SearchHit(cid, title, None, "title", snippet(title, pattern)) for cid, title in rows]


def _message_hits(db: sqlite3.Connection, terms: list[str], pattern: re.Pattern[str], limit: int,
                  project_id: int | None) -> list[SearchHit]:
    clauses, params = _likes(terms, ("m.content", "m.reasoning", "m.steps"))
    match = _match(terms)
    if match:
        # Walk the index newest first and stop at `limit`, instead of collecting every match of a common word.
        source, newest_first = "messages_fts JOIN messages m ON m.id = messages_fts.rowid", "messages_fts.rowid DESC"
        clauses.insert(0, "messages_fts MATCH ?")
        params.insert(0, match)
    else:
        source, newest_first = "messages m", "m.id DESC"
    # Replies still streaming are not in the index yet; leave them out of the scan too, for the same answers.
    clauses.append("m.status <> 'streaming'")
    _in_project(clauses, params, "c.project_id", project_id)
    rows = db.execute(
        f"""SELECT m.id, m.conversation_id, c.title, m.content, m.reasoning, m.steps
            FROM {source} JOIN conversations c ON c.id = m.conversation_id
            WHERE {' AND '.join(clauses)} ORDER BY {newest_first} LIMIT ?""",
        (*params, limit),
    )
    hits = []
    for message_id, conversation_id, title, content, reasoning, steps in rows:
        texts: dict[Field, str] = {"content": content, "reasoning": reasoning, "tools": _tool_text(steps)}
        field = next((name for name, text in texts.items() if pattern.search(text)), "content")
        hits.append(SearchHit(conversation_id, title, message_id, field, snippet(texts[field], pattern)))
    return hits


def _tool_text(steps: str) -> str:
    """The calls' arguments and results, as the index holds them."""
    return "\n".join(f"{step.arguments}\n{step.result}" for step in steps_from_json(steps)
                     if isinstance(step, ToolCallStep))


def search(db: sqlite3.Connection, query: str, limit: int, project_id: int | None = None) -> list[SearchHit]:
    """Title hits first, then message hits, at most `limit` in all, in one project's conversations when
    `project_id` is given (OUTSIDE_PROJECTS: those in none); an empty query finds nothing."""
    terms = _terms(query)
    if not terms or limit <= 0:
        return []
    pattern = _pattern(terms)
    hits = _title_hits(db, terms, pattern, limit, project_id)
    return hits + _message_hits(db, terms, pattern, limit - len(hits), project_id)
