"""Stage 1 of the PDF road: each page's characters with their boxes and fonts, and its picture
boxes and rule lines, from pdfminer.six (the `pdf` extra). Coordinates are points from the page's
top left corner, so `y` grows down the page as a reader's eye does."""
from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import INSTALL, NO_TEXT, PdfError

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$|w[6-9]$", re.IGNORECASE)


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    box: bool = False       # a picture box taking room on the page, no text
    actual: str | None = None   # the text the PDF's ActualText gives for it ("": its span's rest)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PdfPage:
    number: int                  # 1-based, as in `--pages`
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)   # pictures
    rules: list[tuple[float, float, float]] = field(default_factory=list)          # x0, x1, y


def load(source: str | Path | bytes, pages: set[int] | None = None) -> list[PdfPage]:
    """The pages of a PDF (all, or those numbered in `pages`), or `PdfError` saying why not."""
    data = source if isinstance(source, bytes) else _read_bytes(source)
    if b"%PDF-" not in data[:1024]:
        raise PdfError("not a PDF file (no %PDF header)")
    try:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
    except ImportError:
        raise PdfError(f"reading PDFs needs pdfminer.six: {INSTALL}") from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    manager = PDFResourceManager()
    device = _aggregator(PDFPageAggregator)(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    out: list[PdfPage] = []
    number = 0
    try:
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            if pages is not None and number not in pages:
                continue
            interpreter.process_page(page)
            out.append(_page(number, device.get_result()))
    except PdfError:
        raise
    except Exception as e:          # pdfminer raises many kinds for a damaged file
        raise PdfError(_why(e)) from None
    if not out:
        asked = ",".join(str(n) for n in sorted(pages or ()))
        raise PdfError("the PDF has no pages" if pages is None or not number
                       else f"the PDF has {number} page{'s' * (number > 1)}: none of the pages "
                       f"asked for ({asked}) is among them")
    if not any(c.text.strip() for p in out for c in p.chars):
        raise PdfError(NO_TEXT)
    return out


def _aggregator(base: type) -> type:
    """pdfminer's page aggregator, also noting each glyph's ActualText: the text a marked-content
    span (`/Span <</ActualText (...)>> BDC ... EMC`) says its glyphs stand for. Chromium writes
    one around each glyph its font's character map gives ambiguously (`⼾` or 户 for 戶)."""
    from pdfminer.utils import decode_text

    class Aggregator(base):  # type: ignore[misc, valid-type]
        def begin_page(self, page, ctm) -> None:
            self.spans: list[tuple[str | None, list]] = []
            super().begin_page(page, ctm)

        def begin_tag(self, tag, props=None) -> None:
            actual = props.get("ActualText") if isinstance(props, dict) else None
            if isinstance(actual, bytes):
                actual = decode_text(actual)
            self.spans.append((actual if isinstance(actual, str) else None, []))

        def end_tag(self) -> None:
            if not self.spans:
                return
            actual, glyphs = self.spans.pop()
            outer = any(a is not None for a, _ in self.spans)
            if actual is not None and glyphs and not outer:
                for k, glyph in enumerate(glyphs):
                    glyph.reflow_actual = actual if k == 0 else ""

        def render_char(self, *args, **kwargs) -> float:
            adv = super().render_char(*args, **kwargs)
            for actual, glyphs in self.spans:
                if actual is not None:
                    glyphs.append(self.cur_item._objs[-1])
            return adv

    return Aggregator


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise PdfError(f"cannot read: {e.strerror or e}") from None


def _why(e: Exception) -> str:
    name = type(e).__name__
    if "Encrypt" in name or "Password" in name:
        return "the PDF is encrypted; decrypt it first (for example qpdf --decrypt)"
    what = " ".join(str(e).split()) or name
    return f"not a readable PDF (truncated or damaged): {what[:120]}"


def _page(number: int, layout) -> PdfPage:
    from pdfminer.layout import LTChar, LTCurve, LTFigure, LTImage

    x0, y0, x1, y1 = layout.bbox
    height = y1 - y0
    page = PdfPage(number, x1 - x0, height)
    stack = list(layout)
    shapes = []
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            text = item.get_text()
            if text:
                page.chars.append(Char(text, item.x0, item.x1, y1 - item.y1, y1 - item.y0,
                                       round(item.size, 1), bool(_BOLD.search(item.fontname)),
                                       actual=getattr(item, "reflow_actual", None)))
        elif isinstance(item, LTImage):
            page.boxes.append((item.x0, y1 - item.y1, item.x1, y1 - item.y0))
        elif isinstance(item, LTFigure):
            stack.extend(item)
        elif isinstance(item, LTCurve):    # rectangles and lines are curves too
            shapes.append((item.x0, y1 - item.y1, item.x1, y1 - item.y0))
    for bx0, top, bx1, bottom in shapes:
        if bottom - top <= 3 and bx1 - bx0 > 20:
            page.rules.append((bx0, bx1, (top + bottom) / 2))
        elif (bottom - top > 20 and bx1 - bx0 > 20
              and not _holds_text(page.chars, bx0, top, bx1, bottom)):
            page.boxes.append((bx0, top, bx1, bottom))
    return page


def _holds_text(chars: list[Char], x0: float, top: float, x1: float, bottom: float) -> bool:
    """A frame drawn around text (an article's box) is no picture."""
    return any(x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= c.middle <= bottom for c in chars)
