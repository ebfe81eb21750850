"""The report pattern shared by every labkit helper."""

from __future__ import annotations

import json
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit._report import Figure, Report, Section, Table, to_jsonable


def _report() -> Report:
    fig, ax = plt.subplots()
    ax.bar(["Emergency", "Routine"], [3, 5])
    ax.set_title("Late repairs by priority")
    table = Table(
        "Late repairs | by priority",
        pd.DataFrame({"priority": ["Emergency", "Routine"], "late": [3, 5], "share": [0.1, np.nan]}),
        note="Synthetic data.",
    )
    return Report(
        "Repairs <check>",
        "Eight repairs were late.\n\nMost were routine.",
        [
            Section("What we found", "Intro paragraph.\n\n- first point\n- second point", tables=[table]),
            Section(
                "Chart", figures=[Figure.from_matplotlib(fig, "Late repairs", "Routine repairs: 5 late.")]
            ),
        ],
    )


def test_summary_and_frame() -> None:
    report = _report()
    assert report.summary.startswith("Eight repairs")
    frame = report.to_frame()
    assert list(frame.columns) == ["priority", "late", "share"]
    frame.loc[0, "late"] = 99
    assert report.to_frame().loc[0, "late"] == 3, "to_frame must return a copy"


def test_html_is_accessible_and_escaped() -> None:
    page = _report().to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert 'lang="en-GB"' in page
    assert "Repairs &lt;check&gt;" in page and "<check>" not in page
    assert "<caption>Late repairs | by priority</caption>" in page
    assert '<th scope="col">priority</th>' in page
    assert 'alt="Routine repairs: 5 late."' in page
    assert "<figcaption><strong>Late repairs.</strong> Routine repairs: 5 late.</figcaption>" in page
    assert "<li>first point</li>" in page


def test_markdown_has_tables_and_figure_text() -> None:
    md = _report().to_markdown()
    assert md.startswith("# Repairs <check>\n\nEight repairs were late.")
    assert "| priority | late | share |" in md
    assert "Late repairs \\| by priority" in md
    assert "| Routine | 5 |  |" in md
    assert "**Figure: Late repairs.** Routine repairs: 5 late." in md
    assert "- first point\n- second point" in md


def test_to_dict_is_json_safe() -> None:
    data = _report().to_dict()
    text = json.dumps(data, allow_nan=False)
    back = json.loads(text)
    assert back["kind"] == "Report"
    rows = back["sections"][0]["tables"][0]["rows"]
    assert rows[1] == {"priority": "Routine", "late": 5, "share": None}
    assert back["sections"][1]["figures"] == [{"title": "Late repairs", "alt": "Routine repairs: 5 late."}]


@pytest.mark.parametrize("suffix", [".html", ".md", ".json"])
def test_save_by_suffix(tmp_path, suffix) -> None:
    path = _report().save(tmp_path / "sub" / f"report{suffix}")
    text = path.read_text(encoding="utf-8")
    assert {".html": "<!DOCTYPE html>", ".md": "# Repairs", ".json": '"kind": "Report"'}[suffix] in text


def test_save_unknown_suffix_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(LabkitError, match=r"\.html .*\.md .*\.json"):
        _report().save(tmp_path / "report.docx")


def test_to_jsonable_handles_awkward_values() -> None:
    value = {
        1: np.int64(3),
        "f": np.float32(0.5),
        "nan": math.nan,
        "inf": np.inf,
        "ts": pd.Timestamp("2024-04-01 09:30"),
        "nat": pd.NaT,
        "na": pd.NA,
        "arr": np.array([1, 2]),
        "b": np.bool_(True),
        "s": pd.Series({"a": 1.5}),
    }
    out = to_jsonable(value)
    assert out == {
        "1": 3,
        "f": 0.5,
        "nan": None,
        "inf": None,
        "ts": "2024-04-01T09:30:00",
        "nat": None,
        "na": None,
        "arr": [1, 2],
        "b": True,
        "s": {"a": 1.5},
    }
    json.dumps(out, allow_nan=False)


def test_repr_is_plain_text() -> None:
    assert repr(_report()).startswith("Report: Repairs <check>\n\nEight repairs")
    assert '<div class="labkit-report">' in _report()._repr_html_()


def test_a_lazy_figure_is_drawn_once_and_only_when_shown() -> None:
    calls: list[int] = []

    def draw():
        calls.append(1)
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        return fig

    chart = Figure("Trend", "A straight line from 0 to 1.", draw=draw)
    report = Report("Lazy", "One chart.", [Section("Chart", figures=[chart])])
    report.to_dict(), report.to_markdown(), repr(report)
    assert calls == [] and not chart.drawn
    page = report.to_html()
    assert calls == [1] and chart.drawn and chart.png.startswith(b"\x89PNG")
    assert report._repr_html_().count("data:image/png;base64,") == 1
    assert calls == [1], "the PNG is kept after the first drawing"
    assert 'alt="A straight line from 0 to 1."' in page


def test_a_figure_needs_a_drawing_or_a_png() -> None:
    with pytest.raises(TypeError):
        Figure("Trend", "No picture.")
    with pytest.raises(TypeError):
        Figure("Trend", "Both.", draw=lambda: None, png=b"\x89PNG")


def test_body_html_is_the_page_body_without_stylesheet() -> None:
    report = _report()
    body = report.body_html()
    assert body.startswith('<div class="labkit-report"><h1>Repairs &lt;check&gt;</h1>')
    assert "<style>" not in body
    assert body in report.to_html() and body in report._repr_html_()


def _quality_report():
    from labkit.quality import DataStandard, audit

    frame = pd.DataFrame({"id": ["A1", "A2", "A2"], "visits": [1, -2, 3]})
    standard = DataStandard.from_yaml(
        "name: Visits\nprimary_key: id\ncolumns:\n"
        "  id: {unique: true}\n  visits: {type: integer, minimum: 0}\n"
    )
    return audit(frame, standard)


def _evaluation_report():
    from labkit.evaluate import evaluate

    return evaluate(y_true=[1, 0, 1, 0, 1, 0] * 5, y_score=[0.9, 0.2, 0.7, 0.6, 0.4, 0.1] * 5)


def _explanation_report():
    from sklearn.linear_model import LogisticRegression

    from labkit.evaluate import explain_model

    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=300), "b": rng.normal(size=300)})
    y = (X["a"] + rng.normal(size=300) > 0).astype(int)
    return explain_model(LogisticRegression().fit(X, y), X, y, n_repeats=2, top=1)


def _fairness_report():
    from labkit.fairness import audit

    return audit(
        [1, 0, 1, 0] * 20, y_score=[0.9, 0.2, 0.4, 0.7] * 20, sensitive_features={"sex": ["F", "M"] * 40}
    )


def _monitor_report():
    from labkit.projects import example_canvas, load_monitoring_log, monitor

    return monitor(load_monitoring_log(), example_canvas())


@pytest.mark.parametrize(
    "make", [_quality_report, _evaluation_report, _explanation_report, _fairness_report, _monitor_report]
)
def test_every_report_type_draws_its_charts_only_when_shown(make) -> None:
    report = make()
    charts = [f for s in report.sections for f in s.figures]
    assert charts, "each of these reports has a chart"
    report.summary, report.to_frame(), report.to_markdown(), json.dumps(report.to_dict())
    assert not any(c.drawn for c in charts)
    assert report._repr_html_().count("data:image/png;base64,") == len(charts)
    assert all(c.drawn for c in charts)
