"""Loading a supplier's model safely, and scoring the council's data with it.

A supplier's model file is a program in disguise if it is a pickle: opening a
pickle can run any code its author chose, on the council's computer, with the
officer's access. labkit therefore opens only skops files, and only when every
type inside is one skops trusts by default (scikit-learn estimators, numpy
arrays and plain Python values). Anything else is refused with a message that
says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError

__all__ = ["ModelInput", "SupplierModel", "load_model"]

_INPUT_TYPES = ("number", "category", "boolean")
_PICKLE_WHY = (
    "A pickle file can run any code its author chose as soon as it is opened, on this computer and with your "
    "access, so labkit never opens a supplier's pickle (nor joblib, which is a pickle)."
)
_PICKLE_FIX = (
    "Ask the supplier for the model in the skops format (skops.io.dump), which stores the model as data, "
    "with its input schema; or ask them to score your held-out sample and return the scores."
)


@dataclass(frozen=True)
class ModelInput:
    """One input column a supplier's model expects: its name, type and, for categories, the known values."""

    name: str
    type: str
    categories: tuple[str, ...] = ()


@dataclass
class SupplierModel:
    """A supplier's model loaded from a skops file, with the input schema it came with.

    Attributes
    ----------
    model : object
        The scikit-learn estimator (it has ``predict_proba``).
    inputs : tuple of ModelInput
        The columns the model needs, from the schema file.
    path : pathlib.Path
        Where the model file is.
    supplier, product, outcome : str
        From the schema file.
    """

    model: Any
    inputs: tuple[ModelInput, ...]
    path: Path
    supplier: str = ""
    product: str = ""
    outcome: str = ""

    @property
    def input_names(self) -> list[str]:
        """The names of the input columns."""
        return [i.name for i in self.inputs]

    def check_inputs(self, data: pd.DataFrame) -> None:
        """Raise a :class:`LabkitError` if ``data`` does not match the input schema.

        Every input column must be present, with no missing values; numbers must be numbers, booleans
        True/False (or 0/1) and categories values the model knows.
        """
        if not isinstance(data, pd.DataFrame):
            raise LabkitError(
                f"The data to score must be a table (a pandas DataFrame), not {type(data).__name__}.",
                where="parameter data",
                fix="Read your held-out sample with labkit.quality.read_csv or pandas.read_csv first.",
            )
        missing = [c for c in self.input_names if c not in data.columns]
        if missing:
            raise LabkitError(
                f"The model needs {len(missing)} column(s) your data does not have: {', '.join(missing)}.",
                where=f"model schema of {self.path.name}",
                fix="Add the columns to your sample (with the same names as in the schema), or ask the "
                "supplier what the model does without them.",
            )
        for inp in self.inputs:
            col = data[inp.name]
            n_missing = int(col.isna().sum())
            if n_missing:
                raise LabkitError(
                    f"Column {inp.name!r} has {n_missing:,} blank value(s); "
                    "the model needs a value in every row.",
                    where=f"column {inp.name!r}",
                    fix="Fill or remove the blank rows, and ask the supplier how the model treats blanks.",
                )
            if inp.type == "number":
                if not (pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)):
                    raise LabkitError(
                        f"Column {inp.name!r} should hold numbers but holds {col.dtype} values "
                        f"(for example {col.iloc[0]!r}).",
                        where=f"column {inp.name!r}",
                        fix="Convert it to numbers (pandas.to_numeric) or check you have the right column.",
                    )
            elif inp.type == "boolean":
                ok = pd.api.types.is_bool_dtype(col) or set(pd.unique(col.astype(object))) <= {
                    0,
                    1,
                }
                if not ok:
                    raise LabkitError(
                        f"Column {inp.name!r} should hold True/False but holds other values "
                        f"(for example {col.iloc[0]!r}).",
                        where=f"column {inp.name!r}",
                        fix="Convert it to True/False (or 1/0).",
                    )
            else:
                values = pd.unique(col.astype(str))
                unseen = sorted(set(values) - set(inp.categories))
                if unseen:
                    rows = int((~col.astype(str).isin(inp.categories)).sum())
                    raise LabkitError(
                        f"Column {inp.name!r} has {len(unseen)} value(s) the model never saw in training, "
                        f"in {rows:,} row(s): {', '.join(map(repr, unseen[:5]))}"
                        + (" ..." if len(unseen) > 5 else "")
                        + ". Its scores for these rows would be guesses.",
                        where=f"column {inp.name!r}",
                        fix="Check the spelling and code list against the schema; "
                        "ask the supplier whether the "
                        "model was built for these values.",
                    )

    def _prepare(self, data: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(index=data.index)
        for inp in self.inputs:
            col = data[inp.name]
            if inp.type == "number":
                out[inp.name] = col.astype("float64")
            elif inp.type == "boolean":
                out[inp.name] = col.astype(bool).astype("int64")
            else:
                out[inp.name] = col.astype(str).astype(object)
        return out

    def score(self, data: pd.DataFrame) -> np.ndarray:
        """The model's score (a probability from 0 to 1) for each row of ``data``.

        Examples
        --------
        >>> from labkit.suppliers import load_tender
        >>> tender = load_tender()
        >>> model = tender.bids["quillfield"].load_model()
        >>> scores = model.score(tender.local)
        >>> bool(((scores >= 0) & (scores <= 1)).all())
        True
        """
        self.check_inputs(data)
        try:
            proba = self.model.predict_proba(self._prepare(data))
        except Exception as exc:  # the supplier's model failed on valid input: say so plainly
            raise LabkitError(
                f"The supplier's model could not score the data: {exc}.",
                where=f"model {self.path.name}",
                fix="Send the supplier this message and a few rows of the sample, "
                "and ask them to fix the model.",
            ) from exc
        return np.asarray(proba)[:, 1].astype("float64")


def _read_schema(path: Path) -> dict[str, Any]:
    where = f"file {str(path)!r}"
    if not path.is_file():
        raise LabkitError(
            "The model's input schema file is missing.",
            where=where,
            fix="Ask the supplier for a JSON schema listing each input column, its type and, for categories, "
            "the values it knows; or pass schema=PATH.",
        )
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LabkitError(
            f"The input schema is not readable JSON: {exc}.",
            where=where,
            fix="Ask the supplier for the file again.",
        ) from exc
    inputs = schema.get("inputs") if isinstance(schema, dict) else None
    if not isinstance(inputs, list) or not inputs:
        raise LabkitError(
            "The input schema has no list of 'inputs'.",
            where=where,
            fix="Each input needs a 'name' and a 'type' (number, category or boolean); categories also need "
            "'categories'.",
        )
    for i, item in enumerate(inputs, 1):
        if not isinstance(item, dict) or "name" not in item or item.get("type") not in _INPUT_TYPES:
            raise LabkitError(
                f"Input {i} of the schema needs a 'name' and a 'type' of number, category or boolean.",
                where=f"{where}, input {i}",
                fix="Ask the supplier to correct the schema.",
            )
        if item["type"] == "category" and not item.get("categories"):
            raise LabkitError(
                f"Input {item['name']!r} is a category but the schema lists no categories.",
                where=f"{where}, input {item['name']!r}",
                fix="Ask the supplier for the list of values the model was trained on.",
            )
    return schema


def load_model(path: str | Path, schema: str | Path | None = None) -> SupplierModel:
    """Load a supplier's model from a skops file, refusing pickles and untrusted types.

    Parameters
    ----------
    path : str or Path
        The model file (``.skops``).
    schema : str or Path, optional
        The input schema (JSON). By default ``model_schema.json`` beside the model file.

    Returns
    -------
    SupplierModel

    Raises
    ------
    LabkitError
        If the file is a pickle (or joblib) file, is not a skops file, holds a type skops does not trust by
        default, or has no valid input schema.

    Examples
    --------
    >>> from labkit.suppliers import load_model, load_tender
    >>> folder = load_tender().bids["quillfield"].folder
    >>> model = load_model(folder / "model.skops")
    >>> model.input_names
    ['no_access_visits', 'priority', 'trade', 'channel', 'hazard_flag']
    """
    path = Path(path)
    where = f"file {str(path)!r}"
    if not path.is_file():
        raise LabkitError(
            "There is no model file at this path.", where=where, fix="Check the folder and file name."
        )
    head = path.read_bytes()[:4]
    is_pickle = head[:1] == b"\x80" or path.suffix.lower() in {".pkl", ".pickle", ".joblib", ".sav"}
    if is_pickle and head != b"PK\x03\x04":
        raise LabkitError(f"This is a pickle file. {_PICKLE_WHY}", where=where, fix=_PICKLE_FIX)
    if head != b"PK\x03\x04":
        raise LabkitError(
            "This is not a skops model file (a skops file is a zip archive with a schema inside).",
            where=where,
            fix=_PICKLE_FIX,
        )
    import skops.io as sio

    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # a damaged or hand-made zip: skops cannot read its schema
        raise LabkitError(
            f"This file is not a valid skops model file ({exc}).", where=where, fix=_PICKLE_FIX
        ) from exc
    if untrusted:
        raise LabkitError(
            f"The model file holds {len(untrusted)} type(s) that skops does not trust by default: "
            f"{', '.join(untrusted)}. Loading them could run code from outside scikit-learn and numpy, "
            "so labkit "
            "does not load this file.",
            where=where,
            fix="Ask the supplier for a model built only from standard scikit-learn parts, or for scores "
            "of your held-out sample instead. Do not load the file with trusted types unless your IT "
            "security team has "
            "read the code behind each type.",
        )
    try:
        model = sio.load(path)
    except Exception as exc:
        raise LabkitError(
            f"The skops file could not be loaded: {exc}.",
            where=where,
            fix="Ask the supplier for the file again.",
        ) from exc
    if not hasattr(model, "predict_proba"):
        raise LabkitError(
            f"The model ({type(model).__name__}) gives no probability scores (it has no predict_proba).",
            where=where,
            fix="Ask the supplier for a model that returns a score from 0 to 1 for each case.",
        )
    schema_path = Path(schema) if schema is not None else path.with_name("model_schema.json")
    info = _read_schema(schema_path)
    inputs = tuple(
        ModelInput(str(i["name"]), str(i["type"]), tuple(str(c) for c in i.get("categories", ())))
        for i in info["inputs"]
    )
    return SupplierModel(
        model=model,
        inputs=inputs,
        path=path,
        supplier=str(info.get("supplier", "")),
        product=str(info.get("product", "")),
        outcome=str(info.get("outcome", "")),
    )
