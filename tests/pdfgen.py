"""A small newspaper typesetter for the PDF tests: the articles of tests/articles laid out as
real PDF pages with reportlab (BSD), and the page reflow must give back.

Each page has a running header (paper, date, edition) over a rule line and a footer (editor,
page number); its articles are stacked, each with an optional kicker, a title, an optional
subtitle, an author line, and a body in 1-4 columns of 10-30 characters, set ragged (as
WeasyPrint does) or justified (as Chromium does), paragraphs indented 2em (or, in half the
one-column articles, set apart by an empty row without an indent), subheads centred in
their column, a picture box with a credit in small type. Files hold 1-3 pages. Some files draw
part of their characters as CJK radicals (⻓ for 长), as some PDF fonts' character maps do; half
of those say the right character in an ActualText span around each such glyph, as Chromium does.

    python tests/pdfgen.py OUT_FOLDER [N]    # write N PDFs (default 50) and their expected JSON

`layout_pdf` sets a page written out line by line, the form of the PDF rules' case files
(`rules/cases/P..txt`):

    X Y SIZE TEXT              a line of text at X, its baseline Y points from the top
    X Y SIZE {⻓=长}江          a glyph drawn as ⻓ with the ActualText 长
    box X0 TOP X1 BOTTOM       a grey picture box
    rule X0 X1 Y               a rule line
    page                       a new page

The fonts are the PDF standard CID fonts (STSong-Light), which need no font file: CI needs no
fonts installed.
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from simulator import CleanArticle, load_articles  # noqa: E402

FONT = "STSong-Light"
PAGE_W, PAGE_H = 842.0, 1191.0        # A3, portrait
MARGIN = 40.0
# Characters a line may not start with, and may not end with (kinsoku), and the radicals some
# fonts' maps give for ideographs.
CLOSING = set("，。、；：！？）》」』”’…%,.;:!?)")
OPENING = set("（《「『“‘(")
RADICALS = {"长": "⻓", "门": "⻔", "马": "⻢", "风": "⻛", "见": "⻅", "车": "⻋", "黄": "⻩"}
PAPERS = ("临江日报", "滨城晚报", "北岭商报", "东湖都市报")
SECTIONS = ("要闻", "城事", "经济", "民生", "文化")


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics


def units(text: str) -> list[str]:
    """Pieces no line may break inside: a Han character, or a run of Latin letters and digits,
    with the closing marks after it and the opening marks before it."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) - 1 and (text[j] in OPENING or text[j] == " "):   # a space goes with
            j += 1                                                            # what follows it
        if text[j].isascii() and text[j].isalnum():
            while j + 1 < len(text) and text[j + 1].isascii() and (
                    text[j + 1].isalnum() or text[j + 1] in ".-/%"):
                j += 1
        while j + 1 < len(text) and text[j + 1] in CLOSING:
            j += 1
        if out and (out[-1].endswith(" ") or text[i] == " "):    # no break at a space
            out[-1] += text[i:j + 1]
        else:
            out.append(text[i:j + 1])
        i = j + 1
    return out


@dataclass
class Setting:
    size: float
    columns: int
    chars: int                  # column width in characters
    justified: bool
    radicals: bool
    gap: float = 0.0            # between columns, points
    indent: float = 2.0         # first-line indent, ems; 0: an empty row between paragraphs
                                # (in one column only: several would leave no evidence where
                                # a paragraph ends at a column's foot)

    @property
    def first_line(self) -> float:
        """The first-line indent in points."""
        return (self.indent if self.columns == 1 else 2.0) * self.size

    @property
    def column_width(self) -> float:
        return self.chars * self.size

    @property
    def leading(self) -> float:
        return self.size * 1.5


@dataclass
class Placed:
    """A line to draw: text, x, baseline y (from the top), size, and its glyph advances."""

    text: str
    x: float
    y: float
    size: float
    spacing: float = 0.0        # extra space after each unit (justification)
    unit_list: list[str] = field(default_factory=list)


def wrap(text: str, width: float, size: float, indent: float) -> list[tuple[list[str], bool]]:
    """Lines of units; True for a paragraph's last line."""
    pm = _font()
    lines: list[tuple[list[str], bool]] = []
    line: list[str] = []
    used = indent
    for u in units(text):
        w = pm.stringWidth(u, FONT, size)
        if line and used + w > width + 0.01:
            lines.append((line, False))
            line, used = [], 0.0
        line.append(u)
        used += w
    lines.append((line, True))
    return lines


def layout_article(a: CleanArticle, s: Setting, top: float,
                   rng: random.Random) -> tuple[list[Placed], list[tuple], float]:
    """Draw commands for one article from `top` down: lines and picture boxes; the new top."""
    pm = _font()
    out: list[Placed] = []
    boxes: list[tuple] = []
    y = top
    width = s.columns * s.column_width + (s.columns - 1) * s.gap
    for text, scale in ((a.kicker, 1.3), (a.title, 2.2), (a.subtitle, 1.5)):
        if text:
            size = s.size * scale
            y += size * 1.3
            out.append(Placed(text, MARGIN, y, size))
    y += s.size * 0.8
    body: list[tuple[str, list[str], bool, bool]] = []   # kind, units, first, last
    if a.author:
        body.append(("author", [a.author], True, True))
    for kind, text in a.blocks:
        if kind == "subhead":
            body.append(("subhead", [text], True, True))
            continue
        lines = wrap(text, s.column_width, s.size, s.first_line)
        for i, (line, last) in enumerate(lines):
            body.append(("para", line, i == 0, last))
    credit = a.credits[0] if a.credits else None
    picture_lines = 8 if credit else 0
    spaced = s.first_line == 0      # block paragraphs: an empty row between them, no indent

    def rows(kind: str, first: bool) -> int:
        return 2 if kind == "subhead" or (spaced and kind == "para" and first) else 1

    slots = sum(rows(k, f) for k, _, f, _ in body) + (picture_lines + 1 if credit else 0)
    per_column = -(-slots // s.columns)
    col, row = 0, 0
    if credit:          # the picture at the top of the first column, its credit under it
        bottom = y + picture_lines * s.leading - s.size * 0.5
        boxes.append((MARGIN, y, MARGIN + s.column_width, bottom))
        row = picture_lines
        cw = pm.stringWidth(credit, FONT, s.size * 0.8)
        out.append(Placed(credit, MARGIN + s.column_width - cw, y + row * s.leading + s.size * 0.2,
                          s.size * 0.8))
        row += 1
    deepest = 0
    for kind, line, first, last in body:
        need = rows(kind, first)
        if row + need > per_column and row > 0:
            col, row = col + 1, 0
        if need == 2 and kind == "para":
            need, row = 1, row + (row > 0)      # the empty row, unless at a column's top
        x0 = MARGIN + col * (s.column_width + s.gap)
        base = y + row * s.leading + s.size
        if kind == "subhead":
            text = line[0]
            w = pm.stringWidth(text, FONT, s.size)
            out.append(Placed(text, x0 + (s.column_width - w) / 2, base + s.leading * 0.5, s.size))
        elif kind == "author":
            out.append(Placed(line[0], x0, base, s.size))
        else:
            indent = s.first_line if first else 0.0
            spacing = 0.0
            if s.justified and not last and len(line) > 1:
                used = sum(pm.stringWidth(u, FONT, s.size) for u in line)
                spacing = max(0.0, (s.column_width - indent - used) / (len(line) - 1))
            out.append(Placed("".join(line), x0 + indent, base, s.size, spacing, line))
        row += need
        deepest = max(deepest, row)
    return out, boxes, y + deepest * s.leading + s.size * 2.5


@dataclass
class Document:
    pages: list[tuple[list[Placed], list[tuple], list[Placed]]]   # lines, boxes, furniture
    expected: dict
    actual_text: bool = False     # radicals drawn inside ActualText spans giving the ideograph


def compose(articles: list[CleanArticle], seed: int) -> Document:
    """A file of 1-3 pages from `articles`, chosen and set by `seed`."""
    rng = random.Random(seed)
    n_pages = rng.choice((1, 1, 2, 3))
    paper, section = rng.choice(PAPERS), rng.choice(SECTIONS)
    month, day, edition = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1, 16)
    radicals = seed % 5 == 0
    pages, expected_articles, furniture = [], [], []
    order = rng.sample(range(len(articles)), len(articles))
    used = 0
    for p in range(n_pages):
        size = rng.choice((9.0, 10.0, 10.5, 12.0))
        lines: list[Placed] = []
        boxes: list[tuple] = []
        top = MARGIN + 40
        for _ in range(rng.choice((1, 2, 2, 3))):
            a = articles[order[used % len(articles)]]
            columns = rng.randint(1, 4)
            room = (PAGE_W - 2 * MARGIN) / size
            gap = rng.choice((1.0, 1.5, 2.0))
            chars = min(rng.randint(10, 30), int((room - (columns - 1) * gap) / columns))
            if chars < 10:
                columns, chars = 1, min(30, int(room))
            s = Setting(size, columns, chars, rng.random() < 0.5, radicals, gap=gap * size,
                        indent=0.0 if rng.random() < 0.5 else 2.0)
            placed, pboxes, bottom = layout_article(a, s, top, rng)
            while bottom > PAGE_H - MARGIN - 40 and s.columns < 4:      # too long: more columns
                s.columns += 1
                s.chars = min(s.chars, int((room - (s.columns - 1) * gap) / s.columns))
                placed, pboxes, bottom = layout_article(a, s, top, rng)
            if bottom > PAGE_H - MARGIN - 40:
                break
            used += 1
            lines += placed
            boxes += pboxes
            top = bottom
            expected_articles.append(a.expected())
        head = [Placed(paper, MARGIN, MARGIN + 16, 16.0),
                Placed(f"2024年{month}月{day}日", PAGE_W / 2 - 40, MARGIN + 14, 10.0),
                Placed(f"第{edition + p}版 {section}", PAGE_W - MARGIN - 80, MARGIN + 14, 10.0)]
        foot = [Placed(f"责任编辑：{rng.choice(('王静', '李华', '张敏'))}", MARGIN, PAGE_H - MARGIN + 4, 9.0),
                Placed(f"{edition + p}", PAGE_W - MARGIN - 12, PAGE_H - MARGIN + 4, 9.0)]
        furniture += [f.text for f in head + foot]
        pages.append((lines, boxes, head + foot))
    doc = Document(pages, {"articles": expected_articles, "furniture": furniture, "unplaced": []},
                   actual_text=seed % 10 == 0)
    if radicals:
        for lines, _, _ in pages:
            for line in lines:
                line.text = "".join(RADICALS.get(ch, ch) for ch in line.text)
                line.unit_list = ["".join(RADICALS.get(ch, ch) for ch in u) for u in line.unit_list]
    return doc


def render(doc: Document) -> bytes:
    """The document as PDF bytes."""
    from reportlab.pdfgen import canvas
    pm = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    for lines, boxes, furniture in doc.pages:
        for x0, top, x1, bottom in boxes:
            c.setFillGray(0.85)
            c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        c.setFillGray(0)
        c.setLineWidth(0.8)
        c.line(MARGIN, PAGE_H - MARGIN - 24, PAGE_W - MARGIN, PAGE_H - MARGIN - 24)
        c.line(MARGIN, MARGIN + 12, PAGE_W - MARGIN, MARGIN + 12)
        for line in furniture + lines:
            c.setFont(FONT, line.size)
            if not line.spacing:
                draw(c, line.x, PAGE_H - line.y, line.text, line.size, doc.actual_text)
                continue
            x = line.x
            for u in line.unit_list:       # justified: each unit placed on its own
                draw(c, x, PAGE_H - line.y, u, line.size, doc.actual_text)
                x += pm.stringWidth(u, FONT, line.size) + line.spacing
        c.showPage()
    c.save()
    return buf.getvalue()


IDEOGRAPHS = {radical: ideograph for ideograph, radical in RADICALS.items()}


def draw(c, x: float, y: float, text: str, size: float, actual_text: bool,
         actual: dict[int, str] | None = None) -> None:
    """Draw `text` at `x`, baseline `y` (from the bottom). With `actual_text`, each radical is
    drawn inside a marked-content span whose ActualText is its ideograph; `actual` gives the
    ActualText of other glyphs, by index."""
    actual = dict(actual or {})
    if actual_text:
        actual.update({i: IDEOGRAPHS[ch] for i, ch in enumerate(text) if ch in IDEOGRAPHS})
    if not actual:
        c.drawString(x, y, text)
        return
    pm = _font()
    start = 0
    for i in sorted(actual) + [len(text)]:
        if text[start:i]:
            c.drawString(x, y, text[start:i])
            x += pm.stringWidth(text[start:i], FONT, size)
        if i == len(text):
            break
        said = "".join(f"{b:02X}" for b in actual[i].encode("utf-16-be"))
        c._code.append(f"/Span <</ActualText <FEFF{said}>>> BDC")
        c.drawString(x, y, text[i])
        c._code.append("EMC")
        x += pm.stringWidth(text[i], FONT, size)
        start = i + 1


_SAID = re.compile(r"\{(.)=(.+?)\}")


def layout_pdf(layout: str, width: float = 420.0, height: float = 595.0) -> bytes:
    """A PDF of pages written out line by line (see the module's docstring): the input of a PDF
    rule's case file."""
    from reportlab.pdfgen import canvas
    _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    for row in layout.splitlines():
        words = row.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "page":
            c.showPage()
        elif words[0] == "box":
            x0, top, x1, bottom = map(float, words[1:5])
            c.setFillGray(0.85)
            c.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            c.setFillGray(0)
        elif words[0] == "rule":
            x0, x1, y = map(float, words[1:4])
            c.setLineWidth(0.8)
            c.line(x0, height - y, x1, height - y)
        else:
            x, y, size = map(float, words[:3])
            text = row.split(None, 3)[3]
            actual: dict[int, str] = {}
            plain = ""
            for k, piece in enumerate(_SAID.split(text)):
                if k % 3 == 1:
                    actual[len(plain)] = ""
                    plain += piece
                elif k % 3 == 2:
                    actual[len(plain) - 1] = piece
                else:
                    plain += piece
            c.setFont(FONT, size)
            draw(c, x, height - y, plain, size, False, actual)
    c.showPage()
    c.save()
    return buf.getvalue()


def documents(n: int = 50) -> list[tuple[int, bytes, dict]]:
    """`n` generated files: (seed, PDF bytes, expected page)."""
    articles = load_articles()
    out = []
    for seed in range(n):
        doc = compose(articles, seed)
        out.append((seed, render(doc), doc.expected))
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for seed, data, expected in documents(int(sys.argv[2]) if len(sys.argv) > 2 else 50):
        (folder / f"gen{seed:03d}.pdf").write_bytes(data)
        (folder / f"gen{seed:03d}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
