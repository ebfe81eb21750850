"""labkit.quality's modules import one way (no cycles, even inside functions) and keep functions short."""

from __future__ import annotations

import ast
from pathlib import Path

import labkit

QUALITY = Path(labkit.__file__).parent / "quality"


def _imports(path: Path) -> set[str]:
    """The labkit.quality modules that ``path`` imports anywhere (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("labkit.quality."):
            found.add(node.module.split(".")[2])
    return found


def test_no_import_cycles_inside_quality() -> None:
    graph = {p.stem: _imports(p) - {p.stem} for p in QUALITY.glob("_*.py")}
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for other in sorted(graph.get(module, ())):
            assert seen.get(other) != 1, f"import cycle: {' -> '.join([*path, other])}"
            if other not in seen:
                visit(other, [*path, other])
        seen[module] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])


def test_values_and_formats_sit_at_the_bottom() -> None:
    assert _imports(QUALITY / "_values.py") <= {"_formats"}
    assert _imports(QUALITY / "_formats.py") == set()
    assert _imports(QUALITY / "_sandbox.py") == set()


def test_no_function_over_120_lines() -> None:
    long = []
    for path in [*QUALITY.glob("*.py"), QUALITY.parent / "_csv.py", QUALITY.parent / "_inputs.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 120:
                    long.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long, long
