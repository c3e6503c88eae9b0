"""Stage 4a, structure rules: cut the page into articles; tell headline groups from subheads.

Between the paragraphs lie clusters of standalone lines, author lines and credits. A cluster that
marks a boundary (several lines, a credit, an opening after it, a change of column...) is a
headline group, to be placed by `headlines.place`; a lone short line inside one story is a subhead
and stays where it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..config import Config
from ..model import (AUTHOR, BYLINE, CREDIT, PARAGRAPH, SEPARATOR, SUBHEAD, Article, Block,
                     Decision, Line)
from ..registry import rule


@dataclass
class Cluster:
    """Standalone lines, author lines and credits that stand together between paragraphs."""

    items: list[Block | Line] = field(default_factory=list)
    below: int | None = None    # the article whose last paragraph comes right before
    above: int | None = None    # the article whose first paragraph comes right after

    @property
    def lines(self) -> tuple[int, int]:
        nos = [i.first if isinstance(i, Block) else i.no for i in self.items]
        return (min(nos), max(nos))


@dataclass
class Layout:
    articles: list[Article]
    clusters: list[Cluster]     # headline clusters only, in reading order
    inner_credits: list[tuple[Line, int]]   # credits found inside a paragraph: (line, article)


@rule("S03", "name-line-is-author", "structure", examples=[(
    "城南旧事\n林静\n城南有一座小园，园中种满了竹\n子。每到春天，新笋破土而出，孩子\n们常在竹林里捉迷藏，笑声一直传到\n巷口。\n",
    "城南旧事\n\n林静\n\n城南有一座小园，园中种满了竹子。每到春天，新笋破土而出，孩子们常在竹林里捉迷藏，笑声一直传到巷口。\n")])
def is_name_line(text: str, config: Config) -> bool:
    """A standalone line of two or three characters that starts with a common surname (four with
    a compound surname) is the author (`庄周`, `林静`), kept as the article's byline block; like
    an author line, it marks the start of an article."""
    if not regex.fullmatch(r"\p{Han}{2,4}", text):
        return False
    if text[:2] in config.compound_surnames:
        return len(text) <= 4
    return len(text) <= 3 and text[0] in config.surnames


def _events(blocks: list[Block], lines: list[Line]):
    """Blocks and set-aside lines in reading order; credits inside a paragraph are marked inner."""
    spans = [(b.first, b.last) for b in blocks if not b.standalone and b.last > b.first]
    events: list[tuple[int, int, object]] = [(b.first, 1, b) for b in blocks]
    for line in lines:
        if line.kind in (CREDIT, AUTHOR, SEPARATOR) and line.text:
            inner = line.kind == CREDIT and any(a < line.no < z for a, z in spans)
            events.append((line.no, 0, ("inner", line) if inner else line))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in events]


@rule("S01", "headline-or-subhead", "structure", examples=[(
    "开发区召开新春第一会，全面部署全\n年工作，推动各项任务落地见效，确\n保全年目标顺利完成。\n\n招商引资\n\n开发区全年新签约项目超过三十个，\n总投资额再创新高，产业结构持续优\n化升级。\n",
    "开发区召开新春第一会，全面部署全年工作，推动各项任务落地见效，确保全年目标顺利完成。\n\n招商引资\n\n开发区全年新签约项目超过三十个，总投资额再创新高，产业结构持续优化升级。\n")])
def is_headline_cluster(cluster: Cluster, prev: Block | None, nxt: Block | None,
                        columns: dict[int, tuple[int | None, int | None]], config: Config) -> str:
    """A lone short line between two paragraphs of one story is a subhead and stays in place.
    A cluster is a headline group (and an article boundary) when it starts or ends the page, holds
    several lines, a credit or an author line, sits before an opening or after a closing byline,
    or stands where the column width changes or is wider than the columns around it."""
    if prev is None or nxt is None:
        return "at the start or end of the page"
    if len(cluster.items) > 1:
        return "several lines stand together"
    item = cluster.items[0]
    if not isinstance(item, Block) or is_name_line(item.text, config):
        return "credit or author line"
    if nxt.lines[0].opening:
        return "an article opening follows"
    if prev.lines[-1].closing:
        return "a closing byline comes before"
    col_prev = columns[prev.lines[-1].no][0] or columns[prev.lines[-1].no][1]
    col_next = columns[nxt.lines[0].no][1]
    slack = config.width["full_slack"]
    if len(prev.lines) == 1 or len(nxt.lines) == 1:  # one-line paragraphs show no column
        return ""
    if col_prev and col_next and abs(col_prev - col_next) > 2 * slack:
        return "the column width changes"
    cols = [c for c in (col_prev, col_next) if c]
    if cols and item.lines[0].width > max(cols) + config.width["overhang"]:
        return "wider than the column"
    return ""


@rule("S07", "credit-inside-story", "structure", examples=[(
    "城南小学的操场今年春天完成了\n翻新，跑道换成了塑胶材料，足\n球场也铺上了新草皮。\n"
    "新操场上的体育课。\n本报记者 周立新 摄\n"
    "老师们说，学校的体育课从此可\n以安心上了，孩子们也更爱运动\n了。\n",
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。\n\n"
    "新操场上的体育课。\n\n老师们说，学校的体育课从此可以安心上了，孩子们也更爱运动了。"
    "\n\n本报记者 周立新 摄\n")])
def credits_inside_story(cluster: Cluster, prev: Block | None, nxt: Block | None) -> bool:
    """A photo credit alone between two paragraphs (after its caption, where the photo box broke
    the column) is not an article boundary: it is a credit of the story it stands in, unless an
    opening follows or a closing byline comes before."""
    return (prev is not None and nxt is not None
            and all(isinstance(i, Line) and i.kind == CREDIT for i in cluster.items)
            and not nxt.lines[0].opening and not prev.lines[-1].closing)


@rule("S08", "subheads-inside-story", "structure", examples=[(
    "城南小学的操场今年春天完成了\n翻新，跑道换成了塑胶材料，足\n球场也铺上了新草皮，看台也\n"
    "加了遮阳的顶棚。\n新操场\n孩子们有了运动的地方\n"
    "老师们说，学校的体育课从此可\n以安心上了，孩子们也更爱运动\n了，放学后也愿意多留一会\n儿。\n",
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮，看台也加了遮阳的顶棚。"
    "\n\n新操场\n\n孩子们有了运动的地方\n\n"
    "老师们说，学校的体育课从此可以安心上了，孩子们也更爱运动了，放学后也愿意多留一会儿。\n")])
def subhead_group(cluster: Cluster, prev: Block | None, nxt: Block | None,
                  columns: dict[int, tuple[int | None, int | None]], config: Config) -> int | None:
    """A few short lines between two paragraphs set in the same column, each no wider than that
    column, with no dateline after them and no closing byline before, are the subheads of the
    story that goes on (`环境` / `楼外门窗已拆除`), not a new article's headline group: a story's
    headline spans the columns of its story, and a new story opens with a dateline or sits in
    columns of its own. Author lines before them are the story's byline, set under its lead.
    Returns the column width, or None."""
    if prev is None or nxt is None:
        return None
    if nxt.lines[0].opening or prev.lines[-1].closing:
        return None
    # author lines may come first: the byline set under the story's lead
    items = cluster.items
    authors = next((k for k, i in enumerate(items) if not isinstance(i, Line) or i.kind != AUTHOR),
                   len(items))
    heads = items[authors:]
    if not (2 if not authors else 1) <= len(heads) <= 4:
        return None
    if not all(isinstance(i, Block) and not is_name_line(i.text, config) for i in heads):
        return None
    col_prev = columns[prev.lines[-1].no][0]
    col_next = columns[nxt.lines[0].no][1]
    w = config.width
    if not col_prev or not col_next or abs(col_prev - col_next) > 2 * w["full_slack"]:
        return None
    column = max(col_prev, col_next)
    if any(l.width > column + w["full_slack"]
           for i in heads for l in i.lines):  # type: ignore[union-attr]
        return None
    return column


def _wrapped_subheads(items: list[Block], column: int, config: Config) -> list[Block]:
    """Subhead blocks of the standalone lines `items`: a line that fills the column is a subhead
    wrapped to the next line (`环卫所：曾经劝他们搬离，正研` / `究解决`), and joins it."""
    out: list[Block] = []
    carry = False
    for b in items:
        if carry and not (out[-1].text[-1:].isascii() and b.text[:1].isascii()):
            out[-1] = Block(SUBHEAD, out[-1].lines + b.lines, out[-1].text + b.text)
        else:
            out.append(Block(SUBHEAD, list(b.lines), b.text))
        carry = b.lines[-1].width >= column - config.width["full_slack"]
    return out


@rule("S10", "credit-at-paragraph-end", "structure", examples=[(
    "本报讯（记者 李明）山里的学校迎来了新操场，孩子们\n有了运动的地方。 本报记者 周立新 摄\n",
    "本报讯（记者 李明）山里的学校迎来了新操场，孩子们有了运动的地方。\n\n本报记者 周立新 摄\n")])
def trailing_credit(text: str, config: Config) -> regex.Match[str] | None:
    """A credit set after a paragraph's last sentence with a space between (`……出生。 ■新华社`,
    `……山村。 本报记者 刘可 摄`) is the article's credit, not the paragraph's last words."""
    for p in config.trailing_credit:
        m = p.search(text)
        if m:
            return m
    return None


def _take_trailing_credit(block: Block, article: Article, config: Config,
                          decisions: list[Decision]) -> None:
    m = trailing_credit(block.text, config)
    if m is None:
        return
    block.text = block.text[:m.start()]
    article.credits.append(m.group("credit"))
    article.credit_lines.append(block.last)
    decisions.append(Decision("S10", (block.last, block.last), f"credit at the paragraph's end: "
                              f"{m.group('credit')}"))


@rule("S02", "article-boundary", "structure", examples=[(
    "第一篇报道到此结束。（记者 李明）\n第二篇报道从这里开始，没有电头。\n",
    "第一篇报道到此结束。（记者 李明）\n\n* * *\n\n第二篇报道从这里开始，没有电头。\n")])
def starts_article(block: Block, last_par: Block | None,
                   columns: dict[int, tuple[int | None, int | None]], config: Config) -> str:
    """A new article starts at a paragraph that opens with a dateline (`本报讯…`), after a
    paragraph that ends with a closing byline, after a headline group, after reflow's own
    `* * *` separator, and where the next paragraph is set in a column of another width."""
    if block.lines[0].opening:
        return "an article opening"
    if last_par is None:
        return ""
    if last_par.lines[-1].closing:
        return "after a closing byline"
    if len(last_par.lines) > 1 and len(block.lines) > 1:
        col_prev = columns[last_par.lines[-1].no][0]
        col_next = columns[block.lines[0].no][1]
        if col_prev and col_next and abs(col_prev - col_next) > 2 * config.width["full_slack"]:
            return WIDTH_ONLY
    return ""


WIDTH_ONLY = "the column width changes"


SUMMARY_MAX = 120  # characters of a summary lead (导语) set above a story's dateline


@rule("S12", "summary-before-dateline", "structure", examples=[(
    "山村小学有了塑胶跑道\n\n全县二十所山村小学今年都有了塑胶跑道。\n\n"
    "本报讯（记者 李明）城南小学的操场今天完成翻新，孩子们有了运动的地方。\n",
    "山村小学有了塑胶跑道\n\n全县二十所山村小学今年都有了塑胶跑道。\n\n"
    "本报讯（记者 李明）城南小学的操场今天完成翻新，孩子们有了运动的地方。\n")])
def summary_before_dateline(story: Article, opened: Article) -> bool:
    """A story may open with a short summary (导语) between its headline and its dateline: an
    article that starts with a dateline but got no headline, right after a headlined article of
    one or two short paragraphs, is that story's body, not a story of its own."""
    return (bool(story.headlines) and not opened.headlines and bool(opened.blocks)
            and opened.blocks[0].lines[0].opening and 0 < len(story.blocks) <= 2
            and all(b.kind == PARAGRAPH for b in story.blocks)
            and sum(len(b.text) for b in story.blocks) <= SUMMARY_MAX
            and not any(b.kind == BYLINE for b in opened.blocks))


def merge_tentative(articles: list[Article], decisions: list[Decision],
                    off: frozenset[str] = frozenset()) -> list[Article]:
    """An article started only by a change of column width that got no headline and no byline of
    its own is the story before it going on in a column of another width: merge it back. So is
    the body of a story after its summary lead (S12)."""
    out: list[Article] = []
    for a in articles:
        if out and "S12" not in off and summary_before_dateline(out[-1], a):
            out[-1].blocks += a.blocks
            out[-1].credits += a.credits
            out[-1].credit_lines += a.credit_lines
            first = a.blocks[0].first
            decisions.append(Decision("S12", (first, first), "the dateline's story goes on from "
                                      "its summary lead", weak=True))
        elif (out and a.tentative and not a.headlines
              and not any(b.kind == BYLINE for b in a.blocks)):
            out[-1].blocks += a.blocks
            out[-1].credits += a.credits
            out[-1].credit_lines += a.credit_lines
            first = a.blocks[0].first if a.blocks else 0
            decisions.append(Decision("S02", (first, first), "no new article after all: the story "
                                      "goes on in a column of another width", weak=True))
        else:
            out.append(a)
    return out


def split(blocks: list[Block], lines: list[Line], columns: dict[int, tuple[int | None, int | None]],
          config: Config, decisions: list[Decision], off: frozenset[str] = frozenset()) -> Layout:
    articles: list[Article] = []
    clusters: list[Cluster] = []
    inner: list[tuple[Line, int]] = []
    current: Article | None = None
    pending: Cluster | None = None
    last_par: Block | None = None
    events = _events(blocks, lines)

    def new_article(reason_rule: str, at: int, message: str) -> None:
        nonlocal current
        if current is None or current.blocks:
            current = Article()
            articles.append(current)
            if len(articles) > 1:
                decisions.append(Decision(reason_rule, (at, at), message))

    def close_cluster(nxt: Block | None) -> None:
        nonlocal pending
        if pending is None:
            return
        c, pending = pending, None
        if "S07" not in off and credits_inside_story(c, last_par, nxt) and current is not None:
            for line in c.items:
                assert isinstance(line, Line)
                inner.append((line, len(articles) - 1))
            decisions.append(Decision("S07", c.lines, "credit between two paragraphs of one story"))
            return
        column = subhead_group(c, last_par, nxt, columns, config) if "S08" not in off else None
        if column and current is not None:
            authors = [i for i in c.items if isinstance(i, Line)]
            if authors:  # the story's byline, set under its lead: one block
                current.blocks.append(Block(BYLINE, authors, " ".join(l.text for l in authors)))
                decisions.append(Decision("S03", (authors[0].no, authors[-1].no),
                                          "byline inside the story, above its subheads"))
            heads = [i for i in c.items if isinstance(i, Block)]
            for block in _wrapped_subheads(heads, column, config):
                current.blocks.append(block)
                decisions.append(Decision("S08", (block.first, block.last),
                                          "subhead: fits the story's column, which goes on"))
            return
        reason = is_headline_cluster(c, last_par, nxt, columns, config)
        if reason:
            clusters.append(c)
            c.below = len(articles) - 1 if (current and current.blocks and last_par) else None
            decisions.append(Decision("S01", c.lines, f"headline group: {reason}"))
            if nxt is not None:
                new_article("S02", nxt.first, "new article after a headline group")
                c.above = len(articles) - 1
        else:
            block = c.items[0]
            assert isinstance(block, Block) and current is not None
            block.kind = SUBHEAD
            current.blocks.append(block)
            decisions.append(Decision("S01", c.lines, "subhead: a lone short line inside one story",
                                      weak=True))

    for ev in events:
        if isinstance(ev, tuple):  # a credit inside a paragraph's lines
            inner.append((ev[1], max(len(articles) - 1, 0)))
            continue
        if isinstance(ev, Line) and ev.kind == SEPARATOR:
            close_cluster(None)
            current, last_par = None, None
            continue
        if isinstance(ev, Line) or (isinstance(ev, Block) and ev.standalone):
            if pending is None:
                pending = Cluster()
            pending.items.append(ev)
            continue
        block = ev
        if pending is not None:
            close_cluster(block)
        reason = starts_article(block, last_par, columns, config)
        if current is None or reason:
            new_article("S02", block.first, f"new article: {reason or 'first paragraph'}")
            assert current is not None
            current.tentative = reason == WIDTH_ONLY
        assert current is not None
        current.blocks.append(block)
        last_par = block
        if "S10" not in off:
            _take_trailing_credit(block, current, config, decisions)
    close_cluster(None)
    return Layout(articles, clusters, inner)
