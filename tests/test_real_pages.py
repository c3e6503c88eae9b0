"""Real newspaper pages from ../shared/pages, scored against their gold files with
../shared/tools/score.py.

Neither the pages nor their expectations are copied into this repository: the texts, the gold
JSON and the scorer are read from ../shared at test time, and these tests skip when it is absent.
The thresholds are the project's targets for these two pages (perfect blocks, every headline and
credit in its article, not one Han character lost).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import reflow

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGES = SHARED / "pages"
SCORER = SHARED / "tools" / "score.py"

# page name -> (headlines, credits) the scorer must report
TARGETS = {
    "xining-dev-zone": ("5/5", "1/1"),
    "xiaoyaoyou-two-column.pdftotext-raw": ("1/1", None),
}
NAMES = sorted(TARGETS)


def _page(name: str) -> tuple[str, dict]:
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent")
    text_path, gold_path = PAGES / f"{name}.txt", PAGES / f"{name}.expected.json"
    if not text_path.is_file() or not gold_path.is_file():
        pytest.skip(f"{name} is not in {PAGES}")
    return text_path.read_text(encoding="utf-8"), json.loads(gold_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is absent")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.score


def check_scores(name: str, text: str, gold: dict, result: dict, score) -> None:
    figures = score(text, gold, result)
    headlines, credits = TARGETS[name]
    assert figures["block_f1"] == 1.0, figures
    assert figures["headlines"] == headlines, figures
    if credits is not None:
        assert figures["credits"] == credits, figures
    assert figures["han_lost"] == 0, figures
    if "furniture" in gold:  # the gold file lists the page's running headers and footers
        assert result["furniture"] == gold["furniture"]


@pytest.mark.parametrize("name", NAMES)
def test_library_scores(name, scorer):
    text, gold = _page(name)
    check_scores(name, text, gold, reflow.analyze(text).to_dict(), scorer)


def test_two_column_page_furniture_is_the_gold_list():
    name = "xiaoyaoyou-two-column.pdftotext-raw"
    text, gold = _page(name)
    assert "furniture" in gold, "the gold file of the two-column page lists its furniture"
    assert reflow.analyze(text).to_dict()["furniture"] == gold["furniture"]


@pytest.mark.parametrize("name", NAMES)
def test_cli_json_scores(name, scorer, run):
    text, gold = _page(name)
    done = run(PAGES / f"{name}.txt", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    check_scores(name, text, gold, result, scorer)
    assert result == reflow.analyze(text).to_dict()


@pytest.mark.parametrize("name", NAMES)
def test_text_output_is_idempotent(name):
    text, _ = _page(name)
    out = reflow.reflow_text(text)
    assert out.strip(), "the page made no text at all"
    assert reflow.reflow_text(out) == out
