"""Command line: `python -m atlas validate [PATH]`.

Exit codes: 0 valid, 1 the data has problems, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas import schema


def _validate(args: argparse.Namespace) -> int:
    from atlas.data import institute_ids
    from atlas.validate import validate_file

    path = Path(args.path)
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    result = validate_file(path, use_geo=not args.no_geo, institutes=institute_ids())
    for notice in result.notices:
        print(f"notice: {notice}")
    for problem in result.problems:
        print(problem)
    n = len(result.rows)
    if result.ok:
        print(f"{path.name}: {n} rows, all valid")
        return 0
    bad = len(result.bad_rows())
    summary = f"{path.name}: {len(result.problems)} problem(s)"
    if not result.file_level_problem():
        summary += f" in {bad} of {n} rows"
    print(summary)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Zorgzame buurten in kaart: data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check a projects CSV; one line per problem")
    p_val.add_argument("path", nargs="?", default=str(schema.projects_csv()),
                       help="CSV file (default: $ATLAS_PROJECTS_CSV or the shipped data/projects.csv)")
    p_val.add_argument("--no-geo", action="store_true", help="skip the checks that need the reference geography")
    p_val.set_defaults(func=_validate)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
