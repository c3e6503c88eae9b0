"""The `reflow` command: read pages, call the library, write the result.

All real work is in the library; the help text is in `cli_help.py`."""
from __future__ import annotations

import codecs
import os
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import click

import reflow
from reflow.batch import Job, Task, chunks, ordered_map, run_job, windowed
from reflow.cases import Example
from reflow.cli_help import EPILOG, HELP
from reflow.config import SPACING_MODES
from reflow.config import load as load_config
from reflow.decode import ERRORS
from reflow.files import (STDIN, FileError, OutputClosed, Source, expand, read_bytes, read_lines,
                          read_text, same_file, size_of, stream_text)
from reflow.pdf import is_pdf, looks_like_pdf, parse_pages
from reflow.pipeline import noted_windows
from reflow.inline.convert import QUOTE_STYLES
from reflow.options import resolve
from reflow.outputs import Folder, Joined, is_folder, progress_bar, rewrite, summary
from reflow.registry import all_rules
from reflow.run import Run

FORMATS = ("text", "markdown", "json", "jsonl", "diagnostics")
STDIN_LABEL = "<stdin>"

class Failure(Exception):
    """An error reported as one line `reflow: error: ...` with this exit code (and, with
    `--debug`, the traceback of its cause)."""

    def __init__(self, message: str, code: int = 2, debug: bool = False):
        super().__init__(message)
        self.code, self.debug = code, debug


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (workers stopped, temporary files removed), exit 143.
    A BaseException, so that no `except Exception` takes it for a page's failure."""


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
    """The default command shows as `reflow [OPTIONS] [INPUT]...` and lists the other
    subcommands."""

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
    commands = getattr(group, "commands", {})
    return [(n, c.get_short_help_str()) for n, c in commands.items() if not c.hidden]



def _page_list(spec: str | None) -> str | None:
    """`--pages` as given, once it reads as a list of pages (a usage error if not)."""
    try:
        parse_pages(spec)
    except ValueError as e:
        raise click.BadParameter(str(e).removeprefix("pages: ")) from None
    return spec

@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    pass


@cli.command("format", cls=DefaultCommand, hidden=True, help=HELP, epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True,
              help="Output format (diagnostics: one JSON object per edit or decision).")
@click.option("-o", "--output", metavar="PATH",
              help="Write to this file (replaced in one step) instead of standard output, in "
                   "the format its suffix names (.json, .jsonl, .md) unless -f says; or, if "
                   "PATH is a folder (or ends with /, or has no suffix while an input is a "
                   "folder), one file per input under it at the input's relative path.")
@click.option("--check", is_flag=True,
              help="Write nothing; list the files reflow would change; exit 1 if any.")
@click.option("--diff", is_flag=True,
              help="Write a unified diff of what reflow would change, nothing else.")
@click.option("-i", "--in-place", is_flag=True,
              help="Rewrite each input file with its result (safely, in one step).")
@click.option("--stdin-filename", metavar="NAME",
              help="The name of standard input, for messages and for finding reflow.toml.")
@click.option("--glob", default="*.txt", show_default=True, metavar="PATTERN",
              help="Which files of a folder INPUT to read (recursively).")
@click.option("--jsonl-field", metavar="NAME",
              help="Read .jsonl inputs (and stdin) as one document per line, its text in field "
                   "NAME (default for .jsonl files: text); write each record back with that field "
                   "clean (-f json: with \"articles\" added), every other field untouched.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Pages or record chunks processed in parallel by N processes, output in input "
                   "order (default: the number of cores; 1: in this process).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input or record that fails.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar (it shows only on a terminal anyway).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run the work on a Dask cluster (tcp://scheduler:8786) instead of local "
                   "processes.")
@click.option("--dask-timeout", type=click.FloatRange(min=0, min_open=True), default=10,
              show_default=True, metavar="SECONDS",
              help="Give up connecting to the Dask scheduler after this long.")
@click.option("--encoding", metavar="NAME",
              help="The inputs' encoding (utf-8, gb18030, big5, big5hkscs, utf-16, ...); default: "
                   "detected.")
@click.option("--output-encoding", metavar="NAME",
              help="The encoding of what reflow writes (default: UTF-8; with -i, each file's own).")
@click.option("--errors", type=click.Choice(ERRORS), default="strict", show_default=True,
              help="Undecodable bytes: an error (strict), U+FFFD (replace), or kept as they were "
                   "(surrogateescape, written back byte for byte).")
@click.option("--pages", metavar="LIST", callback=lambda _c, _p, v: _page_list(v),
              help="PDF inputs: read only these pages (1-based: 2-3, 1,4-5).")
@click.option("--explain", is_flag=True,
              help="Print every layout decision and text edit on stderr.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              metavar="FILE",
              help="A rules file (TOML) read over the defaults; may be given several times.")
@click.option("--select", metavar="IDS", help="Only these inline rules, by id or prefix (SP,WD01).")
@click.option("--ignore", metavar="IDS", help="Leave out these rules, by id or prefix (SP03,L17).")
@click.option("--spacing", type=click.Choice(SPACING_MODES), default=None,
              help="compact: no space between CJK and digits or Latin (default); spaced: one "
                   "space.")
@click.option("--convert", metavar="NAME",
              help="Convert Traditional/Simplified with OpenCC: t2s, s2t, s2tw, s2hk, tw2s, hk2s, "
                   "...")
@click.option("--quotes", type=click.Choice(QUOTE_STYLES), default=None,
              help="Write quotes as corner brackets (「」) or curly quotes (“”).")
@click.option("--no-config", is_flag=True,
              help="Do not read reflow.toml / [tool.reflow] found upward.")
@click.option("--inline-only", is_flag=True,
              help="Apply only the inline rules (spacing, punctuation): for text whose paragraphs "
                   "are whole.")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.version_option(reflow.__version__, "-V", "--version", prog_name="reflow")
def format_command(inputs: tuple[str, ...], fmt: str, output: str | None, check: bool, diff: bool,
                   in_place: bool, stdin_filename: str | None, glob: str,
                   jsonl_field: str | None, jobs: int | None,
                   fail_fast: bool, quiet: bool, dask_address: str | None, dask_timeout: float,
                   encoding: str | None, output_encoding: str | None, errors: str,
                   pages: str | None, explain: bool,
                   rule_files: tuple[str, ...], select: str | None, ignore: str | None,
                   spacing: str | None, convert: str | None, quotes: str | None, no_config: bool,
                   inline_only: bool, debug: bool) -> None:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no INPUT given and standard input is a terminal")
        inputs = (STDIN,)
    if not (check or diff or in_place or jsonl_field is not None
            or any(i.endswith(".jsonl") for i in inputs)):    # (JSON lines stay JSON lines)
        fmt = _format_of_output(fmt, output, inputs)
    _check_usage(inputs, fmt, output, check, diff, in_place, inline_only, jsonl_field)
    if output == STDIN:                 # -o - is standard output
        output = None
    for name in filter(None, (encoding, output_encoding)):
        try:
            codecs.lookup(name)
        except LookupError:
            flag = "--encoding" if name == encoding else "--output-encoding"
            raise click.BadParameter(f"unknown encoding {name!r}", param_hint=f"'{flag}'") \
                from None
    write_errors = "surrogateescape" if errors == "surrogateescape" else "strict"
    try:
        load_config(rule_files)         # a bad rules file is one usage error, before any input
    except reflow.ConfigError as e:
        raise Failure(one_line(e)) from e
    try:
        sources = expand(inputs, glob)
        if output and any(s.path != STDIN and same_file(s.path, output) for s in sources):
            raise Failure(f"{output}: is an input too; use -i to rewrite a file in place")
    except FileError as e:
        raise Failure(str(e)) from e
    pdf = next((s.path for s in sources if is_pdf(s.path)), None)
    if pdf and (check or diff or in_place or inline_only):
        raise Failure(f"{pdf}: a PDF cannot be rewritten, checked or diffed; read it with -f or -o")
    several = len(inputs) > 1 or any(i != STDIN and Path(i).is_dir() for i in inputs)
    jsonl = [s.path.endswith(".jsonl") or (s.path == STDIN and jsonl_field is not None)
             for s in sources]
    if any(jsonl) and fmt not in ("text", "json"):
        raise click.UsageError(f"--format {fmt} does not apply to JSON-lines input, which comes "
                               "out as JSON lines: use --format text (its text field reflowed, the "
                               "default) or json (its articles added)")
    mode = ("format" if (check or diff or in_place)
            else "diagnostics" if fmt == "diagnostics" else "render")
    labels = [(stdin_filename or STDIN_LABEL) if s.path == STDIN else s.path for s in sources]
    given = dict(rules=rule_files, select=select, ignore=ignore, spacing=spacing, convert=convert,
                 quotes=quotes)
    tasks = []
    for s, is_jsonl in zip(sources, jsonl):
        config_at = Path(stdin_filename) if s.path == STDIN and stdin_filename else None
        try:
            run = Run.make(**call_options(s.path, no_config, config_at, **given))
        except reflow.ConfigError as e:
            raise Failure(one_line(e)) from e
        tasks.append(Task(run, fmt, mode, inline_only, explain, several and not is_jsonl,
                          (jsonl_field or "text") if is_jsonl else None, diff, fail_fast, debug,
                          pages))
    out_encoding = output_encoding or "utf-8"
    try:
        if output is not None and is_folder(output, inputs):
            rels = [s.rel for s in sources]
            folder = Folder(output, fmt, rels, jsonl, out_encoding, write_errors)
            if (clash := folder.clash()) is not None:
                first, second, target = clash
                raise Failure(f"{target}: both {labels[first]} and {labels[second]} would be "
                              "written there; nothing written")
            sink: Folder | Joined = folder
        else:
            joined_fmt = fmt if mode == "render" and not any(jsonl) else "jsonl"
            joined = several and mode == "render"
            sink = Joined(joined_fmt, joined, output, out_encoding, write_errors)
    except FileError as e:
        raise Failure(str(e), debug=debug) from e
    if jobs is None:                    # default: every core, unless there is one page only
        jobs = 1 if len(sources) == 1 and not jsonl[0] else os.cpu_count() or 1
    read_as: dict[int, tuple[str, bytes]] = {}     # input -> (codec, BOM) it was read in, for -i
    work = _jobs(sources, labels, tasks, encoding, errors, read_as)
    results = ordered_map(run_job, work, jobs, _dask_submit(dask_address, dask_timeout, debug))
    progress = progress_bar(sources, quiet)
    changed: list[str] = []
    errored: list[str] = []
    failed, ok, last = 0, False, -1
    try:
        for done in results:
            progress.update(done.size)
            if explain:
                sys.stderr.writelines(f"{done.label}: {line}\n" if several else f"{line}\n"
                                      for line in done.explain)
            for message in done.warnings:
                progress.clear()
                click.echo(f"reflow: warning: {done.label}: {message}", err=True)
            for message, code in done.errors:
                progress.clear()
                click.echo(f"reflow: error: {message}", err=True)
                failed = max(failed, code)
            if done.errors and fail_fast:
                break
            if mode == "format":
                if done.output is not None:
                    as_read = output_encoding or read_as.get(done.index, ("utf-8", b""))
                    if in_place and not rewrite(done.label, done.output, as_read, write_errors,
                                                debug):
                        failed = max(failed, 2)
                        errored.append(done.label)
                        if fail_fast:
                            break
                        continue
                    changed.append(done.label)
                    sink.write(done.index, done.diff)
                elif done.errors:
                    errored.append(done.label)
            elif done.output is not None:
                sink.write(done.index, done.output, done.index != last)
            last = done.index
        # an input or record that cannot be read is left out and the rest written; after an
        # internal error or a refused output (exit 3) one output file is not written at all
        ok = isinstance(sink, Folder) or not failed or (failed == 2 and sink.wrote)
    except OutputClosed:
        raise SystemExit(141) from None     # 128 + SIGPIPE, quietly, as cat ends
    except FileError as e:
        raise Failure(str(e), debug=debug) from e
    finally:
        progress.close()
        _close(sink, ok, debug)
    if mode == "format":
        summary(changed, len(sources), check, in_place, failed=len(set(errored)))
    if failed:
        raise SystemExit(failed)
    if check and changed:
        raise SystemExit(1)


def _close(sink: Folder | Joined, ok: bool, debug: bool) -> None:
    """Commit (or discard) the last output; failing to is reported like any output error."""
    try:
        sink.close(ok)
    except OutputClosed:
        raise SystemExit(141) from None
    except FileError as e:
        raise Failure(str(e), debug=debug) from e


def _jobs(sources: list[Source], labels: list[str], tasks: list[Task], encoding: str | None,
          errors: str, read_as: dict[int, tuple[str, bytes]]) -> Iterator[Job]:
    """The work, read lazily in input order: a page per file, JSON lines (UTF-8) in chunks; a
    line that is not UTF-8 is a failed record of its own. `read_as` learns each page's encoding."""
    for index, (s, label, task) in enumerate(zip(sources, labels, tasks)):
        try:
            if task.field is not None:
                lines = read_lines(s.path, label, errors)
                for readable, group in groupby(lines, key=lambda item: isinstance(item[1], str)):
                    if not readable:
                        for no, bad in group:
                            message = f"{label}:{no}: {bad.message}"  # type: ignore[union-attr]
                            yield Job(label, task, index=index, error=message)
                        continue
                    for chunk in chunks(group):   # type: ignore[arg-type]
                        size = sum(len(l) for _, l in chunk)
                        yield Job(label, task, records=chunk, index=index, size=size)
            else:
                if is_pdf(s.path):          # read directly (reflow[pdf]), not as text
                    yield Job(label, task, index=index, size=size_of(s),
                              pdf=read_bytes(s.path, label))
                    continue
                if windowed(task) and (pieces := stream_text(s.path, label, encoding, errors)):
                    yield from _windows(pieces, label, task, index, size_of(s), "")
                    continue
                data = read_bytes(s.path, label)
                if s.path == STDIN and looks_like_pdf(data):     # `cat page.pdf | reflow -`
                    yield Job(label, task, index=index, size=len(data), pdf=data)
                    continue
                read = read_text(s.path, label, encoding, errors, data)
                read_as[index] = read.encoder()
                # said in --explain when it is not plain UTF-8
                how = "" if read.encoding == "utf-8" else (
                    f"{read.encoding}{' (detected)' if read.detected else ''}"
                    f"{', with a BOM' if read.bom else ''}")
                if windowed(task):
                    yield from _windows([read.text], label, task, index, size_of(s), how)
                    continue
                yield Job(label, task, read.text, index=index, size=size_of(s), encoding=how)
        except FileError as e:          # this input fails; the others go on
            yield Job(label, task, index=index, error=str(e))


def _windows(pieces: Iterable[str], label: str, task: Task, index: int, size: int,
             how: str) -> Iterator[Job]:
    """A page as jobs of one window each (`read.windows`: one, unless the page is longer than
    `read.WINDOW_LINES` lines), read from `pieces` as they are needed: a large file is read,
    reflowed and written a window at a time. `size`: the input's bytes, for progress."""
    for i, (window, note) in enumerate(noted_windows(pieces)):
        whole = not i and window.cut == "end"
        yield Job(label, task, window.text, index=index, encoding="" if i else how,
                  size=size if whole else len(window.text.encode("utf-8", "surrogatepass")),
                  first_line=window.first_line, joined=bool(i), note=note)


def _dask_submit(address: str | None, timeout: float, debug: bool) -> Any:
    if address is None:
        return None
    try:
        from reflow.dask import submitter
    except ImportError as e:
        raise Failure(f"--dask needs dask.distributed: pip install 'reflow[dask]' "
                      f"({one_line(e)})") from e
    try:
        return submitter(address, timeout)
    except (OSError, ValueError, TimeoutError) as e:
        raise Failure(f"--dask {address}: cannot reach the scheduler: {one_line(e)}",
                      debug=debug) from e


# the format an output file's suffix asks for, when -f is not given
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".md": "markdown", ".markdown": "markdown"}


def _format_of_output(fmt: str, output: str | None, inputs: tuple[str, ...]) -> str:
    """`-o out.json` without `-f` writes JSON (`.jsonl`, `.md` likewise), as its name says; an
    `-f` given, a folder, or another suffix keep `fmt` (and so do `--check`, `--diff`, `-i`
    and JSON-lines inputs, whose records are written back as records)."""
    ctx = click.get_current_context()
    if output is None or output == STDIN or is_folder(output, inputs) \
            or ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        return fmt
    return SUFFIX_FORMATS.get(Path(output).suffix.lower(), fmt)


def _check_usage(inputs: tuple[str, ...], fmt: str, output: str | None, check: bool, diff: bool,
                 in_place: bool, inline_only: bool, jsonl_field: str | None) -> None:
    """Refuse combinations that make no sense before reading anything."""
    if inline_only and fmt not in ("text", "diagnostics"):
        raise click.UsageError("--inline-only writes text; it cannot be combined with --format "
                               + fmt)
    if (check or diff or in_place) and fmt != "text":
        # Markdown is not a page reflow reads back the same (`#` headings, italics), so a file
        # rewritten as Markdown would never settle: only text can be checked or rewritten.
        raise click.UsageError("--check, --diff and -i compare and rewrite text: use --format text")
    if in_place and (check or diff):
        raise click.UsageError("-i rewrites files; --check and --diff only look: choose one")
    if in_place and STDIN in inputs:
        raise click.UsageError("-i needs files; standard input cannot be rewritten (leave out -i)")
    if output and (check or diff or in_place):
        raise click.UsageError("-o cannot be combined with --check, --diff or -i")
    if jsonl_field is not None and fmt not in ("text", "json"):
        raise click.UsageError("--jsonl-field writes JSON lines: use --format text (the field "
                               "replaced) or json")


def call_options(name: str, no_config: bool, config_at: Path | None = None,
                 **given: object) -> dict:
    """The options of one input: the command line's over the project file found upward from it
    (from `config_at` when given: the --stdin-filename of standard input)."""
    start = config_at or (Path.cwd() if name == STDIN else Path(name))
    return resolve(None if no_config else start, **given)


@cli.command("rules", short_help="List every rule, or show one with its examples.")
@click.argument("rule_id", required=False)
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Also list the rules of this file.")
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
    match = [r for r in rules if r.id.upper() == rule_id.upper()]
    if not match:
        raise Failure(f"no rule has the id {rule_id!r} (see `reflow rules`)")
    r = match[0]
    click.echo(f"{r.id} {r.name} ({r.family} rule, {'on' if r.default else 'off'} by default"
               f"{', may delete characters' if r.deletes else ''})\n\n{r.doc}\n")
    for ex in r.examples:
        click.echo(_show_example(r.id, ex))


def _show_example(rule_id: str, ex: Example) -> str:
    """An example as pages: the input, the output, and the output with the rule ignored."""
    flags = "".join(f" --{k} {v}" for k, v in ex.options)
    parts = [(f"input{flags}:", ex.before), ("output:", ex.after)]
    if ex.ignored is not None:
        note = f" ({ex.note})" if ex.note else ""
        parts.append((f"output with --ignore {rule_id}{note}:", ex.ignored))
    return "\n".join(f"  {head}\n" + "".join(f"    {line}\n" for line in text.splitlines())
                     for head, text in parts)


@cli.command("lsp", short_help="Start the language server (pip install 'reflow[lsp]').")
def lsp_command() -> None:
    """Start the language server on standard input and output (pip install 'reflow[lsp]')."""
    try:
        from reflow.lsp import serve
    except ImportError as e:
        raise Failure("the language server needs pygls: pip install 'reflow[lsp]' "
                      f"({one_line(e)})") from e
    serve()


def one_line(e: BaseException | str) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _terminate(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)    # a second one must not cut the cleanup short
    raise Terminated


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `reflow` script and `python -m reflow`."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = cli.main(argv, prog_name="reflow", standalone_mode=False)
    except click.ClickException as e:
        code = e.exit_code
        hint = " (see 'reflow --help')" if isinstance(e, click.UsageError) else ""
        click.echo(f"reflow: error: {one_line(e.format_message())}{hint}", err=True)
    except Failure as e:
        code = e.code
        click.echo(f"reflow: error: {e}", err=True)
        if e.debug and e.__cause__ is not None:
            traceback.print_exception(e.__cause__, file=sys.stderr)
    except click.Abort:
        code = 130
    except Terminated:
        code = 143
    sys.exit(code or 0)
