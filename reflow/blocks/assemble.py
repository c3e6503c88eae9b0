"""Stage 3b, blocks: join the lines of each block into its text, and find standalone lines.

Joining puts nothing between CJK characters, digits or punctuation (`吞吐` + `量`, `2025` + `年`);
two Latin words split across lines get one space; a word hyphenated at the line end is rejoined
without the hyphen only when both halves are letters.
"""
from __future__ import annotations

import regex

from ..config import Config
from ..model import PARAGRAPH, Block, Decision, Edit, Line
from ..registry import rule
from .boundaries import unclosed
from .flow import ends_sentence

_WORD = regex.compile(r"\w")
_LATIN_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.;:!?")


@rule("L20", "space-between-latin-words", "line", examples=[(
    "本报讯（记者 李明）城南\n中学举办了Open Data\nDay活动，邀请同学们用数\n据讲述城市的故事。\n",
    "本报讯（记者 李明）城南中学举办了Open Data Day活动，邀请同学们用数据讲述城市的故事。\n")])
def latin_space(left: str, right: str) -> bool:
    """Two Latin words (or a word and a number, `FRB` + `20240517A`) split across a line break
    get one space between them; a half-width run never breaks inside itself, so the line break
    stood for a space."""
    return (left[-1:] in _LATIN_END and right[:1].isascii() and right[:1].isalnum()
            and not (left[-1:].isdigit() and right[:1].isdigit()))


@rule("L21", "dehyphenate", "line", deletes=True, examples=[(
    "本报讯（记者 李明）会议\n讨论了国际合作，双方代表\n在会上签署了inter-\nnational合作备忘录，并\n发布了联合声明。\n",
    "本报讯（记者 李明）会议讨论了国际合作，双方代表在会上签署了international合作备忘录，并发布了联合声明。\n")])
def dehyphenate(left: str, right: str) -> bool:
    """A word hyphenated at the line end is rejoined without the hyphen, only when both halves are
    letters (`COVID-` + `19` keeps its hyphen)."""
    return (len(left) >= 2 and left[-1] == "-" and left[-2].isascii() and left[-2].isalpha()
            and right[:1].isascii() and right[:1].isalpha())


def join_lines(lines: list[Line], edits: list[Edit]) -> str:
    parts: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text
        if prev is not None and parts:
            left = parts[-1]
            if dehyphenate(left, text):
                parts[-1] = left[:-1]
                edits.append(Edit("L21", (prev.no, line.no), "-", ""))
            elif latin_space(left, text):
                parts.append(" ")
                edits.append(Edit("L20", (prev.no, line.no), "", " "))
        parts.append(text)
        prev = line
    return "".join(parts)


@rule("L16", "headline-like-block", "line", examples=[(
    "山里的学校迎来新操场\n孩子们有了运动的地方\n\n本报讯（记者 李明）山里的学校迎来了新操场。\n",
    "山里的学校迎来新操场\n孩子们有了运动的地方\n\n本报讯（记者 李明）山里的学校迎来了新操场。\n")])
def headline_like(block_lines: list[Line], config: Config) -> bool:
    """A run of lines that never ends a sentence and has no sentence punctuation inside is not a
    paragraph: each of its lines stands alone (headline, kicker, subtitle or subhead)."""
    if ends_sentence(block_lines[-1].text, config) or block_lines[-1].closing:
        return False
    if any(l.opening or l.text.endswith(("，", "、", ",")) for l in block_lines):
        return False  # an article opening or a comma at a line end is body text
    if not all(_WORD.search(l.text) for l in block_lines):
        return False  # a line of marks alone (`“`, `）`, left by OCR) is no headline: it stays text
    if unclosed("".join(l.text for l in block_lines)):
        return False  # a quote or bracket left open goes on in the text (L19)
    return all(("。" not in l.text and "；" not in l.text and l.text.count("，") <= 1
                and l.width <= config.width["max_column"]) for l in block_lines)


_ASKS = regex.compile(r"[？！?!][”’」』]?$")
_SENTENCE_INSIDE = regex.compile(r"[。，；、,;]")


@rule("L23", "question-headline", "line", examples=[(
    "城南小学的操场今年春天完成了翻新，跑道\n换成了塑胶材料，足球场也铺上了新草皮。\n"
    "（李明 王芳）\n调查：你支持学校操场对外开放吗？\n放学以后，不少居民\n希望到学校操场锻炼\n"
    "身体，学校对此意见\n不一，家长们也各有\n各的看法。\n",
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。（李明 王芳）\n\n"
    "* * *\n\n调查：你支持学校操场对外开放吗？\n\n"
    "放学以后，不少居民希望到学校操场锻炼身体，学校对此意见不一，家长们也各有各的看法。\n")])
def question_headline(run: list[Line], before: list[Line] | None, after: list[Line] | None,
                      columns: tuple[int | None, int | None], config: Config) -> bool:
    """A headline may ask or exclaim (`调查：你认可在自动提款机上设置捐赠选项吗？`) and so end like a
    sentence. A line alone between two paragraphs that ends with `？` or `！`, with no other
    sentence punctuation than a kicker's colon, is a headline where an article boundary shows:
    the paragraph before ends with a closing byline, the column width changes across the line,
    or the line is wider than the column after it. Elsewhere (an interview's question between
    its answers) it stays a paragraph. `columns`: the widths before and after the line."""
    if len(run) != 1 or after is None or len(after) < 2:
        return False
    text = run[0].text
    if (not _ASKS.search(text) or _SENTENCE_INSIDE.search(text)
            or text.count("：") + text.count(":") > 1 or unclosed(text)):
        return False
    if before is None or before[-1].closing:
        return True
    col_before, col_after = columns
    slack = config.width["full_slack"]
    if col_before and col_after and abs(col_before - col_after) > 2 * slack:
        return True
    return bool(col_after and run[0].width > col_after + config.width["overhang"])


_KICKER = regex.compile(r"[\p{Han}\p{Latin}\d·“”「」《》 ]{1,12}[：:]")


@rule("L24", "kicker-with-colon", "line", examples=[(
    "城南小学的操场今年春天完成了翻新。\n王校长：\n操场要让孩子们跑起来\n"
    "本报讯（记者 李明）城南小学的操场今年春天完成了翻新，孩子们有了运动的地方。\n",
    "城南小学的操场今年春天完成了翻新。\n\n* * *\n\n王校长：\n操场要让孩子们跑起来\n\n"
    "本报讯（记者 李明）城南小学的操场今年春天完成了翻新，孩子们有了运动的地方。\n")])
def kicker_with_colon(run: list[Line], after: list[Line] | None, config: Config) -> bool:
    """A kicker may end with a colon, the speaker of the title below it (`徐大發：`): a short
    line of a few words and that colon, alone, above a line that stands alone as a headline, is
    no sentence's end but part of the headline group."""
    return (len(run) == 1 and bool(_KICKER.fullmatch(run[0].text)) and after is not None
            and headline_like(after, config))


def assemble(flow_lines: list[Line], breaks: list[bool], config: Config,
             edits: list[Edit], decisions: list[Decision],
             columns: dict[int, tuple[int | None, int | None]] | None = None,
             off: frozenset[str] = frozenset()) -> list[Block]:
    """Cut the flow at the breaks into blocks, split headline-like blocks into standalone lines.
    `columns` (input line -> column widths before and after it) lets a question or exclamation
    at an article boundary stand alone as a headline (L23)."""
    runs: list[list[Line]] = []
    for line, brk in zip(flow_lines, breaks):
        if brk or not runs:
            runs.append([line])
        else:
            runs[-1].append(line)
    blocks: list[Block] = []
    for k, run in enumerate(runs):
        if columns is not None and question_headline(
                run, runs[k - 1] if k else None, runs[k + 1] if k + 1 < len(runs) else None,
                (columns[runs[k - 1][-1].no][0] if k else None,
                 columns[runs[k + 1][0].no][1] if k + 1 < len(runs) else None), config):
            decisions.append(Decision("L23", (run[0].no, run[0].no),
                                      "a question or exclamation at an article boundary: headline"))
            blocks.append(Block(PARAGRAPH, run, run[0].text, standalone=True))
        elif "L24" not in off and kicker_with_colon(
                run, runs[k + 1] if k + 1 < len(runs) else None, config):
            decisions.append(Decision("L24", (run[0].no, run[0].no),
                                      "a kicker ending with a colon above a headline"))
            blocks.append(Block(PARAGRAPH, run, run[0].text, standalone=True))
        elif headline_like(run, config):
            if len(run) > 1:
                decisions.append(Decision("L16", (run[0].no, run[-1].no),
                                          "lines that never end a sentence stand alone"))
            for line in run:
                blocks.append(Block(PARAGRAPH, [line], line.text, standalone=True))
        else:
            blocks.append(Block(PARAGRAPH, run, join_lines(run, edits)))
    return _join_headline_tails(blocks, decisions) if "L30" not in off else blocks


_TAIL = regex.compile(r"\w{1,2}")


@rule("L30", "headline-tail", "line", examples=[(
    "城东的老桥今天恢复通车，居民们说出行方便多了。\n山里的学校迎来了新操场和新的图书\n室\n"
    "城南小学的操场今年春天完成了翻\n新，跑道换成了塑胶材料，足球场\n也铺上了新草皮。\n",
    "城东的老桥今天恢复通车，居民们说出行方便多了。\n\n山里的学校迎来了新操场和新的图书室\n\n"
    "城南小学的操场今年春天完成了翻新，跑道换成了塑胶材料，足球场也铺上了新草皮。\n")])
def _join_headline_tails(blocks: list[Block], decisions: list[Decision]) -> list[Block]:
    """A headline that wraps can leave one or two characters on a line of their own (`紅粉筆河南
    站—在千年古縣留下熱愛的足` / `跡`): no headline line is that short, so the tail joins the line
    above it, which stands alone, into one headline."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is not None and prev.standalone and b.standalone and len(b.lines) == 1
                and len(prev.lines) == 1 and _TAIL.fullmatch(b.text) and len(prev.text) >= 6
                and not b.lines[0].blank_before and prev.last < b.first):
            out[-1] = Block(PARAGRAPH, prev.lines + b.lines, prev.text + b.text, standalone=True)
            decisions.append(Decision("L30", (prev.first, b.first),
                                      "the wrapped tail of a headline joins it"))
        else:
            out.append(b)
    return out
