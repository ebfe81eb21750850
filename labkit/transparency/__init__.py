"""Algorithmic Transparency Recording Standard (ATRS) records (``labkit.transparency``).

``atrs_record`` assembles a full ATRS v4.0 record (Summary Information and Tier 2) from what earlier
lessons produce (problem canvas, model card, fairness and EqIA evidence, supplier details) and the
service's own answers; ``check_record`` checks it against the standard's guidance, plain English and the
evidence it came from. Records save as HTML, Markdown, JSON and as CSV in the template's field layout.
v4.0 publishes no machine-readable field names, so JSON uses v3.0's where a field has one and says so.

>>> from labkit.transparency import ATRS_FIELDS
>>> len({f.section for f in ATRS_FIELDS})
9
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

_PUBLIC = {
    "JARGON": "_check",
    "RecordCheck": "_check",
    "check_record": "_check",
    "example_answers": "_example",
    "example_canvas": "_example",
    "ATRS_FIELDS": "_fields",
    "ATRS_SECTIONS": "_fields",
    "AtrsField": "_fields",
    "CANVAS_FIELDS": "_record",
    "PROJECT_CANVAS_FIELDS": "_record",
    "SUPPLIER_FIELDS": "_record",
    "AtrsRecord": "_record",
    "atrs_record": "_record",
    "load_record": "_record",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.transparency._check import JARGON, RecordCheck, check_record
    from labkit.transparency._example import example_answers, example_canvas
    from labkit.transparency._fields import ATRS_FIELDS, ATRS_SECTIONS, AtrsField
    from labkit.transparency._record import (
        CANVAS_FIELDS,
        PROJECT_CANVAS_FIELDS,
        SUPPLIER_FIELDS,
        AtrsRecord,
        atrs_record,
        load_record,
    )


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "ATRS_FIELDS",
    "ATRS_SECTIONS",
    "CANVAS_FIELDS",
    "JARGON",
    "PROJECT_CANVAS_FIELDS",
    "SUPPLIER_FIELDS",
    "AtrsField",
    "AtrsRecord",
    "RecordCheck",
    "atrs_record",
    "check_record",
    "example_answers",
    "example_canvas",
    "load_record",
]
