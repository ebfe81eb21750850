"""The threshold explorer is thin: it shows what threshold_view and choose_threshold say."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest

from labkit import LabkitError
from labkit.evaluate import choose_threshold, evaluate, threshold_explorer, threshold_view
from labkit.evaluate._words import Words

Y = np.array([1, 0, 1, 0, 1, 0, 1, 0] * 10, dtype=bool)
S = np.array([0.9, 0.2, 0.7, 0.6, 0.4, 0.1, 0.8, 0.3] * 10)


def test_moving_the_slider_updates_the_text():
    box = threshold_explorer(Y, S, noun="repair", outcome="missed the target")
    assert isinstance(box, widgets.VBox)
    assert box.slider.description.startswith("Threshold")
    box.slider.value = 0.65
    report = evaluate(y_true=Y, y_score=S, plot=False)
    _, _, expected = threshold_view(report.curve, 0.65, Words.make("repair", "missed the target"))
    assert box.output.value == expected
    assert "Of 30 repairs flagged, 30 missed the target" in box.output.value


def test_costs_and_capacity_show_in_the_output():
    box = threshold_explorer(Y, S, cost_action=50, cost_harm=300, prevented=0.5)
    box.cost_action.value = 100
    assert "× £100" in box.output.value
    assert "if acting prevents 50% of harms" in box.output.value
    box.prevented.value = 25
    assert "if acting prevents 25% of harms" in box.output.value
    box.use_capacity.value = True
    box.capacity.value = 10
    assert "Over capacity" in box.output.value


def test_button_chooses_the_same_threshold_as_choose_threshold():
    report = evaluate(y_true=Y, y_score=S, plot=False)
    box = threshold_explorer(report=report, cost_action=50, cost_harm=300, prevented=0.75)
    box.choose()
    expected = choose_threshold(report=report, cost_action=50, cost_harm=300, prevented=0.75, plot=False)
    assert box.slider.value == pytest.approx(expected.threshold, abs=1e-9)
    assert "acting on a flagged case costs £50" in box.message.value
    assert "acting prevents 75% of those harms" in box.message.value
    assert "the choice was repeated at" in box.message.value


def test_button_without_cost_or_capacity_asks_for_one():
    box = threshold_explorer(Y, S)
    box.choose()
    assert "Set a cost or a capacity first" in box.message.value


def test_every_control_has_an_accessible_label():
    box = threshold_explorer(Y, S)
    controls = (box.slider, box.cost_action, box.cost_harm, box.prevented, box.capacity, box.use_capacity)
    for control in (*controls, box.button):
        assert control.description.strip()


def test_widget_bad_input():
    with pytest.raises(LabkitError, match="between 0 and 1"):
        threshold_explorer(Y, S, threshold=2)
    with pytest.raises(LabkitError, match="0 or more"):
        threshold_explorer(Y, S, cost_action=-5)
    with pytest.raises(LabkitError, match="between 0 and 1"):
        threshold_explorer(Y, S, prevented=5)
    with pytest.raises(LabkitError, match="must match"):
        threshold_explorer(Y[:5], S)


def test_widget_is_gathered_in_labkit_widgets():
    from labkit import widgets as gathered

    assert gathered.threshold_explorer is threshold_explorer


def test_typing_a_capacity_turns_the_limit_on():
    box = threshold_explorer(Y, S)
    assert not box.use_capacity.value
    box.capacity.value = 5
    assert box.use_capacity.value
    assert "Over capacity" in box.output.value


def test_widget_carries_the_classes_the_browser_tests_look_for():
    box = threshold_explorer(Y, S)
    assert "labkit-widget-threshold-explorer" in box._dom_classes
    assert "labkit-output" in box.output._dom_classes


def test_no_tooltip_or_label_names_code():
    box = threshold_explorer(Y, S)
    assert "(" not in box.button.tooltip and "_" not in box.button.tooltip
    assert box.button.layout.width == "auto", "the button's label must not be cut short"


def test_started_without_data_it_loads_lesson_04s_repairs():
    """A consumer who runs no developer cell still gets the lesson's data and model."""
    from labkit.evaluate._widget import lesson_scores

    y, scores = lesson_scores()
    box = threshold_explorer(cost_action=40, cost_harm=300, prevented=0.5, capacity=1300)
    assert box.capacity.max == len(y) == 4982
    box.slider.value = 0.3
    report = evaluate(y_true=y, y_score=scores, plot=False)
    _, _, expected = threshold_view(
        report.curve, 0.3, Words.make("repair", "missed the target"), cost_action=40, cost_harm=300,
        prevented=0.5, capacity=1300,
    )  # fmt: skip
    assert box.output.value == expected
    assert "repairs flagged" in box.output.value
