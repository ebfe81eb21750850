"""Code-free apps: labkit's widgets as web pages that officers use without seeing code.

Each app is a notebook in ``labkit/apps/notebooks/`` that Voila runs and shows
with its code hidden. Start one from a terminal with ``labkit app NAME``; list
them with ``labkit app --list``. The widgets' shared
conventions (CSS classes, keyboard safety, wrapping) live in the core module
``labkit._widgets``; they are re-exported here for code written before they
moved.

Examples
--------
>>> from labkit import apps
>>> [app.name for app in apps.available_apps()] == sorted(app.name for app in apps.available_apps())
True
>>> apps.widget_class("fairness_explorer")
'labkit-widget-fairness-explorer'
"""

from __future__ import annotations

from labkit._widgets import (
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
