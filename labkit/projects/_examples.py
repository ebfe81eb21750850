"""The example canvas the lesson, the exercises and the app start from."""

from __future__ import annotations

from pathlib import Path

from labkit.projects._canvas import ProblemCanvas

__all__ = ["example_canvas", "example_path"]


def example_path() -> Path:
    """The path of the example canvas file shipped with labkit."""
    return Path(__file__).with_name("canvases") / "repairs_early_check.yaml"


def example_canvas() -> ProblemCanvas:
    """Northbrook's canvas for repair jobs that miss their target (fictional), with its monitoring plan.

    Examples
    --------
    >>> from labkit.projects import example_canvas
    >>> canvas = example_canvas()
    >>> canvas.measures[0].name, canvas.measures[0].target
    ('outcome_rate', 0.18)
    """
    return ProblemCanvas.from_yaml(example_path())
