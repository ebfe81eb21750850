"""``labkit data``: list, describe and generate the synthetic datasets.

Registration is cheap (argparse only); handlers import pandas and the generators when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``labkit data`` command group."""
    group = subparsers.add_parser(
        "data",
        help="list, describe and generate the synthetic council datasets",
        description="Synthetic datasets of two fictional councils, with known ground truth.",
    )
    sub = group.add_subparsers(dest="data_command", metavar="SUBCOMMAND")
    group.set_defaults(group_parser=group, handler=None)

    p = sub.add_parser("list", help="list the datasets and councils", description="List the datasets.")
    p.set_defaults(handler=handle_list)

    p = sub.add_parser("describe", help="show a dataset's data dictionary and planted truths",
                       description="Show a dataset's columns, planted truths and defects.")  # fmt: skip
    p.add_argument("name", help="dataset name, for example housing_repairs")
    p.add_argument("--council", default="northbrook", help="council profile (default: northbrook)")
    p.add_argument("--out", help="also save the description: .html, .md or .json")
    p.set_defaults(handler=handle_describe)

    p = sub.add_parser(
        "generate",
        help="generate a dataset and write its files",
        description="Generate a dataset and write the dirty CSV, clean CSV, defect log, identity crosswalk, "
        "ground truth JSON and datapackage.json to a folder.",
    )
    p.add_argument("name", help="dataset name, for example housing_repairs")
    p.add_argument("--rows", type=int, default=None, help="number of rows (default: the sandbox size)")
    p.add_argument("--seed", type=int, default=0, help="random seed, 0 or more (default: 0)")
    p.add_argument("--council", default="northbrook", help="council profile (default: northbrook)")
    p.add_argument("--no-defects", action="store_true", help="write the clean data only, no dirty copy")
    p.add_argument("--out", default="generated_data", help="folder to write to (default: generated_data)")
    p.set_defaults(handler=handle_generate)


def handle_list(args: argparse.Namespace) -> int:
    from labkit.data import councils, list_datasets
    from labkit.data._councils import COUNCILS
    from labkit.data._generate import get_spec

    print("Datasets (all synthetic):")
    for name in list_datasets():
        spec = get_spec(name)
        print(f"  {name:<24} {spec.summary}")
    print("Councils (both fictional):")
    for name in councils():
        print(f"  {name:<24} {COUNCILS[name].summary}")
    return 0


def handle_describe(args: argparse.Namespace) -> int:
    from labkit.data import describe

    report = describe(args.name, council=args.council)
    print(report.to_markdown())
    if args.out:
        print(f"Saved {report.save(args.out).as_posix()}")
    return 0


def handle_generate(args: argparse.Namespace) -> int:
    import json

    from labkit.data import generate
    from labkit.data._sandbox import FULL, datapackage_for, dataset_files, write_files

    rows_hint = args.rows or 0
    stages = ["population", "records", "defects", "files"]
    bar = None
    if rows_hint >= 200_000:
        from tqdm import tqdm

        bar = tqdm(total=len(stages), desc=f"generating {args.name}", unit="stage", file=sys.stderr)

    def step(stage: str) -> None:
        if bar is not None:
            bar.set_postfix_str(stage)
            bar.update(1)

    ds = generate(
        args.name,
        rows=args.rows,
        seed=args.seed,
        council=args.council,
        defects=None if args.no_defects else "default",
        progress=step,
    )
    parts = tuple(p for p in FULL if not (args.no_defects and p in {"dirty", "defect_log"}))
    files = {f"{ds.council}/{k}": v for k, v in dataset_files(ds, parts, compress_clean=False).items()}
    package = datapackage_for([(ds.council, ds.name, parts)], compressed=False)
    files["datapackage.json"] = (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    out = Path(args.out)
    try:
        written = write_files(out, files)
    except OSError as exc:
        from labkit import LabkitError

        raise LabkitError(
            f"The files could not be written: {exc.strerror or exc}.",
            where=f"folder {out.as_posix()!r}",
            fix="Choose a folder you can write to with --out.",
        ) from exc
    step("files")
    if bar is not None:
        bar.close()
    print(f"Generated {ds.rows:,} rows of {ds.name} for {ds.council} (seed {ds.seed}).")
    for path in written:
        print(f"  {path.as_posix()}")
    return 0
