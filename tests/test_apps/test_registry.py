"""The app registry: an app is listed when, and only when, its notebook exists."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.apps import App, available_apps, get_app
from labkit.apps._registry import NOTEBOOK_FOLDER


def _write_app(folder: Path, name: str, meta: dict | None) -> Path:
    nb = {
        "cells": [],
        "metadata": {} if meta is None else {"labkit_app": meta},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_apps_are_read_from_their_notebooks_in_name_order(tmp_path: Path) -> None:
    _write_app(tmp_path, "zeta-tool", {"description": "Last one.", "widget": "zeta_tool"})
    path = _write_app(tmp_path, "alpha-tool", {"description": " First one. ", "widget": "alpha_tool"})
    apps = available_apps(tmp_path)
    assert [a.name for a in apps] == ["alpha-tool", "zeta-tool"]
    assert apps[0] == App(name="alpha-tool", description="First one.", widget="alpha_tool", notebook=path)


def test_an_empty_or_missing_folder_has_no_apps(tmp_path: Path) -> None:
    assert available_apps(tmp_path) == []
    assert available_apps(tmp_path / "nowhere") == []


@pytest.mark.parametrize(
    "meta",
    [
        None,
        {"description": "No widget."},
        {"description": "", "widget": "x"},
        {"description": "x", "widget": " "},
    ],
)
def test_an_app_notebook_without_proper_metadata_is_a_clear_error(tmp_path: Path, meta) -> None:
    _write_app(tmp_path, "broken", meta)
    with pytest.raises(LabkitError) as info:
        available_apps(tmp_path)
    assert "broken.ipynb" in str(info.value)
    assert info.value.fix


def test_a_notebook_that_is_not_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "garbled.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(LabkitError, match=r"garbled\.ipynb"):
        available_apps(tmp_path)


def test_unknown_app_names_the_choices_and_suggests_the_closest(tmp_path: Path) -> None:
    _write_app(tmp_path, "quality-explorer", {"description": "d", "widget": "quality_explorer"})
    _write_app(tmp_path, "measure-wizard", {"description": "d", "widget": "measure_wizard"})
    with pytest.raises(LabkitError) as info:
        get_app("quality-explorr", tmp_path)
    message = str(info.value)
    assert "Did you mean 'quality-explorer'?" in message
    assert "measure-wizard, quality-explorer" in message
    assert get_app("measure-wizard", tmp_path).widget == "measure_wizard"


def test_unknown_app_with_no_apps_says_so(tmp_path: Path) -> None:
    with pytest.raises(LabkitError, match="none yet"):
        get_app("anything", tmp_path)


# -- the apps labkit ships -------------------------------------------------------------------

SHIPPED = available_apps()


def test_labkit_ships_apps() -> None:
    assert "quality-explorer" in [a.name for a in SHIPPED]


@pytest.mark.parametrize("app", SHIPPED, ids=lambda a: a.name)
def test_each_shipped_app_shows_a_labkit_widget_that_exists(app: App) -> None:
    assert app.notebook.parent == NOTEBOOK_FOLDER
    widgets = importlib.import_module("labkit.widgets")
    assert app.widget in widgets.__all__, (
        f"{app.name} shows {app.widget}, which labkit.widgets does not offer"
    )
    assert callable(getattr(widgets, app.widget))
    nb = json.loads(app.notebook.read_text(encoding="utf-8"))
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert f"{app.widget}(" in code, f"{app.name}'s notebook never calls {app.widget}"


@pytest.mark.parametrize("app", SHIPPED, ids=lambda a: a.name)
def test_each_shipped_app_is_stored_clean_and_titled(app: App) -> None:
    nb = json.loads(app.notebook.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "app notebooks store no outputs"
    first = "".join(nb["cells"][0]["source"])
    assert first.startswith("# "), "the first cell is the app's title, shown above the tool"
    assert "\n" not in app.description and app.description.endswith(".")
    assert len(app.description) <= 100
