"""The app registry: every notebook in ``labkit/apps/notebooks/`` is one code-free app.

An app is listed when its notebook exists, and only then: there are no
placeholders for tools that are not built yet. The notebook's name is the
app's name (``quality-explorer.ipynb`` is ``labkit app quality-explorer``) and
its metadata ``labkit_app`` holds the one-line description and the widget it
shows::

    {"labkit_app": {"description": "Explore the quality of a dataset ...",
                    "widget": "quality_explorer"}}
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from labkit._errors import LabkitError

__all__ = ["NOTEBOOK_FOLDER", "App", "available_apps", "get_app"]

NOTEBOOK_FOLDER = Path(__file__).resolve().parent / "notebooks"
"""The folder that holds the app notebooks."""


@dataclass(frozen=True)
class App:
    """One code-free app: a notebook that Voila shows without its code.

    Attributes
    ----------
    name : str
        The name you type after ``labkit app``, for example ``"quality-explorer"``.
    description : str
        One plain-English line saying what the app is for.
    widget : str
        The labkit widget the app shows, for example ``"quality_explorer"``.
    notebook : pathlib.Path
        The app's notebook.
    """

    name: str
    description: str
    widget: str
    notebook: Path


def _read_app(path: Path) -> App:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb["metadata"]["labkit_app"]
        description = str(meta["description"]).strip()
        widget = str(meta["widget"]).strip()
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LabkitError(
            f"The app notebook {path.name} is not a readable notebook with labkit_app metadata ({exc}).",
            where=f"file {path.as_posix()}",
            fix="Give the notebook metadata labkit_app with a 'description' and a 'widget', "
            "as docs/browser-testing.md shows.",
        ) from exc
    if not description or not widget:
        raise LabkitError(
            f"The app notebook {path.name} has an empty description or widget name.",
            where=f"file {path.as_posix()}",
            fix="Fill in both labkit_app.description and labkit_app.widget in the notebook's metadata.",
        )
    return App(name=path.stem, description=description, widget=widget, notebook=path)


def available_apps(folder: Path | None = None) -> list[App]:
    """Every app whose notebook exists, sorted by name.

    Parameters
    ----------
    folder : pathlib.Path, optional
        Where to look; labkit's own app folder by default.

    Examples
    --------
    >>> from labkit.apps import available_apps
    >>> all(app.notebook.suffix == ".ipynb" for app in available_apps())
    True
    """
    folder = NOTEBOOK_FOLDER if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    return [_read_app(p) for p in sorted(folder.glob("*.ipynb"))]


def get_app(name: str, folder: Path | None = None) -> App:
    """The app called ``name``; a :class:`~labkit.LabkitError` naming the choices if there is none.

    Examples
    --------
    >>> from labkit import LabkitError
    >>> from labkit.apps import get_app
    >>> try:
    ...     get_app("no-such-app")
    ... except LabkitError as err:
    ...     print(err.what)
    There is no labkit app called 'no-such-app'.
    """
    apps = {app.name: app for app in available_apps(folder)}
    if isinstance(name, str) and name in apps:
        return apps[name]
    names = sorted(apps)
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    choices = ", ".join(names) if names else "none yet"
    raise LabkitError(
        f"There is no labkit app called {name!r}.{hint}",
        where="app name",
        fix=f"Choose one of: {choices}. Run `labkit app --list` to see what each one does.",
    )
