"""Faults through the command line (a real subprocess): outputs that are not regular files, two
inputs for one output, files rewritten in place, signals, closed and full streams, bad JSON lines.

Nothing here writes to a system path. Outputs that are not regular files are FIFOs and symbolic
links made in the test's folder (a link to /dev/null or /dev/full stands for a device: before the
fix the link itself was replaced, after it the device is written as a stream). /dev/full is
only ever standard output. A folder that cannot be made is a path under a regular file
(`file/sub`), which no user, root included, can create; permission bits would not stop root.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PAGE_A, PAGE_B

PAGE_T = "城南公園完成改造\n\n　　本報訊　城南公園的步道和長椅已經全部更新，附近居民\n傍晚常來散步。\n"


def one_error(done: subprocess.CompletedProcess, needle: str) -> None:
    """Exactly one line on stderr, `reflow: error: ...` holding `needle`, and no traceback."""
    assert done.stderr.startswith("reflow: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert needle in done.stderr and "Traceback" not in done.stderr, done.stderr


# 1. -o names a FIFO, a device or a link ------------------------------------------------------

def test_output_to_a_fifo_is_written_as_a_stream(run, tmp_path, pages):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = run("a.txt", "-o", "pipe")
    reader.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert got and "城南小学" in got[0].decode("utf-8")       # the reader got the text
    assert fifo.is_fifo()


def test_output_to_a_link_replaces_its_target(run, tmp_path, pages):
    (tmp_path / "target.txt").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("target.txt")
    done = run("a.txt", "-o", "link.txt")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.txt").is_symlink()
    assert "城南小学" in (tmp_path / "target.txt").read_text(encoding="utf-8")


def test_output_to_a_link_to_a_device_writes_the_device(run, tmp_path, pages):
    (tmp_path / "null").symlink_to(os.devnull)
    done = run("a.txt", "-o", "null")
    assert done.returncode == 0 and (tmp_path / "null").is_symlink(), done.stderr
    (tmp_path / "full").symlink_to("/dev/full")
    done = run("a.txt", "-o", "full")
    assert done.returncode == 2 and (tmp_path / "full").is_symlink()
    one_error(done, "full: cannot write: No space left on device")


# 2. two inputs, one output -------------------------------------------------------------------

def test_two_inputs_for_one_output_file_are_refused(run, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(PAGE_A, encoding="utf-8")
    done = run("a/", "b/", "-o", "out/")
    assert done.returncode == 2
    one_error(done, "both a/x.txt and b/x.txt")
    assert not (tmp_path / "out").exists()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "p.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "c" / "p.text").write_text(PAGE_B, encoding="utf-8")
    done = run("c/", "--glob", "p.*", "-o", "out/")
    assert done.returncode == 2
    one_error(done, "both c/p.text and c/p.txt")
    assert not (tmp_path / "out").exists()


# 3. -i keeps the file's identity ------------------------------------------------------------

def test_in_place_writes_through_a_link(run, tmp_path, pages):
    (tmp_path / "link.txt").symlink_to("a.txt")
    done = run("-i", "link.txt")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") != PAGE_A


def test_in_place_keeps_hard_links(run, tmp_path, pages):
    os.link(tmp_path / "a.txt", tmp_path / "twin.txt")
    done = run("-i", "a.txt")
    assert done.returncode == 0, done.stderr
    assert os.path.samefile(tmp_path / "a.txt", tmp_path / "twin.txt")
    assert (tmp_path / "twin.txt").read_text(encoding="utf-8") != PAGE_A


def test_in_place_keeps_owner_group_and_mode(run, tmp_path, pages):
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root (CI runs as root)")
    page = tmp_path / "a.txt"
    os.chown(page, 1234, 2345)
    page.chmod(0o640)
    done = run("-i", "a.txt")
    assert done.returncode == 0, done.stderr
    st = page.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 2345, 0o640)
    assert page.read_text(encoding="utf-8") != PAGE_A


@pytest.mark.parametrize("encoding,bom", [("gb18030", b""), ("big5", b""),
                                          ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"\xff\xfe"),
                                          ("utf-8", b"\xef\xbb\xbf")])
def test_in_place_writes_back_in_the_encoding_it_read(run, tmp_path, encoding, bom):
    text = PAGE_T if encoding == "big5" else PAGE_A
    page = tmp_path / "page.txt"
    page.write_bytes(bom + text.encode(encoding))
    done = run("-i", "page.txt")
    assert done.returncode == 0, done.stderr
    data = page.read_bytes()
    assert data.startswith(bom)
    result = data[len(bom):].decode(encoding)           # strict: it is that encoding
    assert result != text and result.splitlines()[0] == text.splitlines()[0]
    assert run("--check", "page.txt").returncode == 0     # and reads back as clean


def test_in_place_refuses_a_character_the_encoding_cannot_hold(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE_T.encode("big5"))
    done = run("-i", "--convert", "t2s", "page.txt")      # Simplified characters: not in Big5
    assert done.returncode == 2
    assert "in big5; nothing written" in done.stderr and "Traceback" not in done.stderr
    assert page.read_bytes() == PAGE_T.encode("big5")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# 4. SIGTERM ----------------------------------------------------------------------------------

def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigterm_stops_the_workers_and_removes_temporary_files(tmp_path, cli_env):
    (tmp_path / "in").mkdir()
    page = "\n".join([PAGE_A, PAGE_B] * 150)
    for i in range(40):
        (tmp_path / "in" / f"{i:02}.txt").write_text(page, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "reflow", "in/", "-o", "out/", "-j", "2"],
                            cwd=tmp_path, env=cli_env, stdin=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "out").glob("*.txt")) and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = children(proc.pid)
    assert workers and proc.poll() is None, "the run ended before it could be stopped"
    proc.terminate()
    assert proc.wait(timeout=60) == 143
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]
    assert not list((tmp_path / "out").glob(".*"))          # no hidden .NAME.XXXX.tmp
    assert len(list((tmp_path / "out").glob("*.txt"))) < 40


# 5-8. JSON lines ------------------------------------------------------------------------------

def jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode())
                    + b"\n" for r in records)


def test_bad_utf8_record_is_reported_and_the_others_go_on(run, tmp_path):
    bad = b'{"id": 2, "text": "\xff"}'
    records = jsonl({"id": 1, "text": PAGE_A}, bad, {"id": 3, "text": PAGE_B})
    (tmp_path / "r.jsonl").write_bytes(records)
    done = run("r.jsonl", "-j", "1")
    assert done.returncode == 2
    one_error(done, "r.jsonl:2: not valid UTF-8")
    assert [json.loads(l)["id"] for l in done.stdout.splitlines()] == [1, 3]
    done = run("r.jsonl", "-o", "out.jsonl")                 # -o too: the others are written
    assert done.returncode == 2
    written = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == [1, 3]
    done = run("r.jsonl", "--errors", "replace", "-o", "out.jsonl")
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert json.loads(written[1])["text"] == "\ufffd\n"


def test_lone_surrogate_is_a_record_error(run, tmp_path):
    (tmp_path / "r.jsonl").write_bytes(jsonl(b'{"text": "\\ud800 \xe4\xb8\xad"}', {"text": PAGE_A}))
    done = run("r.jsonl")
    assert done.returncode == 2
    one_error(done, "r.jsonl:1: field 'text' holds a lone surrogate \\ud800")
    assert "城南小学" in json.loads(done.stdout)["text"]


def test_json_format_on_records_has_furniture_and_unplaced(run, tmp_path):
    (tmp_path / "r.jsonl").write_bytes(jsonl({"id": 1, "text": PAGE_A}))
    record = json.loads(run("r.jsonl", "-f", "json").stdout)
    assert {"id", "text", "articles", "furniture", "unplaced"} <= set(record)


@pytest.mark.parametrize("value,kind", [(None, "null"), (5, "a number"), (["x"], "a list")])
def test_record_whose_field_is_not_a_string_is_kept_and_reported(run, tmp_path, value, kind):
    (tmp_path / "r.jsonl").write_bytes(jsonl({"id": 1, "text": value}, {"id": 2, "text": PAGE_B}))
    done = run("r.jsonl")
    assert done.returncode == 2
    one_error(done, f"r.jsonl:1: field 'text' is {kind}, not a string")
    assert [json.loads(l) for l in done.stdout.splitlines()][0] == {"id": 1, "text": value}


def test_jsonl_format_on_records_is_refused(run, tmp_path):
    (tmp_path / "r.jsonl").write_bytes(jsonl({"text": PAGE_A}))
    done = run("r.jsonl", "-f", "jsonl")
    assert done.returncode == 2 and done.stdout == ""
    assert "use --format text" in done.stderr


def test_deeply_nested_record_is_bad_input(run, tmp_path):
    (tmp_path / "r.jsonl").write_bytes(jsonl(b"[" * 100_000 + b"]" * 100_000, {"text": PAGE_A}))
    done = run("r.jsonl")
    assert done.returncode == 2
    one_error(done, "r.jsonl:1: nested too deep")


# 9. error paths: one line, exit 2 (quiet for a closed pipe) ----------------------------------

@pytest.mark.parametrize("address,needle", [("tcp://127.0.0.1:1", "Timed out"),
                                            ("nonsense://x", "unknown address")])
def test_unreachable_dask_scheduler(run, pages, address, needle):
    started = time.monotonic()
    done = run("a.txt", "--dask", address, "--dask-timeout", "1")
    assert done.returncode == 2
    one_error(done, needle)
    assert time.monotonic() - started < 25
    assert "Traceback" in run("a.txt", "--dask", address, "--dask-timeout", "1", "--debug").stderr


def test_output_folder_that_cannot_be_made(run, tmp_path, pages):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    done = run("a.txt", "b.txt", "-o", "file/sub/")
    assert done.returncode == 2
    one_error(done, "file/sub: cannot make this folder")
    done = run("a.txt", "-o", "file/sub/out.txt")
    assert done.returncode == 2
    one_error(done, "cannot write")


def run_shell(tmp_path: Path, env: dict[str, str], line: str) -> subprocess.CompletedProcess:
    """`line` in sh, with $REFLOW the command (for redirections Python cannot make otherwise)."""
    env = {**env, "REFLOW": f"{sys.executable} -m reflow"}
    return subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


def test_full_standard_output(tmp_path, cli_env, pages):
    done = run_shell(tmp_path, cli_env, "$REFLOW a.txt > /dev/full")
    assert done.returncode == 2
    one_error(done, "standard output: cannot write: No space left on device")
    assert "Traceback" in run_shell(tmp_path, cli_env, "$REFLOW a.txt --debug > /dev/full").stderr


def test_closed_standard_output(tmp_path, cli_env, pages):
    done = run_shell(tmp_path, cli_env, "$REFLOW a.txt >&-")
    assert done.returncode == 2
    one_error(done, "standard output is closed")
    done = run_shell(tmp_path, cli_env, "$REFLOW --check a.txt >&-")   # writes nothing there: fine
    assert done.returncode == 1, done.stderr


def test_dash_output_is_standard_output(run, pages):
    done = run("a.txt", "-o", "-")
    assert done.returncode == 0 and "城南小学" in done.stdout


def test_closed_pipe_ends_quietly(tmp_path, cli_env):
    (tmp_path / "in").mkdir()
    for i in range(30):
        page = "\n".join([PAGE_A, PAGE_B] * 40)
        (tmp_path / "in" / f"{i:02}.txt").write_text(page, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "reflow", "in/", "-j", "1"], cwd=tmp_path,
                            env=cli_env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(10)
    proc.stdout.close()                                   # the reader goes away, as head does
    assert proc.wait(timeout=120) == 141
    assert proc.stderr is not None and proc.stderr.read() == b""


# 10. an internal TypeError is an internal error -------------------------------------------------

def test_internal_type_error_is_exit_3(tmp_path, cli_env, pages):
    # reflow's own code raising TypeError (put there by the test, as a bug would)
    code = ("import sys, reflow.batch as b\n"
            "def broken(*a, **k): raise TypeError('unsupported operand')\n"
            "b.analyze_run = broken\n"
            "from reflow.cli import main\n"
            "main(sys.argv[1:])\n")
    for debug in ([], ["--debug"]):
        done = subprocess.run([sys.executable, "-c", code, "a.txt", *debug], cwd=tmp_path,
                              env=cli_env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 3, done.stderr
        assert "internal error: TypeError: unsupported operand" in done.stderr
        assert ("Traceback" in done.stderr) == bool(debug)


# 11. --check, --diff and -i with markdown ------------------------------------------------------

@pytest.mark.parametrize("flag", ["--check", "--diff", "-i"])
def test_markdown_cannot_be_checked_or_rewritten(run, pages, flag):
    done = run(flag, "-f", "markdown", "a.txt")
    assert done.returncode == 2
    one_error(done, "use --format text")


def test_check_summary_counts_a_failed_file_as_failed(run, tmp_path, pages):
    (tmp_path / "bad.toml").write_text('[[rule]]\nid = "HX01"\nname = "bad"\npattern = "城"\n'
                                       'replacement = "成"\n', encoding="utf-8")
    done = run("--check", "--rules", "bad.toml", "a.txt")
    assert done.returncode == 3
    summary = "0 files would be reflowed, 0 files would be left unchanged, 1 file failed."
    assert summary in done.stderr


# 12. a missing rules file: once, before any input ------------------------------------------------

def test_missing_rules_file_is_one_usage_error(run, pages):
    done = run("a.txt", "b.txt", "missing.txt", "--rules", "nope.toml")
    assert done.returncode == 2
    one_error(done, "nope.toml")
    assert "missing.txt" not in done.stderr and done.stdout == ""


def test_broken_rules_file_is_one_error(run, tmp_path, pages):
    (tmp_path / "broken.toml").write_text("[[rule]\n", encoding="utf-8")
    done = run("a.txt", "b.txt", "--rules", "broken.toml")
    assert done.returncode == 2
    one_error(done, "broken.toml")


# 15. rule ids are case-insensitive ------------------------------------------------------------

def test_rule_ids_are_case_insensitive(run):
    upper, lower = run("rules", "SP01"), run("rules", "sp01")
    assert lower.returncode == 0 and lower.stdout == upper.stdout
    assert lower.stdout.startswith("SP01 ")


def test_missing_shared_folder_is_said_at_the_end_of_the_run(tmp_path, cli_env):
    from conftest import ROOT
    clone = tmp_path / "clone"                    # a clone with no ../shared beside it
    clone.mkdir()
    for name in ("tests/conftest.py", "tests/test_real_pages.py", "setup.cfg"):
        (clone / name).parent.mkdir(exist_ok=True)
        (clone / name).write_bytes((ROOT / name).read_bytes())
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_real_pages.py"], cwd=clone, env=cli_env, capture_output=True,
                          text=True, timeout=300)
    assert "skipped" in done.stdout
    assert f"NOTE: {tmp_path / 'shared'} is absent:" in done.stdout, done.stdout


def test_example_page_masthead_is_furniture(run):
    from conftest import ROOT
    page = json.loads(run(ROOT / "examples" / "page.txt", "-f", "json").stdout)
    expected = json.loads((ROOT / "examples" / "page.expected.json").read_text(encoding="utf-8"))
    assert page["furniture"] == expected["furniture"] and page["unplaced"] == []
    assert not run(ROOT / "examples" / "page.txt").stdout.rstrip().endswith("滨江日报")
