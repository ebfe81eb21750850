"""No function in labkit is longer than 120 lines of code, so each can be read in one sitting.

A public function's numpydoc docstring (parameters and runnable examples) is
documentation, not code, so it is not counted. A long function is split into
its roles: checking inputs, computing, wording, building the report.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 120

# Functions allowed over the limit. Keep it empty: split a long function by role (a generator of sandbox
# data into its steps, drawing from its random generator in the same order) rather than list it here.
KNOWN_LONG: set[str] = set()


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from ``def`` to the function's last line, less its docstring."""
    total = node.end_lineno - node.lineno + 1
    first = node.body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        total -= first.end_lineno - first.lineno + 1
    return total


def long_functions(root: Path = ROOT, limit: int = LIMIT) -> dict[str, int]:
    out = {}
    for path in sorted((root / "labkit").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and code_lines(node) > limit:
                out[f"{path.relative_to(root).as_posix()}::{node.name}"] = code_lines(node)
    return out


def test_no_function_is_longer_than_the_limit() -> None:
    too_long = {name: n for name, n in long_functions().items() if name not in KNOWN_LONG}
    assert not too_long, f"Functions over {LIMIT} lines of code (split them by role): {too_long}"


def test_code_lines_leave_out_the_docstring_only() -> None:
    source = 'def f(x):\n    """Say hello.\n\n    More.\n    """\n    y = x + 1\n    return y\n'
    node = ast.parse(source).body[0]
    assert code_lines(node) == 3  # def, y = ..., return
    assert code_lines(ast.parse("def g():\n    return 1\n").body[0]) == 2
