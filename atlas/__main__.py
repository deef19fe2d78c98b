"""Command line: `python -m atlas validate [PATH] [--summary] [--against OLD.csv]` and
`python -m atlas serve [streamlit options]` and `python -m atlas export OUTDIR [--lang nl|en]`
and `python -m atlas meldingen list|show|accept|reject|purge|migrate` (atlas.meldingen.cli).

Exit codes: 0 valid, 1 the data has problems, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from atlas import schema


def _beside(path: Path, shipped: Path) -> Path:
    """A reference file next to the projects file if there is one, else the shipped one."""
    beside = path.with_name(shipped.name)
    return beside if beside.exists() else shipped


def _groups_file(path: Path) -> Path:
    """budget_groups.csv next to the projects file if there is one, else the shipped one."""
    return _beside(path, schema.BUDGET_GROUPS_CSV)


def _validate(args: argparse.Namespace) -> int:
    from atlas.data import institute_ids
    from atlas.validate import (budget_groups_by_id, geo_layer_problems, listing, read_rows, reference_problems,
                                validate_file)

    path = Path(args.path)
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    against = Path(args.against) if args.against else None
    if against is not None and not against.exists():
        print(f"{against}: no such file", file=sys.stderr)
        return 2
    groups_path = _groups_file(path)
    institutes_path = _beside(path, schema.INSTITUTES_CSV)
    group_problems = reference_problems(institutes_path, _beside(path, schema.PROGRAMMES_CSV), groups_path,
                                        _beside(path, schema.OFFICIAL_COUNTS_CSV))
    if not args.no_geo:  # a broken (empty, truncated) geography layer fails validation
        group_problems += geo_layer_problems()
    result = validate_file(path, use_geo=not args.no_geo, institutes=institute_ids(institutes_path),
                           groups=budget_groups_by_id(groups_path))
    for notice in result.notices:
        print(f"notice: {notice}")
    for line in listing([*group_problems, *result.problems]):
        print(line)
    if args.summary or against is not None:
        _print_summary(result, path, against, read_rows, summary=args.summary)
    n = len(result.rows)
    if result.geo_unavailable:
        # Never "all valid" when checks that were asked for did not run (unknown NIS codes and
        # points outside their municipality would pass unseen).
        print(f"{path.name}: NOT validated: the geographic checks (known NIS code, point inside its "
              f"municipality) could not run: {result.geo_unavailable}. Point ATLAS_GEO_DIR at a folder "
              f"with the derived layers (python -m geo build-reference), or pass --no-geo to check "
              f"everything else only.")
        return 1
    if result.ok and not group_problems:
        print(f"{path.name}: {n} rows, all valid" + (" (geographic checks skipped: --no-geo)" if args.no_geo else ""))
        return 0
    bad = len(result.bad_rows())
    if result.ok:
        summary = f"{path.name}: {n} rows, all valid"
    else:
        summary = f"{path.name}: {len(result.problems)} problem(s)"
        if not result.file_level_problem():
            summary += f" in {bad} of {n} rows"
    if group_problems:
        summary += f"; {len(group_problems)} problem(s) in the reference files"
    print(summary)
    return 1


def _validate_safely(args: argparse.Namespace) -> int:
    """`validate` never ends in a traceback: bad data is a problem line, anything else one line."""
    try:
        return _validate(args)
    except Exception as exc:  # noqa: BLE001 - last resort; the checks themselves never raise on bad data
        print(f"{args.path}: cannot be validated ({type(exc).__name__}: {str(exc)[:200]})")
        return 1


def _print_summary(result, path: Path, against: Path | None, read_rows, *, summary: bool) -> None:
    from atlas import data_summary
    from atlas.data import programmes as read_programmes

    if summary:
        facts = read_programmes(_beside(path, schema.PROGRAMMES_CSV))
        programmes = {r["programme"]: dict(r) for _, r in facts.iterrows()}
        bad = result.bad_rows()
        valid = [r for i, r in enumerate(result.rows, start=1) if i not in bad]
        print()
        print(f"Rows known per programme and province ({len(valid)} valid rows of {len(result.rows)} in {path.name}):")
        from atlas.completeness import official_area_counts

        official = official_area_counts(_beside(path, schema.OFFICIAL_COUNTS_CSV))
        areas = {(r.programme, r.area): int(r.official_count) for r in official.itertuples()}
        print(data_summary.format_summary(valid, programmes, areas))
    if against is not None:
        old = read_rows(against.read_bytes(), against.name)
        print()
        if old.file_level_problem():
            print(f"{against.name}: cannot compare: " + "; ".join(str(p) for p in old.problems if p.row is None))
        else:
            print(data_summary.format_changes(data_summary.changes(old.rows, result.rows), against.name, path.name))
    print()


def _export(args: argparse.Namespace) -> int:
    """Write the static site (atlas.static_site) into OUTDIR."""
    from atlas.static_site import MAX_BYTES, build_site

    result = build_site(Path(args.outdir), args.lang)
    size = result.total_bytes
    print(f"{result.outdir}: index.html and {len(result.files) - 1} assets, {result.n_projects} projects, "
          f"{size / 1_000_000:.2f} MB")
    if result.n_skipped:
        print(f"{result.n_skipped} invalid row(s) left out: run `python -m atlas validate` for the reasons")
    if size >= MAX_BYTES:
        print(f"warning: the export is {size} bytes, over the {MAX_BYTES} byte budget", file=sys.stderr)
    return 0


def _cache_hashed_assets() -> bool:
    """Add atlas.cache_headers.CacheHashedAssets to Streamlit's server (Starlette), which has no
    setting for response headers. Streamlit builds its middleware list by calling
    `starlette_app.create_streamlit_middleware` when the server starts; ours goes last (inside
    the others). False, and the app runs without it, if this Streamlit is built differently."""
    try:
        from starlette.middleware import Middleware
        from streamlit.web.server.starlette import starlette_app
    except ImportError:
        return False
    original = getattr(starlette_app, "create_streamlit_middleware", None)
    if original is None or getattr(original, "_zb_cache", False):
        return original is not None
    from atlas.cache_headers import CacheHashedAssets

    def with_cache_headers():
        return [*original(), Middleware(CacheHashedAssets)]

    with_cache_headers._zb_cache = True
    starlette_app.create_streamlit_middleware = with_cache_headers
    return True


# Streamlit's warnings about caches used outside a session ("No runtime found", "missing
# ScriptRunContext"): expected while warming up, so not logged then.
BARE_MODE_LOGGERS = ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils.script_run_context")


def _warm() -> float:
    """atlas.ui.warm_process, with Streamlit's bare-mode warnings left out (a logging filter:
    Streamlit resets its loggers' levels when it reads its config)."""
    import logging

    quiet = logging.Filter("warm-up")  # passes only records of a logger named warm-up*
    for name in BARE_MODE_LOGGERS:
        logging.getLogger(name).addFilter(quiet)
    try:
        from atlas import ui

        return ui.warm_process()
    finally:
        for name in BARE_MODE_LOGGERS:
            logging.getLogger(name).removeFilter(quiet)


def _serve(args: list[str]) -> int:
    """Start the app: `streamlit run app.py` for an st.navigation app with a pages/ folder.

    Streamlit decides once per process, before app.py has run, whether `pages/` is a legacy
    multipage folder; on the first session of a fresh server a deep link (e.g. /budget) then
    flashed a "Page not found" dialog before st.navigation took over. This app navigates with
    st.navigation only, so say so before the server starts (checked by
    tests/e2e/test_fresh_server_links.py).
    """
    _deep_paths_go_to_their_page()
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    if not _cache_hashed_assets():
        print("note: this Streamlit cannot take the cache headers of /app/static/zb/data/ "
              "(atlas/cache_headers.py); the files are revalidated instead", file=sys.stderr)
    if os.environ.get("ATLAS_NO_WARM") != "1":  # ATLAS_NO_WARM=1: measure a cold start (python -m bench browser)
        print(f"warmed up in {_warm():.1f} s (data, reference layers, map files)", flush=True)
    sys.argv = ["streamlit", "run", str(schema.REPO_ROOT / "app.py"), *args]
    return cli.main()


def deep_path_redirect(path: str, query: str = "") -> str | None:
    """Where a path of several segments that is no file goes: its first segment (a page, or
    Streamlit's "page not found" with the app's default page), relative so that it also works
    under a proxy's path prefix. `kaart/extra/deep` -> `../../kaart`. None for one segment."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if len(parts) < 2:
        return None
    return "../" * (len(parts) - 1) + parts[0] + (f"?{query}" if query else "")


def _deep_paths_go_to_their_page() -> None:
    """Streamlit answers any unknown path with its index.html, whose scripts are relative
    (`./static/js/...`): under `/kaart/extra/deep` they resolve to `/kaart/extra/static/...`,
    which is index.html again, and the page stays blank. Such a path is redirected to its first
    segment instead; a missing file under /static/ is a 404. (Checked by
    tests/e2e/test_fresh_server_links.py.)"""
    from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse
    from streamlit.web.server.starlette import starlette_static_routes as routes

    make = routes.create_streamlit_static_handler
    if getattr(make, "atlas_deep_paths", False):
        return

    def create(*args, **kwargs):
        handler = make(*args, **kwargs)
        cls = type(handler)
        base_get = cls.get_response

        async def get_response(self, path, scope):
            response = await base_get(self, path, scope)
            if not (isinstance(response, FileResponse) and response.path == self._index_path):
                return response
            query = scope.get("query_string", b"").decode("latin-1")
            target = deep_path_redirect(path, query)
            if target is None:
                return response
            if target.rsplit("/", 1)[-1].split("?")[0] == "static":
                return PlainTextResponse("Not found", status_code=404)
            return RedirectResponse(target, status_code=302, headers={"Cache-Control": "no-cache"})

        cls.get_response = get_response
        return handler

    create.atlas_deep_paths = True
    routes.create_streamlit_static_handler = create


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
    p_val.set_defaults(func=_validate_safely)
    p_exp = sub.add_parser("export", help="write a static site (index.html + assets) that opens from file:// offline")
    p_exp.add_argument("outdir", help="folder to write (created if missing)")
    p_exp.add_argument("--lang", choices=("nl", "en"), default="nl", help="language of the page (default nl)")
    p_exp.set_defaults(func=_export)
    sub.add_parser("serve", help="start the app (streamlit run app.py); further options go to streamlit, "
                                 "e.g. --server.port 8501")
    sub.add_parser("meldingen", help="reports from users: list, show, accept, reject, purge, migrate")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["meldingen"]:
        from atlas.meldingen.cli import main as meldingen_main

        return meldingen_main(argv[1:])
    if argv[:1] == ["serve"]:
        return _serve(argv[1:])
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
