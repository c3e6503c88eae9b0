"""The language server end to end: a real LSP client talks to `python -m reflow lsp` over stdio.

Each test starts its own server, initializes it (with the options it needs), and the fixture shuts
it down and checks that it exited cleanly. Edits the server returns are applied here with this
file's own code-unit arithmetic (UTF-16 unless a test asks for another position encoding), so a
position the server gets wrong changes the wrong characters and fails the test.
"""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

import reflow  # noqa: E402

pytestmark = pytest.mark.asyncio  # pytest-asyncio's strict mode: the repo sets no asyncio_mode

ROOT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
}
TIMEOUT = 10  # seconds for any one answer: a hung server fails the test instead of stalling it

# A page written for this test: a headline, column-wrapped paragraphs with spaces between CJK and
# digits, a photo credit. Line 4 has 𠮷 (outside the BMP: two UTF-16 units) before two fixes.
PAGE = """东湖新区产业园开工建设

　　本报讯（记者 李晓东）昨日，东湖新区产业园项目正式开工，
项目位于𠮷安路以东，总投资 1.5 亿元，规划建设标准厂房
12 栋，预计明年年底前投入使用。
　　据介绍，产业园建成后可容纳企业 40 余家，带动就业约
3000 人。
马海龙 摄
"""
NOTE = "读报笔记：下面是今天剪下的一版。\n\n"
AFTER = "\n（以上摘自晚报，待核对。）\n"


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "reflow", "lsp"], server_env=ENV
    )
)
async def client(lsp_client: LanguageClient):
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)
    assert lsp_client.capabilities is not None, "the test never initialized the server"
    server = lsp_client._server  # the server's process (pygls keeps it private)
    assert server is not None and server.returncode == 0, "the server did not exit cleanly"


async def start(client: LanguageClient, options: dict | None = None, root: Path | None = None,
                encoding: str | None = None) -> None:
    """Initialize; `encoding`: the only position encoding the client offers (none: UTF-16)."""
    general = lsp.GeneralClientCapabilities(position_encodings=[encoding]) if encoding else None
    result = await asyncio.wait_for(client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(general=general), initialization_options=options,
        root_uri=root.as_uri() if root else None)), TIMEOUT)
    assert result.capabilities.position_encoding == (encoding or "utf-16")


def open_doc(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))


async def diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    """The next diagnostics published for `uri`."""
    client.diagnostics.pop(uri, None)
    async with asyncio.timeout(TIMEOUT):
        while uri not in client.diagnostics:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1), "utf-32": ("utf-32-le", 4)}


def units(s: str, encoding: str = "utf-16") -> int:
    """The length of `s` in the code units of an LSP position encoding."""
    codec, size = CODECS[encoding]
    return len(s.encode(codec)) // size


def offset(text: str, pos: lsp.Position, encoding: str = "utf-16") -> int:
    """An LSP position as an index into `text` (lines split at `\\n`; a `\\r` before it ends the
    line)."""
    codec, size = CODECS[encoding]
    lines = text.split("\n")
    head = lines[pos.line].encode(codec)[: size * pos.character].decode(codec)
    return sum(len(line) + 1 for line in lines[: pos.line]) + len(head)


def apply(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = (
            text[: offset(text, e.range.start, encoding)]
            + e.new_text
            + text[offset(text, e.range.end, encoding) :]
        )
    return text


def expected_fixes(text: str, encoding: str = "utf-16") -> set[tuple]:
    """reflow's own fixes of `text` (rule, start, end, replacement), positions in LSP terms."""
    lines = text.replace("\r\n", "\n").split("\n")
    at = lambda pos: (pos[0] - 1, units(lines[pos[0] - 1][: pos[1] - 1], encoding))
    return {
        (d.rule, at(d.start), at(d.end), d.replacement)
        for d in reflow.diagnose(text)
        if d.replacement is not None
    }


def published_fixes(found: list[lsp.Diagnostic]) -> set[tuple]:
    r = lambda p: (p.line, p.character)
    return {
        (code(d), r(d.range.start), r(d.range.end), d.data) for d in found if d.data is not None
    }


def code(d: lsp.Diagnostic) -> str:
    return str(d.code)


@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-32"])
async def test_diagnostics_and_quick_fix_past_a_non_bmp_character(
    client: LanguageClient, encoding: str | None
) -> None:
    await start(client, encoding=encoding)
    enc = encoding or "utf-16"
    open_doc(client, "untitled:page", PAGE)
    found = await diagnostics(client, "untitled:page")
    fixes = [d for d in found if d.data is not None]
    assert fixes and all(
        d.source == "reflow" and code(d)[:2].isalpha() and code(d)[2:].isdigit() for d in found
    )
    assert all(d.severity == lsp.DiagnosticSeverity.Hint for d in found if d.data is None)
    # The published fixes are reflow's own, each at its place once columns are counted in code
    # units.
    assert published_fixes(found) == expected_fixes(PAGE, enc)

    # The first fix on line 4 (0-based 3): `总投资 1.5` loses its space. 𠮷 before it is 2 UTF-16 units.
    line = PAGE.split("\n")[3]
    d = min((d for d in fixes if d.range.start.line == 3), key=lambda d: d.range.start.character)
    assert code(d) == "SP01"
    assert d.range.start.character == units(line[: line.index(" 1.5")], enc)
    if enc == "utf-16":
        assert d.range.start.character == line.index(" 1.5") + 1

    actions = await asyncio.wait_for(client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri="untitled:page"), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[d]))), TIMEOUT)
    assert actions and len(actions) == 1
    action = actions[0]
    assert isinstance(action, lsp.CodeAction) and action.kind == lsp.CodeActionKind.QuickFix
    assert action.title == "SP01: remove ' '"
    fixed = apply(PAGE, action.edit.changes["untitled:page"], enc)
    assert fixed == PAGE.replace("总投资 1.5", "总投资1.5", 1)
    # A client that does not send `data` back gets the same fix, from what the server published.
    bare = lsp.Diagnostic(range=d.range, message=d.message, code=d.code, source=d.source)
    again = await asyncio.wait_for(client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri="untitled:page"), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[bare]))), TIMEOUT)
    assert again and [a.edit for a in again] == [action.edit]

    # An edit of the document is checked again; closing it clears its diagnostics.
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri="untitled:page", version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
    assert (
        len([d for d in await diagnostics(client, "untitled:page") if d.data is not None])
        == len(fixes) - 1
    )
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(
        text_document=lsp.TextDocumentIdentifier(uri="untitled:page")))
    assert await diagnostics(client, "untitled:page") == []


# As pasted, after a pdftotext page break (a form feed: not a line end for LSP nor for reflow), with
# Windows line endings (kept by the formatting), and a text whose first reading is not stable
# (`六` stands alone beside a two-line paragraph; once clean, the paragraph is one short line too):
# the formatting is what format_text writes, which formatting again leaves as it is.
UNSETTLED = "b\n）\n六\n"


@pytest.mark.parametrize("text", [PAGE, "\f" + PAGE, PAGE.replace("\n", "\r\n"), UNSETTLED],
                         ids=["lf", "form-feed", "crlf", "unsettled"])
async def test_formatting_gives_what_format_text_writes(client: LanguageClient, text: str) -> None:
    await start(client)
    open_doc(client, "untitled:page", text)
    assert published_fixes(await diagnostics(client, "untitled:page")) == expected_fixes(text)
    edits = await asyncio.wait_for(
        client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri="untitled:page"),
                options=lsp.FormattingOptions(tab_size=4, insert_spaces=True),
            )
        ),
        TIMEOUT,
    )
    assert edits and len(edits) == 1
    formatted = apply(text, edits)
    assert formatted == reflow.format_text(text) != text
    with pytest.raises(reflow.NothingChanged):
        reflow.format_text(formatted)


async def test_the_unsettled_text_needs_a_second_reading() -> None:
    once = reflow.reflow_text(UNSETTLED)
    assert reflow.reflow_text(once) != once


async def test_range_formatting_changes_only_the_selection(client: LanguageClient) -> None:
    await start(client)
    text = NOTE + PAGE + AFTER
    open_doc(client, "untitled:note", text)
    first = NOTE.count("\n")  # the page's lines, with the newline of its last one
    selection = lsp.Range(start=lsp.Position(line=first, character=0),
                          end=lsp.Position(line=first + PAGE.count("\n"), character=0))
    edits = await asyncio.wait_for(
        client.text_document_range_formatting_async(
            lsp.DocumentRangeFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri="untitled:note"),
                range=selection,
                options=lsp.FormattingOptions(tab_size=4, insert_spaces=True),
            )
        ),
        TIMEOUT,
    )
    assert apply(text, edits) == NOTE + reflow.reflow_text(PAGE) + AFTER

    # A selection inside one line, starting after 𠮷: the rest of the line stays as it was.
    line = PAGE.split("\n")[3]
    start_at, end_at = line.index("总投资"), line.index("规划")
    part = line[start_at:end_at]
    units = lambda i: len(line[:i].encode("utf-16-le")) // 2
    selection = lsp.Range(start=lsp.Position(line=first + 3, character=units(start_at)),
                          end=lsp.Position(line=first + 3, character=units(end_at)))
    edits = await asyncio.wait_for(
        client.text_document_range_formatting_async(
            lsp.DocumentRangeFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri="untitled:note"),
                range=selection,
                options=lsp.FormattingOptions(tab_size=4, insert_spaces=True),
            )
        ),
        TIMEOUT,
    )
    assert apply(text, edits) == text.replace(
        line, line.replace(part, reflow.reflow_text(part).rstrip("\n"))
    )
    assert "总投资1.5亿元，" in apply(text, edits)


async def test_options_and_project_config(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "reflow.toml").write_text('ignore = ["SP01"]\n', encoding="utf-8")
    await start(client, {"reflow": {"spacing": "spaced"}}, root=tmp_path)
    uri = (tmp_path / "page.txt").as_uri()
    open_doc(client, uri, PAGE)
    assert not [d for d in await diagnostics(client, uri) if code(d) == "SP01"]
    edits = await asyncio.wait_for(
        client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                options=lsp.FormattingOptions(tab_size=4, insert_spaces=True),
            )
        ),
        TIMEOUT,
    )
    assert apply(PAGE, edits) == reflow.reflow_text(PAGE, spacing="spaced", ignore=("SP01",))


async def test_bad_option_is_shown_and_the_server_goes_on(client: LanguageClient) -> None:
    await start(client, {"ignore": ["XX99"]})
    open_doc(client, "untitled:page", PAGE)
    assert await diagnostics(client, "untitled:page") == []
    assert any("XX99" in m.message and m.type == lsp.MessageType.Error for m in client.messages)
    # Fixing the option through the settings brings the diagnostics back.
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"reflow": {"spacing": "compact"}})
    )
    assert any(code(d) == "SP01" for d in await diagnostics(client, "untitled:page"))


async def test_a_failed_analysis_is_reported_and_the_server_goes_on(
    client: LanguageClient, tmp_path: Path
) -> None:
    # A rules file whose rule deletes a character without saying so: the conservation check refuses.
    rules = tmp_path / "bad.toml"
    rules.write_text(
        '[[rule]]\nid = "XX01"\nname = "drop"\ndescription = "test"\npattern = "厂"\nreplacement '
        '= ""\n',
        encoding="utf-8",
    )
    await start(client, {"rules": [str(rules)]})
    open_doc(client, "untitled:page", PAGE)
    assert await diagnostics(client, "untitled:page") == []
    assert any("ConservationError" in m.message for m in client.log_messages)
    edits = await asyncio.wait_for(
        client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri="untitled:page"),
                options=lsp.FormattingOptions(tab_size=4, insert_spaces=True),
            )
        ),
        TIMEOUT,
    )
    assert not edits and any("ConservationError" in m.message for m in client.messages)
    # Another page, without the character, is still served.
    other = PAGE.replace("厂", "")
    open_doc(client, "untitled:other", other)
    assert any(code(d) == "SP01" for d in await diagnostics(client, "untitled:other"))
