"""Bytes -> text: which encoding a page file is in, or why it cannot be read as text.

Pages reach reflow as UTF-8 mostly, but files saved by older Chinese software are GB18030 (a
superset of GBK and GB2312) or Big5 (Big5-HKSCS in Hong Kong), and now and then a PDF, an image or
a zip is passed by mistake. The order of the checks is the order of certainty:

1. a byte-order mark declares the encoding (UTF-8, UTF-16, UTF-32);
2. a NUL byte (or a page of C0 control bytes) means binary: better a clear error than mojibake;
   but UTF-8 Chinese text with a NUL here and there is an extraction (PyMuPDF and pypdf write a
   NUL for a glyph whose font names no character), read with its NULs;
3. strict UTF-8: other text almost never decodes as UTF-8 by chance (a few characters can:
   学校 in GB2312 is valid UTF-8, ѧУ; such input needs its encoding named);
4. GB18030, Big5, Big5-HKSCS: each that decodes strictly is scored by how much of its text is
   common Chinese; charset-normalizer (if installed) proposes, the score confirms. Needed because
   Big5 bytes nearly always decode as GB18030 too, into rare characters, kana and private-use code
   points, and GB bytes often decode as Big5-HKSCS;
5. otherwise an error naming the first byte that is not UTF-8, with its offset and line.

Every step is linear in the input; scoring and charset-normalizer only see a bounded sample.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["decode", "Decoded", "DecodeError", "ERRORS", "CANDIDATES", "cjk_score"]

ERRORS = ("strict", "replace", "surrogateescape")
# Tried in this order; on equal scores the earlier wins. Big5-HKSCS only where plain Big5 fails:
# it is a superset, and most GB text also decodes in it (as nonsense).
CANDIDATES = ("gb18030", "big5", "big5hkscs")
MIN_SCORE = 0.5  # share of common CJK among non-ASCII characters; wrong guesses score 0.15-0.45
MARGIN = 0.1           # charset-normalizer's pick stands if this close to the best score
SAMPLE = 1 << 16       # bytes (or characters) that detection looks at
BINARY_SAMPLE = 8192   # bytes checked for control characters, as git and file(1) do

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that text does not hold: not \t \n \v \f \r, ESC (colours), NUL (reported alone).
# The codec that writes the text after each mark, in the mark's byte order.
_PLAIN = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
          codecs.BOM_UTF8: "utf-8",
          codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
_CONTROLS = bytes(b for b in range(1, 32) if b not in b"\t\n\v\f\r\x1b")
# Marks of Chinese pages: CJK punctuation, quotes and dashes, fullwidth forms, bullet shapes.
# Wrong decodings give kana, bopomofo, box drawing, Greek, Cyrillic and private-use characters.
_GOOD_RANGES = (
    (0x3000, 0x303F),
    (0x2010, 0x205E),
    (0xFF01, 0xFF5E),
    (0x25A0, 0x25FF),
    (0x2605, 0x2606),
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class DecodeError(ValueError):
    """Bytes that are not text in an encoding reflow accepts; the message names the file and why."""


@dataclass(frozen=True)
class Decoded:
    """The text of a file and how it was read: `encoding` is the Python codec used, `detected` is
    False when the caller named it, `bom` is True when a byte-order mark was found and dropped."""
    text: str
    encoding: str
    detected: bool
    bom: bool
    mark: bytes = b""     # the byte-order mark as it was, to write the file back the same way

    def encoder(self) -> tuple[str, bytes]:
        """(codec, leading bytes) that write text back as this file was: the same encoding, the
        same byte-order mark and byte order (`-i` keeps a file's encoding)."""
        if self.mark:
            return _PLAIN[self.mark], self.mark
        return ("utf-8" if self.encoding == "utf-8-sig" else self.encoding), b""


def decode(data: bytes, name: str, encoding: str | None = None, errors: str = "strict") -> Decoded:
    """Decode a page file. `name` is used in messages only. With `encoding` the bytes must be in it
    (a BOM of the same encoding is dropped); without it the encoding is detected as above.
    `errors` is passed to the codec: "strict" raises `DecodeError` on the first bad byte,
    "replace" and "surrogateescape" never do for undecodable bytes (when detection finds no
    encoding they apply to UTF-8, so that `surrogateescape` gives the bytes back exactly)."""
    if errors not in ERRORS:
        raise DecodeError(f"unknown errors handler {errors!r}: use one of {', '.join(ERRORS)}")
    if encoding is not None:
        return _named(data, name, encoding, errors)
    for mark, codec in _BOMS:
        if data.startswith(mark):
            if codec == "utf-32" and len(data) % 4:   # FF FE then a NUL character: UTF-16
                continue
            if codec == "utf-8-sig":
                check_binary(data, name)       # a BOM is no proof of text; UTF-16/32 hold NULs
            text = _strict(data, codec, errors, name, codec)
            return Decoded(text, codec, detected=True, bom=True, mark=mark)
    check_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", detected=True, bom=False)
    except UnicodeDecodeError as e:
        first_error = e                       # the error to report if nothing else fits
    found = _detect(data)
    if found is not None:
        return Decoded(found[1], found[0], detected=True, bom=False)
    if errors != "strict":
        return Decoded(data.decode("utf-8", errors), "utf-8", detected=True, bom=False)
    raise DecodeError(
        _message(data, name, "UTF-8 (or GB18030/Big5)", "utf-8", first_error)
    ) from None


def _named(data: bytes, name: str, encoding: str, errors: str) -> Decoded:
    """The caller's encoding, by any name Python knows (`GBK`, `utf8`, `cp950`)."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
    wide = codec.startswith(("utf-16", "utf-32"))
    if not wide:
        check_binary(data, name)
    mark = b""
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec, mark = "utf-8-sig", codecs.BOM_UTF8
    elif codec == "utf-8-sig" or codec in ("utf-16", "utf-32"):
        mark = next((m for m, c in _BOMS if c == codec and data.startswith(m)), b"")
    text = _strict(data, codec, errors, name, codec)
    if wide and codec not in ("utf-16", "utf-32") and text.startswith("\ufeff"):
        text = text[1:]                  # utf-16-le etc. keep the mark as a character: never text
        mark = "\ufeff".encode(codec)
    return Decoded(text, codec, detected=False, bom=bool(mark), mark=mark)


def _strict(data: bytes, codec: str, errors: str, name: str, label: str) -> str:
    """`data.decode(codec, errors)`, an error turned into a located `DecodeError`."""
    try:
        return data.decode(codec, errors)
    except UnicodeDecodeError as e:
        raise DecodeError(_message(data, name, label, codec, e)) from None


def _message(data: bytes, name: str, label: str, codec: str, e: UnicodeDecodeError) -> str:
    """Where decoding stopped: the byte, its 0-based offset and its 1-based line. For ASCII-based
    encodings a newline byte is always a newline (no GB or Big5 trail byte is 0x0A); in UTF-16
    and UTF-32 it is not (上 is 0A 4E in UTF-16LE), so the valid prefix is decoded and counted."""
    offset = e.start
    if codec.startswith(("utf-16", "utf-32")):
        line = data[:offset].decode(codec, "replace").count("\n") + 1
    else:
        line = data.count(b"\n", 0, offset) + 1
    return (f"{name}: not valid {label}: undecodable byte 0x{data[offset]:02x} at byte {offset}, "
            f"line {line}")


def check_binary(data: bytes, name: str) -> None:
    """Raise for data that is surely not text: a NUL byte (images, archives, PDFs, executables
    nearly all have one early), or control bytes making up over a tenth of the first 8 KiB.
    NULs in Chinese text are no proof of binary (`_unnamed_glyphs`)."""
    nul = data.find(b"\0")
    if nul >= 0 and not _unnamed_glyphs(data):
        raise DecodeError(f"{name} looks binary (NUL at byte {nul})")
    head = data[:BINARY_SAMPLE]
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if controls >= 8 and controls * 10 > len(head):
        raise DecodeError(
            f"{name} looks binary ({controls} control bytes in the first {len(head)})"
        )


# a text with NULs is an extraction's when it holds this many Han characters for each NUL
HAN_PER_NUL = 10
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _unnamed_glyphs(data: bytes) -> bool:
    """UTF-8 text of Chinese with a NUL here and there: an extractor's text of a PDF whose font
    names no character for some glyphs (PyMuPDF and pypdf write a NUL for each). Such a page is
    text to read, its NULs kept as they are; a binary file is no valid UTF-8, or holds no Han
    text to speak of beside its NULs."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(_HAN.findall(text)) >= HAN_PER_NUL * text.count("\0")


def _detect(data: bytes) -> tuple[str, str] | None:
    """(codec, text) of the Chinese encoding that decodes `data` strictly and reads most like
    Chinese, or None. Each candidate decodes the whole input (C speed); only a sample is scored."""
    decoded: dict[str, str] = {}
    for codec in CANDIDATES:
        if codec == "big5hkscs" and "big5" in decoded:
            continue
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    if not decoded:
        return None
    # Samples start at the line of the first non-ASCII byte: an English page with one Latin-1
    # letter at its end must not pass for Chinese on the score of its ASCII head.
    first = _HIGH_BYTE.search(data)
    start = data.rfind(b"\n", 0, first.start()) + 1 if first else 0
    at = {
        codec: m.start() if (m := _NON_ASCII.search(text)) else 0 for codec, text in decoded.items()
    }
    scores = {
        codec: cjk_score(text[at[codec] : at[codec] + SAMPLE]) for codec, text in decoded.items()
    }
    best = max(decoded, key=lambda c: (scores[c], -CANDIDATES.index(c)))
    proposed = _charset_normalizer(data[start:]) if len(decoded) > 1 else None
    if proposed == "big5hkscs" and "big5" in decoded:
        proposed = "big5"
    if proposed in decoded and scores[proposed] >= max(MIN_SCORE, scores[best] - MARGIN):
        best = proposed
    return (best, decoded[best]) if scores[best] >= MIN_SCORE else None


def _charset_normalizer(data: bytes) -> str | None:
    """charset-normalizer's pick among the candidates for a sample cut after a newline (so as not
    to split a character), or None when it is not installed or has no pick."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    sample = data[:SAMPLE]
    if len(data) > SAMPLE and b"\n" in sample:
        sample = sample[:sample.rindex(b"\n") + 1]
    best = from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    return codecs.lookup(best.encoding).name if best is not None else None


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The commonest Han characters of both scripts, as the encodings themselves define them:
    GB2312 level 1 (B0A1-D7F9, the 3755 most frequent simplified characters) and Big5's
    frequently-used range (A440-C67E, 5401 traditional characters). About 6700 in all; text
    decoded in the right encoding is nearly all of them, a wrong decoding mostly not."""
    gb = (
        bytes([lead, trail]).decode("gb2312", "ignore")
        for lead in range(0xB0, 0xD8)
        for trail in range(0xA1, 0xFF)
    )
    big5 = (code.to_bytes(2, "big").decode("big5", "ignore") for code in range(0xA440, 0xC67F))
    return frozenset(
        c for c in (*gb, *big5) if len(c) == 1 and not c.isascii()
    )  # "ignore": holes give "" or ASCII


def cjk_score(text: str) -> float:
    """Share of the non-ASCII, non-space characters of `text` that are common Han characters or
    Chinese punctuation; 1.0 for text without any."""
    common = _common_han()
    total = good = 0
    for c in text:
        if c.isascii() or c.isspace():
            continue
        total += 1
        if c in common or any(lo <= ord(c) <= hi for lo, hi in _GOOD_RANGES):
            good += 1
    return good / total if total else 1.0
