"""Fairness audits for council models: the same numbers as fairlearn, faster, in plain English.

``audit`` checks a model's decisions across protected characteristics and
their intersections; ``group_metrics`` is the fast, fairlearn-equal engine
underneath; ``find_proxies`` shows which other columns stand in for a
protected characteristic; ``recommend_measures`` and ``measure_wizard`` help
choose a fairness measure; ``mitigate`` compares fairlearn's mitigations on
every measure; ``fairness_explorer`` moves thresholds live; and
``eqia_evidence`` writes the evidence section of an Equality Impact
Assessment.

>>> from labkit.fairness import recommend_measures
>>> recommend_measures(kind="punitive", worse_error="wrongly_flagged").primary
['false_positive_parity']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module (of labkit.fairness, unless a full name is given). Loaded on
# first use, so that `labkit fairness --help` and `import labkit.fairness._cli` stay quick.
_PUBLIC = {
    "FairnessReport": "_audit",
    "audit": "_audit",
    "EqiaEvidence": "_eqia",
    "eqia_evidence": "_eqia",
    "ThresholdExplorer": "_explorer",
    "METRICS": "_fast",
    "GroupMetrics": "_fast",
    "group_metrics": "_fast",
    "MEASURES": "_guide",
    "Measure": "_guide",
    "MeasureAdvice": "_guide",
    "recommend_measures": "_guide",
    "CONSTRAINTS": "_mitigate",
    "MitigationReport": "_mitigate",
    "fairness_gaps": "_mitigate",
    "mitigate": "_mitigate",
    "ProxyReport": "_proxy",
    "find_proxies": "_proxy",
    "fairness_explorer": "_widgets",
    "measure_wizard": "_widgets",
    "PROTECTED_CHARACTERISTICS": "_words",
    # Statistics shared with the rest of labkit.
    "contingency_table": "labkit._stats",
    "cramers_v_corrected": "labkit._stats",
    "wilson_interval": "labkit._stats",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit._stats import contingency_table, cramers_v_corrected, wilson_interval
    from labkit.fairness._audit import FairnessReport, audit
    from labkit.fairness._eqia import EqiaEvidence, eqia_evidence
    from labkit.fairness._explorer import ThresholdExplorer
    from labkit.fairness._fast import METRICS, GroupMetrics, group_metrics
    from labkit.fairness._guide import MEASURES, Measure, MeasureAdvice, recommend_measures
    from labkit.fairness._mitigate import CONSTRAINTS, MitigationReport, fairness_gaps, mitigate
    from labkit.fairness._proxy import ProxyReport, find_proxies
    from labkit.fairness._widgets import fairness_explorer, measure_wizard
    from labkit.fairness._words import PROTECTED_CHARACTERISTICS


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "CONSTRAINTS",
    "MEASURES",
    "METRICS",
    "PROTECTED_CHARACTERISTICS",
    "EqiaEvidence",
    "FairnessReport",
    "GroupMetrics",
    "Measure",
    "MeasureAdvice",
    "MitigationReport",
    "ProxyReport",
    "ThresholdExplorer",
    "audit",
    "contingency_table",
    "cramers_v_corrected",
    "eqia_evidence",
    "fairness_explorer",
    "fairness_gaps",
    "find_proxies",
    "group_metrics",
    "measure_wizard",
    "mitigate",
    "recommend_measures",
    "wilson_interval",
]
