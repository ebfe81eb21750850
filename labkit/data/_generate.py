"""generate(): seeded synthetic datasets with a clean truth, a dirty copy, a defect log and ground truth."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit.data._councils import COUNCILS, DEFAULT_COUNCIL
from labkit.data._defects import DEFECT_KINDS, inject, validate_rates
from labkit.data._population import population
from labkit.data._registry import BuildContext, DatasetSpec, registry
from labkit.data._schema import Field, coerce_clean

MAX_ROWS = 5_000_000
# Fewer rows than this cannot hold the people, months and text the generators and defects need.
MIN_ROWS = 10
# Rough peak memory per generated row with defects (bytes), measured on housing repairs.
_BYTES_PER_ROW = 1_400

CROSSWALK_FIELDS: tuple[Field, ...] = (
    Field(
        "resident_id",
        "string",
        "The shared-population resident (the truth that links datasets).",
        pattern=r"^R[0-9]{7}$",
    ),
    Field("service_id", "string", "The service's own ID for this person."),
    Field("second_id", "boolean", "True for a second ID made by the duplicate_person defect."),
)

SYNTHETIC_NOTICE = (
    "Synthetic data about a fictional council, made by labkit's generators. No row describes a real "
    "person, property or case."
)


@dataclass(frozen=True, repr=False)
class Dataset:
    """A generated dataset: the clean truth, the dirty copy officers receive, and the answer keys.

    Attributes
    ----------
    name : str
        Dataset name, for example ``"housing_repairs"``.
    council : str
        Council profile used.
    seed : int
        Seed used; the same name, rows, seed, council and defects always give the same data.
    clean : pandas.DataFrame
        The true records, typed: datetimes, categoricals, nullable integers, booleans.
    dirty : pandas.DataFrame or None
        The records as an officer receives them in a CSV file, with defects: dates and codes are text.
        ``None`` when generated with ``defects=None``.
    defect_log : pandas.DataFrame
        One row per injected defect: ``row`` (position in ``dirty``; missing for a dropped month),
        ``record_id``, ``column``, ``kind``, ``dimension`` (Government Data Quality Framework),
        ``original``, ``injected`` and ``detail``.
    ground_truth : dict
        The planted truths (JSON-safe): label, effects and their sizes, mediators, proxies, label bias,
        leaky features, assumptions, defect counts and the identity crosswalk.
    crosswalk : pandas.DataFrame
        Which shared-population resident (``resident_id``) each service ID belongs to, including second IDs
        made by ``duplicate_person`` (``second_id`` is True for those).
    rows : int
        Number of clean rows.
    """

    name: str
    council: str
    seed: int
    rows: int
    clean: pd.DataFrame
    dirty: pd.DataFrame | None
    defect_log: pd.DataFrame
    ground_truth: dict[str, Any]
    crosswalk: pd.DataFrame
    defects: dict[str, float] | None = field(default=None)

    def __repr__(self) -> str:
        dirty = "no dirty copy" if self.dirty is None else f"dirty copy with {len(self.defect_log):,} defects"
        return (
            f"Dataset({self.name!r}, council={self.council!r}, seed={self.seed}, rows={self.rows:,}; {dirty})"
        )


def list_datasets() -> list[str]:
    """Names of the synthetic datasets, in course order.

    Examples
    --------
    >>> from labkit.data import list_datasets
    >>> "housing_repairs" in list_datasets()
    True
    """
    return list(registry())


def councils() -> list[str]:
    """Names of the fictional council profiles; the first is the default.

    Examples
    --------
    >>> from labkit.data import councils
    >>> councils()
    ['northbrook', 'eastmere']
    """
    return list(COUNCILS)


def get_spec(name: Any) -> DatasetSpec:
    """The registered spec for a dataset name, or a LabkitError naming the accepted ones."""
    specs = registry()
    if not isinstance(name, str) or name not in specs:
        raise LabkitError(
            f"There is no dataset called {name!r}.",
            where="parameter name",
            fix=f"Use one of: {', '.join(specs)}.",
        )
    return specs[name]


def check_council(council: Any) -> str:
    if not isinstance(council, str) or council not in COUNCILS:
        raise LabkitError(
            f"There is no council profile called {council!r}.",
            where="parameter council",
            fix=f"Use one of: {', '.join(COUNCILS)} (both are fictional).",
        )
    return council


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise LabkitError(
            f"seed must be a whole number, not {seed!r}.",
            where="parameter seed",
            fix="Pass seed=0 (the default) or another whole number from 0 upwards.",
        )
    if seed < 0:
        raise LabkitError(
            f"seed must be 0 or more, not {seed}.",
            where="parameter seed",
            fix="Pass seed=0 (the default) or another whole number from 0 upwards.",
        )
    return int(seed)


def _available_memory() -> int | None:
    """Memory available to a new program, in bytes (None when the system does not say)."""
    meminfo = Path("/proc/meminfo")
    try:
        if meminfo.is_file():  # Linux: MemAvailable counts reclaimable cache, unlike "free" pages
            for line in meminfo.read_text(encoding="utf-8").splitlines():
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError, IndexError):
        return None


def _check_rows(rows: Any, default: int) -> int:
    if rows is None:
        return default
    if isinstance(rows, bool) or not isinstance(rows, (int, np.integer)):
        raise LabkitError(
            f"rows must be a whole number, not {rows!r}.",
            where="parameter rows",
            fix=f"Pass rows={default} or another whole number of at least {MIN_ROWS}, or leave it out for "
            "the default.",
        )
    rows = int(rows)
    if rows < MIN_ROWS:
        raise LabkitError(
            f"rows must be at least {MIN_ROWS}, not {rows}: a smaller dataset cannot hold its people, "
            "months and defects.",
            where="parameter rows",
            fix=f"Pass rows={default} or another whole number of at least {MIN_ROWS}.",
        )
    if rows > MAX_ROWS:
        raise LabkitError(
            f"rows={rows:,} is more than labkit generates (at most {MAX_ROWS:,}).",
            where="parameter rows",
            fix=f"Ask for {MAX_ROWS:,} rows or fewer; generate several seeds if you need more.",
        )
    free = _available_memory()
    if free is not None and rows * _BYTES_PER_ROW > free:
        raise LabkitError(
            f"rows={rows:,} needs about {rows * _BYTES_PER_ROW / 1e9:.1f} GB of memory; this computer has "
            f"about {free / 1e9:.1f} GB free.",
            where="parameter rows",
            fix=f"Ask for at most {free // _BYTES_PER_ROW:,} rows, or close other programs.",
        )
    return rows


def ground_truth(
    spec: DatasetSpec,
    council: str,
    seed: int,
    clean: pd.DataFrame,
    rates: dict[str, float] | None,
    log: pd.DataFrame,
    crosswalk: pd.DataFrame,
) -> dict[str, Any]:
    """Assemble the ground truth dictionary (JSON-safe, deterministic)."""
    profile = COUNCILS[council]
    truth = spec.truth(profile)
    counts = log["kind"].value_counts()
    defects: dict[str, Any] = {
        "applied": rates is not None,
        "kinds": {
            k: {
                "dimension": d.dimension,
                "rate": (rates or {}).get(k, 0.0),
                "rate_of": d.rate_of,
                "logged": int(counts.get(k, 0)),
                "description": d.description,
            }
            for k, d in DEFECT_KINDS.items()
        },
        "log_file": f"{spec.name}_defect_log.csv",
    }
    return {
        "dataset": spec.name,
        "title": spec.title,
        "unit": spec.unit,
        "synthetic": True,
        "notice": SYNTHETIC_NOTICE,
        "council": profile.to_dict(),
        "seed": seed,
        "rows": len(clean),
        **truth,
        "measured": spec.measure(clean),
        "defects": defects,
        "identity": {
            "resident_id_column": "resident_id",
            "service_id_column": spec.roles.person_id,
            "crosswalk_file": f"{spec.name}_crosswalk.csv",
            "people": int((~crosswalk["second_id"]).sum()),
            "second_ids": int(crosswalk["second_id"].sum()),
            "description": "Every council dataset draws people from one shared population, so the same "
            "resident_id can be found across datasets under each service's own ID. second_id marks IDs "
            "made by the duplicate_person defect (the same resident recorded twice).",
        },
    }


def generate(
    name: str,
    rows: int | None = None,
    seed: int = 0,
    council: str = DEFAULT_COUNCIL,
    defects: str | dict[str, float] | None = "default",
    *,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Generate a synthetic council dataset with known ground truth.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`, for example ``"housing_repairs"``.
    rows : int, optional
        Number of clean rows. Leave out for the council's default (the size of the sandbox files).
    seed : int, default 0
        Random seed (0 or more). The same arguments always give the same data on the same package versions.
    council : str, default "northbrook"
        Council profile: ``"northbrook"`` (urban, younger, more diverse, more deprived) or ``"eastmere"``
        (rural, older, less diverse, less deprived). Both are fictional.
    defects : "default", None or dict
        ``"default"`` applies every defect kind at its default rate; ``None`` makes no dirty copy; a dict
        such as ``{"missing_uprn": 0.1}`` sets rates (from 0 to 1) and leaves the other kinds out.
    progress : callable, optional
        Called with the name of each stage (used by the command line's progress bar).

    Returns
    -------
    Dataset
        ``.clean``, ``.dirty``, ``.defect_log``, ``.ground_truth`` and ``.crosswalk``.

    Raises
    ------
    LabkitError
        For an unknown dataset, council or defect kind, rows of 0 or less or too many for memory, a negative
        seed, or a defect rate outside 0 to 1.

    Examples
    --------
    >>> from labkit.data import generate
    >>> ds = generate("housing_repairs", rows=2_000, seed=1)
    >>> len(ds.clean)
    2000
    >>> ds.ground_truth["label"]["column"]
    'target_missed'
    >>> sorted(ds.defect_log["kind"].unique())[:3]
    ['address_variant', 'contradiction', 'duplicate_person']
    """
    spec = get_spec(name)
    council = check_council(council)
    seed = _check_seed(seed)
    rows = _check_rows(rows, spec.default_rows.get(council, next(iter(spec.default_rows.values()))))
    rates = validate_rates(defects)
    step = progress or (lambda _stage: None)

    profile = COUNCILS[council]
    scale = max(1, math.ceil(rows / spec.rows_per_population))
    pop = population(council, seed, scale)
    step("population")
    rng = np.random.default_rng([seed, profile.code, spec.code])
    result = spec.build(BuildContext(rng=rng, profile=profile, population=pop, rows=rows, seed=seed))
    clean = coerce_clean(result.clean.reset_index(drop=True), spec.fields)
    step("records")

    crosswalk = result.crosswalk.astype({"resident_id": "str", "service_id": "str"})
    crosswalk = crosswalk.assign(second_id=False)
    if rates is not None:
        defect_rng = np.random.default_rng([seed, profile.code, spec.code, 1])
        dirty, log, extra = inject(clean, spec, rates, defect_rng)
        if len(extra):
            resident_of = pd.Series(
                crosswalk["resident_id"].to_numpy(), index=crosswalk["service_id"].to_numpy(), copy=False
            )
            extra_rows = pd.DataFrame(
                {
                    "resident_id": extra["original_id"].map(resident_of).astype("str"),
                    "service_id": extra["service_id"],
                    "second_id": True,
                }
            )
            crosswalk = pd.concat([crosswalk, extra_rows], ignore_index=True)
    else:
        dirty = None
        from labkit.data._defects import _Log

        log = _Log().frame()
    crosswalk = coerce_clean(
        crosswalk.sort_values(["resident_id", "service_id"], ignore_index=True), CROSSWALK_FIELDS
    )
    step("defects")
    truth = ground_truth(spec, council, seed, clean, rates, log, crosswalk)
    return Dataset(
        name=spec.name,
        council=council,
        seed=seed,
        rows=rows,
        clean=clean,
        dirty=dirty,
        defect_log=log,
        ground_truth=truth,
        crosswalk=crosswalk,
        defects=rates,
    )
