"""Notebooks prepared for the website: widgets drawn from their stored state, charts with their words."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from website.notebooks import WIDGET_STATE, WIDGET_VIEW, SiteError, prepare_notebook, widget_snapshot

ROOT = Path(__file__).resolve().parents[2]
PNG = "iVBORw0KGgo="


def _model(name: str, **state) -> dict:
    return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}


def _widget_notebook(text: str = "VBox(children=(...))") -> dict:
    state = {
        "root": _model(
            "VBoxModel", children=["IPY_MODEL_intro", "IPY_MODEL_row", "IPY_MODEL_out", "IPY_MODEL_go"]
        ),
        "intro": _model("HTMLModel", value="<style>.x{}</style><p>Choose a ward.</p>"),
        "row": _model("HBoxModel", children=["IPY_MODEL_ward", "IPY_MODEL_box", "IPY_MODEL_tick"]),
        "ward": _model("DropdownModel", description="Ward", _options_labels=["North", "South"], index=1),
        "box": _model("TextModel", description="Your answer", value="", placeholder="A number"),
        "tick": _model("CheckboxModel", description="Only late jobs", value=True),
        "out": _model(
            "OutputModel",
            outputs=[
                {"output_type": "display_data", "data": {"text/html": "<p>South: 12 late repairs.</p>"}}
            ],
        ),
        "go": _model("ButtonModel", description="Check"),
    }
    output = {
        "output_type": "display_data",
        "metadata": {},
        "data": {
            WIDGET_VIEW: {"model_id": "root", "version_major": 2, "version_minor": 0},
            "text/plain": text,
        },
    }
    return {
        "metadata": {"widgets": {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}},
        "cells": [{"cell_type": "code", "source": "explorer()", "metadata": {}, "outputs": [output]}],
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _html(nb: dict, cell: int = 0, output: int = 0) -> str:
    return nb["cells"][cell]["outputs"][output]["data"]["text/html"]


def test_a_widget_becomes_its_words_and_settings_with_no_script() -> None:
    nb = _widget_notebook()
    ready = prepare_notebook(nb)
    html = _html(ready)
    assert "Interactive tool" in html and "make lab" in html
    assert "<p>Choose a ward.</p>" in html and "<style>" not in html
    assert "Ward: <strong>South</strong> (choices: North, South)" in html
    assert "Your answer: <strong>empty</strong> (for example: A number)" in html
    assert "Only late jobs: <strong>ticked</strong>" in html
    assert "South: 12 late repairs." in html
    assert "Check" not in html  # buttons do nothing on a page, so they are not drawn
    assert "VBox(" not in html  # a repr means nothing to a reader
    assert WIDGET_VIEW not in ready["cells"][0]["outputs"][0]["data"]
    assert "widgets" not in ready["metadata"]  # no state, so no widget scripts on the page


def test_a_widget_text_written_for_people_is_shown() -> None:
    ready = prepare_notebook(_widget_notebook("Answer box for Question 1. Type a number, then press Check."))
    assert "Answer box for Question 1. Type a number, then press Check." in _html(ready)


def test_the_notebook_passed_in_is_not_changed() -> None:
    nb = _widget_notebook()
    before = copy.deepcopy(nb)
    prepare_notebook(nb)
    assert nb == before


def test_a_widget_with_no_stored_state_still_says_what_it_is() -> None:
    html = widget_snapshot("missing", {}, "Answer box for Question 2.")
    assert "Interactive tool" in html and "Answer box for Question 2." in html


def _chart_cell(outputs: list[dict]) -> dict:
    return {
        "cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs}],
        "metadata": {},
    }


def _image() -> dict:
    return {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": PNG, "text/plain": "<Figure>"},
    }


def _stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def test_each_chart_gets_the_words_printed_after_it_as_alt_and_caption() -> None:
    nb = _chart_cell(
        [_image(), _stream("First chart: 3 wards.\n"), _image(), _stream("Second chart: 2 years.\n")]
    )
    outputs = prepare_notebook(nb)["cells"][0]["outputs"]
    assert len(outputs) == 2  # the printed sentences moved into the figures' captions
    assert 'alt="First chart: 3 wards."' in outputs[0]["data"]["text/html"]
    assert "<figcaption>Second chart: 2 years.</figcaption>" in outputs[1]["data"]["text/html"]


def test_words_printed_before_a_chart_are_used_when_none_follow() -> None:
    nb = _chart_cell([_stream("Text alternative: a bar chart of jobs by year.\n"), _image()])
    (figure,) = prepare_notebook(nb)["cells"][0]["outputs"]
    assert 'alt="a bar chart of jobs by year."' in figure["data"]["text/html"]
    assert (
        "<figcaption>Text alternative: a bar chart of jobs by year.</figcaption>"
        in figure["data"]["text/html"]
    )


def test_a_chart_without_words_is_refused_with_where_and_how_to_fix() -> None:
    with pytest.raises(SiteError, match=r"lesson\.ipynb, cell 1: a chart has no text alternative.*print"):
        prepare_notebook(_chart_cell([_image()]), "lesson.ipynb")


def test_two_charts_cannot_share_one_sentence() -> None:
    with pytest.raises(SiteError, match="cell 1"):
        prepare_notebook(_chart_cell([_stream("One sentence.\n"), _image(), _image()]), "lesson.ipynb")


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(ROOT).as_posix()
        for f in ("curriculum", "exercises")
        for p in (ROOT / f).glob("*.ipynb")
    ),
)
def test_every_course_notebook_is_ready_for_the_site(path: str) -> None:
    """Every widget becomes words, every chart has its sentence: nothing is left for a script to draw."""
    ready = prepare_notebook(json.loads((ROOT / path).read_text(encoding="utf-8")), path)
    for cell in ready["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert WIDGET_VIEW not in data and "image/png" not in data
            if "labkit-site-widget" in data.get("text/html", ""):
                assert "VBox(" not in data["text/html"]
