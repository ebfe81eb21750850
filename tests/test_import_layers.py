"""labkit's import direction: each layer imports only its own layer and the layers below, with no cycles.

The layers are described in docs/architecture.md ("Layers"). Every import in
every module counts, including imports inside functions (the "hidden" kind
that used to hide cycles); imports under ``if TYPE_CHECKING:`` do not run
and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. A module belongs to the first layer whose prefix matches its name
# (a prefix "labkit.data" matches labkit.data and labkit.data._anything).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("labkit", "labkit._*")),  # the package root and labkit/_*.py: errors, text, report, stats, ...
    ("data", ("labkit.data",)),
    ("capabilities", ("labkit.quality", "labkit.evaluate", "labkit.fairness")),
    (
        "course and services",
        (
            "labkit.exercises",
            "labkit.suppliers",
            "labkit.projects",
            "labkit.transparency",
            "labkit.register",
            "labkit.assistants",
        ),
    ),
    ("front ends", ("labkit.widgets", "labkit.apps", "labkit.cli")),
)


def module_files(root: Path, package: str = "labkit") -> dict[str, Path]:
    """Every module of ``package`` under ``root``, by dotted name (a package by its own name)."""
    out = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, modules: dict[str, Path], package: str = "labkit") -> set[str]:
    """The modules of ``package`` that module ``name`` imports anywhere in its code."""
    found: set[str] = set()
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def target(module: str, imported: str) -> str:
        candidate = f"{module}.{imported}"
        return candidate if candidate in modules else module

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == package)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module.split(".")[0] == package:
                found.update(target(module, a.name) for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    found.discard(name)
    return found


def layer_of(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if prefix.endswith("._*"):
                parent = prefix[:-3]
                rest = module[len(parent) + 1 :] if module.startswith(parent + ".") else ""
                if rest.startswith("_") and "." not in rest:
                    return rank
            elif module == prefix or (prefix != "labkit" and module.startswith(prefix + ".")):
                return rank
    return None


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_files(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_every_module_belongs_to_a_layer(graph) -> None:
    unplaced = sorted(m for m in graph if layer_of(m) is None)
    assert not unplaced, (
        f"{unplaced} belong to no layer: add their package to LAYERS in this test and to the layer "
        "table in docs/architecture.md"
    )


def test_no_module_imports_a_higher_layer(graph) -> None:
    upward = sorted(
        (m, t)
        for m, targets in graph.items()
        for t in targets
        if layer_of(t) is not None and layer_of(m) is not None and layer_of(t) > layer_of(m)
    )
    unexpected = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {t} ({LAYERS[layer_of(t)][0]})" for m, t in upward]
    assert not unexpected, "Upward imports (move the shared code down a layer):\n" + "\n".join(unexpected)


def test_no_import_cycles(graph) -> None:
    found = [sorted(c) for c in cycles(graph)]
    assert not found, f"Modules that import each other (move what they share down): {found}"


def test_the_checker_sees_hidden_imports_and_cycles(tmp_path) -> None:
    pkg = tmp_path / "labkit"
    (pkg / "quality").mkdir(parents=True)
    (pkg / "apps").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "_report.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import labkit.apps\n"
    )
    (pkg / "apps" / "__init__.py").write_text("")
    (pkg / "quality" / "__init__.py").write_text("")
    (pkg / "quality" / "_a.py").write_text("def f():\n    from labkit.quality import _b\n")
    (pkg / "quality" / "_b.py").write_text(
        "from . import _a\nfrom .. import _report\n\ndef g():\n    import labkit.apps\n"
    )
    found = import_graph(tmp_path)
    assert found["labkit.quality._a"] == {"labkit.quality._b"}  # an import inside a function counts
    assert found["labkit.quality._b"] == {"labkit.quality._a", "labkit._report", "labkit.apps"}
    assert found["labkit._report"] == set()  # TYPE_CHECKING imports never run
    assert cycles(found) == [frozenset({"labkit.quality._a", "labkit.quality._b"})]
    assert layer_of("labkit.quality._b") == 2 and layer_of("labkit.apps") == 4
    assert layer_of("labkit._report") == 0 and layer_of("labkit") == 0 and layer_of("labkit.newthing") is None
