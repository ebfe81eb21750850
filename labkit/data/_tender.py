"""The tender sandbox: Northbrook buys a model that flags repairs at risk of missing their target.

Six fictional suppliers bid. Each bid is a folder under ``sandbox_data/northbrook/tender/bids/``:

- ``response.md``: the tender response a person reads (product, claims, price, support, contract);
- ``claims.yaml``: the same claims, machine-readable, as the supplier stated them;
- ``bid.yaml``: price, what the supplier offers against the council's minimum standards, and the
  contract terms;
- ``model.skops`` and ``model_schema.json``: the product as a model file in a safe format with its input
  schema (every supplier except the one that refuses model access);
- ``scores.csv``: the supplier's scores for the held-out sample the council sent.

The council keeps back its repairs of 2024-25 (``holdout_sample.csv`` is what it sent: the columns known
when the decision is made, without the outcome). Suppliers that used council data had the extract of
2021-22 to 2023-24. ``ground_truth.json`` records the flaw planted in each bid.

Everything is built from ``generate("housing_repairs", seed=0, ...)`` and fitted deterministically, so
``python -m labkit.data.rebuild`` writes the same bytes again. The suppliers, their products and people are
invented; no name is meant to be a real company.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

TENDER_DIR = "northbrook/tender"
HOLDOUT_YEAR = "2024-25"
VALIDATION_YEAR = "2023-24"
LABEL = "target_missed"
ID = "repair_id"
# What the council knows when it decides, and so sends to suppliers (no outcome, nothing recorded after it).
DECISION_COLUMNS = (
    "repair_id",
    "reported_at",
    "channel",
    "trade",
    "priority",
    "target_working_days",
    "hazard_flag",
    "no_access_visits",
    "imd_decile",
    "lsoa_code",
)
AFTER_OUTCOME = ("completed_at", "first_time_fix", "complaint_logged")
PROTECTED = ("tenant_ethnic_group_5", "tenant_sex", "tenant_disability")
TITLE = "Predicting housing repairs at risk of missing their target"


@dataclass(frozen=True)
class _Product:
    """How one supplier's model is made (the generator's recipe, not part of the bid)."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    boolean: tuple[str, ...] = ()
    training: str = "extract"  # "extract" (Northbrook 2021-24) or "eastmere"
    c: float = 1.0
    threshold: float = 0.5


@dataclass(frozen=True)
class _BidSpec:
    slug: str
    supplier: str
    product_name: str
    summary: str
    product: _Product
    claims: tuple[dict[str, Any], ...]
    offer: dict[str, Any]
    contract: dict[str, Any]
    price: dict[str, Any]
    support: str
    model_file: bool = True
    flaws: tuple[dict[str, Any], ...] = ()
    extra_text: str = ""
    inputs_note: dict[str, str] = field(default_factory=dict)


def _term(option: str, says: str) -> dict[str, str]:
    return {"option": option, "says": says}


_GOOD_CONTRACT = {
    "data_export": _term(
        "any_time_open_format",
        "Council data and every score can be exported at any time, as CSV, at no charge.",
    ),
    "audit_access": _term(
        "full",
        "The council or an auditor it appoints may inspect the model, its "
        "documentation and a summary of its training data.",
    ),
    "price_change": _term(
        "fixed_or_capped", "Fixed for the first term; rises after that capped at the Consumer Prices Index."
    ),
    "renewal": _term("council_option", "No automatic renewal: the council decides whether to extend."),
    "derived_data": _term(
        "council", "The council owns its data and anything derived from it, including scores."
    ),
    "exit_support": _term(
        "plan_and_handover", "An exit plan: the model file, its documentation and 60 days of handover help."
    ),
}

_FULL_OFFER = {
    "local_validation": _term(
        "model_and_scores", "A model file and scores for the council's held-out sample."
    ),
    "explainability": _term("per_case", "Reasons for each flag (the inputs that raised the score most)."),
    "transparency_record": _term("full", "Will supply what the council needs for an ATRS record."),
    "monitoring": _term(
        "agreed_measures",
        "Quarterly report of recall and precision on the council's outcomes, "
        "measures agreed with the council.",
    ),
    "equality_evidence": _term(
        "measured_by_group", "Flag rates by ethnic group, sex and disability on validation data."
    ),
    "data_protection": _term(
        "processor_contract_and_dpia",
        "A written contract as the council's processor under "
        "UK GDPR Article 28; helps with the council's DPIA.",
    ),
}


_HONEST_INPUTS = _Product(
    numeric=("no_access_visits",),
    categorical=("priority", "trade", "channel"),
    boolean=("hazard_flag",),
    threshold=0.3,
)
# The six bids, in the order the tender lists them.
BIDS: tuple[_BidSpec, ...] = (
    _BidSpec(
        slug="quillfield",
        supplier="Quillfield Analytics",
        product_name="RepairRisk",
        summary="A risk score for each open repair, built on the council's own extract, with reasons for "
        "each flag. Modest accuracy: it helps a supervisor decide which jobs to chase first.",
        product=_HONEST_INPUTS,
        claims=(
            {
                "id": "Q1",
                "metric": "roc_auc",
                "value": 0.63,  # honest and modest: what the statement says, below its validation
                "statement": "RepairRisk ranks a repair that will miss its "
                "target above one that will not about 63 times in 100 (ROC-AUC 0.63).",
            },
            {
                "id": "Q2",
                "metric": "recall",
                "threshold": 0.3,
                "statement": "At a score of 0.3 or more it "
                "flags about 45 in 100 of the repairs that go on to miss their target.",
            },
            {
                "id": "Q3",
                "metric": "precision",
                "threshold": 0.3,
                "value": 0.35,
                "statement": "About 35 in 100 of the repairs it flags at 0.3 go on to miss their target.",
            },
            {
                "id": "Q4",
                "metric": "selection_rate_ratio",
                "threshold": 0.3,
                "group": "tenant_ethnic_group_5",
                "value": 0.85,
                "statement": "Flag rates by ethnic group: the lowest is at least 0.85 of the highest.",
            },
            {
                "id": "Q5",
                "metric": "training_records",
                "statement": "Trained on the council's extract of about 10,000 repairs.",
            },
        ),
        offer=_FULL_OFFER,
        contract=_GOOD_CONTRACT,
        price={"year_1": 38000, "years_2_3": 36000, "pricing": "fixed annual licence"},
        support="Named analyst; office-hours help desk; two training sessions for supervisors.",
    ),
    _BidSpec(
        slug="brackenwick",
        supplier="Brackenwick AI",
        product_name="FixFirst",
        summary="An AI that predicts which repairs will miss their target, '74% accurate', with a "
        "dashboard for supervisors.",
        product=_Product(numeric=("target_working_days",), categorical=("channel",), c=0.01),
        claims=(
            {
                "id": "B1",
                "metric": "accuracy",
                "threshold": 0.5,
                "statement": "FixFirst is 74% accurate at predicting which repairs will miss their target.",
            },
            {
                "id": "B2",
                "metric": "training_records",
                "statement": "Trained on about 10,000 UK repair records.",
            },
            {
                "id": "B3",
                "metric": "hours_saved_per_week",
                "value": 10,
                "statement": "Saves each repairs supervisor 10 hours a week.",
            },
        ),
        offer={
            **_FULL_OFFER,
            "explainability": _term("global_only", "A dashboard of totals; no reasons for single cases."),
            "equality_evidence": _term("none", "None offered."),
        },
        contract=_GOOD_CONTRACT,
        price={"year_1": 24000, "years_2_3": 24000, "pricing": "fixed annual licence"},
        support="Email support within five working days.",
        flaws=(
            {
                "code": "accuracy_paradox",
                "claim": "B1",
                "what": "74% is about what you get by flagging no repair "
                "at all: about 73 in 100 repairs meet their target. At 0.5 the model flags almost "
                "nothing, so "
                "it finds almost none of the repairs that miss.",
            },
        ),
    ),
    _BidSpec(
        slug="tallowmere",
        supplier="Tallowmere Data Services",
        product_name="Foresight Repairs",
        summary="A proven model already used by another council, offered as a managed service: the "
        "supplier scores the council's repairs and returns the scores. The model stays with the "
        "supplier.",
        product=_Product(
            numeric=("no_access_visits", "target_working_days", "imd_decile"),
            categorical=("channel", "trade"),
            training="eastmere",
        ),
        claims=(
            {"id": "T1", "metric": "roc_auc", "statement": "Proven in live use: ROC-AUC 0.65."},
            {
                "id": "T2",
                "metric": "precision",
                "threshold": 0.5,
                "statement": "57 in 100 of the repairs it flags go on to miss their target.",
            },
            {
                "id": "T3",
                "metric": "training_records",
                "statement": "Trained on 7,500 repairs of a UK council.",
            },
        ),
        offer={
            **_FULL_OFFER,
            "local_validation": _term("scores_only", "Scores only: the model is not shared."),
            "explainability": _term("none", "None: the model is the supplier's intellectual property."),
            "transparency_record": _term("summary", "A summary only; no model details."),
        },
        contract={
            **_GOOD_CONTRACT,
            "audit_access": _term(
                "none",
                "No access to the model or its "
                "documentation, on commercial grounds; the supplier audits itself.",
            ),
        },
        price={"year_1": 52000, "years_2_3": 48000, "pricing": "fixed annual service charge"},
        support="Account manager; 24-hour help desk.",
        model_file=False,
        flaws=(
            {
                "code": "other_population",
                "claim": "T2",
                "what": "The numbers come from Eastmere, a rural "
                "council with older residents and longer repair targets. On Northbrook's repairs the "
                "precision claim does not hold.",
            },
            {
                "code": "lock_in",
                "term": "audit_access",
                "what": "No outside access to the model: the "
                "council cannot check it or explain its decisions.",
            },
        ),
    ),
    _BidSpec(
        slug="corvane",
        supplier="Corvane Predictive",
        product_name="JobSense",
        summary="A high-accuracy model that learns from each job's history, including complaints, "
        "with an impressive demonstration on the council's own extract.",
        product=_Product(
            numeric=("no_access_visits",),
            categorical=("priority", "trade"),
            boolean=("complaint_logged",),
        ),
        claims=(
            {
                "id": "C1",
                "metric": "roc_auc",
                "statement": "Demonstrated on your own data: ROC-AUC 0.72.",
            },
            {
                "id": "C2",
                "metric": "precision",
                "threshold": 0.5,
                "statement": "Three in four repairs it flags go on to miss their target.",
            },
            {
                "id": "C3",
                "metric": "training_records",
                "statement": "Trained on the council's extract of about 10,000 repairs.",
            },
        ),
        offer=_FULL_OFFER,
        contract=_GOOD_CONTRACT,
        price={"year_1": 45000, "years_2_3": 42000, "pricing": "fixed annual licence"},
        support="Named data scientist; office-hours help desk.",
        inputs_note={
            "complaint_logged": "Where your sample had no complaint flag we treated the repair "
            "as having no complaint."
        },
        flaws=(
            {
                "code": "leakage",
                "claim": "C1",
                "what": "The model uses complaint_logged, which is recorded "
                "after the outcome: tenants complain because a repair is late. In the demonstration the "
                "complaints were already there; when the council decides, they are not.",
            },
        ),
    ),
    _BidSpec(
        slug="haldor",
        supplier="Haldor Ridge Systems",
        product_name="FairFix",
        summary="A 'bias-free' model that never uses protected characteristics, tuned to each neighbourhood.",
        product=_Product(
            numeric=("no_access_visits",), categorical=("priority", "trade", "lsoa_code"), threshold=0.4
        ),
        claims=(
            {"id": "H1", "metric": "roc_auc", "statement": "ROC-AUC 0.63 on the council's extract."},
            {
                "id": "H2",
                "metric": "selection_rate_ratio",
                "threshold": 0.4,
                "group": "tenant_ethnic_group_5",
                "value": 0.9,
                "statement": "Bias-free: flag rates differ by less than 10% between ethnic "
                "groups (the lowest is at least 0.9 of the highest).",
            },
            {
                "id": "H3",
                "metric": "training_records",
                "statement": "Trained on the council's extract of about 10,000 repairs.",
            },
        ),
        offer={
            **_FULL_OFFER,
            "equality_evidence": _term(
                "statement_only", "A statement that the model uses no protected characteristics."
            ),
        },
        contract=_GOOD_CONTRACT,
        price={"year_1": 31000, "years_2_3": 31000, "pricing": "fixed annual licence"},
        support="Office-hours help desk.",
        flaws=(
            {
                "code": "proxy",
                "claim": "H2",
                "what": "The model uses the small area (lsoa_code), which goes "
                "with ethnic group in Northbrook. It flags repairs for some ethnic groups far more often "
                "than others, so the 'bias-free' claim does not hold.",
            },
        ),
    ),
    _BidSpec(
        slug="merrowgate",
        supplier="Merrowgate Cloud",
        product_name="RepairPulse",
        summary="A sound model at a low first-year price, delivered on the supplier's cloud platform.",
        product=_Product(
            numeric=("no_access_visits",),
            categorical=("priority", "trade", "channel"),
            boolean=("hazard_flag",),
            c=0.5,
            threshold=0.3,
        ),
        claims=(
            {"id": "M1", "metric": "roc_auc", "statement": "ROC-AUC 0.63 on the council's extract."},
            {
                "id": "M2",
                "metric": "recall",
                "threshold": 0.3,
                "statement": "Flags about 45 in 100 of the "
                "repairs that miss their target, at a score of 0.3.",
            },
            {
                "id": "M3",
                "metric": "training_records",
                "statement": "Trained on the council's extract of about 10,000 repairs.",
            },
        ),
        offer=_FULL_OFFER,
        contract={
            "data_export": _term("none", "Scores can be viewed on the platform; exports are not included."),
            "audit_access": _term("none", "No audit access to the model or the platform."),
            "price_change": _term(
                "per_seat_uncapped", "Per user seat; the supplier may change seat prices each year."
            ),
            "renewal": _term(
                "automatic",
                "Renews automatically for three years unless cancelled 12 months before the end.",
            ),
            "derived_data": _term(
                "supplier", "The supplier owns data derived from use of the platform, including scores."
            ),
            "exit_support": _term("none", "None: data is deleted 30 days after the contract ends."),
        },
        price={"year_1": 19000, "years_2_3": 34000, "pricing": "per user seat, 20 seats assumed"},
        support="Online help centre; chat support.",
        flaws=tuple(
            {"code": "lock_in", "term": term, "what": what}
            for term, what in (
                ("data_export", "No export of data or scores."),
                ("audit_access", "No audit access."),
                ("price_change", "Seat prices can rise each year without a cap."),
                ("renewal", "Automatic renewal with a long notice period."),
                ("derived_data", "The supplier owns derived data, including the scores."),
                ("exit_support", "No exit help; data deleted."),
            )
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------------
# Fitting the products


def _prepare(frame: pd.DataFrame, product: _Product) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for col in product.numeric:
        out[col] = frame[col].astype("float64")
    for col in product.categorical:
        out[col] = frame[col].astype(str).astype(object)
    for col in product.boolean:
        out[col] = frame[col].astype(bool).astype("int64")
    return out


def _pipeline(product: _Product) -> Any:
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    parts = []
    if product.categorical:
        parts.append((OneHotEncoder(handle_unknown="ignore"), list(product.categorical)))
    if product.numeric or product.boolean:
        parts.append((StandardScaler(), [*product.numeric, *product.boolean]))
    return make_pipeline(make_column_transformer(*parts), LogisticRegression(C=product.c, max_iter=1000))


def _schema(spec: _BidSpec, training: pd.DataFrame) -> dict[str, Any]:
    p = spec.product
    inputs: list[dict[str, Any]] = []
    for col in p.numeric:
        inputs.append({"name": col, "type": "number"})
    for col in p.categorical:
        inputs.append(
            {"name": col, "type": "category", "categories": sorted(training[col].astype(str).unique())}
        )
    for col in p.boolean:
        inputs.append({"name": col, "type": "boolean"})
    return {
        "supplier": spec.supplier,
        "product": spec.product_name,
        "outcome": LABEL,
        "score": "probability that the repair misses its target (0 to 1)",
        "id_column": ID,
        "inputs": inputs,
    }


def _share_equal_strings(obj: Any, seen: set[int] | None = None) -> Any:
    """Make every equal text in a fitted model one shared object (``sys.intern``), in place.

    skops writes a text it has seen before as a reference to it, so the file's structure follows which
    texts are the same object. That depends on how pandas stored the training columns: with pyarrow, the
    column names a model keeps are new objects, without it they are shared. Interning them all gives the
    same file either way.
    """
    import sys

    seen = set() if seen is None else seen
    if isinstance(obj, str):
        return sys.intern(str(obj))
    if id(obj) in seen or isinstance(obj, (int, float, bool, bytes, type(None))):
        return obj
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        if obj.dtype == object:
            for i, item in enumerate(obj.flat):
                obj.flat[i] = _share_equal_strings(item, seen)
        return obj
    if isinstance(obj, list):
        obj[:] = [_share_equal_strings(item, seen) for item in obj]
        return obj
    if isinstance(obj, tuple):
        return type(obj)(_share_equal_strings(item, seen) for item in obj) if type(obj) is tuple else obj
    if isinstance(obj, dict):
        items = [(_share_equal_strings(k, seen), _share_equal_strings(v, seen)) for k, v in obj.items()]
        obj.clear()
        obj.update(items)
        return obj
    if hasattr(obj, "__dict__") and type(obj).__module__.startswith("sklearn"):
        for key, value in list(vars(obj).items()):
            setattr(obj, key, _share_equal_strings(value, seen))
    return obj


def deterministic_skops(model: Any) -> bytes:
    """A skops file whose bytes depend only on the model: stable member names and time stamps.

    skops names each array file after a Python object id and stamps the current time, so two dumps of one
    model differ. Renaming the members in order of first mention and fixing the time stamps makes the sandbox
    reproducible; the file still loads with ``skops.io.load``.
    """
    import skops.io as sio

    _share_equal_strings(model)
    raw = zipfile.ZipFile(io.BytesIO(sio.dumps(model)))
    schema = json.loads(raw.read("schema.json").decode("utf-8"))
    # Object ids become numbers in order of first mention. Whether two equal strings or numbers share one
    # Python object differs between runs, so every plain JSON value gets an id of its own (they are
    # immutable, so sharing them never mattered); arrays and objects keep their sharing.
    ids: dict[Any, int] = {}
    files: dict[str, str] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(v) for v in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "__id__":
                fresh = ("json", len(ids)) if node.get("is_json") else value
                out[key] = ids.setdefault(fresh, len(ids) + 1)
            elif key == "file" and isinstance(value, str) and value.endswith(".npy"):
                out[key] = files.setdefault(value, f"{len(files):04d}.npy")
            else:
                out[key] = walk(value)
        return out

    new_schema = json.dumps(walk(schema), indent=2)
    order = sorted(files, key=lambda name: files[name])
    rename = files
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for old in order:
            info = zipfile.ZipInfo(rename[old], date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, raw.read(old))
        info = zipfile.ZipInfo("schema.json", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, new_schema)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------
# Claims as the suppliers state them


def _floor2(x: float) -> float:
    return float(np.floor(x * 100) / 100)


def _measure(metric: str, y: np.ndarray, s: np.ndarray, frame: pd.DataFrame, claim: dict) -> float:
    from sklearn.metrics import roc_auc_score

    if metric == "roc_auc":
        return float(roc_auc_score(y, s))
    flag = s >= claim["threshold"]
    tp = int((flag & y).sum())
    if metric == "accuracy":
        return float((flag == y).mean())
    if metric == "recall":
        return tp / int(y.sum())
    if metric == "precision":
        return tp / max(int(flag.sum()), 1)
    if metric == "selection_rate_ratio":
        rates = pd.Series(flag).groupby(frame[claim["group"]].to_numpy()).mean()
        return float(rates.min() / rates.max())
    raise KeyError(metric)


def _claims_yaml(spec: _BidSpec, validation: pd.DataFrame, s_val: np.ndarray, n_train: int) -> dict[str, Any]:
    own = "eastmere" if spec.product.training == "eastmere" else "northbrook"
    if own == "eastmere":
        population = {
            "council": "Eastmere",
            "description": f"Eastmere repairs, {HOLDOUT_YEAR} (the supplier's "
            "validation at the council that uses the product)",
        }
    else:
        population = {
            "council": "Northbrook",
            "description": f"Northbrook repairs, {VALIDATION_YEAR}, from the "
            "council's extract (the supplier's own validation)",
        }
    y = validation[LABEL].to_numpy(dtype=bool)
    claims = []
    for raw in spec.claims:
        claim = {k: v for k, v in raw.items() if k != "statement"}
        metric = claim["metric"]
        if metric == "training_records":
            claim["value"] = int(n_train)
        elif "value" not in claim:
            claim["value"] = _floor2(_measure(metric, y, s_val, validation, claim))
        if metric not in ("training_records", "hours_saved_per_week"):
            claim["population"] = population
        claim["statement"] = raw["statement"]
        claims.append(claim)
    inputs = [*spec.product.numeric, *spec.product.categorical, *spec.product.boolean]
    return {
        "supplier": spec.supplier,
        "product": spec.product_name,
        "outcome": LABEL,
        "score": "probability that the repair misses its target (0 to 1)",
        "inputs": inputs,
        "claims": claims,
    }


def _yaml(obj: Any) -> bytes:
    import yaml

    return yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=100).encode("utf-8")


def _money(x: float) -> str:
    return f"£{x:,.0f}"


def _response_md(spec: _BidSpec, claims: dict[str, Any]) -> str:
    price = spec.price
    total = price["year_1"] + 2 * price["years_2_3"]
    lines = [
        f"# Tender response: {spec.product_name}, from {spec.supplier}",
        "",
        f"To Northbrook Borough Council, for the tender *{TITLE}*. "
        f"{spec.supplier} is a fictional supplier made up for the labkit course.",
        "",
        "## What the product does",
        "",
        spec.summary,
        "",
        "## Our claims",
        "",
    ]
    for claim in claims["claims"]:
        where = claim.get("population", {}).get("description")
        lines.append(f"- {claim['statement']}" + (f" (Measured on: {where}.)" if where else ""))
    lines += [
        "",
        "## What the product uses",
        "",
        "Inputs: " + ", ".join(f"`{c}`" for c in claims["inputs"]) + ".",
    ]
    for col, note in spec.inputs_note.items():
        lines.append(f"`{col}`: {note}")
    delivery = (
        "A model file in the skops format with its input schema, and scores for the council's "
        "held-out sample."
        if spec.model_file
        else "Scores for the council's held-out sample only. The model itself is not shared."
    )
    lines += [
        "",
        "## How we deliver it",
        "",
        delivery,
        "",
        "## What we offer against the council's minimum standards",
        "",
    ]
    lines += [f"- {k.replace('_', ' ').capitalize()}: {v['says']}" for k, v in spec.offer.items()]
    lines += [
        "",
        "## Price",
        "",
        f"{_money(price['year_1'])} in year 1 and {_money(price['years_2_3'])} a year in years 2 and 3 "
        f"({price['pricing']}): {_money(total)} over three years.",
        "",
        "## Support",
        "",
        spec.support,
        "",
        "## Contract terms",
        "",
    ]
    lines += [f"- {k.replace('_', ' ').capitalize()}: {v['says']}" for k, v in spec.contract.items()]
    return "\n".join(lines) + "\n"


def _invitation_md(n_holdout: int, n_extract: int) -> str:
    return f"""# Invitation to tender: {TITLE}

Northbrook Borough Council (a fictional council) wants a tool that flags open housing repairs at risk of
missing their target, so that supervisors can act before a tenant waits too long. Damp and mould and other
hazards matter most: under Awaab's Law, in force for social landlords from 27 October 2025, emergency hazards
must be made safe within 24 hours and damp and mould investigated within 10 working days.

What the council gave bidders:

- an extract of {n_extract:,} repairs of the financial years 2021-22 to 2023-24, with their outcomes;
- a held-out sample of {n_holdout:,} repairs of the financial year 2024-25, with only what is
  known when a supervisor decides (`holdout_sample.csv`), to score and return.
  The council kept the outcomes back.

What the council asks of every bid (its minimum supplier standards): validation on the council's own data;
explanations a tenant or officer can understand; what the council needs for an Algorithmic Transparency
Recording Standard record; audit access; return of data and an exit plan; monitoring once live; equality
evidence; and a written contract as the council's processor under UK GDPR Article 28.

The procurement follows the competitive flexible procedure of the Procurement Act 2023, so bids can be tested
in stages. Award goes to the most advantageous tender: 70% quality and 30% price over three years.
"""


def _training_and_validation(
    spec: _BidSpec, extract: pd.DataFrame, eastmere: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The repairs a supplier trained its model on, and those it validated it on (its claims' population)."""
    if spec.product.training == "eastmere":
        return (
            eastmere[eastmere["financial_year"] != HOLDOUT_YEAR],
            eastmere[eastmere["financial_year"] == HOLDOUT_YEAR],
        )
    return (
        extract[extract["financial_year"] != VALIDATION_YEAR],
        extract[extract["financial_year"] == VALIDATION_YEAR],
    )


def _returned_scores(model: Any, product: _Product, holdout: pd.DataFrame) -> pd.DataFrame:
    """The scores a supplier returns for the held-out repairs, as scored when the council decides."""
    at_decision = holdout.copy()
    for col in AFTER_OUTCOME:
        if col in product.boolean:
            at_decision[col] = False  # not known when the supplier scored the sample
    return pd.DataFrame(
        {ID: holdout[ID], "score": np.round(model.predict_proba(_prepare(at_decision, product))[:, 1], 4)}
    )


def _sandbox_repairs() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Northbrook's and Eastmere's clean repairs of the sandbox (seed 0): the suppliers' training data."""
    from labkit.data._generate import generate

    northbrook = generate("housing_repairs", seed=0, council="northbrook", defects=None).clean
    eastmere = generate("housing_repairs", seed=0, council="eastmere", defects=None).clean
    return northbrook, eastmere


@functools.lru_cache(maxsize=1)
def _suppliers_models() -> dict[str, Any]:
    """Every supplier's model, fitted exactly as for the sandbox's bids (the same data, the same settings)."""
    northbrook, eastmere = _sandbox_repairs()
    extract = northbrook[northbrook["financial_year"] != HOLDOUT_YEAR].reset_index(drop=True)
    models = {}
    for spec in BIDS:
        train, _ = _training_and_validation(spec, extract, eastmere)
        models[spec.slug] = _pipeline(spec.product).fit(
            _prepare(train, spec.product), train[LABEL].astype(int)
        )
    return models


def _another_run_of_repairs(seed: int) -> pd.DataFrame:
    """Northbrook's clean repairs as another run of the same years: the sandbox's council, other events.

    The council (its small areas, homes and tenants) is the sandbox's, built from seed 0, as the suppliers
    knew it; the repairs reported, and whether each missed its target, are drawn again from ``seed``.
    """
    from labkit.data._councils import COUNCILS
    from labkit.data._generate import get_spec
    from labkit.data._population import population
    from labkit.data._registry import BuildContext
    from labkit.data._schema import coerce_clean

    spec = get_spec("housing_repairs")
    profile = COUNCILS["northbrook"]
    rows = spec.default_rows.get("northbrook", next(iter(spec.default_rows.values())))
    pop = population("northbrook", 0, max(1, -(-rows // spec.rows_per_population)))
    rng = np.random.default_rng([0, profile.code, spec.code, 2, seed])  # a stream of its own for each seed
    result = spec.build(BuildContext(rng=rng, profile=profile, population=pop, rows=rows, seed=0))
    return coerce_clean(result.clean.reset_index(drop=True), spec.fields)


def learner_holdout(seed: int) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """A learner's own held-out year, and each supplier's scores for it.

    The suppliers' products are the sandbox's (trained on seed 0's extract, or on Eastmere), and so is the
    council: its areas, homes and tenants. The repairs of the held-out year 2024-25 are another run of
    events drawn from ``seed``, so each learner checks the same bids on a held-out year of their own.

    Returns
    -------
    tuple of (pandas.DataFrame, dict of str to pandas.DataFrame)
        The council's clean repairs of every year (the held-out year is ``financial_year == "2024-25"``), and
        each bid's returned scores for the held-out year (``repair_id``, ``score``).
    """
    repairs = _another_run_of_repairs(seed)
    holdout = repairs[repairs["financial_year"] == HOLDOUT_YEAR].reset_index(drop=True)
    models = _suppliers_models()
    return repairs, {spec.slug: _returned_scores(models[spec.slug], spec.product, holdout) for spec in BIDS}


def tender_files() -> dict[str, bytes]:
    """Every file of the tender sandbox, by path relative to the sandbox folder."""
    northbrook, eastmere = _sandbox_repairs()
    holdout = northbrook[northbrook["financial_year"] == HOLDOUT_YEAR].reset_index(drop=True)
    extract = northbrook[northbrook["financial_year"] != HOLDOUT_YEAR].reset_index(drop=True)
    sample = holdout[list(DECISION_COLUMNS)].copy()
    files: dict[str, bytes] = {}
    sample_csv = sample.copy()
    sample_csv["reported_at"] = sample_csv["reported_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    files[f"{TENDER_DIR}/holdout_sample.csv"] = sample_csv.to_csv(index=False, lineterminator="\n").encode()
    files[f"{TENDER_DIR}/invitation.md"] = _invitation_md(len(holdout), len(extract)).encode("utf-8")
    truth: dict[str, Any] = {
        "synthetic": True,
        "notice": "Fictional suppliers, products and council. Every number comes from labkit's generators.",
        "title": TITLE,
        "dataset": "housing_repairs",
        "label": LABEL,
        "id_column": ID,
        "holdout": {"financial_year": HOLDOUT_YEAR, "rows": len(holdout)},
        "extract": {
            "financial_years": sorted(extract["financial_year"].unique().tolist()),
            "rows": len(extract),
        },
        "decision_columns": list(DECISION_COLUMNS),
        "after_outcome": list(AFTER_OUTCOME),
        "protected": list(PROTECTED),
        "bids": {},
    }
    for spec in BIDS:
        p = spec.product
        train, validation = _training_and_validation(spec, extract, eastmere)
        model = _pipeline(p).fit(_prepare(train, p), train[LABEL].astype(int))
        s_val = model.predict_proba(_prepare(validation, p))[:, 1]
        claims = _claims_yaml(spec, validation, s_val, len(train))
        scores = _returned_scores(model, p, holdout)
        base = f"{TENDER_DIR}/bids/{spec.slug}"
        files[f"{base}/claims.yaml"] = _yaml(claims)
        files[f"{base}/bid.yaml"] = _yaml(
            {
                "supplier": spec.supplier,
                "product": spec.product_name,
                "summary": spec.summary,
                "delivery": "model file and scores" if spec.model_file else "scores only",
                "price": {
                    **spec.price,
                    "three_year_total": spec.price["year_1"] + 2 * spec.price["years_2_3"],
                },
                "support": spec.support,
                "offer": spec.offer,
                "contract": spec.contract,
            }
        )
        files[f"{base}/response.md"] = _response_md(spec, claims).encode("utf-8")
        files[f"{base}/scores.csv"] = scores.to_csv(index=False, lineterminator="\n").encode()
        if spec.model_file:
            files[f"{base}/model.skops"] = deterministic_skops(model)
            files[f"{base}/model_schema.json"] = (json.dumps(_schema(spec, train), indent=2) + "\n").encode()
        truth["bids"][spec.slug] = {
            "supplier": spec.supplier,
            "product": spec.product_name,
            "honest": not spec.flaws,
            "trained_on": "Eastmere repairs 2021-22 to 2023-24"
            if p.training == "eastmere"
            else ("Northbrook extract, 2021-22 and 2022-23 (validated on 2023-24)"),
            "inputs": claims["inputs"],
            "threshold_used": p.threshold,
            "flaws": [dict(f) for f in spec.flaws],
        }
    files[f"{TENDER_DIR}/ground_truth.json"] = (
        json.dumps(truth, indent=2, ensure_ascii=False) + "\n"
    ).encode()
    return files


def tender_resources(files: dict[str, bytes]) -> list[dict[str, Any]]:
    """Data Package resources describing the tender's CSV and JSON files (Table Schemas for the CSVs)."""
    from dataclasses import replace

    from labkit.data._generate import get_spec
    from labkit.data._schema import Field, table_schema

    fields = {f.name: f for f in get_spec("housing_repairs").fields}
    sample_fields = tuple(replace(fields[c], required=True) for c in DECISION_COLUMNS)
    score_fields = (
        replace(fields[ID], required=True),
        Field(
            "score",
            "number",
            "The supplier's score: the probability that the repair misses its target.",
            minimum=0,
            maximum=1,
            role="feature",
        ),
    )
    dialect = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}
    out: list[dict[str, Any]] = []
    for path in sorted(files):
        if not path.startswith(TENDER_DIR) or not path.endswith((".csv", ".json")):
            continue
        parts = path[len(TENDER_DIR) + 1 :].split("/")
        name = "northbrook-tender-" + "-".join(p.rsplit(".", 1)[0] for p in parts).replace("_", "-")
        res: dict[str, Any] = {"name": name, "path": path, "labkit:tender": True}
        if path.endswith(".json"):
            res.update(format="json", mediatype="application/json", encoding="utf-8")
            res["title"] = "Tender: " + (
                "planted flaws of every bid"
                if parts[-1] == "ground_truth.json"
                else f"input schema of {parts[1]}'s model"
            )
        else:
            sample = parts[-1] == "holdout_sample.csv"
            res.update(
                title="Tender: the held-out sample sent to suppliers"
                if sample
                else f"Tender: {parts[1]}'s scores for the held-out sample",
                profile="tabular-data-resource",
                format="csv",
                mediatype="text/csv",
                encoding="utf-8",
                dialect=dialect,
                schema=table_schema(sample_fields if sample else score_fields, ID),
            )
        out.append(res)
    return out
