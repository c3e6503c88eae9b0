"""Reading inputs and writing outputs for the command line, safely.

Reading: `-` is standard input, a folder is every `*.txt` below it, a UTF-8 BOM is dropped.
Writing: never in place over a half-written file. The text goes to a temporary file in the target's
folder, is flushed to disk, takes the target's permissions and then replaces the target in one
rename, so a reader (or a crash) sees the old file or the new one, never a mix.
"""
from __future__ import annotations

import codecs
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import BINARY_SAMPLE, Decoded, DecodeError, check_binary, decode

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


@dataclass(frozen=True)
class Unreadable:
    """A JSON-lines line that is not text: reported as a bad record, the others go on."""
    message: str


def read_lines(name: str, label: str,
               errors: str = "strict") -> Iterator[tuple[int, str | Unreadable]]:
    """The lines of a JSON-lines input, numbered from 1, read one at a time (any size). A line
    that is not UTF-8 comes as `Unreadable` (with `errors` "strict"), or decoded with `errors`."""
    if name == STDIN and sys.stdin is None:
        raise FileError(f"{label}: standard input is closed")
    try:
        stream = sys.stdin.buffer if name == STDIN else open(name, "rb")
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e
    with stream:
        for no, raw in enumerate(stream, start=1):
            codec = "utf-8-sig" if no == 1 else "utf-8"
            try:
                line: str | Unreadable = raw.decode(codec, errors)
            except UnicodeDecodeError as e:
                line = Unreadable(f"not valid UTF-8 (byte {e.start} of the line); "
                                  "--errors replace reads it with U+FFFD")
            del raw                 # a record of 60 MB: its bytes go before its text is reflowed
            yield no, line


def read_text(
    name: str, label: str, encoding: str | None = None, errors: str = "strict",
    data: bytes | None = None,
) -> Decoded:
    """The text of file `name` (or standard input for `-`): in `encoding`, or in the one detected
    (UTF-8, UTF-16 with a BOM, GB18030, Big5; see `reflow.decode`). `data`: its bytes, already
    read."""
    if data is None:
        data = read_bytes(name, label)
    try:
        return decode(data, label, encoding, errors)
    except DecodeError as e:
        raise FileError(str(e)) from e


# A UTF-8 file larger than this is read in pieces of this size, never whole (`stream_text`).
PIECE_BYTES = 1 << 16


def stream_text(name: str, label: str, encoding: str | None = None,
                errors: str = "strict") -> Iterator[str] | None:
    """The text of a large UTF-8 file (or one named UTF-8 by `encoding`) in pieces of about
    `PIECE_BYTES`, so that the file is never in memory whole. None for standard input, a small
    file, or a file that is not plain UTF-8 text (a byte-order mark, a NUL byte, another
    encoding, a byte that is not UTF-8): `read_text` reads those whole, detects their
    encoding and names the bad byte. A first pass checks the whole file, so that no piece is
    given before the file is known to be readable."""
    if name == STDIN or errors != "strict":
        return None
    try:
        if encoding is not None and codecs.lookup(encoding).name != "utf-8":
            return None
        info = os.stat(name)        # before opening: a FIFO is read once, by read_text
        if not stat.S_ISREG(info.st_mode) or info.st_size <= PIECE_BYTES:
            return None
        with open(name, "rb") as f:
            head = f.read(BINARY_SAMPLE)
            if head.startswith(codecs.BOM_UTF8):
                return None
            check_binary(head, label)
            decoder = codecs.getincrementaldecoder("utf-8")()
            decoder.decode(head)
            while piece := f.read(PIECE_BYTES):
                if b"\0" in piece:
                    return None
                decoder.decode(piece)
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError, DecodeError, LookupError):
        return None
    return _pieces(name, label)


def _pieces(name: str, label: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(name, "rb") as f:
            while piece := f.read(PIECE_BYTES):
                yield decoder.decode(piece)
            yield decoder.decode(b"", final=True)
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:             # changed since it was checked
        raise FileError(f"{label}: not valid UTF-8 any more: {e.reason}") from e


def read_bytes(name: str, label: str) -> bytes:
    """The bytes of file `name` (or standard input for `-`), or a `FileError` naming it."""
    if name == STDIN and sys.stdin is None:
        raise FileError(f"{label}: standard input is closed")
    try:
        return sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e


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


class OutputClosed(FileError):
    """Standard output was closed by its reader (`reflow corpus/ | head`): stop quietly, as cat
    does."""


def _encode(text: str, encoding: str, errors: str, name: str) -> bytes:
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError as e:
        char = e.object[e.start]
        raise FileError(f"{name}: cannot write {char!r} (U+{ord(char):04X}) in {encoding}; "
                        "nothing written") from e


def _cannot_write(name: object, e: OSError) -> FileError:
    return FileError(f"{name}: cannot write: {e.strerror or e}")


class AtomicWriter:
    """A file written in pieces that appears whole or not at all: a temporary file beside the
    target, flushed to disk, given the target's owner, group and permissions (a new file's for a
    new target) and renamed over it on `commit`; `discard` (or an error) leaves the target as it
    was. A symbolic link is followed: its target is replaced, the link stays. A file with several
    hard links (or whose owner cannot be given back) is rewritten in place from the finished
    temporary file instead, so that it stays the same file."""

    def __init__(self, path: str, encoding: str = "utf-8", errors: str = "strict",
                 bom: bytes = b"", durable: bool = True) -> None:
        self.name, self.encoding, self.errors = path, encoding, errors
        self.durable = durable
        self.path = Path(os.path.realpath(path))
        self.stat: os.stat_result | None = None
        try:
            self.stat = self.path.stat()
            self.mode = stat.S_IMODE(self.stat.st_mode)
        except FileNotFoundError:
            umask = os.umask(0o022)
            os.umask(umask)
            self.mode = 0o666 & ~umask
        except OSError as e:
            raise _cannot_write(path, e) from e
        try:
            fd, self.tmp = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
        except OSError as e:
            raise _cannot_write(path, e) from e
        self.file = os.fdopen(fd, "wb")
        if bom:
            self.file.write(bom)

    def write(self, text: str) -> None:
        try:
            self.file.write(_encode(text, self.encoding, self.errors, self.name))
        except FileError:
            self.discard()
            raise
        except OSError as e:
            self.discard()
            raise _cannot_write(self.name, e) from e

    def commit(self) -> None:
        try:
            self.file.flush()
            if self.durable:
                os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.tmp, self.mode)
            if self.stat is not None and not self._keep_owner():
                self._copy_in_place()
            else:
                os.replace(self.tmp, self.path)
        except OSError as e:
            self.discard()
            raise _cannot_write(self.name, e) from e

    def _keep_owner(self) -> bool:
        """Give the temporary file the target's owner and group; False when the target must be
        rewritten in place instead (hard links, or an owner this user cannot give)."""
        assert self.stat is not None
        if self.stat.st_nlink > 1:
            return False
        try:
            if (self.stat.st_uid, self.stat.st_gid) != (os.getuid(), os.getgid()):
                os.chown(self.tmp, self.stat.st_uid, self.stat.st_gid)
        except PermissionError:
            return False
        return True

    def _copy_in_place(self) -> None:
        with open(self.tmp, "rb") as src, open(self.path, "r+b") as dst:
            shutil.copyfileobj(src, dst)
            dst.truncate()
            dst.flush()
            os.fsync(dst.fileno())
        Path(self.tmp).unlink()

    def discard(self) -> None:
        self.file.close()
        Path(self.tmp).unlink(missing_ok=True)


class StreamWriter:
    """Standard output, a terminal, a device or a FIFO: written as a stream, as it comes; there is
    nothing to replace and nothing to take back."""

    def __init__(self, path: str, encoding: str = "utf-8", errors: str = "strict") -> None:
        self.encoding, self.errors = encoding, errors
        self.name = "standard output" if path == STDIN else path
        if path == STDIN:       # None when closed (`reflow page.txt >&-`): an error when written
            self.stream = sys.stdout.buffer if sys.stdout is not None else None
        else:
            try:
                self.stream = open(path, "wb")
            except OSError as e:
                raise _cannot_write(path, e) from e

    def write(self, text: str) -> None:
        data = _encode(text, self.encoding, self.errors, self.name)
        if self.stream is None:
            raise FileError("standard output is closed")
        try:
            self.stream.write(data)
            self.stream.flush()
        except BrokenPipeError as e:
            self._drop()
            raise OutputClosed(f"{self.name}: closed by its reader") from e
        except OSError as e:
            self._drop()
            raise _cannot_write(self.name, e) from e

    def _drop(self) -> None:
        """After a write failed: point the stream at /dev/null, so that what is left in its buffer
        does not fail again when Python exits."""
        assert self.stream is not None
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self.stream.fileno())
        os.close(devnull)

    def commit(self) -> None:
        if self.stream is not None and self.stream is not getattr(sys.stdout, "buffer", None):
            self.stream.close()

    discard = commit


def open_output(path: str, encoding: str = "utf-8", errors: str = "strict",
                bom: bytes = b"", durable: bool = True) -> AtomicWriter | StreamWriter:
    """A writer for `path`: standard output for `-`; a stream for a character device (a terminal,
    /dev/null), a FIFO or a socket; else a regular file (or a new one, or a link's target)
    replaced atomically (`durable`: flushed to disk before the rename)."""
    try:
        kind = os.stat(path).st_mode if path != STDIN else None
    except FileNotFoundError:
        kind = stat.S_IFREG
    except OSError as e:
        raise _cannot_write(path, e) from e
    if kind is not None and stat.S_ISDIR(kind):
        raise FileError(f"{path}: is a folder")
    if kind is None or not stat.S_ISREG(kind):
        return StreamWriter(path, encoding, errors)
    return AtomicWriter(path, encoding, errors, bom, durable)


def write_atomic(path: str, text: str, encoding: str = "utf-8", errors: str = "strict",
                 bom: bytes = b"") -> None:
    """Replace (or create) `path` with `text` in one step, keeping its permissions, owner and
    links (see `AtomicWriter`)."""
    out = AtomicWriter(path, encoding, errors, bom)
    try:
        out.write(text)
        out.commit()
    except BaseException:               # Ctrl-C, SIGTERM: no temporary file left behind
        out.discard()
        raise
