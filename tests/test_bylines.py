"""Author lines and openings that name the writer: where they go in the article object."""
from __future__ import annotations

import reflow

COMMENTARY = """学校食堂该不该向家长开放
□本报评论员 方启明
家长走进食堂，看到的不只是饭菜，还有后厨的卫生、菜品的来源和价格。开放日
办了三次，来的家长一次比一次多。
"""

TAIWAN_REPORT = """花東縱谷油菜花季開跑
本報記者林雅琪／花蓮報導 花東縱谷的油菜花田本週進入盛開期，鄉公所
預估花季期間將湧入五萬人次，並加開接駁車。
"""


def test_an_author_line_behind_a_box_is_the_byline_not_a_headline():
    article = reflow.analyze(COMMENTARY).to_dict()["articles"][0]
    assert article["headlines"] == ["学校食堂该不该向家长开放"]
    assert article["byline"] == "□本报评论员 方启明"
    assert article["blocks"][0] == {"kind": "byline", "text": "□本报评论员 方启明"}


def test_a_reporter_and_place_before_the_report_word_open_the_story():
    article = reflow.analyze(TAIWAN_REPORT).to_dict()["articles"][0]
    assert article["headlines"] == ["花東縱谷油菜花季開跑"]
    # the opening's own space is the paper's separator, kept (SP12)
    assert article["blocks"][0]["text"].startswith("本報記者林雅琪／花蓮報導 花東縱谷")


def test_the_writer_of_text_and_pictures_is_the_byline():
    text = "老街的手艺人\n文·图／梁咏诗\n在老街开了三十年修表铺的陈师傅，今年七十岁了。\n"
    article = reflow.analyze(text).to_dict()["articles"][0]
    assert article["headlines"] == ["老街的手艺人"]
    assert article["byline"] == "文·图／梁咏诗"


def test_the_writer_and_then_the_photographer_make_one_byline():
    text = "老戲院重新開幕\n文／葉嘉敏 圖／柯志明\n停業十二年的鎮上老戲院，上週末重新點亮了招牌。\n"
    article = reflow.analyze(text).to_dict()["articles"][0]
    assert article["headlines"] == ["老戲院重新開幕"]
    assert article["byline"] == "文／葉嘉敏 圖／柯志明"
