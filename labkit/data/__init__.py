"""Synthetic council datasets with known ground truth (``labkit.data``).

Five service datasets of two fictional councils, drawn from one shared
population of residents so the same person can be found across them:

- ``housing_repairs``: repair jobs, and whether each missed its target;
- ``homelessness``: H-CLIC-shaped case records;
- ``council_tax``: accounts, arrears and enforcement;
- ``contact_centre``: residents' messages with free text;
- ``childrens_social_care``: CIN-census-shaped referrals.

Each dataset has a clean truth, a dirty copy with realistic defects, a defect
log (the answer key for data-quality work) and a ground truth of planted
effects, proxies, label bias and leaky columns.

>>> from labkit import data
>>> data.councils()
['northbrook', 'eastmere']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module. Loaded on first use, so that `labkit data --help` and the CLI's
# registration stay quick (no pandas until a command runs).
_EXPORTS = {
    "DEFECT_KINDS": "labkit.data._defects",
    "default_rates": "labkit.data._defects",
    "CouncilProfile": "labkit.data._councils",
    "Dataset": "labkit.data._generate",
    "councils": "labkit.data._generate",
    "generate": "labkit.data._generate",
    "list_datasets": "labkit.data._generate",
    "DatasetDescription": "labkit.data._describe",
    "describe": "labkit.data._describe",
    "datapackage": "labkit.data._sandbox",
    "load": "labkit.data._sandbox",
    "load_crosswalk": "labkit.data._sandbox",
    "load_defect_log": "labkit.data._sandbox",
    "load_ground_truth": "labkit.data._sandbox",
    "sandbox_dir": "labkit.data._sandbox",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.data._councils import CouncilProfile
    from labkit.data._defects import DEFECT_KINDS, default_rates
    from labkit.data._describe import DatasetDescription, describe
    from labkit.data._generate import Dataset, councils, generate, list_datasets
    from labkit.data._sandbox import (
        datapackage,
        load,
        load_crosswalk,
        load_defect_log,
        load_ground_truth,
        sandbox_dir,
    )


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)


__all__ = [
    "DEFECT_KINDS",
    "CouncilProfile",
    "Dataset",
    "DatasetDescription",
    "councils",
    "datapackage",
    "default_rates",
    "describe",
    "generate",
    "list_datasets",
    "load",
    "load_crosswalk",
    "load_defect_log",
    "load_ground_truth",
    "sandbox_dir",
]
