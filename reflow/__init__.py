"""reflow: rebuild clean article text from column-wrapped Chinese newspaper pages.

    >>> import reflow
    >>> page = reflow.analyze(text)          # articles, furniture, edits, decisions
    >>> page.to_dict()                       # the `--format json` schema
    >>> reflow.reflow_text(text)             # the default text output
"""
from .engine import ConservationError, analyze, reflow_text
from .model import Article, Block, Decision, Edit, Page
from .render import render

__all__ = [
    "analyze", "reflow_text", "render", "ConservationError",
    "Page", "Article", "Block", "Edit", "Decision",
]
__version__ = "0.1.0"
