"""Data quality: data standards, audits in the six Data Quality Framework dimensions, fixes and matching.

The Government Data Quality Framework (Government Data Quality Hub, 2020)
describes data quality in six dimensions: completeness, uniqueness,
consistency, timeliness, validity and accuracy. This capability writes down
what good data looks like (a :class:`DataStandard`), checks a table against it
(:func:`audit`, running on pandera), fixes the common defects (each fix returns
what it changed) and finds the same person across systems (:func:`match_people`).

>>> from labkit import quality
>>> sorted(quality.DIMENSIONS)[:3]
['Accuracy', 'Completeness', 'Consistency']
"""

from __future__ import annotations

from labkit.quality._audit import QualityReport, audit
from labkit.quality._builder import standard_builder, standard_from_choices
from labkit.quality._checks import DIMENSIONS
from labkit.quality._fixes import (
    FixReport,
    fill_from_key,
    fix_codes,
    fix_dates,
    fix_placeholders,
    fix_postcodes,
)
from labkit.quality._infer import infer
from labkit.quality._io import LabkitWarning, read_csv
from labkit.quality._match import MatchReport, match_people
from labkit.quality._profile import profile
from labkit.quality._standard import ColumnStandard, DataStandard, read_standard, sandbox_standard
from labkit.quality._widget import quality_explorer

__all__ = [
    "DIMENSIONS",
    "ColumnStandard",
    "DataStandard",
    "FixReport",
    "LabkitWarning",
    "MatchReport",
    "QualityReport",
    "audit",
    "fill_from_key",
    "fix_codes",
    "fix_dates",
    "fix_placeholders",
    "fix_postcodes",
    "infer",
    "match_people",
    "profile",
    "quality_explorer",
    "read_csv",
    "read_standard",
    "sandbox_standard",
    "standard_builder",
    "standard_from_choices",
]
