"""Stage 2a, a pre-pass that only warns: lines of neighbouring columns that may alternate.

Default `pdftotext` reads some pages line by line across their columns and writes each line as
a block of its own, between empty lines: a sentence then goes on two, three or five lines further
down, and nothing in the text says which line is which column's. Where most lines of a page
stand alone like that, reflow says so (L44): once per page on stderr, with a hint, and as a weak
decision for `--explain` and editors. It moves nothing: the lines are read as they come.
"""
from __future__ import annotations

from ..config import Config
from ..model import Decision, Line
from ..registry import rule
from .pieces import MIN_COLUMN, ends_sentence

# lines at least this wide count (shorter ones are headlines, last lines, furniture) ...
MIN_LINES = 10
# ... and this share of them, standing alone between empty lines, makes the page suspect
SHARE = 0.3

HINT = ("the lines of neighbouring columns may be interleaved (the extractor read across the "
        "columns); the result may mix them up: try `pdftotext -raw`")


@rule("L44", "interleaved-lines", "line", examples=[(
    "城南小学的操场今年春天完成了翻\n\n山里的孩子们第一次在塑胶跑道上\n\n新，跑道换成了塑胶材料，足球场\n\n奔跑，家长们也都很放心，说这\n\n也铺上了新草皮，孩子们在课间\n\n是几代人盼了很久的一件好事，\n\n跑来跑去，笑声传遍"
    "了整个校园\n\n村里的老人也常来看孩子们上课\n\n老师们说，学校的体育课从此可\n\n学校还打算明年再建一个图书\n\n以安心上了。\n\n室。\n\n"
    ,
    # read as it comes: the two columns stay mixed, which the warning says
    "城南小学的操场今年春天完成了翻山里的孩子们第一次在塑胶跑道上新，跑道换成了塑胶材料，足球场"
    "奔跑，家长们也都很放心，说这也铺上了新草皮，孩子们在课间是几代人盼了很久的一件好事，"
    "跑来跑去，笑声传遍了整个校园村里的老人也常来看孩子们上课老师们说，学校的体育课从此可"
    "学校还打算明年再建一个图书以安心上了。\n\n室。\n")])
def interleaved_lines(lines: list[Line], config: Config) -> bool:
    """Where many lines as wide as a column that stop mid-sentence stand alone between empty
    lines (a sentence that goes on somewhere else), the extractor
    wrote each line of the page as a block of its own, in an order that may go across the
    columns. Nothing shows which line is which column's: the page is read as it comes, and the
    reader is warned (weak evidence) to extract it again in reading order (`pdftotext -raw`)."""
    texts = [i for i, l in enumerate(lines)
             if l.width >= MIN_COLUMN and not ends_sentence(l.text, config)]
    if len(texts) < MIN_LINES:
        return False
    alone = sum(1 for i in texts
                if (i == 0 or not lines[i - 1].text) and (i + 1 == len(lines) or not lines[i + 1].text))
    return alone >= SHARE * len(texts)


def warn_interleaved(lines: list[Line], config: Config, decisions: list[Decision],
                     warnings: list[str], off: frozenset[str] = frozenset()) -> None:
    """Say once for each page of `lines` that looks interleaved (L44)."""
    if "L44" in off:
        return
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].page != lines[start].page:
            page = lines[start:i]
            if interleaved_lines(page, config):
                first, last = page[0].no, page[-1].no
                decisions.append(Decision("L44", (first, last), HINT, weak=True))
                warnings.append(f"page {page[0].page} (lines {first}-{last}): {HINT}")
            start = i
