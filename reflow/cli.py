"""The `reflow` command: read pages, call the library, write the result. All real work is in the library."""
from __future__ import annotations

import difflib
import json
import sys
import traceback
from dataclasses import asdict
from pathlib import Path

import click

import reflow
from reflow.config import SPACING_MODES
from reflow.config import load as load_config
from reflow.engine import normalize_and_explain
from reflow.files import STDIN, FileError, expand, read_text, same_file, write_atomic
from reflow.inline.convert import QUOTE_STYLES
from reflow.options import Options, find_project_config, with_project
from reflow.registry import all_rules

FORMATS = ("text", "markdown", "json", "jsonl", "diagnostics")
STDIN_LABEL = "<stdin>"

HELP = """Rebuild clean articles from text copied out of Chinese newspaper pages.

Input is plain text as it comes out of a PDF copy-paste, pdftotext or OCR: lines wrapped at the
column edge, headlines far from their articles, photo credits such as `马海龙 摄`, running headers
and page numbers. reflow joins the wrapped lines into paragraphs, puts headlines, bylines and
credits with their articles, and sets the page furniture aside without losing a character.

INPUT is a file, `-` for standard input, or a folder (every *.txt below it, sorted). With no
INPUT, standard input is read.
"""

EPILOG = """\b
Examples:
  reflow page.txt > clean.txt      one page
  reflow - < page.txt              standard input
  reflow -f json a.txt b.txt       a JSON array of pages, each with "source"
  reflow -f markdown pages/ -o all.md
                                   every *.txt below pages/, into all.md
  reflow --explain page.txt        why each line went where (on stderr)
  reflow --check pages/            which files would change (exit 1 if any)
  reflow --diff page.txt           what would change, as a unified diff
  reflow -i page.txt               rewrite page.txt with its result
  reflow - --stdin-filename p.txt  a filter for editors (:%!reflow -)

\b
Formats:
  text      each article: headlines, a blank line, paragraphs separated
            by blank lines, credits last; articles separated by a line
            `* * *` (the default)
  markdown  `#` headline, `##` subheads, same separator
  json      {"articles": [{"headlines", "byline", "blocks", "credits"}],
             "furniture", "unplaced"}
  jsonl     one article object per line
  diagnostics
            one JSON object per edit or decision: file, start and end
            ({"line", "column"}, 1-based, columns in code points, end
            exclusive), rule, message, replacement (null: nothing to
            replace), severity
With several inputs, text and markdown outputs are joined by `* * *`.

\b
Exit codes:
  0  success (with --check: nothing would change)
  1  --check: some file would change
  2  usage or input error (bad option, missing file, input not UTF-8,
     output not writable)
  3  internal error, the conservation check refused to lose characters,
     or the output was not stable (nothing written)

A file named like a subcommand can be given as `./NAME`."""


class Failure(Exception):
    """An error reported as one line `reflow: error: ...` with this exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class DefaultGroup(click.Group):
    """A group that runs `default_command` when the first argument is not a subcommand's name.

    `reflow FILE ...`, `reflow -f json FILE` and `reflow --help` all go to the default command, so
    subcommands (`reflow rules`, `reflow lsp`) can be added without changing how files are given.
    """

    default_command = "format"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class DefaultCommand(click.Command):
    """The default command shows as `reflow [OPTIONS] [INPUT]...` and lists the other subcommands."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("reflow", " ".join(self.collect_usage_pieces(ctx)))
        if subcommands(ctx):
            formatter.write_usage("reflow", "COMMAND [ARGS]...", prefix="   or: ")

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if subcommands(ctx):
            with formatter.section("Commands"):
                formatter.write_dl(subcommands(ctx))
        super().format_epilog(ctx, formatter)


def subcommands(ctx: click.Context) -> list[tuple[str, str]]:
    group = ctx.find_root().command
    return [(n, c.get_short_help_str()) for n, c in getattr(group, "commands", {}).items() if not c.hidden]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    pass


@cli.command("format", cls=DefaultCommand, hidden=True, help=HELP, epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format (diagnostics: one JSON object per edit or decision).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (replaced in one step) instead of standard output.")
@click.option("--check", is_flag=True, help="Write nothing; list the files reflow would change; exit 1 if any.")
@click.option("--diff", is_flag=True, help="Write a unified diff of what reflow would change, nothing else.")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite each input file with its result (safely, in one step).")
@click.option("--stdin-filename", metavar="NAME",
              help="The name of standard input, for messages and for finding reflow.toml.")
@click.option("--explain", is_flag=True, help="Print every layout decision and text edit on stderr.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A rules file (TOML) read over the defaults; may be given several times.")
@click.option("--select", metavar="IDS", help="Only these inline rules, by id or prefix (SP,WD01).")
@click.option("--ignore", metavar="IDS", help="Leave out these rules, by id or prefix (SP03,L17).")
@click.option("--spacing", type=click.Choice(SPACING_MODES), default=None,
              help="compact: no space between CJK and digits or Latin (default); spaced: one space.")
@click.option("--convert", metavar="NAME",
              help="Convert Traditional/Simplified with OpenCC: t2s, s2t, s2tw, s2hk, tw2s, hk2s, ...")
@click.option("--quotes", type=click.Choice(QUOTE_STYLES), default=None,
              help="Write quotes as corner brackets (「」) or curly quotes (“”).")
@click.option("--no-config", is_flag=True, help="Do not read reflow.toml / [tool.reflow] found upward.")
@click.option("--inline-only", is_flag=True,
              help="Apply only the inline rules (spacing, punctuation): for text whose paragraphs are whole.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.version_option(reflow.__version__, "-V", "--version", prog_name="reflow")
def format_command(inputs: tuple[str, ...], fmt: str, output: str | None, check: bool, diff: bool,
                   in_place: bool, stdin_filename: str | None, explain: bool, rule_files: tuple[str, ...],
                   select: str | None, ignore: str | None, spacing: str | None, convert: str | None,
                   quotes: str | None, no_config: bool, inline_only: bool, debug: bool) -> None:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no INPUT given and standard input is a terminal")
        inputs = (STDIN,)
    compare = check or diff or in_place
    _check_usage(inputs, fmt, output, check, diff, in_place, inline_only)
    several = len(inputs) > 1 or any(i != STDIN and Path(i).is_dir() for i in inputs)
    try:
        names = expand(inputs)
        if output and any(n != STDIN and same_file(n, output) for n in names):
            raise Failure(f"{output}: is an input too; use -i to rewrite a file in place")
        labels = [_label(n, stdin_filename) for n in names]
        sources = [(n, name, read_text(n, name)) for n, name in zip(names, labels)]  # errors before any work
    except FileError as e:
        raise Failure(str(e)) from e
    given = dict(rules=rule_files, select=select, ignore=ignore, spacing=spacing, convert=convert, quotes=quotes)
    outputs: list = []          # str per input, or JSON records with "source" for several
    changed: list[str] = []
    for path, name, text in sources:
        with _reported(name, debug):
            config_at = Path(stdin_filename) if path == STDIN and stdin_filename else None
            opts = call_options(path, no_config, config_at, **given)
            record = None
            if fmt == "diagnostics":
                located = reflow.diagnose(text, inline_only=inline_only, **opts)
                outputs.append("".join(json.dumps(d.to_dict(name), ensure_ascii=False) + "\n" for d in located))
            elif compare:
                try:
                    result = reflow.format_text(text, format=fmt, inline_only=inline_only, **opts)
                    changed.append(name)
                    if diff:
                        outputs.append(unified_diff(text, result, name))
                    if in_place:
                        write_atomic(path, result)
                except reflow.NothingChanged:
                    pass
            else:
                if inline_only:
                    rendered, record = normalize_and_explain(text, **opts)
                else:
                    record = reflow.analyze(text, **opts)
                    rendered = reflow.render(record, fmt)
                outputs.append(with_source(rendered, fmt, name) if several else rendered)
            if explain:
                if record is None:
                    record = normalize_and_explain(text, **opts)[1] if inline_only else reflow.analyze(text, **opts)
                sys.stderr.writelines(f"{name}: {line}\n" if several else f"{line}\n" for line in record.explain())
    if compare:
        _summary(changed, len(sources), check, in_place)
        if diff:
            write_output("".join(outputs), None)
        if check and changed:
            raise SystemExit(1)
        return
    if fmt == "diagnostics":
        several = False
        outputs = ["".join(outputs)]
    try:
        write_output(join_outputs(outputs, fmt, several), output)
    except FileError as e:
        raise Failure(str(e)) from e


def _check_usage(inputs: tuple[str, ...], fmt: str, output: str | None, check: bool, diff: bool,
                 in_place: bool, inline_only: bool) -> None:
    """Refuse combinations that make no sense before reading anything."""
    if inline_only and fmt not in ("text", "diagnostics"):
        raise click.UsageError("--inline-only writes text; it cannot be combined with --format " + fmt)
    if (check or diff or in_place) and fmt not in ("text", "markdown"):
        raise click.UsageError("--check, --diff and -i compare text: use --format text or markdown")
    if in_place and (check or diff):
        raise click.UsageError("-i rewrites files; --check and --diff only look: choose one")
    if in_place and STDIN in inputs:
        raise click.UsageError("-i needs files; standard input cannot be rewritten (leave out -i)")
    if output and (check or diff or in_place):
        raise click.UsageError("-o cannot be combined with --check, --diff or -i")


class _reported:
    """Turn what goes wrong with one input into a one-line `Failure` naming it (exit 2 or 3)."""

    def __init__(self, name: str, debug: bool) -> None:
        self.name, self.debug = name, debug

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, e: BaseException | None, tb: object) -> None:
        if e is None or isinstance(e, (Failure, SystemExit, KeyboardInterrupt)):
            return
        if isinstance(e, (reflow.ConfigError, TypeError)):
            raise Failure(one_line(e)) from e
        if isinstance(e, FileError):
            raise Failure(str(e)) from e
        if self.debug:
            traceback.print_exception(e)
        if isinstance(e, (reflow.ConservationError, reflow.UnstableOutput)):
            raise Failure(f"{self.name}: {one_line(e)}", 3) from e
        hint = "" if self.debug else " (run with --debug for the traceback)"
        raise Failure(f"{self.name}: internal error: {type(e).__name__}: {one_line(e)}{hint}", 3) from e


def _summary(changed: list[str], total: int, check: bool, in_place: bool) -> None:
    """On stderr, as black does: each file that (would) change, then the counts."""
    verb = "reflowed" if in_place else "would reflow"
    for name in changed:
        click.echo(f"{verb} {name}", err=True)
    same = total - len(changed)
    files = lambda n: f"{n} file{'s' if n != 1 else ''}"
    done = "reflowed" if in_place else "would be reflowed"
    kept = "left unchanged" if in_place else "would be left unchanged"
    click.echo(f"{files(len(changed))} {done}, {files(same)} {kept}.", err=True)


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"{name}\t(original)", f"{name}\t(reflowed)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _label(name: str, stdin_filename: str | None) -> str:
    return (stdin_filename or STDIN_LABEL) if name == STDIN else name


def call_options(name: str, no_config: bool, config_at: Path | None = None, **given: object) -> dict:
    """The options of one input: the command line's over the project file found upward from it
    (from `config_at` when given: the --stdin-filename of standard input)."""
    opts = Options.make(**given)
    start = config_at or (Path.cwd() if name == STDIN else Path(name))
    project = None if no_config else find_project_config(start)
    if project is not None:
        opts = with_project(opts, project)
    return asdict(opts)


@cli.command("rules")
@click.argument("rule_id", required=False)
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Also list the rules of this file.")
def rules_command(rule_id: str | None, rule_files: tuple[str, ...]) -> None:
    """List every rule (id, name, family, on by default or not), or show one with its examples."""
    try:
        rules = all_rules(load_config(rule_files))
    except reflow.ConfigError as e:
        raise Failure(one_line(e)) from e
    if rule_id is None:
        for r in rules:
            state = "on" if r.default else "off"
            what = r.doc.split(". ")[0].rstrip(".")
            what = what if len(what) <= 60 else what[:59] + "…"
            click.echo(f"{r.id:6} {r.name:30} {r.family:9} {state:3}  {what}")
        return
    match = [r for r in rules if r.id == rule_id]
    if not match:
        raise Failure(f"no rule has the id {rule_id!r} (see `reflow rules`)")
    r = match[0]
    click.echo(f"{r.id} {r.name} ({r.family} rule, {'on' if r.default else 'off'} by default"
               f"{', may delete characters' if r.deletes else ''})\n\n{r.doc}\n")
    for ex in r.examples:
        click.echo(f"  before: {ex.before!r}\n  after:  {ex.after!r}\n")


@cli.command("lsp")
def lsp_command() -> None:
    """Start the language server on standard input and output (pip install 'reflow[lsp]')."""
    try:
        from reflow.lsp import serve
    except ImportError as e:
        raise Failure(f"the language server needs pygls: pip install 'reflow[lsp]' ({one_line(e)})") from e
    serve()


def with_source(rendered: str, fmt: str, source: str) -> str | list[dict]:
    """For several inputs: json pages and jsonl articles get a "source" key; text is unchanged."""
    if fmt == "json":
        return [{"source": source, **json.loads(rendered)}]
    if fmt == "jsonl":
        return [{"source": source, **json.loads(line)} for line in rendered.splitlines() if line.strip()]
    return rendered


def join_outputs(outputs: list, fmt: str, several: bool) -> str:
    if not several:
        return outputs[0]
    if fmt == "json":
        return json.dumps([page for part in outputs for page in part], ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(a, ensure_ascii=False) + "\n" for part in outputs for a in part)
    return "\n* * *\n\n".join(o for o in outputs if o)  # an empty page renders as ""


def write_output(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, text)


def one_line(e: BaseException | str) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `reflow` script and `python -m reflow`."""
    try:
        code = cli.main(argv, prog_name="reflow", standalone_mode=False)
    except click.ClickException as e:
        code = e.exit_code
        hint = " (see 'reflow --help')" if isinstance(e, click.UsageError) else ""
        click.echo(f"reflow: error: {one_line(e.format_message())}{hint}", err=True)
    except Failure as e:
        code = e.code
        click.echo(f"reflow: error: {e}", err=True)
    except click.Abort:
        code = 130
    sys.exit(code or 0)
