"""The data standards of the sandbox datasets.

The standards themselves are built by :func:`labkit.quality._standard.sandbox_standard`;
this module only finds their parts, so it imports nothing else from ``labkit.quality``.
Each sandbox dataset's standard starts from its Table Schema in
``sandbox_data/datapackage.json`` (types, required columns, code lists,
patterns, ranges) and adds, from ``labkit/quality/standards/NAME.yaml``, what a
Table Schema cannot say: legacy codes, placeholder values, cross-field rules,
one address per property, monthly completeness and who is a person.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit._text import listing

__all__ = ["STANDARDS_FOLDER", "sandbox_resource", "sandbox_schema", "standard_names"]

STANDARDS_FOLDER = Path(__file__).resolve().parent / "standards"


def standard_names() -> list[str]:
    """The sandbox datasets that have a labkit data standard."""
    return sorted(p.stem for p in STANDARDS_FOLDER.glob("*.yaml"))


def sandbox_schema() -> dict[str, Any]:
    """The sandbox Data Package (``datapackage.json``) as a dict."""
    from labkit import data

    return data.datapackage()


def sandbox_resource(name: str, council: str = "northbrook") -> dict[str, Any]:
    """The Data Package resource that describes sandbox dataset ``name`` (its Table Schema)."""
    package = sandbox_schema()
    resources = {r.get("name"): r for r in package.get("resources", [])}
    for candidate in (name, f"{council}-{name.replace('_', '-')}"):
        if candidate in resources:
            return resources[candidate]
    raise LabkitError(
        f"The sandbox data package has no table called {name!r}.",
        where="parameter name",
        fix=f"Use one of: {listing(sorted(str(n) for n in resources))}.",
    )
