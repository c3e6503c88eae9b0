"""Properties of the engine on generated pages (hypothesis).

(a) any Unicode text goes through without an exception, and the conservation check holds;
(b) on newspaper-like text, every Han character of the input is in the JSON output;
(c) the text output reads back unchanged, reflow_text(reflow_text(page)) == reflow_text(page),
    on nearly every page (a measured share), and on every page hypothesis found unstable once;
(d) the inline rules, alone or all together, change nothing when applied a second time;
(e) on the page simulator's layouts: conservation, and formatting twice changes nothing.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import reflow
from reflow import config as config_module
from reflow.inline.apply import apply_rules
from accounting import declared_changes, nonspace, output_parts
from simulator import load_articles, simulate

ARTICLES = load_articles()

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])

FULLWIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))            # ！ to ～
CJK_PUNCT = "，。、；：？！…—“”‘’（）《》【】「」『』〔〕·"
HAN = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
       "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立"
       "代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保"
       "治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空"
       "元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维"
       "划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


def han(text: str) -> Counter[str]:
    return Counter(c for c in text if unicodedata.category(c) == "Lo")


# --- (a) arbitrary Unicode ------------------------------------------------------------------------

SPECIAL = (
    list("\f\r\n\t \u3000\u00a0\u2009\u202f\u200b\u2028\u0085\x0b\x1c")
    + list(FULLWIDTH)
    + list(CJK_PUNCT)
    + list(HAN[:60])
)
any_text = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(SPECIAL)),
    max_size=300)


@settings(max_examples=300, **SETTINGS)
@given(any_text)
def test_any_unicode_text_goes_through(text):
    page = reflow.analyze(text)                # raises ConservationError if anything is lost
    removed, added = declared_changes(page)
    assert nonspace("".join(output_parts(page.to_dict()))) == nonspace(text) - removed + added
    for fmt in ("text", "markdown", "json", "jsonl"):
        assert isinstance(reflow.render(page, fmt), str)


def formatted_twice(text: str) -> str:
    """What format_text writes for `text`; asserts that formatting that again changes nothing."""
    try:
        out = reflow.format_text(text)
    except reflow.NothingChanged:
        out = text
    with pytest.raises(reflow.NothingChanged):
        reflow.format_text(out)
    return out


@settings(max_examples=300, **SETTINGS)
@given(any_text)
def test_formatting_any_text_twice_changes_nothing(text):
    """format_text (-i, --check, editors, hooks) settles: its output is left as it is. A single
    reflow_text pass is idempotent on newspaper-like pages (below, and the simulator's layouts)."""
    out = formatted_twice(text)
    assert nonspace(out) == nonspace(reflow.reflow_text(text))


# --- generated newspaper-like pages ---------------------------------------------------------------

han_word = st.text(alphabet=st.sampled_from(HAN), min_size=1, max_size=6)
latin_word = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}", fullmatch=True)
number = st.one_of(st.integers(0, 100_000).map(str), st.decimals(0, 1000, places=1).map(str))
space = st.sampled_from(["", "", "", " ", "  ", "\u3000", "\t"])
mark = st.sampled_from(list("，，，、；：") + ["“", "”", "（", "）", "《", "》"])
end = st.sampled_from(["。", "。", "。", "！", "？", "；", "。”", "……"])


@st.composite
def sentence(draw) -> str:
    """Han words, with numbers, Latin words and inner punctuation between them, and a final mark."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 9))
        if kind <= 5:
            pieces.append(draw(han_word))
        elif kind == 6:
            pieces.append(draw(space) + draw(number) + draw(space))
        elif kind == 7:
            pieces.append(draw(space) + draw(latin_word) + draw(space))
        else:
            pieces.append(draw(mark))
    return "".join(pieces) + draw(end)


special_line = st.one_of(
    st.builds(
        lambda a, b: f"{a}{b} 摄",
        st.sampled_from("王李张刘陈"),
        st.text(st.sampled_from(HAN), min_size=1, max_size=2),
    ),
    st.builds(lambda n: f"第 {n} 版", st.integers(1, 24)),
    st.builds(
        lambda a, b: f"本报讯（记者 {a}{b}）",
        st.sampled_from("王李张刘陈"),
        st.sampled_from("明芳强丽"),
    ),
    st.just("* * *"),
    st.builds(lambda w: w, han_word),  # a short standalone line
)


@st.composite
def page_text(draw) -> str:
    """Paragraphs of sentences, hard-wrapped at a random column (or not at all), with blank lines,
    indents, headline-like short lines, credits, furniture, separators and page breaks among them.
    """
    width = draw(st.sampled_from([10, 14, 18, 25, 40, 1000]))
    out: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(special_line))
        paragraph = "".join(draw(st.lists(sentence(), min_size=1, max_size=5)))
        if draw(st.booleans()):
            paragraph = draw(st.sampled_from(["\u3000\u3000", "  ", "    "])) + paragraph
        jitter = draw(st.lists(st.integers(-2, 2), min_size=1, max_size=8))
        i = k = 0
        while i < len(paragraph):
            step = max(1, width + jitter[k % len(jitter)])
            out.append(paragraph[i:i + step])
            i, k = i + step, k + 1
        gap = draw(st.sampled_from(["", "", "\n", "\f", "\n\n"]))
        if gap:
            out[-1] += gap
    trailing = draw(st.sampled_from(["\n", "", "\r\n"]))
    text = "\n".join(out) + trailing
    if trailing == "\r\n":
        text = text.replace("\n", "\r\n")
    return text


@settings(max_examples=200, **SETTINGS)
@given(page_text())
def test_every_han_character_reaches_the_json(text):
    result = json.loads(reflow.reflow_text(text, format="json"))
    missing = han(text) - han("".join(output_parts(result)))
    assert not missing, f"lost {''.join(sorted(missing.elements()))!r}"


# (c) is measured, not asserted page by page: the text output drops what the first reading knew
# (that a paragraph was a caption, where a headline group stood), and the second reading decides
# again; on junk pages of one-character words it may decide otherwise. Asserted for every page, the
# property passed or failed by which pages the fixed draw held: main at 83a74b5 passed on its draw
# and failed on those of seeds 1 and 2. Pages of 1000 not read back unchanged, on the fixed draw
# and on seeds 1-3 (REFLOW_EXPLORE=1 --hypothesis-seed=N): 34, 26, 18, 22 at 83a74b5; 13, 16, 6,
# 11 with the rules of stop 23. The floor below fails the first of those.
READ_TWICE_PAGES = 1000
READ_TWICE_UNSTABLE_AT_MOST = 25


def test_text_output_reads_back_unchanged_on_nearly_every_page():
    unstable: list[str] = []

    @settings(max_examples=READ_TWICE_PAGES, **SETTINGS)
    @given(page_text())
    def read_twice(text):
        out = reflow.reflow_text(text)
        if reflow.reflow_text(out) != out:
            unstable.append(text)

    read_twice()
    assert len(unstable) <= READ_TWICE_UNSTABLE_AT_MOST, unstable[:5]


# Found by hypothesis (kept apart from the test above: an example added there changes the fixed
# sequence it draws): a title that exclaims, its mark on a line of its own or the title wrapped
# once, read as one line only on the second reading; `一！` is no title; a character alone between
# empty lines (in reflow's own output) is no headline line; two subheads in a row, each its own
# block in reflow's text, are subheads again (S01), not a headline group; a title and an exclaiming
# subtitle, before an opening, set apart by empty lines or above another headline line, stay two
# lines (L10); a block that starts with a comma stays a block where empty lines separate blocks
# (L22); a line that a closing mark ends is no headline line (L27); a question with an ellipsis
# inside is no title (L23), and one under two headline lines is a subtitle; blocks of two characters
# set apart by empty lines are no column (L17); a line goes on across an empty line only where a
# column shows at it, not after lines too narrow for one, and not from a headline group's last line
# (L10); spaces do not count towards a title's length (L23); a doubled character (`一一`) is no word
# to place a headline by (S04); a question right after reflow's own separator opens an article, so
# it is a title (L23); a line alone between empty lines that stops mid-sentence is a block as
# written (L18); above a scrap of a few characters a question under its title is its subtitle, and
# above a line alone whose closing mark was cut onto a line of its own (L23).
@pytest.mark.parametrize("text", [
    "一一一\n0 ，A000000\n  一。\n",
    "一一\n0 ，一 A000\n0000。一一一一\n一一。一一一一一一\n。\n",
    "一一一一\n一一一一一一一一一一\n！\n",
    "王一 摄\n一。\n王一 摄\n1000  一一一一\n一！\n王一 摄\n一一一一一一一一一一\n一。\n",
    "王一 摄\n一！\n* * *\n一。\n一一一一\n一一一一一一！\n",
    "一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。一。一。\n一\n一一一一一一一一一一\n一一一一一一一一\n"
    "一一一一一一一一。一\n一一一一一一一一\n。\n",
    "一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。一。一。\n一一\n一一一一一一一一一一\n一一一一一一一一\n"
    "一一一一一一一一。一\n一一一一一一一一\n。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一一一一一一一\n一一一！\n本报讯（记者 王明）\n一。\n",
    "王一 摄\n一。\n\u3000\u3000一。一。\n王一 摄\n一。\n王一 摄\n，一一一。\n",
    "一一一一一一。一一A0000000 \n一一一一一一一一一一一一“。一一一一\n一一一一一一一一一一一一一一一一一一\n"
    "一一……A00000001000一一\n一  100000  一一一一一一一\n。\n",
    "一。\n王一 摄\n一。\n王一 摄\n一。\n一一一一一一一一一一\n一一一一！A0！\n王一 摄\n一。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。一一一一一一。\n王一 摄\n"
    "一一一一一一一一一一\n一一一一一一……一一\n！\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。一一一一一一。\n王一 摄\n"
    "一一一一一一一一一一\n一一0.0  一一一\n一一一一一一一……一\n一！\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一一一一一一一一\n一10.0  一一一\n"
    "一一一一！一一！\n王一 摄\n一。\n",
    "王一 摄\n一一一一一一。\n\u3000\u3000一一一一一一。\n一。\n王一 摄\n一一一一一一一一一一\n"
    "一一0.0  一一一\n一一一一一一一……一\n一！\n王一 摄\n一。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n一一一一一一一一一一\n"
    "一一一一一一一……A\n00000 一一一一\n。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n一一一一一一一一一一\n一一0.0  一一一\n"
    "一一一一一一一……A00\n000\u3000一一一一一一\n。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一，一一一一一0\n  一。\n",
    "王一 摄\n一一一一，一一一一一\n一一10.0  一一\n一一一一一一一一……\nA000一一一一一\n一。\n",
    "王一 摄\n一一一一，一一一一一\n一一10.0  一一\n一一一一一一一一……A\n000一一一一一\n。\n",
    "王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一一一一一一一\nA0 ！\n"
    "王一 摄\n\u3000\u3000一。一一。一一\n一A0  一一一一一\n一。\n",
    "一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一！\n王一 摄\n\u3000\u3000一。0  一一一\n。\n王一 摄\n"
    "一一A000000一\n一一一一一一！\n",
    "一一一一一一一一一一\n一。\n王一 摄\n一。\n王一 摄\n一。\n王一 摄\n一一一！\n王一 摄\n"
    "\u3000\u3000一。0  一一一\n。\n王一 摄\n一一A000000一\n一一一一一一！\n",
    "\u3000\u3000一一一一一。\n一一一一一一一一。一\n一一一一一一一一一一一\n一。\n王一 摄\n"
    "\u3000\u3000一一一一一一。\n王一 摄\n一。\n王一 摄\n    100  \n100一一，0  \n一。\n",
    "王一 摄\n一。\n王一 摄\n一一一A000000\n0一一！\n王一 摄\n一一一一一一一一一一\n一。\n",
    "一。\n一。\n王一 摄\n一。\n王一 摄\n一。一一一一一一一。\n一\n一一一A00A000\n一一一一一一！\n",
    "一。\n一。\n王一 摄\n\u3000\u3000一。一一一一一一\n一。\n王一 摄\n一一一A00A000\n0000一一一一一一\n！\n"
    "一\n一。\n",
    "王一 摄\n一一一A000000\n一一一一一一！\n王一 摄\n一一一一一一一一一一\n。\n",
])
def test_text_output_found_unstable_reads_the_same_twice(text):
    out = reflow.reflow_text(text)
    assert reflow.reflow_text(out) == out


# --- (d) the inline rules alone -------------------------------------------------------------------

INLINE = config_module.load().inline

inline_piece = st.one_of(
    han_word,
    latin_word,
    number,
    mark,
    end,
    st.text(
        alphabet=st.sampled_from([" ", " ", "\t", "\u00a0", "\u3000", "\u2009", "\u202f"]),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(list("“”‘’.,;:!?%()+-/") + ["（记者 王明）", " 摄", "5G", "1.5"]),
    st.text(alphabet=st.sampled_from(FULLWIDTH + "．，…。"), min_size=1, max_size=4),
)
inline_text = st.lists(inline_piece, max_size=20).map("".join)


@pytest.mark.parametrize("rule", INLINE, ids=[r.id for r in INLINE])
@settings(max_examples=150, **SETTINGS)
@given(text=inline_text)
def test_each_inline_rule_is_idempotent(rule, text):
    once = apply_rules(text, [rule], (1, 1), [])
    edits: list = []
    assert apply_rules(once, [rule], (1, 1), edits) == once
    assert edits == []


@pytest.mark.parametrize("spacing", ["compact", "spaced"])
@settings(max_examples=300, **SETTINGS)
@given(text=inline_text)
def test_inline_rules_are_idempotent_and_keep_han(spacing, text):
    once = reflow.normalize(text, spacing=spacing)   # raises ConservationError on a loss
    assert reflow.normalize(once, spacing=spacing) == once
    assert han(once) == han(text)


# --- (e) simulated pages: the simulator's layouts at seeds hypothesis draws
# ------------------------

@settings(max_examples=60, **SETTINGS)
@given(st.integers(min_value=0, max_value=10**9))
def test_simulated_pages_conserve_and_settle(seed):
    """Any layout of the page simulator (tests/simulator.py) goes through: every non-space
    character accounted for, and formatting twice changes nothing. (One reflow_text pass is
    idempotent on all of the 300 layouts of test_simulator; over 3000 it was not on 16.)"""
    page_text_, _, _ = simulate(seed, ARTICLES)
    page = reflow.analyze(page_text_)
    removed, added = declared_changes(page)
    assert nonspace("".join(output_parts(page.to_dict()))) == nonspace(page_text_) - removed + added
    formatted_twice(page_text_)
