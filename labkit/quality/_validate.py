"""Input checks of ``labkit.quality``: the shared layer in :mod:`labkit._inputs`."""

from __future__ import annotations

from labkit._inputs import require_columns, require_frame, text_columns

__all__ = ["require_columns", "require_frame", "text_columns"]
