"""The engine on small hand-written pages: conservation, page breaks, placement, rendering, records.

Every page here was written for these tests. Expected outputs are worked out from what the page
says (which headline shares which words, which line is a running header), not copied from a run.
"""
from __future__ import annotations

from collections import Counter

import pytest

import reflow
from reflow import config as config_module
from reflow.read import read_lines
from reflow.registry import all_rules, deleting_rules

from accounting import declared_changes, nonspace, output_parts


def column(paragraph: str, width: int = 14) -> str:
    """A paragraph set in a column of `width` characters, its first line indented by two ideographic
    spaces."""
    text = "\u3000\u3000" + paragraph
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def write_rule(tmp_path, rule_id: str, pattern: str, replacement: str, deletes: bool | None) -> str:
    lines = ["[[rule]]", f'id = "{rule_id}"', 'name = "test-rule"',
             'description = "a rule written by the tests"', f"pattern = '{pattern}'",
             f'replacement = "{replacement}"']
    if deletes is not None:
        lines.append(f"deletes = {'true' if deletes else 'false'}")
    path = tmp_path / f"{rule_id}-{deletes}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


# --- (a) conservation with a user's inline rule -------------------------------------------------

GARDEN = "河边的柳树发芽了，公园的桃花也开了。\n孩子们在草地上放风筝，老人们在树下下棋。\n"


@pytest.mark.parametrize("deletes", [None, False])
def test_undeclared_deleting_rule_is_refused_by_name(tmp_path, deletes):
    rules = write_rule(tmp_path, "ZZ01", "的", "", deletes)
    with pytest.raises(reflow.ConservationError) as err:
        reflow.analyze(GARDEN, rules=[rules])
    assert "ZZ01" in str(err.value)
    assert "的" in str(err.value)


def test_undeclared_rule_that_swaps_a_han_character_is_refused(tmp_path):
    rules = write_rule(tmp_path, "ZZ02", "的", "地", None)
    with pytest.raises(reflow.ConservationError, match="ZZ02"):
        reflow.analyze(GARDEN, rules=[rules])


def test_user_rule_overriding_a_default_id_is_checked_too(tmp_path):
    # SP02 is a default rule that only removes spaces; a user file replaces it by id
    rules = write_rule(tmp_path, "SP02", "桃", "", None)
    with pytest.raises(reflow.ConservationError, match="SP02"):
        reflow.analyze(GARDEN, rules=[rules])


def test_declared_deleting_rule_is_allowed_and_accounted_for(tmp_path):
    rules = write_rule(tmp_path, "ZZ01", "的", "", True)
    page = reflow.analyze(GARDEN, rules=[rules])
    assert "ZZ01" in deleting_rules(config_module.load((rules,)))
    out = "".join(output_parts(page.to_dict()))
    assert "的" not in out
    deleted = [e for e in page.edits if e.rule == "ZZ01"]
    assert len(deleted) == GARDEN.count("的") == 2
    assert all(e.before == "的" and e.after == "" for e in deleted)
    # what came in = what went out + what the declared rule took away; nothing else went missing
    assert nonspace(out) + Counter("的" * len(deleted)) == nonspace(GARDEN)
    assert "河边柳树发芽了" in out and "公园桃花也开了" in out


def test_default_rules_are_not_changed_by_a_user_file(tmp_path):
    write_rule(tmp_path, "ZZ01", "的", "", True)
    assert "的" in reflow.reflow_text(GARDEN)


# --- (b) every non-space character of the input is in the output -------------------------------

TRICKY = {
    "empty": "",
    "whitespace-only": " \t\u3000\n\n\r\n \f \u00a0\n\f\n",
    "furniture-only": "2024 年 3 月\n页数 1 / 2\n第 3 版\n责任编辑：王一\n12\n",
    "form-feeds": "第一页的文字。\f第二页的文字。\n\f\f第三页\f\n",
    "crlf": "春风吹过田野，\r\n麦苗一天天长高。\r\n\r\n农民们忙着浇水施肥。\r\n",
    "cr": "春风吹过田野，\r麦苗一天天长高。\r\r农民们忙着浇水施肥。\r",
    "long-line": "长" * 5000 + "a" * 5000,
    "long-sentences": "这是一句很长的话，" * 1111 + "完",
    "english": (
        "The river park reopened on Monday after a year of re-\npairs. Visitors walked along the "
        "new paths and sat on new benches,\nand children played near the water until sunset.\n\n"
        "By Anna Lee\n"
    ),
    "control-chars": "控制\x01字符\x07在\x1b[0m这里\x7f。\n第二行\x08\x0b\x1c\x1d\x1e\x1f\x85结束。\n",
    "emoji": "今天天气真好😀🌸，大家一起去公园👨\u200d👩\u200d👧\u200d👦。\n🇨🇳国旗飘扬🎉\n",
    "combining": "Cafe\u0301 de\u0301ja\u0300 vu，汉字\u0301加上组合符号\u20dd。\ne\u0308\u0323\n",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_every_nonspace_character_is_kept(text):
    assert "\x00" not in text and len(TRICKY["long-line"]) == 10_000
    page = reflow.analyze(text)
    removed, added = declared_changes(page)
    got = nonspace("".join(output_parts(page.to_dict())))
    assert got == nonspace(text) - removed + added
    # and what the text and JSON renderers write is the same page
    assert reflow.render(page, "json") == reflow.reflow_text(text, format="json")


@pytest.mark.parametrize("text", ["", " \n\t\n\u3000\n", "\f\f\n\r\n"])
def test_blank_input_makes_an_empty_page(text):
    page = reflow.analyze(text)
    assert page.to_dict() == {"articles": [], "furniture": [], "unplaced": []}
    for fmt in ("text", "markdown", "jsonl"):
        assert reflow.render(page, fmt) == ""


def test_furniture_only_page_has_no_article():
    text = TRICKY["furniture-only"]
    page = reflow.analyze(text).to_dict()
    assert page["articles"] == [] and page["unplaced"] == []
    assert page["furniture"] == text.splitlines()
    assert reflow.reflow_text(text) == ""


@pytest.mark.parametrize("staff", ["本版编辑：杨帆", "本版编辑 杨帆", "责任编辑 刘洋 美编 周琳"])
def test_a_staff_line_is_furniture_with_a_colon_or_a_space(staff):
    """The staff footer names its editors after a colon or, as some papers set it, a space;
    either way it is furniture, not a line glued onto the headline."""
    text = "夜市经济点亮城南\n本报讯（记者 何平）城南夜市昨晚开市，\n吸引市民三万余人次。\n" + staff + "\n"
    page = reflow.analyze(text).to_dict()
    assert page["furniture"] == [staff]
    assert page["articles"][0]["headlines"] == ["夜市经济点亮城南"]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_endings_do_not_change_the_result(ending):
    lf = "　　春风吹过田野，麦苗一天\n天长高。农民们忙着浇水施肥，\n盼着今年有个好收成。\n\n河边的柳树也绿了。\n"
    other = lf.replace("\n", ending)
    assert reflow.analyze(other).to_dict() == reflow.analyze(lf).to_dict()
    assert reflow.reflow_text(other) == reflow.reflow_text(lf)


# --- (c) form feeds and running headers -----------------------------------------------------------

HEADER = "晨光日报　城市新闻"
LIFT_1 = "本报讯（记者韩雪）城西的老旧小区今年完成了加装电梯工程，一共装了十二部电梯，惠及三百多户居民。"
LIFT_2 = "住在六楼的张奶奶说，以前下楼买菜要歇好几回，现在方便多了。社区还在楼下修了休息长椅，方便老人晒太阳、聊天。"


def test_form_feed_starts_a_new_page():
    lines = read_lines("甲页\n乙页\f丙页\n\f丁页", config_module.load())
    assert [(l.no, l.page, l.text) for l in lines] == [
        (1, 1, "甲页"), (2, 1, "乙页"), (2, 2, "丙页"), (3, 2, ""), (3, 3, "丁页")]
    assert [l.page_break_before for l in lines] == [False, False, True, False, True]


def test_running_header_on_every_page_is_furniture():
    paragraphs = [
        "本报讯（记者 韩雪）城西的老旧小区今年完成了加装电梯工程，一共装了十二部电梯。",
        "住在六楼的张奶奶说，以前下楼买菜要歇好几回，现在方便多了。",
        "社区还在楼下修了休息长椅，方便老人晒太阳、聊天。",
    ]
    text = "\f".join(f"{HEADER}\n　　{p}\n" for p in paragraphs)
    page = reflow.analyze(text).to_dict()
    assert page["furniture"] == [HEADER] * 3
    assert [[b["text"] for b in a["blocks"]] for a in page["articles"]] == [paragraphs]
    assert HEADER not in reflow.reflow_text(text)
    # the same lines on one page (no form feeds) are not a repeated header: they stay in the text
    one_page = reflow.analyze(text.replace("\f", "")).to_dict()
    assert HEADER not in one_page["furniture"]
    assert HEADER in "".join(output_parts(one_page))


def test_paragraph_split_by_a_page_break_and_a_header_is_joined():
    lines = (column(LIFT_1) + "\n" + column(LIFT_2)).split("\n")
    assert lines[5].endswith("现在方便") and lines[6].startswith("多了。")  # the page breaks mid-sentence
    text = (
        HEADER + "\n" + "\n".join(lines[:6]) + "\n\f" + HEADER + "\n" + "\n".join(lines[6:]) + "\n"
    )
    page = reflow.analyze(text).to_dict()
    assert page == {
        "articles": [
            {
                "headlines": [],
                "byline": "记者韩雪",
                "blocks": [
                    {"kind": "paragraph", "text": LIFT_1},
                    {"kind": "paragraph", "text": LIFT_2},
                ],
                "credits": [],
            }
        ],
        "furniture": [HEADER, HEADER],
        "unplaced": [],
    }


# --- (d) render -----------------------------------------------------------------------------------

def test_unknown_format_is_a_value_error():
    page = reflow.analyze(GARDEN)
    with pytest.raises(ValueError, match="bogus"):
        reflow.render(page, "bogus")
    with pytest.raises(ValueError):
        reflow.reflow_text(GARDEN, format="bogus")


# --- (e) the records behind --explain -------------------------------------------------------------

CANTEEN_1 = "东城社区食堂昨天开张，每份套餐只要十二元，七十岁以上老人再打八折。食堂还提供送餐服务，行动不便的老人打电话就行。"
CANTEEN_2 = "食堂每天准备三荤三素，菜单每周更换，还专门做了少油少盐的饭菜，照顾患有慢性病的老人们。"
RICH = ("晨光日报　城市新闻\n"
        "社区食堂开张\n"
        "老人吃饭更方便\n"
        "本报记者 孙丽\n"
        + column(CANTEEN_1) + "\n"
        "菜品介绍\n"
        + column(CANTEEN_2) + "\n"
        "周立新 摄\n"
        "\f晨光日报　城市新闻\n"
        "第 2 版\n"
        "本报讯（记者 李明）城南中学举办了Open  Data\nDay活动，同学们在活动中签署了inter-\n"
        "national合作倡议书，还用数据讲述城市的故事。\n\n"
        "* * *\n\n"
        "本报讯（记者 王芳）全市新建 5G 基站 1200 个，网络覆盖持续提升。\n")


@pytest.mark.parametrize(
    "text", [RICH, GARDEN] + list(TRICKY.values()), ids=lambda t: t[:8] or "empty"
)
def test_every_record_names_a_registered_rule(text):
    ids = {r.id for r in all_rules()}
    page = reflow.analyze(text)
    for e in page.edits:
        assert e.rule in ids, e
        assert 1 <= e.lines[0] <= e.lines[1], e
    for d in page.decisions:
        assert d.rule in ids, d
        assert 1 <= d.lines[0] <= d.lines[1], d
    assert len(page.explain()) == len(page.edits) + len(page.decisions)


def test_rich_page_records_each_kind_of_rule():
    page = reflow.analyze(RICH)
    fired = {d.rule for d in page.decisions} | {e.rule for e in page.edits}
    # L01 第 2 版, L02 the repeated header, L03 the credit, L04 the author line, L05 openings,
    # L07 the separator, L20/L21 the Latin join and the hyphen, SP01/SP04 spacing, S01/S04 headlines
    assert {
        "L01",
        "L02",
        "L03",
        "L04",
        "L05",
        "L07",
        "L20",
        "L21",
        "SP01",
        "SP04",
        "S01",
        "S04",
    } <= fired
    by_rule = {e.rule: e for e in page.edits}
    assert (by_rule["L21"].before, by_rule["L21"].after) == ("-", "")
    assert (by_rule["SP04"].before, by_rule["SP04"].after) == ("  ", " ")
    school = ("本报讯（记者 李明）城南中学举办了Open Data Day活动，同学们在活动中签署了international合作倡议书，"
              "还用数据讲述城市的故事。")
    assert page.to_dict() == {
        "articles": [
            {
                "headlines": ["社区食堂开张", "老人吃饭更方便"],
                "byline": "本报记者 孙丽",
                "blocks": [
                    {"kind": "byline", "text": "本报记者 孙丽"},
                    {"kind": "paragraph", "text": CANTEEN_1},
                    {"kind": "subhead", "text": "菜品介绍"},
                    {"kind": "paragraph", "text": CANTEEN_2},
                ],
                "credits": ["周立新 摄"],
            },
            {
                "headlines": [],
                "byline": "记者 李明",
                "blocks": [{"kind": "paragraph", "text": school}],
                "credits": [],
            },
            {
                "headlines": [],
                "byline": "记者 王芳",
                "blocks": [
                    {
                        "kind": "paragraph",
                        "text": "本报讯（记者 王芳）全市新建5G基站1200个，网络覆盖持续提升。",
                    }
                ],
                "credits": [],
            },
        ],
        "furniture": ["晨光日报　城市新闻", "晨光日报　城市新闻", "第 2 版", "* * *"],
        "unplaced": [],
    }
    text = reflow.render(page, "text")
    assert "5G基站1200个" in text and "Open Data Day活动" in text
    assert "international合作倡议书" in text


def test_cli_explain_prints_the_records(tmp_path, run):
    (tmp_path / "rich.txt").write_text(RICH, encoding="utf-8")
    done = run("--explain", "rich.txt")
    assert done.returncode == 0, done.stderr
    page = reflow.analyze(RICH)
    assert done.stdout == reflow.render(page, "text")
    assert done.stderr.splitlines() == page.explain()


# --- (f) headlines gathered after all the bodies --------------------------------------------------

LIBRARY_HEAD = "市图书馆新馆正式开馆"
MARKET_HEAD = "东门菜市场改造后重新营业"
LIBRARY = "本报讯（记者 陈晓）市图书馆新馆昨天正式开馆，馆内藏书超过一百万册，设有少儿阅读区和古籍修复室，首日接待读者八千多人次。"
MARKET = "本报讯（记者 刘洋）东门菜市场完成改造后重新营业，摊位统一更换了电子秤，市民买菜更加放心，周边居民纷纷点赞。"


def _bodies() -> str:
    return (LIBRARY[:33] + "\n" + LIBRARY[33:] + "\n\n" + MARKET[:33] + "\n" + MARKET[33:] + "\n\n")


@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["blank-between", "adjacent"])
def test_headlines_after_all_bodies_go_to_their_articles(gap):
    # the headlines come last, in the reverse order of the articles
    text = _bodies() + MARKET_HEAD + gap + LIBRARY_HEAD + "\n"
    page = reflow.analyze(text).to_dict()
    assert [
        (a["headlines"], [b["text"] for b in a["blocks"]], a["byline"]) for a in page["articles"]
    ] == [
        ([LIBRARY_HEAD], [LIBRARY], "记者 陈晓"),
        ([MARKET_HEAD], [MARKET], "记者 刘洋"),
    ]
    assert page["unplaced"] == [] and page["furniture"] == []
    assert reflow.reflow_text(text) == (
        f"{LIBRARY_HEAD}\n\n{LIBRARY}\n\n* * *\n\n{MARKET_HEAD}\n\n{MARKET}\n")


# --- (g) markdown ---------------------------------------------------------------------------------

MARKET_NIGHT_TITLE = "老街夜市重新开张"
MARKET_NIGHT_SUB = "特色小吃受欢迎"
NIGHT_1 = "本报讯（记者周明）经过半年的整修，老街夜市上周末重新开张。街道两旁新装了路灯，摊位也按照统一的样式重新搭建，吸引了不少市民前来逛街。"
NIGHT_2 = "夜市里最受欢迎的还是各种特色小吃。一位摊主说，开张第一天晚上，他卖出了三百多份凉粉，比过去多了一倍还多，忙得连喝水的时间都没有。"


@pytest.mark.parametrize("gap", ["\n\n", "\n"], ids=["blank-lines", "no-blank-lines"])
def test_markdown_title_and_subhead(gap):
    body_1, body_2 = column(NIGHT_1), column(NIGHT_2)
    # the fixture really is a 14-character column, several lines a paragraph
    for body in (body_1, body_2):
        rows = body.split("\n")
        assert len(rows) >= 4 and all(len(r) == 14 for r in rows[:-1]) and len(rows[-1]) < 14
    text = MARKET_NIGHT_TITLE + "\n\n" + body_1 + gap + MARKET_NIGHT_SUB + gap + body_2 + "\n"
    page = reflow.analyze(text)
    assert [(b.kind, b.text) for a in page.articles for b in a.blocks] == [
        ("paragraph", NIGHT_1), ("subhead", MARKET_NIGHT_SUB), ("paragraph", NIGHT_2)]
    assert reflow.render(page, "markdown") == (
        f"# {MARKET_NIGHT_TITLE}\n\n{NIGHT_1}\n\n## {MARKET_NIGHT_SUB}\n\n{NIGHT_2}\n")
    assert reflow.render(page, "text") == (
        f"{MARKET_NIGHT_TITLE}\n\n{NIGHT_1}\n\n{MARKET_NIGHT_SUB}\n\n{NIGHT_2}\n")


def test_a_space_that_may_separate_names_is_kept_and_reported():
    text, record = reflow.normalize_and_explain("获奖者：赵鹏 文静。评委会主任王海 涛说")
    assert text == "获奖者：赵鹏 文静。评委会主任王海 涛说".replace("王海 涛", "王海涛")
    reports = [d for d in record.decisions if d.rule == "SP11"]
    assert len(reports) == 1 and reports[0].weak and "赵鹏 文静" in reports[0].message
    assert [e.rule for e in record.edits] == ["SP11"]


def test_a_split_word_is_joined_in_paragraphs_only():
    page = reflow.analyze("园区招商 引资\n\n　　园区出台了全省首个能源政 策，支持企业发展。\n")
    article = page.articles[0]
    assert article.headlines == ["园区招商 引资"]   # a headline's space separates phrases
    assert article.blocks[0].text == "园区出台了全省首个能源政策，支持企业发展。"


def test_a_role_character_spelt_out_in_a_justified_line_is_no_role():
    # `图` and `文` are roles (`图 张三`) and credit words (`张三 图`): spaced out one character a
    # glyph inside a sentence they are letters of words like any other
    text = "本 报 与 市 图 书 馆 联 合 发 起 征 文 活 动，欢迎投稿。"
    assert reflow.normalize(text) == "本报与市图书馆联合发起征文活动，欢迎投稿。"
    assert reflow.normalize("摄影 张三 图 李四") == "摄影 张三 图 李四"


def test_sp11_follows_select_and_ignore():
    assert reflow.normalize("出台能源政 策", ignore="SP11") == "出台能源政 策"
    assert reflow.normalize("出台能源政 策", select="SP01") == "出台能源政 策"
    assert reflow.normalize("出台能源政 策", select="SP1") == "出台能源政策"


def test_two_readings_that_take_turns_settle_on_one_of_them():
    from reflow.engine import settle
    turns = {"甲乙\n": "乙甲\n", "乙甲\n": "甲乙\n"}
    # each reading reads as the other: the same one is written whichever comes in
    assert settle(turns.__getitem__, "甲乙\n") == settle(turns.__getitem__, "乙甲\n") == "乙甲\n"


def test_output_that_keeps_growing_does_not_settle():
    from reflow.engine import settle
    with pytest.raises(reflow.UnstableOutput):
        settle(lambda t: t + "。", "甲")


# A printed line that `pdftotext -raw` cut where its second curly quote opens, on a page whose
# font sets curly quotes wide: the two pieces fill the column once the quotes count two cells.
QUOTES_SET_WIDE = """\
第3版 民生 江南晚报 2026年4月9日 星期四
城北社区服务再升级
今年以来，城北社区不断丰富为居民服务
的内容，先后开设了老年食堂、四点半课
堂和便民维修点，受到居民的普遍欢迎。
暑期服务受欢迎
本报记者 林小川 摄
进入暑期以后，少数双职工家庭孩子
白天无人照看，家长们上班时总是放心不
下，有的只好把孩子带到单位里去，为了
解决这些家庭的后顾之忧，城北社区专门
设计推出“周末课堂”
“暑期托管”等服
务项目，由社区工作人员和大学生志愿者
共同照看孩子，目前已有一百二十多名孩
子报名参加。
社区主任说，下一步还将根据居民的需
求，陆续增加新的服务项目。
"""


def test_a_printed_line_cut_at_a_quote_fills_its_column_with_wide_quotes():
    page = reflow.analyze(QUOTES_SET_WIDE)
    at = {d.lines: d for d in page.decisions}
    cut = QUOTES_SET_WIDE.splitlines().index("“暑期托管”等服") + 1
    assert at[(cut - 1, cut)].rule == "L31", at[(cut - 1, cut)]
    assert "推出“周末课堂”“暑期托管”等服务项目" in reflow.reflow_text(QUOTES_SET_WIDE)


def test_a_page_shows_as_a_summary_in_a_repl():
    """`repr(page)` names the articles by their first headline and counts the rest: the lines
    behind each block would run to pages in a REPL."""
    page = reflow.analyze("城南公园完成改造\n\n本报讯 城南公园的步道已经全部更新。\n\n- 3 -\n")
    assert repr(page) == (f"Page(articles=['城南公园完成改造'], furniture=1, unplaced=0, "
                          f"edits={len(page.edits)}, decisions={len(page.decisions)})")
    assert len(repr(page)) < 200
