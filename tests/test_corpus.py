"""Corpus use through a real subprocess: folders, -o DIR, JSON lines, -j, failures, progress,
Dask."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import termios
import subprocess
import sys

import pytest

import reflow

from conftest import PAGE_A, PAGE_B

PAGES = [PAGE_A, PAGE_B, PAGE_A.replace("二十", "三十"), PAGE_B.replace("一年", "两年")]


@pytest.fixture
def corpus(tmp_path):
    """corpus/2024/a.txt, corpus/2024/b.txt, corpus/2025/deep/c.txt, corpus/d.txt, plus a .md
    file."""
    root = tmp_path / "corpus"
    paths = [
        root / "2024" / "a.txt",
        root / "2024" / "b.txt",
        root / "2025" / "deep" / "c.txt",
        root / "d.txt",
    ]
    for path, page in zip(paths, PAGES):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    (root / "notes.md").write_text(PAGE_B, encoding="utf-8")
    return root


def jsonl_file(path, pages, extra=True):
    with open(path, "w", encoding="utf-8") as f:
        for i, page in enumerate(pages):
            record = {"id": i, "text": page, "meta": {"paper": "城南晚报"}} if extra else {"text": page}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_output_folder_mirrors_the_input_folder(run, corpus, tmp_path):
    done = run("corpus", "-o", "out", "-j", "2")
    assert done.returncode == 0, done.stderr
    made = sorted(
        str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file()
    )
    assert made == ["2024/a.txt", "2024/b.txt", "2025/deep/c.txt", "d.txt"]
    assert (tmp_path / "out" / "2025" / "deep" / "c.txt").read_text(
        encoding="utf-8"
    ) == reflow.reflow_text(PAGES[2])
    done = run("corpus", "-o", "md/", "-f", "markdown", "--glob", "*.md")
    assert done.returncode == 0 and (tmp_path / "md" / "notes.md").read_text(encoding="utf-8") == \
        reflow.reflow_text(PAGE_B, format="markdown")


def test_several_inputs_keep_input_order_with_any_number_of_jobs(run, corpus):
    one = run("corpus", "-f", "jsonl", "-j", "1")
    two = run("corpus", "-f", "jsonl", "-j", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    sources = [json.loads(line)["source"] for line in one.stdout.splitlines()]
    assert sorted(set(sources), key=sources.index) == [str(p) for p in (
        "corpus/2024/a.txt", "corpus/2024/b.txt", "corpus/2025/deep/c.txt", "corpus/d.txt")]
    text = run("corpus", "-j", "2").stdout
    assert text == "\n* * *\n\n".join(reflow.reflow_text(p) for p in PAGES)


def test_jsonl_field_is_replaced_and_other_fields_kept(run, tmp_path):
    jsonl_file(tmp_path / "in.jsonl", PAGES)
    done = run("in.jsonl", "-j", "2")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in records] == [0, 1, 2, 3]
    assert all(r["meta"] == {"paper": "城南晚报"} for r in records)
    assert [r["text"] for r in records] == [reflow.reflow_text(p) for p in PAGES]
    with_articles = [json.loads(line) for line in run("in.jsonl", "-f", "json").stdout.splitlines()]
    assert with_articles[1]["text"] == PAGES[1]
    assert with_articles[1]["articles"] == reflow.analyze(PAGES[1]).to_dict()["articles"]


def test_jsonl_named_field_from_stdin(run, tmp_path):
    lines = "".join(json.dumps({"body": p}, ensure_ascii=False) + "\n" for p in PAGES[:2])
    done = run("-", "--jsonl-field", "body", input=lines)
    assert [json.loads(line)["body"] for line in done.stdout.splitlines()] == [
        reflow.reflow_text(p) for p in PAGES[:2]
    ]


def test_a_bad_record_is_reported_with_file_and_line_and_the_others_go_on(run, tmp_path):
    path = jsonl_file(tmp_path / "in.jsonl", PAGES[:2])
    with open(path, "a", encoding="utf-8") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": 9, "title": "no text"}) + "\n")
        f.write(json.dumps({"id": 10, "text": PAGE_B}, ensure_ascii=False) + "\n")
    done = run("in.jsonl", "-j", "2")
    assert done.returncode == 2
    assert "in.jsonl:3: not a JSON object" in done.stderr
    assert "in.jsonl:4: field 'text' is missing" in done.stderr
    # the record without the field is written as it was (none of its fields lost)
    assert [json.loads(line).get("id") for line in done.stdout.splitlines()] == [0, 1, 9, 10]
    stopped = run("in.jsonl", "--fail-fast", "-j", "1")
    assert stopped.returncode == 2 and "in.jsonl:4" not in stopped.stderr


def test_a_file_that_fails_does_not_stop_the_others(run, corpus, tmp_path):
    (corpus / "2024" / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    done = run("corpus", "-o", "out", "-j", "2")
    assert done.returncode == 2 and "bad.txt" in done.stderr
    assert (tmp_path / "out" / "d.txt").is_file() and not (
        tmp_path / "out" / "2024" / "bad.txt"
    ).exists()


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, corpus):
    done = run("corpus", "-j", "2")
    assert done.returncode == 0 and done.stderr == ""


def test_progress_bar_on_a_terminal_and_quiet_silences_it(corpus, cli_env, tmp_path):
    def stderr_on_a_tty(*args):
        main, side = pty.openpty()
        fcntl.ioctl(
            side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0)
        )  # a terminal has a size
        done = subprocess.run(
            [sys.executable, "-m", "reflow", *args],
            cwd=tmp_path,
            env=cli_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=side,
            timeout=120,
        )
        os.close(side)
        chunks = []
        while True:
            try:
                data = os.read(main, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(main)
        return done, b"".join(chunks).decode("utf-8", "replace")
    done, err = stderr_on_a_tty("corpus", "-j", "1")
    assert done.returncode == 0 and "reflow:" in err and "B/s" in err
    assert done.stdout.decode("utf-8") == "\n* * *\n\n".join(reflow.reflow_text(p) for p in PAGES)
    done, err = stderr_on_a_tty("corpus", "-j", "1", "--quiet")
    assert done.returncode == 0 and err == ""


@pytest.mark.slow
def test_memory_stays_flat_as_a_jsonl_corpus_grows(tmp_path, cli_env):
    """Peak memory is set by the largest record, not by the file: 4x the records, about the same."""
    page = PAGE_A * 3

    def peak_rss_kb(n: int) -> int:
        jsonl_file(tmp_path / f"{n}.jsonl", [page] * n, extra=False)
        code = ("import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'reflow', "
                f"'{n}.jsonl', '-j', '1', '--inline-only', '-o', 'out{n}.jsonl'], check=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return int(done.stdout)
    small, large = peak_rss_kb(2000), peak_rss_kb(8000)      # about 2 MB and 8 MB of records
    assert (tmp_path / "out8000.jsonl").stat().st_size > 4 * (
        tmp_path / "out2000.jsonl"
    ).stat().st_size * 0.9
    assert large < small * 1.15 + 4096, (small, large)


@pytest.mark.slow
def test_dask_cluster_gives_the_same_bytes_as_one_process(run, corpus, tmp_path):
    import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        done = run("corpus", "-o", "dask_out", "--dask", cluster.scheduler_address)
        assert done.returncode == 0, done.stderr
        jsonl_file(tmp_path / "in.jsonl", PAGES)
        on_dask = run("in.jsonl", "--dask", cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            from dask import bag
            from reflow.dask import reflow_texts
            assert reflow_texts(bag.from_sequence(PAGES, npartitions=2)).compute() == \
                [reflow.reflow_text(p) for p in PAGES]
    assert run("corpus", "-o", "local_out", "-j", "1").returncode == 0
    for p in (tmp_path / "local_out").rglob("*.txt"):
        assert (
            p.read_bytes()
            == (tmp_path / "dask_out" / p.relative_to(tmp_path / "local_out")).read_bytes()
        )
    assert on_dask.stdout == run("in.jsonl", "-j", "1").stdout
