"""The PDF road: read a PDF's characters with their boxes and fonts and rebuild its articles.

read (characters, picture boxes, rule lines) -> regions (columns, lines on baselines, reading
order) -> roles (furniture, headlines, subheads, bylines, captions, credits) -> build (paragraphs
and articles, the same `Page` as the text road) -> the inline rules and the conservation check,
against the PDF's text layer. Needs the `pdf` extra (pdfminer.six); without it, `PdfError`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Page
from .errors import INSTALL, NO_TEXT, PdfError

__all__ = ["analyze_pdf", "text_layer", "PdfError", "INSTALL", "NO_TEXT", "is_pdf",
           "looks_like_pdf", "parse_pages"]


def is_pdf(name: str) -> bool:
    return name.lower().endswith(".pdf")


def looks_like_pdf(data: bytes) -> bool:
    """Bytes that open with a PDF's header (`%PDF-`), as standard input may: read as a PDF."""
    return data[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-")


def parse_pages(spec: str | None) -> set[int] | None:
    """`"2-3,5"` -> {2, 3, 5}; None for every page. A bad spec is a `ValueError`."""
    if spec is None:
        return None
    out: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        try:
            a, b = int(first), int(last or first)
        except ValueError:
            raise ValueError(f"pages: {spec!r} is not a list of pages such as 2-3,5") from None
        if a < 1 or b < a:
            raise ValueError(f"pages: {part.strip()!r} is not a range of pages from 1")
        out.update(range(a, b + 1))
    return out


def analyze_pdf(source: str | Path | bytes, pages: str | set[int] | None = None,
                **options: Any) -> Page:
    """Rebuild the articles of a PDF (a path or its bytes), as `reflow.analyze` does for text.
    `pages` is `"2-3"` or a set of page numbers; other options are `analyze`'s."""
    from .pipeline import run
    wanted = parse_pages(pages) if isinstance(pages, str) else pages
    return run(source, wanted, **options)


def text_layer(source: str | Path | bytes, pages: str | set[int] | None = None) -> str:
    """The PDF's text as reflow reads it: its lines in reading order, pages apart by form feeds."""
    from .pipeline import read_layer
    wanted = parse_pages(pages) if isinstance(pages, str) else pages
    return read_layer(source, wanted)[0]
