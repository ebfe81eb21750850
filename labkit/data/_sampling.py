"""Small vectorised sampling helpers shared by the generators (numpy only, no per-row loops)."""

from __future__ import annotations

import numpy as np


def choice_rows(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one category per element of ``rows`` from the probability table ``probs[rows]``.

    ``probs`` is a (groups x categories) table whose rows sum to 1; ``rows`` says which group each draw
    belongs to. Returns category indices.
    """
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(len(rows))
    out = np.empty(len(rows), dtype=np.int64)
    # Loop over the groups (few), never over the rows.
    for g in np.unique(rows):
        mask = rows == g
        out[mask] = np.searchsorted(cum[g], u[mask], side="right")
    return np.minimum(out, probs.shape[1] - 1)


def choice(rng: np.random.Generator, n: int, weights) -> np.ndarray:
    """Draw ``n`` category indices with the given (unnormalised) weights."""
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, 1 / (1 + exp(-x))."""
    return 1.0 / (1.0 + np.exp(-x))


def cumcount(keys: np.ndarray) -> np.ndarray:
    """Position of each element among the elements with the same key (0, 1, 2, ... in array order)."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.r_[0, np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    out = np.empty(len(keys), dtype=np.int64)
    out[order] = np.arange(len(keys)) - run_start
    return out


def id_strings(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """Identifiers such as ``R0000123`` for an integer array (vectorised)."""
    if len(numbers) == 0:
        return np.asarray([], dtype=object)
    digits = np.char.zfill(np.asarray(numbers, dtype=np.int64).astype(str), width)
    return np.char.add(prefix, digits).astype(object)


def format_dates(values: np.ndarray) -> np.ndarray:
    """Format datetime64 values as ``YYYY-MM-DD`` strings quickly (via the unique days)."""
    days = values.astype("datetime64[D]")
    uniq, inverse = np.unique(days, return_inverse=True)
    text = np.datetime_as_string(uniq, unit="D").astype(object)
    out = text[inverse]
    out[np.isnat(days)] = None
    return out


_TIMES = None


def format_datetimes(values: np.ndarray) -> np.ndarray:
    """Format datetime64 values as ``YYYY-MM-DD HH:MM:SS`` strings quickly (day and time lookups)."""
    global _TIMES
    if _TIMES is None:
        secs = np.arange(86_400)
        _TIMES = np.array(
            [
                f" {h:02d}:{m:02d}:{s:02d}"
                for h, m, s in zip(secs // 3600, secs // 60 % 60, secs % 60, strict=True)
            ],
            dtype=object,
        )
    values = np.asarray(values).astype("datetime64[s]")
    nat = np.isnat(values)
    days = values.astype("datetime64[D]")
    seconds = (values - days).astype(np.int64)
    seconds[nat] = 0
    days[nat] = np.datetime64("2000-01-01")
    out = format_dates(days) + _TIMES[seconds]
    out[nat] = None
    return out
