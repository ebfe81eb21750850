"""Fairness audits for council models: the same numbers as fairlearn, faster, in plain English.

``audit`` checks a model's decisions across protected characteristics and
their intersections; ``group_metrics`` is the fast, fairlearn-equal engine
underneath; ``find_proxies`` shows which other columns stand in for a
protected characteristic; ``recommend_measures`` and ``measure_wizard`` help
choose a fairness measure; ``mitigate`` compares fairlearn's mitigations on
every measure; ``fairness_explorer`` moves thresholds live; and
``eqia_evidence`` writes the evidence section of an Equality Impact
Assessment.
"""

from __future__ import annotations

from labkit.fairness._audit import FairnessReport, audit, wilson_interval
from labkit.fairness._fast import METRICS, GroupMetrics, group_metrics
from labkit.fairness._words import PROTECTED_CHARACTERISTICS

__all__ = [
    "METRICS",
    "PROTECTED_CHARACTERISTICS",
    "FairnessReport",
    "GroupMetrics",
    "audit",
    "group_metrics",
    "wilson_interval",
]
