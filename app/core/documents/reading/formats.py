"""Text out of the formats that are not plain text: PDF (pypdf), DOCX (python-docx), HTML (the standard library's
parser) and minified JSON. Each takes what the file holds and returns text with \\n line ends; the parsers' own
errors propagate, and extract.py turns them into a reason."""

from __future__ import annotations

import io
import json
import logging
import re
from html.parser import HTMLParser

# pypdf logs what it repairs in damaged files; extract.py reports what matters (an unreadable file) instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
# A JSON file with a line longer than this is minified: indented, so that lines (and citations) mean something.
_MINIFIED_LINE = 1000


class PdfLocked(Exception):
    """The PDF needs a password."""


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page; a page without a text layer (a scan) gives ''."""
    import pypdf  # loaded on the first PDF: every start of the app imports this module

    reader = pypdf.PdfReader(io.BytesIO(data))
    # Many PDFs are "encrypted" with an empty user password only, to set permissions: those open as they are.
    if reader.is_encrypted and not reader.decrypt(""):
        raise PdfLocked
    return [_tidy_lines(page.extract_text() or "") for page in reader.pages]


def _tidy_lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def docx_text(data: bytes) -> str:
    """Paragraphs and tables in document order; a table row becomes one line, its cells separated by ' | '."""
    import docx  # loaded on the first DOCX, as pypdf
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(" | ".join(cell.text.replace("\n", " ") for cell in row.cells) for row in block.rows)
        else:
            lines.extend(block.text.split("\n"))
    return "\n".join(lines)


def json_text(text: str) -> str:
    """Readable JSON: a file with very long lines is indented; anything else (or invalid JSON) stays as written, so
    its line numbers are the file's."""
    if max((len(line) for line in text.split("\n")), default=0) <= _MINIFIED_LINE:
        return text
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    except ValueError:
        return text


_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tr", "ul"
})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0
        self._cells = 0  # cells so far in the table row

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
            self._cells = 0
            if tag == "pre":
                self._pre += 1
        elif tag in ("td", "th"):
            if self._cells:
                self.parts.append(" | ")
            self._cells += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._pre:
            self.parts.append(data)
            return
        # Outside <pre>, source line breaks and runs of spaces are only layout.
        text = re.sub(r"\s+", " ", data)
        if not self.parts or self.parts[-1].endswith("\n"):
            text = text.lstrip()
        self.parts.append(text)


def html_text(text: str) -> str:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    lines = (line.rstrip() for line in "".join(collector.parts).split("\n"))
    # At most one empty line in a row: block tags nest, and each one opened or closed starts a line.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
