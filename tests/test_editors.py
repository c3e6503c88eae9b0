"""Editors and hooks through a real subprocess: --check, --diff, -i, stdin, diagnostics, exit codes.

Also the Python side editors use: `format_text` and `NothingChanged`, and `diagnose`, whose quick
fixes must add up to the formatted text.
"""
from __future__ import annotations

import json
import os
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

import reflow
from reflow.locate import apply

from conftest import PAGE_A

CLEAN_A = reflow.reflow_text(PAGE_A)
# A user rule that changes a Han character without saying it deletes: the conservation check refuses
# it.
BAD_RULE = '[[rule]]\nid = "HX01"\nname = "bad"\npattern = "树"\nreplacement = "木"\n'


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PAGE_A, encoding="utf-8")
    return path


def test_check_exit_codes_and_message(run, page, tmp_path):
    done = run("--check", page.name)
    assert done.returncode == 1 and done.stdout == ""
    assert "would reflow a.txt" in done.stderr and "1 file would be reflowed" in done.stderr
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN_A, encoding="utf-8")
    done = run("--check", "clean.txt")
    assert done.returncode == 0 and "would reflow" not in done.stderr
    assert run("--check", "missing.txt").returncode == 2
    assert page.read_text(encoding="utf-8") == PAGE_A          # --check writes nothing


def test_check_keeps_windows_line_endings(run, tmp_path):
    clean = tmp_path / "crlf.txt"
    clean.write_bytes(CLEAN_A.replace("\n", "\r\n").encode("utf-8"))
    assert run("--check", "crlf.txt").returncode == 0


def test_diff_is_a_unified_diff_of_the_change(run, page):
    done = run("--diff", page.name)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "--- a.txt\t(original)" and lines[1] == "+++ a.txt\t(reflowed)"
    assert lines[2].startswith("@@ ")
    assert "+" + CLEAN_A.splitlines()[2] in lines        # the rejoined paragraph
    assert "-带领下，在操场边种下了二十棵小树。孩子们给每棵树都起了" in lines
    assert run("--diff", "--check", page.name).returncode == 1


def test_in_place_rewrites_keeps_mode_and_leaves_no_temp_file(run, page, tmp_path):
    os.chmod(page, 0o640)
    done = run("-i", page.name)
    assert done.returncode == 0 and done.stdout == "" and "reflowed a.txt" in done.stderr
    assert page.read_text(encoding="utf-8") == CLEAN_A
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    before = page.stat().st_mtime_ns
    done = run("-i", page.name)                               # nothing to change: not rewritten
    assert done.returncode == 0 and page.stat().st_mtime_ns == before
    assert "1 file left unchanged" in done.stderr


def test_in_place_never_damages_the_file_on_error(run, page, tmp_path):
    (tmp_path / "bad.toml").write_text(BAD_RULE, encoding="utf-8")
    done = run("-i", "--rules", "bad.toml", page.name)
    assert done.returncode == 3 and "HX01" in done.stderr
    assert page.read_text(encoding="utf-8") == PAGE_A
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "bad.toml"]


@pytest.mark.parametrize("args,message", [
    (["-i", "-"], "standard input cannot be rewritten"),
    (["-i", "--check", "a.txt"], "choose one"),
    (["--check", "-f", "json", "a.txt"], "use --format text"),
    (["-i", "-o", "out.txt", "a.txt"], "-o cannot be combined"),
    (["-o", "a.txt", "a.txt"], "use -i to rewrite a file in place"),
])
def test_usage_errors_exit_2_and_write_nothing(run, page, args, message):
    done = run(*args, input="")
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""
    assert page.read_text(encoding="utf-8") == PAGE_A


def test_stdin_filter_and_stdin_filename(run, tmp_path):
    done = run("-", input=PAGE_A)
    assert done.returncode == 0 and done.stdout == CLEAN_A
    # the name finds the project file beside it, and names the input in messages
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "reflow.toml").write_text('spacing = "spaced"\n', encoding="utf-8")
    text = "总投资 1.5 亿元。\n"
    assert run("-", "--inline-only", input=text).stdout == "总投资1.5亿元。\n"
    spaced = run("-", "--inline-only", "--stdin-filename", "sub/p.txt", input=text)
    assert spaced.stdout == text
    assert (
        "would reflow sub/p.txt"
        in run("-", "--check", "--stdin-filename", "sub/p.txt", input=PAGE_A).stderr
    )


def test_diagnostics_are_json_lines_with_code_point_columns(run, tmp_path):
    (tmp_path / "d.txt").write_text("𠮷字总投资 1.5 亿元。\n", encoding="utf-8")
    done = run("-f", "diagnostics", "--inline-only", "d.txt")
    assert done.returncode == 0
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["rule"] for r in records] == ["SP01", "SP01"]
    first = records[0]
    assert (
        first["file"] == "d.txt" and first["replacement"] == "" and first["severity"] == "warning"
    )
    # 𠮷 is one code point (two UTF-16 units): the space after 总投资 is column 6
    assert first["start"] == {"line": 1, "column": 6} and first["end"] == {"line": 1, "column": 7}
    assert "no-space-cjk-halfwidth" in first["message"]


def test_diagnostics_of_a_page_hold_the_explain_records(run, page):
    done = run("-f", "diagnostics", page.name)
    explained = run("--explain", page.name).stderr.splitlines()
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == len(explained)
    assert {r["rule"] for r in records} == {line.split()[1] for line in explained}


def test_format_text_signals_nothing_changed():
    assert reflow.format_text(PAGE_A) == CLEAN_A
    with pytest.raises(reflow.NothingChanged):
        reflow.format_text(CLEAN_A)
    with pytest.raises(reflow.NothingChanged):
        reflow.format_text(CLEAN_A.replace("\n", "\r\n"))


MIXED = st.lists(
    st.sampled_from(
        list("中文字词能源政策 　，。,.:;!?()（）“”abcXYZ019１２ＡＢ%￥…\t") + ["...", "  "]
    ),
    max_size=40,
).map("".join)


@given(MIXED, st.sampled_from(["compact", "spaced"]))
def test_quick_fixes_add_up_to_the_formatted_text(text, spacing):
    """Each inline edit's fix, applied to the input at its range, gives what `normalize` gives:
    the diagnostics place every edit where it belongs."""
    located = reflow.diagnose(text, inline_only=True, spacing=spacing)
    assert apply(text, located) == reflow.normalize(text, spacing=spacing)


def test_quick_fixes_of_a_page_fix_its_spacing_in_place():
    page = "城南小学\n\n　　总投资 1.5 亿元，带动就业 300\n人。\n"
    fixed = apply(page, reflow.diagnose(page))
    assert fixed == "城南小学\n\n　　总投资1.5亿元，带动就业300\n人。\n"
