"""The `reflow` command through a real subprocess: inputs, formats, streams, files and exit codes.

These tests are about the command, not about layout decisions: what the engine makes of a page is
compared with the library's own answer (`reflow.render(reflow.analyze(text), format)`), never with a
hand-written expectation.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

import reflow
from conftest import PAGE_A, PAGE_B

FORMATS = ["text", "markdown", "json", "jsonl"]
PAGE_KEYS = {"articles", "furniture", "unplaced"}
ARTICLE_KEYS = {"headlines", "byline", "blocks", "credits"}
HAN = re.compile(r"[\u3400-\u9fff]")


def library(text: str, fmt: str = "text") -> str:
    return reflow.render(reflow.analyze(text), fmt)


def one_line_error(done: subprocess.CompletedProcess, code: int) -> str:
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reflow: error: "), done.stderr
    return lines[0]


def check_article(article: dict) -> None:
    assert set(article) >= ARTICLE_KEYS
    assert all(isinstance(h, str) for h in article["headlines"])
    assert article["byline"] is None or isinstance(article["byline"], str)
    assert all(
        b["kind"] in ("paragraph", "subhead", "byline") and isinstance(b["text"], str)
        for b in article["blocks"]
    )
    assert all(isinstance(c, str) for c in article["credits"])


def check_page(page: dict) -> None:
    assert set(page) >= PAGE_KEYS
    for article in page["articles"]:
        assert set(article) == ARTICLE_KEYS
        check_article(article)
    assert all(isinstance(s, str) for s in page["furniture"] + page["unplaced"])


def han(text: str) -> set[str]:
    return set(HAN.findall(text))


# --- inputs -------------------------------------------------------------------------------------

def test_file_input(run, pages):
    done = run(pages[0])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.strip() and done.stdout.endswith("\n")
    assert done.stdout == library(PAGE_A)


def test_stdin_dash_and_implicit_stdin_match_file_input(run, pages):
    from_file = run(pages[0]).stdout
    dash = run("-", input=PAGE_A)
    implicit = run(input=PAGE_A)
    assert dash.returncode == implicit.returncode == 0
    assert dash.stdout == implicit.stdout == from_file


def test_utf8_bom_is_accepted(run, tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PAGE_A.encode("utf-8"))
    done = run("bom.txt")
    assert done.returncode == 0, done.stderr
    assert done.stdout == library(PAGE_A)


def test_no_arguments_with_a_terminal_is_a_usage_error(tmp_path, cli_env):
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reflow"],
            stdin=slave,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=cli_env,
            timeout=120,
        )
    finally:
        os.close(master)
        os.close(slave)
    one_line_error(done, 2)


def test_several_files_text_joined_by_separator_in_order(run, pages):
    done = run(*pages)
    assert done.returncode == 0, done.stderr
    assert done.stdout == library(PAGE_A) + "\n* * *\n\n" + library(PAGE_B)
    assert run(pages[1], pages[0]).stdout == library(PAGE_B) + "\n* * *\n\n" + library(PAGE_A)


def test_several_files_json_is_an_array_of_pages_with_source(run, pages):
    done = run("-f", "json", "a.txt", "b.txt")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [p["source"] for p in result] == ["a.txt", "b.txt"]
    for page, text in zip(result, (PAGE_A, PAGE_B)):
        check_page(page)
        assert {k: v for k, v in page.items() if k != "source"} == reflow.analyze(text).to_dict()


def test_several_files_jsonl_is_one_article_per_line_with_source(run, pages):
    done = run("--format", "jsonl", "a.txt", "b.txt")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    expected = [("a.txt", a.to_dict()) for a in reflow.analyze(PAGE_A).articles] + \
               [("b.txt", a.to_dict()) for a in reflow.analyze(PAGE_B).articles]
    assert [(r["source"], {k: v for k, v in r.items() if k != "source"}) for r in rows] == expected
    for row in rows:
        check_article(row)


def test_directory_input_reads_every_txt_below_it_sorted(run, tmp_path):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (folder / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(PAGE_B, encoding="utf-8")
    (folder / "notes.md").write_text("不是页面", encoding="utf-8")
    done = run("-f", "json", "pages")
    assert done.returncode == 0, done.stderr
    assert [p["source"] for p in json.loads(done.stdout)] == [
        os.path.join("pages", "a.txt"),
        os.path.join("pages", "b.txt"),
        os.path.join("pages", "sub", "c.txt"),
    ]
    text = run("pages")
    assert text.stdout == "\n* * *\n\n".join([library(PAGE_A), library(PAGE_B), library(PAGE_B)])


def test_directory_without_txt_files_is_an_input_error(run, tmp_path):
    (tmp_path / "empty").mkdir()
    assert "empty" in one_line_error(run("empty"), 2)


def test_file_named_like_the_default_command_is_given_as_dot_slash(run, tmp_path):
    (tmp_path / "format").write_text(PAGE_A, encoding="utf-8")
    done = run("./format")
    assert done.returncode == 0, done.stderr
    assert done.stdout == library(PAGE_A)


# --- formats ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_the_library_rendering(run, pages, fmt):
    done = run("-f", fmt, pages[0])
    assert done.returncode == 0, done.stderr
    assert done.stdout == library(PAGE_A, fmt)
    assert done.stdout.strip() and done.stdout.endswith("\n")


def test_json_is_the_page_dict_and_keeps_every_han_character(run, pages):
    done = run("-f", "json", pages[0])
    assert done.returncode == 0, done.stderr
    assert "\\u" not in done.stdout                     # ensure_ascii=False: Chinese stays readable
    page = json.loads(done.stdout)
    check_page(page)
    assert "source" not in page
    assert page == reflow.analyze(PAGE_A).to_dict()
    assert han(PAGE_A) <= han(done.stdout)


def test_jsonl_lines_are_articles_keeping_every_han_character(run, pages):
    done = run("-f", "jsonl", pages[0])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows
    for row in rows:
        check_article(row)
    page = reflow.analyze(PAGE_A).to_dict()
    kept = done.stdout + "".join(page["furniture"] + page["unplaced"])
    assert han(PAGE_A) <= han(kept)


# --- --explain, -o ------------------------------------------------------------------------------

def test_explain_goes_to_stderr_only(run, pages):
    plain = run(pages[0])
    explained = run("--explain", pages[0])
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout == plain.stdout
    assert plain.stderr == ""
    assert explained.stderr.splitlines() == reflow.analyze(PAGE_A).explain()


def test_explain_with_several_inputs_prefixes_the_file(run, pages):
    done = run("--explain", "a.txt", "b.txt")
    assert done.returncode == 0, done.stderr
    expected = [f"a.txt: {line}" for line in reflow.analyze(PAGE_A).explain()] + \
               [f"b.txt: {line}" for line in reflow.analyze(PAGE_B).explain()]
    assert done.stderr.splitlines() == expected
    assert done.stdout == run("a.txt", "b.txt").stdout


def test_output_option_writes_the_file(run, pages, tmp_path):
    out = tmp_path / "out" / "clean.txt"
    out.parent.mkdir()
    out.write_text("old content\n", encoding="utf-8")
    done = run("-o", out, pages[0])
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert out.read_text(encoding="utf-8") == library(PAGE_A)
    assert os.listdir(out.parent) == ["clean.txt"]      # no temporary file left behind


def test_output_into_a_missing_folder_is_an_error(run, pages, tmp_path):
    one_line_error(run("--output", tmp_path / "nowhere" / "clean.txt", pages[0]), 2)
    assert not (tmp_path / "nowhere").exists()


# --- errors and information ---------------------------------------------------------------------

def test_missing_file_is_a_one_line_input_error(run):
    line = one_line_error(run("no-such-page.txt"), 2)
    assert "no-such-page.txt" in line


def test_missing_file_among_several_prints_nothing(run, pages):
    one_line_error(run("a.txt", "missing.txt"), 2)


def test_invalid_utf8_names_the_byte(run, tmp_path):
    (tmp_path / "bad.txt").write_bytes("第一行\n".encode("utf-8") + b"\xff\xfe\n")
    line = one_line_error(run("bad.txt"), 2)
    assert line == (
        "reflow: error: bad.txt: not valid UTF-8 (or GB18030/Big5): undecodable byte 0xff "
        "at byte 10, line 2"
    )


def test_invalid_utf8_on_stdin(run):
    line = one_line_error(run("-", input=b"ok\x80"), 2)
    assert "not valid UTF-8 (or GB18030/Big5): undecodable byte 0x80 at byte 2, line 1" in line


@pytest.mark.parametrize(
    "args", [["--format", "xml", "a.txt"], ["-f"], ["--no-such-option", "a.txt"]]
)
def test_bad_options_are_usage_errors(run, pages, args):
    one_line_error(run(*args), 2)


def test_version(run):
    done = run("--version")
    assert done.returncode == 0
    assert reflow.__version__ in done.stdout


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_teaches_formats_examples_and_exit_codes(run, flag):
    done = run(flag)
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: reflow ")
    for needle in ["Examples:", "Exit codes:", "markdown", "jsonl", "--explain", "--output"]:
        assert needle in done.stdout
    codes = done.stdout.split("Exit codes:")[1]
    assert all(re.search(rf"^\s+{c}\s", codes, re.M) for c in "023")


def test_a_one_line_input_larger_than_a_window_is_warned_of_at_line_1(run, tmp_path):
    """A single line longer than a window is read in windows; the warning names line 1, the
    line a paragraph may be cut in (lines count from 1 everywhere), not line 0."""
    page = tmp_path / "long.txt"
    page.write_text("今天市民在公园散步，" * 21000 + "\n", encoding="utf-8")
    done = run(str(page))
    assert done.returncode == 0, done.stderr
    assert "a paragraph may be cut at line 1 and at later window ends" in done.stderr


def test_json_lines_read_as_text_are_warned_of_with_the_option_to_read_them(run, tmp_path):
    """JSON lines on standard input (or in a file not named *.jsonl) are read as a page of text,
    as asked; a warning says how to reflow each record's text instead. A page whose first line
    is text, and JSON lines read as such, bring no warning."""
    record = '{"id": 1, "text": "城南公园完成改造\\n本报讯 城南公园的步道已经全部更新。"}\n'
    hint = "it looks like JSON lines (an object a line), read as text: to reflow each record's"
    done = run("-", input=record)
    assert done.returncode == 0 and hint in done.stderr and "--jsonl-field NAME" in done.stderr
    as_text = tmp_path / "records.txt"
    as_text.write_text(record, encoding="utf-8")
    assert hint in run(str(as_text)).stderr
    done = run("-", "--jsonl-field", "text", input=record)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["text"] == "城南公园完成改造\n\n本报讯 城南公园的步道已经全部更新。\n"
    assert run("-", input="{不是JSON}\n本报讯 城南公园的步道已经全部更新。\n").stderr == ""


@pytest.mark.parametrize("name, expected", [("out.json", "json"), ("out.jsonl", "jsonl"),
                                            ("out.md", "markdown"), ("out.txt", "text")])
def test_an_output_file_is_written_in_the_format_its_suffix_names(run, pages, tmp_path, name,
                                                                   expected):
    """`-o out.json` without `-f` writes JSON (and so on), the same bytes as `-f json`; an `-f`
    given wins over the suffix."""
    target = tmp_path / name
    assert run(pages[0], "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == library(PAGE_A, expected)
    assert run(pages[0], "-f", "text", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == library(PAGE_A)


def test_pages_given_for_a_text_input_is_warned_of(run, pages):
    """`--pages` picks pages of a PDF; given for a text input, the input is read whole, and a
    warning says so rather than nothing."""
    done = run(pages[0], "--pages", "2")
    assert done.returncode == 0 and done.stdout == library(PAGE_A)
    assert "--pages picks pages of a PDF; this input is text, read whole" in done.stderr


def test_explain_on_json_lines_names_each_records_line(run, tmp_path):
    """`--explain` on JSON lines says which record each decision is about (its line in the
    file); `--format jsonl` there says which formats JSON lines come out in."""
    path = tmp_path / "pages.jsonl"
    path.write_text('{"text": "城南公园完成改造\\n本报讯 城南公园的步道已经全部更新。"}\n'
                    '{"text": "城北菜场重新开门\\n本报讯 城北菜场昨天重新开门迎客。"}\n',
                    encoding="utf-8")
    done = run(str(path), "--explain")
    assert done.returncode == 0, done.stderr
    explained = done.stderr.splitlines()
    assert explained and all(l.startswith(("record 1: L", "record 2: L")) for l in explained)
    assert any(l.startswith("record 2: ") for l in explained)
    message = one_line_error(run(str(path), "-f", "jsonl"), 2)
    assert "--format jsonl does not apply to JSON-lines input" in message
