"""reflow on pages that went through real typesetting and real extractors (tests/realpdf/).

The pages were laid out from the project's own articles, printed by WeasyPrint and Chromium and
extracted by seven extractors (`python tests/realpdf/build.py`, see tests/realpdf/README.md); they
are committed, so no renderer is needed here. This file checks:
- the fixtures: at least 300 pages, the gold of each holds exactly the Han characters of its text,
  and in the extractions that follow the PDF's drawing order every gold string is in the text;
- that reflow loses no character on any page;
- per extractor, the figures at or above the floors of tests/realpdf/floors.toml (a ratchet);
- that tests/realpdf/score.py scores like the reference scorer of ../shared/tools/score.py.
Prints the table with `-s`; `python tests/realpdf/table.py` prints it alone.
"""
from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import asdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realpdf import build, order, score, table  # noqa: E402

HERE = Path(__file__).resolve().parent
FLOORS = tomllib.loads((HERE / "realpdf" / "floors.toml").read_text(encoding="utf-8"))
SHARED = HERE.parents[1] / "shared"
# read the PDF in drawing order
STREAM_ORDER = ("pdftotext-raw", "pymupdf", "pypdfium2", "pypdf")


def as_read(text: str, name: str) -> str:
    """`text` as the build checked it: the radicals a PDF's character map gave for ideographs
    read as the ideographs, as reflow reads them (L52)."""
    return build.as_read(text, trad="-hant" in name)


@pytest.fixture(scope="module")
def rows() -> dict[str, table.Row]:
    measured = table.measure(table.PAGES)
    print("\n" + table.format_table(measured))
    return measured


def test_there_are_enough_pages_of_every_extractor() -> None:
    pages = table.pages_of(table.PAGES)
    assert len(pages) >= 300
    for extractor, floor in FLOORS.items():
        assert sum(1 for e, _, _ in pages if e == extractor) >= floor["pages"], extractor


def test_each_gold_holds_the_han_characters_of_its_text() -> None:
    """(OCR texts aside: OCR misreads characters, and their gold is the layout's, unread.)"""
    checked = 0
    for extractor, txt, gold in table.pages_of(table.PAGES):
        if extractor == "ocr":
            continue
        checked += 1
        text = as_read(txt.read_text(encoding="utf-8"), txt.name)
        g = json.loads(gold.read_text(encoding="utf-8"))
        assert score.han(score.page_text(g)) == score.han(text) or doubled(g, text), txt.name
    assert checked >= 300


def doubled(gold: dict, text: str) -> bool:
    """The text holds more Han characters than the gold only by titles the PDF drew twice."""
    extra = score.han(text) - score.han(score.page_text(gold))
    titles = score.han("".join(h for a in gold["articles"] for h in a["headlines"]))
    return not score.han(score.page_text(gold)) - score.han(text) and not extra - titles


def test_gold_strings_are_in_the_drawing_order_extractions() -> None:
    """Where an extractor follows the PDF's drawing order, every headline, block and credit of the
    gold is in the text as one run (white space aside): the gold is the text, not a guess.
    Headlines are left out where a title drawn twice came out doubled (`青山山射電`)."""
    checked = 0
    for extractor, txt, gold_path in table.pages_of(table.PAGES):
        if extractor not in STREAM_ORDER:
            continue
        raw = as_read(txt.read_text(encoding="utf-8"), txt.name)
        text, gold = re.sub(r"\s+", "", raw), json.loads(gold_path.read_text(encoding="utf-8"))
        single = score.han(raw) == score.han(score.page_text(gold))
        for art in gold["articles"]:
            strings = [b["text"] for b in art["blocks"]] + art["credits"]
            for s in strings + (art["headlines"] if single else []):
                assert re.sub(r"\s+", "", s) in text, (txt.name, s)
                checked += 1
    assert checked > 1000


def test_ocr_pages_match_near_strings() -> None:
    """OCR pages are scored by near matches: a character misread in a paragraph or a subhead
    matches, a paragraph cut in two or run into the next does not."""
    para = "公交集团在全市建成公交充电场站四十二座，车辆利用夜间低谷时段集中充电。"
    misread = para.replace("谷", "容")
    assert score.near(para, misread) and score.near("充电网络同步完善", "充电网络同步完菩")
    assert not score.near(para, para[:20]) and not score.near(para, para + "另一段的开头")
    gold = {"articles": [{"headlines": ["社区食堂开进老街"], "credits": ["本报记者 林远 摄"],
                          "blocks": [{"kind": "paragraph", "text": para}]}]}
    read = {"articles": [{"headlines": ["社区食堂开进老衔"], "credits": ["本报记者 林远 摄"],
                          "blocks": [{"kind": "paragraph", "text": misread}]}]}
    cut = {"articles": [{"headlines": [], "credits": [],
                         "blocks": [{"kind": "paragraph", "text": para[:20]},
                                    {"kind": "paragraph", "text": para[20:]}]}]}
    got = score.score_ocr(para, gold, read)
    assert (got.block_f1, got.headlines, got.credits) == (1.0, (1, 1), (1, 1))
    got = score.score_ocr(para, gold, cut)
    assert (got.block_f1, got.headlines, got.credits) == (0.0, (0, 1), (0, 1))


def test_no_page_loses_a_character(rows: dict[str, table.Row]) -> None:
    assert not [f for r in rows.values() for f in r.failed]
    assert not [p for r in rows.values() for p in r.losing]


@pytest.mark.parametrize("extractor", sorted(FLOORS))
def test_figures_stay_at_or_above_their_floors(rows: dict[str, table.Row], extractor: str) -> None:
    row, floor = rows[extractor], FLOORS[extractor]
    got = dict(block_f1=row.block_f1, soft_f1=row.soft_f1,
               headlines=table.Row.rate(row.headlines), credits=table.Row.rate(row.credits))
    below = {k: (round(v, 4), floor[k]) for k, v in got.items() if v < floor[k]}
    assert not below, f"{extractor}: (measured, floor) {below}"


def test_the_scorer_agrees_with_the_reference_scorer() -> None:
    pages = SHARED / "pages" / "realpdf"
    reference = SHARED / "tools" / "score.py"
    if not pages.is_dir() or not reference.is_file():
        pytest.skip(f"{pages} or {reference} is not there (shared/ beside the repository)")
    import reflow
    ref = table.reference(reference)
    compared = 0
    for _, txt, gold_path in table.pages_of(pages):
        text = txt.read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = reflow.analyze(text).to_dict()
        assert asdict(score.score(text, gold, result)) == asdict(ref(text, gold, result)), txt.name
        compared += 1
    assert compared >= 40


def test_the_scorer_on_a_small_page() -> None:
    """Blocks, homes, headlines and credits, counted by hand."""
    gold = {"articles": [
        {"headlines": ["河边公园重新开放"], "blocks": [{"kind": "paragraph", "text": "公园里新修了步道。"},
                                               {"kind": "paragraph", "text": "傍晚常有居民散步。"}],
         "credits": ["李华 摄"]},
        {"headlines": ["城南小学种树"], "blocks": [{"kind": "paragraph", "text": "学生们种下二十棵小树。"}],
         "credits": ["王明 摄"], "credit_ok": [0]}], "furniture": ["第A03版"], "unplaced": []}
    result = {"articles": [
        {"headlines": ["城南小学种树"], "blocks": [{"kind": "paragraph", "text": "公园里新修了步道。"},
                                             {"kind": "paragraph", "text": "傍晚常有居民 散步。"}],
         "credits": ["王明 摄"]},
        {"headlines": ["河边公园重新开放"],
         "blocks": [{"kind": "paragraph", "text": "学生们种下二十棵小树。"}],
         "credits": []}], "furniture": [], "unplaced": ["第A03版", "李华 摄"]}
    text = "".join(score.page_text(gold))
    s = score.score(text, gold, result)
    assert s.block_f1 == round(2 / 3, 4)          # 2 of 3 blocks, both ways
    assert s.soft_f1 == 1.0                       # the stray space forgiven
    assert s.headlines == (0, 2)                  # each title went to the other's home
    assert s.credits == (1, 2)                    # 王明 摄 may sit with article 1 (credit_ok)
    assert (s.han_lost, s.han_added) == (0, 0)
    assert score.score(text, gold, {"articles": []}).han_lost == sum(score.han(text).values())


def test_the_reading_order_measure() -> None:
    """order.py: a page whose lines come in the gold's order has no break; the same lines with
    two paragraphs swapped have breaks where they were swapped; the drawing-order extractions
    (`pdftotext -raw`) come out in order almost everywhere."""
    gold = {"articles": [{"blocks": [{"text": "社区图书馆开放以来，每天都有两百多位居民前来借书。"},
                                     {"text": "馆长说，今后还会增加电子阅览设备和自习座位。"},
                                     {"text": "不少家长下班后带着孩子来这里看书。"}]}]}
    lines = ["社区图书馆开放以来，每天都", "有两百多位居民前来借书。", "馆长说，今后还会增加电子",
             "阅览设备和自习座位。", "不少家长下班后带着孩子来", "这里看书。"]
    assert order.in_order("\n".join(lines) + "\n", gold)[:2] == (5, 0)
    swapped = lines[:2] + lines[4:] + lines[2:4]
    ok, bad, breaks = order.in_order("\n".join(swapped) + "\n", gold)
    assert (ok, bad) == (3, 2) and breaks[0] == "百多位居民前来借书。 | 不少家长下班后带着孩"
    raw = [p for p in table.pages_of(table.PAGES) if p[0] == "pdftotext-raw"][:10]
    counts = [order.in_order(t.read_text(encoding="utf-8"), json.loads(g.read_text("utf-8")))
              for _, t, g in raw]
    assert sum(c[0] for c in counts) > 10 * sum(c[1] for c in counts)
