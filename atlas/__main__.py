"""Command line: `python -m atlas validate [PATH]` and `python -m atlas serve [streamlit options]`.

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


def _serve(args: list[str]) -> int:
    """Start the app: `streamlit run app.py` for an st.navigation app with a pages/ folder.

    Streamlit decides once per process, before app.py has run, whether `pages/` is a legacy
    multipage folder; on the first session of a fresh server a deep link (e.g. /budget) then
    flashed a "Page not found" dialog before st.navigation took over. This app navigates with
    st.navigation only, so say so before the server starts (checked by
    tests/e2e/test_fresh_server_links.py).
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(schema.REPO_ROOT / "app.py"), *args]
    return cli.main()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Zorgzame buurten in kaart: data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check a projects CSV; one line per problem")
    p_val.add_argument("path", nargs="?", default=str(schema.projects_csv()),
                       help="CSV file (default: $ATLAS_PROJECTS_CSV or the shipped data/projects.csv)")
    p_val.add_argument("--no-geo", action="store_true", help="skip the checks that need the reference geography")
    p_val.set_defaults(func=_validate)
    sub.add_parser("serve", help="start the app (streamlit run app.py); further options go to streamlit, "
                                 "e.g. --server.port 8501")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        return _serve(argv[1:])
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
