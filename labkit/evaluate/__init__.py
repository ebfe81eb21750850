"""Honest model evaluation for council services.

Metrics with confidence intervals, baselines, calibration, thresholds from
costs and capacity, splits that fit council data, leakage checks, plain-word
explanations and model cards laid out for the Algorithmic Transparency
Recording Standard. Each name loads its module on first use, so that
``labkit evaluate --help`` stays quick.

>>> from labkit.evaluate import evaluate
>>> evaluate(y_true=[1, 0, 1, 0], y_score=[0.8, 0.3, 0.6, 0.4], plot=False).values["roc_auc"]
1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module, loaded on first use.
_PUBLIC = {
    "ATRS_MODEL_SPECIFICATION": "_card",
    "ModelCard": "_card",
    "model_card": "_card",
    "ModelComparison": "_compare",
    "compare_models": "_compare",
    "EvaluationReport": "_evaluation",
    "evaluate": "_evaluation",
    "CaseExplanation": "_explain",
    "ExplanationReport": "_explain",
    "explain_case": "_explain",
    "explain_model": "_explain",
    "LeakageReport": "_leakage",
    "leakage_check": "_leakage",
    "Counts": "_metrics",
    "ThresholdCurve": "_metrics",
    "Split": "_splits",
    "group_split": "_splits",
    "temporal_split": "_splits",
    "ThresholdChoice": "_threshold",
    "choose_threshold": "_threshold",
    "threshold_explorer": "_widget",
    "threshold_view": "_widget",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.evaluate._card import ATRS_MODEL_SPECIFICATION, ModelCard, model_card
    from labkit.evaluate._compare import ModelComparison, compare_models
    from labkit.evaluate._evaluation import EvaluationReport, evaluate
    from labkit.evaluate._explain import CaseExplanation, ExplanationReport, explain_case, explain_model
    from labkit.evaluate._leakage import LeakageReport, leakage_check
    from labkit.evaluate._metrics import Counts, ThresholdCurve
    from labkit.evaluate._splits import Split, group_split, temporal_split
    from labkit.evaluate._threshold import ThresholdChoice, choose_threshold
    from labkit.evaluate._widget import threshold_explorer, threshold_view


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "ATRS_MODEL_SPECIFICATION",
    "CaseExplanation",
    "Counts",
    "EvaluationReport",
    "ExplanationReport",
    "LeakageReport",
    "ModelCard",
    "ModelComparison",
    "Split",
    "ThresholdChoice",
    "ThresholdCurve",
    "choose_threshold",
    "compare_models",
    "evaluate",
    "explain_case",
    "explain_model",
    "group_split",
    "leakage_check",
    "model_card",
    "temporal_split",
    "threshold_explorer",
    "threshold_view",
]
