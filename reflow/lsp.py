"""The language server (`reflow lsp`): reflow's edits as diagnostics with quick fixes, and
formatting.

Editors show each edit reflow would make where it applies (and, as hints, the layout calls made on
thin evidence); a quick fix makes one edit; formatting the document or a selection (a page pasted
into a longer note) rebuilds the page as the CLI does. Options: the keyword names of `reflow_text`
in `initializationOptions` or `workspace/didChangeConfiguration` (optionally under a `reflow` key),
over the project file found upward from the document. Errors are reported, never fatal.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

import reflow
from reflow.engine import settle
from reflow.options import resolve

SOURCE = "reflow"
QUICK_FIX = lsp.CodeActionKind.QuickFix
T = TypeVar("T")
log = logging.getLogger(__name__)


class Lines:
    """A text's lines as LSP and reflow both count them: split at `\\r\\n`, `\\r` and `\\n` only.

    pygls's own line list uses `str.splitlines`, which also splits at the form feeds pdftotext
    puts between pages, and would shift every position after one; so positions are converted
    here, with the negotiated codec (UTF-16 by default) applied to these lines."""

    def __init__(self, text: str, codec: PositionCodec) -> None:
        parts = re.split(r"(\r\n|\r|\n)", text)
        self.lines, self.codec = parts[0::2], codec
        self.starts = [0]
        for line, ending in zip(parts[0::2], parts[1::2]):
            self.starts.append(self.starts[-1] + len(line) + len(ending))

    def position(self, line: int, column: int) -> lsp.Position:
        """The client position of a 0-based line and code-point column (clamped to the text)."""
        line = min(line, len(self.lines) - 1)
        column = min(column, len(self.lines[line]))
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(line, column))

    def at(self, offset: int) -> lsp.Position:
        """The client position of a code-point offset in the text."""
        row = bisect_right(self.starts, offset) - 1
        return self.position(row, offset - self.starts[row])

    def offset(self, pos: lsp.Position) -> int:
        """The code-point offset in the text of a client position (clamped to the text)."""
        if pos.line >= len(self.lines):
            return self.starts[-1] + len(self.lines[-1])
        line = self.lines[pos.line]
        units = min(
            pos.character, self.codec.client_num_units(line)
        )  # pygls mishandles past-the-end
        at = self.codec.position_from_client_units(
            self.lines, lsp.Position(line=pos.line, character=units)
        )
        return self.starts[pos.line] + at.character


class ReflowServer(LanguageServer):
    """A pygls server that knows the user's reflow options and which errors it already showed."""

    def __init__(self) -> None:
        # Full sync: pygls applies incremental changes with `splitlines` (see `Lines`).
        super().__init__(
            "reflow", reflow.__version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.settings: dict[str, Any] = {}
        self.fixes: dict[str, dict[tuple[str, str], str]] = (
            {}
        )  # uri -> (range, rule) -> replacement
        self.told: set[str] = set()  # config errors shown once, not at every keystroke

    def options(self, doc: TextDocument) -> dict[str, Any]:
        """The client's settings over the project file found upward from the document (or the
        workspace root, for an unsaved one), as the CLI does with its options."""
        start = to_fs_path(doc.uri) or self.workspace.root_path
        try:
            return resolve(Path(start) if start else None, **self.settings)
        except TypeError as e:  # an unknown option name
            raise reflow.ConfigError(str(e)) from None

    def run(self, doc: TextDocument, work: Callable[..., T], text: str, show: bool) -> T | None:
        """`work(text, **options)`, or None after telling the user why not: a config error is shown
        (once, or whenever the user asked: `show`); another failure is logged, and shown if asked.
        """
        try:
            return work(text, **self.options(doc))
        except reflow.ConfigError as e:  # also a bad rules file or rule id, found while working
            message, show = f"reflow: option error: {e}", show or str(e) not in self.told
            self.told.add(str(e))
        except Exception as e:  # ConservationError or a bug: this document only, keep serving
            log.warning(
                "reflow failed on %s", doc.uri, exc_info=not isinstance(e, reflow.ConservationError)
            )
            message = f"reflow: {doc.filename or doc.uri}: {type(e).__name__}: {e}"
        self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error, message=message))
        if show:
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
            )
        return None

    def check(self, uri: str) -> None:
        """Publish the diagnostics of one open document (none when reflow cannot read it)."""
        doc = self.workspace.get_text_document(uri)
        found = self.run(doc, reflow.diagnose, doc.source, show=False) or []
        lines = Lines(doc.source, doc.position_codec)
        out = [to_lsp(d, lines) for d in found if d.replacement is not None or d.weak]
        self.fixes[uri] = {(key(d.range), str(d.code)): d.data for d in out if d.data is not None}
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=out))


def key(r: lsp.Range) -> str:
    return f"{r.start.line}:{r.start.character}-{r.end.line}:{r.end.character}"


def to_lsp(d: reflow.Diagnostic, lines: Lines) -> lsp.Diagnostic:
    """An edit (with its replacement in `data`, for the quick fix) or a weak decision (a hint)."""
    start = lines.position(d.start[0] - 1, d.start[1] - 1)
    end = lines.position(d.end[0] - 1, d.end[1] - 1)
    severity = (
        lsp.DiagnosticSeverity.Hint if d.replacement is None else lsp.DiagnosticSeverity.Warning
    )
    return lsp.Diagnostic(
        range=lsp.Range(start=start, end=end),
        message=d.message,
        severity=severity,
        code=d.rule,
        source=SOURCE,
        data=d.replacement,
    )


def title(rule: str, old: str, new: str) -> str:
    what = f"remove {old!r}" if not new else f"insert {new!r}" if not old else f"{old!r} -> {new!r}"
    return f"{rule}: {what}"


def settings_of(value: Any) -> dict[str, Any] | None:
    """reflow's options from client settings: `{"reflow": {...}}` or the options themselves."""
    if isinstance(value, dict) and isinstance(value.get("reflow"), dict):
        value = value["reflow"]
    return dict(value) if isinstance(value, dict) else None


def make_server() -> ReflowServer:
    server = ReflowServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: ReflowServer, params: lsp.InitializeParams) -> None:
        ls.settings = settings_of(params.initialization_options) or {}

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configure(ls: ReflowServer, params: lsp.DidChangeConfigurationParams) -> None:
        new = settings_of(params.settings)
        if new:  # many clients send an empty object here: keep the initialization options then
            ls.settings, ls.told = new, set()
            for uri in list(ls.workspace.text_documents):
                ls.check(uri)

    def did_open_or_change(
        ls: ReflowServer, params: lsp.DidOpenTextDocumentParams | lsp.DidChangeTextDocumentParams
    ) -> None:
        ls.check(params.text_document.uri)

    server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(did_open_or_change)
    server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(did_open_or_change)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ReflowServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.fixes.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def format_document(
        ls: ReflowServer, params: lsp.DocumentFormattingParams
    ) -> list[lsp.TextEdit]:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        return replace(ls, doc, 0, len(doc.source), whole=True)

    @server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
    def format_range(
        ls: ReflowServer, params: lsp.DocumentRangeFormattingParams
    ) -> list[lsp.TextEdit]:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        lines = Lines(doc.source, doc.position_codec)
        return replace(ls, doc, lines.offset(params.range.start), lines.offset(params.range.end))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[QUICK_FIX])
    )
    def code_action(ls: ReflowServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        only = params.context.only
        if only and not any(QUICK_FIX.value.startswith(k) for k in only):
            return []
        uri = params.text_document.uri
        doc = ls.workspace.get_text_document(uri)
        lines = Lines(doc.source, doc.position_codec)
        out = []
        for d in (d for d in params.context.diagnostics if d.source == SOURCE):
            # The replacement comes back in `data`; for a client that drops it, from what was
            # published.
            fix = (
                d.data
                if isinstance(d.data, str)
                else ls.fixes.get(uri, {}).get((key(d.range), str(d.code)))
            )
            if fix is None:
                continue
            old = doc.source[lines.offset(d.range.start):lines.offset(d.range.end)]
            edit = lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=d.range, new_text=fix)]})
            out.append(
                lsp.CodeAction(
                    title=title(str(d.code), old, fix),
                    kind=QUICK_FIX,
                    diagnostics=[d],
                    is_preferred=True,
                    edit=edit,
                )
            )
        return out

    return server


def _settled(text: str, **options: Any) -> str:
    """The page reflowed until it comes out the same, as `format_text` writes it: formatting
    twice in the editor changes nothing."""
    return settle(lambda t: reflow.reflow_text(t, **options), text)


def replace(
    ls: ReflowServer, doc: TextDocument, start: int, end: int, whole: bool = False
) -> list[lsp.TextEdit]:
    """One edit putting the reflowed text of `doc.source[start:end]` in its place, or none when it
    is blank, already formatted, or reflow failed (the user is told why)."""
    part = doc.source[start:end]
    new = ls.run(doc, _settled, part, show=True) if part.strip() else None
    if new is None:
        return []
    if not whole and not part.endswith(
        ("\n", "\r")
    ):  # a selection ending inside a line: no new line
        new = new.rstrip("\n")
    if "\r\n" in part:                                  # keep the document's line endings
        new = new.replace("\n", "\r\n")
    if new == part:
        return []
    lines = Lines(doc.source, doc.position_codec)
    stop = end_of(lines) if whole else lines.at(end)
    return [lsp.TextEdit(range=lsp.Range(start=lines.at(start), end=stop), new_text=new)]


def end_of(lines: Lines) -> lsp.Position:
    """The end of a whole document as black's and ruff's servers give it: the start of the line
    after the last, even past the text when it has no final newline. Vim and Neovim keep that
    newline outside the buffer text ('eol', 'fixeol'): with a range up to that point they take
    the edit's final newline for it, instead of adding an empty last line written as `\n\n`."""
    return lsp.Position(line=len(lines.lines) - (lines.lines[-1] == ""), character=0)


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    make_server().start_io()
