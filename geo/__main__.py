"""Command line of the geo package.

    python -m geo build-reference --from ../shared/geo [--out geo/layers]

derives the compact reference layers the app reads from the official raw files (see
``geo.build`` and data/SOURCES.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo import config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser(
        "build-reference",
        help="derive the reference layers (geo/layers) from the official raw files",
        description="Derive the compact reference layers from the raw files (PinC, Statbel, "
        "Eurostat, Gemeente-Stadsmonitor) in --from into --out. Same inputs, same bytes.",
    )
    build.add_argument("--from", dest="src", required=True, type=Path,
                       help="folder with the raw files (e.g. ../shared/geo)")
    build.add_argument("--out", type=Path, default=config.LAYERS_DIR,
                       help=f"output folder (default: {config.LAYERS_DIR})")
    args = parser.parse_args(argv)

    from geo.build import MissingInput, build_reference

    started = time.perf_counter()
    try:
        paths = build_reference(args.src, args.out)
    except MissingInput as exc:
        print(exc, file=sys.stderr)
        return 2
    for path in paths:
        print(f"{path.stat().st_size:>10,}  {path}")
    print(f"built {len(paths)} files in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
