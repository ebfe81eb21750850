"""The dataset registry: how a dataset module plugs into labkit.data.

Each dataset lives in its own module (``_housing_repairs.py``, ...) that
defines a :class:`DatasetSpec` and calls :func:`register`. The spec says what
the columns are (:class:`~labkit.data._schema.Field`), how to build the clean
records from the shared population (``build``), and which columns each kind
of defect may touch (:class:`DefectRoles`). Everything else (seeding,
validation, defects, files, the data package, the CLI) is shared.

To add a dataset: copy ``_housing_repairs.py``, change the fields and the
``build`` function, give it a new ``code``, and add the module name to
``DATASET_MODULES`` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from labkit.data._councils import CouncilProfile
from labkit.data._population import Population
from labkit.data._schema import Field

# One module per dataset, in the order list_datasets() shows them.
DATASET_MODULES: tuple[str, ...] = (
    "labkit.data._housing_repairs",
    "labkit.data._homelessness",
    "labkit.data._council_tax",
    "labkit.data._contact_centre",
    "labkit.data._childrens_social_care",
)

# Modules that add other committed sandbox files (not population datasets). Each defines
# ``sandbox_files() -> dict[path, bytes]`` and ``sandbox_resources() -> list[dict]`` (Data Package resources).
EXTRA_SANDBOX_MODULES: tuple[str, ...] = ("labkit.data._monitoring", "labkit.data._genai")


@dataclass(frozen=True)
class DefectRoles:
    """Which columns each defect kind may touch in one dataset.

    Attributes
    ----------
    person_id : str, optional
        The service's own ID for a person (duplicate_person gives some rows a second ID).
    person_name : str, optional
        Full name, given a spelling variant in duplicates.
    person_dob : str, optional
        Date of birth (placeholder_date sets it to 1900-01-01).
    address : str, optional
        Address text (address_variant; duplicates may also vary it).
    uprn : str, optional
        UPRN column (missing_uprn blanks it).
    legacy : mapping of column to code set
        Columns that old systems coded differently: "ethnicity" (DfE four-letter codes), "sex" (0/9/1/2),
        "unspecified" (the word UNSPECIFIED).
    contradiction : (start, end), optional
        A pair of date columns where the end must not be before the start.
    date_columns : tuple of str
        Date and date-time columns that may appear in mixed formats.
    period_column : str, optional
        The date-time column that places a record in a month (late_period drops a month).
    """

    person_id: str | None = None
    person_name: str | None = None
    person_dob: str | None = None
    address: str | None = None
    uprn: str | None = None
    legacy: Mapping[str, str] = field(default_factory=dict)
    contradiction: tuple[str, str] | None = None
    date_columns: tuple[str, ...] = ()
    period_column: str | None = None


@dataclass(frozen=True)
class BuildContext:
    """What a dataset's ``build`` function receives."""

    rng: np.random.Generator
    profile: CouncilProfile
    population: Population
    rows: int
    seed: int


@dataclass(frozen=True)
class BuildResult:
    """What a dataset's ``build`` function returns.

    ``clean`` holds the documented columns (any order, any close type: they are coerced);
    ``crosswalk`` links ``resident_id`` to the service's person ID (columns ``resident_id`` and
    ``service_id``).
    """

    clean: pd.DataFrame
    crosswalk: pd.DataFrame


@dataclass(frozen=True)
class DatasetSpec:
    """Everything labkit needs to know about one synthetic dataset.

    ``build`` makes the clean records; ``truth`` returns the planted truths for a council (label, outcome
    model, planted effects, mediators, proxies, label bias, leaky features, assumptions) without generating
    anything; ``measure`` computes figures from a clean frame that show the planted truths are there.
    """

    name: str
    code: int
    title: str
    summary: str
    unit: str
    fields: tuple[Field, ...]
    primary_key: str
    default_rows: Mapping[str, int]
    build: Callable[[BuildContext], BuildResult]
    truth: Callable[[CouncilProfile], dict[str, Any]]
    measure: Callable[[pd.DataFrame], dict[str, Any]]
    roles: DefectRoles
    rows_per_population: int
    sources: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def dirty_fields(self) -> tuple[Field, ...]:
        """The fields of the as-received file: latent columns (simulation truths) are left out."""
        return tuple(f for f in self.fields if f.role != "latent")


_REGISTRY: dict[str, DatasetSpec] = {}


def register(spec: DatasetSpec) -> DatasetSpec:
    """Add a dataset to the registry (called once by each dataset module)."""
    codes = {s.code for s in _REGISTRY.values() if s.name != spec.name}
    if spec.code in codes:
        raise ValueError(f"dataset code {spec.code} is already used")
    _REGISTRY[spec.name] = spec
    return spec


def registry() -> dict[str, DatasetSpec]:
    """All registered datasets, importing the dataset modules the first time."""
    for module in DATASET_MODULES:
        importlib.import_module(module)
    return {name: _REGISTRY[name] for name in sorted(_REGISTRY, key=lambda n: _REGISTRY[n].code)}


def extra_sandbox_modules() -> list[Any]:
    """The modules of :data:`EXTRA_SANDBOX_MODULES`, imported."""
    return [importlib.import_module(m) for m in EXTRA_SANDBOX_MODULES]
