"""Where paragraphs end (stage 3a): decisions asked of pairs of lines, read back from a page."""
import reflow

# a story in a measured column, then the next story's title and subtitle, each as wide as the
# column, over its opening
TITLE_AND_SUBTITLE_AS_WIDE_AS_THE_COLUMN = """老茶馆重新开张
镇上的老茶馆上个月重新开
张，店里保留了木桌竹椅，
墙上挂着几十年前的老照片
。每天一早，附近的老人就
来喝茶聊天，店主说价格和
从前差不多，来的年轻人也
比过去多了。

雷鸟队逆转夺下总冠军奖杯
队史第三座冠军奖杯入袋了
本报讯（记者 杨成）职棒总
冠军赛第七战今晚开打，雷鸟
队在九局下半靠着捕手的安打
逆转取胜，夺下队史第三座总
冠军奖杯。
"""


def test_a_title_and_its_subtitle_over_an_opening_are_not_joined_however_full():
    """Two lines with no punctuation over an article's opening are headline lines: L10 does not
    join them as a sentence that goes on (a block so joined may be run into the paragraph
    above it), and says why."""
    page = reflow.analyze(TITLE_AND_SUBTITLE_AS_WIDE_AS_THE_COLUMN)
    said = [(d.message, d.weak) for d in page.decisions if d.rule == "L10" and d.lines == (10, 11)]
    assert said == [("break: lines with no punctuation over an article's opening are headlines",
                     False)]
    assert [a.headlines for a in page.articles] == [
        ["老茶馆重新开张"], ["雷鸟队逆转夺下总冠军奖杯", "队史第三座冠军奖杯入袋了"]]


# a line cut off its column (its sentence goes on elsewhere), a gap, then the next story's title
# and subtitle over its opening
A_CUT_LINE_OVER_THE_NEXT_HEADLINE = """老茶馆重新开张
镇上的老茶馆上个月重新开张，店里保留了木桌竹椅，

雷鸟队逆转夺下总冠军
队史第三座冠军奖杯入袋
本报讯（记者 杨成）职棒总冠军赛第七战今晚开打，雷鸟队在九局下半逆转取胜。
"""


def test_a_line_ending_with_a_comma_does_not_go_on_into_a_headline_after_a_gap():
    """A line that ends with a comma goes on in the next line (L19), but not across a gap into
    a line with no punctuation over an article's opening: that is the next story's headline."""
    page = reflow.analyze(A_CUT_LINE_OVER_THE_NEXT_HEADLINE)
    said = [d.message for d in page.decisions if d.rule == "L19" and d.lines == (2, 4)]
    assert said == ["break: a headline over an article's opening follows the gap"]
    assert [a.headlines for a in page.articles] == [
        ["老茶馆重新开张"], ["雷鸟队逆转夺下总冠军", "队史第三座冠军奖杯入袋"]]
    assert page.articles[0].blocks[-1].text == "镇上的老茶馆上个月重新开张，店里保留了木桌竹椅，"


# the last story of a printed page, then at the next page's top a band of headlines read
# across two stories (a title, then the next story's kicker after a gap) over that next
# story's title, which exclaims
TITLES_AND_A_KICKER_AT_A_PAGE_TOP = """港南區公所表示，明年將編列
新台幣1500萬元改善夜市排水與
照明，讓老夜市走得更長遠。
A14 責任編輯：馬超 美編：馬玉
\f第A15版 城市 雲嶺晨報 2025年6月4日 星期三
「幸福味道」飄滿社區長者食堂 消防科技：
無人機夜間搜救 被困驢友3小時獲救！
本報記者 邵夢琪
上午11時，和平里社區長者
食堂已經坐滿了老人。紅燒魚塊、
清炒西蘭花、番茄蛋湯，兩葷兩素
一湯，老年人憑卡就餐只需12
元，80歲以上老人還能再減3元。
本報記者 邵夢琪 攝
這家食堂開業一年多來，每天
為周邊300多位老人提供午餐和晚
餐。食堂負責人潘麗華説，菜品由
營養師搭配，少油少鹽、軟爛易
嚼，每週菜單提前在社區公告欄和
微信羣公佈。
對於行動不便的老人，食堂還
提供送餐上門服務。社區招募了
48名志願者組成「送餐小分
隊」，風雨無阻。
"""


def test_a_title_under_a_band_of_titles_and_a_kicker_at_a_page_top_stands_alone():
    """Under a line of titles side by side ending with a kicker (`… 消防科技：`), at the top of a
    printed page (no story's text above it there), a title that exclaims is a headline (L23),
    and so is that line: neither is a paragraph."""
    page = reflow.analyze(TITLES_AND_A_KICKER_AT_A_PAGE_TOP)
    title = "無人機夜間搜救 被困驢友3小時獲救！"
    # (a form feed ends no line)
    no = TITLES_AND_A_KICKER_AT_A_PAGE_TOP.split("\n").index(title) + 1
    assert [d.lines for d in page.decisions if d.rule == "L23"] == [(no, no)]
    heads = [h for a in page.articles for h in a.headlines]
    assert "「幸福味道」飄滿社區長者食堂 消防科技：" in heads and title in heads
    assert not [b.text for a in page.articles for b in a.blocks if "消防科技" in b.text]
