"""Plain-English words for fairness measures and protected characteristics."""

from __future__ import annotations

import re

# The nine protected characteristics of the Equality Act 2010, section 4, in the Act's order.
PROTECTED_CHARACTERISTICS: tuple[str, ...] = (
    "age",
    "disability",
    "gender reassignment",
    "marriage and civil partnership",
    "pregnancy and maternity",
    "race",
    "religion or belief",
    "sex",
    "sexual orientation",
)

# Column-name pieces that suggest a characteristic; checked in order, first match wins.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"gender_?identity|reassign|trans", "gender reassignment"),
    (r"sexual_?orientation|orientation", "sexual orientation"),
    (r"ethnic|race|nationality|national_origin", "race"),
    (r"disab|impairment", "disability"),
    (r"relig|belief|faith", "religion or belief"),
    (r"marri|civil_?partner", "marriage and civil partnership"),
    (r"pregnan|maternity", "pregnancy and maternity"),
    (r"(^|_)(sex|gender)($|_)", "sex"),
    (r"(^|_)age($|_|band|group)", "age"),
)

METRIC_WORDS: dict[str, str] = {
    "selection_rate": "selection rate",
    "base_rate": "true rate of the outcome",
    "true_positive_rate": "true positive rate",
    "false_positive_rate": "false positive rate",
    "false_negative_rate": "false negative rate",
    "true_negative_rate": "true negative rate",
    "precision": "precision",
    "accuracy": "accuracy",
}

METRIC_MEANING: dict[str, str] = {
    "selection_rate": "the share of people the model picks out (predicts positive)",
    "base_rate": "the share of people for whom the outcome really happened, as recorded",
    "true_positive_rate": "of the people for whom the outcome really happened, the share the model "
    "picked out",
    "false_positive_rate": "of the people for whom the outcome did not happen, the share the model wrongly "
    "picked out",
    "false_negative_rate": "of the people for whom the outcome really happened, the share the model missed",
    "precision": "of the people the model picked out, the share for whom the outcome really happened",
    "accuracy": "the share of all people the model got right",
}


def guess_characteristic(column: str) -> str | None:
    """The Equality Act characteristic a column name suggests, or None.

    >>> guess_characteristic("tenant_ethnic_group_5")
    'race'
    >>> guess_characteristic("tenant_age_band")
    'age'
    >>> guess_characteristic("interpreter_needed") is None
    True
    """
    name = column.lower().replace(" ", "_").replace("-", "_")
    for pattern, characteristic in _PATTERNS:
        if re.search(pattern, name):
            return characteristic
    return None


def pp(difference: float) -> str:
    """A difference of two proportions in percentage points: ``pp(0.092) -> '9.2 percentage points'``."""
    return f"{abs(difference) * 100:.1f} percentage points"
