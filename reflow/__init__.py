"""reflow: rebuild clean article text from column-wrapped Chinese newspaper pages.

    >>> import reflow
    >>> page = reflow.analyze(text)          # articles, furniture, edits, decisions
    >>> page.to_dict()                       # the `--format json` schema
    >>> reflow.reflow_text(text)             # the default text output
    >>> reflow.normalize(text)               # the inline rules alone (spacing, punctuation)
"""
from .config import ConfigError
from .engine import ConservationError, analyze, normalize, normalize_and_explain, reflow_text
from .model import Article, Block, Decision, Edit, Page
from .render import render

__all__ = [
    "analyze", "normalize", "normalize_and_explain", "reflow_text", "render", "ConservationError", "ConfigError",
    "Page", "Article", "Block", "Edit", "Decision",
]
__version__ = "0.1.0"
