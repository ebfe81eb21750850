"""Rebuild (or check) the committed sandbox files.

Usage::

    python -m labkit.data.rebuild           # write sandbox_data/ again from generate(..., seed=0)
                                            # (and the manifest's copy in labkit/data/)
    python -m labkit.data.rebuild --check   # only compare; exit 1 if any file differs

The files are deterministic on the pinned package versions, so a rebuild after
a checkout changes nothing. Run it after changing a generator, then commit the
new files and their manifest together.
"""

from __future__ import annotations

import argparse
import sys

from labkit.data._cache import PACKAGED_MANIFEST, parse_manifest
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
        fresh = parse_manifest(manifest_text(files))
        differ = sorted(p for p in set(expected) | set(fresh) if expected.get(p) != fresh.get(p))
        for path in differ:
            print(f"differs: {path}")
        print("sandbox matches its manifest." if not differ else f"{len(differ)} file(s) differ.")
        packaged = PACKAGED_MANIFEST.read_text(encoding="utf-8") == manifest_text(files)
        if not packaged:
            print(f"differs: the packaged copy of the manifest, {PACKAGED_MANIFEST.name}")
        return 1 if differ or not packaged else 0
    written = write_files(folder, files)
    # The package ships a copy of the manifest, to check the data it generates outside a checkout.
    PACKAGED_MANIFEST.write_text(manifest_text(files), encoding="utf-8", newline="\n")
    # Remove files an older version wrote that are no longer part of the sandbox.
    for stale in sorted(folder.glob("*/*")):
        rel = stale.relative_to(folder).as_posix()
        if stale.is_file() and rel not in files and stale.name.endswith((".csv", ".csv.gz", ".json")):
            stale.unlink()
            print(f"removed {rel} (no longer part of the sandbox)", file=sys.stderr)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(files)} files and {MANIFEST} to {folder.as_posix()} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
