"""reflow: rebuild clean article text from column-wrapped Chinese newspaper pages.

    >>> import reflow
    >>> page = reflow.analyze(text)          # articles, furniture, edits, decisions
    >>> page.to_dict()                       # the `--format json` schema
    >>> reflow.reflow_text(text)             # the default text output
    >>> reflow.normalize(text)               # the inline rules alone (spacing, punctuation)
    >>> reflow.format_text(text)             # for editors: raises NothingChanged if already clean
    >>> reflow.diagnose(text)                # every edit and decision, located in `text`
    >>> reflow.analyze_pdf("page.pdf")       # the same Page, read from a PDF (reflow[pdf])
"""
from .config import ConfigError
from .engine import (
    ConservationError,
    NothingChanged,
    UnstableOutput,
    analyze,
    diagnose,
    format_text,
    normalize,
    normalize_and_explain,
    reflow_text,
)
from .locate import Diagnostic
from .model import Article, Block, Decision, Edit, Page
from .pdf import PdfError, analyze_pdf
from .render import render

__all__ = [
    "analyze", "analyze_pdf", "PdfError", "reflow_text", "render", "normalize",
    "normalize_and_explain", "format_text", "diagnose",
    "Page", "Article", "Block", "Edit", "Decision", "Diagnostic",
    "NothingChanged", "UnstableOutput", "ConservationError", "ConfigError",
]
__version__ = "0.1.0"
