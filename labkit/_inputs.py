"""One layer of input checks for every public function: tables, columns, labels, scores, thresholds.

``labkit.quality``, ``labkit.evaluate`` and ``labkit.fairness`` check their
inputs with these functions at their public boundary, so the same mistake gets
the same words everywhere: what is wrong, where (the parameter, column or row)
and how to fix it, as one :class:`~labkit.LabkitError`. Nothing here changes the
caller's objects.

Rows are counted from 0, as pandas counts positions; values in messages are
shown as plain Python values (``0.5``, ``'yes'``), never as ``np.float64(0.5)``.
"""

from __future__ import annotations

import math
from typing import Any

from labkit._errors import LabkitError
from labkit._text import count, listing, plural

__all__ = [
    "as_1d",
    "check_length",
    "labels",
    "one_column",
    "preview",
    "require_columns",
    "require_frame",
    "require_unique_names",
    "scores",
    "show",
    "threshold_value",
]


def show(value: Any) -> str:
    """A value as it should appear in a message: ``show(np.float64(0.5)) -> '0.5'``, strings quoted."""
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy" and getattr(value, "size", 1) == 1:
        value = item()
    return repr(value)


def preview(values: Any, limit: int = 4) -> str:
    """The first few values and how many more: ``'a', 'b', 'c', 'd' and 3 more``."""
    values = list(values)
    shown = [show(v) for v in values[:limit]]
    more = len(values) - limit
    if more > 0:
        return f"{', '.join(shown)} and {count(more)} more"
    return listing(shown)


# --- tables --------------------------------------------------------------------------
def require_frame(df: Any, param: str, *, allow_empty: bool = False) -> Any:
    """Check that ``df`` is a DataFrame with rows, columns and one name per column; return it."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        hint = (
            " It looks like a file path: read it first with labkit.quality.read_csv(path)."
            if isinstance(df, str)
            else ""
        )
        raise LabkitError(
            f"{param} must be a pandas DataFrame (a table), not {type(df).__name__}.{hint}",
            where=f"parameter {param}",
            fix="Pass a table, for example labkit.data.load('housing_repairs').",
        )
    if isinstance(df.columns, pd.MultiIndex):
        raise LabkitError(
            f"{param} has column names on {df.columns.nlevels} levels (a MultiIndex).",
            where=f"parameter {param}",
            fix="Give each column one name first, for example df.columns = ['_'.join(map(str, c)) "
            "for c in df.columns].",
        )
    if not allow_empty and (df.shape[0] == 0 or df.shape[1] == 0):
        what = "no rows" if df.shape[0] == 0 else "no columns"
        raise LabkitError(
            f"The table has {what}, so there is nothing to check.",
            where=f"parameter {param}",
            fix="Check that the file or query returned data.",
        )
    require_unique_names(df, param)
    return df


def require_unique_names(df: Any, param: str) -> None:
    """Refuse a table with two columns of one name: ``df[name]`` would silently give both, or the first.

    Examples
    --------
    >>> import pandas as pd
    >>> try:
    ...     require_unique_names(pd.DataFrame([[1, 2]], columns=["score", "score"]), "data")
    ... except LabkitError as error:
    ...     print(error.what)
    The table has more than one column called 'score'.
    """
    names = [str(c) for c in df.columns]
    if len(set(names)) != len(names):
        dup = next(n for i, n in enumerate(names) if n in names[:i])
        raise LabkitError(
            f"The table has more than one column called {dup!r}.",
            where=f"parameter {param}, column {dup!r}",
            fix="Rename the columns so each name is used once.",
        )


def text_columns(df: Any) -> Any:
    """``df`` with every column name as text (a new object sharing the data; ``df`` is unchanged)."""
    if all(isinstance(c, str) for c in df.columns):
        return df
    return df.set_axis([str(c) for c in df.columns], axis=1)


def require_columns(df: Any, columns: list[Any], param: str) -> None:
    """Raise a LabkitError naming the first of ``columns`` that ``df`` lacks."""
    have = set(df.columns) | {str(c) for c in df.columns}
    missing = [c for c in columns if c not in have]
    if missing:
        raise LabkitError(
            f"The table has no column called {show(missing[0])}.",
            where=f"parameter {param}",
            fix=f"Use one of the table's columns: {preview([str(c) for c in df.columns], 30)}.",
        )


# --- one column of values --------------------------------------------------------------
def one_column(values: Any, name: str) -> Any:
    """The column of a one-column DataFrame; anything else unchanged. A wider table is refused."""
    import pandas as pd

    if not isinstance(values, pd.DataFrame):
        return values
    if values.shape[1] != 1:
        raise LabkitError(
            f"{name} must be one column, but it is a table with {plural(values.shape[1], 'column')}.",
            where=f"parameter {name}",
            fix=f"Pass a single column, for example df[{show(str(values.columns[0]))}].",
        )
    return values.iloc[:, 0]


def as_1d(values: Any, name: str) -> Any:
    """``values`` as a new one-dimensional numpy array (never a view on the caller's data)."""
    import numpy as np
    import pandas as pd

    if values is None:
        raise LabkitError(f"{name} is missing.", where=f"parameter {name}", fix=f"Pass {name}=... .")
    values = one_column(values, name)
    if isinstance(values, (str, bytes)):
        raise LabkitError(
            f"{name} must be a column of values, not the text {show(values)}.",
            where=f"parameter {name}",
            fix=f"Pass the column itself, for example df[{show(values)}].",
        )
    if isinstance(values, pd.Series):
        arr = values.to_numpy(dtype=object if values.dtype.kind not in "biuf" else None, copy=True)
    else:
        try:
            arr = np.array(values, copy=True)
        except (TypeError, ValueError) as exc:
            raise LabkitError(
                f"{name} could not be read as one column of values ({exc}).",
                where=f"parameter {name}",
                fix="Pass a column of a DataFrame, a list or a numpy array.",
            ) from exc
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr.reshape(-1)
    if arr.ndim == 2:
        raise LabkitError(
            f"{name} could not be read as one column of values: it is a table with "
            f"{plural(arr.shape[1], 'column')}.",
            where=f"parameter {name}",
            fix="Pass one value per row (one column); for predict_proba, take the second column: "
            "model.predict_proba(X)[:, 1].",
        )
    if arr.ndim != 1:
        raise LabkitError(
            f"{name} could not be read as one column of values: it has shape {arr.shape}.",
            where=f"parameter {name}",
            fix="Pass one value per row (one column).",
        )
    if arr.size == 0:
        raise LabkitError(f"{name} is empty.", where=f"parameter {name}", fix="Pass at least one row.")
    return arr


def check_length(arr: Any, n: int, name: str, first: str = "y_true") -> None:
    """Refuse ``arr`` unless it has ``n`` values, one for each row of ``first``."""
    if len(arr) != n:
        raise LabkitError(
            f"{name} has {plural(len(arr), 'value')} but {first} has {count(n)}; they must match row "
            "for row.",
            where=f"parameters {first} and {name}",
            fix="Pass columns from the same table, after the same filtering.",
        )


def _missing(arr: Any) -> Any:
    import numpy as np
    import pandas as pd

    if arr.dtype.kind == "f":
        return np.isnan(arr)
    if arr.dtype == object:
        return np.asarray(pd.isna(arr), dtype=bool)
    return np.zeros(len(arr), dtype=bool)


def labels(
    values: Any, name: str = "y_true", *, n: int | None = None, pos_label: Any = None, first: str = "y_true"
) -> Any:
    """True outcomes as a boolean numpy array (True = the outcome happened).

    Accepts True/False, 1/0 (also 1.0/0.0) or, with ``pos_label``, any two
    values of which ``pos_label`` marks the outcome. Refuses missing values,
    more than two kinds of value and text without ``pos_label``.
    """
    import numpy as np
    import pandas as pd

    arr = as_1d(values, name)
    if n is not None:
        check_length(arr, n, name, first)
    missing = _missing(arr)
    if missing.any():
        raise LabkitError(
            f"{name} has {plural(int(missing.sum()), 'missing value')} (the first at row "
            f"{int(np.flatnonzero(missing)[0])}); rows with missing outcomes cannot be checked.",
            where=f"parameter {name}",
            fix="Decide what a missing outcome means and fill it, or drop those rows from every input.",
        )
    if arr.dtype.kind == "b" and pos_label is None:
        return arr.astype(bool)
    try:
        found = sorted(pd.unique(arr).tolist())
    except TypeError:  # values that cannot be sorted together
        found = list(pd.unique(arr).tolist())
    if pos_label is not None:
        matches = [v for v in found if _same_value(v, pos_label)]
        if not matches:
            raise LabkitError(
                f"pos_label={show(pos_label)} does not appear in {name}, which holds {preview(found)}.",
                where="parameter pos_label",
                fix="Pass one of the values that mark the outcome you want to find.",
            )
        if len(found) > 2:
            raise LabkitError(
                f"{name} must be binary, two classes, but it holds {count(len(found))} different values: "
                f"{preview(found)}.",
                where=f"parameter {name}",
                fix="Turn the outcome into yes/no first, for example df['status'] == 'missed'.",
            )
        return np.asarray([v == matches[0] for v in arr.tolist()], dtype=bool)
    numeric = all(isinstance(v, (bool, int, float)) and not isinstance(v, str) for v in found)
    if numeric and set(found) <= {0, 1}:
        return np.asarray(arr, dtype=float) == 1.0
    fix = (
        f"Say which value is the outcome to find, for example pos_label={show(found[1])}."
        if len(found) == 2
        else "Turn the outcome into yes/no first, for example df['status'] == 'missed'."
    )
    raise LabkitError(
        f"{name} must be binary, two classes coded True/False or 1/0, but it holds "
        f"{plural(len(found), 'different value')}: {preview(found)}.",
        where=f"parameter {name}",
        fix=fix,
    )


def scores(
    values: Any,
    name: str = "y_score",
    *,
    n: int | None = None,
    first: str = "y_true",
    probabilities: bool = True,
) -> Any:
    """Model scores as a float64 numpy array; refuses text, missing values and values outside 0-1.

    With ``probabilities=False`` any finite number is accepted.
    """
    import numpy as np
    import pandas as pd

    arr = as_1d(values, name)
    if n is not None:
        check_length(arr, n, name, first)
    try:
        out = np.asarray(pd.Series(arr, dtype=object).astype("float64"), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        bad = next((v for v in arr.tolist() if not _is_number(v)), None)
        raise LabkitError(
            f"{name} must be numbers between 0 and 1, but some values are not numbers (for example "
            f"{show(bad)}).",
            where=f"parameter {name}",
            fix="Pass the model's predicted probabilities, for example model.predict_proba(X)[:, 1].",
        ) from exc
    bad = ~np.isfinite(out)
    if bad.any():
        raise LabkitError(
            f"{name} has {plural(int(bad.sum()), 'missing or infinite value')} "
            f"(the first at row {int(np.flatnonzero(bad)[0])}).",
            where=f"parameter {name}",
            fix="Score every row, or drop the unscored rows from every input.",
        )
    if probabilities:
        outside = (out < 0) | (out > 1)
        if outside.any():
            k = int(outside.sum())
            raise LabkitError(
                f"{name} must be probabilities between 0 and 1, but {plural(k, 'value')} "
                f"{'is' if k == 1 else 'are'} outside (from {out.min():.4g} to {out.max():.4g}).",
                where=f"parameter {name}",
                fix="Use model.predict_proba(X)[:, 1], not decision_function or a raw points score; or "
                "rescale the scores to 0-1.",
            )
    return out


def _same_value(value: Any, wanted: Any) -> bool:
    """Whether a label value is ``wanted``, as typed (``1``) or as text (``"1"``, from the command line)."""
    if value == wanted or str(value) == str(wanted):
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _is_number(wanted):
        return float(value) == float(wanted)
    return False


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def threshold_value(threshold: Any, name: str = "threshold") -> float:
    """A threshold between 0 and 1 as a float."""
    if isinstance(threshold, bool):
        threshold = "True" if threshold else "False"
    try:
        value = float(threshold)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{name} must be a number between 0 and 1, not {show(threshold)}.",
            where=f"parameter {name}",
            fix=f"Pass for example {name}=0.5.",
        ) from exc
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise LabkitError(
            f"{name} must be between 0 and 1, not {show(threshold)}.",
            where=f"parameter {name}",
            fix="Scores are probabilities, so thresholds run from 0 (flag everyone) to 1.",
        )
    return value


# --- files written ---------------------------------------------------------------------
def write_text(path: Any, text: str, *, what: str = "The file") -> Any:
    """Write ``text`` to ``path`` (creating missing folders), with a plain message when it cannot.

    Refuses a folder, a path under a file and a place labkit may not write to.
    Returns the path written.
    """
    from pathlib import Path

    path = Path(path)
    where = f"path {str(path)!r}"
    if path.is_dir():
        raise LabkitError(
            f"{what} cannot be written here: {str(path)!r} is a folder.",
            where=where,
            fix=f"Give a file name inside the folder, for example {str(path / ('report' + '.html'))!r}.",
        )
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise LabkitError(
                f"{what} cannot be written here: {str(parent)!r} is a file, not a folder.",
                where=where,
                fix="Choose a path inside a folder.",
            )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LabkitError(
            f"{what} could not be written: {exc.strerror or exc}.",
            where=where,
            fix="Choose a folder you can write to, and close the file if it is open in another program.",
        ) from exc
    return path
