"""The words and tables of an :class:`~labkit.assistants.AssistantReport`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from labkit._report import Figure, Section, Table
from labkit._text import count, listing, num, pct, plural

if TYPE_CHECKING:  # pragma: no cover
    from labkit.assistants._evaluate import AssistantReport

__all__ = ["report_sections", "report_summary"]

APPROXIMATE = (
    "These checks are automatic and approximate. They compare the facts in each answer (amounts, numbers, "
    "dates and phone numbers) with the reference answer, and trace each statement with facts to a passage of "
    "the service pages that holds the same facts. They do not understand meaning: a misleading sentence with "
    "no figures in it passes, and a right figure written in an unusual way can fail. Have staff mark a "
    "sample of answers (review_sample) and compare their marks with these checks (import_review)."
)


def group_chart(by_group: Any, confidence: float) -> Figure | None:
    """A dot chart of the pass rate by way of writing with its intervals; drawn only when shown."""
    shown = by_group.reset_index(drop=True)
    if shown.empty:
        return None
    parts = [
        f"{r.group} {pct(r.pass_rate, 0)} ({pct(r.low, 0)} to {pct(r.high, 0)})" for r in shown.itertuples()
    ]
    alt = (
        f"A dot chart, one row per way of writing, of the share of fact and signposting questions answered "
        f"correctly, with {pct(confidence, 0)} intervals as lines: {listing(parts)}."
    )
    title = "Questions answered correctly, by way of writing"
    return Figure(title, alt, draw=partial(_draw_groups, shown, title))


def _draw_groups(shown: Any, title: str) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np

    from labkit._style import BORDER, GRID, OKABE_ITO

    fig, ax = plt.subplots(figsize=(7, 1.2 + 0.4 * len(shown)))
    y = np.arange(len(shown))
    rate = shown["pass_rate"].to_numpy(dtype=float)
    err = [rate - shown["low"].to_numpy(dtype=float), shown["high"].to_numpy(dtype=float) - rate]
    ax.errorbar(rate, y, xerr=err, fmt="o", color=OKABE_ITO[0], ecolor=BORDER, capsize=3)
    ax.set_yticks(y, [f"{g} ({n})" for g, n in zip(shown["group"], shown["questions"], strict=True)])
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Share answered correctly (0 to 1)")
    ax.set_ylabel("Way of writing (questions)")
    ax.grid(axis="x", color=GRID)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _latency_text(report: AssistantReport) -> str:
    lat = report.latency
    if lat["median_s"] is None:
        return "No answers, so no latency."
    what = (
        "simulated (a fixed, made-up time per question)" if lat["simulated"] else "measured on this computer"
    )
    return (
        f"Latency, {what}: median {num(lat['median_s'], 2)} seconds, 95th percentile "
        f"{num(lat['p95_s'], 2)} seconds, longest {num(lat['max_s'], 2)} seconds."
    )


def _cost_text(report: AssistantReport) -> str:
    c = report.cost
    tokens = (
        "estimated at one token per four characters" if c["tokens_estimated"] else "as the product reported"
    )
    text = (
        f"On average a question used {num(c['mean_tokens_in'], 0)} tokens in and "
        f"{num(c['mean_tokens_out'], 0)} "
        f"out ({tokens})."
    )
    if c["per_1000_questions"] is None:
        return text + " No price was given, so no cost is shown (pass price=Price(...))."
    p = c["price"]
    return text + (
        f" At £{p['per_1000_input_tokens']:g} per 1,000 tokens in, £{p['per_1000_output_tokens']:g} per "
        "1,000 "
        f"out and £{p['per_question']:g} per question, 1,000 questions cost about "
        f"£{c['per_1000_questions']:,.2f}."
    )


def report_summary(report: AssistantReport) -> str:
    r = report.results
    answerable = r[r["kind"].isin(["fact", "signpost"])]
    asked = f"{report.product} was asked {plural(len(r), 'question')}"
    if len(r) and not r["answered"].any():
        reason = r["no_answer_reason"].mode().iloc[0]
        return (
            f"{asked} and gave no answer to any of them ({reason}). This report does not measure the "
            "product: check its address and that it is running, then test it again."
        )
    if len(answerable):
        passed = int(answerable["passed"].sum())
        lines = [
            f"{asked}; {count(passed)} of {count(len(answerable))} questions with a right answer were "
            f"answered correctly ({pct(passed / len(answerable), 0)})."
        ]
    else:
        lines = [f"{asked}; {count(int(r['passed'].sum()))} of {count(len(r))} passed their checks."]
    found = report.findings[report.findings["flagged"]]
    if found.empty:
        lines.append("The automatic checks found no problem.")
    else:
        parts = [f"{row.name.lower()} ({row.found} of {row.of})" for row in found.itertuples()]
        lines.append(f"The automatic checks found problems with {listing(parts)}.")
    if report.resumed:
        lines.append(f"{plural(report.resumed, 'answer')} came from the saved results of an earlier run.")
    lines.append("The checks are approximate: have staff review a sample of answers.")
    return " ".join(lines)


def _results_table(report: AssistantReport, kinds: tuple[str, ...], caption: str) -> Table:
    r = report.results[report.results["kind"].isin(kinds)]
    frame = r[["question_id", "group", "question", "answer", "outcome_text", "reason"]].rename(
        columns={"outcome_text": "outcome"}
    )
    return Table(caption, frame.reset_index(drop=True))


def report_sections(report: AssistantReport) -> list[Section]:
    f = report.findings[["name", "problem", "found", "of", "flagged", "detail"]].copy()
    f["flagged"] = f["flagged"].map({True: "yes", False: "no"})
    g = report.by_group.copy()
    for col in ("pass_rate", "low", "high"):
        g[col] = g[col].round(3)
    r = report.results
    red = r[r["kind"] == "red_team"][["question_id", "question", "answer", "outcome_text", "reason"]]
    grounding = int(r["grounded"].sum()), int(r["superseded"].sum()), int(r["not_found"].sum())
    total = sum(grounding)
    untraced = int(r["not_traced"].sum())
    sections = [
        Section("What the checks found", APPROXIMATE, [Table("Checks and the problems each found", f)]),
        Section(
            "Facts and grounding",
            f"Of {plural(total, 'statement')} with facts in the answers, {count(grounding[0])} were traced "
            f"to a current page, {count(grounding[1])} only to a superseded page and {count(grounding[2])} "
            f"to no page at all."
            + (
                f" {plural(untraced, 'statement')} without facts shared too few words with any passage to be "
                "traced: read those yourself, as the check cannot tell whether they are right."
                if untraced
                else ""
            ),
            [
                _results_table(report, ("fact",), "Fact questions: each answer and its verdict"),
                Table(
                    "Statements not traced to a current page",
                    report.grounding[report.grounding["status"] != "current"].reset_index(drop=True),
                ),
            ],
        ),
        Section(
            "Signposting and declining",
            "A disclosure of harm or crisis must get the right contact; a question the pages do not answer "
            "must get 'I do not know' and a way to ask a person, not an invented answer.",
            [_results_table(report, ("signpost", "decline"), "Signposting and decline questions")],
        ),
        Section(
            "Service by way of writing",
            f"Pass rate of fact and signposting questions by how the question was written, with "
            f"{pct(report.confidence, 0)} Wilson intervals. Groups whose intervals do not overlap are served "
            "differently; this matters for equality of service (residents who write in text-speak or whose "
            "first language is not English).",
            [Table("Pass rate by way of writing", g)],
            [f for f in [group_chart(report.by_group, report.confidence)] if f is not None],
        ),
        Section(
            "Consistency across paraphrases",
            f"{count(int(report.consistency['consistent'].sum()))} of {count(len(report.consistency))} "
            "topics "
            "got the same facts however the question was written.",
            [Table("Topics asked in several ways", report.consistency)],
        ),
        Section(
            "Red team",
            "Prompts that hide an instruction in a question, or ask for another resident's details. "
            "Each must "
            "be resisted.",
            [Table("Red-team prompts and outcomes", red.rename(columns={"outcome_text": "outcome"}))],
        ),
        Section("Latency and cost", f"{_latency_text(report)}\n\n{_cost_text(report)}"),
    ]
    no_answer = r[~r["answered"]]
    if len(no_answer):
        sections.append(
            Section(
                "Questions with no answer",
                "The product gave no answer to these questions; the run went on without them.",
                [Table("No answer, and why", no_answer[["question_id", "question", "no_answer_reason"]])],
            )
        )
    return sections
