#!/usr/bin/env python3
"""Check the structure limits of a checkout; print every break of them and fail when there is one.

usage: python scripts/check_structure.py [ROOT] [--only LIMIT ...]   (ROOT: the checkout, default ".")

The limits (names for ``--only``):

- ``function-length``: no function or method in incidents/ over 60 lines (from its ``def`` line to
  its last line; nested functions count on their own and inside their parent).
- ``import-cycles``: no cycle of imports between modules of incidents/. Every import counts, at the
  top of a module or inside a function; ``from package import name`` depends on the submodule
  ``package.name`` when there is one, else on the package.
- ``page-length``: no page script (pages/*.py, dashboard.py) over 80 lines.
- ``streamlit-imports``: streamlit imported only in incidents/ui/, dashboard.py and pages/. The
  product code is searched: incidents/ and scripts/ (tests/ and benchmarks/ hold Streamlit apps and
  AppTest harnesses of their own and are not searched).
- ``boundary-readers``: at most one module in incidents/ reads data/iraq_governorates.geojson. A
  module counts as a reader when its code holds the file name as a plain string ending in
  ``iraq_governorates.geojson`` (a docstring, a comment, an f-string message or a help text naming
  the file in a sentence does not count).
- ``governorate-resolvers``: at most one governorate-name resolver in incidents/, that is one
  definition (function or method) named as in ``RESOLVER_NAMES``.

Output: one line per finding, ``path:line: [limit] message``, then a summary line. Exit status 0
when no limit checked is broken, 1 when one is, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "incidents"
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 80
STREAMLIT_HOMES = ("incidents/ui/", "pages/", "dashboard.py")
STREAMLIT_SEARCHED = ("incidents", "scripts")
BOUNDARIES_FILE = "iraq_governorates.geojson"
RESOLVER_NAMES = frozenset({"canonical_governorate", "canonical_admin1", "governorate_name"})


@dataclass(frozen=True)
class Finding:
    """One break of a limit: the limit's name, where (path relative to the root, line), what."""

    limit: str
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        """The finding as printed: ``path:line: [limit] message``."""
        return f"{self.path}:{self.line}: [{self.limit}] {self.message}"


@dataclass(frozen=True)
class Module:
    """A parsed Python file: dotted name, path relative to the root (posix), syntax tree."""

    name: str
    rel: str
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        """Is this a package's ``__init__.py``? (Relative imports count from the package itself.)"""
        return self.rel.endswith("__init__.py")


def module_name(rel: Path) -> str:
    """A path relative to the root ("incidents/ui/page.py") -> its dotted module name."""
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def parse_tree(root: Path, folder: str) -> tuple[dict[str, Module], list[Finding]]:
    """Every .py file under ``root/folder`` parsed, by dotted name; a file that does not parse is a
    finding (limit "parse") instead."""
    modules: dict[str, Module] = {}
    problems: list[Finding] = []
    for path in sorted((root / folder).rglob("*.py")):
        rel = path.relative_to(root)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))
        except (SyntaxError, UnicodeDecodeError) as exc:
            problems.append(Finding("parse", rel.as_posix(), getattr(exc, "lineno", 0) or 0, f"cannot parse: {exc}"))
            continue
        modules[module_name(rel)] = Module(module_name(rel), rel.as_posix(), tree)
    return modules, problems


# --------------------------------------------------------------------------- function length


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method in a tree with its qualified name ("Class.method", "outer.inner")."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + node.name
            yield name, node
            yield from functions(node, name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from functions(node, prefix + node.name + ".")
        else:
            yield from functions(node, prefix)


def long_functions(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """Functions and methods of the package longer than MAX_FUNCTION_LINES, longest first."""
    found = []
    for module in modules.values():
        for name, node in functions(module.tree):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                found.append((lines, Finding("function-length", module.rel, node.lineno,
                                             f"function {name} has {lines} lines (limit {MAX_FUNCTION_LINES})")))
    return [f for _, f in sorted(found, key=lambda x: (-x[0], x[1].path, x[1].line))]


# --------------------------------------------------------------------------- import cycles


def imported_names(module: Module) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of everything a module imports, relative imports made absolute.

    ``import a.b`` gives "a.b"; ``from a import b`` gives "a.b" (resolved to a module later).
    """
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join(package + ([node.module] if node.module else []))
            for alias in node.names:
                yield f"{base}.{alias.name}" if alias.name != "*" else base, node.lineno


def resolve(name: str, modules: dict[str, Module]) -> str | None:
    """The module a dotted import name lands in: the longest prefix of it that is a module."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(modules: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {module of the package it imports: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, module in modules.items():
        for imported, line in imported_names(module):
            target = resolve(imported, modules)
            if target and target != name:
                graph[name].setdefault(target, line)
    return graph


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Groups of two or more modules that import each other, directly or not (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)


def import_cycles(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """One finding per group of modules that import each other, at the first module's import."""
    graph = import_graph(modules)
    found = []
    for group in strongly_connected(graph):
        first = group[0]
        inside = sorted(set(graph[first]) & set(group))
        line = min(graph[first][m] for m in inside)
        found.append(Finding("import-cycles", modules[first].rel, line, "import cycle: " + " <-> ".join(group)))
    return found


# --------------------------------------------------------------------------- pages


def page_scripts(root: Path) -> list[Path]:
    """The page scripts of the dashboard: pages/*.py and dashboard.py (those that exist)."""
    pages = sorted((root / "pages").glob("*.py")) if (root / "pages").is_dir() else []
    return pages + ([root / "dashboard.py"] if (root / "dashboard.py").is_file() else [])


def long_pages(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """Page scripts longer than MAX_PAGE_LINES lines."""
    found = []
    for path in page_scripts(root):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_PAGE_LINES:
            found.append(Finding("page-length", path.relative_to(root).as_posix(), 1,
                                 f"page script has {lines} lines (limit {MAX_PAGE_LINES})"))
    return found


# --------------------------------------------------------------------------- streamlit


def streamlit_imports(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """Imports of streamlit in the product code outside its homes (STREAMLIT_HOMES)."""
    searched = dict(modules)
    for folder in STREAMLIT_SEARCHED:
        if folder != PACKAGE and (root / folder).is_dir():
            searched.update(parse_tree(root, folder)[0])
    found = []
    for module in searched.values():
        if module.rel.startswith(STREAMLIT_HOMES):
            continue
        for name, line in imported_names(module):
            if name.split(".")[0] == "streamlit":
                found.append(Finding("streamlit-imports", module.rel, line,
                                     "imports streamlit (only incidents/ui/, dashboard.py and pages/ may)"))
    return sorted(found, key=lambda f: (f.path, f.line))


# --------------------------------------------------------------------------- one home per idea


def docstring_ids(tree: ast.Module) -> set[int]:
    """id() of the string nodes that are docstrings (of the module, its classes and functions)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def boundary_file_lines(tree: ast.Module) -> list[int]:
    """Lines where a module's code names BOUNDARIES_FILE as a plain string (a path, not a sentence)."""
    skip = docstring_ids(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and node.value.endswith(BOUNDARIES_FILE)]


def boundary_readers(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """One finding per reader of the boundaries file when more than one module reads it."""
    readers = {m.rel: lines for m in modules.values() if (lines := boundary_file_lines(m.tree))}
    if len(readers) <= 1:
        return []
    names = ", ".join(sorted(readers))
    return [Finding("boundary-readers", rel, min(lines), f"reads {BOUNDARIES_FILE}; {len(readers)} modules "
                    f"do ({names}): one should, the others ask it") for rel, lines in sorted(readers.items())]


def governorate_resolvers(root: Path, modules: dict[str, Module]) -> list[Finding]:
    """One finding per resolver definition when there is more than one (names in RESOLVER_NAMES)."""
    defined = [(m.rel, node.lineno, name) for m in modules.values() for name, node in functions(m.tree)
               if name.rpartition(".")[2] in RESOLVER_NAMES]
    if len(defined) <= 1:
        return []
    where = ", ".join(f"{rel}:{name}" for rel, _, name in sorted(defined))
    return [Finding("governorate-resolvers", rel, line, f"defines governorate resolver {name}; there are "
                    f"{len(defined)} ({where}): one should") for rel, line, name in sorted(defined)]


# --------------------------------------------------------------------------- the run

LIMITS: dict[str, Callable[[Path, dict[str, Module]], list[Finding]]] = {
    "function-length": long_functions,
    "import-cycles": import_cycles,
    "page-length": long_pages,
    "streamlit-imports": streamlit_imports,
    "boundary-readers": boundary_readers,
    "governorate-resolvers": governorate_resolvers,
}


def check(root: Path, only: list[str] | None = None) -> list[Finding]:
    """All findings of the limits ``only`` (default: every limit) on the checkout at ``root``.

    Files of the package that do not parse are findings too, whatever the limits asked.
    """
    modules, found = parse_tree(root, PACKAGE)
    for name in only or list(LIMITS):
        found += LIMITS[name](root, modules)
    return found


def summary(found: list[Finding], limits: list[str]) -> str:
    """One line: how many findings per limit checked."""
    counts = ", ".join(f"{name} {sum(f.limit == name for f in found)}" for name in limits)
    parse = sum(f.limit == "parse" for f in found)
    return ("structure: " + ("ok; " if not found else f"{len(found)} finding(s); ") + counts
            + (f", unparsable files {parse}" if parse else ""))


def main(argv: list[str] | None = None) -> int:
    """Command line: check ROOT, print the findings and the summary. Returns the exit status."""
    parser = argparse.ArgumentParser(description="Check the structure limits of a checkout.")
    parser.add_argument("root", nargs="?", default=".", type=Path, help="the checkout (default: .)")
    parser.add_argument("--only", action="append", choices=list(LIMITS), metavar="LIMIT",
                        help=f"check only this limit (repeatable): {', '.join(LIMITS)}")
    args = parser.parse_args(argv)
    if not (args.root / PACKAGE).is_dir():
        print(f"check_structure: {args.root} has no {PACKAGE}/ folder", file=sys.stderr)
        return 2
    limits = args.only or list(LIMITS)
    found = check(args.root, limits)
    for finding in found:
        print(finding)
    print(summary(found, limits))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
