"""Accessibility of what labkit shows: saved HTML reports and exercise feedback.

axe-core (pinned in ``package.json``) is injected into each page and run with
the WCAG 2.2 A and AA rules. A test fails on any serious or critical violation
and on any text-contrast failure. Every chart must have a text alternative shown
beside it, and exercise feedback must say in words how you did. The Voila apps
get the same checks in ``test_apps.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from browser_harness import blocking, chart_problems, outcome_problems, run_axe

from labkit._report import Report

pytestmark = pytest.mark.browser


def _scores(n: int = 400, seed: int = 7):
    import numpy as np

    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, size=n)
    y_score = np.clip(0.35 * y_true + rng.uniform(0, 0.65, size=n), 0, 1)
    group = rng.choice(["Ward A", "Ward B", "Ward C"], size=n)
    return y_true, y_score, group


def base_report() -> Report:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from labkit._report import Figure, Section, Table

    frame = pd.DataFrame({"ward": ["Ward A", "Ward B", "Ward C"], "late repairs": [12, 30, 7]})
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar(frame["ward"], frame["late repairs"], color="#0072B2")
    ax.set_title("Late repairs by ward")
    ax.set_xlabel("Ward")
    ax.set_ylabel("Late repairs")
    figure = Figure.from_matplotlib(
        fig, "Late repairs by ward", "Ward B had the most late repairs (30); Ward C had the fewest (7)."
    )
    section = Section(
        "Late repairs",
        "Late repairs are those finished after their target date.\n\n- Ward B: 30\n- Ward C: 7",
        tables=[Table("Late repairs by ward", frame, note="Synthetic data.")],
        figures=[figure],
    )
    return Report("Late repairs in three wards", "Ward B had the most late repairs.", [section])


def evaluation_report() -> Report:
    from labkit.evaluate import evaluate

    y_true, y_score, _ = _scores()
    return evaluate(y_true=y_true, y_score=y_score, noun="repair", outcome="missed the target")


def fairness_report() -> Report:
    from labkit.fairness import audit

    y_true, y_score, group = _scores()
    return audit(y_true, y_score=y_score, sensitive_features={"ward": group})


def quality_report() -> Report:
    import pandas as pd

    from labkit.quality import audit

    repairs = pd.DataFrame(
        {
            "repair_id": ["R1", "R2", "R3", "R4", "R4"],
            "reported_at": ["2024-04-01", "2024-04-02", "02/04/2024", "2024-04-05", "2024-04-06"],
            "completed_at": ["2024-04-03", "2024-03-30", "2024-04-09", None, "2024-04-08"],
        }
    )
    standard = {
        "entity": "repair",
        "columns": {
            "repair_id": {"required": True, "unique": True},
            "reported_at": {"type": "date", "required": True},
            "completed_at": {"type": "date"},
        },
        "rules": ["completed_at is not before reported_at"],
    }
    return audit(repairs, standard)


REPORTS: dict[str, Callable[[], Report]] = {
    "base-report": base_report,
    "evaluation-report": evaluation_report,
    "fairness-report": fairness_report,
    "quality-report": quality_report,
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_saved_html_report_is_accessible(page, axe_script, artifacts, tmp_path: Path, name: str) -> None:
    report = REPORTS[name]()
    path = report.save(tmp_path / f"{name}.html")
    page.goto(path.as_uri())
    page.screenshot(path=str(artifacts / f"report-{name}.png"), full_page=True)
    problems = blocking(run_axe(page, axe_script)) + chart_problems(page)
    assert not problems, f"{name}:\n- " + "\n- ".join(problems)
    if name == "base-report":
        assert page.locator("figure figcaption").count() == 1


def test_a_chart_without_a_caption_is_caught(page, tmp_path: Path) -> None:
    """The chart check itself can fail: a bare image has neither alt text nor a caption."""
    import base64

    from labkit._report import Figure

    png = Figure.from_matplotlib(_tiny_chart(), "t", "a").png
    data = base64.b64encode(png).decode("ascii")
    page_path = tmp_path / "bare.html"
    page_path.write_text(
        f'<!DOCTYPE html><html lang="en-GB"><head><title>Bare chart</title></head>'
        f'<body><main><img src="data:image/png;base64,{data}" width="200" height="120"></main></body></html>',
        encoding="utf-8",
    )
    page.goto(page_path.as_uri())
    problems = chart_problems(page)
    assert len(problems) == 2
    assert "no text alternative" in problems[0]
    assert "no caption in words" in problems[1]


def test_axe_catches_low_contrast_and_missing_language(page, axe_script, tmp_path: Path) -> None:
    """The axe check itself can fail: pale grey text on white and a page without a language."""
    path = tmp_path / "poor.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Poor page</title></head><body><main>"
        '<p style="color:#bbbbbb;background:#ffffff">Pale text that many people cannot read.</p>'
        "</main></body></html>",
        encoding="utf-8",
    )
    page.goto(path.as_uri())
    problems = blocking(run_axe(page, axe_script))
    assert any(p.startswith("serious: color-contrast") for p in problems), problems
    assert any("html-has-lang" in p for p in problems), problems


def _tiny_chart():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1.2))
    ax.plot([0, 1], [0, 1])
    return fig


def test_exercise_feedback_is_readable_without_colour(page, axe_script, artifacts, tmp_path: Path) -> None:
    from labkit.exercises import CORRECT, NOT_ATTEMPTED, NOT_YET, Outcome

    outcomes = [
        Outcome(CORRECT, "Right: 1,204 repair requests.", "Question 1"),
        Outcome(NOT_YET, "That is the number of repairs, not of requests. Count every row.", "Question 2"),
        Outcome(NOT_ATTEMPTED, "Replace ____ with your answer, then run this cell again.", "Question 3"),
    ]
    body = "".join(o._repr_html_() for o in outcomes)
    path = tmp_path / "feedback.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Exercise feedback</title>'
        f"</head><body><main><h1>Exercise feedback</h1>{body}</main></body></html>",
        encoding="utf-8",
    )
    page.goto(path.as_uri())
    # Seen in greys only, as someone who cannot tell colours apart might: the words still say it all.
    page.add_style_tag(content="html { filter: grayscale(100%); }")
    page.screenshot(path=str(artifacts / "exercise-feedback-greyscale.png"), full_page=True)
    labels = page.locator(".labkit-outcome strong").all_inner_texts()
    assert [label.split(".")[0] for label in labels] == [o.label for o in outcomes]
    assert all(any(ch.isalpha() for ch in label) for label in labels)
    assert outcome_problems(page) == []
    assert blocking(run_axe(page, axe_script)) == []
