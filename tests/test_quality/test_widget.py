"""The quality explorer's logic (explorer_view) and its wiring, without a browser."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.quality import audit, quality_explorer
from labkit.quality._widget import ALL_COLUMNS, ALL_DIMENSIONS, explorer_view


@pytest.fixture
def report(repairs: pd.DataFrame, standard_yaml: str):
    return audit(repairs, standard_yaml)


def test_view_filters_by_dimension_and_column(report) -> None:
    view = explorer_view(report, "Accuracy")
    assert view.findings["check"].tolist() == ["placeholder:dob"]
    assert view.examples["repair_id"].tolist() == ["R6"]
    assert view.text.startswith("Accuracy (values match reality), all columns: 1 problem.")
    both = explorer_view(report, "Validity", "visits")
    assert set(both.findings["check"]) == {"minimum:visits", "maximum:visits"}
    everything = explorer_view(report, ALL_DIMENSIONS, ALL_COLUMNS)
    assert len(everything.findings) == len(report.findings)
    assert len(everything.examples) == 5


def test_view_with_nothing_found_says_so(report) -> None:
    view = explorer_view(report, "Timeliness")
    assert view.findings.empty and view.examples.empty
    assert "not measured" in view.text
    with pytest.raises(LabkitError, match="not a Data Quality Framework dimension"):
        explorer_view(report, "Beauty")


def test_widget_is_labelled_and_updates(repairs: pd.DataFrame, standard_yaml: str) -> None:
    root = quality_explorer(repairs, standard_yaml)
    assert "labkit-widget-quality-explorer" in root._dom_classes
    controls = root.children[1].children
    labels = [c.description for c in controls]
    assert labels == ["Dataset", "Dimension", "Column"]
    dataset, dimension, column = controls
    assert dataset.options == ("Your table",)
    assert "visits" in column.options
    out = root.children[2]
    assert isinstance(out, w.HTML) and "labkit-output" in out._dom_classes
    dimension.value = "Accuracy"
    assert "1 repair (12.5%) has a placeholder dob" in out.value
    assert "<table" in out.value
    column.value = "priority"
    assert "no problems found" in out.value


def test_widget_rejects_bad_data() -> None:
    with pytest.raises(LabkitError, match="must be a pandas DataFrame"):
        quality_explorer("repairs.csv")


@pytest.mark.slow
def test_widget_offers_every_sandbox_dataset_as_received_and_clean() -> None:
    from labkit.quality._sandbox import standard_names

    root = quality_explorer()
    dataset, dimension, column = root.children[1].children
    assert len(dataset.options) == 2 * len(standard_names())
    assert dataset.options[:2] == ("Housing repairs: as received", "Housing repairs: clean")
    assert "Children's social care referrals: clean" in dataset.options
    out = root.children[2]
    assert "labkit checked" in out.value
    dataset.value = "Housing repairs: clean"
    dimension.value = "Accuracy"
    assert "no problems found" in out.value
    assert "tenant_date_of_birth" in column.options
