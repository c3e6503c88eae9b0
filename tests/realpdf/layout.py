"""Newspaper pages in HTML/CSS from the project's clean articles, with the gold each page must give.

`layout(seed, engine)` draws everything from `random.Random(seed)` and returns a `Layout`: the HTML
to print, and the gold (the `--format json` schema) of the page as a careful editor would write it.
The gold is the one the PDF holds before any extractor touched it; `build.py` adapts its spaces to
what each extractor kept.

What varies (see README.md): 1-3 printed pages per file, each with a running header and a footer;
1-2 rows of 1-2 stories a page; bodies in 1-6 CSS columns of 10-30 characters (10-40 with
`build.py --widest 40`); headline groups (kicker, title, subtitle) over their story's columns,
drawn before their body, drawn after it (positioned above it, so the PDF holds it after the body),
or set in one band with the neighbour's headline above both bodies; subheads, author lines, photo
boxes with captions and credits (on their own line or run on after the caption, with and without
spaces); Simplified and Traditional.
"""
from __future__ import annotations

import datetime
import html
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import simulator as sim  # noqa: E402  (tests/simulator.py: the article format and its parser)

ARTICLE_DIRS = (sim.ARTICLES_DIR, HERE / "articles")
MM_PER_PT = 25.4 / 72

PAPERS = ["临江日报", "青禾晚报", "滨江商报", "东湖都市报", "南屏日报", "云岭晨报", "清溪时报", "海港日报"]
SECTIONS = ["要闻", "综合新闻", "城市", "民生", "经济", "社会", "文体", "区县", "科教", "公益周刊"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉晨阳雪琳昊斌"
WEEKDAYS = "一二三四五六日"
FONTS = {
    "hans": [("Noto Serif CJK SC", "Noto Sans CJK SC"), ("WenQuanYi Zen Hei", "WenQuanYi Zen Hei"),
             ("Noto Sans CJK SC", "Noto Sans CJK SC")],
    "hant": [("Noto Serif CJK TC", "Noto Sans CJK TC"), ("WenQuanYi Zen Hei", "WenQuanYi Zen Hei")],
}


@dataclass
class Article:
    """A clean article (tests/articles format) and the photo captions its file declares."""
    clean: sim.CleanArticle
    captions: list[str] = field(default_factory=list)


def parse(text: str, id: str) -> Article:
    """The tests/articles format, plus optional `caption:` header lines (captions of its photo)."""
    head, sep, body = text.lstrip("\ufeff").partition("\n---\n")
    captions = [ln.partition(":")[2].strip() for ln in head.splitlines()
                if ln.startswith("caption:")]
    head = "\n".join(ln for ln in head.splitlines() if not ln.startswith("caption:"))
    return Article(sim.parse_article(head + sep + body, id), captions)


def load_articles() -> list[Article]:
    """Every article of tests/articles and tests/realpdf/articles, sorted by folder and name."""
    return [parse(p.read_text(encoding="utf-8"), p.stem)
            for d in ARTICLE_DIRS for p in sorted(d.glob("*.txt"))]


def to_traditional(a: Article, config: str) -> Article:
    """A Simplified article in Traditional script (OpenCC), with the corner quotes used there."""
    import opencc
    cc = opencc.OpenCC(config)
    quotes = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
    conv = lambda s: cc.convert(s).translate(quotes) if s else s  # noqa: E731
    c = a.clean
    clean = sim.CleanArticle(
        id=c.id + "-hant", title=conv(c.title), kicker=conv(c.kicker), subtitle=conv(c.subtitle),
        byline=conv(c.byline), author=conv(c.author), credits=[conv(x) for x in c.credits],
        blocks=[(k, conv(t)) for k, t in c.blocks])
    return Article(clean, [conv(x) for x in a.captions])


def ems(s: str) -> float:
    """Width of a string in ems: full-width characters 1, the rest (digits, Latin) about half."""
    return sim.cells(s) / 2


@dataclass
class Story:
    """One article as placed on a page, and its gold."""
    article: Article
    cols: int
    chars: int
    font_pt: float
    gap_mm: float
    place: str                   # "above", "after" (drawn after the body, shown above) or "band"
    photo_at: int | None = None  # index of the block the photo box comes before
    credit_style: str = "line"   # "line", "run-space", "run-tight"
    tight_credit: bool = False   # the credit is set without its spaces
    doubled: bool = False        # the title drawn twice, a hair apart (fake bold)
    head_pt: tuple[float, float, float] = (0, 0, 0)   # kicker, title, subtitle sizes

    @property
    def width_mm(self) -> float:
        return self.cols * self.chars * self.font_pt * MM_PER_PT + (self.cols - 1) * self.gap_mm

    def credits(self) -> list[str]:
        c = self.article.clean.credits
        return [x.replace(" ", "") for x in c] if self.tight_credit else list(c)

    def gold(self) -> dict:
        a = self.article.clean
        blocks = [{"kind": "byline", "text": a.author}] if a.author else []
        for i, (kind, text) in enumerate(a.blocks):
            if i == self.photo_at:
                blocks += [{"kind": "paragraph", "text": c} for c in self.article.captions]
            blocks.append({"kind": kind, "text": text})
        return {"headlines": a.headlines, "byline": a.byline, "blocks": blocks,
                "credits": self.credits() if self.photo_at is not None else []}

    def height_mm(self) -> float:
        """A generous estimate of the story's height, for the page size."""
        a = self.article.clean
        body = sum(-(-ems(t) // self.chars) + 0.6 for _, t in a.blocks) + (2 if a.author else 0)
        if self.photo_at is not None:
            body += 12 + sum(-(-ems(c) // self.chars) for c in self.article.captions)
        line = self.font_pt * MM_PER_PT * 1.6
        return body / self.cols * line + 4 * line + self.head_mm()

    def head_mm(self) -> float:
        return sum(pt * MM_PER_PT * 1.5 + 2 for pt in self.head_pt if pt)


# the widest column a story may get, in characters (`build.py --widest`): the committed pages
# were built with 30; the guide's variety goes to 40
WIDEST = 30


def fit_story(rng: random.Random, art: Article, font_pt: float, place: str) -> Story:
    """Columns and width for an article: 1-6 columns of 10 to `WIDEST` characters, at least ~5
    lines deep, and wide enough that every headline line fits on one line at a headline size."""
    c = art.clean
    total = sum(ems(t) for _, t in c.blocks)
    cols = rng.randint(1, 6)
    while cols > 1 and total / (cols * 10) < 5:   # at least ~5 lines a column
        cols -= 1
    chars = max(10, min(rng.randint(10, WIDEST), int(total / (cols * 5))))
    longest = max(ems(h) for h in c.headlines)
    while cols * chars < longest * 1.25 + 1:
        if chars < WIDEST:
            chars += 1
        else:
            cols += 1
    s = Story(art, cols, chars, font_pt, rng.choice([3.0, 4.0, 5.0]), place)
    room = s.width_mm / MM_PER_PT * 0.95
    title_pt = min(font_pt * rng.uniform(1.6, 2.6), room / (ems(c.title) + 0.5))
    small = lambda h: min(font_pt * rng.uniform(1.1, 1.4), room / (ems(h) + 0.5)) if h else 0
    s.head_pt = (small(c.kicker), title_pt, small(c.subtitle))
    s.doubled = rng.random() < 0.12
    if c.credits or art.captions:
        s.photo_at = rng.randrange(len(c.blocks))
        s.credit_style = rng.choice(["line", "line", "run-space", "run-tight"]) if art.captions \
            else "line"
        s.tight_credit = rng.random() < 0.3
    return s


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def headline_html(s: Story) -> str:
    a = s.article.clean
    parts = []
    for cls, text, pt in zip(("kicker", "title", "subtitle"), (a.kicker, a.title, a.subtitle),
                             s.head_pt):
        if text:
            style = f"font-size:{pt:.1f}pt"
            parts.append(f'<div class="{cls}" style="{style}">{esc(text)}</div>')
            if cls == "title" and s.doubled:
                # fake bold: a second copy drawn right after, 0.3pt to the right, over the first
                parts.append(f'<div class="title twice" style="{style}">{esc(text)}</div>')
    return f'<div class="heads">{"".join(parts)}</div>'


def photo_html(s: Story, rng: random.Random) -> str:
    caps = s.article.captions
    credit = " ".join(s.credits())
    inner = f'<div class="img" style="height:{rng.randint(14, 30)}mm"></div>'
    if caps and credit and s.credit_style != "line":
        sep = " " if s.credit_style == "run-space" else ""
        inner += "".join(f'<div class="cap">{esc(c)}</div>' for c in caps[:-1])
        inner += f'<div class="cap">{esc(caps[-1])}{sep}{esc(credit)}</div>'
    else:
        inner += "".join(f'<div class="cap">{esc(c)}</div>' for c in caps)
        if credit:
            inner += f'<div class="cred">{esc(credit)}</div>'
    return f'<div class="photo">{inner}</div>'


def body_html(s: Story, rng: random.Random) -> str:
    a = s.article.clean
    out = [f'<p class="by">{esc(a.author)}</p>'] if a.author else []
    for i, (kind, text) in enumerate(a.blocks):
        if i == s.photo_at:
            out.append(photo_html(s, rng))
        out.append(f'<p class="sub">{esc(text)}</p>' if kind == "subhead"
                   else f"<p>{esc(text)}</p>")
    style = (f"column-count:{s.cols};column-gap:{s.gap_mm}mm;font-size:{s.font_pt}pt;"
             f"width:{s.width_mm:.1f}mm")
    return f'<div class="body" style="{style}">{"".join(out)}</div>'


def story_html(s: Story, rng: random.Random) -> str:
    """A story: its headline group over its columns, before the body in the PDF or after it."""
    w = f"width:{s.width_mm:.1f}mm"
    if s.place == "after":
        pad = s.head_mm() + 2
        return (f'<div class="story" style="{w};position:relative;padding-top:{pad:.1f}mm">'
                f'{body_html(s, rng)}<div style="position:absolute;top:0;left:0;{w}">'
                f'{headline_html(s)}</div></div>')
    heads = headline_html(s) if s.place == "above" else ""
    return f'<div class="story" style="{w}">{heads}{body_html(s, rng)}</div>'


def row_html(row: list[Story], rng: random.Random, gutter: float) -> str:
    cells = []
    if any(s.place == "band" for s in row):   # every headline of the row in one band
        band = "".join(f'<div style="width:{s.width_mm:.1f}mm">{headline_html(s)}</div>'
                       for s in row)
        cells.append(f'<div class="band" style="gap:{gutter}mm">{band}</div>')
    bodies = "".join(story_html(s, rng) for s in row)
    cells.append(f'<div class="band" style="gap:{gutter}mm">{bodies}</div>')
    return f'<div class="row">{"".join(cells)}</div>'


@dataclass
class Masthead:
    """The running header and footer strings of one printed page, in the order they are set."""
    header: list[str]
    footer: list[str]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def masthead(rng: random.Random, date: datetime.date, page_no: int, trad: bool) -> Masthead:
    paper, section = rng.choice(PAPERS), rng.choice(SECTIONS)
    letter = rng.choice(["A", "B", ""])
    edition_mark = f"{letter}{page_no:02d}"
    edition = f"第{edition_mark}版"
    day = f"{date.year}年{date.month}月{date.day}日"
    weekday = f"星期{WEEKDAYS[date.weekday()]}"
    roles = [f"责任编辑：{person(rng)}", f"美编：{person(rng)}"]
    if rng.random() < 0.4:
        roles.append(f"校对：{person(rng)}")
    style = rng.randrange(3)
    if style == 0:
        header = [edition, section, f"{paper}　{day} {weekday}"]
        footer = [" ".join(roles), edition_mark]
    elif style == 1:
        header = [paper, f"{day} {weekday}", section, edition]
        footer = [edition_mark, " ".join(roles)]
    else:
        header = [f"{paper} {day}（{weekday}）", f"{section} {edition}"]
        footer = ["■" + " ■".join(roles), f"- {page_no} -"]
    if trad:
        import opencc
        cc = opencc.OpenCC("s2hk")
        header, footer = [cc.convert(h) for h in header], [cc.convert(f) for f in footer]
    return Masthead(header, footer)


def masthead_html(m: Masthead, top: bool) -> str:
    if top:
        cells = "".join(f"<td>{esc(h)}</td>" for h in m.header)
        return f'<table class="hdr"><tr>{cells}</tr></table>'
    cells = "".join(f"<td>{esc(f)}</td>" for f in m.footer)
    return f'<table class="foot"><tr>{cells}</tr></table>'


CSS = """
@page {{ size: {w:.0f}mm {h:.0f}mm; margin: 0 }}
html, body {{ margin: 0; padding: 0 }}
body {{ font-family: '{body}'; color: #111 }}
.page {{ padding: 8mm 10mm; box-sizing: border-box; width: {w:.0f}mm }}
.page + .page {{ break-before: page }}
table.hdr, table.foot {{ width: 100%; border-collapse: collapse; font-family: '{head}';
  font-size: 9.5pt }}
table.hdr {{ border-bottom: 1.5pt solid #000; margin-bottom: 4mm }}
table.foot {{ border-top: 1pt solid #000; margin-top: 4mm }}
td {{ padding: 1mm 0 }} td:last-child {{ text-align: right }}
.row {{ margin-bottom: 5mm; border-bottom: 0.5pt solid #999; padding-bottom: 3mm }}
.band {{ display: flex; align-items: flex-start }}
.kicker, .subtitle {{ font-family: '{head}'; white-space: nowrap; margin-bottom: 1.5mm }}
.title {{ font-family: '{head}'; font-weight: bold; white-space: nowrap; margin-bottom: 1.5mm }}
.heads {{ margin-bottom: 2mm }}
.title {{ line-height: 1.25 }}
.twice {{ margin-top: calc(-1.25em - 1.5mm); margin-left: 0.3pt }}
.body {{ line-height: 1.5 }}
.body p {{ margin: 0; text-indent: 2em; text-align: justify }}
.body p.sub {{ font-family: '{head}'; font-weight: bold; text-indent: 0; text-align: center;
  margin: 1.5mm 0 }}
.body p.by {{ text-indent: 0; font-family: '{head}' }}
.photo {{ break-inside: avoid; margin: 1mm 0 2mm 0 }}
.img {{ background: #bbb; width: 100% }}
.cap {{ font-family: '{head}'; font-size: 0.85em; text-align: justify; margin-top: 1mm }}
.cred {{ font-family: '{head}'; font-size: 0.85em; text-align: right }}
"""


@dataclass
class Layout:
    name: str
    html: str
    gold: dict
    info: dict


def choose_articles(rng: random.Random, pool: list[Article], n: int, trad: bool) -> list[Article]:
    """n articles of the page's script; Simplified ones converted when the page is Traditional.
    The articles chosen leave the pool (one file never prints an article twice)."""
    own = [a for a in pool if (a.clean.script == "traditional") == trad]
    picked = rng.sample(own if not trad or rng.random() < 0.5 else pool, n)
    if trad:
        config = rng.choice(["s2hk", "s2t", "s2tw"])
        picked = [a if a.clean.script == "traditional" else to_traditional(a, config)
                  for a in picked]
    for a in picked:
        pool[:] = [b for b in pool if b.clean.id != a.clean.id.removesuffix("-hant")]
    return picked


def layout(seed: int, engine: str, pool: list[Article]) -> Layout:
    """The page file of this seed (the same articles and layout for both engines)."""
    rng = random.Random(seed)
    pool = list(pool)
    trad = rng.random() < 0.3
    n_pages = rng.choices([1, 2, 3], [5, 3, 2])[0]
    body_font, head_font = rng.choice(FONTS["hant" if trad else "hans"])
    date = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(900))
    first_page = rng.randint(1, 20)
    font_pt = rng.choice([9.0, 9.5, 10.0, 10.5, 11.0])
    gutter = 6.0
    pages, gold_articles, furniture, info_pages, ids = [], [], [], [], []
    for p in range(n_pages):
        m = masthead(rng, date, first_page + p, trad)
        rows_n = rng.choice([1, 2, 2])
        arts = choose_articles(rng, pool, sum(row_sizes := [rng.choice([1, 1, 2]) for _ in
                                                             range(rows_n)]), trad)
        rows, i = [], 0
        for size in row_sizes:
            band = size == 2 and rng.random() < 0.3
            row = []
            for a in arts[i:i + size]:
                place = "band" if band else rng.choices(["above", "after"], [3, 1])[0]
                row.append(fit_story(rng, a, font_pt, place))
            rows.append(row)
            i += size
        pages.append((m, rows))
        gold_articles += [s.gold() for row in rows for s in row]
        ids += [s.article.clean.id for row in rows for s in row]
        furniture += m.header + m.footer
        info_pages.append([[dict(id=s.article.clean.id, cols=s.cols, chars=s.chars, place=s.place,
                                 photo=s.photo_at is not None, credit=s.credit_style,
                                 doubled=s.article.clean.title if s.doubled else None)
                            for s in row] for row in rows])
    width = max(sum(s.width_mm for s in row) + gutter * (len(row) - 1)
                for _, rows in pages for row in rows) + 20
    height = max(sum(max(s.height_mm() for s in row) + 8 for row in rows)
                 for _, rows in pages) + 40
    body = "".join(f'<div class="page">{masthead_html(m, True)}'
                   f'{"".join(row_html(r, rng, gutter) for r in rows)}'
                   f'{masthead_html(m, False)}</div>' for m, rows in pages)
    css = CSS.format(w=width, h=height, body=body_font, head=head_font)
    lang = "zh-Hant" if trad else "zh-Hans"
    doc = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>{css}</style>'
           f"</head><body>{body}</body></html>")
    name = f"p{seed:03d}-{engine}" + ("-hant" if trad else "")
    gold = {"articles": gold_articles, "furniture": furniture, "unplaced": [],
            "source": ids}
    return Layout(name, doc, gold, dict(seed=seed, trad=trad, font=body_font, font_pt=font_pt,
                                        pages=info_pages))
