"""Many inputs: the unit of work, run in this process or in a pool, results back in input order.

A `Job` is one page (a file, standard input) or a chunk of JSON-lines records; `run_job` turns it
into a `Done` without touching the terminal or the file system, so the same function runs here
(`-j 1`), in worker processes (`-j N`) or on a Dask cluster. `ordered_map` keeps at most a few
jobs in flight, so memory stays bounded by the largest page, not by the corpus.
"""
from __future__ import annotations

import difflib
import json
import re
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .config import ConfigError
from .engine import (ConservationError, NothingChanged, UnstableOutput, format_run,
                     normalize_run)
from .locate import diagnostics
from .model import Page
from .pdf.errors import PdfError
from .pipeline import WINDOW_JOINS, analyze_run, noted_windows
from .render import render
from .run import Run

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Task:
    """What to make of each page: the run (options resolved once) and the command line's choices."""

    run: Run
    fmt: str = "text"
    mode: str = "render"          # render | diagnostics | format (--check, --diff, -i)
    inline_only: bool = False
    explain: bool = False
    source: bool = False          # json/jsonl records carry "source" (several inputs)
    field: str | None = None      # JSON lines: the field that holds the page
    diff: bool = False            # format mode: also the unified diff
    fail_fast: bool = False       # JSON lines: stop at the first record that fails
    debug: bool = False
    pages: str | None = None      # PDFs: the pages to read (`2-3,5`), None for all


@dataclass(frozen=True)
class Job:
    label: str                    # the input's name in messages and in "source"
    task: Task
    text: str = ""                # a page
    records: tuple[tuple[int, str], ...] = ()   # or JSON lines: (line number, line)
    index: int = 0                # which input it comes from (outputs of one input stay together)
    size: int = 0                 # bytes of input, for progress
    error: str | None = None      # the input could not be read: this message instead of work
    encoding: str = ""            # how the input was decoded, for --explain
    pdf: bytes | None = None      # or a PDF file's bytes
    first_line: int = 1           # a window of a large input (`read.windows`): its first line,
    joined: bool = False          # whether it follows another window of the same input,
    note: str = ""                # and the warning it comes with (a paragraph may be cut)


@dataclass
class Done:
    label: str
    index: int = 0
    size: int = 0
    output: str | None = None     # what to write (None: nothing, e.g. an unchanged file)
    diff: str = ""                # format mode with --diff
    explain: list[str] = field(default_factory=list)
    errors: list[tuple[str, int]] = field(default_factory=list)   # (one-line message, exit code)
    warnings: list[str] = field(default_factory=list)   # about the input, once per page
    records: int = 0              # JSON lines read


def run_job(job: Job) -> Done:
    """One job, every failure caught and reported as a message naming the input (and line)."""
    done = Done(job.label, job.index, job.size)
    if job.error is not None:
        done.errors.append((job.error, 2))
        return done
    if job.task.explain and job.encoding:
        done.explain.append(f"encoding: {job.encoding}")
    if job.task.field is not None:
        out = []
        for no, line in job.records:
            done.records += 1
            explained = len(done.explain)
            try:
                out.append(_record(line, job.task, done, f"{job.label}:{no}"))
            except Exception as e:
                done.errors.append(_failure(e, f"{job.label}:{no}", job.task.debug))
                if job.task.fail_fast:
                    break
            finally:
                # (each record's decisions say which record, by its line in the file)
                done.explain[explained:] = [f"record {no}: {x}" for x in done.explain[explained:]]
        done.output = "".join(o for o in out if o)
        return done
    try:
        if job.pdf is not None:
            done.output = _pdf(job.pdf, job.task, done, job.label)
        else:
            done.output = _page(job.text, job.task, done, job.label, job.first_line, job.joined)
            done.warnings += [job.note] if job.note else []
            if job.first_line == 1 and looks_like_jsonl(job.text):
                done.warnings.append(JSONL_HINT)
            if job.first_line == 1 and job.task.pages:
                done.warnings.append("--pages picks pages of a PDF; this input is text, read whole")
    except Exception as e:
        done.errors.append(_failure(e, job.label, job.task.debug))
    return done


JSONL_HINT = ("it looks like JSON lines (an object a line), read as text: to reflow each "
              "record's text, give --jsonl-field NAME or name the file *.jsonl")


def looks_like_jsonl(text: str) -> bool:
    """The text's first line is a JSON object with a string in it (`{"id": 1, "text": "…"}`):
    JSON lines given as a page of text (standard input, a file not named `*.jsonl`)."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip()
    if not (first.startswith("{") and first.endswith("}")):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and any(isinstance(v, str) for v in record.values())


def windowed(task: Task) -> bool:
    """Whether pages are read in windows of bounded size (`read.windows`): rendered, in a format
    whose windows can be joined; `--check`, `--diff`, `-i`, diagnostics and JSON read them whole."""
    return task.mode == "render" and not task.inline_only and task.fmt in WINDOW_JOINS


def _page(text: str, task: Task, done: Done, label: str, first_line: int = 1,
          joined: bool = False) -> str | None:
    """One page read once: its record serves `--explain` and the output alike."""
    run = task.run
    if windowed(task):
        return _windows(text, task, done, label, first_line, joined)
    if task.inline_only:
        normalized: str | None
        normalized, page = normalize_run(text, run)
    else:
        normalized, page = None, analyze_run(text, run)
        done.warnings += page.warnings
    if task.explain:
        done.explain += page.explain()
    if task.mode == "diagnostics":
        located = diagnostics(text, page, run.names(), inline_output=normalized)
        return "".join(json.dumps(d.to_dict(label), ensure_ascii=False) + "\n" for d in located)
    if task.mode == "format":
        # the first pass is the page read above (format_run reads text with "\n" endings)
        first = render(page, task.fmt) if normalized is None else (
            normalized if "\r" not in text else None)
        try:
            result = format_run(text, run, task.fmt, task.inline_only, first=first)
        except NothingChanged:
            return None
        if task.diff:
            done.diff = unified_diff(text, result, label)
        return result
    if normalized is not None:
        return normalized
    return _rendered(page, task, label)


def _windows(text: str, task: Task, done: Done, label: str, first_line: int,
             joined: bool) -> str:
    """A page read window by window (one window unless it is longer than `read.WINDOW_LINES`
    lines): each analyzed, explained and rendered in turn, so memory holds one window's work.
    `first_line`: the input line of `text`'s first; `joined`: a window of the input came before."""
    out: list[str] = []
    for window, note in noted_windows([text]):
        page = analyze_run(window.text, task.run, first_line + window.first_line - 1)
        done.warnings += page.warnings + ([note] if note else [])
        if task.explain:
            done.explain += page.explain()
        rendered = _rendered(page, task, label)
        out.append(WINDOW_JOINS[task.fmt] + rendered if rendered and (out or joined) else rendered)
    return "".join(out)


def _rendered(page: Page, task: Task, label: str) -> str:
    """The page in the task's format; with several inputs, JSON records carry their "source"."""
    rendered = render(page, task.fmt)
    if task.source and task.fmt == "json":
        return (
            json.dumps({"source": label, **json.loads(rendered)}, ensure_ascii=False, indent=2)
            + "\n"
        )
    if task.source and task.fmt == "jsonl":
        return "".join(json.dumps({"source": label, **json.loads(line)}, ensure_ascii=False) + "\n"
                       for line in rendered.splitlines() if line.strip())
    return rendered


def _pdf(data: bytes, task: Task, done: Done, label: str) -> str | None:
    """A PDF read directly (reflow.pdf): rendered, explained or diagnosed like a page of text,
    the diagnostics placed in its text layer."""
    from .pdf.pipeline import analyze_pdf_run
    if task.mode == "format" or task.inline_only:
        raise InputError("a PDF cannot be rewritten or checked in place; read it with -f or -o")
    page, layer = analyze_pdf_run(data, _pages(task.pages), task.run)
    if task.explain:
        done.explain += page.explain()
    if task.mode == "diagnostics":
        located = diagnostics(layer, page, task.run.names())
        return "".join(json.dumps(d.to_dict(label), ensure_ascii=False) + "\n" for d in located)
    return _rendered(page, task, label)


def _pages(spec: str | None) -> set[int] | None:
    from .pdf import parse_pages
    try:
        return parse_pages(spec)
    except ValueError as e:
        raise InputError(str(e)) from None


def _record(line: str, task: Task, done: Done, where: str) -> str:
    """A JSON-lines record with its page field replaced by the clean text (or, in JSON format,
    with `articles` added); every other field as it was."""
    if not line.strip():
        return ""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"not a JSON object: {e.msg} (column {e.colno})") from None
    except RecursionError:
        raise InputError("nested too deep to read") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {_json_kind(record)}")
    text = record.get(task.field)
    if not isinstance(text, str):
        # reported (exit 2) and written as it was, so that none of its fields is lost
        what = "missing" if task.field not in record else f"{_json_kind(text)}, not a string"
        message = f"{where}: field {task.field!r} is {what}; the record is left as it was"
        done.errors.append((message, 2))
        return line if line.endswith("\n") else line + "\n"
    if (bad := _SURROGATE.search(text)) and not _SURROGATE.search(line):
        raise InputError(f"field {task.field!r} holds a lone surrogate \\u{ord(bad.group()):04x} "
                         "(an escape that is not a character)")
    if task.fmt == "json":
        record.update(analyze_run(text, task.run).to_dict())   # articles, furniture, unplaced
    else:
        record[task.field] = _page(text, task, done, where) or ""
    del text                    # a large record: only its result is held while it is written
    out = json.dumps(record, ensure_ascii=False)
    del record
    if (bad := _SURROGATE.search(out)) and not _SURROGATE.search(line):
        raise InputError(f"a lone surrogate \\u{ord(bad.group()):04x} in the record "
                         "(an escape that is not a character)")
    return out + "\n"


# Lone surrogates: a JSON escape such as \ud800 that is not half of a pair. Not characters, so
# no UTF encoding can write them; the raw line holds some only when read with surrogateescape.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_kind(value: Any) -> str:
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number",
             str: "a string", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"{name}\t(original)", f"{name}\t(reflowed)")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


class InputError(ValueError):
    """A record reflow cannot read (exit 2, like any input error)."""


def _failure(e: Exception, where: str, debug: bool) -> tuple[str, int]:
    """A one-line message naming the input, and the exit code it calls for."""
    what = " ".join(str(e).split()) or type(e).__name__
    if isinstance(e, (InputError, ConfigError, PdfError)):   # a TypeError here is internal
        return f"{where}: {what}", 2
    trace = "\n" + traceback.format_exc().rstrip() if debug else ""
    if isinstance(e, (ConservationError, UnstableOutput)):
        return f"{where}: {what}{trace}", 3
    hint = trace or " (run with --debug for the traceback)"
    return f"{where}: internal error: {type(e).__name__}: {what}{hint}", 3


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int = 1,
                submit: Callable[[Callable[[T], R], T], Future[R]] | None = None) -> Iterator[R]:
    """`func` over `items` in input order: here with `jobs` 1, else in a pool of `jobs` processes
    (or through `submit`, e.g. a Dask client's), with at most 2 x jobs items in flight."""
    if jobs <= 1 and submit is None:
        yield from map(func, items)
        return
    pool = ProcessPoolExecutor(jobs, initializer=_default_signals) if submit is None else None
    send = submit or pool.submit  # type: ignore[union-attr]
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(send(func, item))
            if len(pending) >= 2 * max(jobs, 1):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:               # Ctrl-C, SIGTERM, an error: stop the workers now
        if pool is not None:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        raise
    finally:
        for f in pending:
            f.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _default_signals() -> None:
    """In a worker: SIGTERM kills it (the parent's handler, inherited by fork, would not)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def chunks(
    lines: Iterable[tuple[int, str]], size: int = 256, limit: int = 1 << 20
) -> Iterator[tuple[tuple[int, str], ...]]:
    """JSON lines in chunks of `size` records or about `limit` characters: a job big enough to be
    worth sending to another process, small enough to keep memory flat."""
    chunk: list[tuple[int, str]] = []
    total = 0
    for item in lines:
        chunk.append(item)
        total += len(item[1])
        if len(chunk) >= size or total >= limit:
            yield tuple(chunk)
            chunk, total = [], 0
    if chunk:
        yield tuple(chunk)
