"""Human review of a sample of answers, and how far the reviewers agree with the automatic checks.

Automatic checks miss things, and people rubber-stamp what a machine shows them (automation bias:
Parasuraman and Manzey, Human Factors 52(3), 2010). So the sample for review is drawn from every kind of
question and every automatic verdict (stratified), the file a reviewer marks does **not** show the
automatic verdict, and agreement is reported with Cohen's kappa (agreement beyond chance) beside the raw
share of answers where both agree, with the counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, num, pct, plural

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


__all__ = ["MARKS", "ReviewAgreement", "import_review", "review_sample"]

MARKS = ("acceptable", "not acceptable")
SAMPLE_COLUMNS = ("question_id", "kind", "group", "question", "reference_answer", "answer", "mark", "note")


def _results(source: Any, param: str) -> pd.DataFrame:
    import pandas as pd

    from labkit.assistants._evaluate import AssistantReport

    if isinstance(source, AssistantReport):
        return source.results
    if isinstance(source, pd.DataFrame):
        frame = source
    elif isinstance(source, (str, Path)):
        from labkit._csv import read_csv

        frame = read_csv(source, param=param)
    else:
        raise LabkitError(
            f"{param} must be an AssistantReport, its results table or a CSV file of it, not "
            f"{type(source).__name__}.",
            where=f"parameter {param}",
            fix="Pass the report evaluate_assistant returned, or the CSV saved from report.results.",
        )
    from labkit._inputs import require_columns

    require_columns(frame, ["question_id", "kind", "question", "answer", "passed"], param)
    frame = frame.copy()
    frame["passed"] = frame["passed"].map(lambda v: str(v).strip().lower() in {"true", "1", "yes"})
    return frame


def review_sample(report: Any, n: int = 40, *, seed: int = 0, path: str | Path | None = None) -> pd.DataFrame:
    """A stratified sample of answers for staff to mark, without the automatic verdict.

    Every combination of question kind and automatic verdict (passed or not) gets a share of the sample in
    proportion to its size, and at least one answer, so rare failures are reviewed too. When ``n`` is
    smaller than the number of combinations, one answer comes from each of ``n`` of them, failures first.

    Parameters
    ----------
    report : AssistantReport, DataFrame or path
        The report of :func:`evaluate_assistant`, or its ``results`` (a DataFrame or CSV file).
    n : int, default 40
        How many answers to sample (all of them if there are fewer).
    seed : int, default 0
        The random seed, so the same sample comes out again.
    path : path, optional
        Write the sample as a CSV file a reviewer fills in: in the ``mark`` column, "acceptable" or
        "not acceptable"; in ``note``, why.

    Returns
    -------
    pandas.DataFrame
        The sample, with empty ``mark`` and ``note`` columns.

    Examples
    --------
    >>> from labkit.assistants import evaluate_assistant, get_product
    >>> sample = review_sample(evaluate_assistant(get_product("staleleaf")), n=20)
    >>> len(sample), "passed" in sample.columns
    (20, False)
    """
    import numpy as np
    import pandas as pd

    results = _results(report, "report")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise LabkitError(
            f"n must be a whole number of answers, 1 or more, not {n!r}.",
            where="parameter n",
            fix="Use for example n=40.",
        )
    n = min(int(n), len(results))
    strata = results.groupby(["kind", "passed"], sort=True).groups
    sizes = {k: len(v) for k, v in strata.items()}
    if n < len(sizes):  # fewer answers than strata: one from each, failures and big strata first
        keep = sorted(sizes, key=lambda k: (bool(k[1]), -sizes[k], k))[:n]
        sizes = {k: sizes[k] for k in keep}
    share = {k: max(1, round(n * s / len(results))) for k, s in sizes.items()}
    while sum(share.values()) > n:
        biggest = max((k for k in share if share[k] > 1), key=lambda k: share[k])
        share[biggest] -= 1
    while sum(share.values()) < n:
        room = [k for k in share if share[k] < sizes[k]]
        share[max(room, key=lambda k: sizes[k] - share[k])] += 1
    rng = np.random.default_rng(seed)
    picked = []
    for key in sorted(share):
        idx = np.asarray(strata[key])
        picked += list(rng.choice(idx, size=min(share[key], len(idx)), replace=False))
    sample = results.loc[sorted(picked)].copy()
    if "reference_answer" not in sample:
        sample["reference_answer"] = ""
    if "group" not in sample:
        sample["group"] = ""
    sample["mark"], sample["note"] = "", ""
    sample = pd.DataFrame(sample[list(SAMPLE_COLUMNS)]).reset_index(drop=True)
    if path is not None:
        from labkit._inputs import write_text

        write_text(path, sample.to_csv(index=False, lineterminator="\n"), what="The review sample")
    return sample


class ReviewAgreement(Report):
    """How far reviewers' marks agree with the automatic checks.

    Attributes
    ----------
    table : pandas.DataFrame
        Counts of each combination of automatic verdict and reviewer's mark.
    kappa : float
        Cohen's kappa (scikit-learn): 1 is full agreement, 0 is what chance alone would give.
    agreement : float
        The share of marked answers where reviewer and checks agree.
    disagreements : pandas.DataFrame
        The answers where they differ: the ones to discuss.
    """

    kind = "ReviewAgreement"

    def __init__(self, merged: pd.DataFrame) -> None:
        import pandas as pd
        from sklearn.metrics import cohen_kappa_score

        auto = merged["passed"].map({True: "acceptable", False: "not acceptable"})
        human = merged["mark"]
        self.marked = len(merged)
        self.agreement = float((auto == human).mean())
        both_one_kind = auto.nunique() == 1 and human.nunique() == 1
        self.kappa = 1.0 if both_one_kind and self.agreement == 1 else float(cohen_kappa_score(auto, human))
        self.table = pd.crosstab(
            auto.rename("automatic check"), human.rename("reviewer"), dropna=False
        ).reindex(index=list(MARKS), columns=list(MARKS), fill_value=0)
        self.disagreements = merged[auto != human].reset_index(drop=True)
        missed = int(((auto == "acceptable") & (human == "not acceptable")).sum())
        summary = (
            f"{plural(self.marked, 'answer')} marked. Reviewers and the automatic checks agree on "
            f"{count(int((auto == human).sum()))} ({pct(self.agreement, 0)}); Cohen's kappa is "
            f"{num(self.kappa, 2)} (1 is full agreement, 0 no better than chance). The checks passed "
            f"{plural(missed, 'answer')} that a reviewer found not acceptable: these are what automatic "
            "checks miss."
        )
        counts = self.table.reset_index()
        sections = [
            Section(
                "Agreement",
                "Rows: the automatic verdict. Columns: the reviewer's mark. Agreement by chance alone can be "
                "high when most answers pass, which is why kappa is shown beside the raw agreement.",
                [Table("Automatic verdict against reviewer's mark (counts)", counts)],
            ),
            Section(
                "Where they differ",
                "Discuss each of these with the reviewer: either the checks missed a problem, or the "
                "reviewer did.",
                [Table("Answers marked differently", self.disagreements)],
            ),
        ]
        super().__init__("Human review: agreement with the automatic checks", summary, sections, frame=counts)

    def _extra_dict(self) -> dict[str, Any]:
        return {"kappa": self.kappa, "agreement": self.agreement, "marked": self.marked}


def import_review(report: Any, marks: Any) -> ReviewAgreement:
    """Read the reviewers' marks and measure agreement with the automatic checks.

    Parameters
    ----------
    report : AssistantReport, DataFrame or path
        The report (or its results) the sample was drawn from.
    marks : DataFrame or path
        The marked sample: ``question_id`` and ``mark`` ("acceptable" or "not acceptable"; "yes"/"no"
        and "pass"/"fail" are read too). Rows left unmarked are left out and counted in the summary.

    Returns
    -------
    ReviewAgreement

    Examples
    --------
    >>> from labkit.assistants import evaluate_assistant, get_product
    >>> report = evaluate_assistant(get_product("staleleaf"))
    >>> sample = review_sample(report, n=10)
    >>> sample["mark"] = "acceptable"
    >>> round(import_review(report, sample).agreement, 2)
    0.7
    """
    import pandas as pd

    from labkit._inputs import require_columns

    results = _results(report, "report")
    if isinstance(marks, (str, Path)):
        from labkit._csv import read_csv

        marks = read_csv(marks, param="marks")
    if not isinstance(marks, pd.DataFrame):
        raise LabkitError(
            f"marks must be the marked sample (a CSV file or DataFrame), not {type(marks).__name__}.",
            where="parameter marks",
            fix="Pass the CSV file written by review_sample(..., path=...) after a reviewer filled it in.",
        )
    require_columns(marks, ["question_id", "mark"], "marks")
    words = {"acceptable": "acceptable", "yes": "acceptable", "pass": "acceptable", "correct": "acceptable",
             "not acceptable": "not acceptable", "no": "not acceptable", "fail": "not acceptable",
             "not correct": "not acceptable", "wrong": "not acceptable"}  # fmt: skip
    m = marks[["question_id", "mark"]].copy()
    m["mark"] = m["mark"].astype(object).where(m["mark"].notna(), "").astype(str).str.strip().str.lower()
    m = m[m["mark"] != ""]
    bad = m[~m["mark"].isin(words)]
    if not bad.empty:
        raise LabkitError(
            f"The mark {bad['mark'].iloc[0]!r} is not one labkit reads.",
            where=f"marks, question {bad['question_id'].iloc[0]}",
            fix="Mark each answer 'acceptable' or 'not acceptable'.",
        )
    m["mark"] = m["mark"].map(words)
    unknown = sorted(set(m["question_id"].astype(str)) - set(results["question_id"].astype(str)))
    if unknown:
        raise LabkitError(
            f"The marks include question {unknown[0]!r}, which is not in the results.",
            where="parameter marks",
            fix="Import the marks with the report the sample was drawn from.",
        )
    if m.empty:
        raise LabkitError(
            "No answer in the sample has been marked.",
            where="parameter marks",
            fix="Fill in the mark column ('acceptable' or 'not acceptable'), then import again.",
        )
    m["question_id"] = m["question_id"].astype(str)
    r = results.assign(question_id=results["question_id"].astype(str))
    merged = m.merge(r[["question_id", "kind", "question", "answer", "passed"]], on="question_id")
    return ReviewAgreement(merged)
