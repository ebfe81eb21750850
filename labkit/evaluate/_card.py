"""Model cards laid out to fill the Model Specification of an ATRS record.

The Algorithmic Transparency Recording Standard (ATRS) v4.0 asks, for each model,
for the fields of section 2.4.2 "Model Specification" (ATRS Guidance for v4.0;
change log v3.0 to v4.0, which merged "Datasets" and "Dataset purposes"). v4.0
publishes its template as a spreadsheet without machine names, so the
``attribute`` given here is the v3.0 machine name (March 2024 field table), with
the merged field keeping ``datasets``; the field *names* are v4.0's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, listing, num, pct
from labkit.evaluate._evaluation import EvaluationReport
from labkit.evaluate._model import describe_model

#: ATRS v4.0 section 2.4.2 Model Specification: (reference, field name, v3.0 machine name).
ATRS_MODEL_SPECIFICATION: tuple[tuple[str, str, str], ...] = (
    ("2.4.2.1", "Model name", "model_name"),
    ("2.4.2.2", "Model version", "model_version"),
    ("2.4.2.3", "Model task", "model_task"),
    ("2.4.2.4", "Model input", "model_input"),
    ("2.4.2.5", "Model output", "model_output"),
    ("2.4.2.6", "Model architecture", "model_architecture"),
    ("2.4.2.7", "Model performance", "model_performance"),
    ("2.4.2.8", "Datasets and their purposes", "datasets"),
)


class ModelCard(Report):
    """A model card: intended use, data, metrics, limitations, ethics, and the ATRS fields.

    ``atrs`` maps each ATRS v4.0 Model Specification field name (e.g. "Model
    performance") to its text, ready to paste into the ATRS template.
    """

    kind = "ModelCard"

    def __init__(self, title: str, summary: str, sections: list[Section], atrs: dict[str, str]) -> None:
        self.atrs = atrs
        frame = pd.DataFrame(
            [
                {"reference": ref, "field": name, "entry": atrs[name]}
                for ref, name, _ in ATRS_MODEL_SPECIFICATION
            ]
        )
        super().__init__(title, summary, sections, frame=frame)

    def to_atrs(self) -> dict[str, str]:
        """The ATRS Model Specification fields, keyed by their v4.0 names (a copy)."""
        return dict(self.atrs)

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "atrs_model_specification": [
                {"reference": ref, "field": name, "v3_attribute": attr, "entry": self.atrs[name]}
                for ref, name, attr in ATRS_MODEL_SPECIFICATION
            ]
        }


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _text(value: Any, where: str, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LabkitError(
                f"{where} is missing; a model card must say it.",
                where=f"parameter {where}",
                fix=f"Pass {where}='...' in a sentence or two of plain English.",
            )
        return ""
    if not isinstance(value, str):
        raise LabkitError(f"{where} must be text, not {type(value).__name__}.", where=f"parameter {where}")
    return value.strip()


def _bullets(items: Sequence[str] | None, where: str) -> list[str]:
    if items is None:
        return []
    if isinstance(items, str):
        return [items.strip()]
    out = []
    for item in items:
        if not isinstance(item, str):
            raise LabkitError(f"Every entry of {where} must be text.", where=f"parameter {where}")
        out.append(item.strip())
    return out


def model_card(
    report: EvaluationReport,
    *,
    model_name: str,
    task: str,
    intended_use: str,
    datasets: Mapping[str, str],
    model_version: str = "1.0",
    not_intended_for: str | None = None,
    model_architecture: str | None = None,
    model_output: str | None = None,
    threshold_choice: Any = None,
    limitations: Sequence[str] | None = None,
    ethical_considerations: Sequence[str] | None = None,
    fairness: str | None = None,
) -> ModelCard:
    """Write a model card from an evaluation, laid out to fill the ATRS Model Specification.

    Parameters
    ----------
    report : EvaluationReport
        From :func:`evaluate` on the test data.
    model_name, model_version : str
        ATRS 2.4.2.1 and 2.4.2.2.
    task : str
        ATRS 2.4.2.3, e.g. "Estimate the chance that a responsive repair misses its target".
    intended_use : str
        Who uses the output, for what decision, with what human review.
    datasets : dict
        Dataset name -> how it was used (training, testing ...): ATRS 2.4.2.8.
    not_intended_for : str, optional
        Uses the model must not be put to.
    model_architecture : str, optional
        ATRS 2.4.2.6; by default described from the fitted model.
    model_output : str, optional
        ATRS 2.4.2.5; by default a score with the chosen threshold.
    threshold_choice : ThresholdChoice, optional
        From :func:`choose_threshold`; its threshold and costs are recorded.
    limitations, ethical_considerations : list of str, optional
        Bullet points; the card adds the limitations the evaluation itself shows.
    fairness : str, optional
        Results of a fairness audit across groups. If absent, the card says none was done.

    Returns
    -------
    ModelCard

    Examples
    --------
    >>> from labkit import data
    >>> from labkit.evaluate import evaluate, temporal_split
    >>> from sklearn.linear_model import LogisticRegression
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> train, test = temporal_split(repairs, "financial_year")
    >>> cols = ["no_access_visits", "imd_decile", "target_working_days"]
    >>> model = LogisticRegression().fit(train[cols], train["target_missed"])
    >>> from labkit.evaluate import model_card
    >>> card = model_card(evaluate(model, test[cols], test["target_missed"], plot=False),
    ...                   model_name="Repairs at risk", task="Estimate the chance a repair misses its target",
    ...                   intended_use="Planners review a weekly list.",
    ...                   datasets={"Repairs 2021-22 to 2023-24": "training", "Repairs 2024-25": "testing"})
    >>> list(card.to_atrs())[:3]
    ['Model name', 'Model version', 'Model task']
    """
    text = _check_card_inputs(
        report, model_name, model_version, task, intended_use, not_intended_for, datasets
    )
    threshold, c, cost_note = _threshold_and_costs(report, threshold_choice)
    performance, calibrated = _performance(report, threshold, c, cost_note, fairness)
    atrs = {
        "Model name": text["name"],
        "Model version": text["version"],
        "Model task": text["task"],
        "Model input": _model_input(report),
        "Model output": model_output
        or (
            f"A score from 0 to 1 for each {report.words.singular}: the estimated chance of the outcome (a "
            f"{report.words.singular} that {report.words.outcome}). {report.words.plural_form.capitalize()} "
            f"scoring at least {threshold:.3f} are flagged for attention."
        ),
        "Model architecture": _architecture(report, model_architecture),
        "Model performance": performance,
        "Datasets and their purposes": " ".join(f"{k}: {_text(v, 'datasets')}." for k, v in datasets.items()),
    }
    limits = _bullets(limitations, "limitations") + _limits_seen(report, c, calibrated)
    ethics = _bullets(ethical_considerations, "ethical_considerations")
    if not fairness:
        ethics.append("No fairness audit is recorded here: check error rates across protected groups first.")
    ethics.append(
        "A person reviews every flag before action; the score must not be the sole basis of a decision "
        "with legal or similarly significant effect (UK GDPR Article 22)."
    )
    lo, hi = report.interval("roc_auc")
    summary = (
        f"{text['name']} (version {text['version']}): {text['task'].rstrip('.')}. {text['use']} "
        f"ROC-AUC on the test data is {num(report.values['roc_auc'], 3)} ({report.confidence:.0%} interval "
        f"{num(lo, 3)} to {num(hi, 3)})."
    )
    sections = _card_sections(report, text, datasets, performance, limits, ethics, atrs)
    return ModelCard(f"Model card: {text['name']}", summary, sections, atrs)


def _check_card_inputs(
    report: Any,
    model_name: Any,
    model_version: Any,
    task: Any,
    intended_use: Any,
    not_intended_for: Any,
    datasets: Any,
) -> dict[str, str]:
    """The card's required texts, checked; a LabkitError names the first one missing or wrong."""
    if not isinstance(report, EvaluationReport):
        raise LabkitError(
            f"report must be an EvaluationReport from evaluate(), not {type(report).__name__}.",
            where="parameter report",
            fix="Pass report=evaluate(model, X_test, y_test, ...).",
        )
    text = {
        "name": _text(model_name, "model_name"),
        "version": _text(model_version, "model_version"),
        "task": _text(task, "task"),
        "use": _text(intended_use, "intended_use"),
        "not_for": _text(not_intended_for, "not_intended_for", required=False),
    }
    if not isinstance(datasets, Mapping) or not datasets:
        raise LabkitError(
            "datasets must name each dataset and what it was used for.",
            where="parameter datasets",
            fix="Pass e.g. {'Housing repairs 2021-22 to 2023-24': 'training', "
            "'Housing repairs 2024-25': 'testing'}.",
        )
    return text


def _threshold_and_costs(report: EvaluationReport, threshold_choice: Any) -> tuple[float, Any, str]:
    """The threshold the card describes (the chosen one, if any), its counts, and how it was chosen."""
    w = report.words
    if threshold_choice is None:
        return report.threshold, report.confusion, ""
    threshold = float(threshold_choice.threshold)
    c = report.curve.counts(threshold)
    cost_note = ""
    if threshold_choice.costs is not None:
        costs = threshold_choice.costs
        cost_note = (
            " The threshold was chosen to minimise the expected total cost"
            + (
                f", within a capacity of {count(threshold_choice.capacity)}"
                if threshold_choice.capacity
                else ""
            )
            + f". Acting on a flagged {w.singular} was costed at £{costs.cost_action:,.0f}, and a "
            f"{w.singular} that {w.outcome} at £{costs.cost_harm:,.0f} unless acting prevented it. Acting "
            f"was assumed to prevent {costs.prevented:.0%} of those harms."
        )
    elif threshold_choice.capacity is not None:
        cost_note = f" The threshold was chosen to fit a capacity of {count(threshold_choice.capacity)}."
    return threshold, c, cost_note


def _architecture(report: EvaluationReport, model_architecture: str | None) -> str:
    architecture = model_architecture or (
        _sentence(describe_model(report.model)) if report.model is not None else ""
    )
    if not architecture:
        raise LabkitError(
            "model_architecture is missing: the report was made from scores, so labkit cannot see the model.",
            where="parameter model_architecture",
            fix="Pass model_architecture='Logistic regression on 12 features (scikit-learn)'.",
        )
    return architecture


def _model_input(report: EvaluationReport) -> str:
    features = report.features
    if not features:
        return "Not recorded by the evaluation; describe the inputs here."
    singular = report.words.singular
    return f"{count(len(features))} features known when the {singular} is reported: {listing(features)}."


def _performance(
    report: EvaluationReport, threshold: float, c: Any, cost_note: str, fairness: str | None
) -> tuple[str, int]:
    """ATRS 2.4.2.7 in words, and how many calibration bands were about right."""
    w, vals = report.words, report.values
    lo, hi = report.interval("roc_auc")
    rlo, rhi = report.interval("recall")
    baseline_bits = [
        f"{r['approach']}: ROC-AUC {num(r['ROC-AUC'], 3)}, recall {pct(r['recall'])}"
        for _, r in report.baselines.iloc[1:].iterrows()
    ]
    cal = report.calibration
    ok = int((cal["verdict"] == "about right").sum())
    performance = (
        f"Tested on {w.n(report.n_cases)} not used in training, of which "
        f"{pct(report.n_positive / report.n_cases)} {w.outcome}. ROC-AUC {num(vals['roc_auc'], 3)} "
        f"({report.confidence:.0%} interval {num(lo, 3)} to "
        f"{num(hi, 3)}); average precision {num(vals['pr_auc'], 3)}; Brier score {num(vals['brier'], 3)}. "
        f"At threshold {threshold:.3f} the model flags {w.n(c.flagged)}: {pct(c.precision)} of them "
        f"{w.outcome} (precision) and it finds {pct(c.recall)} of all that did (recall)."
        + (
            f" At the evaluation threshold of {report.threshold:.2f}, recall was {pct(vals['recall'])} "
            f"({pct(rlo)} to {pct(rhi)})."
            if threshold != report.threshold
            else ""
        )
        + cost_note
        + (f" Baselines: {'; '.join(baseline_bits)}." if baseline_bits else "")
        + f" Calibration: predicted and observed rates agree in {ok} of {len(cal)} score bands."
    )
    if report.by_period is not None and len(report.by_period):
        bp = report.by_period
        period_col = bp.columns[0]
        performance += (
            " By "
            + period_col
            + ": "
            + "; ".join(f"{r[period_col]} ROC-AUC {num(r['ROC-AUC'], 3)}" for _, r in bp.iterrows())
            + "."
        )
    performance += " " + (
        fairness.strip()
        if fairness
        else "Performance across groups of people (fairness) has not been assessed in this card; do this "
        "before use (see the labkit fairness audit)."
    )
    return performance, ok


def _limits_seen(report: EvaluationReport, c: Any, calibrated: int) -> list[str]:
    """The limitations the evaluation itself shows."""
    w, bands = report.words, len(report.calibration)
    out = []
    if calibrated < bands:
        out.append(
            f"Scores are not exact chances: in {bands - calibrated} of {bands} score bands the predicted "
            "rate falls outside the interval of the observed rate."
        )
    if c.fn:
        out.append(
            f"At the chosen threshold {count(c.fn)} of {count(c.positives)} {w.plural_form} that {w.outcome} "
            "are not flagged; the list must not be read as complete."
        )
    out.append(
        "Performance was measured on past data; it must be monitored in use, because services, "
        "recording practice and the people served change."
    )
    return out


def _card_sections(
    report: EvaluationReport,
    text: dict[str, str],
    datasets: Mapping[str, str],
    performance: str,
    limits: list[str],
    ethics: list[str],
    atrs: dict[str, str],
) -> list[Section]:
    def bullets(items: list[str]) -> str:
        return "\n".join(f"- {i}" for i in items)

    atrs_frame = pd.DataFrame(
        [
            {"reference": ref, "field": fname, "entry": atrs[fname]}
            for ref, fname, _ in ATRS_MODEL_SPECIFICATION
        ]
    )
    not_for = text["not_for"]
    return [
        Section("Intended use", text["use"] + (f"\n\nNot intended for: {not_for}" if not_for else "")),
        Section("Data", bullets([f"{k}: {v}" for k, v in datasets.items()])),
        Section(
            "Metrics",
            performance,
            tables=[Table("Metrics on the test data", report.metrics.drop(columns=["key", "meaning"]))],
        ),
        Section("Limitations", bullets(limits)),
        Section("Ethical considerations", bullets(ethics)),
        Section(
            "Algorithmic Transparency Recording Standard: Model Specification",
            "These entries are laid out to fill section 2.4.2 (Model Specification) of an ATRS v4.0 record. "
            "The rest of the record (owner, deployment context, data specification, risks) needs the "
            "service's own answers.",
            tables=[Table("ATRS v4.0 section 2.4.2 Model Specification", atrs_frame)],
        ),
    ]
