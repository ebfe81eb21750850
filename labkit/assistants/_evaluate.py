"""``evaluate_assistant``: run a test set against a product and report what the automatic checks find.

The run asks every question in turn, writes each reply to the ``resume`` file as it arrives (so nothing
is lost if the run stops, and a second run carries on from there), judges each answer
(:mod:`labkit.assistants._checks`) and sums the verdicts into an :class:`AssistantReport`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report
from labkit._text import listing, pct
from labkit.assistants._ask import Reply, as_asker
from labkit.assistants._checks import OUTCOMES, Grounder, judge
from labkit.assistants._material import TestSet, load_test_set

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CHECKS", "AssistantReport", "Price", "evaluate_assistant"]

# Each check of the report: code -> (name, what a problem means).
CHECKS = {
    "facts": ("Facts", "fact questions answered with wrong or missing facts, or not answered"),
    "superseded": ("Superseded pages", "answers with facts found only on superseded pages"),
    "made_up": ("Made-up facts", "answers with facts that are on none of the pages"),
    "signposting": ("Signposting", "disclosures not signposted to the right contact"),
    "declining": ("Declining", "questions the pages do not answer that were not declined"),
    "equal_service": ("Equal service", "ways of writing served worse than the best (intervals apart)"),
    "consistency": ("Consistency", "topics whose paraphrases got different facts"),
    "red_team": ("Red team", "red-team prompts that succeeded"),
    "no_answer": ("No answer", "questions the product gave no answer to"),
}
_ANSWERABLE = ("fact", "signpost")


@dataclass(frozen=True)
class Price:
    """What a product costs to run, to estimate the cost per 1,000 questions.

    Parameters
    ----------
    per_1000_input_tokens, per_1000_output_tokens : float
        The supplier's price per 1,000 tokens of question and of answer, in pounds.
    per_question : float, default 0
        A fixed price per question, if the supplier charges one.

    Notes
    -----
    Where the product does not report the tokens it used, labkit estimates them as one token per four
    characters (an assumption, not a measurement: ask the supplier for real counts); the report says so.

    Examples
    --------
    >>> Price(0.5, 1.5).cost(tokens_in=100, tokens_out=200)
    0.35
    """

    per_1000_input_tokens: float = 0.0
    per_1000_output_tokens: float = 0.0
    per_question: float = 0.0

    def __post_init__(self) -> None:
        for name in ("per_1000_input_tokens", "per_1000_output_tokens", "per_question"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise LabkitError(
                    f"{name} must be a price in pounds, 0 or more, not {value!r}.",
                    where=f"Price({name}=...)",
                    fix="Give the supplier's price, for example Price(per_1000_input_tokens=0.5).",
                )

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        """The cost of one question with these tokens, in pounds."""
        return round(
            self.per_question
            + tokens_in / 1000 * self.per_1000_input_tokens
            + tokens_out / 1000 * self.per_1000_output_tokens,
            6,
        )


# -- the run: ask each question, keeping every reply in the resume file -----------------------------------
def _read_resume(path: Path, test_set: TestSet, product: str) -> dict[str, Reply]:
    if not path.exists():
        return {}
    questions = dict(zip(test_set.questions["question_id"], test_set.questions["question"], strict=True))
    done: dict[str, Reply] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            if number == len(lines):  # the last line of a run that stopped while writing it
                break
            raise LabkitError(
                f"Line {number} of the results file is not a saved answer.",
                where=f"file {path.as_posix()!r}",
                fix="Use a new file name for resume=, or delete this file to start the run again.",
            ) from None
        if rec.get("product") != product:
            raise LabkitError(
                f"The results file holds answers from {rec.get('product')!r}, not {product!r}.",
                where=f"file {path.as_posix()!r}",
                fix="Give each product its own results file, for example resume='results-clearpath.jsonl'.",
            )
        if questions.get(rec.get("question_id")) == rec.get("question"):
            done[rec["question_id"]] = Reply(
                rec.get("text"),
                rec.get("reason", ""),
                float(rec.get("latency_s", 0.0)),
                bool(rec.get("simulated", False)),
                rec.get("tokens_in"),
                rec.get("tokens_out"),
            )
    return done


def _run(
    asker: Callable[[str], Reply],
    test_set: TestSet,
    product: str,
    resume: Path | None,
    progress: Callable[[int, int], None] | None,
) -> tuple[list[Reply], int]:
    done = _read_resume(resume, test_set, product) if resume else {}
    out = None
    if resume:
        resume.parent.mkdir(parents=True, exist_ok=True)
        out = resume.open("a", encoding="utf-8")
    replies = []
    try:
        total = len(test_set.questions)
        for i, (qid, question) in enumerate(
            zip(test_set.questions["question_id"], test_set.questions["question"], strict=True)
        ):
            reply = done.get(qid)
            if reply is None:
                reply = asker(question)
                if out is not None:
                    rec = {"product": product, "question_id": qid, "question": question, **reply.__dict__}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    out.flush()
            replies.append(reply)
            if progress:
                progress(i + 1, total)
    finally:
        if out is not None:
            out.close()
    return replies, len(done)


# -- the sums ---------------------------------------------------------------------------------------------
def _by_group(results: pd.DataFrame, confidence: float) -> pd.DataFrame:
    import pandas as pd

    from labkit._stats import wilson_interval

    answerable = results[results["kind"].isin(_ANSWERABLE)]
    g = answerable.groupby("group", sort=False)["passed"].agg(["size", "sum"]).reset_index()
    g.columns = ["group", "questions", "passed"]
    low, high = wilson_interval(g["passed"].to_numpy(), g["questions"].to_numpy(), confidence)
    g["pass_rate"] = g["passed"] / g["questions"]
    g["low"], g["high"] = low, high
    return pd.DataFrame(g).reset_index(drop=True)


def _unequal(by_group: pd.DataFrame) -> tuple[int, str]:
    """How many ways of writing were served worse than the best (intervals apart), and which."""
    groups = by_group[by_group["questions"] >= 10]
    if len(groups) < 2:
        return 0, "too few questions per way of writing to compare (10 or more each are needed)"
    best = groups.loc[groups["pass_rate"].idxmax()]
    worse = groups[groups["high"] < best["low"]]
    if worse.empty:
        return 0, ""
    from labkit.assistants._material import WAYS_OF_WRITING

    def way(group: str) -> str:  # "with typing errors", "non-native English": words inside a sentence
        name = WAYS_OF_WRITING.get(group, group)
        return name[:1].lower() + name[1:]

    names = listing([f"{way(r.group)} ({pct(r.pass_rate, 0)})" for r in worse.itertuples()])
    return len(worse), f"{names} served worse than {way(best['group'])} ({pct(best['pass_rate'], 0)})"


def _grounding(results: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows = [
        {"question_id": qid, "statement": statement, "status": status, "passage_id": passage}
        for qid, traces in zip(results["question_id"], results["traces"], strict=True)
        for statement, status, passage in traces
    ]
    return pd.DataFrame(rows, columns=["question_id", "statement", "status", "passage_id"])


def _consistency(results: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from labkit.assistants._facts import fact_keys

    rows = []
    for topic, part in results[results["kind"].isin(_ANSWERABLE)].groupby("topic", sort=False):
        if len(part) < 2:
            continue
        answers = {frozenset(fact_keys(a)) for a in part["answer"]}
        rows.append({"topic": topic, "questions": len(part), "different_answers": len(answers)})
    frame = pd.DataFrame(rows, columns=["topic", "questions", "different_answers"])
    frame["consistent"] = frame["different_answers"] == 1
    return frame


def _latency(results: pd.DataFrame) -> dict[str, Any]:
    import numpy as np

    lat = results.loc[results["answered"], "latency_s"].to_numpy(dtype=float)
    simulated = bool(results["latency_simulated"].all()) if len(results) else False
    if not len(lat):
        return {"median_s": None, "p95_s": None, "max_s": None, "simulated": simulated}
    return {
        "median_s": round(float(np.median(lat)), 3),
        "p95_s": round(float(np.percentile(lat, 95)), 3),
        "max_s": round(float(lat.max()), 3),
        "simulated": simulated,
    }


def _cost(results: pd.DataFrame, price: Price | None) -> dict[str, Any]:
    estimated = bool(results["tokens_in"].isna().any() or results["tokens_out"].isna().any())
    tin = [
        int(t) if t == t and t is not None else math.ceil(len(q) / 4)
        for t, q in zip(results["tokens_in"], results["question"], strict=True)
    ]
    tout = [
        int(t) if t == t and t is not None else math.ceil(len(a) / 4)
        for t, a in zip(results["tokens_out"], results["answer"], strict=True)
    ]
    out: dict[str, Any] = {"tokens_estimated": estimated, "price": None, "per_1000_questions": None}
    out["mean_tokens_in"] = round(sum(tin) / max(1, len(tin)), 1)
    out["mean_tokens_out"] = round(sum(tout) / max(1, len(tout)), 1)
    if price is not None and tin:
        per_q = [price.cost(a, b) for a, b in zip(tin, tout, strict=True)]
        out["price"] = price.__dict__.copy()
        out["per_1000_questions"] = round(1000 * sum(per_q) / len(per_q), 2)
    return out


def _first(ids: list[str], most: int = 8) -> str:
    """``'Q1, Q2 and Q3'``, or the first ``most`` and how many more."""
    if len(ids) <= most:
        return listing(ids)
    return f"{', '.join(ids[:most])} and {len(ids) - most} more"


def _findings(results: pd.DataFrame, by_group: pd.DataFrame, consistency: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    kind = results["kind"]
    unequal, unequal_detail = _unequal(by_group)
    counts = {
        "facts": ((kind == "fact") & ~results["passed"], kind == "fact"),
        "superseded": (results["superseded"] > 0, kind.isin(["fact", "signpost", "decline", "red_team"])),
        "made_up": (results["not_found"] > 0, kind.isin(["fact", "signpost", "decline", "red_team"])),
        "signposting": ((kind == "signpost") & ~results["passed"], kind == "signpost"),
        "declining": ((kind == "decline") & ~results["passed"], kind == "decline"),
        "red_team": ((kind == "red_team") & ~results["passed"] & results["answered"], kind == "red_team"),
        "no_answer": (~results["answered"], kind == kind),
    }
    rows = []
    for code, (name, meaning) in CHECKS.items():
        if code == "equal_service":
            found, of, flagged, detail = unequal, len(by_group), unequal > 0, unequal_detail
        elif code == "consistency":
            found, of = int((~consistency["consistent"]).sum()), len(consistency)
            flagged = found > 0
            detail = _first(list(consistency.loc[~consistency["consistent"], "topic"]))
        else:
            bad, scope = counts[code]
            found, of, flagged = int(bad.sum()), int(scope.sum()), bool(bad.any())
            detail = (
                _first(list(results.loc[bad, "question_id"])) if of else "no such questions in the test set"
            )
        rows.append(
            {"check": code, "name": name, "problem": meaning, "found": found, "of": of, "flagged": flagged,
             "detail": detail}
        )  # fmt: skip
    return pd.DataFrame(rows)


# -- the report -------------------------------------------------------------------------------------------
class AssistantReport(Report):
    """What the automatic checks found when a test set was run against a product.

    Attributes
    ----------
    product : str
        The product's name (or address).
    results : pandas.DataFrame
        One row per question: the question, the answer (or ``no_answer_reason``), ``outcome`` and
        ``passed``, the ``reason``, statements traced to current pages (``grounded``), to superseded pages
        (``superseded``) or to none (``not_found``), latency and tokens.
    findings : pandas.DataFrame
        One row per check (``CHECKS``): how many problems it found, of how many, and ``flagged``.
    flagged : list of str
        The codes of the checks that found a problem, for example ``["superseded", "facts"]``.
    by_group : pandas.DataFrame
        Pass rate of fact and signposting questions by way of writing, with Wilson intervals.
    grounding : pandas.DataFrame
        One row per statement of an answer (refusals and short courtesies left out): ``question_id``,
        ``statement``, ``status`` ("current", "superseded", "not found": a statement with facts no passage
        holds, or "not traced": one without facts sharing too few words with any passage) and the
        ``passage_id`` it was traced to.
    consistency : pandas.DataFrame
        For each topic asked in several ways, how many different sets of facts the answers gave.
    latency : dict
        Median, 95th percentile and maximum in seconds, and whether they are a simulated product's.
    cost : dict
        Tokens per question and, at the stated price, the cost per 1,000 questions in pounds.
    """

    kind = "AssistantReport"

    def __init__(self, product: str, results: pd.DataFrame, *, price: Price | None, confidence: float,
                 resumed: int = 0) -> None:  # fmt: skip
        self.product = product
        self.results = results
        self.grounding = _grounding(results)
        self.by_group = _by_group(results, confidence)
        self.consistency = _consistency(results)
        self.findings = _findings(results, self.by_group, self.consistency)
        self.flagged = list(self.findings.loc[self.findings["flagged"], "check"])
        self.latency = _latency(results)
        self.cost = _cost(results, price)
        self.confidence = confidence
        self.resumed = resumed
        from labkit.assistants._report_text import report_sections, report_summary

        super().__init__(
            f"Assistant test: {product}",
            report_summary(self),
            report_sections(self),
            frame=self.findings[["name", "found", "of", "flagged", "detail"]],
        )

    def _extra_dict(self) -> dict[str, Any]:
        cols = [c for c in self.results.columns if c != "traces"]
        return {
            "product": self.product,
            "flagged": self.flagged,
            "latency": self.latency,
            "cost": self.cost,
            "results": self.results[cols].to_dict(orient="records"),
        }


def evaluate_assistant(
    ask: Any,
    test_set: TestSet | str | Path | pd.DataFrame | None = None,
    *,
    name: str | None = None,
    price: Price | None = None,
    timeout: float = 30.0,
    resume: str | Path | None = None,
    confidence: float = 0.95,
    progress: Callable[[int, int], None] | None = None,
) -> AssistantReport:
    """Run a test set against a product and check every answer automatically.

    Parameters
    ----------
    ask : callable or str
        The product: a simulated one (``get_product("clearpath")``), any function that takes a question
        and returns the answer, or the web address of an OpenAI-compatible chat-completions endpoint
        (``"http://127.0.0.1:8765/v1/chat/completions"``, see :class:`HTTPAssistant`).
    test_set : TestSet, path or DataFrame, optional
        The questions (default: the sandbox test set). A path or DataFrame is read with
        :func:`load_test_set`.
    name : str, optional
        The product's name in the report (default: its ``name``, or the address).
    price : Price, optional
        The supplier's price, for the cost per 1,000 questions.
    timeout : float, default 30
        Seconds to wait for each answer from a web address.
    resume : path, optional
        A file (JSON lines) that keeps every reply as it arrives. If the run stops, run again with the same
        file: questions already answered are not asked again.
    confidence : float, default 0.95
        The level of the intervals of the results by way of writing.
    progress : callable, optional
        Called as ``progress(done, total)`` after each question.

    Returns
    -------
    AssistantReport

    Examples
    --------
    >>> from labkit.assistants import get_product
    >>> report = evaluate_assistant(get_product("staleleaf"))
    >>> report.flagged
    ['facts', 'superseded']
    >>> evaluate_assistant(get_product("clearpath")).flagged
    []
    """
    if not isinstance(test_set, TestSet):
        test_set = load_test_set(test_set)
    if len(test_set) == 0:
        raise LabkitError("The test set has no questions.", where="parameter test_set", fix="Add questions.")
    if price is not None and not isinstance(price, Price):
        raise LabkitError(
            f"price must be a Price, not {type(price).__name__}.",
            where="parameter price",
            fix="Use for example price=Price(per_1000_input_tokens=0.5, per_1000_output_tokens=1.5).",
        )
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise LabkitError(
            f"confidence must be a number between 0 and 1, not {confidence!r}.",
            where="parameter confidence",
            fix="Use for example confidence=0.95 for 95% intervals.",
        )
    asker, default_name = as_asker(ask, timeout=timeout)
    product = name or default_name
    replies, resumed = _run(asker, test_set, product, Path(resume) if resume else None, progress)
    grounder = Grounder(test_set.pages)
    import pandas as pd

    rows = [
        judge(q, r, grounder) for q, r in zip(test_set.questions.to_dict("records"), replies, strict=True)
    ]
    results = pd.DataFrame(rows)
    results["outcome_text"] = results["outcome"].map(OUTCOMES)
    return AssistantReport(product, results, price=price, confidence=confidence, resumed=resumed)
