"""The sandbox outside a checkout: made once from the seed, kept in the user's cache folder.

A checkout of the labkit repository holds the sandbox files in ``sandbox_data/``. An installed package
holds only their manifest, ``labkit/data/sandbox_manifest.sha256`` (a copy of
``sandbox_data/MANIFEST.sha256`` that ``python -m labkit.data.rebuild`` writes and a test keeps equal).
The first time a sandbox file is needed outside a checkout, labkit generates every file from seed 0,
checks each against that manifest, and keeps them in the user's cache folder (found with platformdirs;
the environment variable ``LABKIT_DATA_DIR`` overrides it)::

    <cache folder>/sandbox-<first 12 hex digits of the manifest's SHA-256>/
      MANIFEST.sha256, datapackage.json, northbrook/..., eastmere/..., register/...

The folder's name changes whenever the manifest does, so a new labkit version with new data never reads
old files. The files are written to a temporary folder beside it and renamed into place in one step, so
two processes starting at the same time cannot leave a half-written folder: the second rename fails, and
that process uses the first one's files.

This module knows nothing about datasets: it writes whatever the ``build`` function it is given returns,
so every dataset in the registry is covered with no code of its own.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError

MANIFEST = "MANIFEST.sha256"
PACKAGED_MANIFEST = Path(__file__).with_name("sandbox_manifest.sha256")
DATA_DIR_ENV = "LABKIT_DATA_DIR"

Progress = Callable[[str], object]
Build = Callable[[Progress | None], dict[str, bytes]]


def content_digest(rel: str, data: bytes) -> str:
    """SHA-256 of a file's content; for ``.gz`` files, of the text inside (zlib builds may differ)."""
    if rel.endswith(".gz"):
        data = gzip.decompress(data)
    return hashlib.sha256(data).hexdigest()


def manifest_text(files: dict[str, bytes]) -> str:
    """The manifest: one ``<sha256>  <path>`` line per file (for .gz files, the hash of the CSV inside)."""
    lines = [f"{content_digest(p, files[p])}  {p}" for p in sorted(files)]
    return "\n".join(lines) + "\n"


def parse_manifest(text: str) -> dict[str, str]:
    """The digest of each path in a manifest's text."""
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, rel = line.partition("  ")
            out[rel] = digest
    return out


def packaged_manifest_text() -> str:
    """The manifest shipped inside the package."""
    return PACKAGED_MANIFEST.read_text(encoding="utf-8")


def cache_root() -> Path:
    """The folder that holds labkit's generated sandbox: ``LABKIT_DATA_DIR``, else the user's cache folder.

    The user's cache folder is ``~/.cache/labkit`` on Linux, ``~/Library/Caches/labkit`` on macOS and
    ``%LOCALAPPDATA%\\labkit\\Cache`` on Windows (platformdirs decides).
    """
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("labkit", appauthor=False))


def cache_folder() -> Path:
    """The sandbox folder in the cache for this package's manifest (it may not exist yet)."""
    digest = hashlib.sha256(packaged_manifest_text().encode("utf-8")).hexdigest()[:12]
    return cache_root() / f"sandbox-{digest}"


def _cannot_write(folder: Path, exc: OSError) -> LabkitError:
    reason = exc.strerror or str(exc)
    return LabkitError(
        f"labkit cannot write the sandbox data to the folder {folder.as_posix()}: {reason}.",
        where=f"folder {folder.as_posix()!r}",
        fix=f"Set the environment variable {DATA_DIR_ENV} to a folder you can write to (for example "
        f"{DATA_DIR_ENV}=$HOME/labkit-data), or free some space there. labkit makes about 25 MB of synthetic "
        "data there once, on first use.",
    )


def _progress_bar(steps: int) -> Any:
    """A progress bar on stderr, or None under pytest (its output would only be noise there)."""
    if os.environ.get("PYTEST_CURRENT_TEST"):
        return None
    from tqdm import tqdm

    return tqdm(
        total=steps, desc="labkit: making the sandbox data (first use only)", unit="step", file=sys.stderr
    )


def _check(files: dict[str, bytes], expected: dict[str, str], folder: Path) -> None:
    made = parse_manifest(manifest_text(files))
    differ = sorted(p for p in set(made) | set(expected) if made.get(p) != expected.get(p))
    if differ:
        raise LabkitError(
            f"The sandbox data made on this computer differs from the data this version of labkit was "
            f"published with ({len(differ)} of {len(expected)} files, for example {differ[0]}), so the "
            "course's numbers would not match.",
            where=f"folder {folder.as_posix()!r}",
            fix="Install labkit with the package versions it was tested with: pip install with "
            "-c requirements/lock.txt from the labkit repository as constraints (see docs/packaging.md).",
        )


def ensure_cache(build: Build, steps: int) -> Path:
    """The cache's sandbox folder, made first if needed by ``build`` and checked against the manifest.

    Parameters
    ----------
    build : callable
        Takes a progress function (or None) and returns every sandbox file's bytes by relative path;
        it must call the progress function ``steps`` times.
    steps : int
        How many steps ``build`` reports, for the progress bar.

    Returns
    -------
    pathlib.Path
        A complete sandbox folder holding ``MANIFEST.sha256`` (the packaged manifest) and every file it
        lists.

    Raises
    ------
    LabkitError
        If the folder cannot be written, or the files made here differ from the manifest.
    """
    folder = cache_folder()
    if (folder / MANIFEST).is_file():
        return folder
    expected_text = packaged_manifest_text()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError as exc:
        raise _cannot_write(folder.parent, exc) from exc
    try:
        bar = _progress_bar(steps)

        def progress(what: str) -> None:
            if bar is not None:
                bar.set_postfix_str(what, refresh=False)
                bar.update(1)

        try:
            files = build(progress)
        finally:
            if bar is not None:
                bar.close()
        _check(files, parse_manifest(expected_text), folder)
        try:
            for rel, data in files.items():
                path = tmp / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            (tmp / MANIFEST).write_text(expected_text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise _cannot_write(folder.parent, exc) from exc
        try:
            tmp.rename(folder)
        except OSError as exc:
            # Another process finished first: its folder is complete (renames are atomic), so use it.
            if not (folder / MANIFEST).is_file():
                raise _cannot_write(folder.parent, exc) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder
