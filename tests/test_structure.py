"""The shape of the package: no import cycle, rule ids only where rules are declared, every
declared rule in the registry, lines of at most 100 characters."""
from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import reflow
from reflow.registry import CODE_RULES, RULE_MODULES, all_rules
from reflow.rule import Rule

PACKAGE = Path(reflow.__file__).resolve().parent
ROOT = PACKAGE.parent
MAX_LINE = 100


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {"reflow": PACKAGE / "__init__.py"}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join(parts)] = path
    return found


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """The nodes of a module outside `if TYPE_CHECKING:` blocks (imports for annotations only)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
            continue
        out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that module `name` imports at run time (at any depth of its code)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = (
                package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            )
            target = ".".join([*base, *([node.module] if node.module else [])])
            subs = {f"{target}.{a.name}" for a in node.names} & known
            out |= subs                      # `from . import config`: the module config
            if target in known and len(subs) < len(node.names):
                out.add(target)              # names defined in the module `target` itself
    return out - {name}


def test_the_package_has_no_import_cycle():
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    state: dict[str, int] = {}    # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert len(graph) > 30


def test_rule_ids_are_not_written_outside_their_declarations():
    """Code refers to a rule by its object: a string that is a rule's id, outside the `@rule(...)`
    that declares it, is an id emitted or asked by code that is not that rule."""
    ids = {r.id for r in all_rules()}
    found = []
    for name, path in sorted(modules().items()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = {id(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "rule" and node.args}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and node.value.strip() in ids and id(node) not in declared):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "rule ids written as strings:\n" + "\n".join(found)


def test_every_declared_rule_is_in_the_registry():
    """A module that declares rules is listed in `registry.RULE_MODULES`: none is left out."""
    declared = set()
    for info in pkgutil.walk_packages([str(PACKAGE)], "reflow."):
        if info.name in ("reflow.lsp", "reflow.dask", "reflow.__main__"):
            continue    # optional dependencies; they declare no rules
        module = importlib.import_module(info.name)
        declared |= {v.id for v in vars(module).values() if isinstance(v, Rule)
                     and v.func is not None and v.func.__module__ == info.name}
        if any(isinstance(v, Rule) and v.func is not None and v.func.__module__ == info.name
               for v in vars(module).values()):
            assert module in RULE_MODULES, f"{info.name} declares rules but is not in RULE_MODULES"
    assert declared == {r.id for r in CODE_RULES}


def test_lines_are_at_most_100_characters():
    """The limit `setup.cfg` gives flake8 (max-line-length), checked here so CI needs no linter."""
    assert re.search(rf"max-line-length\s*=\s*{MAX_LINE}\b", (ROOT / "setup.cfg").read_text())
    long = []
    for folder in ("reflow", "tests", "benchmarks", "fuzz", "examples"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if len(line) > MAX_LINE:
                    long.append(f"{path.relative_to(ROOT)}:{no}: {len(line)} characters")
    assert not long, f"{len(long)} lines longer than {MAX_LINE}:\n" + "\n".join(long[:40])
