"""Chunks give the text back exactly, cover every line once, never cross a page, and stay near their size."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.documents.reading.chunking import MAX_CHARS, TARGET_CHARS, chunk_document, join_chunks
from app.core.documents.reading.extract import Extracted

_LINE = st.one_of(st.just(""), st.text(alphabet="ab 東京\t", max_size=80), st.text(alphabet="xy", min_size=3000,
                                                                                  max_size=6000))


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, max_size=200))
def test_chunks_join_back_to_the_text_and_cover_each_line(lines):
    text = "\n".join(lines)
    chunks = chunk_document(Extracted(text, "text"))
    assert join_chunks(chunks) == text
    if text:
        assert chunks[0].line_first == 1 and chunks[-1].line_last == len(lines)
    for before, after in itertools.pairwise(chunks):
        # The next chunk starts on the next line, or on the same line when that line was cut.
        assert after.line_first == before.line_last + (0 if before.continues else 1)
    assert all(len(chunk.text) <= MAX_CHARS * 2 for chunk in chunks)


def test_pages_are_never_mixed_and_each_chunk_knows_its_page():
    page_one = ["alpha line"] * 5
    page_two = ["beta line"] * 5
    document = Extracted("\n".join(page_one + page_two), "pdf", page_starts=(0, 5))
    chunks = chunk_document(document)
    assert [(c.line_first, c.line_last, c.page) for c in chunks] == [(1, 5, 1), (6, 10, 2)]


def test_chunks_end_at_a_blank_line_near_the_target():
    paragraph = "word " * 60  # 300 characters
    text = "\n".join([paragraph, paragraph, paragraph, paragraph, "", paragraph, paragraph])
    chunks = chunk_document(Extracted(text, "text"))
    assert chunks[0].line_last == 5 and len(chunks[0].text) >= TARGET_CHARS
