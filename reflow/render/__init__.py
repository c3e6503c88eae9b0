"""Stage 6, render: a `Page` as text, Markdown, JSON or JSON lines."""
from __future__ import annotations

from ..model import Page
from .json import render_json, render_jsonl
from .markdown import render_markdown
from .text import render_text

FORMATS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "jsonl": render_jsonl,
}


def render(page: Page, format: str = "text") -> str:
    """The page in `format`; every format ends with a newline (an empty page renders as "")."""
    try:
        return FORMATS[format](page)
    except KeyError:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}") from None
