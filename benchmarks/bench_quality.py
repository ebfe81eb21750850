"""Benchmarks for labkit.quality: a 1,000,000-row audit, and matching 100,000 people against 100,000.

1. ``audit`` of 1,000,000 housing repairs (20 columns, about 25 checks, the sandbox
   generator's realistic defects), against running the same pandera schemas alone.
   Goals: at most 5 s, and at most 2x pandera alone. It prints which storage pandas
   uses for text: Arrow (``pyarrow``, when pyarrow is installed) or Python objects;
   run it in both kinds of environment to compare.
2. ``match_people`` of 100,000 people against 100,000, half of them the same people
   recorded again with spelling and address variants (the planted duplicates).
   Goals: at most 30 s, precision and recall both at least 0.95.

Run with ``python benchmarks/run.py quality``. The machine is shared: read the ratios.
"""

from __future__ import annotations

import contextlib
import time

import numpy as np
import pandas as pd

STANDARD = """
name: Housing repairs (benchmark)
entity: repair
primary_key: repair_id
columns:
  repair_id: {required: true, unique: true, pattern: "^HR[0-9]{7}$"}
  property_id: {required: true, pattern: "^P[0-9]{6}$"}
  uprn: {type: integer, required: true, minimum: 990000000000, maximum: 990999999999}
  tenant_id: {required: true}
  tenant_name: {required: true}
  tenant_date_of_birth: {type: date, placeholders: ["1900-01-01"]}
  address: {required: true}
  postcode: {required: true, format: uk_postcode}
  lsoa_code: {format: lsoa_code}
  imd_decile: {type: integer, minimum: 1, maximum: 10}
  reported_at: {type: datetime, required: true}
  channel: {allowed: [Phone, Online form, Email, Webchat, Operative-raised]}
  trade: {required: true}
  priority: {required: true, allowed: [Emergency, Urgent, Routine]}
  no_access_visits: {type: integer, minimum: 0}
  completed_at: {type: datetime}
  tenant_sex: {allowed: [Female, Male], legacy_codes: ["0", "1", "2", "9", "F", "M"]}
  tenant_ethnic_group:
    legacy_codes: [WBRI, WIRI, WIRT, WROM, WOTH, MWBC, MWBA, MWAS, MOTH, AIND, APKN, ABAN, AOTH,
                   CHNE, BCRB, BAFR, BOTH, OOTH, REFU, NOBT]
  tenant_disability: {legacy_codes: [UNSPECIFIED]}
  target_missed: {type: boolean, required: true}
rules:
  - completed_at is not before reported_at
"""


def _best_of(runs: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_audit(rows: int = 1_000_000) -> None:
    from labkit import data
    from labkit.quality import DataStandard, audit
    from labkit.quality._checks import build_plan

    std = DataStandard.from_yaml(STANDARD)
    dirty = data.generate("housing_repairs", rows=rows, seed=0).dirty[list(std.column_names)]
    plan = build_plan(dirty, std)
    n_checks = len(plan.specs)

    def pandera_alone() -> None:
        import pandera.pandas as pa

        for schema, frame in plan.runs:
            with contextlib.suppress(pa.errors.SchemaErrors):
                schema.validate(frame, lazy=True, inplace=True)

    t_audit, report = _best_of(2, lambda: audit(dirty, std))
    t_pandera, _ = _best_of(2, pandera_alone)
    storage = getattr(dirty["tenant_name"].dtype, "storage", "object")
    print(
        f"labkit audit of {len(dirty):,} rows x {dirty.shape[1]} columns, {n_checks} checks, "
        f"{len(report.findings)} problems found, text stored as {storage}: {t_audit:.2f} s (goal <= 5 s)"
    )
    print(
        f"pandera alone on the same checks: {t_pandera:.2f} s; ratio {t_audit / t_pandera:.2f}x (goal <= 2x)"
    )


def _people(n: int, rng: np.random.Generator, start: int) -> pd.DataFrame:
    from labkit.data import _codes as C

    first = np.asarray(C.FIRST_NAMES_FEMALE + C.FIRST_NAMES_MALE, dtype=object)
    last = np.asarray(C.SURNAMES, dtype=object)
    letters = np.asarray(list(C.POSTCODE_LETTERS), dtype=object)
    households = rng.integers(0, n // 2, n)
    district = (households % 30 + 1).astype(str)
    sector = (households // 30 % 10).astype(str)
    unit = letters[households // 300 % len(letters)] + letters[households // 6000 % len(letters)]
    return pd.DataFrame(
        {
            "person_id": [f"R{start + i:07d}" for i in range(n)],
            "name": rng.choice(first, n) + " " + rng.choice(last, n),
            "date_of_birth": pd.Timestamp("1930-01-01")
            + pd.to_timedelta(rng.integers(0, 27_000, n), unit="D"),
            "postcode": "ZX" + district + " " + sector + unit,
            "uprn": 990_000_000_000 + start + households,
        }
    )


def _variant(names: pd.Series, rng: np.random.Generator) -> pd.Series:
    parts = names.str.split(" ", n=1, expand=True)
    first, last = parts[0], parts[1]
    op = rng.integers(0, 5, len(names))
    cut = last.str[:2] + last.str[3:]  # a letter dropped
    out = names.copy()
    out = out.where(op != 0, first + " " + cut)
    out = out.where(op != 1, first.str[0] + " " + last)  # initial only
    out = out.where(op != 2, last + ", " + first)  # surname first
    out = out.where(op != 3, names.str.upper())
    return out


def bench_matching(n: int = 100_000) -> None:
    from labkit.quality import match_people

    rng = np.random.default_rng(0)
    left = _people(n, rng, 0)
    same = rng.choice(n, n // 2, replace=False)
    again = left.iloc[same].reset_index(drop=True)
    again["person_id"] = [f"C{i:07d}" for i in range(len(again))]
    again["name"] = _variant(again["name"], rng)
    moved = rng.random(len(again)) < 0.1  # a tenth have moved: new postcode and UPRN
    again.loc[moved, "postcode"] = "ZX99 9ZZ"
    again.loc[moved, "uprn"] = 990_999_000_000 + np.arange(int(moved.sum()))
    others = _people(n - len(again), rng, 5_000_000)
    others["person_id"] = [f"C{len(again) + i:07d}" for i in range(len(others))]
    right = pd.concat([again, others], ignore_index=True)
    truth = pd.DataFrame({"left_id": left["person_id"].iloc[same].to_numpy(), "right_id": again["person_id"]})
    cols = {"id": "person_id"}
    t, report = _best_of(
        1, lambda: match_people(left, right, left_columns=cols, right_columns=cols, truth=truth)
    )
    print(
        f"labkit match_people {n:,} against {n:,} people: {t:.1f} s (goal <= 30 s); "
        f"{report.n_candidates:,} candidate pairs after blocking (of {n * n:,}); "
        f"precision {report.precision:.3f}, recall {report.recall:.3f} against "
        f"{len(truth):,} planted duplicates (goal both >= 0.95)"
    )


def main() -> None:
    bench_audit()
    bench_matching()


if __name__ == "__main__":
    main()
