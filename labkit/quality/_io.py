"""Reading a council's CSV file safely: ``labkit.quality.read_csv`` is labkit's one CSV reader."""

from __future__ import annotations

from labkit._csv import LabkitWarning, read_csv

__all__ = ["LabkitWarning", "read_csv"]
