"""Evaluating a supplier's AI before you buy it (``labkit.suppliers``).

Read a supplier's claims (``read_claims``), check every one on your own held-out data from the supplier's
model or from the scores it returned (``check_claims``), load a model file safely (``load_model``: skops only,
never a pickle), check the contract for lock-in (``lock_in_risks``), score the bids in a tender evaluation
matrix (``scorecard``) and write the questions to send (``clarification_questions``). ``load_tender`` loads
the sandbox procurement, six fictional bids with planted flaws.

>>> from labkit.suppliers import lock_in_risks
>>> lock_in_risks({"renewal": "automatic"}).risks.set_index("term").loc["renewal", "risk"]
'yes'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module, loaded on first use so `labkit suppliers --help` stays quick.
_PUBLIC = {
    "FINDINGS": "_claims",
    "METRICS": "_claims",
    "Claim": "_claims",
    "Claims": "_claims",
    "ClaimsCheck": "_claims",
    "check_claims": "_claims",
    "read_claims": "_claims",
    "LOCK_IN_TERMS": "_lock_in",
    "LockInReport": "_lock_in",
    "LockInTerm": "_lock_in",
    "lock_in_risks": "_lock_in",
    "ModelInput": "_model",
    "SupplierModel": "_model",
    "load_model": "_model",
    "ClarificationQuestions": "_questions",
    "clarification_questions": "_questions",
    "CRITERIA": "_scorecard",
    "DISQUALIFYING_TERMS": "_scorecard",
    "GATE": "_scorecard",
    "Criterion": "_scorecard",
    "Scorecard": "_scorecard",
    "Standard": "_scorecard",
    "scorecard": "_scorecard",
    "Bid": "_tender",
    "Tender": "_tender",
    "load_bid": "_tender",
    "load_tender": "_tender",
    "bid_checker": "_widget",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.suppliers._claims import (
        FINDINGS,
        METRICS,
        Claim,
        Claims,
        ClaimsCheck,
        check_claims,
        read_claims,
    )
    from labkit.suppliers._lock_in import LOCK_IN_TERMS, LockInReport, LockInTerm, lock_in_risks
    from labkit.suppliers._model import ModelInput, SupplierModel, load_model
    from labkit.suppliers._questions import ClarificationQuestions, clarification_questions
    from labkit.suppliers._scorecard import (
        CRITERIA,
        DISQUALIFYING_TERMS,
        GATE,
        Criterion,
        Scorecard,
        Standard,
        scorecard,
    )
    from labkit.suppliers._tender import Bid, Tender, load_bid, load_tender
    from labkit.suppliers._widget import bid_checker


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "CRITERIA",
    "DISQUALIFYING_TERMS",
    "FINDINGS",
    "GATE",
    "LOCK_IN_TERMS",
    "METRICS",
    "Bid",
    "Claim",
    "Claims",
    "ClaimsCheck",
    "ClarificationQuestions",
    "Criterion",
    "LockInReport",
    "LockInTerm",
    "ModelInput",
    "Scorecard",
    "Standard",
    "SupplierModel",
    "Tender",
    "bid_checker",
    "check_claims",
    "clarification_questions",
    "load_bid",
    "load_model",
    "load_tender",
    "lock_in_risks",
    "read_claims",
    "scorecard",
]
