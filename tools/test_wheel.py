"""Build labkit's wheel, install it into a fresh environment outside the checkout, and try it there.

Run by ``make test-wheel`` (which ``make test`` calls). It needs the package index (PyPI) for the fresh
environment, so it runs outside the network guard. Steps, each timed:

1. build the wheel from this checkout (``pip wheel --no-deps``);
2. make a new virtual environment in a temporary folder, with no repository around it, and install the
   wheel there with the lock file as constraints (the versions the course is tested with);
3. there, with an empty data cache: ``labkit --version``, ``labkit quality audit`` on a CSV,
   ``labkit.data.load`` and friends for every sandbox dataset (compared with this checkout's frames and
   files) and ``labkit app --list``.

Usage: ``python tools/test_wheel.py [--keep]`` (``--keep`` leaves the temporary folder for a look).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]

# Run inside the fresh environment (and, for comparison, in the checkout's): a fingerprint of every
# sandbox file labkit.data reads, through the public API, plus where labkit and its data came from.
FINGERPRINT = r"""
import hashlib, json, sys, time
import pandas as pd
import labkit
from labkit import data
from labkit.data._sandbox import committed_entries

def frame(df):
    digest = hashlib.sha256(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
    digest.update(repr(list(zip(df.columns, map(str, df.dtypes)))).encode())
    return digest.hexdigest()

start = time.perf_counter()
folder = data.sandbox_dir()  # outside a checkout, the first call generates the cache
seconds = time.perf_counter() - start
out = {"labkit": labkit.__file__, "sandbox": str(folder), "seconds": seconds, "frames": {}}
for council, name, parts in committed_entries():
    key = f"{council}/{name}"
    out["frames"][key + ":clean"] = frame(data.load(name, clean=True, council=council))
    truth = data.load_ground_truth(name, council=council)
    out["frames"][key + ":ground_truth"] = json.dumps(truth, sort_keys=True)
    if "dirty" in parts:
        out["frames"][key] = frame(data.load(name, council=council))
        out["frames"][key + ":defect_log"] = frame(data.load_defect_log(name, council=council))
        out["frames"][key + ":crosswalk"] = frame(data.load_crosswalk(name, council=council))
out["datapackage"] = json.dumps(data.datapackage(), sort_keys=True)
json.dump(out, sys.stdout)
"""

HAS_PY_TYPED = "import labkit, pathlib; print((pathlib.Path(labkit.__file__).parent / 'py.typed').is_file())"


class Step:
    """Times a step and prints what it did."""

    times: ClassVar[dict[str, float]] = {}

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Step:
        print(f"test-wheel: {self.name} ...", flush=True)
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        Step.times[self.name] = time.perf_counter() - self.start
        print(f"test-wheel: {self.name}: {Step.times[self.name]:.1f} s", flush=True)


def run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(
            f"test-wheel: FAILED: {' '.join(map(str, cmd))} (exit {result.returncode})\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


def clean_env(home: Path, cache: Path) -> dict[str, str]:
    """The environment a team's machine would have: no labkit variables, no PYTHONPATH, an empty cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LABKIT_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), LABKIT_DATA_DIR=str(cache), PYTHONHASHSEED="0")
    return env


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"test-wheel: FAILED: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="labkit-wheel-"))
    try:
        return _main(tmp)
    finally:
        if args.keep:
            print(f"test-wheel: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _main(tmp: Path) -> int:
    started = time.perf_counter()
    work, home, cache = tmp / "work", tmp / "home", tmp / "cache"
    for folder in (work, home):
        folder.mkdir()
    pip = ["-m", "pip", "--disable-pip-version-check", "--quiet"]
    with Step("build the wheel"):
        # Build from a copy of the package sources, so the checkout gets no build/ or egg-info folders.
        src = tmp / "src"
        shutil.copytree(ROOT / "labkit", src / "labkit", ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, src / name)
        run(
            [
                sys.executable,
                *pip,
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(tmp / "dist"),
                ".",
            ],
            cwd=src,
        )
        wheel = next((tmp / "dist").glob("labkit-*.whl"))
    size = wheel.stat().st_size
    print(f"test-wheel: {wheel.name}: {size / 1e6:.2f} MB")
    with Step("make a fresh environment and install the wheel"):
        run([sys.executable, "-m", "venv", str(tmp / "venv")], cwd=work)
        python = str(tmp / "venv" / "bin" / "python")
        run(
            [
                python,
                *pip,
                "install",
                "-c",
                str(ROOT / "requirements" / "lock.txt"),
                str(wheel),
            ],
            cwd=work,
        )
    env = clean_env(home, cache)
    labkit = str(tmp / "venv" / "bin" / "labkit")
    with Step("labkit --version"):
        from labkit import __version__

        version = run([labkit, "--version"], cwd=work, env=env).strip()
        check(version == f"labkit {__version__}", f"labkit --version said {version!r}")
        typed = run([python, "-c", HAS_PY_TYPED], cwd=work, env=env)
        check(typed.strip() == "True", "the installed package has no py.typed")
    with Step("labkit.data.load for every dataset (first use: generates the cache)"):
        theirs = json.loads(run([python, "-c", FINGERPRINT], cwd=work, env=env))
    check(
        not theirs["labkit"].startswith(str(ROOT)),
        f"labkit was imported from the checkout: {theirs['labkit']}",
    )
    check(theirs["sandbox"].startswith(str(cache)), f"the data came from {theirs['sandbox']}, not the cache")
    print(f"test-wheel: generating the sandbox in the cache took {theirs['seconds']:.1f} s")
    checkout_env = {k: v for k, v in os.environ.items() if k != "LABKIT_SANDBOX_DIR"}
    ours = json.loads(run([sys.executable, "-c", FINGERPRINT], cwd=ROOT, env=checkout_env))
    differ = sorted(k for k in ours["frames"] if ours["frames"][k] != theirs["frames"].get(k))
    check(
        not differ and ours["frames"].keys() == theirs["frames"].keys(),
        f"frames differ from the checkout's: {differ}",
    )
    check(ours["datapackage"] == theirs["datapackage"], "datapackage() differs from the checkout's")
    _compare_files(Path(theirs["sandbox"]), Path(ours["sandbox"]))
    with Step("labkit quality audit on a CSV"):
        # 300 rows of the as-received repairs, checked against the sandbox's standard for them.
        lines = (ROOT / "sandbox_data" / "northbrook" / "housing_repairs.csv").read_text(encoding="utf-8")
        (work / "repairs.csv").write_text("\n".join(lines.splitlines()[:301]) + "\n", encoding="utf-8")
        audit = [labkit, "quality", "audit", "repairs.csv", "--standard", "sandbox:housing_repairs"]
        out = run([*audit, "--out", "audit.html"], cwd=work, env=env)
        check("labkit checked 300 repairs" in out and "\n- [" in out, f"unexpected audit output: {out[:500]}")
        check((work / "audit.html").is_file(), "the audit saved no report")
    with Step("labkit app --list"):
        out = run([labkit, "app", "--list"], cwd=work, env=env)
        check("Apps you can start" in out, f"unexpected app list: {out[:300]}")
    total = time.perf_counter() - started
    frames = len(theirs["frames"])
    print(
        f"test-wheel: passed: {frames} frames equal the checkout's; wheel {size / 1e6:.2f} MB; {total:.0f} s."
    )
    return 0


def _compare_files(cached: Path, checkout: Path) -> None:
    """Every file in the cache has the checkout's content (for .gz, the text inside)."""
    import gzip

    listed = [
        line.split("  ", 1)[1] for line in (checkout / "MANIFEST.sha256").read_text().splitlines() if line
    ]
    for rel in listed:
        a, b = (cached / rel).read_bytes(), (checkout / rel).read_bytes()
        if rel.endswith(".gz"):
            a, b = gzip.decompress(a), gzip.decompress(b)
        check(hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), f"{rel} differs from the checkout's")
    print(f"test-wheel: all {len(listed)} sandbox files in the cache equal the checkout's")


if __name__ == "__main__":
    sys.exit(main())
