"""Stage 2, the first line rule: radicals a PDF's character map gave for ideographs, mapped back.

Many PDFs map ideographs to the look-alike Kangxi radicals in their fonts' character maps
(`⽇` U+2F47 for 日, `⼀` for 一, `⻓` U+2EE3 for 长): Chromium's PDFs of Noto CJK do, and a
reader that follows the character map alone keeps the radicals (pypdf, pdfminer and so
pdfplumber; pdftotext and PyMuPDF read the ActualText the PDF sets beside them). Read as they
are, no pattern finds a date in `12⽉28⽇` or the paper in `海港⽇报`, and a reader's search finds
no word. A news page holds no radical as a character of its own, so each is read as the
ideograph it draws (L52):
the Kangxi radicals by their compatibility mapping (NFKC), the simplified forms of the CJK
Radicals Supplement, which have none, by the list below, and the compatibility ideographs of
U+F900-U+FAFF too. The PDF reader does the same to a PDF's text layer (P10, `pdf/glyphs.py`).
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import regex

from ..model import Line
from ..rule import rule
from .pieces import width_of

if TYPE_CHECKING:
    from ..run import Run

# the simplified forms of the CJK Radicals Supplement drawn as whole characters
SUPPLEMENT = dict(zip(
    "⺠⺟⺝⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳⻄⻁⻑⻗⻡",
    "民母月见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟西虎長雨首"))

# Kangxi radicals whose compatibility ideograph is the Traditional form, while a Simplified font
# draws the Simplified one under the same glyph.
SIMPLIFIED = {"\u2f3e": "户"}

# a radical, a radical form or a compatibility ideograph
RADICAL = regex.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def ideograph(ch: str, simplified: bool) -> str:
    """The ideograph the radical or compatibility ideograph `ch` draws (`ch` if none);
    `simplified`: the text is in Simplified characters (⼾ is 户 there, 戶 in Traditional)."""
    if simplified and ch in SIMPLIFIED:
        return SIMPLIFIED[ch]
    if "\u2f00" <= ch <= "\u2fd5" or "\uf900" <= ch <= "\ufaff":
        return unicodedata.normalize("NFKC", ch)
    return SUPPLEMENT.get(ch, ch)


def is_simplified(text: str) -> bool:
    """More of `text` would change from Traditional to Simplified than the other way: a guess of
    the document's script."""
    from ..inline.convert import _converter
    sample = text[:4000]
    to_simplified = sum(a != b for a, b in zip(sample, _converter("t2s").convert(sample)))
    to_traditional = sum(a != b for a, b in zip(sample, _converter("s2t").convert(sample)))
    return to_simplified <= to_traditional


@rule("L52", "radical-to-ideograph", "line", deletes=True)
def radicals_to_ideographs(lines: list[Line], run: Run) -> None:
    """A Kangxi radical (`⽇`), a simplified radical form (`⻓`) or a compatibility ideograph
    in a line is the ideograph its glyph draws (`日`, `长`): the PDF's character map gave the
    look-alike. Each is mapped back before any other line rule reads the line, an edit declared
    to change characters; which of 户 and 戶 ⼾ is follows the page's script."""
    found = [line for line in lines if RADICAL.search(line.text)]
    if not found:
        return
    simplified = is_simplified("".join(line.text for line in lines))
    for line in found:
        text = "".join(ideograph(ch, simplified) if "\u2e80" <= ch else ch
                       for ch in line.text)
        if text == line.text:
            continue
        run.edit(radicals_to_ideographs, (line.no, line.no), line.text, text)
        line.raw = line.raw.replace(line.text, text, 1)
        line.text = text
        line.width = width_of(text, run.config)
