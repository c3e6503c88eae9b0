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
from pathlib import Path

STDIN = "-"


class FileError(Exception):
    """An input that cannot be read or an output that cannot be written; the message names it."""


def expand(inputs: tuple[str, ...]) -> list[str]:
    """The files to read, in order: `-`, files as given, and every *.txt below a folder, sorted."""
    names: list[str] = []
    for name in inputs:
        path = Path(name)
        if name == STDIN:
            names.append(name)
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise FileError(f"{name}: no *.txt files in this folder")
            names += [str(p) for p in found]
        elif not path.exists():
            raise FileError(f"{name}: no such file or folder")
        else:
            names.append(name)
    return names


def read_text(name: str, label: str) -> str:
    """The text of file `name` (or standard input for `-`), decoded as UTF-8 without a BOM."""
    if name == STDIN and sys.stdin is None:
        raise FileError(f"{label}: standard input is closed")
    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except OSError as e:
        raise FileError(f"{label}: cannot read: {e.strerror or e}") from e
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise FileError(f"{label}: not valid UTF-8 (byte {bom + e.start})") from e


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


def write_atomic(path: str, text: str) -> None:
    """Replace (or create) `path` with `text` in UTF-8 in one step, keeping its permissions."""
    data = text.encode("utf-8")
    target = Path(path)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask                    # what a new file would get
    except OSError as e:
        raise FileError(f"{path}: cannot write: {e.strerror or e}") from e
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise FileError(f"{path}: cannot write: {e.strerror or e}") from e
