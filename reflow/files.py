"""Reading inputs and writing outputs for the command line, safely.

Reading: `-` is standard input, a folder is every `*.txt` below it, a UTF-8 BOM is dropped.
Writing: never in place over a half-written file. The text goes to a temporary file in the target's
folder, is flushed to disk, takes the target's permissions and then replaces the target in one
rename, so a reader (or a crash) sees the old file or the new one, never a mix.
"""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import Decoded, DecodeError, decode

STDIN = "-"


class FileError(Exception):
    """An input that cannot be read or an output that cannot be written; the message names it."""


@dataclass(frozen=True)
class Source:
    path: str                     # as given or found; `-` for standard input
    rel: str  # its path below the folder it was found in (or its name): for -o DIR


def expand(inputs: tuple[str, ...], glob: str = "*.txt") -> list[Source]:
    """The inputs to read, in order: `-`, files as given, and the files below a folder that match
    `glob`, sorted by path. Every input is checked before any is read."""
    found: list[Source] = []
    for name in inputs:
        path = Path(name)
        if name == STDIN:
            found.append(Source(name, "stdin"))
        elif path.is_dir():
            files = sorted(p for p in path.rglob(glob) if p.is_file())
            if not files:
                raise FileError(f"{name}: no {glob} files in this folder")
            found += [Source(str(p), str(p.relative_to(path))) for p in files]
        elif not path.exists():
            raise FileError(f"{name}: no such file or folder")
        else:
            found.append(Source(name, path.name))
    return found


def size_of(source: Source) -> int:
    try:
        return 0 if source.path == STDIN else os.path.getsize(source.path)
    except OSError:
        return 0


def read_records(name: str, label: str) -> Iterator[tuple[int, str]]:
    """The lines of a JSON-lines input, numbered from 1, read one at a time (any size)."""
    try:
        stream = sys.stdin.buffer if name == STDIN else open(name, "rb")
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e
    with stream:
        for no, raw in enumerate(stream, start=1):
            try:
                yield no, raw.decode("utf-8-sig" if no == 1 else "utf-8")
            except UnicodeDecodeError as e:
                raise FileError(
                    f"{label}:{no}: not valid UTF-8 (byte {e.start} of the line)"
                ) from e


def read_text(
    name: str, label: str, encoding: str | None = None, errors: str = "strict"
) -> Decoded:
    """The text of file `name` (or standard input for `-`): in `encoding`, or in the one detected
    (UTF-8, UTF-16 with a BOM, GB18030, Big5; see `reflow.decode`)."""
    if name == STDIN and sys.stdin is None:
        raise FileError(f"{label}: standard input is closed")
    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e
    try:
        return decode(data, label, encoding, errors)
    except DecodeError as e:
        raise FileError(str(e)) from e


def newline_of(text: str) -> str:
    """The line ending a text uses (its first one), so that a rewritten file keeps it."""
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    return "\r" if i < 0 and "\r" in text else "\n"


def with_newline(text: str, newline: str) -> str:
    return text if newline == "\n" else text.replace("\n", newline)


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class AtomicWriter:
    """A file written in pieces that appears whole or not at all: a temporary file beside the
    target, flushed to disk, given the target's permissions (a new file's for a new target) and
    renamed over it on `commit`; `discard` (or an error) leaves the target as it was."""

    def __init__(self, path: str, encoding: str = "utf-8", errors: str = "strict") -> None:
        self.path, self.encoding, self.errors = Path(path), encoding, errors
        try:
            self.mode = stat.S_IMODE(self.path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0o022)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        except OSError as e:
            raise FileError(f"{path}: cannot write: {e.strerror or e}") from e
        try:
            fd, self.tmp = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as e:
            raise FileError(f"{path}: cannot write: {e.strerror or e}") from e
        self.file = os.fdopen(fd, "wb")

    def write(self, text: str) -> None:
        try:
            self.file.write(text.encode(self.encoding, self.errors))
        except OSError as e:
            self.discard()
            raise FileError(f"{self.path}: cannot write: {e.strerror or e}") from e

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)
        except OSError as e:
            self.discard()
            raise FileError(f"{self.path}: cannot write: {e.strerror or e}") from e

    def discard(self) -> None:
        self.file.close()
        Path(self.tmp).unlink(missing_ok=True)


def write_atomic(path: str, text: str, encoding: str = "utf-8", errors: str = "strict") -> None:
    """Replace (or create) `path` with `text` in one step, keeping its permissions."""
    out = AtomicWriter(path, encoding, errors)
    out.write(text)
    out.commit()
