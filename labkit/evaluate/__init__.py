"""Honest model evaluation for council services.

Metrics with confidence intervals, baselines, calibration, thresholds from
costs and capacity, splits that fit council data, leakage checks, plain-word
explanations and model cards laid out for the Algorithmic Transparency
Recording Standard.

>>> from labkit.evaluate import evaluate
>>> evaluate(y_true=[1, 0, 1, 0], y_score=[0.8, 0.3, 0.6, 0.4], plot=False).values["roc_auc"]
1.0
"""

from __future__ import annotations

from labkit.evaluate._evaluation import EvaluationReport, evaluate
from labkit.evaluate._metrics import Counts, ThresholdCurve

__all__ = ["Counts", "EvaluationReport", "ThresholdCurve", "evaluate"]
