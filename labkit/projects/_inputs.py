"""Reading yes/no columns with missing values, shared by the baseline and the monitor."""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit._errors import LabkitError

__all__ = ["binary"]

_TRUE = {True, "True", "true", "TRUE", "1", "yes", "Yes", "Y", "y"}
_FALSE = {False, "False", "false", "FALSE", "0", "no", "No", "N", "n"}


def binary(series: pd.Series, column: str) -> np.ndarray:
    """1.0 / 0.0 / NaN from a yes/no column with missing values."""
    if pd.api.types.is_bool_dtype(series.dtype) and not isinstance(series.dtype, pd.BooleanDtype):
        return series.to_numpy(dtype=float)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = np.full(len(uniques) + 1, np.nan)
    for i, u in enumerate(uniques):
        value = u.item() if hasattr(u, "item") else u
        if value in _TRUE:
            table[i] = 1.0
        elif value in _FALSE:
            table[i] = 0.0
        else:
            row = int(np.flatnonzero(codes == i)[0])
            raise LabkitError(
                f"{column!r} holds {value!r}, which is not a yes/no value.",
                where=f"column {column!r}, row {row}",
                fix="Use True/False (or 1/0) for a known outcome, and leave it blank while it is not known.",
            )
    return table[codes]
