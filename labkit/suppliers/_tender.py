"""The sandbox tender: Northbrook's procurement of a repairs-risk model, with six fictional bids."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError

__all__ = ["Bid", "Tender", "load_bid", "load_tender"]


@dataclass
class Bid:
    """One supplier's bid: its folder, what it says, its claims, contract terms and product.

    Attributes
    ----------
    slug : str
        Short name of the bid (its folder name).
    folder : pathlib.Path
    supplier, product, summary : str
    details : dict
        Everything in ``bid.yaml``: price, support, ``offer``
        (against the minimum standards) and ``contract``.
    claims : Claims
        The claims file, read and checked.
    returned : pandas.DataFrame, optional
        The scores the supplier returned for a learner's own held-out sample (see :func:`load_tender`);
        None for the sandbox's sample, whose scores are in ``scores.csv``.
    """

    slug: str
    folder: Path
    supplier: str
    product: str
    summary: str
    details: dict[str, Any]
    claims: Any
    returned: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def contract(self) -> dict[str, Any]:
        """The contract terms (term -> option and what the contract says)."""
        return dict(self.details.get("contract", {}))

    @property
    def offer(self) -> dict[str, Any]:
        """What the bid offers against the council's minimum standards."""
        return dict(self.details.get("offer", {}))

    @property
    def price(self) -> float:
        """The price over three years, in pounds."""
        return float(self.details.get("price", {}).get("three_year_total", float("nan")))

    @property
    def response(self) -> str:
        """The tender response as the supplier wrote it (Markdown)."""
        return (self.folder / "response.md").read_text(encoding="utf-8")

    @property
    def model_path(self) -> Path | None:
        """The skops model file, or None when the supplier gives scores only."""
        path = self.folder / "model.skops"
        return path if path.is_file() else None

    @property
    def scores_path(self) -> Path:
        """The file of scores the supplier returned for the sandbox's held-out sample."""
        if self.returned is not None:
            raise LabkitError(
                f"{self.supplier}'s scores for your own held-out sample are not in a file.",
                where=f"bid {self.slug!r}, scores_path",
                fix="Use bid.scores (a table of repair_id and score), for example "
                "check_claims(..., scores=bid.scores).",
            )
        return self.folder / "scores.csv"

    @property
    def scores(self) -> pd.DataFrame:
        """The scores the supplier returned for the held-out sample: one row per case, ID and score."""
        if self.returned is not None:
            return self.returned.copy()
        return pd.read_csv(self.folder / "scores.csv")

    def load_model(self) -> Any:
        """Load the supplier's model safely (see :func:`labkit.suppliers.load_model`)."""
        from labkit.suppliers._model import load_model

        if self.model_path is None:
            raise LabkitError(
                f"{self.supplier} gave scores only, not a model file.",
                where=f"bid {self.slug!r}",
                fix="Check its claims from the scores it returned: check_claims(..., "
                "scores=bid.scores_path).",
            )
        return load_model(self.model_path)

    def _repr_markdown_(self) -> str:
        return self.response


def load_bid(folder: str | Path) -> Bid:
    """Read a bid from its folder (``bid.yaml``, ``claims.yaml``, and optionally the model and scores).

    Examples
    --------
    >>> from labkit.suppliers import load_bid, load_tender
    >>> load_bid(load_tender().bids["merrowgate"].folder).supplier
    'Merrowgate Cloud'
    """
    import yaml

    from labkit.suppliers._claims import read_claims

    folder = Path(folder)
    where = f"folder {str(folder)!r}"
    if not (folder / "bid.yaml").is_file():
        raise LabkitError(
            "This folder has no bid.yaml.",
            where=where,
            fix="A bid folder holds bid.yaml (price, offer, contract) and claims.yaml; see "
            "docs/suppliers.md.",
        )
    try:
        details = yaml.safe_load((folder / "bid.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LabkitError(
            f"bid.yaml is not readable YAML: {exc}.", where=where, fix="Check its indentation."
        ) from exc
    if not isinstance(details, dict):
        raise LabkitError("bid.yaml must hold a set of fields.", where=where, fix="See docs/suppliers.md.")
    return Bid(
        slug=folder.name,
        folder=folder,
        supplier=str(details.get("supplier", folder.name)),
        product=str(details.get("product", "")),
        summary=str(details.get("summary", "")),
        details=details,
        claims=read_claims(folder / "claims.yaml"),
    )


@dataclass
class Tender:
    """The sandbox procurement: what the council sent, what it kept back, and the bids.

    Attributes
    ----------
    title : str
    folder : pathlib.Path
    sample : pandas.DataFrame
        The held-out sample sent to suppliers: only what is known at the time of decision, no outcome.
    local : pandas.DataFrame
        The same cases as the council holds them: with the outcome (``label``) and protected characteristics.
    records : pandas.DataFrame
        All the council's repairs of the four years (clean), to look for proxies in.
    label, id_column : str
    after_outcome, protected : list of str
        Columns recorded after the outcome, and protected characteristics, from the council's data standard.
    bids : dict of str to Bid
    ground_truth : dict
        The planted flaw of each bid (for trainers and tests).
    seed : int
        0 for the sandbox's held-out year (the one the lesson shows); another number for a learner's own.
    """

    title: str
    folder: Path
    sample: pd.DataFrame
    local: pd.DataFrame
    records: pd.DataFrame
    label: str
    id_column: str
    after_outcome: list[str]
    protected: list[str]
    bids: dict[str, Bid] = field(default_factory=dict)
    ground_truth: dict[str, Any] = field(default_factory=dict)
    seed: int = 0

    @property
    def invitation(self) -> str:
        """The invitation to tender (Markdown)."""
        return (self.folder / "invitation.md").read_text(encoding="utf-8")

    def check_kwargs(self) -> dict[str, Any]:
        """The settings of :func:`check_claims` that come from the council's side of this tender."""
        return {
            "label": self.label,
            "id_column": self.id_column,
            "council": "Northbrook",
            "after_outcome": list(self.after_outcome),
            "protected": list(self.protected),
            "records": self.records,
        }


def load_tender(seed: int | None = None) -> Tender:
    """Load the sandbox tender (each file checked against the sandbox manifest).

    Parameters
    ----------
    seed : int, optional
        Leave out (or 0) for the sandbox's held-out year, the one the lesson shows. Another seed gives a
        learner's own held-out year of Northbrook's repairs, made by the same generator, with each
        supplier's scores for it from the same products: the same bids, claims and planted flaws, checked
        on different local data. The exercises use the learner's seed, so the lesson's numbers do not
        answer them.

    Examples
    --------
    >>> from labkit.suppliers import load_tender
    >>> tender = load_tender()
    >>> sorted(tender.bids)
    ['brackenwick', 'corvane', 'haldor', 'merrowgate', 'quillfield', 'tallowmere']
    >>> len(tender.sample) == len(tender.local)
    True
    >>> own = load_tender(seed=7)
    >>> own.seed, len(own.local) != len(tender.local)
    (7, True)
    """
    from labkit.data import load
    from labkit.data._sandbox import checked_path, read_manifest, sandbox_dir
    from labkit.data._tender import TENDER_DIR

    truth = json.loads(checked_path(f"{TENDER_DIR}/ground_truth.json").read_text(encoding="utf-8"))
    for rel in read_manifest(sandbox_dir()):
        if rel.startswith(TENDER_DIR + "/"):
            checked_path(rel)
    folder = sandbox_dir() / TENDER_DIR
    sample = pd.read_csv(folder / "holdout_sample.csv", parse_dates=["reported_at"])
    clean = load(truth["dataset"], clean=True)
    local = clean.set_index(truth["id_column"]).loc[sample[truth["id_column"]]].reset_index()
    bids = {slug: load_bid(folder / "bids" / slug) for slug in truth["bids"]}
    seed = _check_seed(seed)
    records = clean
    if seed:
        sample, local, records, bids, truth = _learners_own(seed, truth, bids)
    return Tender(
        title=truth["title"],
        folder=folder,
        sample=sample,
        local=local,
        records=records,
        label=truth["label"],
        id_column=truth["id_column"],
        after_outcome=list(truth["after_outcome"]),
        protected=list(truth["protected"]),
        bids=bids,
        ground_truth=truth,
        seed=seed,
    )


def _check_seed(seed: Any) -> int:
    if seed is None:
        return 0
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise LabkitError(
            f"seed must be a whole number, 0 or more, not {seed!r}.",
            where="parameter seed",
            fix="Leave it out for the lesson's tender, or give your own seed (as your exercises show it).",
        )
    return int(seed)


def _learners_own(
    seed: int, truth: dict[str, Any], bids: dict[str, Bid]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Bid], dict[str, Any]]:
    """A learner's own held-out year: the sample sent, the council's copy, all its records, and the bids."""
    from dataclasses import replace

    from labkit.data._tender import learner_holdout

    records, scores = learner_holdout(seed)
    local = records[records["financial_year"] == truth["holdout"]["financial_year"]].reset_index(drop=True)
    sample = local[list(truth["decision_columns"])].copy()
    own = {slug: replace(bid, returned=scores[slug]) for slug, bid in bids.items()}
    truth = {**truth, "holdout": {**truth["holdout"], "rows": len(local), "seed": seed}}
    return sample, local, records, own, truth
