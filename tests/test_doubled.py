"""L09 on rows read across side-by-side columns: a piece of a row drawn twice is read once."""
import pytest

import reflow
from reflow.lines.doubled import undoubled_pieces


def twice(text: str) -> str:
    return "".join(c * 2 for c in text)


@pytest.mark.parametrize("text, once", [
    (twice("老城茶馆重新开张迎客") + " 河边新修步道向市民开放",
     "老城茶馆重新开张迎客 河边新修步道向市民开放"),
    ("镇上的老茶馆上个月重新开张， " + twice("河边新修步道向市民开放"),
     "镇上的老茶馆上个月重新开张， 河边新修步道向市民开放"),
    (twice("老城茶馆重新开张") + "  " + twice("河边步道修好了"), "老城茶馆重新开张  河边步道修好了"),
])
def test_a_piece_drawn_twice_is_read_once(text, once):
    assert undoubled_pieces(text) == once


@pytest.mark.parametrize("text", [
    "老城茶馆重新开张 河边步道修好了",          # nothing doubled
    "大家谢谢谢谢 常常来来往往",               # words doubled on purpose, too short to say
    "镇上的老茶馆上个月重新开张， 店里保留了木桌竹椅，",
])
def test_a_row_with_no_piece_drawn_twice_is_left_alone(text):
    assert undoubled_pieces(text) is None


# two stories side by side, their titles on one row, each drawn twice and wider than a column:
# the row is not cut, and L09 read no line drawn twice as a whole
TITLES_DRAWN_TWICE = f"""城南日报 2026年5月9日（星期六） 民生 第04版
老城新事 滨河记事
{twice("老城茶馆重新开张迎来八方客")} {twice("河边新修步道今起向市民开放")}
本报讯（记者 李明）镇上的老茶馆上个月重新开张， 本报讯（记者 王芳）沿河新修的步道上周完工，
店里保留了木桌竹椅，墙上挂着几十年前的老照片。 傍晚散步的居民多了起来。步道边还种了两排柳树，
每天一早，附近的老人就来喝茶聊天，店主说价格和 夏天也有树荫可以乘凉，管理处每周清扫两次，
从前差不多，来的年轻人也比过去多了。 夜里还亮起了路灯。
"""


def test_two_titles_drawn_twice_on_one_row_are_read_once_and_head_their_stories():
    page = reflow.analyze(TITLES_DRAWN_TWICE)
    edits = [(e.before, e.after) for e in page.edits if e.rule == "L09"]
    assert edits == [(f"{twice('老城茶馆重新开张迎来八方客')} {twice('河边新修步道今起向市民开放')}",
                      "老城茶馆重新开张迎来八方客 河边新修步道今起向市民开放")]
    assert [a.headlines[-1] for a in page.articles] == ["老城茶馆重新开张迎来八方客",
                                                        "河边新修步道今起向市民开放"]
    off = reflow.analyze(TITLES_DRAWN_TWICE, ignore=["L09"])
    assert twice("老城茶馆") in reflow.render(off, "text")


def test_a_line_three_times_in_a_row_is_no_headline_drawn_twice():
    """A headline drawn twice comes out as a pair of lines, and the copy goes; the same line
    three times or more in a row is text repeated on purpose: nothing of it is deleted (every
    other copy went, half of a long run)."""
    pair = "城南公园完成改造工程\n城南公园完成改造工程\n本报讯 城南公园的步道已经全部更新。\n"
    assert reflow.reflow_text(pair) == "城南公园完成改造工程\n\n本报讯 城南公园的步道已经全部更新。\n"
    for n in (3, 4, 50):
        run = "今天天气很好市民纷纷出门散步\n" * n
        page = reflow.analyze(run)
        assert not [e for e in page.edits if e.rule == "L09"]
        assert reflow.reflow_text(run).count("今天天气很好市民纷纷出门散步") == n
