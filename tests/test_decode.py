"""reflow.decode: each case builds a real file's bytes, decodes it, and checks the codec and the
text, or the error and where it points. The Chinese sentences are written for these tests."""
from __future__ import annotations

import codecs
import time
from typing import Any, Callable

import pytest

from reflow import decode as decode_module
from reflow.decode import CANDIDATES, DecodeError, Decoded, cjk_score, decode

# Simplified, for the GB encodings.
SCHOOL = ("城东第三中学今天上午举行新校区启用仪式，全校一千二百多名师生搬进了新建的教学楼。"
          "校长表示，新校区设有图书馆、实验室和标准操场。")
PARK = ("市园林局昨日宣布，滨江公园改造工程已于本月完工，园内新增步道三公里、座椅两百张，"
        "并种植了四千多株花木，周末游客明显增多。")
GBK_NAMES = "记者张喆、李堃报道：新城区第一座社区图书馆昨天开门迎客，首日接待读者八百余人次。"  # 喆 堃: GBK, not GB2312
# Traditional, for Big5.
LIBRARY = ("本報訊　市立圖書館將於下月起延長開放時間，平日至晚上九點，週末照常開放。"
           "館方表示，此舉是為了方便上班族和學生在課後借閱書籍。")
SPORTS = "港島東區一所小學昨日舉行運動會，約六百名學生參加各項比賽，家長們在看台上為孩子打氣，場面十分熱鬧。"
# Cantonese: 哋 啲 喺 咗 嘅 㗎 are in Big5-HKSCS only.
CANTONESE = "佢哋話今日天氣好熱，啲細路喺公園玩咗成個下晝，食完雪糕先至返屋企㗎。呢度嘅樹好高。"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"page.txt" + b"\x8b\x9c" * 20


def ok(encoding: str, text: str, *, bom: bool = False, detected: bool = True) -> Decoded:
    return Decoded(text, encoding, detected, bom)


def bad(fragment: str) -> tuple[type[Exception], str]:
    return (DecodeError, fragment)


def line3_bad() -> bytes:
    lines = [
        SCHOOL[:20].encode(),
        PARK[:20].encode(),
        PARK[20:30].encode() + b"\xff" + PARK[30:40].encode(),
    ]
    return b"\n".join(lines)


LINE3_OFFSET = (
    len(SCHOOL[:20].encode()) + 1 + len(PARK[:20].encode()) + 1 + len(PARK[20:30].encode())
)
ENGLISH_HEAD = "Page 1 of the evening edition\n" * 3000    # longer than the sample detection scores
TRUNCATED = SCHOOL.encode()[:-1]             # 。 is three bytes: two are left
BIG = "公园" * (10_000_000 // 6)             # ten million bytes of UTF-8, one line
ESCAPED = (
    SCHOOL.encode() + b"\xff\xfe\x80" + "\n".encode() + PARK.encode() + b"\xed\xa0\x80"
)  # \xed\xa0\x80: UTF-8 of a surrogate

# (id, bytes builder, keyword arguments, expected Decoded or (exception, message fragment))
CASES: list[tuple[str, Callable[[], bytes], dict[str, Any], Any]] = [
    ("utf8", lambda: SCHOOL.encode(), {}, ok("utf-8", SCHOOL)),
    ("utf8-bom", lambda: codecs.BOM_UTF8 + PARK.encode(), {}, ok("utf-8-sig", PARK, bom=True)),
    (
        "utf16-le-bom",
        lambda: codecs.BOM_UTF16_LE + SCHOOL.encode("utf-16-le"),
        {},
        ok("utf-16", SCHOOL, bom=True),
    ),
    (
        "utf16-be-bom",
        lambda: codecs.BOM_UTF16_BE + LIBRARY.encode("utf-16-be"),
        {},
        ok("utf-16", LIBRARY, bom=True),
    ),
    (
        "utf32-le-bom",
        lambda: codecs.BOM_UTF32_LE + PARK.encode("utf-32-le"),
        {},
        ok("utf-32", PARK, bom=True),
    ),
    ("gb18030", lambda: PARK.encode("gb18030"), {}, ok("gb18030", PARK)),
    (
        "gb18030-four-byte",
        lambda: (PARK + "㗎€").encode("gb18030"),
        {},
        ok("gb18030", PARK + "㗎€"),
    ),
    ("gb18030-traditional", lambda: LIBRARY.encode("gb18030"), {}, ok("gb18030", LIBRARY)),
    ("gbk", lambda: GBK_NAMES.encode("gbk"), {}, ok("gb18030", GBK_NAMES)),
    ("gb2312", lambda: SCHOOL.encode("gb2312"), {}, ok("gb18030", SCHOOL)),
    ("big5", lambda: LIBRARY.encode("big5"), {}, ok("big5", LIBRARY)),
    ("big5-sports", lambda: SPORTS.encode("big5"), {}, ok("big5", SPORTS)),
    ("big5hkscs", lambda: CANTONESE.encode("big5hkscs"), {}, ok("big5hkscs", CANTONESE)),
    (
        "crlf-cr-lf-utf8",
        lambda: f"{SCHOOL[:10]}\r\n{SCHOOL[10:20]}\r{SCHOOL[20:]}\n\n".encode(),
        {},
        ok("utf-8", f"{SCHOOL[:10]}\r\n{SCHOOL[10:20]}\r{SCHOOL[20:]}\n\n"),
    ),
    (
        "crlf-cr-lf-gb",
        lambda: f"{PARK[:12]}\r\n{PARK[12:30]}\r{PARK[30:]}\n".encode("gb18030"),
        {},
        ok("gb18030", f"{PARK[:12]}\r\n{PARK[12:30]}\r{PARK[30:]}\n"),
    ),
    (
        "form-feeds",
        lambda: f"\f第一版\n{SCHOOL}\n\f第二版\n{PARK}\f".encode(),
        {},
        ok("utf-8", f"\f第一版\n{SCHOOL}\n\f第二版\n{PARK}\f"),
    ),
    (
        "form-feeds-tabs-big5",
        lambda: f"\f第一版\t要聞\r\n{LIBRARY}\r\n\f\t{SPORTS}".encode("big5"),
        {},
        ok("big5", f"\f第一版\t要聞\r\n{LIBRARY}\r\n\f\t{SPORTS}"),
    ),
    (
        "nul",
        lambda: b"page" + b"\x00" + SCHOOL[:3].encode(),
        {},
        bad("page.txt looks binary (NUL at byte 4)"),
    ),
    (
        # PyMuPDF and pypdf write a NUL for a glyph whose font names no character: Chinese
        # text with NULs here and there is an extraction to read, its NULs kept
        "nul-in-extracted-chinese",
        lambda: SCHOOL[:12].encode() + b"\x00" + SCHOOL[12:].encode(),
        {},
        ok("utf-8", SCHOOL[:12] + "\x00" + SCHOOL[12:]),
    ),
    (
        "nuls-beside-little-chinese",
        lambda: (SCHOOL[:12] + "\x00\x00").encode(),
        {},
        bad(f"page.txt looks binary (NUL at byte {len(SCHOOL[:12].encode())})"),
    ),
    (
        "nul-after-utf8-bom",
        lambda: codecs.BOM_UTF8 + b"ab\x00",
        {},
        bad("page.txt looks binary (NUL at byte 5)"),
    ),
    (
        "utf16-without-bom",
        lambda: "Hello".encode("utf-16-le"),
        {},
        bad("page.txt looks binary (NUL at byte 1)"),
    ),
    ("png", lambda: PNG, {}, bad("page.txt looks binary (NUL at byte 8)")),
    ("zip", lambda: ZIP, {}, bad("page.txt looks binary (NUL at byte 5)")),
    (
        "control-bytes",
        lambda: bytes(range(1, 32)) * 8 + b"text",
        {},
        bad("page.txt looks binary (200 control bytes"),
    ),
    (
        "truncated-utf8",
        lambda: TRUNCATED,
        {},
        bad(
            f"page.txt: not valid UTF-8 (or GB18030/Big5): undecodable byte 0xe3 at byte "
            f"{len(TRUNCATED) - 2}, line 1"
        ),
    ),
    (
        "bad-byte-line-3",
        line3_bad,
        {},
        bad(
            f"page.txt: not valid UTF-8 (or GB18030/Big5): undecodable byte 0xff at byte "
            f"{LINE3_OFFSET}, line 3"
        ),
    ),
    (
        "latin-1-is-not-gb",
        lambda: "Grüße aus München, café crème.".encode("latin-1"),
        {},
        bad("page.txt: not valid UTF-8 (or GB18030/Big5): undecodable byte 0xfc at byte 2, line 1"),
    ),
    (
        "latin-1-after-long-ascii",
        lambda: ENGLISH_HEAD.encode() + "Grüße aus München.".encode("latin-1"),
        {},
        bad(f"undecodable byte 0xfc at byte {len(ENGLISH_HEAD) + 2}, line 3001"),
    ),
    (
        "big5-after-long-ascii",
        lambda: (ENGLISH_HEAD + SPORTS).encode("big5"),
        {},
        ok("big5", ENGLISH_HEAD + SPORTS),
    ),
    (
        "surrogateescape",
        lambda: ESCAPED,
        {"errors": "surrogateescape"},
        ok("utf-8", ESCAPED.decode("utf-8", "surrogateescape")),
    ),
    ("empty", lambda: b"", {}, ok("utf-8", "")),
    (
        "whitespace",
        lambda: " \t\r\n\f\n  \u3000\n".encode(),
        {},
        ok("utf-8", " \t\r\n\f\n  \u3000\n"),
    ),
    ("ten-megabytes-one-line", lambda: BIG.encode(), {}, ok("utf-8", BIG)),
    (
        "ascii-english",
        lambda: b"City council approves new bus routes.\nPage 3\f",
        {},
        ok("utf-8", "City council approves new bus routes.\nPage 3\f"),
    ),
    (
        "named-big5",
        lambda: LIBRARY.encode("big5"),
        {"encoding": "big5"},
        ok("big5", LIBRARY, detected=False),
    ),
    (
        "named-cp950-alias",
        lambda: SPORTS.encode("big5"),
        {"encoding": "CP950"},
        ok("cp950", SPORTS, detected=False),
    ),
    (
        "named-GBK",
        lambda: GBK_NAMES.encode("gbk"),
        {"encoding": "GBK"},
        ok("gbk", GBK_NAMES, detected=False),
    ),
    (
        "named-utf8-with-bom",
        lambda: codecs.BOM_UTF8 + PARK.encode(),
        {"encoding": "utf8"},
        ok("utf-8-sig", PARK, bom=True, detected=False),
    ),
    (
        "named-utf16-le-with-bom",
        lambda: codecs.BOM_UTF16_LE + PARK.encode("utf-16-le"),
        {"encoding": "utf-16-le"},
        ok("utf-16-le", PARK, bom=True, detected=False),
    ),
    (
        "named-big5-wrong",
        lambda: SCHOOL.encode("gb2312"),
        {"encoding": "big5"},
        bad("page.txt: not valid big5: undecodable byte 0xc8 at byte 6, line 1"),
    ),
    (
        "named-unknown",
        lambda: SCHOOL.encode(),
        {"encoding": "klingon-8"},
        bad("unknown encoding 'klingon-8'"),
    ),
    (
        "replace",
        lambda: b"ok \xff\xfe\n" + SCHOOL.encode()[:-1],
        {"errors": "replace"},
        ok("utf-8", "ok \ufffd\ufffd\n" + SCHOOL[:-1] + "\ufffd"),
    ),
    (
        "named-gb18030-replace",
        lambda: PARK.encode("gb18030") + b"\xff",
        {"encoding": "gb18030", "errors": "replace"},
        ok("gb18030", PARK + "\ufffd", detected=False),
    ),
    (
        "utf16-bom-odd-length",
        lambda: codecs.BOM_UTF16_LE + "第一行\n第二行\n".encode("utf-16-le") + b"\x4e",
        {},
        bad("page.txt: not valid utf-16: undecodable byte 0x4e at byte 18, line 3"),
    ),
    (
        "unknown-errors",
        lambda: b"abc",
        {"errors": "ignore"},
        bad("unknown errors handler 'ignore'"),
    ),
]


@pytest.mark.parametrize("build, kwargs, expected", [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_decode(build: Callable[[], bytes], kwargs: dict[str, Any], expected: Any) -> None:
    data = build()
    start = time.perf_counter()
    if isinstance(expected, Decoded):
        got = decode(data, "page.txt", **kwargs)
        assert (got.encoding, got.detected, got.bom) == (
            expected.encoding,
            expected.detected,
            expected.bom,
        )
        assert got.text == expected.text
    else:
        error, fragment = expected
        with pytest.raises(error) as info:
            decode(data, "page.txt", **kwargs)
        assert fragment in str(info.value)
    assert time.perf_counter() - start < 5        # linear: 10 MB takes well under a second here


def test_error_messages_are_exact() -> None:
    with pytest.raises(DecodeError, match=r"^a\.txt looks binary \(NUL at byte 0\)$"):
        decode(b"\x00", "a.txt")
    with pytest.raises(
        DecodeError,
        match=r"^a\.txt: not valid UTF-8 \(or GB18030/Big5\): undecodable byte 0x80 "
        r"at byte 7, line 3$",
    ):
        decode(b"a\nb\r\nc\r\x80", "a.txt")


def test_surrogateescape_gives_the_bytes_back() -> None:
    got = decode(ESCAPED, "x", errors="surrogateescape")
    assert any("\udc80" <= c <= "\udcff" for c in got.text)
    assert got.text.encode(got.encoding, "surrogateescape") == ESCAPED


@pytest.mark.parametrize(
    "text, encodings",
    [
        (SCHOOL, ["gb2312", "gbk", "gb18030"]),
        (PARK, ["gb2312", "gbk", "gb18030"]),
        (GBK_NAMES, ["gbk", "gb18030"]),
        (LIBRARY, ["big5", "big5hkscs", "gb18030"]),
        (SPORTS, ["big5", "gb18030"]),
        (CANTONESE, ["big5hkscs", "gb18030"]),
        ("天气晴，气温18至26度。", ["gb2312"]),
        ("颱風來襲　停班停課", ["big5"]),
        ("第3版 要聞", ["big5"]),
    ],
)
@pytest.mark.parametrize("with_charset_normalizer", [True, False])
def test_detection_round_trips(text: str, encodings: list[str], with_charset_normalizer: bool,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sample comes back exactly from every encoding that can hold it, with and without
    charset-normalizer (the score alone must be enough)."""
    if not with_charset_normalizer:
        monkeypatch.setattr(decode_module, "_charset_normalizer", lambda data: None)
    for encoding in encodings:
        got = decode(text.encode(encoding), "x")
        assert got.text == text, (encoding, got.encoding)
        assert got.encoding in CANDIDATES


def test_score_tells_right_from_wrong_decodings() -> None:
    assert cjk_score(SCHOOL) == cjk_score(LIBRARY) == 1.0
    assert cjk_score(LIBRARY.encode("big5").decode("gb18030")) < 0.3
    assert cjk_score(SPORTS.encode("big5").decode("gb18030")) < 0.3
    assert cjk_score(PARK.encode("gbk").decode("big5hkscs")) < 0.5
    assert cjk_score("City news") == 1.0         # nothing to judge


def test_big_gb18030_and_big5_files_are_linear() -> None:
    for text, encoding in ((SCHOOL, "gb18030"), (LIBRARY, "big5"), (CANTONESE, "big5hkscs")):
        data = (text + "\n").encode(encoding) * (5_000_000 // len(text.encode(encoding)))
        start = time.perf_counter()
        got = decode(data, "big.txt")
        assert time.perf_counter() - start < 5
        assert got.encoding == encoding and got.text.startswith(text)
