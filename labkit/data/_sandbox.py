"""The committed sandbox files: writing them, checking them and reading them back.

Layout (UTF-8 CSV with ``\\n`` line ends; JSON with two-space indents). The
clean files are gzip-compressed CSV so the folder stays under 30 MB; the
as-received files, which officers open, are plain CSV::

    sandbox_data/
      datapackage.json              Frictionless Data Package: a Table Schema per file
      MANIFEST.sha256               SHA-256 of every file, checked by load()
      northbrook/
        housing_repairs.csv         the dirty copy, as officers receive it
        housing_repairs_clean.csv.gz  the true records
        housing_repairs_defect_log.csv
        housing_repairs_crosswalk.csv
        housing_repairs_ground_truth.json
        ...
      eastmere/
        housing_repairs_clean.csv.gz  another council's data, for distribution shift
        housing_repairs_ground_truth.json

Every file is ``generate(name, seed=0, council=...)`` written out, byte for
byte. ``python -m labkit.data.rebuild`` writes them again.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit.data._cache import (
    MANIFEST,
    cache_folder,
    content_digest,
    ensure_cache,
    manifest_text,
    parse_manifest,
)
from labkit.data._councils import COUNCILS, DEFAULT_COUNCIL
from labkit.data._defects import LOG_FIELDS
from labkit.data._generate import CROSSWALK_FIELDS, Dataset, check_council, generate, get_spec
from labkit.data._register import register_files, register_readme_rows, register_resources
from labkit.data._registry import extra_sandbox_modules, registry
from labkit.data._schema import read_csv_text, table_schema, to_csv_text

DATAPACKAGE = "datapackage.json"
README = "README.md"
REBUILD_HINT = "python -m labkit.data.rebuild"

# What is committed: every dataset of the default council in full, and the clean housing repairs of the
# second council for distribution-shift lessons.
FULL = ("dirty", "clean", "defect_log", "crosswalk", "ground_truth")
COMMITTED: dict[tuple[str, str], tuple[str, ...]] = {
    ("eastmere", "housing_repairs"): ("clean", "ground_truth")
}


def committed_parts(council: str, name: str) -> tuple[str, ...]:
    """Which files of a dataset are committed for a council (empty when none)."""
    if council == DEFAULT_COUNCIL:
        return FULL
    return COMMITTED.get((council, name), ())


def checkout_sandbox_dir() -> Path:
    """``sandbox_data`` in the checkout that holds this package (it does not exist in an installed wheel)."""
    return Path(__file__).resolve().parents[2] / "sandbox_data"


def sandbox_dir() -> Path:
    """The folder the sandbox files are read from.

    ``LABKIT_SANDBOX_DIR`` if set; else ``sandbox_data`` in the labkit checkout, when labkit runs from
    one; else a folder in the user's cache, which labkit fills from the seed the first time (about 25 MB,
    with a progress bar; ``LABKIT_DATA_DIR`` chooses another place). See docs/packaging.md.

    Returns
    -------
    pathlib.Path
        A folder holding ``MANIFEST.sha256`` and the files it lists.

    Raises
    ------
    LabkitError
        If the cache folder cannot be written, or the data made there differs from the manifest.

    Examples
    --------
    >>> from labkit.data import sandbox_dir
    >>> (sandbox_dir() / "MANIFEST.sha256").is_file()
    True
    """
    env = os.environ.get("LABKIT_SANDBOX_DIR")
    if env:
        return Path(env)
    checkout = checkout_sandbox_dir()
    if checkout.is_dir():
        return checkout
    return ensure_cache(build_sandbox, sandbox_steps())


def _restore_hint(folder: Path, rel: str) -> str:
    if folder == cache_folder():
        return (
            f"Delete the folder {folder.as_posix()}: labkit makes it again from the seed the next time it "
            "is used."
        )
    return (
        f"Restore it with git (git checkout -- sandbox_data/{rel}) or rebuild the sandbox: {REBUILD_HINT} "
        "(or generate it yourself with labkit data generate)."
    )


def file_name(name: str, part: str, *, compressed: bool = True) -> str:
    """The file name of one part of a dataset; clean files are gzip-compressed in the sandbox."""
    return {
        "dirty": f"{name}.csv",
        "clean": f"{name}_clean.csv.gz" if compressed else f"{name}_clean.csv",
        "defect_log": f"{name}_defect_log.csv",
        "crosswalk": f"{name}_crosswalk.csv",
        "ground_truth": f"{name}_ground_truth.json",
    }[part]


def dataset_files(
    ds: Dataset, parts: tuple[str, ...] = FULL, *, compress_clean: bool = True
) -> dict[str, bytes]:
    """The bytes of each file of a generated dataset, by file name.

    The clean file is gzip-compressed (with no time stamp, so the bytes are reproducible) unless
    ``compress_clean`` is False.
    """
    spec = get_spec(ds.name)
    out: dict[str, bytes] = {}
    if "dirty" in parts and ds.dirty is not None:
        out[file_name(ds.name, "dirty")] = to_csv_text(ds.dirty, spec.dirty_fields).encode("utf-8")
    if "clean" in parts:
        data = to_csv_text(ds.clean, spec.fields).encode("utf-8")
        if compress_clean:
            data = gzip.compress(data, compresslevel=9, mtime=0)
        out[file_name(ds.name, "clean", compressed=compress_clean)] = data
    if "defect_log" in parts and ds.dirty is not None:
        out[file_name(ds.name, "defect_log")] = to_csv_text(ds.defect_log, LOG_FIELDS).encode("utf-8")
    if "crosswalk" in parts:
        out[file_name(ds.name, "crosswalk")] = to_csv_text(ds.crosswalk, CROSSWALK_FIELDS).encode("utf-8")
    if "ground_truth" in parts:
        text = json.dumps(ds.ground_truth, indent=2, ensure_ascii=False) + "\n"
        out[file_name(ds.name, "ground_truth")] = text.encode("utf-8")
    return out


def _resource(path: str, name: str, title: str, description: str, fields, primary_key, extra=None) -> dict:
    res = {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
        "schema": table_schema(fields, primary_key),
    }
    if extra:
        res.update(extra)
    return res


def datapackage_for(
    entries: list[tuple[str, str, tuple[str, ...]]], *, compressed: bool = True
) -> dict[str, Any]:
    """A Frictionless Data Package describing the files of (council, dataset, parts) entries."""
    resources: list[dict[str, Any]] = []
    for council, name, parts in entries:
        spec = get_spec(name)
        profile = COUNCILS[council]
        title = f"{spec.title}, {profile.title} (synthetic)"
        base = f"{council}-{name}".replace("_", "-")
        assumptions = [f.name for f in spec.fields if f.assumption]
        extra = {"labkit:dataset": name, "labkit:council": council, "labkit:assumption_fields": assumptions}
        if "dirty" in parts:
            resources.append(
                _resource(
                    f"{council}/{file_name(name, 'dirty')}",
                    base,
                    f"{title}: as received",
                    f"{spec.summary} {spec.unit.capitalize()}. The copy an officer receives, with realistic "
                    "defects (see the defect log). The schema is the data standard the clean data meets; "
                    "this file deliberately breaks it.",
                    spec.dirty_fields,
                    spec.primary_key,
                    extra,
                )
            )
        if "clean" in parts:
            clean_extra = dict(extra)
            if file_name(name, "clean", compressed=compressed).endswith(".gz"):
                clean_extra["compression"] = "gz"
            resources.append(
                _resource(
                    f"{council}/{file_name(name, 'clean', compressed=compressed)}",
                    f"{base}-clean",
                    f"{title}: clean",
                    f"{spec.summary} {spec.unit.capitalize()}. The true records, with no defects.",
                    spec.fields,
                    spec.primary_key,
                    clean_extra,
                )
            )
        if "defect_log" in parts:
            resources.append(
                _resource(
                    f"{council}/{file_name(name, 'defect_log')}",
                    f"{base}-defect-log",
                    f"{title}: defect log",
                    "Every defect injected into the as-received file: the answer key for data-quality "
                    "exercises.",
                    LOG_FIELDS,
                    None,
                    {"labkit:dataset": name, "labkit:council": council},
                )
            )
        if "crosswalk" in parts:
            resources.append(
                _resource(
                    f"{council}/{file_name(name, 'crosswalk')}",
                    f"{base}-crosswalk",
                    f"{title}: identity crosswalk",
                    "Which resident each service ID belongs to: the answer key for record matching.",
                    CROSSWALK_FIELDS,
                    None,
                    {"labkit:dataset": name, "labkit:council": council},
                )
            )
        if "ground_truth" in parts:
            resources.append(
                {
                    "name": f"{base}-ground-truth",
                    "path": f"{council}/{file_name(name, 'ground_truth')}",
                    "title": f"{title}: ground truth",
                    "description": "The planted truths: label, effects and sizes, mediators, proxies, label "
                    "bias, leaky features, assumptions and defect counts.",
                    "format": "json",
                    "mediatype": "application/json",
                    "encoding": "utf-8",
                }
            )
    return {
        "profile": "data-package",
        "name": "labkit-sandbox",
        "title": "labkit sandbox: synthetic council datasets",
        "description": "Synthetic resident-service datasets of two fictional councils, Northbrook and "
        "Eastmere, made by labkit.data with seed 0. No row describes a real person. Fields with "
        "'labkit:assumption' rest on design assumptions, not published figures.",
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0"}],
        "keywords": ["synthetic data", "local government", "data quality", "fairness"],
        "resources": resources,
    }


def committed_entries() -> list[tuple[str, str, tuple[str, ...]]]:
    """(council, dataset, parts) for every committed dataset."""
    return [
        (council, name, committed_parts(council, name))
        for council in COUNCILS
        for name in registry()
        if committed_parts(council, name)
    ]


def sandbox_steps() -> int:
    """How many times :func:`build_sandbox` calls its ``progress`` function (for a progress bar)."""
    return len(committed_entries()) + len(extra_sandbox_modules()) + 2


def build_sandbox(progress: Callable[[str], object] | None = None) -> dict[str, bytes]:
    """Every committed sandbox file, freshly generated, by path relative to the sandbox folder.

    ``progress``, if given, is called with a short description after each of :func:`sandbox_steps` steps.
    """
    files: dict[str, bytes] = {}

    def done(what: str) -> None:
        if progress:
            progress(what)

    for council, name, parts in committed_entries():
        ds = generate(name, seed=0, council=council)
        for fname, data in dataset_files(ds, parts).items():
            files[f"{council}/{fname}"] = data
        done(f"{council}/{name}")
    from labkit.data._tender import tender_files, tender_resources

    files.update(tender_files())
    done("tender")
    package = datapackage_for(committed_entries())
    for module in extra_sandbox_modules():
        files.update(module.sandbox_files())
        package["resources"] += module.sandbox_resources()
        done(module.__name__.rsplit(".", 1)[-1].lstrip("_"))
    package["resources"] += tender_resources(files)
    files.update(register_files())
    package["resources"] += register_resources()
    done("register")
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    files[DATAPACKAGE] = text.encode("utf-8")
    files[README] = readme_text().encode("utf-8")
    return files


def readme_text() -> str:
    """The README of the sandbox folder, for anyone who opens it in a file browser."""
    lines = [
        "# Sandbox data (synthetic)",
        "",
        "Practice data for the labkit course, about two fictional councils, Northbrook and Eastmere.",
        "Every row is made up by labkit's generators: no row describes a real person, property or case,",
        "and no figure here is a fact about a real council. Postcodes are in ZX, which is not a real",
        "postcode area.",
        "",
        "| file | what it holds |",
        "| --- | --- |",
    ]
    for council, name, parts in committed_entries():
        spec = get_spec(name)
        what = {
            "dirty": f"{spec.title}, {spec.unit}, as an officer receives it (with defects)",
            "clean": f"{spec.title}: the true records (gzip-compressed CSV; read with labkit.data.load)",
            "defect_log": f"{spec.title}: every defect in the as-received file (the answer key)",
            "crosswalk": f"{spec.title}: which resident each service ID belongs to",
            "ground_truth": f"{spec.title}: the planted truths (effects, proxies, label bias, leaky columns)",
        }
        for part in parts:
            lines.append(f"| `{council}/{file_name(name, part)}` | {what[part]} |")
    for module in extra_sandbox_modules():
        for res in module.sandbox_resources():
            lines.append(f"| `{res['path']}` | {res['title']} |")
    lines += register_readme_rows()
    lines += [
        "| `northbrook/tender/` | a procurement: six fictional bids, their planted flaws (lesson 05) |",
        "| `datapackage.json` | the data dictionary: a Frictionless Table Schema for every file |",
        f"| `{MANIFEST}` | SHA-256 of every file, checked by labkit.data.load |",
        "",
        "Do not edit these files: labkit refuses to load a changed file. To make them again, run",
        f"`{REBUILD_HINT}`. To make other sizes, seeds or councils, run `labkit data generate --help`.",
        "See docs/data.md for how the data is made.",
        "",
    ]
    return "\n".join(lines)


def write_files(folder: Path, files: dict[str, bytes], *, manifest: bool = True) -> list[Path]:
    """Write files (and the manifest) under ``folder``; returns the paths written."""
    written = []
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    if manifest:
        path = folder / MANIFEST
        path.write_text(manifest_text(files), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    if not path.is_file():
        raise LabkitError(
            f"The sandbox manifest {MANIFEST} is missing.",
            where=f"folder {folder.as_posix()!r}",
            fix=f"Restore it with git (git checkout -- sandbox_data) or rebuild the sandbox: {REBUILD_HINT}",
        )
    return parse_manifest(path.read_text(encoding="utf-8"))


def checked_path(rel: str) -> Path:
    """The path of a committed sandbox file after checking it exists and matches its SHA-256."""
    folder = sandbox_dir()
    manifest = read_manifest(folder)
    path = folder / rel
    how = _restore_hint(folder, rel)
    if rel not in manifest:
        raise LabkitError(f"The sandbox file {rel} is not in the manifest.", where=f"file {rel!r}", fix=how)
    if not path.is_file():
        raise LabkitError(f"The sandbox file {rel} is missing.", where=f"file {path.as_posix()!r}", fix=how)
    try:
        digest = content_digest(rel, path.read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise LabkitError(
            f"The sandbox file {rel} cannot be read: {exc}.", where=f"file {rel!r}", fix=how
        ) from exc
    if digest != manifest[rel]:
        raise LabkitError(
            f"The sandbox file {rel} has been changed: its SHA-256 does not match the manifest.",
            where=f"file {path.as_posix()!r}",
            fix=how,
        )
    return path


def _committed_or_error(name: str, council: str, part: str) -> str:
    get_spec(name)
    check_council(council)
    parts = committed_parts(council, name)
    if part not in parts:
        have = [p for p in parts]
        hint = f" Committed for this council: {', '.join(have)}." if have else ""
        raise LabkitError(
            f"The sandbox has no {part.replace('_', ' ')} file of {name!r} for {council!r}.{hint}",
            where="parameters name, council",
            fix=f"Generate it: labkit.data.generate({name!r}, council={council!r}), or use "
            f"council={DEFAULT_COUNCIL!r}.",
        )
    return f"{council}/{file_name(name, part)}"


def load(name: str, clean: bool = False, council: str = DEFAULT_COUNCIL) -> pd.DataFrame:
    """Read a committed sandbox dataset.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.
    clean : bool, default False
        False gives the file as an officer receives it (with defects; dates and codes as text).
        True gives the true records with their types (datetimes, categoricals, nullable integers).
    council : str, default "northbrook"
        ``"eastmere"`` has the clean housing repairs only.

    Returns
    -------
    pandas.DataFrame
        Equal to ``generate(name, seed=0, council=council).dirty`` (or ``.clean``).

    Raises
    ------
    LabkitError
        For an unknown dataset or council, a file that is not committed, or a file that is missing or
        changed (its SHA-256 does not match the manifest): the message says how to rebuild it.

    Examples
    --------
    >>> from labkit.data import load
    >>> repairs = load("housing_repairs", clean=True)
    >>> repairs["target_missed"].dtype
    dtype('bool')
    """
    rel = _committed_or_error(name, council, "clean" if clean else "dirty")
    spec = get_spec(name)
    return read_csv_text(checked_path(rel), spec.fields if clean else spec.dirty_fields, clean=clean)


def load_ground_truth(name: str, council: str = DEFAULT_COUNCIL) -> dict[str, Any]:
    """The ground truth of a committed sandbox dataset (a dict, as in its JSON file).

    Examples
    --------
    >>> from labkit.data import load_ground_truth
    >>> truth = load_ground_truth("housing_repairs")
    >>> truth["leaky_features"][0]["column"]
    'complaint_logged'
    """
    rel = _committed_or_error(name, council, "ground_truth")
    return json.loads(checked_path(rel).read_text(encoding="utf-8"))


def load_defect_log(name: str, council: str = DEFAULT_COUNCIL) -> pd.DataFrame:
    """The defect log of a committed sandbox dataset: the answer key for its dirty file.

    Examples
    --------
    >>> from labkit.data import load_defect_log
    >>> log = load_defect_log("housing_repairs")
    >>> sorted(log["dimension"].unique())
    ['Accuracy', 'Completeness', 'Consistency', 'Timeliness', 'Uniqueness', 'Validity']
    """
    rel = _committed_or_error(name, council, "defect_log")
    return read_csv_text(checked_path(rel), LOG_FIELDS, clean=True)


def load_crosswalk(name: str, council: str = DEFAULT_COUNCIL) -> pd.DataFrame:
    """Which resident each service ID belongs to, for a committed dataset (answer key for matching).

    Examples
    --------
    >>> from labkit.data import load_crosswalk
    >>> list(load_crosswalk("housing_repairs").columns)
    ['resident_id', 'service_id', 'second_id']
    """
    rel = _committed_or_error(name, council, "crosswalk")
    return read_csv_text(checked_path(rel), CROSSWALK_FIELDS, clean=True)


def datapackage() -> dict[str, Any]:
    """The sandbox's Frictionless Data Package (``sandbox_data/datapackage.json``) as a dict.

    Examples
    --------
    >>> from labkit.data import datapackage
    >>> pkg = datapackage()
    >>> pkg["resources"][0]["path"]
    'northbrook/housing_repairs.csv'
    """
    return json.loads(checked_path(DATAPACKAGE).read_text(encoding="utf-8"))
