"""Many inputs: the unit of work, run in this process or in a pool, results back in input order.

A `Job` is one page (a file, standard input) or a chunk of JSON-lines records; `run_job` turns it
into a `Done` without touching the terminal or the file system, so the same function runs here
(`-j 1`), in worker processes (`-j N`) or on a Dask cluster. `ordered_map` keeps at most a few
jobs in flight, so memory stays bounded by the largest page, not by the corpus.
"""
from __future__ import annotations

import difflib
import json
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
from .pipeline import analyze_run
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


@dataclass
class Done:
    label: str
    index: int = 0
    size: int = 0
    output: str | None = None     # what to write (None: nothing, e.g. an unchanged file)
    diff: str = ""                # format mode with --diff
    explain: list[str] = field(default_factory=list)
    errors: list[tuple[str, int]] = field(default_factory=list)   # (one-line message, exit code)
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
            try:
                out.append(_record(line, job.task, done, f"{job.label}:{no}"))
            except Exception as e:
                done.errors.append(_failure(e, f"{job.label}:{no}", job.task.debug))
                if job.task.fail_fast:
                    break
        done.output = "".join(o for o in out if o)
        return done
    try:
        done.output = _page(job.text, job.task, done, job.label)
    except Exception as e:
        done.errors.append(_failure(e, job.label, job.task.debug))
    return done


def _page(text: str, task: Task, done: Done, label: str) -> str | None:
    """One page read once: its record serves `--explain` and the output alike."""
    run = task.run
    if task.inline_only:
        normalized: str | None
        normalized, page = normalize_run(text, run)
    else:
        normalized, page = None, analyze_run(text, run)
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


def _record(line: str, task: Task, done: Done, where: str) -> str:
    """A JSON-lines record with its page field replaced by the clean text (or, in JSON format,
    with `articles` added); every other field as it was."""
    if not line.strip():
        return ""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"not a JSON object: {e.msg} (column {e.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get(task.field), str):
        raise InputError(f"no text field {task.field!r} in this record")
    text = record[task.field]
    if task.fmt == "json":
        record["articles"] = analyze_run(text, task.run).to_dict()["articles"]
    else:
        record[task.field] = _page(text, task, done, where) or ""
    return json.dumps(record, ensure_ascii=False) + "\n"


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
    if isinstance(e, (InputError, ConfigError)):
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
    pool = ProcessPoolExecutor(jobs) if submit is None else None
    send = submit or pool.submit  # type: ignore[union-attr]
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(send(func, item))
            if len(pending) >= 2 * max(jobs, 1):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


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
