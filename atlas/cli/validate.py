"""`python -m atlas validate [PATH] [--no-geo] [--summary] [--against OLD.csv]`: check a projects
file and the reference files beside it, print one line per problem, and optionally the rows known
per programme and province and what changed since an older file.

Exit codes: 0 valid, 1 the data has problems (or the checks could not run), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from atlas.model import schema


def _beside(path: Path, shipped: Path) -> Path:
    """A reference file next to the projects file if there is one, else the shipped one."""
    beside = path.with_name(shipped.name)
    return beside if beside.exists() else shipped


def _groups_file(path: Path) -> Path:
    """budget_groups.csv next to the projects file if there is one, else the shipped one."""
    return _beside(path, schema.BUDGET_GROUPS_CSV)


def validate(path: Path, *, no_geo: bool = False, summary: bool = False, against: Path | None = None) -> int:
    """`python -m atlas validate`: one line per problem, a summary line; exit code 0 valid, 1 problems, 2 usage."""
    from atlas.model.data import institute_ids
    from atlas.model.validate import (budget_groups_by_id, geo_layer_problems, listing, read_rows, reference_problems,
                                validate_file)

    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    if against is not None and not against.exists():
        print(f"{against}: no such file", file=sys.stderr)
        return 2
    groups_path = _groups_file(path)
    institutes_path = _beside(path, schema.INSTITUTES_CSV)
    group_problems = reference_problems(institutes_path, _beside(path, schema.PROGRAMMES_CSV), groups_path,
                                        _beside(path, schema.OFFICIAL_COUNTS_CSV))
    if not no_geo:  # a broken (empty, truncated) geography layer fails validation
        group_problems += geo_layer_problems()
    result = validate_file(path, use_geo=not no_geo, institutes=institute_ids(institutes_path),
                           groups=budget_groups_by_id(groups_path))
    for notice in result.notices:
        print(f"notice: {notice}")
    for line in listing([*group_problems, *result.problems]):
        print(line)
    if summary or against is not None:
        print_summary(result, path, against, read_rows, summary=summary)
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
        print(f"{path.name}: {n} rows, all valid" + (" (geographic checks skipped: --no-geo)" if no_geo else ""))
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


def validate_safely(path: Path, **options) -> int:
    """`validate` never ends in a traceback: bad data is a problem line, anything else one line."""
    try:
        return validate(path, **options)
    except Exception as exc:  # noqa: BLE001 - last resort; the checks themselves never raise on bad data
        print(f"{path}: cannot be validated ({type(exc).__name__}: {str(exc)[:200]})")
        return 1


def print_summary(result, path: Path, against: Path | None, read_rows, *, summary: bool) -> None:
    from atlas.model import data_summary
    from atlas.model.data import programmes as read_programmes

    if summary:
        facts = read_programmes(_beside(path, schema.PROGRAMMES_CSV))
        programmes = {r["programme"]: dict(r) for _, r in facts.iterrows()}
        bad = result.bad_rows()
        valid = [r for i, r in enumerate(result.rows, start=1) if i not in bad]
        print()
        print(f"Rows known per programme and province ({len(valid)} valid rows of {len(result.rows)} in {path.name}):")
        from atlas.model.completeness import official_area_counts

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
