"""Suppliers' claims: reading them, and checking each one on the council's own held-out data.

A claims file (YAML) lists what a supplier says about its product, as the supplier stated it: the metric,
the value, the population it was measured on and, for decisions, the score threshold. ``check_claims``
recomputes every claim it can on data the supplier never saw, with a confidence interval, and gives each
a verdict (supported, not supported, cannot be checked), the reason and the question to ask the supplier.
It also flags the problems that make good-looking numbers mislead: accuracy no better than flagging nobody,
numbers from another council's population, inputs recorded after the outcome (leakage), and inputs that
stand in for a protected characteristic (proxies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import require_unique_names
from labkit._report import Report, Section, Table
from labkit._text import plural

__all__ = ["FINDINGS", "METRICS", "Claim", "Claims", "ClaimsCheck", "check_claims", "read_claims"]


@dataclass(frozen=True)
class _Metric:
    kind: str  # "threshold", "ranking", "fairness" or "unchecked"
    words: str
    question: str


# Every metric a claims file may name. "unchecked" metrics cannot be recomputed from scores.
METRICS: dict[str, _Metric] = {
    "accuracy": _Metric(
        "threshold",
        "accuracy (share of all cases the decision gets right)",
        "What are the recall and precision at this threshold, and how does the accuracy compare with "
        "flagging no case at all?",
    ),
    "precision": _Metric(
        "threshold",
        "precision (share of flagged cases that had the outcome)",
        "Which population, period and threshold was precision measured on, and will you measure it on "
        "our data?",
    ),
    "recall": _Metric(
        "threshold",
        "recall (share of cases with the outcome that were flagged)",
        "Which population, period and threshold was recall measured on, and will you measure it on our data?",
    ),
    "specificity": _Metric(
        "threshold",
        "specificity (share of cases without the outcome that were not flagged)",
        "Which population, period and threshold was specificity measured on?",
    ),
    "f1": _Metric(
        "threshold",
        "F1 score (balance of precision and recall)",
        "What are precision and recall separately at this threshold?",
    ),
    "selection_rate": _Metric(
        "threshold",
        "selection rate (share of cases flagged)",
        "How many cases a month will the product flag for our staff to act on?",
    ),
    "roc_auc": _Metric(
        "ranking",
        "ROC-AUC (how often a case with the outcome scores above one without)",
        "Which population and period was ROC-AUC measured on, and was that data ever used in training?",
    ),
    "selection_rate_ratio": _Metric(
        "fairness",
        "flag-rate ratio between groups (lowest group's flag rate divided by the highest)",
        "What are the flag rates, recall and precision for each group on our data, and what will you do if "
        "they differ?",
    ),
    "recall_ratio": _Metric(
        "fairness",
        "recall ratio between groups (lowest group's recall divided by the highest)",
        "What is the recall for each group on our data, and what will you do if it differs?",
    ),
    "training_records": _Metric(
        "unchecked",
        "number of records the model was trained on",
        "Whose records were they (which councils, which years), how were they labelled, and may we see a "
        "datasheet describing them?",
    ),
    "hours_saved_per_week": _Metric(
        "unchecked",
        "staff time saved",
        "How was the time saving measured, where, over how long and against what baseline? Will you agree to "
        "measure it in a pilot here?",
    ),
}
_THRESHOLD_KINDS = {"threshold", "fairness"}


@dataclass(frozen=True)
class Claim:
    """One claim as the supplier stated it.

    Attributes
    ----------
    id : str
        A short reference, for example ``"T2"``.
    metric : str
        One of :data:`METRICS`.
    value : float
        The claimed value.
    statement : str
        The claim in the supplier's words.
    threshold : float, optional
        The score at or above which a case is flagged (needed for decision metrics).
    population : str
        What the supplier measured the claim on.
    council : str, optional
        The council whose data the claim was measured on, when the supplier says.
    group : str, optional
        For fairness metrics, the column whose groups are compared.
    """

    id: str
    metric: str
    value: float
    statement: str = ""
    threshold: float | None = None
    population: str = ""
    council: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Claims:
    """A supplier's claims file: who, what, the inputs the product uses, and the claims."""

    supplier: str
    product: str
    claims: tuple[Claim, ...]
    inputs: tuple[str, ...] = ()
    outcome: str = ""
    source: str = ""

    def to_frame(self) -> pd.DataFrame:
        """One row per claim."""
        return pd.DataFrame(
            [
                {
                    "claim": c.id,
                    "statement": c.statement,
                    "metric": c.metric,
                    "value": c.value,
                    "threshold": c.threshold,
                    "population": c.population,
                }
                for c in self.claims
            ]
        )


def _fail(what: str, where: str, fix: str) -> LabkitError:
    return LabkitError(what, where=where, fix=fix)


def _parse_claim(item: Any, i: int, where_file: str, seen: set[str]) -> Claim:
    """One claim of a claims file, checked."""
    if not isinstance(item, dict):
        raise _fail(
            f"Claim {i} is not a set of fields.", where_file, "Write it as 'metric: ...', 'value: ...'."
        )
    cid = str(item.get("id", f"claim {i}"))
    where = f"{where_file}, claim {cid}"
    if cid in seen:
        raise _fail(f"Two claims share the id {cid!r}.", where, "Give each claim its own id.")
    seen.add(cid)
    metric = item.get("metric")
    if metric not in METRICS:
        raise _fail(
            f"The metric {metric!r} is not one labkit knows.",
            where,
            f"Use one of: {', '.join(sorted(METRICS))}. For a claim that is not a number, note it in the "
            "tender evaluation instead.",
        )
    kind = METRICS[metric].kind
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(
            f"The claim has no number as its value (value: {value!r}).",
            where,
            "Write the value the supplier stated, as a number (for 74% write 0.74).",
        )
    if kind in ("threshold", "ranking", "fairness") and not 0 <= float(value) <= 1:
        raise _fail(
            f"The value {value!r} is not a proportion from 0 to 1.",
            where,
            "Write percentages as proportions: 74% is 0.74.",
        )
    threshold = item.get("threshold")
    if kind in _THRESHOLD_KINDS:
        if threshold is None:
            raise _fail(
                f"The {metric} claim gives no threshold (the score at which a case is flagged).",
                where,
                "Ask the supplier which threshold the claim used and add 'threshold: 0.5' (or theirs).",
            )
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
            raise _fail(
                f"The threshold {threshold!r} is not a score from 0 to 1.",
                where,
                "Write the threshold as a number such as 0.5.",
            )
    group = item.get("group")
    if kind == "fairness" and not group:
        raise _fail(
            f"The {metric} claim does not say which groups it compares.",
            where,
            "Add 'group:' with the column of the protected characteristic, e.g. tenant_ethnic_group_5.",
        )
    population = item.get("population")
    council = None
    if isinstance(population, dict):
        council = population.get("council")
        population = population.get("description")
    if kind != "unchecked" and not population:
        raise _fail(
            "The claim does not say which population it was measured on.",
            where,
            "Ask the supplier which data (council, service, period) the number comes from and add "
            "'population:'. A number without a population cannot be compared with yours.",
        )
    return Claim(
        id=cid,
        metric=str(metric),
        value=float(value),
        statement=str(item.get("statement", "")),
        threshold=None if threshold is None else float(threshold),
        population=str(population or ""),
        council=None if council is None else str(council),
        group=None if group is None else str(group),
    )


def read_claims(source: str | Path | dict[str, Any] | Claims) -> Claims:
    """Read and check a claims file (YAML), or a dict with the same keys.

    Every claim needs an ``id``, a known ``metric`` and a ``value``; decision and fairness metrics need a
    ``threshold``; fairness metrics a ``group``; every metric that can be recomputed needs the
    ``population`` it was measured on (text, or a mapping with ``description`` and ``council``).

    Examples
    --------
    >>> from labkit.suppliers import load_tender, read_claims
    >>> claims = read_claims(load_tender().bids["tallowmere"].folder / "claims.yaml")
    >>> [c.metric for c in claims.claims]
    ['roc_auc', 'precision', 'training_records']
    """
    if isinstance(source, Claims):
        return source
    where_file = "the claims"
    if isinstance(source, (str, Path)):
        import yaml

        path = Path(source)
        where_file = f"file {str(path)!r}"
        if not path.is_file():
            raise _fail(
                "There is no claims file at this path.", where_file, "Check the folder and file name."
            )
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise _fail(
                f"The claims file is not readable YAML: {exc}.",
                where_file,
                "Check the indentation and quotes; each claim is a '- ' item under 'claims:'.",
            ) from exc
    else:
        raw = source
    if not isinstance(raw, dict) or not isinstance(raw.get("claims"), list) or not raw["claims"]:
        raise _fail(
            "A claims file needs a list of claims under 'claims:'.",
            where_file,
            "Write each claim as an item with id, metric, value, population and (for decisions) threshold.",
        )
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, item in enumerate(raw["claims"], 1):
        claims.append(_parse_claim(item, i, where_file, seen))
    inputs = raw.get("inputs") or ()
    return Claims(
        supplier=str(raw.get("supplier", "The supplier")),
        product=str(raw.get("product", "the product")),
        claims=tuple(claims),
        inputs=tuple(str(i) for i in inputs),
        outcome=str(raw.get("outcome", "")),
        source=where_file,
    )


# ---------------------------------------------------------------------------------------------------------
# Checking


@dataclass
class _Finding:
    code: str
    claim: str
    what: str
    question: str


FINDINGS: dict[str, str] = {
    "not_supported": "a claim does not hold on the council's data",
    "accuracy_paradox": "accuracy no better than flagging no case at all",
    "other_population": "a claim measured on another council's population",
    "leakage": "an input recorded after the outcome",
    "protected_input": "a protected characteristic used as an input",
    "proxy": "an input that stands in for a protected characteristic",
}


def _labels(data: pd.DataFrame, label: str) -> np.ndarray:
    if not isinstance(label, str) or label not in data.columns:
        raise _fail(
            f"The label column {label!r} is not in your data.",
            "parameter label",
            "Name the column that records the outcome; your data has: "
            f"{', '.join(map(str, data.columns[:12]))}.",
        )
    col = data[label]
    if col.isna().any():
        raise _fail(
            f"The label column has {int(col.isna().sum()):,} blank value(s).",
            f"column {label!r}",
            "Leave out cases whose outcome is not yet known; they cannot test a claim.",
        )
    if pd.api.types.is_bool_dtype(col):
        return col.to_numpy(dtype=bool)
    lowered = col.astype(str).str.strip().str.lower()
    truthy, falsy = {"true", "1", "yes", "1.0"}, {"false", "0", "no", "0.0"}
    bad = ~lowered.isin(truthy | falsy)
    if bad.any():
        raise _fail(
            f"The label column should hold True/False (or 1/0) but holds {col[bad].iloc[0]!r} and others.",
            f"column {label!r}",
            "Recode the outcome as True (it happened) or False (it did not).",
        )
    return lowered.isin(truthy).to_numpy()


def _read_scores(scores: Any, data: pd.DataFrame, id_column: str | None, score_column: str) -> np.ndarray:
    if isinstance(scores, (str, Path)):
        from labkit.quality import read_csv

        frame = read_csv(scores)
        where = f"file {str(scores)!r}"
    elif isinstance(scores, pd.DataFrame):
        frame, where = scores, "parameter scores"
    else:
        arr = np.asarray(scores, dtype="float64") if scores is not None else None
        if arr is None or arr.ndim != 1 or len(arr) != len(data):
            raise _fail(
                "The scores must be a CSV file or table with an ID column, or one number per row of "
                "your data.",
                "parameter scores",
                "Pass the supplier's returned file, e.g. scores='scores.csv', with id_column='repair_id'.",
            )
        return arr
    if id_column is None:
        raise _fail(
            "labkit needs the ID column to match the supplier's scores to your cases.",
            "parameter id_column",
            "Pass id_column='repair_id' (the ID you sent with the sample).",
        )
    for col, what in ((id_column, "ID"), (score_column, "score")):
        if col not in frame.columns:
            raise _fail(
                f"The scores have no {what} column {col!r}.",
                where,
                f"The scores file has: {', '.join(map(str, frame.columns))}. Pass the right name "
                f"({'id_column' if what == 'ID' else 'score_column'}=...).",
            )
    if id_column not in data.columns:
        raise _fail(f"Your data has no ID column {id_column!r}.", "parameter data", "Pass the ID you sent.")
    # One factorisation of both ID columns gives duplicates, gaps and the matching order in O(n).
    n_ours = len(data)
    codes, uniques = pd.factorize(
        pd.concat([data[id_column].astype(str), frame[id_column].astype(str)], ignore_index=True)
    )
    ours, theirs = codes[:n_ours], codes[n_ours:]
    for arr, name, place in ((theirs, "the supplier's scores", where), (ours, "your data", "parameter data")):
        counts = np.bincount(arr, minlength=len(uniques))
        if (counts > 1).any():
            example = uniques[int(np.flatnonzero(counts > 1)[0])]
            raise _fail(
                f"{int((counts > 1).sum()):,} ID(s) appear more than once in {name}, for example "
                f"{example!r}.",
                place,
                "Each case must appear once. Ask the supplier to return one score per ID, or remove the "
                "repeated rows from your data.",
            )
    in_theirs = np.zeros(len(uniques), dtype=bool)
    in_theirs[theirs] = True
    in_ours = np.zeros(len(uniques), dtype=bool)
    in_ours[ours] = True
    missing = ~in_theirs[ours]
    extra = ~in_ours[theirs]
    if missing.any() or extra.any():
        parts = []
        if missing.any():
            parts.append(
                f"{int(missing.sum()):,} of your cases have no score (for example "
                f"{uniques[ours[missing][0]]!r})"
            )
        if extra.any():
            parts.append(
                f"{int(extra.sum()):,} scores are for IDs you did not send (for example "
                f"{uniques[theirs[extra][0]]!r})"
            )
        raise _fail(
            "The supplier's scores do not match the sample you sent: " + "; ".join(parts) + ".",
            where,
            "Check you compare with the same sample; ask the supplier to score every case you sent, "
            "and only those.",
        )
    values = pd.to_numeric(frame[score_column], errors="coerce")
    if values.isna().any():
        bad = frame[score_column][values.isna()]
        raise _fail(
            f"{len(bad):,} score(s) are blank or not numbers, for example {bad.iloc[0]!r}.",
            f"{where}, column {score_column!r}",
            "Ask the supplier for a number for every case.",
        )
    position = np.empty(len(uniques), dtype=np.int64)
    position[theirs] = np.arange(len(theirs))
    return values.to_numpy(dtype="float64")[position[ours]]


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _ratio_interval(k: np.ndarray, n: np.ndarray, z: float) -> tuple[float, float, float, str, str]:
    """Lowest over highest rate, with a Katz log interval for the ratio of those two groups."""
    rates = k / n
    lo_i, hi_i = int(np.nanargmin(rates)), int(np.nanargmax(rates))
    r1, r2 = rates[lo_i], rates[hi_i]
    if r2 == 0:
        return (float("nan"),) * 3 + ("", "")
    ratio = r1 / r2
    if r1 == 0:
        return 0.0, 0.0, 0.0, str(lo_i), str(hi_i)
    se = np.sqrt(1 / k[lo_i] - 1 / n[lo_i] + 1 / k[hi_i] - 1 / n[hi_i])
    return (
        float(ratio),
        float(ratio * np.exp(-z * se)),
        float(min(1.0, ratio * np.exp(z * se))),
        str(lo_i),
        str(hi_i),
    )


class ClaimsCheck(Report):
    """What ``check_claims`` found: a verdict per claim and the problems flagged.

    Attributes
    ----------
    verdicts : pandas.DataFrame
        One row per claim: claim, statement, metric, threshold, claimed, on_your_data, lower, upper,
        verdict, reason, question.
    findings : pandas.DataFrame
        One row per problem flagged: code (see ``FINDINGS``), claim, what, question.
    supplier, product : str
    """

    kind = "ClaimsCheck"

    def __init__(self, title: str, summary: str, sections: list[Section], **fields: Any) -> None:
        self.verdicts: pd.DataFrame = fields.pop("verdicts")
        self.findings: pd.DataFrame = fields.pop("findings")
        self.supplier: str = fields.pop("supplier")
        self.product: str = fields.pop("product")
        self.details: dict[str, Any] = fields
        super().__init__(title, summary, sections, frame=self.verdicts)

    @property
    def codes(self) -> set[str]:
        """The codes of every problem flagged."""
        return set(self.findings["code"])

    def verdict(self, claim: str) -> str:
        """The verdict on one claim, by its id."""
        row = self.verdicts[self.verdicts["claim"] == claim]
        if row.empty:
            raise _fail(
                f"There is no claim {claim!r}.",
                "parameter claim",
                f"Use one of: {', '.join(self.verdicts['claim'])}.",
            )
        return str(row["verdict"].iloc[0])

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "product": self.product,
            "verdicts": self.verdicts,
            "findings": self.findings,
            **self.details,
        }


def _fmt(x: float) -> str:
    return "not defined" if not np.isfinite(x) else f"{x:.2f}"


def check_claims(
    claims: str | Path | dict[str, Any] | Claims,
    data: pd.DataFrame,
    *,
    label: str,
    model: Any = None,
    scores: Any = None,
    id_column: str | None = None,
    score_column: str = "score",
    council: str | None = None,
    after_outcome: Sequence[str] = (),
    protected: Sequence[str] = (),
    proxy_guess: float = 1.4,
    records: pd.DataFrame | None = None,
    confidence: float = 0.95,
    min_group: int = 30,
) -> ClaimsCheck:
    """Check a supplier's claims on the council's own held-out data.

    Each claim that is a number is recomputed on ``data``, which the supplier must never have seen, from
    the supplier's model (``model``) or from the scores it returned for the sample (``scores``). A claim is
    **supported** when the claimed value is inside or below the confidence interval of the value on your
    data (a lower claim than your data shows is modest, not wrong), and **not supported** when it is above
    the interval. Claims that no data can settle (time saved, training records) **cannot be checked**: each
    gets the question to ask instead.

    It also flags: accuracy no better than flagging no case (``accuracy_paradox``); a claim measured on
    another council (``other_population``); a model input recorded after the outcome (``leakage``: the model
    is then scored as at the time of decision, with boolean after-outcome inputs set to False); a protected
    characteristic as an input (``protected_input``); and an input that goes with a protected
    characteristic in your data (``proxy``): from the input alone, a guess of someone's characteristic is
    right at least ``proxy_guess`` times as often as chance (balanced accuracy on cases not used to make
    the guess, as :func:`labkit.fairness.find_proxies` measures it).

    Parameters
    ----------
    claims : path, dict or Claims
        The claims file (see :func:`read_claims`).
    data : pandas.DataFrame
        Your held-out cases with their true outcomes (and protected characteristics, to check fairness).
    label : str
        The column of true outcomes (True/False or 1/0).
    model : path or SupplierModel, optional
        The supplier's skops model file (see :func:`load_model`).
    scores : path, DataFrame or array, optional
        The supplier's scores for your sample; matched to ``data`` by ``id_column``.
    id_column : str, optional
        The ID you sent with the sample (needed with a scores file).
    score_column : str, default "score"
        The column of scores in the scores file.
    council : str, optional
        Your council's name, to spot claims measured on another council.
    after_outcome : sequence of str
        Columns recorded after the outcome (from your data standard). A model must not use them.
    protected : sequence of str
        Columns of protected characteristics in ``data``, for fairness claims and the proxy check.
    proxy_guess : float, default 1.4
        How many times better than chance a guess of a protected characteristic from one input must be for
        the input to count as a proxy (1.4: 40% better). Cramér's V is reported with it.
    records : pandas.DataFrame, optional
        The council's records to look for proxies in (by default ``data``). Whether an input stands in for
        a protected characteristic is a fact about the people the council serves, not about the sample, so
        use every record you hold: a year of cases is too few to tell a strong proxy from a weak one.
    confidence : float, default 0.95
        The confidence level of the intervals.
    min_group : int, default 30
        Groups smaller than this are left out of fairness ratios (too few to compare).

    Returns
    -------
    ClaimsCheck

    Examples
    --------
    >>> from labkit.suppliers import check_claims, load_tender
    >>> tender = load_tender()
    >>> bid = tender.bids["tallowmere"]
    >>> check = check_claims(bid.claims, tender.local, label="target_missed", scores=bid.scores_path,
    ...                      id_column="repair_id", council="Northbrook")
    >>> check.verdict("T2")
    'not supported'
    >>> sorted(check.codes)
    ['not_supported', 'other_population']
    """
    from labkit.evaluate import ThresholdCurve
    from labkit.suppliers._model import SupplierModel, load_model

    spec = read_claims(claims)
    _check_arguments(data, confidence, model, scores, after_outcome, protected)
    _check_proxy_settings(records, protected, proxy_guess)
    if model is not None and not isinstance(model, SupplierModel):
        model = load_model(model)  # first: a pickle is refused before anything else is read
    y = _labels(data, label)
    after = list(after_outcome)
    if model is not None:
        inputs = model.input_names
        s = model.score(_as_at_decision(data, model, after))
        delivered = f"the supplier's model ({model.path.name})"
    else:
        inputs = list(spec.inputs)
        s = _read_scores(scores, data, id_column, score_column)
        delivered = "the scores the supplier returned"
    if not np.isfinite(s).all():
        raise _fail(
            "Some scores are not finite numbers.", "scores", "Ask the supplier for a number for every case."
        )
    proxies_in = data if records is None else records
    findings = _input_findings(inputs, proxies_in, after, list(protected), proxy_guess, spec.claims)
    context = _Context(ThresholdCurve(y, s), y, s, data, _z(confidence), confidence, council, min_group)
    verdicts = _verdicts([_claim_row(c, context, findings) for c in spec.claims])
    found = pd.DataFrame(
        [f.__dict__ for f in findings], columns=["code", "claim", "what", "question"]
    ).drop_duplicates(ignore_index=True)
    title = f"Supplier claims checked: {spec.product} ({spec.supplier})"
    summary = _summary(spec, verdicts, found, len(data), delivered)
    return ClaimsCheck(
        title,
        summary,
        _sections(verdicts, found, confidence),
        verdicts=verdicts,
        findings=found,
        supplier=spec.supplier,
        product=spec.product,
        rows=len(data),
        positives=int(y.sum()),
        delivered=delivered,
        confidence=confidence,
    )


def _check_arguments(data, confidence, model, scores, after_outcome, protected) -> None:
    if not isinstance(data, pd.DataFrame) or data.empty:
        raise _fail(
            "Your held-out data must be a table with at least one row.",
            "parameter data",
            "Load it with labkit.quality.read_csv or pandas.read_csv.",
        )
    require_unique_names(data, "data")
    if not 0 < confidence < 1:
        raise _fail(
            f"confidence must be between 0 and 1, not {confidence!r}.", "parameter confidence", "Use 0.95."
        )
    if (model is None) == (scores is None):
        raise _fail(
            "Give either the supplier's model or the scores it returned (one of them).",
            "parameters model and scores",
            "Pass model='model.skops' or scores='scores.csv' with id_column=...",
        )
    for name, cols in (("after_outcome", after_outcome), ("protected", protected)):
        if isinstance(cols, str):
            raise _fail(
                f"{name} must be a list of column names.", f"parameter {name}", f"Write {name}=[{cols!r}]."
            )
    missing_protected = [c for c in protected if c not in data.columns]
    if missing_protected:
        raise _fail(
            f"The protected characteristic column(s) {', '.join(missing_protected)} are not in your data.",
            "parameter protected",
            "Name columns your data has, or leave them out.",
        )


def _check_proxy_settings(records: Any, protected: Sequence[str], proxy_guess: Any) -> None:
    if isinstance(proxy_guess, bool) or not isinstance(proxy_guess, (int, float)) or not proxy_guess > 1:
        raise _fail(
            f"proxy_guess must be a number above 1 (times better than chance), not {proxy_guess!r}.",
            "parameter proxy_guess",
            "Use 1.4, or leave it out.",
        )
    if records is None:
        return
    if not isinstance(records, pd.DataFrame) or records.empty:
        raise _fail(
            "records must be a table of the council's records, with at least one row.",
            "parameter records",
            "Pass the council's records as a DataFrame, or leave records out to look for proxies in data.",
        )
    missing = [c for c in protected if c not in records.columns]
    if missing:
        raise _fail(
            f"The protected characteristic column(s) {', '.join(missing)} are not in records.",
            "parameter records",
            "Give records with the same protected characteristic columns as data.",
        )


def _as_at_decision(data: pd.DataFrame, model: Any, after: list[str]) -> pd.DataFrame:
    """The data as it is when the decision is made: True/False inputs recorded after the outcome are False."""
    leaky = [i for i in model.inputs if i.name in after]
    if not leaky:
        return data
    decision_data = data.copy()
    for inp in leaky:
        if inp.type != "boolean":
            raise _fail(
                f"The model needs {inp.name!r}, which is recorded after the outcome, so it cannot be scored "
                "as at the time of the decision.",
                f"model schema of {model.path.name}",
                "Treat this as leakage: ask the supplier to rebuild the model without it.",
            )
        decision_data[inp.name] = False
    return decision_data


def _input_findings(
    inputs: list[str],
    data: pd.DataFrame,
    after: list[str],
    protected: list[str],
    proxy_guess: float,
    claims: Sequence[Claim] = (),
) -> list[_Finding]:
    """Leakage, protected inputs and proxies among the inputs the product uses."""
    findings = []
    for col in inputs:
        if col in after:
            findings.append(
                _Finding(
                    "leakage",
                    "",
                    f"The product uses {col!r}, which is recorded after the outcome. Its demonstration could "
                    "use it; when your staff decide, it is not yet known, so live results will be worse.",
                    f"Why does the product use {col!r}, which we only record after the outcome? What are its "
                    "results without it, measured on data as at the time of decision?",
                )
            )
        if col in protected:
            findings.append(
                _Finding(
                    "protected_input",
                    "",
                    f"The product uses the protected characteristic {col!r} as an input.",
                    f"Why does the product use {col!r}? What is its lawful basis under the Equality Act 2010 "
                    "and UK GDPR?",
                )
            )
    candidates = [c for c in inputs if c in data.columns and c not in protected]
    fairness = {pc: [c.id for c in claims if c.group == pc] for pc in protected}
    findings.extend(_proxy_findings(data, candidates, fairness, proxy_guess))
    return findings


def _proxy_findings(
    data: pd.DataFrame, candidates: list[str], fairness: dict[str, list[str]], proxy_guess: float
) -> list[_Finding]:
    """Inputs from which a protected characteristic can be guessed well above chance.

    ``fairness`` maps each protected characteristic to the fairness claims about it: a proxy is reported
    against each of them (an input that stands in for the group undermines a claim of equal treatment).

    Cramér's V alone does not separate them in the sandbox: the small area (140 values) goes with ethnic
    group, and the count of no-access visits with disability, about equally by V, but only the small area
    lets a guess tell the groups apart well above chance (about 1.5 times chance against 1.3 on four years
    of repairs). So the guess decides, and V is reported beside it.
    """
    from labkit.fairness import find_proxies

    if not candidates or len(data) < 10:
        return []
    tables = {pc: find_proxies(data, pc, candidates).table.set_index("column") for pc in fairness}
    findings = []
    for col in candidates:
        for pc, table in tables.items():
            guess, chance, v = (float(table.at[col, k]) for k in ("balanced_accuracy", "chance", "cramers_v"))
            if not (np.isfinite(guess) and guess >= proxy_guess * chance):
                continue
            for claim in fairness[pc] or [""]:
                findings.append(
                    _Finding(
                        "proxy",
                        claim,
                        f"The input {col!r} goes with {pc!r} in your data: from it alone you would guess "
                        f"someone's {pc} right {guess:.0%} of the time (averaged over the groups), against "
                        f"{chance:.0%} by chance (Cramér's V {v:.2f}). So the product can treat groups "
                        "differently without ever seeing the characteristic.",
                        f"Why does the product use {col!r}, which stands in for {pc!r} here? What are its "
                        "flag rates and error rates for each group on our data?",
                    )
                )
    return findings


@dataclass
class _Context:
    """What every claim is checked against: the scores, outcomes and data, and the settings."""

    curve: Any
    y: np.ndarray
    s: np.ndarray
    data: pd.DataFrame
    z: float
    confidence: float
    council: str | None
    min_group: int


def _threshold_estimate(c: Claim, ctx: _Context, findings: list[_Finding]) -> tuple[float, float, float]:
    from labkit._stats import wilson_interval

    k = ctx.curve.counts(c.threshold)
    if c.metric == "f1":
        est, a, b = k.f1, k.tp, k.fp + k.fn
        d = 2 * a + b
        se = np.sqrt(4.0 * a * b * (a + b) / d**4) if d else float("nan")
        return est, max(0.0, est - ctx.z * se), min(1.0, est + ctx.z * se)
    num, den = {
        "accuracy": (k.tp + k.tn, k.total),
        "precision": (k.tp, k.flagged),
        "recall": (k.tp, k.positives),
        "specificity": (k.tn, k.tn + k.fp),
        "selection_rate": (k.flagged, k.total),
    }[c.metric]
    est = num / den if den else float("nan")
    lo_a, hi_a = wilson_interval(num, den, ctx.confidence)
    lo, hi = float(lo_a), float(hi_a)
    if c.metric == "accuracy":
        base = float(ctx.y.mean())
        no_skill = max(base, 1 - base)
        if not (lo > no_skill):
            findings.append(
                _Finding(
                    "accuracy_paradox",
                    c.id,
                    f"Flagging no case at all would be right {no_skill:.0%} of the time on your data, so an "
                    f"accuracy of {est:.0%} shows no skill. At this threshold the product finds "
                    f"{k.recall:.0%} of the cases with the outcome (recall).",
                    METRICS[c.metric].question,
                )
            )
    return est, lo, hi


def _fairness_estimate(c: Claim, ctx: _Context) -> tuple[float, float, float, str] | str:
    """The ratio with its interval and the groups compared, or the reason it cannot be checked."""
    if c.group not in ctx.data.columns:
        return f"Your data has no column {c.group!r} to compare groups."
    flag = ctx.s >= c.threshold
    gcodes, guniques = pd.factorize(ctx.data[c.group], use_na_sentinel=False)
    keep = np.ones(len(ctx.y), dtype=bool) if c.metric == "selection_rate_ratio" else ctx.y
    agg = pd.DataFrame(
        {
            "sum": np.bincount(gcodes[keep], weights=flag[keep], minlength=len(guniques)),
            "count": np.bincount(gcodes[keep], minlength=len(guniques)),
        },
        index=[str(g) for g in guniques],
    )
    agg = agg[agg["count"] >= ctx.min_group]
    if len(agg) < 2:
        return f"Fewer than two groups of {c.group!r} have {ctx.min_group} or more cases."
    est, lo, hi, i_lo, i_hi = _ratio_interval(agg["sum"].to_numpy(float), agg["count"].to_numpy(float), ctx.z)
    groups = f"lowest: {agg.index[int(i_lo)]}; highest: {agg.index[int(i_hi)]}" if i_lo != "" else ""
    return est, lo, hi, groups


def _population_words(c: Claim) -> str:
    """Where a claim was measured, naming the council once: "Eastmere repairs, 2024-25 (...)"."""
    if c.council and c.council.lower() not in c.population.lower():
        return f"{c.population} ({c.council})"
    return c.population


def _claim_row(c: Claim, ctx: _Context, findings: list[_Finding]) -> dict[str, Any]:
    """One claim's row of the verdicts table; adds what it flags to ``findings``."""
    meta = METRICS[c.metric]
    nan = float("nan")
    row: dict[str, Any] = {
        "claim": c.id,
        "statement": c.statement,
        "metric": c.metric,
        "threshold": c.threshold,
        "claimed": c.value,
        "on_your_data": nan,
        "lower": nan,
        "upper": nan,
        "groups": "",
    }
    council = ctx.council
    if c.council and council and c.council.strip().lower() != council.strip().lower():
        findings.append(
            _Finding(
                "other_population",
                c.id,
                f"Claim {c.id} was measured on {_population_words(c)}, not on {council}'s people and "
                "places; a model can work less well on another council's data.",
                f"Claim {c.id} comes from {c.council}. Will you validate the product on {council}'s own data "
                "before we sign, and agree what happens if it does not meet the claim?",
            )
        )
    cannot = None
    if meta.kind == "unchecked":
        cannot = f"No data can confirm the {meta.words}; only evidence from the supplier can."
    elif meta.kind == "ranking":
        auc, se = ctx.curve.roc_auc()
        est, lo, hi = auc, max(0.0, auc - ctx.z * se), min(1.0, auc + ctx.z * se)
    elif meta.kind == "threshold":
        est, lo, hi = _threshold_estimate(c, ctx, findings)
    else:
        got = _fairness_estimate(c, ctx)
        if isinstance(got, str):
            cannot = got
        else:
            est, lo, hi, row["groups"] = got
    if cannot is None:
        row.update(on_your_data=est, lower=lo, upper=hi)
        if not np.isfinite(est):
            cannot = "The measure is not defined on your data (for example, no case was flagged)."
    if cannot is not None:
        row.update(verdict="cannot be checked", reason=cannot, question=meta.question)
        return row
    interval = f"{ctx.confidence:.0%} interval {_fmt(lo)} to {_fmt(hi)}"
    said = f"Claimed {c.value:.2f}; on your data {_fmt(est)} ({interval})"
    if c.value > hi:
        row.update(
            verdict="not supported",
            reason=f"{said}: the claim is above what your data can support.",
            question=f"Claim {c.id} says {c.value:.2f} but our held-out data shows {_fmt(est)}. "
            + meta.question,
        )
        findings.append(_Finding("not_supported", c.id, row["reason"], row["question"]))
    else:
        row.update(verdict="supported", reason=f"{said}.", question="")
    return row


_VERDICT_COLUMNS = [
    "claim",
    "statement",
    "metric",
    "threshold",
    "claimed",
    "on_your_data",
    "lower",
    "upper",
    "verdict",
    "reason",
    "question",
    "groups",
]


def _verdicts(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows)[_VERDICT_COLUMNS]


def _summary(spec: Claims, verdicts: pd.DataFrame, found: pd.DataFrame, n: int, delivered: str) -> str:
    counts = verdicts["verdict"].value_counts()
    n_sup, n_not, n_cant = (
        int(counts.get(v, 0)) for v in ("supported", "not supported", "cannot be checked")
    )
    problems = [FINDINGS[c] for c in dict.fromkeys(found["code"]) if c != "not_supported"]
    summary = (
        f"{spec.supplier} made {plural(len(verdicts), 'claim')} about {spec.product}. On {n:,} held-out "
        f"cases, using {delivered}: {n_sup} supported, {n_not} not supported, {n_cant} cannot be checked "
        "with data."
    )
    if problems:
        return summary + " Problems flagged: " + "; ".join(problems) + "."
    return summary + " No other problem was flagged."


def readable_verdicts(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The verdicts as a reader sees them: plain words for the metrics and columns, counts as whole numbers
    ("7,517", not "7517.00"), and a dash where a claim cannot be checked (no figure, no interval)."""

    def number(value: Any, metric: str) -> str:
        if value is None or (isinstance(value, float) and not np.isfinite(value)):
            return "–"
        if METRICS.get(metric) is not None and METRICS[metric].kind == "unchecked":
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
        return f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)

    out = pd.DataFrame({"Claim": verdicts["claim"]})
    out["What it measures"] = [METRICS[m].words if m in METRICS else m for m in verdicts["metric"]]
    out["At threshold"] = [number(t, "") for t in verdicts["threshold"]]
    for column, title in (
        ("claimed", "Claimed"),
        ("on_your_data", "On your data"),
        ("lower", "Interval from"),
        ("upper", "Interval to"),
    ):
        out[title] = [number(v, m) for v, m in zip(verdicts[column], verdicts["metric"], strict=True)]
    out["Verdict"] = verdicts["verdict"]
    return out


def _sections(verdicts: pd.DataFrame, found: pd.DataFrame, confidence: float) -> list[Section]:
    shown = readable_verdicts(verdicts)
    sections = [
        Section(
            "Verdict on each claim",
            f"Each claim recomputed on your held-out data, with a {confidence:.0%} confidence interval. "
            "A claim "
            "is not supported when the claimed value is above the interval.",
            tables=[Table("Claims and what your data shows", shown)],
        ),
        Section("Reasons", "\n".join(f"- {r.claim}: {r.reason}" for r in verdicts.itertuples())),
    ]
    if len(found):
        sections.append(
            Section(
                "Problems flagged",
                "\n".join(f"- {r.what}" for r in found.itertuples()),
                tables=[Table("Problems and the questions they raise", found[["code", "claim", "question"]])],
            )
        )
    return sections
