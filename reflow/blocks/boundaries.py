"""Stage 3a, line rules that join or break: where does a paragraph end?

A blank line, a page break or a running header inside a sentence is a break in the layout, not a
paragraph end. Paragraph ends come from evidence: a short last line, the end of a sentence, the
next line's lost indent, a blank line after a finished sentence. Each piece of evidence is a rule;
`find_breaks` asks them in order of strength.
"""
from __future__ import annotations

import regex

from ..config import Config
from ..model import Decision, Line
from ..registry import rule
from .flow import (INNER_PUNCT, Flow, fills, indent_drop, is_first_line, is_short, slack)


@rule("L10", "join-wrapped-line", "line", examples=[(
    "开发区物流园项目今天\n正式开工，建成后可实现年\n货物吞吐量达到一百六十万\n\n吨，服务半径覆盖周边三个\n省份，带动相关产业就业三\n百人。\n",
    "开发区物流园项目今天正式开工，建成后可实现年货物吞吐量达到一百六十万吨，服务半径覆盖周边三个省份，带动相关产业就业三百人。\n")])
def continues(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A line that does not end a sentence goes on in the next line, across blank lines, page
    breaks and furniture, when both fit one column: the line is full (or is a paragraph's first
    line) and the next line is full or ends the sentence."""
    a, b = flow.lines[i - 1], flow.lines[i]
    w = config.width
    if a.width > w["max_column"] or b.width > w["max_column"]:
        return not b.blank_before
    col_a, col_b = flow.before[i - 1], flow.after[i]
    columns = {c for c in (col_a, flow.before[i], flow.after[i - 1], col_b) if c is not None}
    if not columns:
        # too few lines to see a column: a wrapped line is at least as wide as the next one
        return not b.blank_before and flow.reach[i - 1] >= flow.room(i) - w["full_slack"]

    def b_fits(c: int | None) -> bool:
        return fills(flow, i, c, config) or (
            c is not None and flow.ends[i] and flow.room(i) <= c + w["overhang"])

    def a_fits(c: int | None) -> bool:
        return fills(flow, i - 1, c, config) or (
            starts_block and is_first_line(flow.lead(i - 1), c, config))

    if any(a_fits(c) and b_fits(c) for c in columns):
        return True
    # a full line that stops mid-sentence goes on where the next line shows no column of its own
    # yet (a column of another width, too few lines to measure): unless that line is a headline
    if (col_b is None and fills(flow, i - 1, col_a, config)
            and (flow.ends[i] or INNER_PUNCT.search(b.text))):
        return True
    # body text (a comma inside) wider than every column seen: its own column, not yet measured
    if INNER_PUNCT.search(a.text) and all(a.width > c + w["overhang"] for c in columns):
        return b_fits(flow.reach[i - 1])
    # or the paragraph moves on to a column of another width: body text, which a stack of
    # headlines (no punctuation in them) is not
    prev = flow.lines[i - 2].text if i >= 2 and not starts_block else ""
    return (a_fits(col_a) and b_fits(col_b)
            and bool(INNER_PUNCT.search(a.text) or INNER_PUNCT.search(prev)))


@rule("L25", "short-tail", "line", examples=[(
    "城南小学操场翻新\n先来看看，翻新以后的操场，孩子们\n最喜欢的地方\n跑道换成了塑胶材料，足球场也铺\n"
    "上了新草皮，看台还加了遮阳的顶\n棚，孩子们下课后都爱来这里奔跑。\n老师们说，学校的体育课从此可\n以安心上了。\n",
    "城南小学操场翻新\n\n先来看看，翻新以后的操场，孩子们最喜欢的地方\n\n"
    "跑道换成了塑胶材料，足球场也铺上了新草皮，看台还加了遮阳的顶棚，孩子们下课后都爱来这里奔跑。"
    "老师们说，学校的体育课从此可以安心上了。\n")])
def short_tail(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A full line of body text (sentence punctuation inside) that stops in mid-sentence goes on
    in the next line, even when that line is short and ends no sentence (`日夜两班` / `的加紧`):
    the tail of a sentence is no headline, and no headline follows a sentence cut in two. A
    paragraph's first line, short by its lost indent, is as good as full."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if b.blank_before or b.opening or flow.hard[i]:
        return False
    if not ("。" in a.text or "；" in a.text or a.text.count("，") + a.text.count("、") > 1):
        return False  # a comma or none: it may be a headline (L16), which stands alone
    return any(fills(flow, i - 1, c, config)
               or (starts_block and is_first_line(flow.lead(i - 1), c, config))
               for c in (flow.before[i - 1], flow.after[i - 1]))


@rule("L26", "headline-over-narrow-column", "line", examples=[(
    "城东的老桥今年春天完成加固，\n车辆也已经恢复通行，居民们说\n他们终于不用再绕远路上班了，\n"
    "桥头又热闹了起来。\n走进园区\n新厂房里的春天来了，产业园开门迎客\n首批十家企业已入驻，年底前全部达产\n"
    "产业园新建的厂房\n今天正式投入使用，首批\n入驻的十家企业已经开始\n试生产，预计年底前全部\n达产。\n",
    "城东的老桥今年春天完成加固，车辆也已经恢复通行，居民们说他们终于不用再绕远路上班了，桥头又热闹了起来。"
    "\n\n* * *\n\n走进园区\n新厂房里的春天来了，产业园开门迎客\n首批十家企业已入驻，年底前全部达产\n\n"
    "产业园新建的厂房今天正式投入使用，首批入驻的十家企业已经开始试生产，预计年底前全部达产。\n")])
def over_narrow_column(flow: Flow, i: int, config: Config, block_start: int) -> bool:
    """A line that ends no sentence and is wider than the column below it, where the line below
    is a paragraph's first line (short by its lost indent), is not that paragraph's beginning:
    it spans the columns of its story, as a headline does (`条件差但省了房租，公寓太挤没法安家`
    above a column of thirteen characters), and so are the lines of its block before it. Never
    join a headline line into a paragraph."""
    col_b = flow.after[i]
    if flow.ends[i] or col_b is None or i - block_start > 3:
        return False
    if len(_WORDS.findall(flow.lines[i].text)) < 4:
        return False  # a fragment (`（化名）`) is no first line to measure by

    def headline_wide(k: int) -> bool:
        line = flow.lines[k]
        return not (flow.ends[k] or line.opening or inside_sentence(flow, k)
                    or _SENTENCE_INSIDE.search(line.text) or line.text.count("，") > 1
                    or flow.room(k) <= col_b + config.width["overhang"])

    # every line of the block so far is such a line: not a paragraph whose column narrows
    return (all(headline_wide(k) for k in range(block_start, i))
            and is_first_line(flow.core(i), col_b, config))


@rule("L27", "short-line-before-headline", "line", examples=[(
    "老师们说，学校的体育课从此可以安\n心上了，孩子们也更爱运动了，学校\n还要开设三门新的体育课，分别是\n"
    "足球、篮球和游泳\n第一周\n每天下午一节足球课\n足球课由退休的体育老师来上，孩子\n"
    "们可以自愿报名，名额不限，学校还\n为每个班准备了新足球。\n",
    "老师们说，学校的体育课从此可以安心上了，孩子们也更爱运动了，学校还要开设三门新的体育课，"
    "分别是足球、篮球和游泳\n\n第一周\n\n每天下午一节足球课\n\n"
    "足球课由退休的体育老师来上，孩子们可以自愿报名，名额不限，学校还为每个班准备了新足球。\n")])
def short_before_headline(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """The last line of a paragraph of body text, clearly shorter than its column (even than a
    paragraph's first line), ends the paragraph though it ends no sentence (a lead-in to a
    list: `划分出4种处理办法`), when the next line is as short and holds no punctuation at all:
    that line is a subhead, never joined into the paragraph above."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if (starts_block or i < 2 or flow.ends[i - 1] or flow.ends[i] or a.opening or b.opening
            or inside_sentence(flow, i - 1)):
        return False
    # the paragraph's column, from the line before `a`, and the column from `b` on: both
    # must show the two lines short (where the column narrows, a full line looks short)
    columns = [c for c in (flow.before[i - 2], flow.after[i]) if c is not None]
    if not columns or INNER_PUNCT.search(b.text) or len(_WORDS.findall(b.text)) < 2:
        return False  # a line of marks alone (`．`) is no headline
    return all(flow.reach[i - 1] < c - indent_drop(c, config)
               and flow.room(i) < c - indent_drop(c, config) for c in columns)


@rule("L29", "title-above-credit", "line", examples=[(
    "城东的老桥今天恢复通车，居民们说出行方便多了。\n山里的学校迎来新操场\n新华社发\n"
    "城南小学的操场今年春天完成了翻新，跑道\n换成了塑胶材料，足球场也铺上了新草皮。\n",
    "城东的老桥今天恢复通车，居民们说出行方便多了。\n\n* * *\n\n山里的学校迎来新操场\n\n"
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。\n\n新华社发\n")])
def title_above_credit(flow: Flow, i: int) -> bool:
    """A line that starts a block, ends no sentence and holds no punctuation, with a photo credit
    between it and the next line, is a title over its photo (`甘肃1197名山里娃有望穿上新鞋` /
    `新华社发`): the text below does not go on from it."""
    a = flow.lines[i - 1]
    return flow.credit_before[i] and not flow.ends[i - 1] and not INNER_PUNCT.search(a.text)


_OPENING_MARKS = frozenset("“‘（《「『【〔")


@rule("L31", "split-printed-line", "line", examples=[(
    "北岸社区的图书室今年完成了改造，新\n添了两千册图书和十台电脑，居民借\n阅更方便了。"
    "社区主任王芳说：\n“今年还\n要开设阅读课程，每周六下午举行，\n欢迎居民报名。”\n",
    "北岸社区的图书室今年完成了改造，新添了两千册图书和十台电脑，居民借阅更方便了。"
    "社区主任王芳说：“今年还要开设阅读课程，每周六下午举行，欢迎居民报名。”\n")])
def split_printed_line(flow: Flow, i: int, config: Config) -> bool:
    """Some extractors (`pdftotext -raw` on some PDFs) break a printed line where a quote or a
    bracket begins (`理史蒂夫b兰普夏说：` / `“去年全英有2`): two lines that together fill the
    column, the second short and opening with a quote or bracket, are one printed line. (A new
    paragraph that opens with a quote fills its first line.)"""
    a, b = flow.lines[i - 1], flow.lines[i]
    if b.text[:1] not in _OPENING_MARKS or b.blank_before or b.opening or flow.hard[i]:
        return False
    if flow.ends[i - 1] and not a.text.endswith(("：", ":")) and not (
            i + 1 < len(flow.lines) and not flow.lines[i + 1].blank_before
            and not flow.credit_before[i + 1] and not flow.hard[i + 1]
            and fills(flow, i + 1, flow.column_of(i + 1), config)):
        return False  # after a finished sentence, a headline may open with a quote: only a
        # full line after the short one shows the printed line goes on
    for c in (flow.before[i - 1], flow.after[i]):
        if c is None:
            continue
        both = flow.room(i - 1) + flow.room(i)
        if (c - slack(config) <= both <= c + config.width["overhang"]
                and flow.room(i) < c - indent_drop(c, config)):
            return True
    return False


@rule("L11", "short-last-line", "line", examples=[(
    "城南小学的操场今年春\n天完成了翻新，跑道换成了\n塑胶材料，足球场也铺上了\n新草皮。\n孩子们下课后在操场上\n奔跑，老师们说，学校的体\n育课从此可以安心上了。\n",
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。\n\n孩子们下课后在操场上奔跑，老师们说，学校的体育课从此可以安心上了。\n")])
def short_last_line(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A line that ends a sentence and is clearly shorter than its column ends its paragraph
    (where the column width changes, shorter than both columns) -- unless it is as wide as a
    paragraph's first line and a full line follows: then a sentence just ended at its end."""
    # at a change of column width the line may belong to either column: short in both
    # the paragraph's column, from the line before `a` when `a` goes on from it: the short
    # lines around here would pass for a narrow column of their own
    around = (flow.before[i - 2],) if not starts_block and i >= 2 else (
        flow.before[i - 1], flow.after[i - 1])
    columns = [c for c in around if c is not None]
    if not columns or not all(is_short(flow.reach[i - 1], c, config) for c in columns):
        return False
    # a paragraph's first line that happens to end a sentence, followed by a full line
    return not (starts_block and any(is_first_line(flow.lead(i - 1), c, config) for c in columns)
                and fills(flow, i, flow.column_of(i), config))


@rule("L12", "lost-indent", "line", examples=[(
    "下一步，开发区将持续\n优化营商环境，力争再引进\n一批产业项目，更好发挥主\n引擎作用，服务全市发展。\n同时，继续把稳就业放\n在工作首位，在强政策、优\n服务方面持续发力。\n",
    "下一步，开发区将持续优化营商环境，力争再引进一批产业项目，更好发挥主引擎作用，服务全市发展。\n\n同时，继续把稳就业放在工作首位，在强政策、优服务方面持续发力。\n")])
def lost_indent(flow: Flow, i: int, config: Config) -> bool:
    """After a line that ends a sentence, a line about two characters shorter than its column is
    the first line of a new paragraph whose indent was lost in copying. (A short line that itself
    ends a sentence is rather the paragraph's last line.)"""
    a, b = flow.lines[i - 1], flow.lines[i]
    if a.text.endswith(("：", ":")) and b.text.startswith(("“", "「", "『", "‘")):
        return False  # 他说：/“……” -- the quote goes on after the colon
    # a colon at the end of a first line introduces what the next line goes on with
    opens = not flow.ends[i] or b.text.endswith(("：", ":"))
    return opens and is_first_line(flow.core(i), flow.column_of(i), config)


@rule("L13", "blank-after-sentence", "line", examples=[(
    "项目建成后，预计可\n实现年产值七亿元，带动上\n下游企业协同发展，形成产\n业集群效应，造福一方百姓。\n\n招聘会现场设有政策\n咨询区，为求职者提供就业\n援助、技能培训等服务。\n",
    "项目建成后，预计可实现年产值七亿元，带动上下游企业协同发展，形成产业集群效应，造福一方百姓。\n\n招聘会现场设有政策咨询区，为求职者提供就业援助、技能培训等服务。\n")])
def blank_after_sentence(flow: Flow, i: int, config: Config) -> bool:
    """A blank line (or page break) after a finished sentence ends the paragraph, unless the next
    line is a full line of its column, which only a paragraph that goes on can have -- and a
    finished line alone between two gaps is a whole paragraph, since columns are taller."""
    a, b = flow.lines[i - 1], flow.lines[i]
    if not b.blank_before:
        return False
    # a line alone between two empty lines is a whole paragraph: columns are taller than that
    return a.blank_before or not fills(flow, i, flow.column_of(i),
                                       config, core=True)


@rule("L14", "indented-line", "line", examples=[(
    "　　山里的学校迎来了新操\n场，孩子们有了运动的地方。\n　　老师们说，学校的体育\n课从此可以安心上了。\n",
    "山里的学校迎来了新操场，孩子们有了运动的地方。\n\n老师们说，学校的体育课从此可以安心上了。\n")])
def indented_line(flow: Flow, i: int, config: Config) -> bool:
    """Where the page kept its paragraph indents (only some lines are indented), an indented line
    starts a new paragraph."""
    return flow.indents_mean_paragraphs and 2 <= flow.lines[i].indent


@rule("L15", "short-line-stands-alone", "line", examples=[(
    "开发区召开全年工作会\n议，部署经济发展任务，确\n保各项目标顺利完成，务求\n取得实效，不负群众期待。\n新春第一会\n开发区今年新签约项目\n超过三十个，总投资额再创\n新高，产业结构持续优化。\n",
    "开发区召开全年工作会议，部署经济发展任务，确保各项目标顺利完成，务求取得实效，不负群众期待。\n\n新春第一会\n\n开发区今年新签约项目超过三十个，总投资额再创新高，产业结构持续优化。\n")])
def short_line_stands_alone(flow: Flow, i: int, config: Config) -> bool:
    """After a finished sentence, a line clearly shorter than a paragraph's first line that does
    not end a sentence is neither a paragraph's first nor last line: it stands alone (a headline,
    kicker or subhead)."""
    b = flow.lines[i]
    column = flow.column_of(i)
    return (column is not None and flow.room(i) < column - indent_drop(column, config)
            and not flow.ends[i])


@rule("L17", "sentence-end-at-line-end", "line", examples=[(
    "北城社区的图书室今年\n完成了改造，新添了两千册\n图书和十台电脑，居民借阅\n更方便了。社区还开设了阅\n读课程，每周六下午举行。\n课程邀请退休教师授课，内\n容涵盖书法、历史和科普知\n识，很受居民欢迎。\n",
    "北城社区的图书室今年完成了改造，新添了两千册图书和十台电脑，居民借阅更方便了。社区还开设了阅读课程，每周六下午举行。课程邀请退休教师授课，内容涵盖书法、历史和科普知识，很受居民欢迎。\n")])
def sentence_end_goes_on(flow: Flow, i: int, config: Config, starts_block: bool) -> bool:
    """A sentence may end exactly at the end of a full line (or of a paragraph's first line) with
    the paragraph going on: it continues when the next line fills the same column, or ends the
    paragraph as its last line. Lines of different columns are different blocks."""
    b = flow.lines[i]
    col_a = flow.before[i - 1] or flow.after[i - 1]
    col_b = flow.column_of(i)
    a_fits = fills(flow, i - 1, col_a, config) or (
        starts_block and is_first_line(flow.lead(i - 1), col_a, config))
    if not a_fits or col_b is None:
        return False
    return fills(flow, i, col_b, config) or (
        flow.ends[i] and flow.room(i) <= col_b + config.width["overhang"])


@rule("L19", "comma-at-line-end", "line", examples=[(
    "本报讯（记者 吕航）今\n天上午8时，地铁4号线一期工程正式开通初期运营，本市轨道交\n通运营里程达到136.8公里。\n",
    "本报讯（记者 吕航）今天上午8时，地铁4号线一期工程正式开通初期运营，本市轨道交通运营里程达到136.8公里。\n")])
def inside_sentence(flow: Flow, i: int) -> bool:
    """A line that ends with a comma, opens an article, leaves a bracket or quote open, or carries
    a paragraph indent (where the page keeps them) is body text inside a sentence whatever its
    width: the next line goes on with it. A headline neither opens with a dateline nor ends with a comma, and a centred one
    is indented further. This holds where the column changes right after the line."""
    line = flow.lines[i]
    return (line.opening or line.text.endswith(("，", "、", ","))
            or (flow.indents_mean_paragraphs and 2 <= line.indent <= 8)
            or unclosed(line.text))


_OPENERS, _CLOSERS = regex.compile("[（《「『“【〔]"), regex.compile("[）》」』”】〕]")
_CLOSING_MARKS = frozenset("，。、；：？！）》」』”’】〕…")


@rule("L22", "closing-mark-starts-no-line", "line", examples=[(
    "城南小学的操场今年春\n天完成了翻新，跑道换成了\n塑胶材料，足球场也铺上了\n新草皮\n。\n",
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。\n")])
def starts_with_closing_mark(line: Line) -> bool:
    """No line of a typeset page starts with a closing mark (kinsoku), so a line that does, such
    as a lone `。` left by OCR, belongs to the line before it."""
    return line.text[:1] in _CLOSING_MARKS


_WORDS = regex.compile(r"\w")


def tag_alone(line: Line, config: Config) -> bool:
    """The line is a closing tag (`（完）`, L28) and nothing else: it closes the paragraph above."""
    found = (p.search(line.text) for p in config.closing_tag)
    return any(m is not None and m.start() == 0 for m in found)


def unclosed(text: str) -> bool:
    """The line opens a bracket or quote it does not close: what is inside goes on."""
    return len(_OPENERS.findall(text)) > len(_CLOSERS.findall(text))


@rule("L18", "blank-lines-separate-blocks", "line", examples=[(
    "城南小学举办读书节\n\n城南小学今天举办第三届读书节，全校师生参加。\n\n读书节共设五个展区。\n\n学生们分享了各自喜爱的书。\n",
    "城南小学举办读书节\n\n城南小学今天举办第三届读书节，全校师生参加。\n\n读书节共设五个展区。\n\n学生们分享了各自喜爱的书。\n")])
def blanks_separate_blocks(flow: Flow, config: Config) -> bool:
    """On a page where no empty line falls inside a sentence (clean text, or a page that marks
    every paragraph with an empty line and no column break with one), every empty line separates
    two blocks, whatever the widths around it say."""
    gaps = 0
    for i in range(1, len(flow.lines)):
        if not flow.empty_before[i]:
            continue
        gaps += 1
        a = flow.lines[i - 1]
        if flow.ends[i - 1]:
            continue
        # a line that stops mid-sentence is body text, not a headline, when it or the line it
        # continues has a comma inside
        prev = flow.lines[i - 2] if i >= 2 and not flow.lines[i - 1].blank_before else None
        if inside_sentence(flow, i - 1) or INNER_PUNCT.search(a.text[:-1]) or (
                prev is not None and not flow.ends[i - 2] and INNER_PUNCT.search(prev.text)):
            return False
    return gaps >= 2


_SENTENCE_INSIDE = regex.compile(r"[。！？；!?;]")


def _body_text(flow: Flow, i: int, block_is_body: bool, starts_block: bool) -> bool:
    """Whether the block that line i belongs to (so far) is body text, not a headline: a line
    of it is inside a sentence, or ends one in its middle (no headline does), or -- past its
    first line, since a headline may hold a comma -- has a comma inside."""
    text = flow.lines[i].text[:-1]
    return (block_is_body or inside_sentence(flow, i) or bool(_SENTENCE_INSIDE.search(text))
            or (not starts_block and bool(INNER_PUNCT.search(text))))


def _headlines_ahead(flow: Flow, config: Config) -> list[bool]:
    """For each line: it and the lines that directly follow it (no gap, no opening) hold no
    punctuation and end no sentence -- a headline, not the rest of a paragraph."""
    n = len(flow.lines)
    ahead = [False] * n
    for i in range(n - 1, -1, -1):
        line = flow.lines[i]
        if flow.ends[i] or INNER_PUNCT.search(line.text):
            continue
        nxt = flow.lines[i + 1] if i + 1 < n else None
        chained = nxt is not None and not (nxt.blank_before or nxt.opening or flow.hard[i + 1])
        ahead[i] = not chained or (ahead[i + 1] and nxt is not None and not starts_with_closing_mark(nxt))
    return ahead


def find_breaks(flow: Flow, config: Config, decisions: list[Decision],
                off: frozenset[str] = frozenset()) -> list[bool]:
    """For each body line, whether a new block starts at it. Records one decision per line pair.
    Rules in `off` were switched off (`ignore`): they are not asked."""
    n = len(flow.lines)
    breaks = [True] * n
    starts_block = True
    blanks_separate = blanks_separate_blocks(flow, config)
    body = bool(flow.lines) and _body_text(flow, 0, False, True)
    headline_ahead = _headlines_ahead(flow, config)
    block_start = 0

    def on(rule_id: str) -> bool:
        return rule_id not in off

    def decide(i: int, brk: bool, rule_id: str, message: str, weak: bool = False) -> None:
        a, b = flow.lines[i - 1], flow.lines[i]
        breaks[i] = brk
        decisions.append(Decision(rule_id, (a.no, b.no), message, weak))

    for i in range(1, n):
        a, b = flow.lines[i - 1], flow.lines[i]
        if flow.hard[i]:
            decide(i, True, "L07", "break: article separator or author line between")
        elif on("L05") and b.opening:
            decide(i, True, "L05", "break: the next line opens an article")
        elif on("L06") and a.closing:
            decide(i, True, "L06", "break: closing byline ends the paragraph")
        elif on("L06") and a.byline_head:
            decide(i, False, "L06", "join: the closing byline goes on in the next line")
        elif on("L28") and b.closing and tag_alone(b, config) and not a.closing:
            decide(i, False, "L28", "join: a closing tag on a line of its own closes the "
                   "paragraph above")
        elif on("L31") and split_printed_line(flow, i, config):
            decide(i, False, "L31", "join: the two lines make one printed line, split where a "
                   "quote or bracket begins")
        elif on("L22") and starts_with_closing_mark(b) and not (b.blank_before and not flow.measured(i)):
            decide(i, False, "L22", "join: a line cannot start with a closing mark")
        elif on("L29") and starts_block and title_above_credit(flow, i):
            decide(i, True, "L29", "break: a title stands above a photo credit")
        elif on("L27") and short_before_headline(flow, i, config, starts_block):
            decide(i, True, "L27", "break: a short line ends its paragraph, a headline line "
                   "follows")
        elif on("L26") and over_narrow_column(flow, i, config, block_start):
            decide(i, True, "L26", "break: a line wider than the column below, above a "
                   "paragraph's first line, is a headline")
        elif on("L19") and not flow.ends[i - 1] and (inside_sentence(flow, i - 1) or (
                body and not headline_ahead[i] and not (b.blank_before and not flow.measured(i)))):
            # body text that stops mid-sentence goes on, whatever the next line's indent says,
            # unless the next line looks like a headline (no punctuation in it at all), or a
            # blank line comes between where no column shows that the line is a full one
            decide(i, False, "L19", "join: the line stops inside a sentence")
        elif on("L14") and indented_line(flow, i, config):
            decide(i, True, "L14", "break: indented line starts a paragraph")
        elif on("L18") and blanks_separate and flow.empty_before[i]:
            decide(i, True, "L18", "break: empty lines separate blocks on this page")
        elif not flow.ends[i - 1]:
            if on("L10") and continues(flow, i, config, starts_block):
                decide(i, False, "L10", "join: the sentence goes on" +
                       (" across a gap" if b.blank_before else ""))
            elif on("L25") and short_tail(flow, i, config, starts_block):
                decide(i, False, "L25", "join: a full line of body text stops mid-sentence, "
                       "the short line after it is the sentence's tail")
            else:
                decide(i, True, "L10", "break: the next line does not fit the column, "
                       "so this line stands alone")
        elif on("L11") and short_last_line(flow, i, config, starts_block):
            decide(i, True, "L11", "break: short line ends a sentence")
        elif on("L13") and blank_after_sentence(flow, i, config):
            decide(i, True, "L13", "break: blank line after a finished sentence")
        elif on("L12") and lost_indent(flow, i, config):
            decide(i, True, "L12", "break: the next line lost its indent")
        elif on("L15") and short_line_stands_alone(flow, i, config):
            decide(i, True, "L15", "break: short line that does not end a sentence")
        elif b.width > config.width["max_column"] or a.width > config.width["max_column"]:
            decide(i, True, "L13", "break: unwrapped lines are whole paragraphs")
        elif on("L17") and sentence_end_goes_on(flow, i, config, starts_block):
            decide(i, False, "L17", "join: a full line ended a sentence, the paragraph goes on",
                   weak=True)
        else:
            decide(i, True, "L17", "break: nothing shows the paragraph goes on", weak=True)
        starts_block = breaks[i]
        if starts_block:
            block_start = i
        # a sentence end joined into the block (a ended one, b goes on) is inside it now
        body = _body_text(flow, i, not starts_block and (body or flow.ends[i - 1]),
                          starts_block)
    return breaks
