"""Where results go, as they come: standard output, one file, or one file per input in a folder.

Results arrive in input order, one input's pieces together (a JSON-lines input comes in chunks), and
are written at once, so a corpus streams through. Several pages in one stream are joined the way
one reader can split them again: `* * *` between text pages, a JSON array of pages. Also what the
command line tells on stderr about its outputs: the progress bar, the summary of `--check` and
`-i`; and `-i`'s rewriting of a file.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from .files import (STDIN, AtomicWriter, FileError, Source, StreamWriter, open_output, size_of,
                    write_atomic)

INPUT_SEPARATOR = "\n* * *\n\n"  # between the outputs of two inputs
EXTENSIONS = {
    "text": ".txt",
    "markdown": ".md",
    "json": ".json",
    "jsonl": ".jsonl",
    "diagnostics": ".jsonl",
}


class Joined:
    """Every result in one stream (standard output, or one file written atomically)."""

    def __init__(self, fmt: str, several: bool, path: str | None = None, encoding: str = "utf-8",
                 errors: str = "strict") -> None:
        self.fmt, self.several, self.encoding, self.errors = fmt, several, encoding, errors
        self.file = open_output(path or STDIN, encoding, errors)
        self.count = 0
        self.wrote = False              # any result at all (an empty run leaves no file)

    def _put(self, text: str) -> None:
        self.file.write(text)

    def write(self, index: int, text: str, first_piece: bool = True) -> None:
        if not text:
            return
        self.wrote = True
        if self.several and first_piece:
            if self.fmt in ("text", "markdown") and self.count:
                self._put(INPUT_SEPARATOR)
            elif self.fmt == "json":
                self._put(",\n" if self.count else "[\n")
            self.count += 1
        self._put(text.rstrip("\n") if self.several and self.fmt == "json" else text)

    def close(self, ok: bool = True) -> None:
        if self.several and self.fmt == "json":
            self._put("\n]\n" if self.count else "[]\n")
        self.file.commit() if ok else self.file.discard()


class Folder:
    """One output file per input, at its relative path under a folder (created as needed), each
    written atomically; the extension says the format (a JSON-lines input keeps `.jsonl`)."""

    def __init__(
        self,
        folder: str,
        fmt: str,
        rels: list[str],
        jsonl: list[bool],
        encoding: str = "utf-8",
        errors: str = "strict",
    ) -> None:
        self.folder, self.fmt, self.rels, self.jsonl = Path(folder), fmt, rels, jsonl
        self.encoding, self.errors = encoding, errors
        self.open: tuple[int, AtomicWriter | StreamWriter] | None = None

    def target(self, index: int) -> Path:
        rel = Path(self.rels[index])
        return self.folder / (rel if self.jsonl[index] else rel.with_suffix(EXTENSIONS[self.fmt]))

    def clash(self) -> tuple[int, int, Path] | None:
        """Two inputs whose outputs would be the same file (a/x.txt and b/x.txt into one folder,
        p.txt and p.text): (first, second, target), found before anything is written."""
        seen: dict[Path, int] = {}
        for index in range(len(self.rels)):
            target = self.target(index)
            if target in seen:
                return seen[target], index, target
            seen[target] = index
        return None

    def write(self, index: int, text: str, first_piece: bool = True) -> None:
        if self.open is None or self.open[0] != index:
            self._finish()
            path = self.target(index)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise FileError(f"{path.parent}: cannot make this folder: {e.strerror or e}") from e
            # renamed into place whole, but not flushed to disk one by one: an fsync a page
            # cost more than reflowing it; after a crash a rerun writes what the disk lost
            self.open = (index, open_output(str(path), self.encoding, self.errors,
                                            durable=False))
        self.open[1].write(text)

    def _finish(self, ok: bool = True) -> None:
        if self.open is not None:
            self.open[1].commit() if ok else self.open[1].discard()
            self.open = None

    def close(self, ok: bool = True) -> None:
        self._finish(ok)


def rewrite(name: str, text: str, encoding: str | tuple[str, bytes], errors: str,
            debug: bool) -> bool:
    """-i: write `text` over the file `name`, in `encoding` or in (codec, BOM) as it was read; on
    failure say why (the file is left as it was) and return False."""
    codec, bom = (encoding, b"") if isinstance(encoding, str) else encoding
    try:
        write_atomic(name, text, codec, errors, bom)
        return True
    except FileError as e:
        click.echo(f"reflow: error: {e}", err=True)
        if debug:
            traceback.print_exception(e, file=sys.stderr)
        return False


def is_folder(output: str, inputs: tuple[str, ...]) -> bool:
    """-o names a folder (one output per input) when it is one, ends with `/`, or has no suffix
    while an input is a folder; else it is one file for everything."""
    path = Path(output)
    return (path.is_dir() or output.endswith(("/", os.sep))
            or (not path.suffix and any(i != STDIN and Path(i).is_dir() for i in inputs)))


def progress_bar(sources: list[Source], quiet: bool) -> Any:
    """A progress bar on stderr for work worth watching (several inputs or a few MB), only on a
    terminal and not with --quiet; a do-nothing stand-in otherwise."""
    total = sum(size_of(s) for s in sources)
    if quiet or not sys.stderr.isatty() or (len(sources) < 2 and total < 4 << 20):
        return NoProgress()
    from tqdm import tqdm
    return tqdm(total=total or None, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                desc="reflow", dynamic_ncols=True, leave=False)


class NoProgress:
    def update(self, n: int) -> None: ...
    def clear(self) -> None: ...
    def close(self) -> None: ...


def summary(changed: list[str], total: int, check: bool, in_place: bool, failed: int = 0) -> None:
    """On stderr, as black does: each file that (would) change, then the counts (a file that
    failed is counted as failed, not as unchanged)."""
    verb = "reflowed" if in_place else "would reflow"
    for name in changed:
        click.echo(f"{verb} {name}", err=True)
    same = total - len(changed) - failed
    files = lambda n: f"{n} file{'s' if n != 1 else ''}"
    done = "reflowed" if in_place else "would be reflowed"
    kept = "left unchanged" if in_place else "would be left unchanged"
    failures = f", {files(failed)} failed" if failed else ""
    click.echo(f"{files(len(changed))} {done}, {files(same)} {kept}{failures}.", err=True)
