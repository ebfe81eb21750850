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
    # Count the cumulative probabilities at or below each draw (the same as searchsorted, side="right"),
    # in chunks so the temporary table stays small. No loop over rows.
    step = 1 << 18
    for start in range(0, len(rows), step):
        stop = start + step
        out[start:stop] = (cum[rows[start:stop]] <= u[start:stop, None]).sum(axis=1)
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
    """Identifiers such as ``R0000123`` for an integer array (vectorised; no Python loop over rows)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    if len(numbers) == 0:
        return np.asarray([], dtype=object)
    width = max(width, len(str(int(numbers.max()))))
    head = prefix.encode("ascii")
    raw = np.empty((len(numbers), len(head) + width), dtype=np.uint8)
    raw[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    rest = numbers.copy()
    for k in range(width - 1, -1, -1):
        rest, digit = np.divmod(rest, 10)
        raw[:, len(head) + k] = digit + 48
    text = raw.view(f"S{raw.shape[1]}").ravel()
    return text.astype(f"U{raw.shape[1]}").astype(object)


def format_dates(values: np.ndarray) -> np.ndarray:
    """Format datetime64 values as ``YYYY-MM-DD`` strings quickly (a lookup table of the days spanned)."""
    days = np.asarray(values).astype("datetime64[D]")
    nat = np.isnat(days)
    if nat.all():
        return np.full(len(days), None, dtype=object)
    number = days.astype(np.int64)
    low = number[~nat].min()
    span = np.arange(low, number[~nat].max() + 1).astype("datetime64[D]")
    table = np.datetime_as_string(span, unit="D").astype(object)
    index = np.where(nat, 0, number - low)
    out = table[index]
    out[nat] = None
    return out


_TIMES: np.ndarray | None = None


def _time_table() -> np.ndarray:
    """' HH:MM:SS' for every second of a day, built once with numpy string operations."""
    global _TIMES
    if _TIMES is None:
        secs = np.arange(86_400)
        parts = [np.char.zfill((v).astype(str), 2) for v in (secs // 3600, secs // 60 % 60, secs % 60)]
        _TIMES = np.char.add(np.char.add(np.char.add(" ", parts[0]), np.char.add(":", parts[1])),
                             np.char.add(":", parts[2])).astype(object)  # fmt: skip
    return _TIMES


def format_datetimes(values: np.ndarray) -> np.ndarray:
    """Format datetime64 values as ``YYYY-MM-DD HH:MM:SS`` strings quickly (day and time lookups)."""
    values = np.asarray(values).astype("datetime64[s]")
    nat = np.isnat(values)
    days = values.astype("datetime64[D]")
    seconds = (values - days).astype(np.int64)
    seconds[nat] = 0
    out = format_dates(days) + _time_table()[seconds] if not nat.any() else None
    if out is None:
        safe = np.where(nat, np.datetime64("2000-01-01"), days)
        out = format_dates(safe) + _time_table()[seconds]
        out[nat] = None
    return out
