"""Bad and unusual input through the command line: each case a real file, its exit code and message.

Encodings, binary files, broken bytes, line endings, sizes and an English page: reflow reads what
it can, refuses what it cannot with one line that says what and where, and writes nothing then.
"""
from __future__ import annotations

import codecs
import json

import pytest

import reflow

SIMPLIFIED = "城南公园完成改造\n\n　　本报讯　城南公园的步道和长椅已经全部更新，附近居民傍晚常来散步。\n"
TRADITIONAL = "城南公園完成改造\n\n　　本報訊　城南公園的步道和長椅已經全部更新，附近居民傍晚常來散步。\n"
HONG_KONG = "街坊話公園改造好咗\n\n　　本報訊　街坊話：「公園嘅步道同長椅都換晒新㗎。」\n"
CLEAN_S = reflow.reflow_text(SIMPLIFIED)
CLEAN_T = reflow.reflow_text(TRADITIONAL)
BAD_RULE = '[[rule]]\nid = "HX01"\nname = "bad"\npattern = "园"\nreplacement = "圆"\n'

# (id, bytes of the file, extra arguments, exit code, text expected in stdout or stderr)
CASES = [
    ("utf-8", SIMPLIFIED.encode("utf-8"), [], 0, CLEAN_S),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), [], 0, CLEAN_S),
    ("utf-16 LE with BOM", SIMPLIFIED.encode("utf-16"), [], 0, CLEAN_S),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), [], 0, CLEAN_S),
    ("gb18030", SIMPLIFIED.encode("gb18030"), [], 0, CLEAN_S),
    ("gbk", SIMPLIFIED.encode("gbk"), [], 0, CLEAN_S),
    ("gb2312", SIMPLIFIED.encode("gb2312"), [], 0, CLEAN_S),
    ("big5", TRADITIONAL.encode("big5"), [], 0, CLEAN_T),
    ("big5-hkscs", HONG_KONG.encode("big5hkscs"), [], 0, reflow.reflow_text(HONG_KONG)),
    ("big5 named", TRADITIONAL.encode("big5"), ["--encoding", "big5"], 0, CLEAN_T),
    ("cp936 alias named", SIMPLIFIED.encode("gbk"), ["--encoding", "cp936"], 0, CLEAN_S),
    (
        "unknown encoding",
        SIMPLIFIED.encode("utf-8"),
        ["--encoding", "klingon"],
        2,
        "Invalid value for '--encoding': unknown encoding 'klingon'",
    ),
    (
        "wrong encoding named",
        SIMPLIFIED.encode("utf-8"),
        ["--encoding", "ascii"],
        2,
        "undecodable byte 0xe5 at byte 0, line 1",
    ),
    ("NUL byte", b"abc\n\x00def", [], 2, "looks binary (NUL at byte 4)"),
    # an extractor's NUL for a glyph its font names no character for: the page is read, the NUL
    # kept where it was
    ("NUL in Chinese text", SIMPLIFIED.replace("。", "\x00。", 1).encode("utf-8"), [], 0,
     "散步\x00。"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], 2, "looks binary (NUL at byte 8)"),
    ("zip archive", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", [], 2, "looks binary (NUL at byte 5)"),
    (
        "bad byte on line 3",
        "一行\n二行\n三".encode("utf-8") + b"\xff\xfe\xfa" + "行\n".encode("utf-8"),
        [],
        2,
        "undecodable byte 0xff at byte 17, line 3",
    ),
    (
        "bad byte replaced",
        "一行\n二".encode("utf-8") + b"\xff" + "行\n".encode("utf-8"),
        ["--errors", "replace"],
        0,
        "\ufffd",
    ),
    ("CRLF", SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"), [], 0, CLEAN_S),
    ("CR only", SIMPLIFIED.replace("\n", "\r").encode("utf-8"), [], 0, CLEAN_S),
    ("mixed line endings", SIMPLIFIED.replace("\n", "\r\n", 1).encode("utf-8"), [], 0, CLEAN_S),
    ("empty", b"", [], 0, ""),
    ("white space only", b" \n\t\n\xe3\x80\x80\n\n", [], 0, ""),
    (
        "English only",
        b"Park reopens\n\nThe riverside park reopened on Monday after a year of work.\n",
        [],
        0,
        "The riverside park reopened on Monday after a year of work.",
    ),
    (
        "form feeds",
        ("第1版\n" + SIMPLIFIED + "\f第2版\n").encode("utf-8"),
        [],
        0,
        CLEAN_S.splitlines()[2],
    ),
    ("output in gb18030", SIMPLIFIED.encode("utf-8"), ["--output-encoding", "gb18030"], 0, CLEAN_S),
    ("output encoding cannot hold it", SIMPLIFIED.encode("utf-8"), ["--output-encoding", "big5"], 2,
     "cannot write '园' (U+56ED) in big5; nothing written"),
    ("rules file missing", SIMPLIFIED.encode("utf-8"), ["--rules", "nope.toml"], 2,
     "'nope.toml' does not exist"),
    ("rule id in lower case", SIMPLIFIED.encode("utf-8"), ["--ignore", "sp01,wd"], 0, CLEAN_S),
    ("dask address of no scheme", SIMPLIFIED.encode("utf-8"), ["--dask", "nonsense://x"], 2,
     "unknown address scheme 'nonsense'"),
]


@pytest.mark.parametrize("name,data,args,code,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_table(run, tmp_path, name, data, args, code, expected):
    (tmp_path / "page.txt").write_bytes(data)
    done = run("page.txt", *args, "-o", "out.txt")
    assert done.returncode == code, done.stderr
    out = tmp_path / "out.txt"
    if code:
        assert expected in done.stderr
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("reflow: error: ")
        assert "Traceback" not in done.stderr and not out.exists()        # nothing written
        return
    encoding = args[args.index("--output-encoding") + 1] if "--output-encoding" in args else "utf-8"
    written = out.read_bytes().decode(encoding)
    assert expected in written if expected else written == ""


# JSON lines: (id, bytes of r.jsonl, extra arguments, exit code, message on stderr, "id"s written)
GOOD = json.dumps({"id": 1, "text": SIMPLIFIED}, ensure_ascii=False).encode("utf-8")
LAST = json.dumps({"id": 9, "text": TRADITIONAL}, ensure_ascii=False).encode("utf-8")
JSONL_CASES = [
    ("good records", [GOOD, LAST], [], 0, "", [1, 9]),
    ("invalid UTF-8 in a record", [GOOD, b'{"id": 2, "text": "\xff"}', LAST], [], 2,
     "r.jsonl:2: not valid UTF-8 (byte 19 of the line)", [1, 9]),
    ("invalid UTF-8 replaced", [GOOD, b'{"id": 2, "text": "\xff"}', LAST], ["--errors", "replace"],
     0, "", [1, 2, 9]),
    ("lone surrogate", [GOOD, b'{"id": 2, "text": "\\ud800 x"}', LAST], [], 2,
     "r.jsonl:2: field 'text' holds a lone surrogate \\ud800", [1, 9]),
    ("field null", [GOOD, b'{"id": 2, "text": null}', LAST], [], 2,
     "r.jsonl:2: field 'text' is null, not a string", [1, 2, 9]),
    ("field a number", [b'{"id": 2, "text": 3}', LAST], [], 2,
     "r.jsonl:1: field 'text' is a number", [2, 9]),
    ("field missing", [b'{"id": 2}', LAST], [], 2, "r.jsonl:1: field 'text' is missing", [2, 9]),
    ("record a list", [b'[1]', LAST], [], 2, "r.jsonl:1: not a JSON object but a list", [9]),
    ("nested 100,000 deep", [b'[' * 100_000 + b']' * 100_000, LAST], [], 2,
     "r.jsonl:1: nested too deep", [9]),
    ("format jsonl on records", [GOOD], ["-f", "jsonl"], 2, "use --format text", []),
]


@pytest.mark.parametrize("name,lines,args,code,message,ids", JSONL_CASES,
                         ids=[c[0] for c in JSONL_CASES])
def test_bad_jsonl_table(run, tmp_path, name, lines, args, code, message, ids):
    (tmp_path / "r.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    done = run("r.jsonl", "-j", "1", *args)
    assert done.returncode == code, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("reflow: error: ") == (1 if code else 0)
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ids


def test_encoding_is_named_in_explain(run, tmp_path):
    (tmp_path / "page.txt").write_bytes(TRADITIONAL.encode("big5"))
    assert "encoding: big5 (detected)" in run("page.txt", "--explain").stderr


def test_surrogateescape_gives_undecodable_bytes_back(run, tmp_path):
    (tmp_path / "page.txt").write_bytes(
        "本报讯　公园".encode("utf-8") + b"\xff\xfe" + "开放。\n".encode("utf-8")
    )
    done = run("page.txt", "--errors", "surrogateescape", "-o", "out.txt")
    assert done.returncode == 0
    assert b"\xff\xfe" in (tmp_path / "out.txt").read_bytes()


def test_output_onto_its_input_is_refused(run, tmp_path):
    (tmp_path / "page.txt").write_bytes(SIMPLIFIED.encode("utf-8"))
    done = run("page.txt", "-o", "page.txt")
    assert done.returncode == 2 and "use -i" in done.stderr
    assert (tmp_path / "page.txt").read_bytes() == SIMPLIFIED.encode("utf-8")


def test_refused_output_exits_3_and_writes_nothing(run, tmp_path):
    (tmp_path / "page.txt").write_bytes(SIMPLIFIED.encode("utf-8"))
    (tmp_path / "bad.toml").write_text(BAD_RULE, encoding="utf-8")
    done = run("page.txt", "--rules", "bad.toml", "-o", "out.txt")
    assert done.returncode == 3 and "HX01" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.txt").exists()
    assert "Traceback" in run("page.txt", "--rules", "bad.toml", "--debug").stderr


def test_huge_line_and_many_short_lines_go_through(run, tmp_path):
    (tmp_path / "long.txt").write_text(
        "城南公园完成改造，" * 50_000 + "\n", encoding="utf-8"
    )  # 450k chars
    done = run("long.txt", "-o", "long.out")
    assert done.returncode == 0
    assert (tmp_path / "long.out").read_text(encoding="utf-8").count("城南公园") == 50_000
    (tmp_path / "many.txt").write_text("字\n" * 100_000, encoding="utf-8")
    done = run("many.txt", "-o", "many.out")
    assert done.returncode == 0
    assert (tmp_path / "many.out").read_text(encoding="utf-8").count("字") == 100_000


@pytest.mark.parametrize("call", [reflow.analyze, reflow.reflow_text, reflow.normalize,
                                  reflow.format_text, reflow.diagnose])
def test_the_api_given_bytes_says_to_decode_them(call):
    """A page passed as bytes is a `TypeError` that names the call and how to decode the bytes
    (not Python's `can only concatenate str (not "bytes") to str` from deep inside)."""
    with pytest.raises(TypeError, match=rf"{call.__name__}\(\) takes the page as str, not "
                                        r"bytes: decode it first \(`reflow\.decode\.decode"):
        call(SIMPLIFIED.encode("utf-8"))
    with pytest.raises(TypeError, match=rf"{call.__name__}\(\) takes the page as str, not "
                                        r"NoneType$"):
        call(None)
