"""Rule selection, rules files, project configuration, `reflow rules` and `--inline-only`."""
from __future__ import annotations

import pytest

import reflow

SPACED_OUT = "总投资 1.5 亿元，规划用地面积 5.2 万平方米。"
HOUSE = r'''
# house.toml: our paper writes 公里 as km, and keeps the spaces around numbers
[[rule]]
id = "HS01"
name = "kilometre-as-km"
description = "Our house style writes the unit 公里 after a number as km."
pattern = '(?<=\d)\s*公里'
replacement = "km"
deletes = true
examples = [ { before = "全长28.6公里", after = "全长28.6km" } ]
'''


def test_select_and_ignore_by_id_and_prefix():
    assert reflow.normalize(SPACED_OUT) == "总投资1.5亿元，规划用地面积5.2万平方米。"
    assert reflow.normalize(SPACED_OUT, ignore="SP01") == SPACED_OUT
    assert reflow.normalize(SPACED_OUT, ignore=["SP"]) == SPACED_OUT
    assert reflow.normalize(SPACED_OUT, select="SP02") == SPACED_OUT  # only SP02: nothing to do
    assert reflow.normalize(SPACED_OUT, select="SP01,SP02") == "总投资1.5亿元，规划用地面积5.2万平方米。"


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_unknown_rule_name_is_an_error_that_names_it(key):
    with pytest.raises(reflow.ConfigError, match="XX9"):
        reflow.normalize("字", **{key: "XX9"})


def test_selecting_a_layout_rule_says_select_is_for_inline_rules():
    """`select` picks among the inline rules; a layout rule's id, which `reflow rules` lists,
    is not unknown: the error says what select is for and how to switch the rule off."""
    with pytest.raises(reflow.ConfigError, match=r"inline rules: 'L10' names line rules.*"
                                                 r"--ignore L10"):
        reflow.analyze("字", select="L10")
    assert reflow.analyze("字", select="SP01", ignore="L10").articles is not None


def test_unknown_option_is_a_type_error():
    with pytest.raises(TypeError, match="colour"):
        reflow.analyze("字", colour="red")


def test_ignoring_a_layout_rule_switches_it_off():
    page = "青山日报 综合\n山里的学校迎来新操场。\n\f青山日报 综合\n孩子们在新操场上奔跑，笑声传遍了山村。\n"
    assert reflow.analyze(page).to_dict()["furniture"] == ["青山日报 综合", "青山日报 综合"]
    assert reflow.analyze(page, ignore="L02").to_dict()["furniture"] == []


def test_user_file_adds_a_rule_and_disables_a_default(tmp_path):
    house = tmp_path / "house.toml"
    house.write_text(HOUSE, encoding="utf-8")
    text = "地铁全长 28.6 公里。"
    assert reflow.normalize(text, rules=[str(house)], ignore="SP01") == "地铁全长 28.6km。"
    assert reflow.normalize(text, rules=[str(house)]) == "地铁全长28.6km。"
    assert reflow.normalize(text) == "地铁全长28.6公里。"


def test_unknown_key_in_a_rules_file_is_an_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[width]\nfull_slak = 3\n", encoding="utf-8")
    with pytest.raises(reflow.ConfigError, match="full_slak"):
        reflow.normalize("字", rules=[str(bad)])
    bad.write_text(
        '[[rule]]\nid = "ZZ01"\nname = "z"\npattern = "z"\nreplace = "y"\n', encoding="utf-8"
    )
    with pytest.raises(reflow.ConfigError, match="replace"):
        reflow.normalize("字", rules=[str(bad)])


def test_project_file_is_found_upward_and_no_config_skips_it(tmp_path, run):
    (tmp_path / "reflow.toml").write_text('ignore = ["SP01"]\n', encoding="utf-8")
    sub = tmp_path / "pages" / "2025"
    sub.mkdir(parents=True)
    (sub / "p.txt").write_text(SPACED_OUT + "\n", encoding="utf-8")
    done = run("--inline-only", "pages/2025/p.txt", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == SPACED_OUT + "\n"
    done = run("--inline-only", "--no-config", "pages/2025/p.txt", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == "总投资1.5亿元，规划用地面积5.2万平方米。\n"


def test_pyproject_tool_reflow_table(tmp_path, run):
    (tmp_path / "pyproject.toml").write_text('[tool.reflow]\nignore = ["SP"]\n', encoding="utf-8")
    (tmp_path / "p.txt").write_text(SPACED_OUT + "\n", encoding="utf-8")
    done = run("--inline-only", "p.txt", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == SPACED_OUT + "\n"


def test_bad_project_file_is_a_one_line_error(tmp_path, run):
    (tmp_path / "reflow.toml").write_text('selekt = ["SP01"]\n', encoding="utf-8")
    (tmp_path / "p.txt").write_text("字\n", encoding="utf-8")
    done = run("p.txt", cwd=tmp_path)
    assert done.returncode == 2 and "selekt" in done.stderr and "Traceback" not in done.stderr


def test_cli_select_ignore_and_unknown(run, tmp_path):
    (tmp_path / "p.txt").write_text(SPACED_OUT + "\n", encoding="utf-8")
    assert run("--inline-only", "--ignore", "SP01", "p.txt").stdout == SPACED_OUT + "\n"
    done = run("--select", "NOPE", "p.txt")
    assert done.returncode == 2 and "NOPE" in done.stderr
    done = run("--inline-only", "-f", "json", "p.txt")
    assert done.returncode == 2


def test_rules_command_lists_and_shows(run):
    listed = run("rules")
    assert listed.returncode == 0
    ids = [line.split()[0] for line in listed.stdout.splitlines()]
    assert {"L10", "S04", "SP01"} <= set(ids) and len(ids) == len(set(ids))
    shown = run("rules", "SP01")
    assert shown.returncode == 0 and "总投资 1.5 亿元" in shown.stdout and "总投资1.5亿元" in shown.stdout
    assert run("rules", "XX99").returncode == 2


def test_inline_only_explain_names_the_rules(run, tmp_path):
    (tmp_path / "p.txt").write_text(SPACED_OUT + "\n", encoding="utf-8")
    done = run("--inline-only", "--explain", "p.txt")
    assert done.returncode == 0 and "L1 SP01" in done.stderr


def test_inline_only_explain_reports_a_space_it_kept(run, tmp_path):
    (tmp_path / "p.txt").write_text("获奖者：赵鹏 文静。\n", encoding="utf-8")
    done = run("--inline-only", "--explain", "p.txt")
    assert done.stdout == "获奖者：赵鹏 文静。\n"
    assert "L1 SP11 kept the space in 赵鹏 文静" in done.stderr


TRAD_PAGE = "南港社區新增長照站\n\n本報訊（記者 陳大文）南港社區今日啟用新的長照站，為長者提供「共餐」服務。\n\n林小明 攝\n"


def test_convert_reaches_every_part_of_the_article():
    page = reflow.analyze(TRAD_PAGE, convert="t2s").to_dict()
    article = page["articles"][0]
    assert article["headlines"] == ["南港社区新增长照站"]
    assert article["blocks"][0]["text"] == "本报讯（记者 陈大文）南港社区今日启用新的长照站，为长者提供「共餐」服务。"
    assert article["credits"] == ["林小明 摄"]
    assert article["byline"] == "记者 陈大文"


def test_quotes_follow_only_when_asked():
    text = reflow.analyze(TRAD_PAGE, convert="t2s", quotes="curly").to_dict()["articles"][0]
    assert "“共餐”" in text["blocks"][0]["text"]
    assert reflow.normalize("他说：“好。”", quotes="corner") == "他说：「好。」"
    assert reflow.normalize("他说：“好。”") == "他说：“好。”"


def test_convert_edits_are_explained_and_can_be_ignored(run, tmp_path):
    (tmp_path / "p.txt").write_text(TRAD_PAGE, encoding="utf-8")
    done = run("--convert", "t2s", "--explain", "p.txt")
    assert done.returncode == 0 and "CV01" in done.stderr and "本报讯" in done.stdout
    assert "本報訊" in run("--convert", "t2s", "--ignore", "CV01", "p.txt").stdout


def test_unknown_conversion_is_a_usage_error(run, tmp_path):
    (tmp_path / "p.txt").write_text(TRAD_PAGE, encoding="utf-8")
    done = run("--convert", "x2y", "p.txt")
    assert done.returncode == 2 and "t2s" in done.stderr
    with pytest.raises(reflow.ConfigError):
        reflow.normalize("字", quotes="square")
