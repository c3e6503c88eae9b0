"""Where results go, as they come: standard output, one file, or one file per input in a folder.

Results arrive in input order, one input's pieces together (a JSON-lines input comes in chunks), and
are written at once, so a corpus streams through. Several pages in one stream are joined the way
one reader can split them again: `* * *` between text pages, a JSON array of pages.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .files import AtomicWriter

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
        self.file = AtomicWriter(path, encoding, errors) if path else None
        self.count = 0

    def _put(self, text: str) -> None:
        if self.file is not None:
            self.file.write(text)
        else:
            sys.stdout.buffer.write(text.encode(self.encoding, self.errors))

    def write(self, index: int, text: str, first_piece: bool = True) -> None:
        if not text:
            return
        if self.several and first_piece:
            if self.fmt in ("text", "markdown") and self.count:
                self._put(INPUT_SEPARATOR)
            elif self.fmt == "json":
                self._put(",\n" if self.count else "[\n")
            self.count += 1
        self._put(text.rstrip("\n") if self.several and self.fmt == "json" else text)
        if self.file is None:
            sys.stdout.buffer.flush()

    def close(self, ok: bool = True) -> None:
        if self.several and self.fmt == "json":
            self._put("\n]\n" if self.count else "[]\n")
        if self.file is not None:
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
        self.open: tuple[int, AtomicWriter] | None = None

    def target(self, index: int) -> Path:
        rel = Path(self.rels[index])
        return self.folder / (rel if self.jsonl[index] else rel.with_suffix(EXTENSIONS[self.fmt]))

    def write(self, index: int, text: str, first_piece: bool = True) -> None:
        if self.open is None or self.open[0] != index:
            self._finish()
            path = self.target(index)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.open = (index, AtomicWriter(str(path), self.encoding, self.errors))
        self.open[1].write(text)

    def _finish(self, ok: bool = True) -> None:
        if self.open is not None:
            self.open[1].commit() if ok else self.open[1].discard()
            self.open = None

    def close(self, ok: bool = True) -> None:
        self._finish(ok)
