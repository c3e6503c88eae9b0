"""Stage 4b, structure rules: move each headline group to the top of its article; credits, bylines.

Headlines are placed by evidence, not by order alone: the words and numbers a headline shares with
an article's text (weighted by how few articles share them), plus a small bonus for sitting
directly above an article's body or directly after it. A group may hold the headlines of several
articles (gathered after the bodies): it is cut where that scores best. Weak evidence is said so.
"""
from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import combinations
from typing import TYPE_CHECKING

import regex

from ..blocks.flow import kicker_shape
from ..config import Config
from ..lines.pieces import ends_sentence
from ..model import AUTHOR, BYLINE, CREDIT, PARAGRAPH, Article, Block, Line
from ..rule import rule
from .split import Cluster, Layout, name_line_is_author

if TYPE_CHECKING:
    from ..run import Run

_HAN_RUN = regex.compile(r"\p{Han}{2,}")   # (its pairs: faster than an overlapped search)
_HALF_RUN = regex.compile(r"[0-9A-Za-z.%]+")


def tokens(text: str) -> set[str]:
    """Han character bigrams (overlapping pairs inside each run of Han) and half-width runs
    (`160`, `PUE`, lower-cased), after folding full-width forms. A character doubled (`常常`,
    `天天`) is no word to tell one story from another."""
    # most text holds no full-width forms: the check is cheaper than the folding
    folded = text if unicodedata.is_normalized("NFKC", text) else \
        unicodedata.normalize("NFKC", text)
    out = {run[k:k + 2] for run in _HAN_RUN.findall(folded) for k in range(len(run) - 1)
           if run[k] != run[k + 1]}
    out.update(run.lower() for run in _HALF_RUN.findall(folded))
    return out


class Similarity:
    """IDF-weighted share of a headline's tokens found in each article."""

    def __init__(self, articles: list[Article]):
        self.articles = articles
        self._sets: list[set[str]] | None = None
        self.n = len(articles)
        self.top = math.log(1 + self.n) if self.n else 1.0
        self._weight: dict[str, float] = {}

    @property
    def sets(self) -> list[set[str]]:
        """The tokens of each article, worked out when a headline is first scored (a page
        without headline groups never needs them)."""
        if self._sets is None:
            self._sets = [tokens(" ".join(b.text for b in a.blocks)) for a in self.articles]
        return self._sets

    def weight(self, t: str) -> float:
        """The IDF weight of a token found in at least one article; worked out only for the tokens
        of headlines, which are few next to those of the articles."""
        w = self._weight.get(t)
        if w is None:
            df = sum(1 for s in self.sets if t in s)
            w = self._weight[t] = math.log(1 + self.n / df)
        return w

    def scores(self, text: str, candidates: range) -> dict[int, float]:
        """The headline's share of tokens found in each candidate article."""
        toks = tokens(text)
        if not toks:
            return {k: 0.0 for k in candidates}
        norm = self.top * len(toks)
        # fsum: exact whatever the order of the set, which changes with the string hash seed
        return {
            k: math.fsum(self.weight(t) for t in toks if t in self.sets[k]) / norm
            for k in candidates
        }


def _plans(n: int):
    """Every way to cut n lines into consecutive segments, as lists of (start, end)."""
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            edges = (0, *cuts, n)
            yield [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _candidates(cluster: Cluster, n_articles: int, window: int) -> range:
    """The articles a cluster may belong to: those near it (one printed page holds a few)."""
    at = cluster.above if cluster.above is not None else (cluster.below or 0)
    return range(max(0, at - window), min(n_articles, at + window + 1))


def _best_plan(scores: list[dict[int, float]], cluster: Cluster, free: set[int],
               weights: dict[str, float], lead: int | None = None):
    """The best cut of one cluster's headline lines and an article for each segment, among the
    free candidates: (score, runner-up score, [(first, end, article or None)]). `lead`: the
    unit that sits right above the body below (the first of the last line's side-by-side
    headlines: the one on the left, over the story read next); the last unit by default."""
    n = len(scores)
    lead = n - 1 if lead is None else lead
    # any plan beats none: a cut of many lines can score below -1 (found by fuzzing: nine lines
    # lost)
    best: tuple[float, list[tuple[int, int, int | None]]] = (float("-inf"), [])
    second = float("-inf")
    plans = _plans(n) if n <= 8 else iter([[(i, i + 1) for i in range(n)]])
    for plan in plans:
        # assign segments to distinct free articles, greedily by segment score
        total, used = -weights["cut"] * (len(plan) - 1), set()
        out: list[tuple[int, int, int | None]] = []
        for si, (a, z) in enumerate(plan):
            def seg_score(k: int) -> float:
                s = sum(scores[i][k] for i in range(a, z))
                # the bonus for sitting right above the article's body, unless the line
                # there shares no word with it and more than the bonus's worth with another
                last = scores[lead]
                if a <= lead < z and k == cluster.above and (
                        last.get(k, 0.0) > 0
                        or not any(v >= weights["above"] for v in last.values())):
                    s += weights["above"]
                if si == 0 and k == cluster.below:
                    s += weights["below"]
                return s
            options = [(seg_score(k), k) for k in scores[0] if k in free and k not in used]
            if options:
                s, k = max(options)
                total += s
                used.add(k)
                out.append((a, z, k))
            else:
                out.append((a, z, None))
        if total > best[0]:
            second, best = best[0], (total, out)
        elif total > second:
            second = total
    return best[0], second, best[1]


@rule("S04", "place-headlines", "structure")
def place_headlines(layout: Layout, run: Run, unplaced: list[str]) -> None:
    """Each headline group goes to the top of the article it belongs to, wherever it was found:
    after all the bodies, after its own body, or above the next article's body. The evidence is
    the words and numbers shared with the article, and a bonus for adjacency. A group left
    over when every article has one goes beside the headline of the story next to it. Off,
    headline groups are left unplaced."""
    config = run.config
    articles = layout.articles
    sim = Similarity(articles)
    plans: dict[int, list[tuple[int, int, int | None]]] = {}
    heads: dict[int, list[Block]] = {}
    captions = ({id(b) for c in layout.clusters for b in photo_captions(c)}
                if run.on(photo_captions) else set())
    for ci, c in enumerate(layout.clusters):
        heads[ci] = [i for i in c.items if isinstance(i, Block) and not _is_author(i, run)
                     and id(i) not in captions]
    weights = config.headlines
    window = int(weights["window"])
    if not run.on(place_headlines):
        unplaced.extend(b.text for ci in heads for b in heads[ci])
        attach_credit(layout, plans, heads, captions, run, unplaced)
        return
    # a headline line may hold two stories' headlines side by side: each piece is planned apart
    units = {ci: [(bi, a, z) for bi, b in enumerate(heads[ci]) for a, z in side_by_side(b.text)]
             for ci in heads}
    scores = {ci: [sim.scores(heads[ci][bi].text[a:z],
                              _candidates(layout.clusters[ci], len(articles), window))
                   for bi, a, z in units[ci]] for ci in heads if heads[ci]}
    # the most confident cluster first; a cluster whose plan wants an article already taken is
    # planned again among the free ones when its turn comes
    free = set(range(len(articles)))
    ranked = []
    for ci in scores:
        best, second, plan = _best_plan(scores[ci], layout.clusters[ci], free, weights,
                                        _lead(units[ci]))
        ranked.append((best - max(second, 0.0), best, ci, plan))
    ranked.sort(key=lambda r: (r[0], r[1], -r[2]), reverse=True)
    for margin, _, ci, plan in ranked:
        if any(k is not None and k not in free for _, _, k in plan):
            best, second, plan = _best_plan(scores[ci], layout.clusters[ci], free, weights,
                                            _lead(units[ci]))
            margin = best - max(second, 0.0)
        block_of: dict[int, int | None] = {}
        left: list[tuple[int, int, int]] = []   # the units of the cluster left unplaced
        free -= {k for _, _, k in plan if k is not None}
        for a, z, k in plan:
            texts = _texts(heads[ci], units[ci][a:z])
            where = (heads[ci][units[ci][a][0]].first, heads[ci][units[ci][z - 1][0]].last)
            # no article is free: the story next to the group takes it beside its own headline
            # (left unplaced, written last, it would head another story when read again)
            shared = k is None
            if shared:
                k = _next_to(layout.clusters[ci], len(articles))
            for bi, _, _ in units[ci][a:z]:
                block_of.setdefault(bi, k)
            if k is None:
                left.extend(units[ci][a:z])
                run.decide(place_headlines, where, "headline left unplaced: no article is free")
                continue
            articles[k].headlines.extend(text for _, text in texts)
            articles[k].headline_lines.extend(heads[ci][bi].first for bi, _ in texts)
            if shared:
                run.decide(place_headlines, where, f"headline goes to article {k + 1}, beside "
                           "its own: no article is free", weak=True)
                continue
            run.decide(place_headlines, where, f"headline goes to article {k + 1}",
                       weak=margin < weights["weak_margin"])
        # pieces of one line that no story took stay one line, their space kept: written on
        # lines of their own they would be joined without it when the output is read again
        unplaced.extend(text for _, text in _texts(heads[ci], left))
        plans[ci] = [(bi, bi + 1, k) for bi, k in sorted(block_of.items())]
    attach_credit(layout, plans, heads, captions, run, unplaced)


def _next_to(cluster: Cluster, n_articles: int) -> int | None:
    """The article right below a cluster, else the one right above it (None: no article)."""
    return next((k for k in (cluster.above, cluster.below) if k is not None and k < n_articles),
                None)


def _lead(units: list[tuple[int, int, int]]) -> int:
    """The unit right above the body below a cluster: the first piece of its last line."""
    last = units[-1][0]
    return next(u for u, (bi, _, _) in enumerate(units) if bi == last)


# (the headline on the right may open with a number: `…突破50亿元 3万名跑者竞逐…`)
_SIDE_GAP = regex.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f]|\d)")
PIECE_MIN = 8  # characters of the shortest headline a line may hold beside another
# a piece this long is a title of its own: a short piece after it is the next story's (a short
# title or a kicker set beside it, `东湖区老旧小区加装电梯全面提速 夜市归来`), planned apart
LONG_TITLE = 11


def side_by_side(text: str) -> list[tuple[int, int]]:
    """The spans of the headlines a line may hold side by side: an extractor reading a band of
    headlines above two stories across the page writes them on one line with a space between
    (`青山射电望远镜新发现37个快速射电暴 全区62所中小学食堂完成“明厨亮灶”改造`). Each piece is a
    candidate of its own; a title with a space inside stays whole where its pieces score best
    together, or where a piece is too short to be a headline (`过早地图上线 汉口老字号扎堆“上新”`),
    but for a kicker at the line's end, which heads the next story's group (`… 问计于民：`), and
    a short piece after a long title, which may be the next story's short title: planned apart,
    the two are one headline again where they score best together."""
    spans, start = [], 0
    for m in _SIDE_GAP.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    # a short piece is no headline of its own: it goes with the piece before it, unless that one
    # is a title of two pieces already (or a long title), then with the piece after it:
    # `公交司机拾金不昧 寻回乘客钱包` and `过早地图上线 汉口老字号扎堆“上新”` are two titles of two
    # pieces each
    out: list[tuple[int, int]] = []
    paired: set[int] = set()    # the places in `out` that hold two pieces or more
    for k, (a, z) in enumerate(spans):
        last = len(out) - 1
        # (a kicker that ends the line heads the group below it: `… 问计于民：`)
        kicker_last = k == len(spans) - 1 and kicker_shape(text[a:z])
        if out and not kicker_last and (out[-1][1] - out[-1][0] < PIECE_MIN
                                        or z - a < PIECE_MIN and last not in paired
                                        and out[-1][1] - out[-1][0] < LONG_TITLE):
            out[-1] = (out[-1][0], z)
            paired.add(last)
        else:
            out.append((a, z))
    return out


def _texts(heads: list[Block], units: list[tuple[int, int, int]]) -> list[tuple[int, str]]:
    """The headline texts of a segment of units: the pieces of one line that stay together are
    one headline again, the space between them kept."""
    out: list[tuple[int, int, int]] = []
    for bi, a, z in units:
        if out and out[-1][0] == bi:
            out[-1] = (bi, out[-1][1], z)
        else:
            out.append((bi, a, z))
    return [(bi, heads[bi].text[a:z]) for bi, a, z in out]


def _is_author(block: Block, run: Run) -> bool:
    """A standalone line that names the author (S03), not a headline."""
    return run.on(name_line_is_author) and name_line_is_author(block.text, run.config)


def _placed_heads(c: Cluster, plan, heads: list[Block]) -> list[tuple[int, int]]:
    """(position in the cluster, article) of each headline line given an article, in order."""
    where = {id(item): pos for pos, item in enumerate(c.items)}
    return sorted((where[id(b)], k) for a, z, k in plan or [] for b in heads[a:z] if k is not None)


def _cluster_article(
    c: Cluster, placed: list[tuple[int, int]], pos: int, after: bool
) -> int | None:
    """The article of the headline segment nearest to item `pos` of the cluster (`placed`: from
    `_placed_heads`; looked up by bisection, since a cluster may hold thousands of lines). A
    headline on the printed page before the item's is not the one it sits with: a story's
    headline group set after its body ends that page, and the next page opens another story."""
    i = bisect_left(placed, (pos, -1))
    before = placed[i - 1][1] if i > 0 else None
    if before is not None and _page(c.items[placed[i - 1][0]]) != _page(c.items[pos]):
        before, after = None, True
    j = bisect_right(placed, (pos, float("inf")))
    later = placed[j][1] if j < len(placed) else None
    order = [k for k in ((later, before) if after else (before, later)) if k is not None]
    if order:
        return order[0]
    return (
        c.above if after and c.above is not None else (c.below if c.below is not None else c.above)
    )


def _page(item: Line | Block) -> int:
    """The printed page an item of a cluster starts on."""
    return item.page if isinstance(item, Line) else item.lines[0].page


_CAPTION_PUNCT = regex.compile(r"[，。；：、,;]")
# the most characters of a one-line caption that ends a story over its photo's credit
CAPTION_MAX = 20


@rule("S09", "photo-caption", "structure")
def photo_captions(cluster: Cluster) -> list[Block]:
    """The line right above a photo credit, when it has sentence punctuation in it, is the
    photo's caption (`环保需要大家的参与，小志愿者们的呼声……` / `记者 张伟 摄`): a paragraph of the
    article the credit goes to, not a headline. (A title right above a credit has no comma.)"""
    items = cluster.items
    return [b for b, nxt in zip(items, items[1:])
            if isinstance(b, Block) and isinstance(nxt, Line) and nxt.kind == CREDIT
            and _CAPTION_PUNCT.search(b.text)]


def _above_dateline(c: Cluster, pos: int, articles: list[Article]) -> bool:
    """Item `pos` ends the cluster, right above the first paragraph of the article after it, which
    opens with a dateline."""
    if pos != len(c.items) - 1 or c.above is None or c.above >= len(articles):
        return False
    blocks = articles[c.above].blocks
    return bool(blocks) and blocks[0].lines[0].opening


def _under_its_caption(c: Cluster, item: Line | Block, articles: list[Article],
                       config: Config) -> bool:
    """`item`, a credit that opens the cluster, stands right under a caption that ends the
    article before the cluster: a short paragraph of one line that ends a sentence
    (`比赛现场。` / `郑凯 摄`). Caption and credit are one photo's: the credit stays there."""
    if c.below is None or not isinstance(item, Line) or not articles[c.below].blocks:
        return False
    last = articles[c.below].blocks[-1]
    return (last.kind == PARAGRAPH and len(last.lines) == 1 and last.lines[0].no == item.no - 1
            and len(last.text) <= CAPTION_MAX and ends_sentence(last.text, config))


def _ends_the_story_above(c: Cluster, item: Line | Block) -> bool:
    """`item`, a credit that opens a cluster with a headline group, ends the article right before
    the cluster: its photo stands at that story's end, not over the next story's headline. So
    it is on the development sets (credits placed +148, -19 on pages of pdfplumber, default
    and `-layout` `pdftotext`), also where the credit was read off the story's last line
    (`（完） 王晓东 摄`, L45: 20 credits more placed than going with the headline below)."""
    return c.below is not None and isinstance(item, Line)


# the name before a credit's `摄` (`本报记者 刘可 摄`, `通讯员陈明摄`): its last two or three
# characters are looked for
_CREDITED = regex.compile(r"(\p{Han}{2,4})\s*[摄攝]$")


def _named_reporters_story(c: Cluster, credit: str, articles: list[Article],
                           k: int | None) -> int | None:
    """The article of the two around the cluster whose opening or byline names the credit's
    photographer, where only one does (`宋佳寧 攝` over `本報訊（記者 宋佳寧）…`); else `k`.
    Only between two stories of two paragraphs or more: a caption read as an article of its
    own goes with its credit (S13)."""
    m = _CREDITED.search(credit.strip())
    if m is None or c.below is None or c.above is None \
            or min(len(articles[c.below].blocks), len(articles[c.above].blocks)) < 2:
        return k
    names = {m.group(1)[-2:], m.group(1)[-3:]}
    found = [a for a in (c.below, c.above)
             if any(name in b.text[:40] for name in names for b in articles[a].blocks[:2])]
    return found[0] if len(found) == 1 else k


@rule("S05", "attach-credit", "structure")
def attach_credit(layout: Layout, plans: dict[int, list[tuple[int, int, int | None]]],
                  heads: dict[int, list[Block]], captions: set[int], run: Run,
                  unplaced: list[str]) -> None:
    """A photo credit goes to the article of the headline it sits with, else to the article
    around it; but a credit that ends a headline group right above a story's dateline goes to
    that story: its photo stands at the top of the story, under the headline (a credit alone
    between two stories is S13's to place); a credit right over the next story's headline group
    goes to the story above (its photo stands at that story's end); a credit under an author
    line, with no headline beside them, goes where the author line goes (the photo of the story
    the line opens). Of two stories around it (of two paragraphs or more), a credit goes to the
    one whose opening names its photographer, where only one does (`本报记者 陈明 摄`,
    `本报讯（记者 陈明）…`). An
    author line goes to the article whose headline it follows, else to the next article.
    Credits are listed last; author lines become the article's byline block (S03). A photo
    caption (S09) goes where the credit below it goes, as a paragraph.
    Off, credits are left unplaced; with S03 off, so are author lines."""
    articles = layout.articles
    credits, authors = run.on(attach_credit), run.on(name_line_is_author)
    for ci, c in enumerate(layout.clusters):
        placed = _placed_heads(c, plans.get(ci), heads[ci])
        head_ids = {id(b) for b in heads[ci]}
        author_went: int | None = None   # where the last author line of the cluster went
        for pos, item in enumerate(c.items):
            is_author = isinstance(item, Line) and item.kind == AUTHOR or (
                isinstance(item, Block) and id(item) not in head_ids)
            caption = id(item) in captions
            if isinstance(item, Block) and not is_author and not caption:
                continue
            # a caption goes where the credit below it goes
            at = pos + 1 if caption else pos
            if (not is_author or caption) and heads[ci] and _above_dateline(c, at, articles):
                k = c.above  # the photo at the top of the story whose dateline follows
            elif not is_author and pos == 0 and (
                    _under_its_caption(c, item, articles, run.config)
                    or heads[ci] and _ends_the_story_above(c, item)):
                k = c.below  # the photo at the end of the story above
            elif not is_author and not heads[ci] and author_went is not None:
                k = author_went  # under the author line of the story below: its photo
            else:
                k = _cluster_article(c, placed, at, after=is_author and not caption
                                     and not heads[ci])
            if not is_author and not caption:
                k = _named_reporters_story(c, item.text, articles, k)
            if k is None and articles:
                k = 0
            text = item.text
            if k is None or not (authors if is_author and not caption else credits):  # or rule off
                unplaced.append(text)
                continue
            lines = (item.no, item.no) if isinstance(item, Line) else (item.first, item.last)
            if caption:
                assert isinstance(item, Block)
                articles[k].blocks.append(Block(PARAGRAPH, list(item.lines), text))
                run.decide(photo_captions, lines, f"photo caption of article {k + 1}")
            elif is_author:
                src = item.lines if isinstance(item, Block) else [item]
                # after the author lines placed before it: they keep their reading order
                at = next((i for i, b in enumerate(articles[k].blocks) if b.kind != BYLINE),
                          len(articles[k].blocks))
                articles[k].blocks.insert(at, Block(BYLINE, list(src), text))
                author_went = k
                run.decide(name_line_is_author, lines, f"author line of article {k + 1}")
            else:
                articles[k].credits.append(text)
                articles[k].credit_lines.append(lines[0])
                run.decide(attach_credit, lines, f"credit of article {k + 1}")
    for line, k in layout.inner_credits:
        if articles and credits:
            articles[min(k, len(articles) - 1)].credits.append(line.text)
            articles[min(k, len(articles) - 1)].credit_lines.append(line.no)
            run.decide(attach_credit, (line.no, line.no), f"credit of article {k + 1}")
        else:
            unplaced.append(line.text)


@rule("S06", "article-byline", "structure")
def article_byline(article: Article, config: Config) -> str | None:
    """The article's byline: its author line, else the byline in its opening (`本报讯（记者 X）`),
    else the closing byline of its last paragraph (`（记者 X）`)."""
    for b in article.blocks:
        if b.kind == BYLINE:
            return b.text
    paragraphs = [b for b in article.blocks if b.kind != BYLINE]
    if paragraphs:
        for p in config.opening:
            m = p.search(paragraphs[0].text)
            if m and m.groupdict().get("byline"):
                return m.group("byline").strip()
        for p in config.closing:
            m = p.search(paragraphs[-1].text)
            if m:
                return m.group("byline").strip()
    return None


def attach_bylines(articles: list[Article], run: Run) -> None:
    """Give each article its byline (S06), recorded at its first block."""
    if not run.on(article_byline):
        return
    for article in articles:
        article.byline = article_byline(article, run.config)
        if article.byline and article.blocks:
            first = article.blocks[0].first
            run.decide(article_byline, (first, first), f"byline: {article.byline}")
