"""The pipeline, one string in, one `Page` out: read -> lines -> blocks -> articles -> inline -> check.

Each stage lives in its own package; this module only wires them and runs the conservation check.
"""
from __future__ import annotations

from typing import Any, Callable

from . import config as config_module
from .articles.headlines import find_byline, place
from .articles.split import merge_tentative, split
from .blocks.assemble import assemble
from .blocks.boundaries import find_breaks
from .blocks.flow import build_flow
from .conserve import ConservationError, check, check_parts
from .inline.apply import apply_rules
from .lines.classify import classify
from .lines.columns import untangle_pages
from .lines.flattened import unflatten
from .lines.interleaved import warn_interleaved
from .inline.han_space import join_split_words
from .model import CREDIT, FURNITURE, HEADLINE, PARAGRAPH, SEPARATOR, Decision, Page
from .inline.convert import convert_script, quote_style
from .options import Options, code_off, inline_rules
from .read import read_lines
from .locate import Diagnostic, diagnostics
from .registry import all_rules, code_rules, deleting_rules

__all__ = ["analyze", "diagnose", "format_text", "NothingChanged", "UnstableOutput", "normalize", "normalize_and_explain", "reflow_text", "ConservationError"]


def analyze(text: str, **options: Any) -> Page:
    """Rebuild the articles of a page. Options (the CLI's names): `rules` (extra rules files),
    `select` and `ignore` (rule ids or prefixes), `spacing` ("compact" or "spaced")."""
    opts = Options.make(**options)
    config = config_module.load(opts.rules)
    off = code_off(opts, code_rules())
    page = Page()
    lines = untangle_pages(read_lines(text, config), config, page.decisions, off)
    lines = unflatten(lines, config, page.decisions, off)
    warn_interleaved(lines, config, page.decisions, page.warnings, off)
    classify(lines, config, page.decisions, off)
    flow = build_flow(lines, config)
    breaks = find_breaks(flow, config, page.decisions, off)
    blocks = assemble(flow.lines, breaks, config, page.edits, page.decisions)
    columns = {l.no: (flow.before[i], flow.after[i]) for i, l in enumerate(flow.lines)}
    layout = split(blocks, lines, columns, config, page.decisions)
    place(layout, config, page.decisions, page.unplaced)
    articles = merge_tentative(layout.articles, page.decisions)
    page.articles = [a for a in articles if a.blocks or a.headlines]
    page.furniture = [l.text for l in lines if l.kind in (FURNITURE, SEPARATOR)]
    _inline(page, _inline_step(config, opts, off))
    for article in page.articles:
        article.byline = find_byline(article, config)
        if article.byline and article.blocks:
            page.decisions.append(Decision("S06", (article.blocks[0].first, article.blocks[0].first),
                                           f"byline: {article.byline}"))
    check(text, page, deleting_rules(config))
    return page


def _inline_step(config: config_module.Config, opts: Options, off: frozenset[str]):
    """The inline rules of this call as one function of (text, kind, lines, page): the selected
    pattern rules in file order, the split-word rule, then the script conversion and the quote
    style if asked. Edits and reports go to `page`."""
    rules = inline_rules(config, opts, code_rules())
    split_words = "SP11" not in off
    convert = opts.convert if "CV01" not in off else None
    quotes = opts.quotes if "QU01" not in off else None

    def step(text: str, kind: str, lines: tuple[int, int], page: Page) -> str:
        text = apply_rules(text, rules, lines, page.edits)
        if split_words:
            text = join_split_words(text, kind, lines, page, config)
        text = convert_script(text, convert, lines, page.edits)
        return quote_style(text, quotes, lines, page.edits)

    return step


def _inline(page: Page, step) -> None:
    for a in page.articles:
        a.headlines = [step(h, HEADLINE, (no, no), page) for h, no in zip(a.headlines, a.headline_lines)]
        for b in a.blocks:
            b.text = step(b.text, b.kind, (b.first, b.last), page)
        a.credits = [step(c, CREDIT, (no, no), page) for c, no in zip(a.credits, a.credit_lines)]


def normalize_and_explain(text: str, **options: Any) -> tuple[str, Page]:
    """The inline rules alone, line by line (for text whose paragraphs are already whole), and a
    `Page` that holds only their record: the edits they made and the spaces they kept but report.
    Checked for conservation like `analyze`."""
    opts = Options.make(**options)
    config = config_module.load(opts.rules)
    step = _inline_step(config, opts, code_off(opts, code_rules()))
    record = Page()
    out = [step(line, PARAGRAPH, (no, no), record) for no, line in enumerate(text.split("\n"), start=1)]
    result = "\n".join(out)
    check_parts(text, [result], record.edits, deleting_rules(config))
    return result, record


def normalize(text: str, **options: Any) -> str:
    """Apply only the inline rules (spacing, punctuation, width): no layout, no line joining."""
    return normalize_and_explain(text, **options)[0]


def diagnose(text: str, *, inline_only: bool = False, **options: Any) -> list[Diagnostic]:
    """Every edit and decision reflow would make of `text`, located in it (1-based lines and
    columns in code points), as editors show them: `--format diagnostics` and the language server.
    Each edit's `replacement` applied to its range is a quick fix; all of them together give the
    formatted result when `inline_only` (the layout also moves text, which no fix of a range says)."""
    if inline_only:
        out, record = normalize_and_explain(text, **options)
        return diagnostics(text, record, rule_names(options), inline_output=out)
    return diagnostics(text, analyze(text, **options), rule_names(options))


def rule_names(options: dict[str, Any]) -> dict[str, str]:
    """Rule id -> name, for the rules of a call (its rules files included)."""
    return {r.id: r.name for r in all_rules(config_module.load(Options.make(**options).rules))}


def reflow_text(text: str, *, format: str = "text", **options: Any) -> str:
    """Reflow a page and render it: `text` (default), `markdown`, `json` or `jsonl`."""
    from .render import render
    return render(analyze(text, **options), format)


class NothingChanged(Exception):
    """`format_text` found the text already as reflow would write it: leave the file or buffer."""


class UnstableOutput(RuntimeError):
    """reflow's output kept changing when reflowed again: it is not written (a bug to report)."""


# One reading of a page can decide differently from the reading of its own output (a short line
# that stood alone in the broken page reads as part of a paragraph once clean). Rereading settles
# fast: of 10,000 random strings of Han, marks and breaks, 91% came out stable at once, 9% after one
# more pass, 0.4% after two, one after three.
MAX_PASSES = 6


def settle(run: Callable[[str], str], text: str, passes: int = MAX_PASSES) -> str:
    """`run(text)`, then `run` of that, until it comes out the same: a text that reflow leaves as
    it is. Raises `UnstableOutput` if it is still changing after `passes` runs."""
    out = run(text)
    for _ in range(passes - 1):
        again = run(out)
        if again == out:
            return out
        out = again
    raise UnstableOutput(f"reflowing the output still changes it after {passes} passes; "
                         "nothing was written")


def format_text(text: str, *, format: str = "text", inline_only: bool = False, verify: bool = True,
                **options: Any) -> str:
    """What an editor or a hook writes in place of `text`, in the same line endings; raises
    `NothingChanged` when that is `text` itself. With `verify` (the default) the result is
    reflowed again until it comes out the same (`settle`), as black checks its output before it
    writes, so that formatting twice changes nothing; `UnstableOutput` if it does not settle."""
    from .files import newline_of, with_newline
    if inline_only:
        run = lambda t: normalize(t.replace("\r\n", "\n").replace("\r", "\n"), **options)
    else:
        run = lambda t: reflow_text(t, format=format, **options)
    out = settle(run, text) if verify and format in ("text", "markdown") else run(text)
    out = with_newline(out, newline_of(text))
    if out == text:
        raise NothingChanged
    return out
