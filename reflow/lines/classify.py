"""Stage 2, line rules that classify: furniture, credits, author lines, openings, closing bylines.

Each rule looks at one line (or, for repeated furniture, at the same line across pages) and sets
its `kind` or a flag. The patterns are parameters in `rules/layout.toml`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import regex

from ..config import Config
from ..model import AUTHOR, BODY, CREDIT, FURNITURE, GLYPH_HEADER, SEPARATOR, Line
from ..rule import Rule, rule
from .pieces import ends_sentence

if TYPE_CHECKING:
    from ..run import Run
    from .memo import LineMemo

_DIGITS = regex.compile(r"\d+")
# the brackets a closing byline opens with (OCR reads `（` as `〈` or `《`: `〈记者 X 整理)`)
BYLINE_BRACKETS = "（(〈《"


def _match(patterns, text: str) -> regex.Match[str] | None:
    """The match of the first of `patterns` that matches."""
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None


def unspaced(text: str) -> str:
    """`text` as its patterns read it: a line of a justified narrow column that the extractor
    spaced out character by character (`本 报 广 州 5 月 20 日 电`: four or more pieces, three in
    four of them a single character) without those spaces; any other line as it is. Only the
    line's reading changes, not the line."""
    if " " not in text:
        return text
    pieces = text.split(" ")
    if len(pieces) < 4 or "" in pieces or 4 * sum(len(p) == 1 for p in pieces) < 3 * len(pieces):
        return text
    return "".join(pieces)


def _found(config: Config, kind: str, text: str) -> bool:
    """Whether a pattern of `kind` (`furniture`, `credit`, ...) matches: one search for those that
    join, a pattern that needs a character only where the text holds it."""
    for char, run, pattern in config.needing[kind]:
        if char in text and (run is None or run.search(text) is not None) and \
                pattern.search(text) is not None:
            return True
    joined = config.joined[kind]
    if joined is not None:
        return joined.search(text) is not None
    return _match(config.unjoined[kind], text) is not None


@rule("L01", "furniture-pattern", "line")
def furniture_pattern(line: Line, config: Config) -> bool:
    """A line that is a page number, a date line, a header of fields around a full date
    (`05  社會  2021年1月2日 星期六`, `2023-01-12  臨海商報`), the paper's name with the date or
    the edition (`濱江日報  第5版`), `页数 1 / 2` or `责任编辑：X` is a running header or footer:
    set aside as furniture, not mixed into an article. A date alone inside the page, away from
    its edges and from other furniture, is a notice's or a letter's (`dates_inside`)."""
    return _found(config, "furniture", line.text)


# a date alone, as a notice or a letter is signed with: `2024年8月20日`
DATE_ALONE = regex.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def dates_inside(lines: list[Line], by_pattern: list[bool], edge: int) -> set[int]:
    """The lines of L01's dates alone (`2024年8月20日`) that stand inside their page: more than
    `edge` lines from its top and bottom, and no furniture line next to them. A running header
    or footer sits at the page's edge; a date in the middle of the text is the one a notice or
    a letter is signed with (L01 leaves it to the story); so is a date at the page's edge
    right under a name (or an office), itself right under a sentence's end: the letter's
    signer and date (`…不要让市民连「搭车都要谂过」。` / `梁宝珊` / `2024年11月8日`)."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            by_page[line.page].append(i)
    out: set[int] = set()
    for idx in by_page.values():
        for pos in range(edge, len(idx) - edge):
            i = idx[pos]
            if (by_pattern[i] and DATE_ALONE.fullmatch(lines[i].text)
                    and not by_pattern[idx[pos - 1]] and not by_pattern[idx[pos + 1]]):
                out.add(i)
        # at the page's edge too, under its signer right after the letter's last sentence
        for pos in range(2, len(idx)):
            i, signer, above = idx[pos], lines[idx[pos - 1]], lines[idx[pos - 2]]
            if (by_pattern[i] and DATE_ALONE.fullmatch(lines[i].text)
                    and not by_pattern[idx[pos - 1]] and not by_pattern[idx[pos - 2]]
                    and _SIGNER.fullmatch(signer.text) and _LAST_SENTENCE.search(above.text)):
                out.add(i)
    return out


# who signs a letter or a notice: a name or an office, not the paper (`…日报`)
_SIGNER = regex.compile(r"[\p{Han}·]{2,20}+(?<![报報刊])")
# ... under a line that ends a sentence
_LAST_SENTENCE = regex.compile(r"[。！？!?][”」』’）)]*$")


@rule("L02", "furniture-repeated", "line")
def furniture_repeated(lines: list[Line], edge: int) -> set[int]:
    """A line that comes back near the top or bottom of two or more pages (page numbers aside) is
    a running header or footer, whatever it says: the paper's name, a section name."""
    pages: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            pages[line.page].append(i)
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[int]] = defaultdict(list)
    for page, idx in pages.items():
        for i in idx[:edge] + idx[-edge:]:
            key = _DIGITS.sub("#", lines[i].text)
            if i not in where[key]:
                where[key].append(i)
            seen[key].add(page)
    return {i for key, pgs in seen.items() if len(pgs) >= 2 for i in where[key]}


def _fields_beside(lines: list[Line], found: list[bool], part: list[int], top: bool,
                   bottom: bool, section: regex.Pattern[str] | None) -> set[int]:
    """L08 on a run of consecutive lines `part` (indices of `lines`); `top`, `bottom`: it starts
    or ends the printed page."""
    out: set[int] = set()
    known = [found[i] for i in part]
    changed = True
    while changed:  # a field next to a field found this way: `滨海商报` above `民生`
        changed = False
        for j, i in enumerate(part):
            if known[j] or not _HEADER_FIELD.fullmatch(lines[i].text):
                continue
            before = known[j - 1] if j > 0 else (None if top else False)
            after = known[j + 1] if j + 1 < len(part) else (None if bottom else False)
            # above a footer that runs to the page's end: no headline, its body would follow
            footer = bottom and len(part) - j > 2 and all(known[j + 1:])
            # a section's name right under a field of the header at the page's top, unless the
            # header named its section already: a second one is the kicker of the headline below
            named = (top and before and section is not None and section.fullmatch(lines[i].text)
                     and not _names_a_section([lines[k].text for k, kn in zip(part[:j], known)
                                               if kn], section))
            if ((before and after) or (before is None and after) or (after is None and before)
                    or footer or named):
                known[j] = changed = True
                out.add(i)
    return out


def _names_a_section(header: list[str], section: regex.Pattern[str]) -> bool:
    """One of the header's fields (its lines, cut at their spaces) is a section's name."""
    return any(section.fullmatch(field) for text in header for field in text.split())


# A field of a running header: a paper's or a section's name, a word or two, nothing else.
_HEADER_FIELD = regex.compile(r"[\p{Han}\p{Latin}\d·]{1,10}")


@rule("L08", "furniture-beside-furniture", "line")
def furniture_beside_furniture(lines: list[Line], found: list[bool], edge: int,
                               section: regex.Pattern[str] | None = None) -> set[int]:
    """A running header set field by field puts the paper's name and the section's name
    (`北岸晨报`, `综合新闻`) on lines of their own, next to the date and the edition. A short line
    of one word (no punctuation) is furniture when it stands between two furniture lines, or at
    the very top or bottom of a printed page right beside one: no headline sits there; so is a
    section's name (`patterns.section`: `综合新闻`, `文化`) right under a header line at the top
    of a printed page, whatever follows it (the headline, which a kicker would sit above). `found`
    says which lines the patterns already found to be furniture. Above a footer of several lines
    that runs to the page's end, such a line is furniture too: a headline there would have no
    body after it."""
    out: set[int] = set()
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.text:
            by_page[line.page].append(i)
    reach = 3 * edge  # a running header or footer of fields sits at the page's edge
    for idx in by_page.values():
        # only the lines at the top and at the bottom of the page are looked at: linear time
        parts = [idx] if len(idx) <= 2 * reach else [idx[:reach], idx[-reach:]]
        for part in parts:
            out |= _fields_beside(lines, found, part, part[0] == idx[0], part[-1] == idx[-1],
                                  section)
    return out


@rule("L03", "photo-credit", "line")
def photo_credit(text: str, config: Config) -> bool:
    """A photo credit (`马海龙 摄`, `本报记者 刘可 摄`, `■文/圖：新華社`, `消防救援支队供图`,
    `（圖／讀者提供）`) is attached to an article as a credit, never left inside a paragraph. A
    name set right before the credit word, with no role and no space (`陶然摄`, `黃詩婷攝`), is a
    credit when the name starts with a common surname: a line of body text that ends so is a
    word cut by the column (`…高速摄` / `像机`), which a surname rarely starts."""
    if _found(config, "credit", text):
        return True
    m = _BARE_CREDIT.fullmatch(text) if text.endswith(_CREDIT_WORDS) else None
    if not m:
        return False
    name = m.group(1)
    if name[:2] in config.compound_surnames:
        return len(name) <= 4
    return len(name) <= 3 and name[0] in config.surnames


# a name and the credit word, nothing else: `陶然摄` (only a text that ends with one is asked)
_CREDIT_WORDS = ("摄", "攝", "摄影", "攝影")
_BARE_CREDIT = regex.compile(r"(\p{Han}{2,4})(?:摄|攝|摄影|攝影)")


@rule("L04", "author-line", "line")
def author_line(line: Line, config: Config) -> bool:
    """A line holding only an author (`本报记者 杨丽萍`) is kept as the article's byline block.
    Where the name follows the role without a space (`记者王五`), it must start with a surname:
    `记者探访`, `记者手记` are kickers, not authors. A photographer's line (`图／记者 刘畅`) right
    below a writer's (`文／记者 陈晶`) completes the byline: an author line too, not a credit."""
    if not _found(config, "author", line.text):
        return False
    glued = _GLUED_ROLE.match(line.text)
    if not glued:
        return True
    name = line.text[glued.start(1):]
    return name[0] in config.surnames or name[:2] in config.compound_surnames


# A role written right before a name, with no space between: `记者王五`, `本报通讯员李明`.
_GLUED_ROLE = regex.compile(r"(?:本报|本報|特约|特約)?(?:记者|記者|通讯员|通訊員|评论员|評論員)(\p{Han})")
_PHOTO_BY = regex.compile(r"(?:图|圖|摄影|攝影)\s*[/／]")
_TEXT_BY = regex.compile(r"(?:文|撰文)\s*[/／]")


@rule("L05", "article-opening", "line")
def article_opening(line: Line, config: Config, nxt: Line | None = None) -> bool:
    """A line that starts with an article opening (`本报讯（记者 X）`, `本报北京2月23日电`,
    `新华社…电`, `【本市讯】`, `本報訊`) starts a new paragraph and a new article, spaced out
    character by character or not (`本 報 訊`). So does a line that a narrow column cut inside
    the opening, which the next line `nxt` completes (`中央社台中10月27日` / `電（記者…`)."""
    text = unspaced(line.text)
    if _found(config, "opening", text):
        return True
    return nxt is not None and _wrapped_opening(text, nxt, config)


_OPENING_END = regex.compile(r"[电電讯訊]")
OPENING_MAX = 24  # characters of the longest opening before its 电 or 讯


def _wrapped_opening(text: str, nxt: Line, config: Config) -> bool:
    """`text` is the start of an opening that goes on at the start of `nxt` (which opens no
    article itself: a headline line above a dateline is not the dateline's start)."""
    if len(text) > OPENING_MAX or nxt.blank_before or not _OPENING_END.search(nxt.text[:16]):
        return False
    head = unspaced(nxt.text[:16])
    m = _match(config.opening, text + head)
    return (m is not None and m.end() > len(text)
            and not _found(config, "opening", unspaced(nxt.text)))


@rule("L06", "closing-byline", "line")
def closing_byline(line: Line, config: Config, before: Line | None = None) -> bool:
    """A line that ends with a byline in brackets (`（记者 张弘靓）`) ends its paragraph and its
    article. On a line of its own right after a paragraph's last sentence (some extractors cut
    the printed line where the bracket's font begins), it closes that paragraph; so do the
    writers' names alone (`（李飞云徐乐静）`) on such a line, when the line `before` it ends a
    sentence (read as glued to it: a bracket of names inside a sentence is no byline). Wrapped
    once or twice (`（记者` / `程立` / `新）`), its last line closes it
    (`flow._closing_across_lines`)."""
    text = unspaced(line.text)
    if _found(config, "closing", text):
        return True
    return (before is not None and text[:1] in BYLINE_BRACKETS
            and ends_sentence(before.text, config)
            and _found(config, "closing", before.text.rstrip()[-1:] + text))


@rule("L28", "closing-tag", "line")
def closing_tag(line: Line, config: Config, before: Line | None = None) -> bool:
    """A tag that closes a story (`（完）`, `（新华社电）`, `（附图片）`), on a line of its own or
    after the last sentence, ends its paragraph and its article: the line after it starts anew,
    it does not join the tag; on a line of its own it closes the paragraph above it. Unlike a
    closing byline, it names no author. A narrow column may break the tag: a line that only
    ends the tag the line `before` it opened (`…96%。（附圖` / `片）`) closes so too."""
    if _match(config.closing_tag, line.text) is not None:
        return True
    if before is None or not line.text or BYLINE_BRACKETS[0] in line.text:
        return False
    above = before.text.rstrip()
    m = _match(config.closing_tag, above + line.text)
    return m is not None and m.start() < len(above)


@rule("L07", "article-separator", "line")
def article_separator(line: Line, config: Config) -> bool:
    """A line holding only `* * *` (reflow's own text output) separates two articles; it is set
    aside with the furniture, so that reflowing clean output changes nothing."""
    return config.separator.match(line.text) is not None


_DATELINE_END = regex.compile(r"(?:电|電|讯|訊)\s*[（(][^（）()]*[）)]\s*$")


def dateline_byline(text: str, config: Config) -> bool:
    """The bracket at the line end belongs to a dateline (`本报讯（记者 X）`, `…3日电（记者 X）`,
    maybe wrapped from the line before), not a closing byline."""
    text = unspaced(text)
    opened = _match(config.opening, text)
    return bool(opened and opened.end() >= len(text)) or bool(_DATELINE_END.search(text))


def classify(lines: list[Line], run: Run, memo: LineMemo | None = None) -> None:
    """Set each line's kind and flags, recording why. Rules switched off are not asked.
    `memo`: L01's answers the pre-passes kept, by text."""
    config = run.config
    repeated = (furniture_repeated(lines, config.furniture_edge) if run.on(furniture_repeated)
                else set())
    separator, furniture = run.on(article_separator), run.on(furniture_pattern)
    credit, author = run.on(photo_credit), run.on(author_line)
    opening, closing = run.on(article_opening), run.on(closing_byline)
    tags = run.on(closing_tag)
    by_pattern = [bool(l.text) and furniture and (
        memo.furniture(l) if memo is not None else furniture_pattern(l, config)) for l in lines]
    signed = (dates_inside(lines, by_pattern, config.furniture_edge) if furniture else set())
    for i in signed:
        by_pattern[i] = False
        run.decide(furniture_pattern, (lines[i].no, lines[i].no),
                   "a date inside the page, away from its header and footer: the story's",
                   weak=True)
    found = [p or i in repeated for i, p in enumerate(by_pattern)]
    beside = (furniture_beside_furniture(lines, found, config.furniture_edge, config.section)
              if run.on(furniture_beside_furniture) else set())
    for i in signed:    # a letter's date and its signer above it are no section names either
        above = next((j for j in range(i - 1, -1, -1) if lines[j].text), i)
        beside -= {i, above}

    def note(line: Line, rule: Rule[..., Any], message: str) -> None:
        run.decide(rule, (line.no, line.no), message)

    for i, line in enumerate(lines):
        if not line.text:
            continue
        if line.glyph:  # a glyph of a page written a glyph a line (L47): text, but its header
            line.kind = FURNITURE if line.glyph_part == GLYPH_HEADER else BODY
        elif separator and article_separator(line, config):
            line.kind = SEPARATOR
            note(line, article_separator, "article separator")
        elif by_pattern[i]:
            line.kind = FURNITURE
            note(line, furniture_pattern, f"furniture: {line.text}")
        elif i in repeated:
            line.kind = FURNITURE
            note(line, furniture_repeated, f"furniture (repeated on several pages): {line.text}")
        elif i in beside:
            line.kind = FURNITURE
            note(line, furniture_beside_furniture,
                 f"furniture (beside the running header): {line.text}")
        elif credit and photo_credit(line.text, config):
            line.kind = CREDIT
            note(line, photo_credit, f"photo credit: {line.text}")
        elif author and author_line(line, config):
            line.kind = AUTHOR
            note(line, author_line, f"author line: {line.text}")
        else:
            line.kind = BODY
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if opening and article_opening(line, config, nxt):
                line.opening = True
                note(line, article_opening, "article opening")
            # the byline in brackets that ends an opening line belongs to the opening
            before = lines[i - 1] if i and lines[i - 1].text and not line.blank_before else None
            if (closing and closing_byline(line, config, before)
                    and not dateline_byline(line.text, config)):
                line.closing = True
                note(line, closing_byline, "closing byline")
            elif tags and closing_tag(line, config, before):
                line.closing = True
                note(line, closing_tag, "closing tag: the paragraph and the story end here")
    if author:
        _photographer_in_byline(lines, run)


def _photographer_in_byline(lines: list[Line], run: Run) -> None:
    """`图／记者 刘畅` right below `文／记者 陈晶` completes the byline (text by one, pictures by
    the other): it is read as an author line with it, not as a photo credit (L04)."""
    prev: Line | None = None
    for line in lines:
        if not line.text:
            continue
        if (line.kind == CREDIT and prev is not None and prev.kind == AUTHOR
                and _PHOTO_BY.match(line.text) and _TEXT_BY.match(prev.text)):
            line.kind = AUTHOR
            run.decide(author_line, (line.no, line.no),
                       f"author line (the byline's photographer): {line.text}")
        prev = line
