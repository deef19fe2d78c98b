"""Command line: `python -m atlas validate [PATH] [--summary] [--against OLD.csv]` (atlas.cli.validate),
`python -m atlas serve [streamlit options]` (atlas.cli.serve), `python -m atlas export OUTDIR [--lang nl|en]`
and `python -m atlas meldingen list|show|accept|reject|purge|migrate` (atlas.cli.meldingen).

The top of atlas, beside app.py: it may import every layer, and nothing imports it.
Exit codes: 0 valid, 1 the data has problems, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.cli.validate import validate_safely
from atlas.model import schema


def _export(args: argparse.Namespace) -> int:
    """Write the static site (atlas.views.static_site) into OUTDIR."""
    from atlas.views.static_site import MAX_BYTES, build_site

    result = build_site(Path(args.outdir), args.lang)
    size = result.total_bytes
    print(f"{result.outdir}: index.html and {len(result.files) - 1} assets, {result.n_projects} projects, "
          f"{size / 1_000_000:.2f} MB")
    if result.n_skipped:
        print(f"{result.n_skipped} invalid row(s) left out: run `python -m atlas validate` for the reasons")
    if size >= MAX_BYTES:
        print(f"warning: the export is {size} bytes, over the {MAX_BYTES} byte budget", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description="Zorgzame buurten in kaart: data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    p_val = sub.add_parser("validate", help="check a projects CSV; one line per problem")
    p_val.add_argument("path", nargs="?", default=str(schema.projects_csv()),
                       help="CSV file (default: $ATLAS_PROJECTS_CSV or the shipped data/projects.csv)")
    p_val.add_argument("--no-geo", action="store_true", help="skip the checks that need the reference geography")
    p_val.add_argument("--summary", action="store_true",
                       help="print rows known per programme and province (high / medium) against the official counts")
    p_val.add_argument("--against", metavar="OLD.csv",
                       help="also list the ids added, removed and changed (with the columns) since OLD.csv")
    p_val.set_defaults(func=lambda a: validate_safely(Path(a.path), no_geo=a.no_geo, summary=a.summary,
                                                       against=Path(a.against) if a.against else None))
    p_exp = sub.add_parser("export", help="write a static site (index.html + assets) that opens from file:// offline")
    p_exp.add_argument("outdir", help="folder to write (created if missing)")
    p_exp.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the page (default nl)")
    p_exp.set_defaults(func=_export)
    sub.add_parser("serve", help="start the app (streamlit run app.py); further options go to streamlit, "
                                 "e.g. --server.port 8501")
    sub.add_parser("meldingen", help="reports from users: list, show, accept, reject, purge, migrate")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["meldingen"]:
        from atlas.cli.meldingen import main as meldingen_main

        return meldingen_main(argv[1:])
    if argv[:1] == ["serve"]:
        from atlas.cli.serve import serve

        return serve(argv[1:])
    args = parser.parse_args(argv)
    return args.func(args)
