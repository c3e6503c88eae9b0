"""The `reflow` command: read pages, call the library, write the result.

All real work is in the library; the help text is in `cli_help.py`."""
from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

import reflow
from reflow.batch import Job, Task, chunks, ordered_map, run_job
from reflow.cases import Example
from reflow.cli_help import EPILOG, HELP
from reflow.config import SPACING_MODES
from reflow.config import load as load_config
from reflow.decode import ERRORS
from reflow.files import (STDIN, FileError, Source, expand, read_records, read_text, same_file,
                          size_of, write_atomic)
from reflow.inline.convert import QUOTE_STYLES
from reflow.options import resolve
from reflow.outputs import Folder, Joined
from reflow.registry import all_rules
from reflow.run import Run

FORMATS = ("text", "markdown", "json", "jsonl", "diagnostics")
STDIN_LABEL = "<stdin>"

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


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    pass


@cli.command("format", cls=DefaultCommand, hidden=True, help=HELP, epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True,
              help="Output format (diagnostics: one JSON object per edit or decision).")
@click.option("-o", "--output", metavar="PATH",
              help="Write to this file (replaced in one step) instead of standard output; or, if "
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
@click.option("--encoding", metavar="NAME",
              help="The inputs' encoding (utf-8, gb18030, big5, big5hkscs, utf-16, ...); default: "
                   "detected.")
@click.option("--output-encoding", default="utf-8", show_default=True, metavar="NAME",
              help="The encoding of what reflow writes.")
@click.option("--errors", type=click.Choice(ERRORS), default="strict", show_default=True,
              help="Undecodable bytes: an error (strict), U+FFFD (replace), or kept as they were "
                   "(surrogateescape, written back byte for byte).")
@click.option("--explain", is_flag=True,
              help="Print every layout decision and text edit on stderr.")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
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
                   jsonl_field: str | None, jobs: int | None, fail_fast: bool, quiet: bool,
                   dask_address: str | None, encoding: str | None, output_encoding: str,
                   errors: str, explain: bool, rule_files: tuple[str, ...], select: str | None,
                   ignore: str | None, spacing: str | None, convert: str | None,
                   quotes: str | None, no_config: bool, inline_only: bool, debug: bool) -> None:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no INPUT given and standard input is a terminal")
        inputs = (STDIN,)
    _check_usage(inputs, fmt, output, check, diff, in_place, inline_only, jsonl_field)
    for name in filter(None, (encoding, output_encoding)):
        try:
            codecs.lookup(name)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {name!r}") from None
    write_errors = "surrogateescape" if errors == "surrogateescape" else "strict"
    try:
        sources = expand(inputs, glob)
        if output and any(s.path != STDIN and same_file(s.path, output) for s in sources):
            raise Failure(f"{output}: is an input too; use -i to rewrite a file in place")
    except FileError as e:
        raise Failure(str(e)) from e
    several = len(inputs) > 1 or any(i != STDIN and Path(i).is_dir() for i in inputs)
    jsonl = [s.path.endswith(".jsonl") or (s.path == STDIN and jsonl_field is not None)
             for s in sources]
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
                          (jsonl_field or "text") if is_jsonl else None, diff, fail_fast, debug))
    try:
        if output is not None and _is_folder(output, inputs):
            sink: Folder | Joined = Folder(output, fmt, [s.rel for s in sources], jsonl,
                                           output_encoding, write_errors)
        else:
            joined_fmt = fmt if mode == "render" and not any(jsonl) else "jsonl"
            sink = Joined(joined_fmt, several and mode == "render", output, output_encoding,
                          write_errors)
    except FileError as e:
        raise Failure(str(e)) from e
    if jobs is None:                    # default: every core, unless there is one page only
        jobs = 1 if len(sources) == 1 and not jsonl[0] else os.cpu_count() or 1
    work = _jobs(sources, labels, tasks, encoding, errors)
    results = ordered_map(run_job, work, jobs, _dask_submit(dask_address))
    progress = _progress(sources, quiet)
    changed: list[str] = []
    failed, ok, last = 0, False, -1
    try:
        for done in results:
            progress.update(done.size)
            if explain:
                sys.stderr.writelines(f"{done.label}: {line}\n" if several else f"{line}\n"
                                      for line in done.explain)
            for message, code in done.errors:
                progress.clear()
                click.echo(f"reflow: error: {message}", err=True)
                failed = max(failed, code)
            if done.errors and fail_fast:
                break
            if mode == "format":
                if done.output is not None:
                    changed.append(done.label)
                    if in_place:
                        write_atomic(done.label, done.output, output_encoding, write_errors)
                    sink.write(done.index, done.diff)
            elif done.output is not None:
                sink.write(done.index, done.output, done.index != last)
            last = done.index
        # one output file for everything is written whole or not at all; a folder keeps the
        # outputs of the inputs that went through
        ok = not failed or isinstance(sink, Folder)
    except FileError as e:
        raise Failure(str(e)) from e
    finally:
        progress.close()
        sink.close(ok)
    if mode == "format":
        _summary(changed, len(sources), check, in_place)
    if failed:
        raise SystemExit(failed)
    if check and changed:
        raise SystemExit(1)


def _jobs(sources: list[Source], labels: list[str], tasks: list[Task], encoding: str | None,
          errors: str) -> Iterator[Job]:
    """The work, read lazily in input order: a page per file, JSON lines (UTF-8) in chunks."""
    for index, (s, label, task) in enumerate(zip(sources, labels, tasks)):
        try:
            if task.field is not None:
                for chunk in chunks(read_records(s.path, label)):
                    yield Job(label, task, records=chunk, index=index,
                              size=sum(len(line) for _, line in chunk))
            else:
                read = read_text(s.path, label, encoding, errors)
                # said in --explain when it is not plain UTF-8
                how = "" if read.encoding == "utf-8" else (
                    f"{read.encoding}{' (detected)' if read.detected else ''}"
                    f"{', with a BOM' if read.bom else ''}")
                yield Job(label, task, read.text, index=index, size=size_of(s), encoding=how)
        except FileError as e:          # this input fails; the others go on
            yield Job(label, task, index=index, error=str(e))


def _is_folder(output: str, inputs: tuple[str, ...]) -> bool:
    """-o names a folder (one output per input) when it is one, ends with `/`, or has no suffix
    while an input is a folder; else it is one file for everything."""
    path = Path(output)
    return (path.is_dir() or output.endswith(("/", os.sep))
            or (not path.suffix and any(i != STDIN and Path(i).is_dir() for i in inputs)))


def _progress(sources: list[Source], quiet: bool) -> Any:
    """A progress bar on stderr for work worth watching (several inputs or a few MB), only on a
    terminal and not with --quiet; a do-nothing stand-in otherwise."""
    total = sum(size_of(s) for s in sources)
    if quiet or not sys.stderr.isatty() or (len(sources) < 2 and total < 4 << 20):
        return _NoProgress()
    from tqdm import tqdm
    return tqdm(total=total or None, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                desc="reflow", dynamic_ncols=True, leave=False)


class _NoProgress:
    def update(self, n: int) -> None: ...
    def clear(self) -> None: ...
    def close(self) -> None: ...


def _dask_submit(address: str | None) -> Any:
    if address is None:
        return None
    try:
        from reflow.dask import submitter
    except ImportError as e:
        raise Failure("--dask needs dask.distributed: pip install 'reflow[dask]' "
                      f"({one_line(e)})") from e
    return submitter(address)


def _check_usage(inputs: tuple[str, ...], fmt: str, output: str | None, check: bool, diff: bool,
                 in_place: bool, inline_only: bool, jsonl_field: str | None) -> None:
    """Refuse combinations that make no sense before reading anything."""
    if inline_only and fmt not in ("text", "diagnostics"):
        raise click.UsageError("--inline-only writes text; it cannot be combined with --format "
                               + fmt)
    if (check or diff or in_place) and fmt not in ("text", "markdown"):
        raise click.UsageError("--check, --diff and -i compare text: use --format text or markdown")
    if in_place and (check or diff):
        raise click.UsageError("-i rewrites files; --check and --diff only look: choose one")
    if in_place and STDIN in inputs:
        raise click.UsageError("-i needs files; standard input cannot be rewritten (leave out -i)")
    if output and (check or diff or in_place):
        raise click.UsageError("-o cannot be combined with --check, --diff or -i")
    if jsonl_field is not None and fmt not in ("text", "json"):
        raise click.UsageError("--jsonl-field writes JSON lines: use --format text (the field "
                               "replaced) or json")


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



def call_options(name: str, no_config: bool, config_at: Path | None = None,
                 **given: object) -> dict[str, Any]:
    """The options of one input: the command line's over the project file found upward from it
    (from `config_at` when given: the --stdin-filename of standard input)."""
    start = config_at or (Path.cwd() if name == STDIN else Path(name))
    return resolve(None if no_config else start, **given)


@cli.command("rules")
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
    match = [r for r in rules if r.id == rule_id]
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


@cli.command("lsp")
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
