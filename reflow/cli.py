"""The `reflow` command: read pages, call the library, write the result. All real work is in the library."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
import sys
import tempfile
import traceback
from pathlib import Path

import click

import reflow
from reflow.config import SPACING_MODES
from reflow.config import load as load_config
from reflow.engine import normalize_and_explain
from reflow.inline.convert import QUOTE_STYLES
from reflow.options import Options, find_project_config, with_project
from reflow.registry import all_rules

FORMATS = ("text", "markdown", "json", "jsonl")
STDIN = "<stdin>"

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

\b
Formats:
  text      each article: headlines, a blank line, paragraphs separated
            by blank lines, credits last; articles separated by a line
            `* * *` (the default)
  markdown  `#` headline, `##` subheads, same separator
  json      {"articles": [{"headlines", "byline", "blocks", "credits"}],
             "furniture", "unplaced"}
  jsonl     one article object per line
With several inputs, text and markdown outputs are joined by `* * *`.

\b
Exit codes:
  0  success
  2  usage or input error (bad option, missing file, input not UTF-8,
     output not writable)
  3  internal error, or the conservation check refused to lose characters

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
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (replaced in one step) instead of standard output.")
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
def format_command(inputs: tuple[str, ...], fmt: str, output: str | None, explain: bool,
                   rule_files: tuple[str, ...], select: str | None, ignore: str | None,
                   spacing: str | None, convert: str | None, quotes: str | None, no_config: bool,
                   inline_only: bool, debug: bool) -> None:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no INPUT given and standard input is a terminal")
        inputs = ("-",)
    if inline_only and fmt != "text":
        raise click.UsageError("--inline-only writes text; it cannot be combined with --format " + fmt)
    several = len(inputs) > 1 or any(i != "-" and Path(i).is_dir() for i in inputs)
    sources = [(label(name), read_input(name)) for name in expand(inputs)]  # input errors before any work
    outputs = []
    for name, text in sources:
        try:
            opts = call_options(name, no_config, rules=rule_files, select=select, ignore=ignore,
                                spacing=spacing, convert=convert, quotes=quotes)
            if inline_only:
                rendered, record = normalize_and_explain(text, **opts)
                explained = record.explain()
            else:
                page = reflow.analyze(text, **opts)
                rendered, explained = reflow.render(page, fmt), page.explain()
            outputs.append(with_source(rendered, fmt, name) if several else rendered)
            if explain:
                sys.stderr.writelines(f"{name}: {line}\n" if several else f"{line}\n" for line in explained)
        except (reflow.ConfigError, TypeError) as e:
            raise Failure(one_line(e)) from e
        except Exception as e:
            if debug:
                traceback.print_exc()
            if isinstance(e, reflow.ConservationError):
                raise Failure(f"{name}: {one_line(e)}", 3) from e
            hint = "" if debug else " (run with --debug for the traceback)"
            raise Failure(f"{name}: internal error: {type(e).__name__}: {one_line(e)}{hint}", 3) from e
    write_output(join_outputs(outputs, fmt, several), output)


def call_options(name: str, no_config: bool, **given: object) -> dict:
    """The options of one input: the command line's over the project file found upward from it."""
    opts = Options.make(**given)
    project = None if no_config else find_project_config(Path.cwd() if name == STDIN else Path(name))
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


def expand(inputs: tuple[str, ...]) -> list[str]:
    """The files to read, in order: `-`, files as given, and every *.txt below a folder, sorted."""
    names: list[str] = []
    for name in inputs:
        path = Path(name)
        if name == "-":
            names.append(name)
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise Failure(f"{name}: no *.txt files in this folder")
            names += [str(p) for p in found]
        elif not path.exists():
            raise Failure(f"{name}: no such file or folder")
        else:
            names.append(name)
    return names


def read_input(name: str) -> str:
    if name == "-" and sys.stdin is None:
        raise Failure(f"{STDIN}: standard input is closed")
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as e:
        raise Failure(f"{label(name)}: cannot read: {e.strerror or e}") from e
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure(f"{label(name)}: not valid UTF-8 (byte {bom + e.start})") from e


def label(name: str) -> str:
    return STDIN if name == "-" else name


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
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    tmp = None
    try:  # a temporary file beside the target, then one rename: readers never see half a file
        fd, tmp = tempfile.mkstemp(dir=Path(output).parent, prefix=f".{Path(output).name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it 0600; give it the mode a new file would get
        os.replace(tmp, output)
    except OSError as e:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise Failure(f"{output}: cannot write: {e.strerror or e}") from e


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
