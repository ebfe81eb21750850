"""Rebuild (or check) the committed sandbox files.

Usage::

    python -m labkit.data.rebuild           # write sandbox_data/ again from generate(..., seed=0)
    python -m labkit.data.rebuild --check   # only compare; exit 1 if any file differs

The files are deterministic on the pinned package versions, so a rebuild after
a checkout changes nothing. Run it after changing a generator, then commit the
new files and their manifest together.
"""

from __future__ import annotations

import argparse
import sys

from labkit.data._sandbox import (
    MANIFEST,
    build_sandbox,
    manifest_text,
    read_manifest,
    sandbox_dir,
    write_files,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m labkit.data.rebuild", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="compare with the manifest; write nothing")
    args = parser.parse_args(argv)
    folder = sandbox_dir()
    files = build_sandbox(progress=lambda what: print(f"generated {what}", file=sys.stderr))
    if args.check:
        expected = read_manifest(folder)
        fresh = dict(line.split("  ", 1)[::-1] for line in manifest_text(files).splitlines())
        differ = sorted(p for p in set(expected) | set(fresh) if expected.get(p) != fresh.get(p))
        for path in differ:
            print(f"differs: {path}")
        print("sandbox matches its manifest." if not differ else f"{len(differ)} file(s) differ.")
        return 1 if differ else 0
    written = write_files(folder, files)
    # Remove files an older version wrote that are no longer part of the sandbox.
    for path in sorted(folder.glob("*/*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in files and path.name.endswith((".csv", ".csv.gz", ".json")):
            path.unlink()
            print(f"removed {rel} (no longer part of the sandbox)", file=sys.stderr)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(files)} files and {MANIFEST} to {folder.as_posix()} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
