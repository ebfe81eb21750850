"""``audit``: a model's decisions across protected characteristics, in plain English.

The audit runs in four steps, each in its own module: check the inputs
(``_audit_checks``), compute every number (``_audit_numbers``), put them into
words (``_audit_words``) and build the report (``_audit_report``), whose
charts are drawn only when the report is shown or saved as HTML.
"""

from __future__ import annotations

from typing import Any, Literal

from labkit._text import listing
from labkit.fairness._audit_checks import check_audit_inputs
from labkit.fairness._audit_numbers import compute_audit
from labkit.fairness._audit_report import FairnessReport, sections
from labkit.fairness._audit_words import flags, gap_lookup, summary
from labkit.fairness._words import guess_characteristic

__all__ = ["FairnessReport", "audit"]


def audit(
    y_true: Any,
    y_pred: Any = None,
    *,
    y_score: Any = None,
    threshold: float = 0.5,
    sensitive_features: Any,
    reference: Any = None,
    min_n: int = 30,
    missing: Literal["group", "drop", "error"] = "group",
    outcome: str = "picked out by the model",
    label_name: str = "had the outcome",
    kind: Literal["assistive", "punitive"] | None = None,
    noun: str | tuple[str, str] = ("person", "people"),
    characteristics: dict[str, str] | None = None,
    confidence: float = 0.95,
    figures: bool = True,
    title: str | None = None,
) -> FairnessReport:
    """Audit a model's decisions across protected characteristics and their intersections.

    For each group of each sensitive feature (and each combination of groups
    when there are several features) the audit reports the number of people,
    the selection rate, true positive, false positive and false negative rates,
    precision and accuracy, each with a Wilson confidence interval; differences
    and ratios against a reference group and between groups; the four-fifths
    rule with its caveats; flags for small groups, groups with no positive
    cases and missing values; and a plain-English narrative. The numbers equal
    fairlearn's ``MetricFrame`` except where a rate is not defined, which the
    audit says rather than showing 0.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        What really happened, one value per person.
    y_pred : array-like of 0/1 or bool, optional
        The model's decisions. Give either this or ``y_score``.
    y_score : array-like of float in [0, 1], optional
        The model's scores; people scoring ``threshold`` or more are picked out.
    threshold : float, default 0.5
        The cut-off applied to ``y_score``.
    sensitive_features : array-like, Series, DataFrame or dict of columns
        One or more protected characteristics, one value per person.
    reference : value or dict, optional
        The group to compare others with (a dict ``{feature: group}`` with
        several features). By default each feature's largest group.
    min_n : int, default 30
        Groups with fewer people are flagged as too small to read alone.
    missing : {"group", "drop", "error"}, default "group"
        People with no recorded value: audit them as a group called "Not
        recorded" (the default, because missing data is itself often unequal),
        leave them out, or stop with an error.
    outcome : str
        What being picked out means, to finish the sentence "the share ...",
        for example ``"flagged for an early check"``.
    label_name : str
        What a true positive label means, to finish "the people who ...", for
        example ``"really missed the target"``.
    kind : {"assistive", "punitive"}, optional
        Whether being picked out helps residents or burdens them; the narrative
        then says what the gap means for residents.
    noun : str or (str, str), default ("person", "people")
        What one row is, used in every sentence and table of the report: a
        word such as ``"repair"`` (plural made by adding "s") or a pair such
        as ``("household", "households")``. Say what a row really is: when one
        tenant can have several repairs, the rows are repairs, not people.
    characteristics : dict, optional
        The Equality Act characteristic of each feature, for example
        ``{"tenant_ethnic_group_5": "race"}``. Guessed from column names if left out.
    confidence : float, default 0.95
        The level of the confidence intervals.
    figures : bool, default True
        Include a chart for each feature. Charts are drawn only when the report
        is shown or saved as HTML, so leaving them on costs nothing until then.
    title : str, optional
        The report's title.

    Returns
    -------
    FairnessReport

    Examples
    --------
    >>> from labkit.fairness import audit
    >>> r = audit([1, 0, 1, 0, 1, 0], y_score=[0.9, 0.2, 0.4, 0.7, 0.8, 0.1],
    ...           sensitive_features={"sex": ["F", "F", "F", "M", "M", "M"]}, min_n=2, figures=False)
    >>> r.groups[["group", "n", "selection_rate"]].values.tolist()
    [['F', 3, 0.3333333333333333], ['M', 3, 0.6666666666666666]]
    """
    inputs = check_audit_inputs(
        y_true,
        y_pred,
        y_score,
        threshold,
        sensitive_features,
        min_n=min_n,
        missing=missing,
        kind=kind,
        noun=noun,
        confidence=confidence,
    )
    chars = {
        f.name: (characteristics or {}).get(f.name) or guess_characteristic(f.name) or f.name
        for f in inputs.features
    }
    numbers = compute_audit(inputs, reference, chars)
    settings = {
        "rows": inputs.rows,
        "rows_audited": inputs.rows - inputs.rows_dropped,
        "threshold": inputs.threshold,
        "min_n": inputs.min_n,
        "missing": missing,
        "confidence": inputs.confidence,
        "outcome": outcome,
        "label_name": label_name,
        "kind": inputs.kind,
        "noun": list(inputs.nouns),
    }
    found = flags(inputs, numbers, missing)
    gaps = gap_lookup(numbers.gaps)
    return FairnessReport(
        title or f"Fairness audit by {listing([chars[f.name] for f in inputs.features])}",
        summary(numbers, gaps, found, settings),
        sections(numbers, gaps, found, settings, figures),
        groups=numbers.groups,
        comparisons=numbers.comparisons,
        gaps=numbers.gaps,
        four_fifths=numbers.four_fifths,
        calibration=numbers.calibration,
        flags=found,
        references=numbers.references,
        characteristics=chars,
        metrics=numbers.metrics,
        overall=numbers.overall,
        n=inputs.rows,
        settings=settings,
        features=[f.name for f in inputs.features],
    )
