"""Page simulator for reflow's tests: clean articles in, a realistically broken page out.

reflow rebuilds clean articles from text copied out of newspaper pages. This module does the
reverse:
it takes clean articles (tests/articles/*.txt, and the SogouCS articles under ../shared when they
are
there), lays them out the way PDF copy-paste, pdftotext and OCR leave them, and returns

    page_text, expected, info = simulate(seed, articles)

`expected` is the JSON reflow should produce for the page (the `--format json` schema, with an extra
`credit_ok` key on articles whose credit could belong to a neighbour too, as in shared/pages), and
`info` describes the layout choices, for failure messages.

What the layout does (all drawn from `random.Random(seed)`):

- 1-4 articles, usually of one script (Simplified or Traditional), sometimes mixed;
- each article in a column of 10-40 full-width characters (20-80 display cells); in ~30% of the
  articles the column width changes once, at a random line;
- lines filled up to the width; an ASCII run is never broken; two Latin words may wrap at their
  space (the space is dropped); kinsoku: a line never starts with closing punctuation (one closing
  mark hangs past the width, a longer run pulls the character before it down) and never ends with
  opening punctuation; rarely, a long Latin word is hyphenated at the line end;
- first lines of paragraphs indented by two full-width characters: the indent is lost (the line is
  simply shorter), or kept as `　　` or as 2-4 spaces;
- headlines, author lines, credits and subheads on lines of their own, never wrapped;
- a blank-line habit per page: (a) blank lines between all blocks, (b) none at all, (c) column
  breaks (a blank line every N lines, wherever it falls) plus blank lines after some paragraphs,
  (d) both (a) and (c);
- spacing noise: spaces around some half-width runs next to Han characters (`总投资 1.5 亿元`), a
  space before a closing byline (`环境。 （记者 张弘靓）`), a justification space inside a run of Han
  characters (`能源政 策`, where one side of the cut is five characters or more, or one character),
  trailing spaces;
- headlines above their body, after it, gathered with other headlines after all bodies, or
  gathered between two bodies; credits next to their headline group or after their body;
- page furniture: 1-3 printed pages separated by a form feed, each starting with running header
  lines (and maybe ending with a footer line), breaking the text anywhere.

Layouts that a careful human could not undo are not generated: a paragraph end that nothing but
the width of its last line shows leaves a clear gap, a paragraph's first line that has lost its
indent does not end a sentence, standalone lines are clearly shorter or wider than the column, and
every boundary between two articles shows at least one sign (a dateline, a closing byline, an
author line, a headline group of 2+ lines or one set off by blank lines, or a column width change).
"""

from __future__ import annotations

import datetime
import os
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
ARTICLES_DIR = ROOT / "tests" / "articles"

# --------------------------------------------------------------------------------------------------
# characters

CLOSING = set("，。、；：？！”’」』）》…〉】〕〗")
OPENING = set("“‘「『（《〈【〔〖")
ASCII_CLOSING_START = set(",.;:?!)]}%")
ASCII_OPENING_END = set("([{")
SENTENCE_END = re.compile(r"[。！？!?…][”’」』）》)]*$")
DATELINE = re.compile(r"^(本[报報]讯|本[报報]訊|新[华華]社|中新社|中央社|本[报報][^，。（]{0,12}[电電]|[^，。（]{0,16}日[电電])")
CLOSING_BYLINE = re.compile(r"（[^（）]*(记者|記者|通讯员|通訊員|特约|特約|撰稿)[^（）]*）$")
ASCII_RUN = re.compile(r"[!-~]+")

# Common characters that only one of the two scripts uses (for telling an article's script).
TRAD_ONLY = set("們這個來時會說國過對與發開經學實關進區務際總產當業現後還體點見將長問題間電話東車門書義場動華報記導聞"
                "隊賽擊敗場員機構設計據數據網線認識讓應該無從邊變歲錢廣際樓層歷麼價醫療護險環")
SIMP_ONLY = set("们这个来时会说国过对与发开经学实关进区务际总产当业现后还体点见将长问题间电话东车门书义场动华报记导闻"
                "队赛击败场员机构设计据数据网线认识让应该无从边变岁钱广际楼层历么价医疗护险环")


def cells(s: str) -> int:
    """Display width: East Asian Width W and F are 2 cells, everything else (ambiguous quotes too)
    1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def is_han(c: str) -> bool:
    return unicodedata.category(c) == "Lo"


def script_of(text: str) -> str:
    t = sum(c in TRAD_ONLY for c in text)
    s = sum(c in SIMP_ONLY for c in text)
    return "traditional" if t > s else "simplified"


# --------------------------------------------------------------------------------------------------
# clean articles

@dataclass
class CleanArticle:
    id: str
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    author: str | None = None
    credits: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)   # ("paragraph" | "subhead", text)
    source: str = "articles"

    @property
    def headlines(self) -> list[str]:
        return [h for h in (self.kicker, self.title, self.subtitle) if h]

    @property
    def script(self) -> str:
        return script_of(self.title + "".join(t for _, t in self.blocks))

    def expected(self) -> dict:
        blocks = [{"kind": "byline", "text": self.author}] if self.author else []
        blocks += [{"kind": k, "text": t} for k, t in self.blocks]
        return {
            "headlines": self.headlines,
            "byline": self.byline,
            "blocks": blocks,
            "credits": list(self.credits),
        }


HEADER_KEYS = {"title", "kicker", "subtitle", "byline", "author", "credit"}


def parse_article(text: str, id: str = "?") -> CleanArticle:
    """Parse the tests/articles format: `key: value` header lines, `---`, one paragraph a line, `##
    subhead`."""
    head, sep, body = text.lstrip("\ufeff").partition("\n---\n")
    if not sep:
        raise ValueError(f"{id}: no `---` line between header and body")
    fields: dict[str, list[str]] = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in HEADER_KEYS or not value.strip():
            raise ValueError(f"{id}: bad header line {line!r}")
        fields.setdefault(key, []).append(value.strip())
    if "title" not in fields:
        raise ValueError(f"{id}: no title")
    blocks = []
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            blocks.append(("subhead", line[3:].strip()))
        else:
            blocks.append(("paragraph", line))
    if not any(k == "paragraph" for k, _ in blocks):
        raise ValueError(f"{id}: no paragraph")
    one = lambda k: fields.get(k, [None])[0]
    return CleanArticle(
        id=id,
        title=one("title"),
        kicker=one("kicker"),
        subtitle=one("subtitle"),
        byline=one("byline"),
        author=one("author"),
        credits=fields.get("credit", []),
        blocks=blocks,
    )


def load_articles(folder: str | Path | None = None) -> list[CleanArticle]:
    """The clean articles of tests/articles (or of $REFLOW_SIM_ARTICLES), sorted by file name."""
    folder = Path(folder or os.environ.get("REFLOW_SIM_ARTICLES") or ARTICLES_DIR)
    if not folder.is_dir():
        return []
    return [
        parse_article(p.read_text(encoding="utf-8"), p.stem) for p in sorted(folder.glob("*.txt"))
    ]


def shared_dir() -> Path | None:
    """The project's shared/ folder (beside the repository, or $REFLOW_SHARED), or None when
    absent."""
    d = Path(os.environ.get("REFLOW_SHARED") or ROOT.parent / "shared")
    return d if d.is_dir() else None


_SENTENCE = re.compile(r".*?[。！？][”’」』）》]*|.+$", re.S)


# The corpus turned ASCII digits and letters full-width; a clean article (newspaper style) has them
# half-width, and `:`/`.` between digits too (16:32, 1.5).
_HALF = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       **{chr(0xFF21 + i): chr(65 + i) for i in range(26)},
                       **{chr(0xFF41 + i): chr(97 + i) for i in range(26)}})


def clean_width(text: str) -> str:
    text = text.translate(_HALF)
    return re.sub(r"(?<=\d)[．：](?=\d)", lambda m: "." if m.group() == "．" else ":", text)


def sogoucs_article(text: str, id: str) -> CleanArticle:
    """A SogouCS item as a clean article: line 1 the title; the body without any white space, cut
    into
    paragraphs of 2-4 sentences (deterministically, from the file name); digits and letters
    half-width.
    """
    lines = clean_width(text.lstrip("\ufeff")).split("\n")
    title = lines[0].strip()
    body = re.sub(r"\s+", "", "".join(lines[1:]))
    sentences = [m.group(0) for m in _SENTENCE.finditer(body) if m.group(0)]
    rng = random.Random(id)
    paras = []
    while sentences:
        n = rng.randint(2, 4)
        paras.append("".join(sentences[:n]))
        sentences = sentences[n:]
    return CleanArticle(
        id=id, title=title, blocks=[("paragraph", p) for p in paras], source="sogoucs"
    )


def load_sogoucs() -> list[CleanArticle]:
    """The SogouCS articles of shared/corpus/sogoucs, or [] when shared/ is not there."""
    d = shared_dir()
    folder = d / "corpus" / "sogoucs" if d else None
    if not folder or not folder.is_dir():
        return []
    return [
        sogoucs_article(p.read_text(encoding="utf-8"), p.stem) for p in sorted(folder.glob("*.txt"))
    ]


# --------------------------------------------------------------------------------------------------
# wrapping

@dataclass
class Atom:
    text: str
    # "char", "ascii", "space" (Latin word space), "nbspace" (space between non-ASCII), "noise"
    kind: str

    @property
    def w(self) -> int:
        # a justification space takes no room of its own: it is what is left of a gap
        return 0 if self.kind == "noise" else cells(self.text)

    @property
    def closing(self) -> bool:
        if self.kind == "ascii":
            return self.text[0] in ASCII_CLOSING_START
        return self.kind == "char" and (self.text in CLOSING or self.text == "……")

    @property
    def opening(self) -> bool:
        if self.kind == "ascii":
            return self.text[-1] in ASCII_OPENING_END
        return self.kind == "char" and self.text in OPENING


@dataclass
class Unit:
    """Atoms that no line break may separate."""
    atoms: list[Atom]

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)

    @property
    def w(self) -> int:
        return sum(a.w for a in self.atoms)

    @property
    def space(self) -> bool:
        return len(self.atoms) == 1 and self.atoms[0].kind in ("space", "noise")


_ATOM = re.compile(r"……|——|[!-~]+| +|.", re.S)


def noisy(text: str, noise: Iterable[int] = ()) -> str:
    """`text` with a space inserted before each position in `noise`."""
    noise = set(noise)
    return "".join((" " if i in noise else "") + c for i, c in enumerate(text))


def atomize(text: str, noise: Iterable[int] = ()) -> list[Atom]:
    """Atoms of `text`; a noise space is put before each character position in `noise`."""
    noise = set(noise)
    atoms: list[Atom] = []
    for m in _ATOM.finditer(text):
        if m.start() in noise:
            atoms.append(Atom(" ", "noise"))
        s = m.group(0)
        kind = "space" if s[0] == " " else "ascii" if s[0] <= "~" else "char"
        atoms.append(Atom(s, kind))
    for i, a in enumerate(atoms):
        if a.kind == "space":
            prev = atoms[i - 1] if i else None
            nxt = atoms[i + 1] if i + 1 < len(atoms) else None
            if not (prev and nxt and prev.kind == "ascii" and nxt.kind == "ascii"):
                a.kind = "nbspace"
    return atoms


def units_of(atoms: list[Atom]) -> list[Unit]:
    units: list[Unit] = []
    for i, a in enumerate(atoms):
        prev = atoms[i - 1] if i else None
        glue = (
            prev is not None
            and prev.kind not in ("space", "noise")
            and a.kind not in ("space", "noise")
            and (prev.opening or a.closing or prev.kind == "nbspace" or a.kind == "nbspace")
        )
        if glue:
            units[-1].atoms.append(a)
        else:
            units.append(Unit([a]))
    return units


def _hyphen_point(word: str, room: int) -> int:
    """Where to cut `word` so that word[:i] + '-' fits in `room` cells (0: nowhere)."""
    for i in range(min(len(word) - 3, room - 1), 2, -1):
        if word[i].islower() and word[i - 1].isalpha():
            return i
    return 0


def wrap(text: str, budget: int | Callable[[int], int], *, noise: Iterable[int] = (),
         rng: random.Random | None = None, hyphenate: float = 0.0) -> list[str]:
    """Fill lines of at most `budget` cells (an int, or a function of the line's index in the
    paragraph).

    One closing punctuation mark may hang past the budget; a unit wider than the budget gets a line
    of its own. A long Latin word is hyphenated at a line end with probability `hyphenate`.
    """
    budget_of = budget if callable(budget) else (lambda i, b=budget: b)
    queue = units_of(atomize(text, noise))
    lines: list[str] = []
    cur: list[Unit] = []
    curw = 0

    def flush() -> None:
        nonlocal curw
        while cur and cur[-1].space:
            cur.pop()
        if cur:
            lines.append("".join(u.text for u in cur))
        cur.clear()
        curw = 0

    i = 0
    while i < len(queue):
        u = queue[i]
        b = budget_of(len(lines))
        if u.space:
            if cur and curw + u.w <= b:
                cur.append(u)
                curw += u.w
            elif cur:
                flush()
            i += 1
            continue
        if not cur or curw + u.w <= b:
            cur.append(u)
            curw += u.w
            i += 1
            continue
        last = u.atoms[-1]
        if last.closing and len(u.atoms) >= 2 and curw + u.w - last.w <= b:
            cur.append(u)          # hang one closing mark past the edge
            i += 1
            flush()
            continue
        if (hyphenate and rng and len(u.atoms) == 1 and u.atoms[0].kind == "ascii"
                and re.fullmatch(r"[A-Za-z]{7,}", u.text)):
            cut = _hyphen_point(u.text, b - curw)
            if cut and rng.random() < hyphenate:
                cur.append(Unit([Atom(u.text[:cut] + "-", "ascii")]))
                flush()
                queue[i] = Unit([Atom(u.text[cut:], "ascii")])
                continue
        flush()
    flush()
    return lines


def _ascii_graph(c: str) -> bool:
    return "!" <= c <= "~"


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines back into the paragraph (the rules the layout follows): leading indent
    dropped; a space between two ASCII characters (a Latin word space the wrap dropped); a hyphen
    between a letter and a lower-case letter is a hyphenation and goes."""
    out = ""
    for line in lines:
        line = line.strip(" \u3000")
        if not line:
            continue
        if out and re.search(r"[A-Za-z]-$", out) and line[0].islower():
            out = out[:-1] + line
        elif out and _ascii_graph(out[-1]) and _ascii_graph(line[0]):
            out += " " + line
        else:
            out += line
    return out


def first_unit_width(text: str, noise: Iterable[int] = ()) -> int:
    for u in units_of(atomize(text, noise)):
        if not u.space:
            return u.w
    return 0


# --------------------------------------------------------------------------------------------------
# furniture

PAPERS = ["滨江日报", "东岭晚报", "南湖都市报", "青川日报", "临海商报", "西岭时报"]
SECTIONS = ["要闻", "综合", "城市", "经济", "社会", "民生", "文体"]
EDITORS = ["王某", "李青", "陈思远", "赵敏", "周立", "孙悦", "刘一鸣"]
WEEKDAYS = "一二三四五六日"
TRAD_MAP = str.maketrans(
    {
        "报": "報",
        "东": "東",
        "岭": "嶺",
        "滨": "濱",
        "江": "江",
        "湖": "湖",
        "临": "臨",
        "闻": "聞",
        "页": "頁",
        "数": "數",
        "责": "責",
        "编": "編",
        "辑": "輯",
        "术": "術",
        "经": "經",
        "济": "濟",
        "会": "會",
        "综": "綜",
        "城": "城",
        "间": "間",
        "陈": "陳",
        "远": "遠",
        "赵": "趙",
        "孙": "孫",
        "刘": "劉",
        "鸣": "鳴",
        "岁": "歲",
        "民": "民",
        "体": "體",
        "文": "文",
        "共": "共",
        "长": "長",
    }
)

# Each style: header lines and footer lines; {p} printed page, {n} printed pages, {v} edition
# number.
FURNITURE_STYLES = [
    (["{date} 星期{wd}", "第{v}版"], ["- {p} -"]),
    (["{paper}", "{date} 星期{wd}", "第{v}版 {section}"], ["第 {p} 页"]),
    (["{y} 年 {m} 月", "页数 {p} / {n}"], ["{paper}"]),
    (["{section}", "{date}", "第{v}版", "责任编辑：{editor}"], ["（第{p}页，共{n}页）"]),
    (["{vv}  {section}  {date} 星期{wd}"], ["{paper}  第{v}版"]),
    (["{paper} {date}", "第{v}版：{section}", "责任编辑：{editor}　美术编辑：{editor2}"], ["— {v} —"]),
    (["{date_iso}  {paper}  {section}", "第{v}版"], ["责任编辑 {editor}"]),
]


def furniture_lines(
    rng: random.Random, n_pages: int, footer: bool, traditional: bool
) -> list[tuple[list[str], list[str]]]:
    header, foot = FURNITURE_STYLES[rng.randrange(len(FURNITURE_STYLES))]
    day = datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))
    base = rng.randint(1, 16)
    values = dict(
        paper=rng.choice(PAPERS),
        section=rng.choice(SECTIONS),
        editor=rng.choice(EDITORS),
        editor2=rng.choice(EDITORS),
        y=day.year,
        m=day.month,
        wd=WEEKDAYS[day.weekday()],
        date=f"{day.year}年{day.month}月{day.day}日",
        date_iso=day.isoformat(),
        n=n_pages,
    )
    out = []
    for p in range(1, n_pages + 1):
        v = base + p - 1
        fill = lambda t: t.format(p=p, v=v, vv=f"{v:02d}", **values)
        lines = ([fill(t) for t in header], [fill(t) for t in foot] if footer else [])
        if traditional:
            lines = (
                [l.translate(TRAD_MAP) for l in lines[0]],
                [l.translate(TRAD_MAP) for l in lines[1]],
            )
        out.append(lines)
    return out


# --------------------------------------------------------------------------------------------------
# the page

HABITS = {
    "a": "blank line between all blocks",
    "b": "no blank lines",
    "c": "column breaks + some blank lines",
    "d": "blank lines between blocks + column breaks",
}
PLACEMENTS = ("above", "after", "end", "between")


@dataclass
class Elem:
    kind: str                 # "para", "subhead", "author", "headline", "credit"
    art: int                  # index of the article on the page
    text: str = ""            # the clean text (para, subhead, author, credit)
    lines: list[str] = field(default_factory=list)   # the headline lines (clean)
    noise: list[int] = field(default_factory=list)   # noise positions in text (para)
    split: bool = False       # a justification space cuts a word in one of its full lines (para)
    line_noise: list[list[int]] = field(default_factory=list)   # per line noise (standalone lines)
    out: list[str] = field(default_factory=list)      # rendered lines
    widths: list[int] = field(
        default_factory=list
    )  # column width (cells) of each rendered para line
    blank_after: bool = False


def _noise_positions(
    text: str, rng: random.Random, rate: float, style: str, byline_space: bool
) -> list[int]:
    pos = set()
    for m in ASCII_RUN.finditer(text):
        if rng.random() >= rate:
            continue
        s, e = m.start(), m.end()
        left = s > 0 and is_han(text[s - 1])
        right = e < len(text) and is_han(text[e])
        sides = {"both": (True, True), "left": (True, False), "right": (False, True)}.get(
            style, (rng.random() < 0.6, rng.random() < 0.6))
        if left and sides[0]:
            pos.add(s)
        if right and sides[1]:
            pos.add(e)
    if byline_space:
        m = CLOSING_BYLINE.search(text)
        if m and m.start() > 0 and text[m.start() - 1] in "。！？”」":
            pos.add(m.start())
    return sorted(pos)


ROLE = re.compile(r"(记者|記者|通讯员|通訊員|编辑|編輯|作者)$")
ROLE_BRACKETS = re.compile(r"（[^（）]*(记者|記者|通讯员|通訊員|特约|特約|撰稿)[^（）]*）")


def _word_cuts(text: str) -> list[int]:
    """Positions inside a run of Han characters where a justification space may cut a word: the cut
    leaves five or more characters, or exactly one, on one side (a name has two to four), is not
    right after a role word and not inside a byline's brackets (`记者 文月婷` are names)."""
    bylines = [m.span() for m in ROLE_BRACKETS.finditer(text)]
    spots = []
    for m in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
        n = m.end() - m.start()
        for k in range(1, n):
            at = m.start() + k
            if ((max(k, n - k) >= 5 or min(k, n - k) == 1) and not ROLE.search(text[:at])
                    and not any(a < at < b for a, b in bylines)):
                spots.append(at)
    return spots


def cut_a_word(text: str, lines: list[str], rng: random.Random) -> list[str]:
    """`lines` (the wrap of `text`) with one justification space inside a word of a line that is
    not the paragraph's last (only full, justified lines get stretched), never at a line's edge."""
    spots = set(_word_cuts(text))
    where = []
    p = 0
    for j, line in enumerate(lines):
        if j > 0 and p < len(text) and text[p] == " " and not line.startswith(" "):
            p += 1                              # a Latin word space the wrap dropped
        for off, c in enumerate(line):
            if p < len(text) and text[p] == c:
                if p in spots and 0 < off and j < len(lines) - 1:
                    where.append((j, off))
                p += 1                          # anything else is noise or a hyphen
    if not where:
        return lines
    j, off = rng.choice(where)
    return [l if i != j else l[:off] + " " + l[off:] for i, l in enumerate(lines)]


def _pick_width(rng: random.Random, lo: int, hi: int) -> int:
    """A column width in cells (2 per full-width character), narrow columns a bit more likely."""
    if rng.random() < 0.6:
        return 2 * rng.randint(lo, max(lo, min(hi, 22)))
    return 2 * rng.randint(lo, hi)


def simulate(seed: int, articles: list[CleanArticle], **force) -> tuple[str, dict, dict]:
    """Lay out 1-4 of `articles` as a broken page. Returns (page_text, expected, info).

    `force` fixes layout choices that are otherwise drawn at random: n (articles), ids (article ids,
    in page order), script ("simplified", "traditional", "mixed"), habit ("a"-"d"), indent ("lost",
    "fullwidth", "spaces"), width_range ((lo, hi) in full-width characters), width_change
    (probability), placement (one of PLACEMENTS, or a list per article), credit_place ("group",
    "body"), noise (bool), byline_space (bool), trailing (bool), hyphenate (bool), furniture
    (printed
    pages, 0 for none), footer (bool), col_height (lines), hl_gap (bool).
    """
    if not articles:
        raise ValueError("no articles to lay out")
    rng = random.Random(seed)
    f = force.get
    info: dict = {"seed": seed}

    # --- which articles
    if f("ids"):
        by_id = {a.id: a for a in articles}
        chosen = [by_id[i] for i in f("ids")]
        info["script"] = "forced"
    else:
        n = f("n") or rng.choices([1, 2, 3, 4], weights=[20, 35, 30, 15])[0]
        n = min(n, len(articles))
        simp = [a for a in articles if a.script == "simplified"]
        trad = [a for a in articles if a.script == "traditional"]
        script = f("script") or (
            (
                "mixed"
                if rng.random() < 0.15
                else "traditional" if rng.random() < 0.3 else "simplified"
            )
            if simp and trad
            else "traditional" if trad else "simplified"
        )
        pool = {"simplified": simp, "traditional": trad}.get(script) or list(articles)
        if len(pool) < n:
            pool = list(articles)
        chosen = rng.sample(pool, n)
        info["script"] = script
    n = len(chosen)
    info["articles"] = [a.id for a in chosen]
    traditional = sum(a.script == "traditional" for a in chosen) * 2 > n

    # --- page-wide habits
    habit = f("habit") or rng.choices("abcd", weights=[35, 20, 25, 20])[0]
    indent = f("indent") or rng.choices(["lost", "fullwidth", "spaces"], weights=[60, 25, 15])[0]
    indent_str = {"lost": "", "fullwidth": "\u3000\u3000", "spaces": " " * rng.randint(2, 4)}[
        indent
    ]
    noise_on = f("noise") if f("noise") is not None else rng.random() < 0.4
    noise_rate = rng.uniform(0.3, 0.9)
    noise_style = rng.choice(["both", "both", "left", "right", "random"])
    byline_space = (
        f("byline_space") if f("byline_space") is not None else (noise_on and rng.random() < 0.5)
    )
    trailing = f("trailing") if f("trailing") is not None else rng.random() < 0.1
    hyph = f("hyphenate") if f("hyphenate") is not None else rng.random() < 0.15
    col_height = f("col_height") or rng.randint(8, 40)
    hl_gap = f("hl_gap") if f("hl_gap") is not None else rng.random() < 0.5
    width_lo, width_hi = f("width_range") or (10, 40)
    p_change = f("width_change") if f("width_change") is not None else 0.3
    info.update(habit=habit, indent=indent if indent != "spaces" else f"spaces{len(indent_str)}",
                noise=(noise_rate, noise_style) if noise_on else None, byline_space=byline_space,
                trailing=trailing, hyphenate=hyph, col_height=col_height if habit in "cd" else None)

    # --- headline and credit placement
    placement = f("placement")
    places: list[str] = []
    gather: list[int] = []
    for k in range(n):
        if isinstance(placement, (list, tuple)):
            p = placement[k]
        elif placement:
            p = placement
        elif n == 1:
            p = rng.choices(["above", "after"], weights=[70, 30])[0]
        else:
            p = rng.choices(PLACEMENTS, weights=[55, 15, 15, 15])[0]
        if p == "between" and k > n - 2:
            p = "end"
        places.append(p)
        gather.append(
            -1
            if p == "above"
            else k if p == "after" else n - 1 if p == "end" else rng.randint(k, n - 2)
        )
    credit_place = [f("credit_place") or rng.choice(["group", "body"]) for _ in range(n)]

    # --- elements in page order
    def group(k: int) -> list[Elem]:
        a = chosen[k]
        g = [Elem("headline", k, lines=a.headlines)]
        if credit_place[k] == "group":
            g += [Elem("credit", k, text=c) for c in a.credits]
        return g

    seq: list[Elem] = []
    body_span: list[tuple[int, int]] = []
    for k, a in enumerate(chosen):
        if places[k] == "above":
            seq += group(k)
        start = len(seq)
        if a.author:
            seq.append(Elem("author", k, text=a.author))
        for kind, text in a.blocks:
            seq.append(Elem("para" if kind == "paragraph" else "subhead", k, text=text))
        body_span.append((start, len(seq)))
        if credit_place[k] == "body":
            seq += [Elem("credit", k, text=c) for c in a.credits]
        for j in range(n):
            if gather[j] == k:
                seq += group(j)

    # --- noise (word cuts draw from their own generator: the other choices stay as they were)
    split_rng = random.Random(f"{seed}-split")
    for e in seq:
        texts = e.lines if e.kind == "headline" else [e.text]
        nz = [
            (
                _noise_positions(t, rng, noise_rate, noise_style, byline_space and e.kind == "para")
                if noise_on
                else []
            )
            for t in texts
        ]
        if e.kind == "para":
            e.noise = nz[0]
            e.split = noise_on and split_rng.random() < 0.3
        else:
            e.line_noise = nz

    # --- blank lines between elements
    for i, e in enumerate(seq):
        nxt = seq[i + 1] if i + 1 < len(seq) else None
        if nxt is None:
            continue
        if habit in "ad":
            e.blank_after = True
        elif habit == "c":
            standalone = e.kind in ("headline", "subhead") or nxt.kind in ("headline", "subhead")
            e.blank_after = rng.random() < (
                0.5 if standalone else 0.3 if e.kind == "para" else 0.15
            )

    # --- article boundaries: which need a column width change to show
    def subheads(k: int) -> bool:
        return any(kind == "subhead" for kind, _ in chosen[k].blocks)

    need_diff = [False] * n
    boundary_signs: list[list[str]] = [[] for _ in range(n)]
    for k in range(1, n):
        signs = boundary_signs[k]
        first_para = next(t for kind, t in chosen[k].blocks if kind == "paragraph")
        last_para = [t for kind, t in chosen[k - 1].blocks if kind == "paragraph"][-1]
        if chosen[k].author:
            signs.append("author line")
        elif DATELINE.match(first_para) and chosen[k].blocks[0][0] == "paragraph":
            signs.append("dateline")
        if CLOSING_BYLINE.search(last_para) and chosen[k - 1].blocks[-1][0] == "paragraph":
            signs.append("closing byline")
        between = seq[body_span[k - 1][1]:body_span[k][0]]
        for j, e in enumerate(between):
            if e.kind != "headline":
                continue
            before = seq[body_span[k - 1][1] + j - 1]
            if len(e.lines) >= 2:
                signs.append("headline group")
            elif (e.blank_after or before.blank_after) and not (subheads(k - 1) or subheads(k)):
                signs.append("headline set off")
        if not signs:
            need_diff[k] = True
            signs.append("column width")

    # --- wrap each article's paragraphs, retrying widths until the layout is readable
    def next_line_info(i: int) -> tuple[int, bool]:
        """(first unit width of the element after seq[i], whether that element is a kept-indent
        paragraph)."""
        if i + 1 >= len(seq):
            return 0, False
        e = seq[i + 1]
        if e.kind == "para":
            return first_unit_width(e.text, e.noise), indent != "lost"
        line = e.lines[0] if e.kind == "headline" else e.text
        return first_unit_width(line, e.line_noise[0] if e.line_noise else ()), False

    def standalone_lines(e: Elem) -> list[str]:
        texts = e.lines if e.kind == "headline" else [e.text]
        return [noisy(t, nz) for t, nz in zip(texts, e.line_noise or [[]] * len(texts))]

    arts_info = []
    unresolved = []
    prev_width = None
    for k, a in enumerate(chosen):
        idx = [i for i, e in enumerate(seq) if e.kind == "para" and e.art == k]
        # standalone lines that touch this article's paragraphs without a blank line between
        touching: list[str] = []
        if habit in "bc":
            for i in idx:
                if i > 0 and seq[i - 1].kind != "para" and not seq[i - 1].blank_after:
                    touching += standalone_lines(seq[i - 1])
                if i + 1 < len(seq) and seq[i + 1].kind != "para" and not seq[i].blank_after:
                    touching += standalone_lines(seq[i + 1])
        total = sum(cells(seq[i].text) for i in idx)
        best = None
        for attempt in range(80):
            w1 = _pick_width(rng, width_lo, width_hi)
            w2, change_at = w1, None
            if rng.random() < p_change:
                w2 = _pick_width(rng, width_lo, width_hi)
                while abs(w2 - w1) < 4:
                    w2 = _pick_width(rng, width_lo, max(width_lo + 3, width_hi))
                change_at = rng.randint(1, max(1, total // w1 - 1))
            counter = [0]

            def width_at(i_line: int) -> int:
                return w1 if change_at is None or counter[0] + i_line < change_at else w2

            problems = []
            if need_diff[k] and prev_width is not None and abs(w1 - prev_width) < 6:
                problems.append(
                    "column width as the previous article's, and nothing else shows the boundary"
                )
            rendered = {}
            for i in idx:
                e = seq[i]
                base = counter[0]
                lines = wrap(
                    e.text,
                    lambda j: width_at(j) - (4 if j == 0 else 0),
                    noise=e.noise,
                    rng=rng,
                    hyphenate=0.5 if hyph else 0.0,
                )
                if e.split:
                    lines = cut_a_word(e.text, lines, split_rng)
                widths = [
                    w1 if change_at is None or base + j < change_at else w2
                    for j in range(len(lines))
                ]
                counter[0] += len(lines)
                rendered[i] = (lines, widths)
                nxt_w, nxt_indented = next_line_info(i)
                for j, (line, w) in enumerate(zip(lines, widths)):
                    vis = cells(line) + (4 if j == 0 and indent != "lost" else 0)
                    gap = w - vis
                    if habit == "a":
                        break
                    if j < len(lines) - 1:
                        following = first_unit_width(lines[j + 1])
                        if SENTENCE_END.search(line) and gap >= 4 and gap >= following:
                            problems.append(f"para {i} line {j} looks like a paragraph end")
                    elif i + 1 < len(seq) and not nxt_indented and (gap < 4 or gap < nxt_w):
                        problems.append(f"para {i} ends on a full line")
            for line in touching:
                for w in {w1, w2}:
                    if w - 6 < cells(line) < w + 4:
                        problems.append(f"standalone line {line!r} as wide as the column")
            if best is None or len(problems) < len(best[0]):
                best = (problems, w1, w2, change_at, rendered)
            if not problems:
                break
        problems, w1, w2, change_at, rendered = best
        if problems:
            unresolved.append(f"article {k}: " + "; ".join(problems))
        for i, (lines, widths) in rendered.items():
            seq[i].out = [(indent_str if j == 0 else "") + line for j, line in enumerate(lines)]
            seq[i].widths = widths
        lines_total = sum(len(rendered[i][0]) for i in idx)
        if change_at is not None and change_at >= lines_total:
            change_at = None
            w2 = w1
        prev_width = w2
        arts_info.append(
            {
                "id": a.id,
                "width": w1 // 2,
                "width2": w2 // 2 if change_at is not None else None,
                "change_at": change_at,
                "headline": places[k] + (f"@{gather[k]}" if places[k] == "between" else ""),
                "credit": credit_place[k] if a.credits else None,
                "boundary": boundary_signs[k],
            }
        )
    info["layout"] = arts_info

    # --- the lines of the page: (text, kind) with kind "body", "standalone", "blank"
    page: list[tuple[str, str]] = []
    change_blank = habit in "cd"
    art_line = [0] * n
    prev_w_of_art: dict[int, int] = {}
    for e in seq:
        if e.kind == "para":
            for line, w in zip(e.out, e.widths):
                if (page and change_blank and art_line[e.art] and w != prev_w_of_art.get(e.art, w)
                        and page[-1][1] != "blank" and rng.random() < 0.5):
                    page.append(("", "blank"))
                page.append((line, "body"))
                prev_w_of_art[e.art] = w
                art_line[e.art] += 1
        elif e.kind == "headline":
            texts = standalone_lines(e)
            for j, line in enumerate(texts):
                if j and hl_gap and habit != "b":
                    page.append(("", "blank"))
                page.append((line, "standalone"))
        else:
            page.append((standalone_lines(e)[0], "standalone"))
        if e.blank_after:
            page.append(("", "blank"))

    # --- column breaks
    if habit in "cd":
        out: list[tuple[str, str]] = []
        count = 0
        for j, item in enumerate(page):
            out.append(item)
            count += 1
            if count >= col_height:
                nxt = page[j + 1] if j + 1 < len(page) else None
                if nxt and nxt[1] != "blank" and item[1] != "blank":
                    out.append(("", "blank"))
                    info.setdefault("column_breaks", 0)
                    info["column_breaks"] += 1
                    if item[1] == "body" and not SENTENCE_END.search(item[0]):
                        info["mid_sentence_break"] = True
                count = 0
        page = out

    # --- trailing spaces
    if trailing:
        page = [
            (t + " " * rng.randint(1, 2) if k == "body" and rng.random() < 0.15 else t, k)
            for t, k in page
        ]

    # --- printed pages and their furniture
    n_pages = f("furniture")
    if n_pages is None:
        n_pages = rng.choices([0, 1, 2, 3], weights=[55, 10, 25, 10])[0]
    furniture: list[str] = []
    text_lines: list[str] = []
    if n_pages:
        footer = f("footer") if f("footer") is not None else rng.random() < 0.4
        gap_after_header = rng.random() < 0.4
        marks = furniture_lines(rng, n_pages, footer, traditional)
        cuts = sorted(rng.sample(range(1, len(page)), min(n_pages - 1, max(0, len(page) - 1))))
        bounds = [0] + cuts + [len(page)]
        for p in range(len(bounds) - 1):
            header, foot = marks[p]
            for j, h in enumerate(header):
                text_lines.append(("\f" if p and j == 0 else "") + h)
            furniture += header
            if gap_after_header:
                text_lines.append("")
            text_lines += [t for t, _ in page[bounds[p]:bounds[p + 1]]]
            text_lines += foot
            furniture += foot
        info["printed_pages"] = len(bounds) - 1
        info["furniture"] = (
            f"{len(bounds) - 1} printed page(s), header {marks[0][0]}, footer {bool(marks[0][1])}"
        )
    else:
        text_lines = [t for t, _ in page]
        info["printed_pages"] = 0
        info["furniture"] = None
    if unresolved:
        info["unresolved"] = unresolved

    expected_articles = []
    for k, a in enumerate(chosen):
        d = a.expected()
        if a.credits:
            ok = _credit_homes(seq, k)
            if ok != [k]:
                d["credit_ok"] = ok
        expected_articles.append(d)
    expected = {"articles": expected_articles, "furniture": furniture, "unplaced": []}
    return "\n".join(text_lines) + "\n", expected, info



def _credit_homes(seq: list[Elem], k: int) -> list[int]:
    """The articles a careful reader could give article k's credit lines to: k, and the articles
    whose
    text stands right before or after the credit lines."""
    homes = {k}
    for i, e in enumerate(seq):
        if e.kind == "credit" and e.art == k:
            j = i - 1
            while j >= 0 and seq[j].kind == "credit":
                j -= 1
            if j >= 0:
                homes.add(seq[j].art)
            j = i + 1
            while j < len(seq) and seq[j].kind == "credit":
                j += 1
            if j < len(seq):
                homes.add(seq[j].art)
    return sorted(homes)


def describe(info: dict) -> str:
    """One line about a layout, for failure messages."""
    arts = "; ".join(
        f"{x['id']} w{x['width']}" + (f"->{x['width2']}@{x['change_at']}" if x["width2"] else "")
        + f" hl:{x['headline']}" + (f" cr:{x['credit']}" if x["credit"] else "")
        + (f" [{','.join(x['boundary'])}]" if x["boundary"] else "")
        for x in info.get("layout", []))
    extra = []
    if info.get("noise"):
        extra.append("noise")
    if info.get("byline_space"):
        extra.append("byline-space")
    if info.get("trailing"):
        extra.append("trailing")
    if info.get("hyphenate"):
        extra.append("hyphenate")
    if info.get("furniture"):
        extra.append(info["furniture"])
    if info.get("unresolved"):
        extra.append("UNRESOLVED " + " | ".join(info["unresolved"]))
    return (
        f"seed {info['seed']} {info.get('script')} habit {info['habit']} indent {info['indent']}"
        + (f" col{info['col_height']}" if info.get("col_height") else "")
        + f" :: {arts}"
        + (" :: " + ", ".join(extra) if extra else "")
    )
