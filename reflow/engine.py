"""The Python API: one string in, one `Page` (or its rendering) out.

Each function takes the options as keyword arguments (the command line's names) and turns them
into a `Run` once (`Run.make`: an unknown option is a `TypeError` there, and nowhere else); the
`*_run` functions take a `Run` that a front end built once for many pages.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .conserve import ConservationError, check_parts
from .files import newline_of, with_newline
from .inline.apply import inline_step
from .locate import Diagnostic, diagnostics
from .model import PARAGRAPH, Page
from .pipeline import WINDOW_JOINS, analyze_run, render_windows
from .render import render
from .run import Run

__all__ = ["analyze", "diagnose", "format_text", "NothingChanged", "UnstableOutput", "normalize",
           "normalize_and_explain", "reflow_text", "ConservationError"]


def _page(text: Any, call: str) -> str:
    """`text` if it is a `str`; else a `TypeError` that says what to pass (bytes are decoded
    first: `reflow.decode.decode` detects their encoding, as the command line does)."""
    if isinstance(text, str):
        return text
    message = f"{call}() takes the page as str, not {type(text).__name__}"
    if isinstance(text, (bytes, bytearray)):
        message += ": decode it first (`reflow.decode.decode(data, name).text` finds its encoding)"
    raise TypeError(message)


def analyze(text: str, **options: Any) -> Page:
    """Rebuild the articles of a page. Options (the CLI's names): `rules` (extra rules files),
    `select` and `ignore` (rule ids or prefixes), `spacing` ("compact" or "spaced"), `convert`
    (an OpenCC conversion) and `quotes` ("corner" or "curly")."""
    return analyze_run(_page(text, "analyze"), Run.make(**options))


def normalize_run(text: str, run: Run) -> tuple[str, Page]:
    """`normalize_and_explain` for a run built once."""
    run = run.for_page()
    step = inline_step(run)
    out = [step(line, PARAGRAPH, (no, no)) for no, line in enumerate(text.split("\n"), start=1)]
    result = "\n".join(out)
    check_parts(text, [result], run.record.edits, run.rules.deleting)
    return result, Page(edits=run.record.edits, decisions=run.record.decisions)


def normalize_and_explain(text: str, **options: Any) -> tuple[str, Page]:
    """The inline rules alone, line by line (for text whose paragraphs are already whole), and a
    `Page` that holds only their record: the edits they made and the spaces they kept but report.
    Checked for conservation like `analyze`."""
    return normalize_run(_page(text, "normalize"), Run.make(**options))


def normalize(text: str, **options: Any) -> str:
    """Apply only the inline rules (spacing, punctuation, width): no layout, no line joining."""
    return normalize_and_explain(text, **options)[0]


def diagnose(text: str, *, inline_only: bool = False, **options: Any) -> list[Diagnostic]:
    """Every edit and decision reflow would make of `text`, located in it (1-based lines and
    columns in code points), as editors show them: `--format diagnostics` and the language server.
    Each edit's `replacement` applied to its range is a quick fix; all of them together give the
    formatted result when `inline_only` (the layout also moves text, which no fix of a range says).
    """
    text = _page(text, "diagnose")
    run = Run.make(**options)
    if inline_only:
        out, record = normalize_run(text, run)
        return diagnostics(text, record, run.names(), inline_output=out)
    return diagnostics(text, analyze_run(text, run), run.names())


def reflow_text(text: str, *, format: str = "text", **options: Any) -> str:
    """Reflow a page and render it: `text` (default), `markdown`, `json` or `jsonl`. A page
    longer than `read.WINDOW_LINES` lines is read in windows (not in `json`, which is one object
    of the whole page), so that memory stays bounded: `pipeline.render_windows`."""
    text = _page(text, "reflow_text")
    if format in WINDOW_JOINS:
        return "".join(render_windows([text], Run.make(**options), format))
    return render(analyze(text, **options), format)


class NothingChanged(Exception):
    """`format_text` found the text already as reflow would write it: leave the file or buffer."""


class UnstableOutput(RuntimeError):
    """reflow's output kept changing when reflowed again: it is not written (a bug to report)."""


# One reading of a page can decide differently from the reading of its own output (a short line
# that stood alone in the broken page reads as part of a paragraph once clean). Rereading settles
# fast: of 10,000 random strings of Han, marks and breaks, 91% came out stable at once, 9% after
# one more pass, 0.4% after two, one after three.
MAX_PASSES = 6


def settle(once: Callable[[str], str], text: str, passes: int = MAX_PASSES,
           first: str | None = None) -> str:
    """`once(text)`, then `once` of that, until it comes out the same: a text that reflow leaves
    as it is. `first`: `once(text)`, when the caller has it already. Where two readings take
    turns (each output reads as the other: a headline group that two stories claim, say), the
    shortest of them, then the first in code point order, is the one written: formatting it again
    goes round the same turns and picks it again. Raises `UnstableOutput` if the output is still
    changing, and not in turns, after `passes` runs."""
    out = once(text) if first is None else first
    seen = [out]
    for _ in range(passes - 1):
        again = once(out)
        if again == out:
            return out
        if again in seen:
            return min(seen[seen.index(again):], key=lambda t: (len(t), t))
        seen.append(again)
        out = again
    raise UnstableOutput(f"reflowing the output still changes it after {passes} passes; "
                         "nothing was written")


def format_text(text: str, *, format: str = "text", inline_only: bool = False, verify: bool = True,
                **options: Any) -> str:
    """What an editor or a hook writes in place of `text`, in the same line endings; raises
    `NothingChanged` when that is `text` itself. With `verify` (the default) the result is
    reflowed again until it comes out the same (`settle`), as black checks its output before it
    writes, so that formatting twice changes nothing; `UnstableOutput` if it does not settle."""
    return format_run(_page(text, "format_text"), Run.make(**options), format, inline_only,
                      verify)


def format_run(text: str, run: Run, format: str = "text", inline_only: bool = False,
               verify: bool = True, first: str | None = None) -> str:
    """`format_text` for a run built once; `first`: the first pass's output, if the caller has
    it (the text rendered, or normalized when `inline_only`, from `text` with `\\n` endings)."""
    if inline_only:
        def once(t: str) -> str:
            return normalize_run(t.replace("\r\n", "\n").replace("\r", "\n"), run)[0]
    else:
        def once(t: str) -> str:
            return render(analyze_run(t, run), format)
    if verify and format in ("text", "markdown"):
        out = settle(once, text, first=first)
    else:
        out = once(text) if first is None else first
    out = with_newline(out, newline_of(text))
    if out == text:
        raise NothingChanged
    return out
