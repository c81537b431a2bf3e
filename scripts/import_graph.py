"""The package's import graph, read from the source (ast: nothing is imported): its cycles, and
each module's length. `python scripts/import_graph.py` lists the cycles of module-level imports,
`--all` counts imports inside functions too (they run later, so they cannot fail at import time,
but they still tie the two modules together). tests/test_layers.py uses it.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "inclusicheck"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package (a package is its __init__)."""
    files = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        files[".".join(parts)] = path
    return files


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(tree: ast.Module, module: str, is_package: bool, known: set[str], all_levels: bool):
    """The package's modules that `module` imports: at module level (in `if`/`try` too, not under
    `if TYPE_CHECKING`), and with `all_levels` inside functions and classes as well."""
    found: set[str] = set()

    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, module, is_package)
                # `from . import x` names a submodule x when there is one, else a name of the package
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            else:
                names = []
            for name in names:
                while name and name not in known:  # `import a.b.c` imports a, a.b and a.b.c
                    name = name.rpartition(".")[0]
                if name and name != module and name.startswith(PACKAGE):
                    found.add(name)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                if all_levels or isinstance(node, ast.ClassDef):  # a class body runs at import time
                    visit(ast.iter_child_nodes(node))
            else:
                visit(ast.iter_child_nodes(node))

    visit(tree.body)
    return found


def import_graph(all_levels: bool = False, root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the package's modules it imports. Importing `a.b` also runs `a/__init__.py`:
    that edge is implied, not listed."""
    files = module_files(root)
    known = set(files)
    return {module: _imports(ast.parse(path.read_text(encoding="utf-8")), module,
                             path.name == "__init__.py", known, all_levels)
            for module, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                strongconnect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return sorted(found)


def line_counts(root: Path = ROOT) -> dict[str, int]:
    return {module: len(path.read_text(encoding="utf-8").splitlines()) for module, path in module_files(root).items()}


def main(argv: list[str]) -> int:
    all_levels = "--all" in argv
    graph = import_graph(all_levels)
    found = cycles(graph)
    for component in found:
        members = set(component)
        print(f"cycle ({len(component)} modules):")
        for module in component:
            print(f"  {module} -> {', '.join(sorted(graph[module] & members))}")
    print(f"{len(found)} cycle(s) among {len(graph)} modules ({'all' if all_levels else 'module-level'} imports)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
