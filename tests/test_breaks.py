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
