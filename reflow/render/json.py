"""JSON (`Page.to_dict()`, the schema of `../shared/pages/*.expected.json`) and JSON lines."""
from __future__ import annotations

import json

from ..model import Page


def render_json(page: Page) -> str:
    return json.dumps(page.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(page: Page) -> str:
    """One article per line."""
    return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in page.articles)
