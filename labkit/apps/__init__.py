"""Code-free apps: labkit's widgets as web pages that officers use without seeing code.

Each app is a notebook in ``labkit/apps/notebooks/`` that Voila runs and shows
with its code hidden. Start one from a terminal with ``labkit app NAME``; list
them with ``labkit app --list``. This module also holds the CSS class
convention that makes every labkit widget findable by the browser tests (see
``docs/browser-testing.md``).

Examples
--------
>>> from labkit import apps
>>> [app.name for app in apps.available_apps()] == sorted(app.name for app in apps.available_apps())
True
>>> apps.widget_class("fairness_explorer")
'labkit-widget-fairness-explorer'
"""

from __future__ import annotations

from labkit.apps._conventions import (
    OUTPUT_CLASS,
    STAGED_CLASS,
    WIDGET_CLASS,
    mark_output,
    mark_staged,
    mark_widget,
    widget_class,
)
from labkit.apps._registry import App, available_apps, get_app
from labkit.apps._server import AppServer, run_app, start_app

__all__ = [
    "OUTPUT_CLASS",
    "STAGED_CLASS",
    "WIDGET_CLASS",
    "App",
    "AppServer",
    "available_apps",
    "get_app",
    "mark_output",
    "mark_staged",
    "mark_widget",
    "run_app",
    "start_app",
    "widget_class",
]
