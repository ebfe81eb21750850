"""The sandbox register: six fictional councils' registers, as committed in ``sandbox_data/register/``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit.register._store import Register

__all__ = ["sandbox_files", "sandbox_register", "sandbox_truth"]


def sandbox_files() -> list[Path]:
    """The six councils' register files (CSV), each checked against the sandbox manifest.

    Examples
    --------
    >>> from labkit.register import sandbox_files
    >>> [p.name for p in sandbox_files()][:2]
    ['northbrook.csv', 'eastmere.csv']
    """
    from labkit.data._register import REGISTER_COUNCILS
    from labkit.data._sandbox import checked_path

    return [checked_path(f"register/{council}.csv") for council in REGISTER_COUNCILS]


def sandbox_truth() -> dict[str, Any]:
    """What was planted in the sandbox register: duplicate groups, the stopped project, the silent one.

    Examples
    --------
    >>> from labkit.register import sandbox_truth
    >>> sandbox_truth()["published_nothing"]
    'sallowford-benefit-claim-scoring'
    """
    from labkit.data._sandbox import checked_path

    return json.loads(checked_path("register/ground_truth.json").read_text(encoding="utf-8"))


def sandbox_register(path: str | Path | None = None) -> Register:
    """A register holding all six sandbox councils' projects (merged from their files).

    Parameters
    ----------
    path : str or Path, optional
        Where to create the register file; it must not exist yet. By default a new file in a temporary
        folder.

    Examples
    --------
    >>> from labkit.register import sandbox_register
    >>> len(sandbox_register())
    39
    """
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="labkit-register-")) / "sandbox-register.sqlite"
    path = Path(path)
    if path.exists():
        raise LabkitError(
            "A file already exists there; labkit will not overwrite it.",
            where=f"path {path.as_posix()!r}",
            fix="Open it with Register(path), or choose a new file name.",
        )
    register = Register(path)
    for file in sandbox_files():
        register.import_file(file)
    return register
