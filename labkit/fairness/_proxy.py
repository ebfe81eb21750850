"""``find_proxies``: which other columns stand in for a protected characteristic.

Two measures, chosen because officers can read them and they need no model
tuning:

- **Cramér's V** (with Bergsma's bias correction) measures how strongly a
  column and the characteristic go together, from 0 (not at all) to 1
  (one tells you the other). It ranks the columns. The correction stops
  columns with many categories (such as an area code) looking strong by
  chance.
- **Balanced accuracy of a guess**: how often you would guess a person's
  characteristic right from this column alone, averaged over the groups so
  that small groups count as much as large ones, on people not used to make
  the guess (cross-validated). Chance is one in the number of groups. The
  guess is a categorical naive Bayes rule, which is what a model that never
  sees the characteristic can learn from the column.

Numbers with many values are cut into equal-sized bands first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import require_unique_names
from labkit._report import Report, Section, Table
from labkit._stats import categorical_log_likelihoods, contingency_table, cramers_v_corrected
from labkit._text import count, listing, num, pct, plural
from labkit.fairness._words import guess_characteristic

__all__ = ["ProxyReport", "find_proxies"]

_BANDS = ((0.1, "negligible"), (0.2, "weak"), (0.4, "moderate"), (float("inf"), "strong"))


def strength(v: float) -> str:
    """Words for a Cramér's V: negligible (< 0.1), weak (< 0.2), moderate (< 0.4) or strong."""
    if np.isnan(v):
        return "not defined"
    return next(word for limit, word in _BANDS if v < limit)


def _codes(series: pd.Series, bins: int) -> tuple[np.ndarray, int, str]:
    """Integer codes for a column (missing values get their own code), its size and how it was treated."""
    values = series
    if pd.api.types.is_bool_dtype(values.dtype):
        values = values.astype("string")
    if pd.api.types.is_numeric_dtype(values.dtype) and values.nunique(dropna=True) > bins:
        ranked = values.rank(method="first")
        banded = pd.qcut(ranked, q=bins, labels=False)
        codes = banded.to_numpy(dtype=np.float64)
        how = f"number, in {bins} equal-sized bands"
    elif pd.api.types.is_datetime64_any_dtype(values.dtype):
        ranked = values.rank(method="first")
        codes = pd.qcut(ranked, q=bins, labels=False).to_numpy(dtype=np.float64)
        how = f"date, in {bins} equal-sized bands"
    else:
        codes = pd.factorize(values, use_na_sentinel=True)[0].astype(np.float64)
        codes[codes < 0] = np.nan
        how = "categories"
    missing = np.isnan(codes)
    out = np.where(missing, np.nanmax(codes, initial=-1) + 1, codes).astype(np.int64)
    return out, int(out.max()) + 1, how


def _looks_like_identifier(column: pd.Series) -> bool:
    """A text or whole-number column with a different value in almost every row (an ID, a name)."""
    kind = column.dtype.kind
    if kind in "fmM":  # measurements and dates with many values are banded, not identifiers
        return False
    return column.nunique(dropna=True) >= 0.9 * len(column)


def nb_guess(
    train: list[tuple[np.ndarray, int]], y_train: np.ndarray, ky: int, test: list[np.ndarray]
) -> np.ndarray:
    """Guess each test row's class with categorical naive Bayes, equal class priors, add-one smoothing.

    ``train`` holds (codes, number of categories) for each column; ``test``
    the same columns' codes for the rows to guess. Classes absent from
    ``y_train`` are never guessed. The guesses equal scikit-learn's
    ``CategoricalNB(alpha=1)`` with a uniform ``class_prior`` over the classes seen.
    """
    class_seen = np.bincount(y_train, minlength=ky) > 0
    loglik = np.zeros((len(test[0]), ky))
    for (codes, k), test_codes in zip(train, test, strict=True):
        loglik += categorical_log_likelihoods(contingency_table(codes, k, y_train, ky))[test_codes]
    loglik[:, ~class_seen] = -np.inf
    return loglik.argmax(axis=1)


def _nb_balanced_accuracy(
    columns: list[tuple[np.ndarray, int]], y: np.ndarray, ky: int, folds: int, seed: int
) -> float:
    """Cross-validated balanced accuracy of a categorical naive Bayes guess with equal class priors."""
    n = len(y)
    fold = np.random.default_rng(seed).permutation(n) % folds
    correct = np.zeros(ky)
    total = np.bincount(y, minlength=ky).astype(np.float64)
    for f in range(folds):
        train, test = fold != f, fold == f
        if not test.any():
            continue
        guess = nb_guess([(c[train], k) for c, k in columns], y[train], ky, [c[test] for c, _ in columns])
        y_test = y[test]
        correct += np.bincount(y_test[guess == y_test], minlength=ky)
    present = total > 0
    return float(np.mean(correct[present] / total[present]))


class ProxyReport(Report):
    """The result of :func:`find_proxies`: each column's link to a protected characteristic.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per column, strongest first: Cramér's V, its strength in words,
        the balanced accuracy of guessing the characteristic from that column,
        and chance.
    protected : str
        The protected characteristic's column.
    combined_balanced_accuracy : float
        The balanced accuracy of a guess from all the columns together.
    """

    kind = "ProxyReport"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        table: pd.DataFrame,
        protected: str,
        combined: float,
        chance: float,
    ) -> None:
        super().__init__(title, summary, sections, frame=table)
        self.table = table
        self.protected = protected
        self.combined_balanced_accuracy = combined
        self.chance = chance

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "protected": self.protected,
            "table": self.table,
            "combined_balanced_accuracy": self.combined_balanced_accuracy,
            "chance": self.chance,
        }


def find_proxies(
    data: pd.DataFrame,
    protected: str,
    columns: list[str] | None = None,
    *,
    bins: int = 10,
    folds: int = 5,
    seed: int = 0,
) -> ProxyReport:
    """Find the columns that stand in for (are proxies of) a protected characteristic.

    A model that never sees ethnicity can still treat ethnic groups differently
    if another column it uses, such as the area someone lives in, goes with
    ethnicity. This ranks each column by how strongly it goes with the
    protected characteristic (Cramér's V) and says how well you could guess the
    characteristic from it (cross-validated balanced accuracy).

    Parameters
    ----------
    data : pandas.DataFrame
        The table the model uses, including the protected characteristic.
    protected : str
        The column holding the protected characteristic, for example
        ``"tenant_ethnic_group_5"``. Missing values count as a group of their own.
    columns : list of str, optional
        The columns to test. By default every other column, except identifiers
        (text or whole-number columns with a different value in almost every row)
        and columns that are themselves protected characteristics.
    bins : int, default 10
        Numbers and dates with more distinct values than this are cut into this
        many equal-sized bands.
    folds : int, default 5
        Cross-validation folds for the balanced accuracy.
    seed : int, default 0
        Seed for splitting the folds.

    Returns
    -------
    ProxyReport

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"area": ["N", "N", "S", "S"] * 50, "group": ["x", "x", "y", "y"] * 50,
    ...                    "colour": ["r", "b"] * 100})
    >>> r = find_proxies(df, "group")
    >>> r.table["column"].tolist()
    ['area', 'colour']
    >>> r.table["strength"].iloc[0]
    'strong'
    """
    columns, y, ky = _check_inputs(data, protected, columns, bins, folds)
    rows = []
    coded = []
    for col in columns:
        codes, k, how = _codes(data[col], bins)
        coded.append((codes, k))
        v = cramers_v_corrected(contingency_table(codes, k, y, ky))
        rows.append(
            {
                "column": str(col),
                "treated_as": how,
                "values": k,
                "cramers_v": v,
                "strength": strength(v),
                "balanced_accuracy": _nb_balanced_accuracy([(codes, k)], y, ky, folds, seed),
                "chance": 1 / ky,
            }
        )
    table = pd.DataFrame(rows).sort_values("cramers_v", ascending=False, kind="stable").reset_index(drop=True)
    combined = _nb_balanced_accuracy(coded, y, ky, folds, seed)
    summary = _summary(table, protected, ky, len(columns), combined)
    return ProxyReport(
        f"Proxies for {protected}",
        summary,
        _sections(table, protected, folds),
        table,
        protected,
        combined,
        1 / ky,
    )


def _summary(table: pd.DataFrame, protected: str, ky: int, n_columns: int, combined: float) -> str:
    top = table.iloc[0]
    strong = table[table["strength"].isin(["moderate", "strong"])]
    return (
        f"The column most linked to {protected} is {top['column']} (Cramér's V {num(top['cramers_v'])}, "
        f"{top['strength']}). From it alone you would guess someone's {protected} right "
        f"{pct(top['balanced_accuracy'])} of the time, averaged over the {count(ky)} groups, against "
        f"{pct(1 / ky)} by chance. From all {count(n_columns)} columns together: "
        f"{pct(combined)}."
        + (
            f"\n\n{listing(strong['column'].tolist())} {'is' if len(strong) == 1 else 'are'} at least "
            "moderately "
            f"linked to {protected}. "
            if len(strong)
            else f"\n\nNo column is more than weakly linked to {protected}. "
        )
        + "A model that never sees the protected characteristic can still treat groups differently through "
        "columns like these. That is not always wrong (a column may measure real need, such as deprivation), "
        "but the council must be able to explain and justify using it."
    )


def _sections(table: pd.DataFrame, protected: str, folds: int) -> list[Section]:
    view = pd.DataFrame(
        {
            "Column": table["column"],
            "Treated as": table["treated_as"],
            "Cramér's V": [num(v) for v in table["cramers_v"]],
            "Strength": table["strength"],
            "Balanced accuracy of a guess": [pct(v) for v in table["balanced_accuracy"]],
            "By chance": [pct(v) for v in table["chance"]],
        }
    )
    return [
        Section(
            f"Columns linked to {protected}",
            "Cramér's V runs from 0 (no link) to 1 (one column tells you the other); the words follow common "
            "rules of thumb (under 0.1 negligible, under 0.2 weak, under 0.4 moderate, otherwise strong). "
            "Balanced accuracy is how often a simple guess from the column alone is right, averaged over the "
            f"groups and tested on people not used to make the guess ({folds}-fold cross-validation).",
            tables=[Table(f"Each column's link to {protected}, strongest first", view)],
        ),
        Section(
            "What to do with a proxy",
            "- Ask why the column is in the model and whether it measures something the service should act "
            "on.\n"
            "- Audit the model's outcomes by the protected characteristic even if the model never sees it.\n"
            "- Record the link and your reasons in the equality impact assessment.",
        ),
    ]


def _check_inputs(
    data: Any, protected: Any, columns: list[str] | None, bins: Any, folds: Any
) -> tuple[list[str], np.ndarray, int]:
    """The columns to test and the protected characteristic coded as integers; a LabkitError if unusable."""
    if not isinstance(data, pd.DataFrame):
        raise LabkitError(
            f"data must be a pandas DataFrame, not {type(data).__name__}.",
            where="parameter data",
            fix="Pass the table, for example find_proxies(df, 'tenant_ethnic_group_5').",
        )
    require_unique_names(data, "data")
    if protected not in data.columns:
        raise LabkitError(
            f"There is no column {protected!r} in the table.",
            where="parameter protected",
            fix=f"Choose one of {listing([repr(c) for c in list(data.columns)[:12]], 'or')}.",
        )
    for name, value, low in (("bins", bins, 2), ("folds", folds, 2)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise LabkitError(
                f"{name} must be a whole number of at least {low}, not {value!r}.",
                where=f"parameter {name}",
                fix=f"Use for example {name}=5.",
            )
    n = len(data)
    if n < folds * 2:
        raise LabkitError(
            f"The table has {plural(n, 'row')}, too few to test for proxies.",
            where="parameter data",
            fix="Use at least a few hundred rows.",
        )
    if columns is None:
        columns = [
            c
            for c in data.columns
            if c != protected and guess_characteristic(str(c)) is None and not _looks_like_identifier(data[c])
        ]
    else:
        columns = list(columns)
        unknown = [c for c in columns if c not in data.columns]
        if unknown:
            raise LabkitError(
                f"There is no column {listing([repr(c) for c in unknown])} in the table.",
                where="parameter columns",
                fix="Check the spelling against data.columns.",
            )
        if protected in columns:
            raise LabkitError(
                f"columns includes the protected characteristic {protected!r} itself.",
                where="parameter columns",
                fix=f"Leave {protected!r} out of columns.",
            )
    if not columns:
        raise LabkitError(
            "There are no columns to test.",
            where="parameter columns",
            fix="Pass columns=[...] with the columns your model uses.",
        )
    y, ky, _ = _codes(data[protected], bins=10**9)
    if ky < 2:
        raise LabkitError(
            f"{protected!r} has only one group, so nothing can predict it.",
            where=f"column {protected!r}",
            fix="Check that the table was not filtered to one group.",
        )
    return columns, y, ky
