"""The bid checker: a thin, code-free front end over check_claims, lock_in_risks and scorecard.

``bid_view`` builds everything the widget shows (so it is tested without a browser); ``bid_checker``
only wires two controls to it.
"""

from __future__ import annotations

import html
from typing import Any

from labkit._report import Table
from labkit.suppliers._claims import readable_verdicts

__all__ = ["ALL_BIDS", "SOURCES", "bid_checker", "bid_view"]

ALL_BIDS = "all"
SOURCES = {
    "scores": "The scores the supplier returned",
    "model": "The supplier's model file",
}


def _check(tender: Any, slug: str, source: str, cache: dict) -> Any:
    from labkit.suppliers._claims import check_claims

    bid = tender.bids[slug]
    use_model = source == "model" and bid.model_path is not None
    key = (slug, "model" if use_model else "scores")
    if key not in cache:
        where = {"model": bid.model_path} if use_model else {"scores": bid.scores}
        cache[key] = check_claims(bid.claims, tender.local, **where, **tender.check_kwargs())
    return cache[key]


def _table(title: str, frame: Any) -> str:
    return Table(title, frame).to_html()


def _plain_gate(gate: Any) -> Any:
    return gate[["supplier", "standard", "result", "evidence"]].rename(
        columns={
            "supplier": "Supplier",
            "standard": "Minimum standard",
            "result": "Result",
            "evidence": "Evidence",
        }
    )


def bid_view(tender: Any, choice: str, source: str = "scores", cache: dict | None = None) -> str:
    """The HTML the bid checker shows for one bid (or for all bids) and one source of scores.

    Parameters
    ----------
    tender : Tender
        From :func:`load_tender`.
    choice : str
        A bid's slug, or ``"all"`` for the tender evaluation matrix.
    source : {"scores", "model"}
        Check claims from the scores the supplier returned, or from its model file.
    cache : dict, optional
        Results already worked out, reused.

    Examples
    --------
    >>> from labkit.suppliers import load_tender
    >>> from labkit.suppliers._widget import bid_view
    >>> "not supported" in bid_view(load_tender(), "tallowmere")
    True
    """
    from labkit.suppliers._lock_in import lock_in_risks
    from labkit.suppliers._questions import clarification_questions
    from labkit.suppliers._scorecard import scorecard

    cache = {} if cache is None else cache
    esc = html.escape
    if choice == ALL_BIDS:
        checks = {slug: _check(tender, slug, source, cache) for slug in tender.bids}
        card = scorecard(tender.bids, checks=checks)
        how = (
            "Claims checked from the scores each supplier returned."
            if source == "scores"
            else "Claims checked from each supplier's model file (from its scores where it gave no model)."
        )
        shown = card.matrix[
            ["supplier", "gate", "quality", "price_3yr", "quality_points", "price_points", "total"]
        ].copy()
        shown["gate"] = shown["gate"].map({"pass": "Passes", "fail": "Fails: not ranked"})
        shown["price_3yr"] = [f"£{p:,}" for p in shown["price_3yr"]]
        shown.columns = [
            "Supplier",
            "Minimum standards",
            "Quality (of 100)",
            "Price over 3 years",
            "Quality points",
            "Price points",
            "Total",
        ]
        return (
            f"<h3>Tender evaluation matrix</h3><p>{esc(card.summary)}</p><p>{esc(how)}</p>"
            + _table("Minimum standards, pass or fail, before any score", _plain_gate(card.gate))
            + _table(
                "Bids that pass, ranked by total; then bids that fail (quality out of 100, price in pounds "
                "over three years)",
                shown,
            )
        )
    bid = tender.bids[choice]
    parts = [f"<h3>{esc(bid.supplier)}: {esc(bid.product)}</h3>", f"<p>{esc(bid.summary)}</p>"]
    parts.append(
        f"<p>Delivers: {esc(bid.details.get('delivery', ''))}. Three-year price: £{bid.price:,.0f}.</p>"
    )
    if source == "model" and bid.model_path is None:
        parts.append(
            f"<p><strong>{esc(bid.supplier)} gives scores only: there is no model file to check.</strong> "
            "The claims below are checked from the scores it returned.</p>"
        )
    check = _check(tender, choice, source, cache)
    parts.append(f"<h4>Claims</h4><p>{esc(check.summary)}</p>")
    parts.append(_table("Each claim on the council's held-out repairs", readable_verdicts(check.verdicts)))
    if len(check.findings):
        items = "".join(f"<li>{esc(w)}</li>" for w in check.findings["what"])
        parts.append(f"<h4>Problems flagged</h4><ul>{items}</ul>")
    lock = lock_in_risks(bid)
    parts.append(f"<h4>Contract</h4><p>{esc(lock.summary)}</p>")
    terms = lock.risks[["title", "contract_says", "risk"]].rename(
        columns={"title": "Term", "contract_says": "What the contract says", "risk": "Lock-in risk"}
    )
    parts.append(_table("Contract terms against the lock-in checklist", terms))
    gate = scorecard([bid], checks={choice: check}).gate
    failed = gate[gate["result"] == "fail"]
    verdict = (
        "passes every minimum standard, so it goes on to be scored"
        if failed.empty
        else "fails a minimum standard, so it is not ranked, whatever its points"
    )
    parts.append(f"<h4>Minimum standards</h4><p>{esc(bid.supplier)} {verdict}.</p>")
    parts.append(_table("Minimum standards, pass or fail", _plain_gate(gate)))
    questions = clarification_questions(check, lock)
    if len(questions.questions):
        items = "".join(f"<li>{esc(q)}</li>" for q in questions.questions["question"])
        parts.append(f"<h4>Questions to send {esc(bid.supplier)}</h4><ol>{items}</ol>")
    return "".join(parts)


def bid_checker(tender: Any = None) -> Any:
    """A code-free bid checker: pick a bid and where its scores come from, and read what holds.

    Shows each claim's verdict on the council's held-out data, the problems flagged, the contract's
    lock-in risks and the questions to send; or, for all bids, the tender evaluation matrix.

    Parameters
    ----------
    tender : Tender, optional
        The sandbox tender by default.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> from labkit.suppliers import bid_checker
    >>> box = bid_checker()
    >>> "labkit-widget-bid-checker" in box._dom_classes
    True
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_widget
    from labkit.suppliers._tender import load_tender

    tender = load_tender() if tender is None else tender
    options = [("All bids: tender evaluation matrix", ALL_BIDS)] + [
        (f"{b.supplier} ({b.product})", slug) for slug, b in tender.bids.items()
    ]
    choose = w.Dropdown(
        options=options, value=next(iter(tender.bids)), description="Bid", layout=w.Layout(width="32rem")
    )
    source = w.RadioButtons(
        options=[(label, key) for key, label in SOURCES.items()],
        value="scores",
        description="Check claims from",
        style={"description_width": "initial"},
    )
    result = mark_output(w.HTML())
    cache: dict = {}

    def update(_: Any = None) -> None:
        body = bid_view(tender, choose.value, source.value, cache)
        result.value = f'<div class="labkit-bid-checker" role="status" aria-live="polite">{body}</div>'

    choose.observe(update, names="value")
    source.observe(update, names="value")
    update()
    return mark_widget(w.VBox([choose, source, result]), "bid_checker")
